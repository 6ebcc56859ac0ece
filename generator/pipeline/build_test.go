package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/sitetest"
)

// writeSite writes files (path → content) below a new site root.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, c := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func minimalSite() map[string]string {
	return map[string]string{
		"content/site.yaml":        "title: Testbank\nbaseURL: https://bank.test/\nlanguage: de\n",
		"content/_index.md":        "---\ntitle: Willkommen\n---\nHallo.\n",
		"content/ueber-uns.md":     "---\ntitle: Über uns\ntopics: [kosten]\n---\n## Wer wir sind\n\nSiehe [Glossar](glossar.md#risikoklasse).\n",
		"content/glossar.md":       "---\ntitle: Glossar\n---\n## Risikoklasse\n\nText.\n\n## Über uns\n",
		"content/Mein Beitrag.md":  "---\ntitle: Leerzeichen\n---\nText mit [Link](ueber-uns.md).\n",
		"content/docs/_index.md":   "---\ntitle: Dokumente\n---\n",
		"content/docs/info.md":     "---\ntitle: Info\ndate: 2026-01-05\n---\n[PDF](preise.pdf)\n",
		"content/docs/preise.pdf":  "%PDF-1.4 test",
		"content/data/zinsen.yaml": "tagesgeld: 2.1\n",
		"content/entwurf.md":       "---\ntitle: Entwurf\ndraft: true\n---\nNoch nicht.\n",
		"content/zukunft.md":       "---\ntitle: Zukunft\ndate: 2099-01-01\n---\nSpäter.\n",
	}
}

