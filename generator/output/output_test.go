package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestBeginRefusesFilesystemRoot(t *testing.T) {
	if _, err := Begin("/"); err == nil || err.Error() != "refusing to use / as the destination" {
		t.Errorf("got %v", err)
	}
}

func TestCheckOverlapThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(site, "content"), link); err != nil {
		t.Fatal(err)
	}
	if err := CheckOverlap(filepath.Join(link, "out"), site, "content"); err == nil {
		t.Error("a destination inside content/ reached through a symbolic link must be refused")
	}
	if err := CheckOverlap(filepath.Join(site, "public"), site, "content"); err != nil {
		t.Errorf("the default destination: %v", err)
	}
	if err := CheckOverlap(filepath.Join(dir, "www"), site, "content"); err != nil {
		t.Errorf("a destination beside the site: %v", err)
	}
}
