package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAliasesRedirect: a page's aliases are answered by a redirect page
// (canonical link, meta refresh, a link, no script), a 301 line of
// _redirects and, with --redirects, the web server's snippet; all below
// the base path. They are no pages: not in the sitemap.
func TestAliasesRedirect(t *testing.T) {
	files := minimalSite()
	files["content/site.yaml"] = "title: Testbank\nbaseURL: https://bank.test/klartext/\nlanguage: de\n"
	files["content/glossar.md"] = "---\ntitle: Glossar\naliases:\n  - /begriffe/\n  - /alt/woerter.html\n  - /über\n---\n## Risikoklasse\n\nText.\n\n## Über uns\n"
	for _, server := range []string{"nginx", "apache"} {
		root := writeSite(t, files)
		dest := filepath.Join(root, "public")
		res, err := Build(Options{Source: root, Dest: dest, Now: testNow, Redirects: server})
		if err != nil || res.Diagnostics.Len() != 0 {
			t.Fatal(err, joinDiags(res))
		}
		for _, p := range []string{"begriffe/index.html", "alt/woerter.html", "über/index.html"} {
			page := read(t, filepath.Join(dest, filepath.FromSlash(p)))
			for _, want := range []string{
				`<link rel="canonical" href="https://bank.test/klartext/glossar/">`,
				`<meta http-equiv="refresh" content="0; url=/klartext/glossar/">`,
				`<a href="/klartext/glossar/">Glossar</a>`,
				`<html lang="de">`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("%s lacks %s:\n%s", p, want, page)
				}
			}
			if strings.Contains(page, "<script") {
				t.Errorf("%s has a script", p)
			}
		}
		if got, want := read(t, filepath.Join(dest, "_redirects")), "/klartext/alt/woerter.html /klartext/glossar/ 301\n/klartext/begriffe/ /klartext/glossar/ 301\n/klartext/%C3%BCber/ /klartext/glossar/ 301\n"; !strings.HasSuffix(got, want) {
			t.Errorf("_redirects:\n%s\nwant the lines\n%s", got, want)
		}
		snippet := read(t, filepath.Join(dest, "_redirects."+server+".conf"))
		want := map[string]string{
			"nginx":  `location = "/klartext/begriffe/" { return 301 "/klartext/glossar/"; }`,
			"apache": `RedirectMatch 301 "^/klartext/begriffe/$" "/klartext/glossar/"`,
		}[server]
		if !strings.Contains(snippet, want) {
			t.Errorf("%s snippet lacks %s:\n%s", server, want, snippet)
		}
		other := map[string]string{"nginx": "apache", "apache": "nginx"}[server]
		if _, err := os.Stat(filepath.Join(dest, "_redirects."+other+".conf")); err == nil {
			t.Errorf("--redirects %s wrote the %s snippet too", server, other)
		}
		for _, f := range []string{"sitemap.xml", "feed.xml"} {
			if x := read(t, filepath.Join(dest, f)); strings.Contains(x, "begriffe") {
				t.Errorf("%s lists an alias:\n%s", f, x)
			}
		}
	}
}

// TestNoAliasesNoRedirectsFile: a site without aliases gets no _redirects.
func TestNoAliasesNoRedirectsFile(t *testing.T) {
	root := writeSite(t, minimalSite())
	dest := filepath.Join(root, "public")
	build(t, root, dest)
	if _, err := os.Stat(filepath.Join(dest, "_redirects")); err == nil {
		t.Error("a site without aliases has a _redirects file")
	}
}

// TestAliasErrors: an alias that is no path, one that is a page's
// address, one two pages claim, and one that is a file of content/ are
// errors at the alias's line naming the other.
func TestAliasErrors(t *testing.T) {
	files := minimalSite()
	files["content/glossar.md"] = "---\ntitle: Glossar\naliases: [/ueber-uns/, /begriffe/, https://bank.test/x/, /docs/preise.pdf]\n---\nText.\n"
	files["content/docs/info.md"] = "---\ntitle: Info\naliases:\n  - /begriffe/\n---\nText.\n"
	root := writeSite(t, files)
	res := build(t, root, filepath.Join(root, "public"))
	wantErrors(t, res,
		"content/glossar.md:3: the alias /ueber-uns/ is the address of content/ueber-uns.md",
		"the alias /begriffe/ is also an alias of ",
		`content/glossar.md:3: the alias "https://bank.test/x/" is an address with a host`,
		"/docs/preise.pdf",
	)
	// Both pages are named where two claim one alias.
	for _, d := range res.Diagnostics.All() {
		if strings.Contains(d.Error(), "/begriffe/ is also") && !(strings.Contains(d.Error(), "content/glossar.md") && strings.Contains(d.Error(), "content/docs/info.md")) {
			t.Errorf("the clash does not name both pages: %s", d.Error())
		}
		if strings.Contains(d.Error(), "preise.pdf") && !strings.Contains(d.Error(), "content/glossar.md") {
			t.Errorf("the clash with the file does not name the alias's page: %s", d.Error())
		}
	}
}
