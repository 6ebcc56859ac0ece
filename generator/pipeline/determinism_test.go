package pipeline

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTwentyBuildsAreByteIdentical builds the demo twenty times: every
// output file is the same byte for byte each time.
func TestTwentyBuildsAreByteIdentical(t *testing.T) {
	root := copyDemo(t)
	put(t, "content/docs/preise.pdf", "%PDF-1.4")(root)
	put(t, "content/docs/Über uns.md", "---\ntitle: Über uns\ntopics: [kosten, risiko]\n---\nText.\n")(root)
	var first string
	for i := 0; i < 20; i++ {
		dest := filepath.Join(t.TempDir(), "public")
		if res := build(t, root, dest); res.Diagnostics.HasErrors() {
			t.Fatal(res.Diagnostics.Errors())
		}
		sums := tree(t, dest)
		if i == 0 {
			first = sums
		} else if sums != first {
			t.Fatalf("build %d differs from the first:\n%s\n---\n%s", i+1, first, sums)
		}
	}
}

// TestTwentyBuildsOfClashesReportTheSame: the inputs that used to have a
// silent winner that changed between builds — a page where a topic page
// is generated, two folders differing in case, a page where an advisor
// filter page is generated, an allowed script where the theme's is — are
// errors with the same report in every build, and the previous output
// stays as it was.
func TestTwentyBuildsOfClashesReportTheSame(t *testing.T) {
	root := writeSite(t, minimalSite())
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(res.Diagnostics.Errors())
	}
	before := tree(t, dest)
	allowRaw(t, map[string]string{
		"content/topics/kosten.md":            "---\ntitle: Kosten\n---\n[kaputt](fehlt.md)\n",
		"content/Docs/preise.pdf":             "%PDF-1.4 anders",
		"content/Docs/info.md":                "---\ntitle: Info 2\n---\n",
		"content/advisors/anna.md":            advisorAnna,
		"content/advisors/branch/mannheim.md": "---\ntitle: Mannheim\n---\n",
		"content/js/charts.js":                "alert(1)",
	}, "js/charts.js")(root)
	var first string
	for i := 0; i < 20; i++ {
		res := build(t, root, dest)
		report := joinDiags(res)
		if i == 0 {
			first = report
			for _, want := range []string{"content/topics/kosten.md: this page and", "content/docs/preise.pdf: this file and",
				"content/docs/info.md: this page and", "content/advisors/branch/mannheim.md: this page and",
				"content/js/charts.js: this file and", `content/topics/kosten.md:4: the link "fehlt.md"`} {
				if !strings.Contains(report, want) {
					t.Errorf("the report lacks %q:\n%s", want, report)
				}
			}
		} else if report != first {
			t.Fatalf("build %d reports differently:\n%s\n---\n%s", i+1, first, report)
		}
		if after := tree(t, dest); after != before {
			t.Fatalf("build %d changed the previous output", i+1)
		}
	}
}
