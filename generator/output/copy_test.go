package output

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCopyFile: small and large files arrive byte for byte, readable by
// all (0644 whatever the source's mode), and as files of their own: a
// later write into the source leaves the copy as it was.
func TestCopyFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1000, streamFrom, streamFrom + 1, 3*streamFrom + 17} {
		data := bytes.Repeat([]byte{byte(size), 1, 2, 3, 4, 5, 6}, size/7+1)[:size]
		src := filepath.Join(dir, "quelle.webm")
		if err := os.WriteFile(src, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Begin(filepath.Join(dir, "public"))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CopyFile("/videos/film.webm", src); err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(s.Dir, "videos", "film.webm")
		got, err := os.ReadFile(dst)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%d bytes: copy differs (%d bytes, %v)", size, len(got), err)
		}
		if fi, _ := os.Stat(dst); fi.Mode().Perm() != 0o644 {
			t.Errorf("%d bytes: mode %v", size, fi.Mode().Perm())
		}
		if f, err := os.OpenFile(src, os.O_WRONLY, 0); err == nil {
			f.WriteAt([]byte("XYZ"), 0)
			f.Close()
		}
		if again, _ := os.ReadFile(dst); !bytes.Equal(again, data) {
			t.Errorf("%d bytes: writing into the source changed the copy", size)
		}
		if err := s.Abort(); err != nil {
			t.Fatal(err)
		}
	}
}
