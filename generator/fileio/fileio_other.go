//go:build !unix

package fileio

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
)

var errSymlink = errors.New("the file was replaced by a symbolic link")

// readFile returns the contents of the regular file at path; a file of
// more than limit bytes is a *TooLargeError, checked before reading and
// while reading. follow false refuses a symbolic link (checked before
// opening: these systems have no O_NOFOLLOW).
func readFile(dst []byte, path string, limit int64, follow bool) ([]byte, error) {
	if !follow {
		if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
			return nil, &fs.PathError{Op: "open", Path: path, Err: errSymlink}
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := bytes.NewBuffer(dst[:0])
	if fi, err := f.Stat(); err == nil {
		if !fi.Mode().IsRegular() {
			return nil, &NotRegularError{Path: path}
		}
		if fi.Size() > limit {
			return nil, &TooLargeError{Path: path, Size: fi.Size(), Limit: limit}
		}
		buf.Grow(int(fi.Size()) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, &TooLargeError{Path: path, Size: -1, Limit: limit}
	}
	return buf.Bytes(), nil
}

// WriteFile writes data to the file at path, creating it with mode 0644 or
// truncating it.
func WriteFile(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }
