package check

import (
	"testing"

	"github.com/klartext/klartext/generator/browsercheck"
	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/site"
)

// TestBrowserFindingInGerman: a finding of check --browser is German on a
// German site, its hint included, and English as before with --lang en.
func TestBrowserFindingInGerman(t *testing.T) {
	s := &site.Site{Config: config.Defaults(), ByURL: map[string]*site.Node{"/": {Page: &content.Page{Source: "content/_index.md"}}}}
	ds := BrowserDiagnostics(s, []browsercheck.Finding{{Page: "/", Rule: "reflow", Detail: "div.tabelle is 900 px wide at mobile"}})
	if len(ds) != 1 {
		t.Fatalf("%d diagnostics, want 1", len(ds))
	}
	for lang, want := range map[string]string{
		"de": "content/_index.md: im Browser, /: reflow: div.tabelle is 900 px wide at mobile — Auf einem 360 px breiten Telefonbildschirm scrollt die Seite seitwärts: Lassen Sie das Element umbrechen, oder setzen Sie eine breite Tabelle in einen scrollbaren Bereich",
		"en": "content/_index.md: in the browser, /: reflow: div.tabelle is 900 px wide at mobile — on a 360 px phone screen the page scrolls sideways: let the element wrap, or put a wide table in a scrolling box",
	} {
		if got := ds[0].Localize(lang).Error(); got != want {
			t.Errorf("%s:\n got %s\nwant %s", lang, got, want)
		}
	}
}
