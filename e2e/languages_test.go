package e2e

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/klartext/klartext/generator/browsercheck"
	"github.com/klartext/klartext/generator/sitetest"
)

// twoLanguageSite builds the demo in German and English
// (sitetest.TwoLanguages), serves it and returns the server and the
// output folder.
func twoLanguageSite(t *testing.T) (*server, string) {
	t.Helper()
	if suite.source != suite.repo {
		t.Skip("the repository has no demo site (content/) to copy")
	}
	return buildAndServe(t, sitetest.TwoLanguages(t, suite.repo))
}

// The language switch leads, in the browser, to the same page in the
// other language and back; on a page without translation it leads to the
// other language's home page and says so in that language.
func TestLanguageSwitch(t *testing.T) {
	needBrowser(t)
	srv, _ := twoLanguageSite(t)
	tb := openTab(t, srv.URL, page{Kind: "page", Path: "/ueber-uns/", Name: "about"})
	tb.do("click English", chromedp.Click(chromedp.CSS(`nav.language-switch a[hreflang="en"]`)))
	if !pollAcross(tb, `location.pathname === "/en/ueber-uns/" && document.documentElement.lang === "en" && document.querySelector("h1") !== null`) {
		t.Fatalf("the switch of /ueber-uns/ did not lead to /en/ueber-uns/ (at %s)", eval[string](tb, "location", "location.pathname"))
	}
	tb.do("click Deutsch", chromedp.Click(chromedp.CSS(`nav.language-switch a[hreflang="de"]`)))
	if !pollAcross(tb, `location.pathname === "/ueber-uns/" && document.documentElement.lang === "de"`) {
		t.Fatalf("the switch of /en/ueber-uns/ did not lead back (at %s)", eval[string](tb, "location", "location.pathname"))
	}

	story := openTab(t, srv.URL, page{Kind: "story", Path: "/stories/der-erste-etf/", Name: "story"})
	if text := eval[string](story, "the switch", `document.querySelector('nav.language-switch a[hreflang="en"]').textContent`); !strings.Contains(text, "not available in English") {
		t.Errorf("the switch of a story without translation says %q", text)
	}
	story.do("click English", chromedp.Click(chromedp.CSS(`nav.language-switch a[hreflang="en"]`)))
	if !pollAcross(story, `location.pathname === "/en/" && document.documentElement.lang === "en"`) {
		t.Fatalf("the switch of an untranslated story did not lead to the English home page (at %s)", eval[string](story, "location", "location.pathname"))
	}
}

// Every check of TestPages (axe-core among them) on one English page of
// every kind: in particular no html-lang-valid or valid-lang problem, on
// pages whose lang is en with German passages marked (the links to the
// German versions).
func TestEnglishPages(t *testing.T) {
	needBrowser(t)
	srv, public := twoLanguageSite(t)
	locs, err := browsercheck.SitemapLocs(filepath.Join(public, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, loc := range locs {
		u, err := url.Parse(loc)
		if err != nil || !strings.HasPrefix(u.Path, "/en/") {
			continue
		}
		kind, _, err := browsercheck.PageInfo(public, "/", u.Path)
		if err != nil {
			t.Fatal(err)
		}
		if seen[kind] {
			continue
		}
		seen[kind] = true
		p := page{Kind: kind, Path: u.Path, Name: "en-" + kind}
		t.Run(p.Name, func(t *testing.T) {
			findings, _, err := browsercheck.CheckPage(suite.browser, srv, p, suite.axeSource)
			if err != nil {
				t.Fatal(err)
			}
			var rest []Finding
			for _, f := range findings {
				if f.Rule == "axe:html-lang-valid" || f.Rule == "axe:valid-lang" {
					t.Errorf("%v", f)
					continue
				}
				rest = append(rest, f)
			}
			triage(t, rest)
		})
	}
	if len(seen) < 8 {
		t.Errorf("only %d kinds of English pages were checked: %v", len(seen), seen)
	}
}

// html-validate finds nothing in the pages of both languages: the
// hreflang links, the language switch and the notes of pages whose text is
// in another language are valid HTML.
func TestTwoLanguagesHTMLValid(t *testing.T) {
	needNode(t)
	_, public := twoLanguageSite(t)
	files, err := htmlFiles(public)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := htmlValidate(public, files)
	if err != nil {
		t.Fatal(err)
	}
	triage(t, findings)
}
