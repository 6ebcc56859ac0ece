//go:build unix

package fileio

import (
	"io/fs"
	"syscall"
)

// readFile returns the contents of the regular file at path; a file of
// more than limit bytes is a *TooLargeError, checked before reading and
// while reading. Anything but a regular file is a *NotRegularError: the
// file is opened without blocking, so a named pipe is refused instead of
// waiting for a writer forever. follow false opens the path's last
// element without following a symbolic link (ELOOP if it is one). The
// flags cost no system call: open, fstat, read and close, as before.
func readFile(dst []byte, path string, limit int64, follow bool) ([]byte, error) {
	mode := syscall.O_RDONLY | syscall.O_NONBLOCK
	if !follow {
		mode |= syscall.O_NOFOLLOW
	}
	fd, err := open(path, mode, 0)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := ignoringEINTR(func() error { return syscall.Fstat(fd, &st) }); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, &NotRegularError{Path: path}
	}
	if st.Size > limit {
		return nil, &TooLargeError{Path: path, Size: st.Size, Limit: limit}
	}
	// One byte more than the size, so the first read shows the end.
	buf := dst[:0]
	if int64(cap(buf)) < st.Size+1 {
		buf = make([]byte, 0, st.Size+1)
	}
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				return nil, &TooLargeError{Path: path, Size: -1, Limit: limit}
			}
			buf = append(buf, 0)[:len(buf)] // the file grew: room for more
		}
		want := cap(buf) - len(buf)
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		buf = buf[:len(buf)+n]
		// A regular file reads short only at its end: no second read to
		// see the end of every page.
		if n < want {
			break
		}
	}
	if int64(len(buf)) > limit {
		return nil, &TooLargeError{Path: path, Size: -1, Limit: limit}
	}
	return buf, nil
}

// WriteFile writes data to the file at path, creating it with mode 0644 or
// truncating it.
func WriteFile(path string, data []byte) error {
	fd, err := open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: path, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: path, Err: err}
	}
	return nil
}

func open(path string, mode int, perm uint32) (int, error) {
	var fd int
	err := ignoringEINTR(func() error {
		var err error
		fd, err = syscall.Open(path, mode|syscall.O_CLOEXEC, perm)
		return err
	})
	if err != nil {
		return -1, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return fd, nil
}

func ignoringEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
