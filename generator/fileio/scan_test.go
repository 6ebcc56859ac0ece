package fileio

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// site writes files (path → text; "->target" makes a symbolic link) below
// a new site root.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, text := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		if target, ok := strings.CutPrefix(text, "->"); ok {
			err = os.Symlink(target, full)
		} else {
			err = os.WriteFile(full, []byte(text), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestScanListsRegularFilesAndLinksInside(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "geheim.txt")
	os.WriteFile(outside, []byte("Gehalt"), 0o600)
	root := site(t, map[string]string{
		"content/a.md":         "A",
		"content/b/c.md":       "C",
		"content/alias.md":     "->a.md",
		"content/b/hoch.md":    "->../a.md",
		"content/raus.md":      "->" + outside,
		"content/ordner":       "->b",
		"content/kaputt.md":    "->weg.md",
		"content/schleife1.md": "->schleife2.md",
		"content/schleife2.md": "->schleife1.md",
		"content/.git/config":  "x",
		"themes/x/t.html":      "T",
	})
	if err := syscall.Mkfifo(filepath.Join(root, "content", "rohr.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	skip := func(_ string, d fs.DirEntry) bool { return strings.HasPrefix(d.Name(), ".") }
	files, problems, err := Scan(root, "content", skip)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"content/a.md", "content/alias.md", "content/b/c.md", "content/b/hoch.md"}
	if got := slices.Sorted(slices.Values(files.List())); !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	msgs := map[string]string{}
	for _, p := range problems {
		msgs[p.Path] = p.Msg.String()
	}
	realOutside, _ := filepath.EvalSymlinks(outside)
	for path, msg := range map[string]string{
		"content/raus.md":      "symbolic link points outside the content folder (to " + realOutside + ")",
		"content/ordner":       "a symbolic link to a folder is not followed",
		"content/kaputt.md":    "the symbolic link is broken: weg.md does not exist",
		"content/schleife1.md": "the symbolic link loops (following it leads back to a link already followed)",
		"content/rohr.md":      "this is not a regular file (a named pipe, socket or device) and cannot be published",
	} {
		if msgs[path] != msg {
			t.Errorf("%s: problem %q, want %q", path, msgs[path], msg)
		}
	}
	if len(problems) != 6 {
		t.Errorf("want 6 problems (both loop links), got %+v", problems)
	}
	if data, err := files.ReadFile("content/alias.md", 10); err != nil || string(data) != "A" {
		t.Errorf("a checked link is read: %q %v", data, err)
	}
	if _, err := files.ReadFile("content/raus.md", 10); !errors.Is(err, ErrRefused) {
		t.Errorf("a refused link: %v, want ErrRefused", err)
	}
	if _, err := files.ReadFile("themes/x/t.html", 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file outside the scan: %v, want ErrNotExist", err)
	}
	if got := files.In("content/b"); !slices.Equal(got, []string{"content/b/c.md", "content/b/hoch.md"}) {
		t.Errorf("In(content/b) = %q", got)
	}
}

// TestReadFileRefusesAFileReplacedByALink: a file that was regular when
// scanned and is a link when read is not followed (O_NOFOLLOW, at no
// extra system call).
func TestReadFileRefusesAFileReplacedByALink(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "geheim.txt")
	os.WriteFile(outside, []byte("Gehalt"), 0o600)
	root := site(t, map[string]string{"content/a.md": "A"})
	files, _, err := Scan(root, "content", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, "content", "a.md")
	os.Remove(p)
	os.Symlink(outside, p)
	if data, err := files.ReadFile("content/a.md", 100); err == nil || strings.Contains(string(data), "Gehalt") {
		t.Errorf("read %q, %v; want a refusal", data, err)
	}
}

// TestReadFileDoesNotBlockOnANamedPipe: a FIFO is opened without
// blocking and refused as not regular.
func TestReadFileDoesNotBlockOnANamedPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "rohr")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	watchdog := time.AfterFunc(10*time.Second, func() { panic("reading a named pipe blocks") })
	defer watchdog.Stop()
	var nr *NotRegularError
	for _, follow := range []bool{false, true} {
		if _, err := readFile(nil, p, 10, follow); !errors.As(err, &nr) {
			t.Errorf("follow %v: %v, want a NotRegularError", follow, err)
		}
	}
	if _, err := readFile(nil, "/dev/zero", 10, true); !errors.As(err, &nr) {
		t.Errorf("a device: %v, want a NotRegularError", err)
	}
}

func TestScanRefusesAFolderLinkedFromOutside(t *testing.T) {
	elsewhere := t.TempDir()
	os.WriteFile(filepath.Join(elsewhere, "x.html"), []byte("x"), 0o644)
	root := site(t, map[string]string{"content/a.md": "A"})
	os.MkdirAll(filepath.Join(root, "themes"), 0o755)
	os.Symlink(elsewhere, filepath.Join(root, "themes", "fremd"))
	_, _, err := Scan(root, "themes/fremd", nil)
	if err == nil || !strings.Contains(err.Error(), "the folder is a symbolic link to") {
		t.Errorf("a theme folder linked from outside the site: %v", err)
	}
	files, problems, err := Scan(root, "themes/fehlt", nil)
	if err != nil || files.Exists() || len(problems) != 0 {
		t.Errorf("a missing folder: %v %v %v", files.Exists(), problems, err)
	}
}

// TestSubIsAFileSystem checks the theme's view of a scan with the
// standard library's file system test.
func TestSubIsAFileSystem(t *testing.T) {
	root := site(t, map[string]string{
		"themes/x/layouts/_default/single.html": "S",
		"themes/x/layouts/index.html":           "I",
		"themes/x/static/css/site.css":          "C",
		"themes/x/static/js/a b.js":             "J",
		"themes/x/static/js-extra.js":           "E",
		"themes/x/alias.html":                   "->layouts/index.html",
	})
	files, problems, err := Scan(root, "themes/x", nil)
	if err != nil || len(problems) != 0 {
		t.Fatal(err, problems)
	}
	fsys := files.Sub("themes/x", 1<<20)
	if err := fstest.TestFS(fsys, "layouts/_default/single.html", "layouts/index.html", "static/css/site.css",
		"static/js/a b.js", "static/js-extra.js", "alias.html"); err != nil {
		t.Error(err)
	}
	if _, err := fs.ReadFile(files.Sub("themes/x", 0), "alias.html"); err == nil {
		t.Error("the limit is not applied")
	}
}
