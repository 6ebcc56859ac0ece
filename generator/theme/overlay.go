package theme

import (
	"errors"
	"io/fs"
	"sort"
)

// overlayFS reads a file from the first layer that has it, and lists the
// union of the layers' folders. A layer's error other than "does not
// exist" (a file too large, refused) is the answer: the next layer's file
// of the same name must not stand in for it silently.
type overlayFS []fs.FS

func overlay(layers []fs.FS) fs.FS { return overlayFS(layers) }

func (o overlayFS) Open(name string) (fs.File, error) {
	return first(o, func(l fs.FS) (fs.File, error) { return l.Open(name) })
}

func (o overlayFS) ReadFile(name string) ([]byte, error) {
	return first(o, func(l fs.FS) ([]byte, error) { return fs.ReadFile(l, name) })
}

func (o overlayFS) Stat(name string) (fs.FileInfo, error) {
	return first(o, func(l fs.FS) (fs.FileInfo, error) { return fs.Stat(l, name) })
}

// first is the first layer's answer that is not "does not exist".
func first[T any](layers overlayFS, try func(fs.FS) (T, error)) (T, error) {
	var zero T
	var firstErr error
	for _, l := range layers {
		v, err := try(l)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return v, err
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return zero, firstErr
}

func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, l := range o {
		entries, err := fs.ReadDir(l, name)
		if err != nil {
			continue
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not found")}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
