// Package fileio reads and writes the many small regular files of a build.
//
// os.Open and os.Create register every file with the runtime's network
// poller, which a regular file refuses on Linux: four fcntl calls and a
// failing epoll_ctl on top of open, read and close — for a 10,000-page
// build some 150,000 system calls that do nothing. On Unix systems this
// package talks to the file descriptor directly; elsewhere it uses package
// os.
package fileio

import "fmt"

// TooLargeError is returned by ReadFile for a file above the limit. Size
// is the size the file system reported, or -1 when the file grew past the
// limit while it was read.
type TooLargeError struct {
	Path  string
	Size  int64
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: larger than %d bytes", e.Path, e.Limit)
}

// ReadOwnFile reads a file klartext wrote itself outside the output (the
// image cache): bounded like every read, a symbolic link or anything but a
// regular file refused. The site's own files are read through Files, whose
// scan decides which of them may be read at all.
func ReadOwnFile(path string, limit int64) ([]byte, error) {
	return readFile(nil, path, limit, false)
}