func build(t *testing.T, root, dest string) *Result {
	t.Helper()
	res, err := Build(Options{Source: root, Dest: dest, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestURLSchemeAndOutputs(t *testing.T) {
	root := writeSite(t, minimalSite())
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.Len() != 0 {
		t.Fatalf("diagnostics: %v", res.Diagnostics.All())
	}
	for _, f := range []string{
		"index.html", "ueber-uns/index.html", "glossar/index.html", "mein-beitrag/index.html",
		"docs/index.html", "docs/info/index.html", "docs/preise.pdf", "topics/index.html",
		"topics/kosten/index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml",
	} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	for _, f := range []string{"entwurf/index.html", "zukunft/index.html", "data/zinsen.yaml", "site.yaml"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err == nil {
			t.Errorf("%s must not be published", f)
		}
	}
	if len(res.Skipped) != 2 {
		t.Errorf("skipped pages must be listed: %+v", res.Skipped)
	}
	page := read(t, filepath.Join(dest, "ueber-uns/index.html"))
	for _, want := range []string{`<html lang="de">`, `href="/glossar/#risikoklasse"`, `<link rel="canonical" href="https://bank.test/ueber-uns/">`,
		`<a class="skip-link" href="#main">`, `<h2 id="wer-wir-sind">`, `property="og:title" content="Über uns"`} {
		if !strings.Contains(page, want) {
			t.Errorf("ueber-uns page lacks %s", want)
		}
	}
	if !strings.Contains(read(t, filepath.Join(dest, "glossar/index.html")), `id="über-uns"`) {
		t.Error("heading id must keep the Umlaut")
	}
	if !strings.Contains(read(t, filepath.Join(dest, "docs/info/index.html")), `href="/docs/preise.pdf"`) {
		t.Error("link to a file must resolve")
	}
	if !strings.Contains(read(t, filepath.Join(dest, "sitemap.xml")), "<loc>https://bank.test/ueber-uns/</loc>") {
		t.Error("sitemap lacks a page")
	}
}

func TestDraftsAndFutureIncludedOnRequest(t *testing.T) {
	root := writeSite(t, minimalSite())
	res, err := Build(Options{Source: root, Drafts: true, Future: true, Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	if err != nil || res.Diagnostics.HasErrors() || len(res.Skipped) != 0 {
		t.Fatalf("err %v diags %v skipped %v", err, res.Diagnostics.All(), res.Skipped)
	}
}

// TestFailedBuildLeavesPreviousOutput covers the acceptance cases: each bad
// input fails with file and line, and the previous output stays byte-for-byte.
func TestFailedBuildLeavesPreviousOutput(t *testing.T) {
	cases := []struct {
		name, file, content, want string
	}{
		{"malformed yaml", "content/kaputt.md", "---\ntitle: [unclosed\n---\nText\n", "content/kaputt.md:2: malformed YAML"},
		{"unknown key", "content/kaputt.md", "---\ntitle: X\ntitel: Y\n---\n", `content/kaputt.md:3: unknown front matter key "titel" for a page — did you mean title?`},
		{"missing page", "content/kaputt.md", "---\ntitle: X\n---\n\nSiehe [hier](fehlt.md).\n", `content/kaputt.md:5: the link "fehlt.md" points to a page that does not exist`},
		{"missing anchor", "content/kaputt.md", "---\ntitle: X\n---\nSiehe [hier](glossar.md#fehlt).\n", "content/kaputt.md:4: the link points to #fehlt, but content/glossar.md has no heading with that id"},
		{"csv row length", "content/data/tabelle.csv", "a,b\n1,2\n3\n", "content/data/tabelle.csv:3: this row has 1 value, but the header names 2 columns"},
		{"unclosed front matter", "content/kaputt.md", "---\ntitle: X\n\nText\n", "content/kaputt.md:1: front matter opened with --- is never closed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := writeSite(t, minimalSite())
			dest := filepath.Join(root, "public")
			if res := build(t, root, dest); res.Diagnostics.HasErrors() {
				t.Fatalf("first build: %v", res.Diagnostics.All())
			}
			before := tree(t, dest)
			if err := os.WriteFile(filepath.Join(root, tc.file), []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			res := build(t, root, dest)
			errs := res.Diagnostics.Errors()
			if len(errs) == 0 {
				t.Fatal("the build must fail")
			}
			found := false
			for _, e := range errs {
				if strings.HasPrefix(e.Error(), tc.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("want an error starting %q, got %v", tc.want, errs)
			}
			if after := tree(t, dest); after != before {
				t.Error("the previous output changed")
			}
			leftovers, _ := filepath.Glob(filepath.Join(root, ".klartext-staging-*"))
			if len(leftovers) != 0 {
				t.Errorf("staging folder left behind: %v", leftovers)
			}
		})
	}
}

func TestAllErrorsCollected(t *testing.T) {
	files := minimalSite()
	files["content/a.md"] = "---\ntitle: A\nfoo: 1\n---\n[x](nix.md)\n"
	files["content/b.md"] = "---\ntitle: B\ndate: morgen\n---\n"
	root := writeSite(t, files)
	res := build(t, root, filepath.Join(root, "public"))
	if n := len(res.Diagnostics.Errors()); n != 3 {
		t.Errorf("want 3 errors, got %d: %v", n, res.Diagnostics.All())
	}
}

func TestRebuildIsByteIdentical(t *testing.T) {
	root := writeSite(t, minimalSite())
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	build(t, root, a)
	build(t, root, b)
	if ta, tb := tree(t, a), tree(t, b); ta != tb {
		t.Errorf("two builds differ:\n%s\n---\n%s", ta, tb)
	}
}

func TestDestinationNotMadeByKlartextIsRefused(t *testing.T) {
	root := writeSite(t, minimalSite())
	dest := filepath.Join(t.TempDir(), "home")
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "precious.txt"), []byte("keep"), 0o644)
	if _, err := Build(Options{Source: root, Dest: dest}); err == nil {
		t.Fatal("a foreign non-empty destination must be refused")
	}
	if read(t, filepath.Join(dest, "precious.txt")) != "keep" {
		t.Fatal("foreign file touched")
	}
}

func TestClashingURLs(t *testing.T) {
	files := minimalSite()
	files["content/a b.md"] = "---\ntitle: A\n---\n"
	files["content/a-b.md"] = "---\ntitle: B\n---\n"
	root := writeSite(t, files)
	res := build(t, root, filepath.Join(root, "public"))
	if !strings.Contains(joinDiags(res), "both map to the URL /a-b/") {
		t.Errorf("clash not reported: %v", res.Diagnostics.All())
	}
}

func joinDiags(r *Result) string { return sitetest.Diagnostics(r.Diagnostics) }

func read(t *testing.T, p string) string { return sitetest.Read(t, p) }

// tree lists every file below dir with its SHA-256.
func tree(t testing.TB, dir string) string { return sitetest.Checksums(t, dir) }

// testNow is the tests' today, so the demo's dates do not age out.
var testNow = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

func TestSiteOverridesALayout(t *testing.T) {
	files := minimalSite()
	files["themes/klartext/layouts/_default/single.html"] = `{{define "main"}}<h1 class="eigenes-layout">{{.Title}}</h1>{{.Content}}{{end}}`
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	page := read(t, filepath.Join(dest, "ueber-uns", "index.html"))
	if !strings.Contains(page, `<h1 class="eigenes-layout">Über uns</h1>`) || !strings.Contains(page, `<a class="skip-link"`) {
		t.Error("the site's layout must replace the theme's, inside the theme's base layout")
	}
}

// TestVideoBlockWithTildes checks that a video block opened by "~~~ video"
// is read for the CSP as it is rendered: its host is allowed.
func TestVideoBlockWithTildes(t *testing.T) {
	files := minimalSite()
	files["content/video.md"] = "---\ntitle: Video\n---\n~~~ video\nprovider: youtube\nid: Rt7kQm2xWbE\ntitle: Kurs\ntranscript: glossar.md\n~~~\n"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	page := read(t, filepath.Join(dest, "video", "index.html"))
	if !loadsScript(page, "/js/video.js") || !strings.Contains(read(t, filepath.Join(dest, "_headers")), "frame-src https://www.youtube-nocookie.com") {
		t.Error("a page with a ~~~ video block loads video.js and the CSP allows the video host")
	}
}

func TestVideoTranscriptLinkResolved(t *testing.T) {
	files := minimalSite()
	files["content/video.md"] = "---\ntitle: Video\n---\n```video\nprovider: youtube\nid: Rt7kQm2xWbE\ntitle: Kurs\ntranscript: glossar.md#risikoklasse\n```\n"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	page := read(t, filepath.Join(dest, "video", "index.html"))
	if !strings.Contains(page, `class="video-transcript" href="/glossar/#risikoklasse"`) {
		t.Error("the transcript link must lead to the page and keep its anchor")
	}
	if !loadsScript(page, "/js/video.js") || !strings.Contains(read(t, filepath.Join(dest, "_headers")), "frame-src https://www.youtube-nocookie.com") {
		t.Error("a page with a video loads video.js and the CSP allows the video host")
	}
}
