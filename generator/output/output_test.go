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

func TestStagingWritesSitePathsInsideIt(t *testing.T) {
	s, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	for sitePath, want := range map[string]string{
		"/products/x/index.html": "products/x/index.html",
		"/index.html":            "index.html",
		"products/y/index.html":  "products/y/index.html", // relative to the site
		"//a//b/./c.json":        "a/b/c.json",
		"/suche/index/f/1.json":  "suche/index/f/1.json",
		"/suche/index/f/2.json":  "suche/index/f/2.json",
	} {
		if err := s.WriteFile(sitePath, []byte(sitePath)); err != nil {
			t.Fatalf("%s: %v", sitePath, err)
		}
		if got, err := os.ReadFile(filepath.Join(s.Dir, want)); err != nil || string(got) != sitePath {
			t.Errorf("%s: %s holds %q (%v)", sitePath, want, got, err)
		}
		if p, err := s.Path(sitePath); err != nil || p != filepath.Join(s.Dir, want) {
			t.Errorf("Path(%s) = %s, %v", sitePath, p, err)
		}
	}
	for _, bad := range []string{"/../x.html", "../x.html", "/a/../../x", "a/.."} {
		if err := s.WriteFile(bad, nil); err == nil {
			t.Errorf("%s was written", bad)
		}
	}
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}
}
