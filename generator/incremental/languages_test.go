package incremental

import (
	"path/filepath"
	"testing"

	"github.com/klartext/klartext/generator/pipeline"
)

// klartext serve builds a site of several languages whole after every
// edit, a body edit of a translation or of its original too: the pages
// link their versions, which no incremental path follows.
func TestSessionOfSeveralLanguagesBuildsWhole(t *testing.T) {
	root := copyDemo(t)
	dest := filepath.Join(t.TempDir(), "public")
	s := NewSession(pipeline.Options{Source: root, Dest: dest, Now: testNow})
	if res, _, err := s.Build(nil); err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("first build: %v %v", err, joinDiags(res))
	}
	for _, st := range []struct{ file, old, new string }{
		{"content/ueber-uns.en.md", "was founded in 1889", "was founded in the year 1889"},
		{"content/ueber-uns.md", "seit 1889", "seit dem Jahr 1889"},
	} {
		edit(t, root, st.file, st.old, st.new)
		rebuildLikeFull(t, s, root, dest, "body edit of "+st.file, st.file, true)
	}
}
