package fileio

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("Zeile mit Umlauten: äöü\n"), 5000)
	for _, tt := range []struct {
		name   string
		data   []byte
		limit  int64
		tooBig bool
	}{
		{"empty", nil, 10, false},
		{"small", []byte("---\ntitle: x\n---\nText\n"), 1 << 20, false},
		{"larger than a page of memory", big, 1 << 20, false},
		{"exactly the limit", []byte("12345"), 5, false},
		{"one byte over", []byte("123456"), 5, true},
	} {
		p := filepath.Join(dir, tt.name)
		if err := os.WriteFile(p, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFile(nil, p, tt.limit, false)
		var tl *TooLargeError
		switch {
		case tt.tooBig && (!errors.As(err, &tl) || tl.Size != int64(len(tt.data)) || tl.Limit != tt.limit):
			t.Errorf("%s: err %v, want a TooLargeError with size %d", tt.name, err, len(tt.data))
		case !tt.tooBig && (err != nil || !bytes.Equal(got, tt.data)):
			t.Errorf("%s: %d bytes, %v; want %d bytes", tt.name, len(got), err, len(tt.data))
		}
	}
	if _, err := readFile(nil, filepath.Join(dir, "missing"), 10, false); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "index.html")
	if err := WriteFile(p, []byte("erste, längere Fassung")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("zweite")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil || string(got) != "zweite" {
		t.Errorf("after two writes: %q %v, want the second, the file truncated", got, err)
	}
	ref := filepath.Join(dir, "ref.html")
	if err := os.WriteFile(ref, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err1 := os.Stat(p)
	rfi, err2 := os.Stat(ref)
	if err1 != nil || err2 != nil || fi.Mode() != rfi.Mode() {
		t.Errorf("mode %v (%v), want %v as os.WriteFile with 0644 makes it", fi.Mode(), err1, rfi.Mode())
	}
	if err := WriteFile(filepath.Join(dir, "missing", "x.html"), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("write into a missing folder: %v, want fs.ErrNotExist", err)
	}
}
