package theme

import (
	"errors"
	"io/fs"
	"sort"
)

// overlayFS reads a file from the first layer that has it, and lists the
// union of the layers' folders.
type overlayFS []fs.FS

func overlay(layers []fs.FS) fs.FS { return overlayFS(layers) }

func (o overlayFS) Open(name string) (fs.File, error) {
	var firstErr error
	for _, l := range o {
		f, err := l.Open(name)
		if err == nil {
			return f, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
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
