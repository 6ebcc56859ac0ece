package fileio

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// filesFS serves the files below one folder of a Scan as a read-only
// fs.FS: only the files Scan listed exist in it, each read through
// Files.ReadFile. Folders are those that hold a listed file.
type filesFS struct {
	files  *Files
	prefix string   // "themes/klartext/", from the site root
	list   []string // the files below prefix, sorted, from the site root
	limit  int64
}

var (
	_ fs.ReadFileFS = (*filesFS)(nil)
	_ fs.ReadDirFS  = (*filesFS)(nil)
	_ fs.StatFS     = (*filesFS)(nil)
)

func (f *filesFS) full(name string) string { return f.prefix + name }

// isDir reports whether name ("." for the top) holds a listed file.
func (f *filesFS) isDir(name string) bool {
	if name == "." {
		return len(f.list) > 0
	}
	p := f.full(name) + "/"
	i := sort.SearchStrings(f.list, p)
	return i < len(f.list) && strings.HasPrefix(f.list[i], p)
}

func (f *filesFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	data, err := f.files.ReadFile(f.full(name), f.limit)
	if pe, ok := err.(*fs.PathError); ok {
		pe.Path = name
	}
	return data, err
}

func (f *filesFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	if f.isDir(name) {
		return info{name: path.Base(name), dir: true}, nil
	}
	if name != "." && f.files.Has(f.full(name)) {
		return info{name: path.Base(name)}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

func (f *filesFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	if !f.isDir(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	p := f.prefix
	if name != "." {
		p = f.full(name) + "/"
	}
	var out []fs.DirEntry
	last := ""
	for i := sort.SearchStrings(f.list, p); i < len(f.list) && strings.HasPrefix(f.list[i], p); i++ {
		rest := f.list[i][len(p):]
		entry := info{name: rest}
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			entry = info{name: rest[:j], dir: true}
		}
		if entry.name == last {
			continue // a folder with several files
		}
		last = entry.name
		out = append(out, fs.FileInfoToDirEntry(entry))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

func (f *filesFS) Open(name string) (fs.File, error) {
	st, err := f.Stat(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if st.IsDir() {
		entries, err := f.ReadDir(name)
		if err != nil {
			return nil, err
		}
		return &dirFile{info: st.(info), entries: entries}, nil
	}
	data, err := f.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return &memFile{info: st.(info), r: bytes.NewReader(data)}, nil
}

// info is the FileInfo of a listed file or folder; the build needs their
// names and kinds, not their sizes (Size is 0: listing costs no stat) or
// times.
type info struct {
	name string
	dir  bool
}

func (i info) Name() string { return i.name }
func (i info) Size() int64  { return 0 }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }

type memFile struct {
	info info
	r    *bytes.Reader
}

func (m *memFile) Stat() (fs.FileInfo, error) { return m.info, nil }
func (m *memFile) Read(b []byte) (int, error) { return m.r.Read(b) }
func (m *memFile) Close() error               { return nil }

type dirFile struct {
	info    info
	entries []fs.DirEntry
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}
func (d *dirFile) Close() error { return nil }
func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}
