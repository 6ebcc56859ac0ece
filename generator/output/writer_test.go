package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A writer writes only what has an owner, into whichever sink it has: the
// same registry writes into the staging folder and, for an incremental
// build, into the served folder.
func TestWriterWritesOwnedPathsIntoItsSink(t *testing.T) {
	reg := NewRegistry(4)
	reg.Claim("/a/index.html", Source{Origin: Generated, What: "a"})
	live := t.TempDir()
	w := NewWriter(reg, Discard)
	w.Write("/a/index.html", []byte("one"))
	w.Write("/nobody/index.html", []byte("two"))
	if w.Files() != 1 || len(w.Diagnostics()) != 1 || !strings.Contains(w.Diagnostics()[0].Error(), "/nobody/index.html is written without being registered") {
		t.Fatalf("files %d, diagnostics %v", w.Files(), w.Diagnostics())
	}
	lw := w.To(Live(live))
	if _, ok := lw.ClaimLate("/b.png", Source{Origin: Derived, File: "content/b.jpg"}); !ok {
		t.Fatal("a new path is claimed late")
	}
	if _, ok := w.Owner("/b.png"); !ok {
		t.Error("both writers share the registry")
	}
	lw.Write("/a/index.html", []byte("three"))
	lw.Write("/b.png", []byte("png"))
	if b, err := os.ReadFile(filepath.Join(live, "a", "index.html")); err != nil || string(b) != "three" {
		t.Errorf("live folder: %q %v", b, err)
	}
	if lw.Files() != 2 || len(lw.Diagnostics()) != 0 {
		t.Errorf("the live writer counts anew: %d files, %v", lw.Files(), lw.Diagnostics())
	}
	lw.Remove("/b.png")
	lw.Remove("/never-there.png")
	if _, err := os.Stat(filepath.Join(live, "b.png")); !os.IsNotExist(err) || len(lw.Diagnostics()) != 0 {
		t.Errorf("removed: %v, %v", err, lw.Diagnostics())
	}
	if left, _ := filepath.Glob(filepath.Join(live, "a", ".klartext-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestWriteRefusesAPathNobodyClaimed: a file written without a claim is
// klartext's own mistake; it is not written and fails the build.
func TestWriteRefusesAPathNobodyClaimed(t *testing.T) {
	reg := NewRegistry(1)
	reg.Claim("/a.txt", Source{Origin: Generated, What: "a"})
	w := NewWriter(reg, Discard)
	w.Write("/a.txt", nil)
	w.Write("/b.txt", nil)
	if errs := w.Diagnostics(); len(errs) != 1 || !strings.Contains(errs[0].Message, "/b.txt is written without being registered") || w.Files() != 1 {
		t.Errorf("errors %v, %d files", errs, w.Files())
	}
}
