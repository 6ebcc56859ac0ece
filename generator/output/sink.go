package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Sink is where a build's files go: the staging folder of a full build
// (*Staging), the folder klartext serve serves (Live), or nowhere
// (Discard, for klartext check). The stages write through a Writer, which
// takes the paths a Registry has owners for only; an incremental build
// runs the same stages with another sink.
type Sink interface {
	WriteFile(sitePath string, data []byte) error
	Remove(sitePath string) error
}

// Remove removes a file of the site being written; one that is not there
// is no error.
func (s *Staging) Remove(sitePath string) error {
	p, err := s.Path(sitePath)
	if err != nil {
		return err
	}
	return ignoreMissing(os.Remove(p))
}

// Live writes into the folder klartext serve serves, each file through a
// temporary file and a rename, so a reader never sees half a page.
type Live string

// WriteFile writes one file of the served site.
func (d Live) WriteFile(sitePath string, data []byte) error {
	p, err := d.path(sitePath)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".klartext-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}

// Remove removes a file of the served site that the build no longer makes.
func (d Live) Remove(sitePath string) error {
	p, err := d.path(sitePath)
	if err != nil {
		return err
	}
	return ignoreMissing(os.Remove(p))
}

func (d Live) path(sitePath string) (string, error) {
	for _, seg := range strings.Split(filepath.ToSlash(sitePath), "/") {
		if seg == ".." {
			return "", errors.New("refusing to write " + sitePath + ": it leaves the output folder")
		}
	}
	return filepath.Join(string(d), filepath.FromSlash(filepath.Clean("/"+sitePath))), nil
}

func ignoreMissing(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Discard takes every file and keeps none: a build that only validates.
var Discard Sink = discard{}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }
func (discard) Remove(string) error            { return nil }

// Below is sink's folder dir (a site path without slashes around it,
// "en"): the sink of a language's site below the default's, whose paths
// are the language site's own ("/products/x/index.html" is written as
// "/en/products/x/index.html").
func Below(sink Sink, dir string) Sink { return below{sink, "/" + dir} }

type below struct {
	Sink
	dir string
}

func (b below) WriteFile(sitePath string, data []byte) error {
	return b.Sink.WriteFile(b.dir+sitePath, data)
}

func (b below) Remove(sitePath string) error { return b.Sink.Remove(b.dir + sitePath) }
