package watch

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// failAfter only keeps a broken test from hanging; no test asserts timing.
const failAfter = 10 * time.Second

func newWatcher(t *testing.T, roots ...string) *Watcher {
	t.Helper()
	// Generous, so that a slow machine does not split a burst; the
	// tests never measure it.
	w, err := New(roots, 200*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b, ok := <-w.Batches():
		if !ok {
			t.Fatal("batches channel closed")
		}
		return b
	case <-time.After(failAfter):
		t.Fatal("no batch")
	}
	return Batch{}
}

// quiet checks that no further batch arrives (a short look, not a timing
// assertion: a spurious batch would show up well within it).
func quiet(t *testing.T, w *Watcher) {
	t.Helper()
	select {
	case b := <-w.Batches():
		t.Fatalf("unexpected extra batch %+v", b)
	case <-time.After(time.Second):
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func dir(t *testing.T) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestAtomicSave(t *testing.T) {
	root := dir(t)
	target := filepath.Join(root, "page.md")
	write(t, target, "old")
	w := newWatcher(t, root)

	// Like many editors: write a temporary sibling, then rename it over.
	tmp := filepath.Join(root, ".page.md.k3j2")
	write(t, tmp, "new")
	if err := os.Rename(tmp, target); err != nil {
		t.Fatal(err)
	}
	b := next(t, w)
	if b.Full || !slices.Equal(b.Paths, []string{target}) {
		t.Fatalf("got %+v, want just %s", b, target)
	}
	quiet(t, w)
}

func TestVimStyleSave(t *testing.T) {
	root := dir(t)
	target := filepath.Join(root, "page.md")
	write(t, target, "old")
	w := newWatcher(t, root)

	write(t, filepath.Join(root, "4913"), "")
	os.Remove(filepath.Join(root, "4913"))
	write(t, filepath.Join(root, ".page.md.swp"), "swap")
	if err := os.Rename(target, target+"~"); err != nil {
		t.Fatal(err)
	}
	write(t, target, "new")
	os.Remove(target + "~")
	b := next(t, w)
	if b.Full || !slices.Equal(b.Paths, []string{target}) {
		t.Fatalf("got %+v, want just %s", b, target)
	}
}

func TestNewNestedDirectory(t *testing.T) {
	root := dir(t)
	w := newWatcher(t, root)

	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	x := filepath.Join(deep, "x.md")
	write(t, x, "x")
	b := next(t, w)
	if !slices.Contains(b.Paths, x) {
		t.Fatalf("got %+v, want %s", b, x)
	}
	for _, p := range b.Paths {
		if p != x {
			t.Fatalf("unexpected path %s in %+v", p, b)
		}
	}

	// The new directories are watched from now on.
	y := filepath.Join(deep, "y.md")
	write(t, y, "y")
	b = next(t, w)
	if !slices.Equal(b.Paths, []string{y}) {
		t.Fatalf("got %+v, want %s", b, y)
	}
}

func TestTempFilesIgnored(t *testing.T) {
	root := dir(t)
	w := newWatcher(t, root)

	for _, name := range []string{"4913", "page.md~", ".page.md.swp", ".page.md.swx", "#page.md#", ".#page.md", "x.tmp", ".DS_Store", ".~lock.prices.csv#"} {
		write(t, filepath.Join(root, name), "scratch")
	}
	real := filepath.Join(root, "real.md")
	write(t, real, "content")
	b := next(t, w)
	if !slices.Equal(b.Paths, []string{real}) {
		t.Fatalf("got %+v, want only %s", b, real)
	}
}

func TestBurstIsOneBatch(t *testing.T) {
	root := dir(t)
	w := newWatcher(t, root)
	var want []string
	for i := range 20 {
		p := filepath.Join(root, "p"+strconv.Itoa(i)+".md")
		write(t, p, "x")
		want = append(want, p)
	}
	slices.Sort(want)
	b := next(t, w)
	if !slices.Equal(b.Paths, want) {
		t.Fatalf("got %v, want %v", b.Paths, want)
	}
	quiet(t, w)
}

func TestRemovedFileAndDirectory(t *testing.T) {
	root := dir(t)
	sub := filepath.Join(root, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(root, "gone.md")
	write(t, gone, "x")
	write(t, filepath.Join(sub, "a.md"), "a")
	w := newWatcher(t, root)

	os.Remove(gone)
	b := next(t, w)
	if b.Full || !slices.Equal(b.Paths, []string{gone}) {
		t.Fatalf("got %+v, want %s", b, gone)
	}

	if err := os.RemoveAll(sub); err != nil {
		t.Fatal(err)
	}
	b = next(t, w)
	if !b.Full {
		t.Fatalf("removing a directory: got %+v, want Full", b)
	}
}

func TestExclude(t *testing.T) {
	root := dir(t)
	out := filepath.Join(root, "public")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := New([]string{root}, 50*time.Millisecond, Exclude(out))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	write(t, filepath.Join(out, "index.html"), "built")
	src := filepath.Join(root, "index.md")
	write(t, src, "source")
	b := next(t, w)
	if !slices.Equal(b.Paths, []string{src}) {
		t.Fatalf("got %+v, want only %s", b, src)
	}
}

func TestCloseClosesBatches(t *testing.T) {
	w, err := New([]string{dir(t)}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-w.Batches(); ok {
		t.Fatal("batch after Close")
	}
	w.Close() // twice is fine
}

func TestNewErrors(t *testing.T) {
	if _, err := New(nil, 0); err == nil {
		t.Error("no roots: want error")
	}
	if _, err := New([]string{filepath.Join(dir(t), "missing")}, 0); err == nil {
		t.Error("missing root: want error")
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"4913": true, "a.md~": true, ".a.md.swp": true, ".a.swx": true, "#a#": true,
		".#a.md": true, "a.tmp": true, ".DS_Store": true, ".~lock.x#": true,
		"a.md": false, "site.yaml": false, "#": false, ".well-known": false, "a.swp": false,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}
