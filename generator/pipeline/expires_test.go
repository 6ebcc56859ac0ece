package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExpiredPageIsUnpublished: a page whose expires: day has come is left
// out — no page, no entry in its section's list, the feeds or the
// sitemap — and listed as skipped; one that expires later is
// published. testNow is 2026-11-26: the day a page expires it is gone.
func TestExpiredPageIsUnpublished(t *testing.T) {
	files := minimalSite()
	files["content/docs/aktion.md"] = "---\ntitle: Frühlingsaktion\ndate: 2026-01-10\nexpires: 2026-11-26\n---\nNur bis Ende Februar.\n"
	files["content/docs/sommer.md"] = "---\ntitle: Sommeraktion\ndate: 2026-01-11\nexpires: 2026-12-01\n---\nBis Ende August.\n"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.Len() != 0 {
		t.Fatal(joinDiags(res))
	}
	var expired []string
	for _, s := range res.Skipped {
		if s.Reason == "expired" {
			expired = append(expired, s.Source+" "+s.Date.Format("2006-01-02"))
		}
	}
	if strings.Join(expired, "|") != "content/docs/aktion.md 2026-11-26" {
		t.Errorf("skipped as expired: %v", expired)
	}
	if _, err := os.Stat(filepath.Join(dest, "docs", "aktion", "index.html")); err == nil {
		t.Error("the expired page is published")
	}
	if _, err := os.Stat(filepath.Join(dest, "docs", "sommer", "index.html")); err != nil {
		t.Error("the page that expires later is not published")
	}
	for _, f := range []string{"docs/index.html", "feed.xml", "docs/feed.xml", "sitemap.xml"} {
		got := read(t, filepath.Join(dest, filepath.FromSlash(f)))
		if strings.Contains(got, "/docs/aktion/") || strings.Contains(got, "Frühlingsaktion") {
			t.Errorf("%s lists the expired page", f)
		}
		if f != "sitemap.xml" && !strings.Contains(got, "Sommeraktion") {
			t.Errorf("%s does not list the page that expires later", f)
		}
	}
}

// TestLinkToExpiredPage: a link to a page that has expired is an error at
// the link, as a link to a draft is.
func TestLinkToExpiredPage(t *testing.T) {
	files := minimalSite()
	files["content/docs/aktion.md"] = "---\ntitle: Frühlingsaktion\nexpires: 2026-11-01\n---\nVorbei.\n"
	files["content/glossar.md"] = "---\ntitle: Glossar\n---\n## Risikoklasse\n\n[Aktion](docs/aktion.md)\n"
	root := writeSite(t, files)
	wantErrors(t, build(t, root, filepath.Join(root, "public")),
		`content/glossar.md:6: the link "docs/aktion.md" points to a page that does not exist (content/docs/aktion.md)`)
}
