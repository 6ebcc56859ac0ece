package build

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSessionIncrementalEqualsFull edits the demo the ways an editor does
// and checks after each rebuild that the served folder is byte for byte
// what a full build of the same sources gives: an incremental build may
// be faster, never different.
func TestSessionIncrementalEqualsFull(t *testing.T) {
	root := copyDemo(t)
	dest := filepath.Join(t.TempDir(), "public")
	s := NewSession(Options{Source: root, Dest: dest, Now: testNow})
	res, inc, err := s.Build(nil)
	if err != nil || res.Diagnostics.HasErrors() || !inc.Full {
		t.Fatalf("first build: %v %v full=%v", err, joinDiags(res), inc.Full)
	}
	file := filepath.Join(root, "content", "products", "etf-sparplan-welt.md")
	steps := []struct {
		name     string
		old, new string
		full     bool
	}{
		{"body edit", "\n## ", "\nEin neuer Absatz.\n\n## ", false},
		{"heading renamed that another page links to", "## Kosten", "## Gebühren", false},
		{"front matter edit", "title: ", "title: Neu: ", true},
	}
	for _, st := range steps {
		edit(t, root, "content/products/etf-sparplan-welt.md", st.old, st.new)
		res, inc, err := s.Build([]string{file})
		if err != nil {
			t.Fatal(err)
		}
		if inc.Full != st.full {
			t.Errorf("%s: full build = %v, want %v", st.name, inc.Full, st.full)
		}
		fresh := filepath.Join(t.TempDir(), "fresh")
		want, err := Build(Options{Source: root, Dest: fresh, Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if got, w := joinDiags(res), joinDiags(want); got != w {
			t.Errorf("%s: diagnostics differ from a full build:\n%s\nwant:\n%s", st.name, got, w)
		}
		if !want.Diagnostics.HasErrors() {
			if a, b := tree(t, dest), tree(t, fresh); a != b {
				t.Errorf("%s: the served folder differs from a full build", st.name)
			}
		}
	}
}

func TestSessionNewFileIsAFullBuild(t *testing.T) {
	root := copyDemo(t)
	s := NewSession(Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), Now: testNow})
	if _, _, err := s.Build(nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, "content", "neu.md")
	os.WriteFile(p, []byte("---\ntitle: Neu\n---\nText\n"), 0o644)
	_, inc, err := s.Build([]string{p})
	if err != nil || !inc.Full {
		t.Errorf("a new page must trigger a full build: %v %v", err, inc.Full)
	}
}
