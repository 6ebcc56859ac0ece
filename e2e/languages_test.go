package e2e

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/klartext/klartext/generator/browsercheck"
)

// demoSite is the suite's site, the demo in German and English, served;
// it returns the server and the output folder.
func demoSite(t *testing.T) (*server, string) {
	t.Helper()
	needSetup(t)
	if suite.source != suite.repo {
		t.Skip("the repository has no demo site (content/)")
	}
	return suite.srv, suite.public
}

// The language switch leads, in the browser, to the same page in the
// other language and back; on a page without translation it leads to the
// other language's home page and says so in that language.
func TestLanguageSwitch(t *testing.T) {
	needBrowser(t)
	srv, _ := demoSite(t)
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

// Every check of TestPages (axe-core among them) on the English home,
// about, glossary, a product and a story page, and on one English page of
// every other kind: in particular no html-lang-valid or valid-lang
// problem, on pages whose lang is en with German passages marked (the
// links to the German versions).
func TestEnglishPages(t *testing.T) {
	needBrowser(t)
	srv, public := demoSite(t)
	pages := []page{
		{Kind: "home", Path: "/en/", Name: "en-home"},
		{Kind: "page", Path: "/en/ueber-uns/", Name: "en-about"},
		{Kind: "page", Path: "/en/glossar/", Name: "en-glossary"},
		{Kind: "product", Path: "/en/products/etf-sparplan-welt/", Name: "en-product"},
		{Kind: "story", Path: "/en/stories/sparplan-im-crash/", Name: "en-story"},
	}
	seen := map[string]bool{}
	for _, p := range pages {
		if kind, _, err := browsercheck.PageInfo(public, "/", p.Path); err != nil || kind != p.Kind {
			t.Fatalf("%s: kind %q (%v), want %s", p.Path, kind, err, p.Kind)
		}
		seen[p.Kind] = true
	}
	locs, err := browsercheck.SitemapLocs(filepath.Join(public, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range locs {
		u, err := url.Parse(loc)
		if err != nil || !strings.HasPrefix(u.Path, "/en/") {
			continue
		}
		kind, _, err := browsercheck.PageInfo(public, "/", u.Path)
		if err != nil {
			t.Fatal(err)
		}
		if !seen[kind] {
			seen[kind] = true
			pages = append(pages, page{Kind: kind, Path: u.Path, Name: "en-" + kind})
		}
	}
	for _, p := range pages {
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
