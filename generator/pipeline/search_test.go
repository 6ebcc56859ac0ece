package pipeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/sitetest"
)

// searchFragmentHas reports whether the search fragment of the page at url
// carries text in its title (sitetest.SearchFragmentHas).
func searchFragmentHas(t *testing.T, dest, url, text string) bool {
	return sitetest.SearchFragmentHas(t, dest, url, text)
}

// builtDemo builds a copy of the demo, edited by edits (root → nothing),
// and returns its output folder.
func builtDemo(t *testing.T, edits ...func(root string)) string {
	t.Helper()
	return builtSite(t, copyDemo(t), edits...)
}

// builtSite is builtDemo for the site at root.
func builtSite(t *testing.T, root string, edits ...func(root string)) string {
	t.Helper()
	for _, e := range edits {
		e(root)
	}
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	return dest
}

// TestSearchRelevanceOnTheDemo is what a reader types and what must come
// first: search.js's own search over the index the build wrote.
func TestSearchRelevanceOnTheDemo(t *testing.T) {
	dest := builtDemo(t)
	cases := []struct {
		q       string
		filters map[string]string
		first   []string // the first results, in order
	}{
		// A product by its ISIN, any case, or by its start.
		{q: "DE000RTB0049", first: []string{"/products/aktienfonds-europa-aktiv/"}},
		{q: "de000rtb0015", first: []string{"/products/etf-sparplan-welt/"}},
		{q: "DE000RTB007", first: []string{"/products/rohstofffonds-global/"}},
		// By a part of its name.
		{q: "Rentenfonds", first: []string{"/products/rentenfonds-euro/"}},
		{q: "ETF nachhaltig", first: []string{"/products/etf-welt-nachhaltig/"}},
		{q: "Global Nachhaltig", first: []string{"/products/de000a3e5rg7/", "/products/de000a3e5rh5/"}},
		{q: "Express Zertifikat", first: []string{"/products/zertifikat-dax-express/"}},
		{q: "Tagesgeld", first: []string{"/products/tagesgeld-plus/"}},
		// By a misspelling within one edit.
		{q: "Tagesgelt", first: []string{"/products/tagesgeld-plus/"}},
		{q: "Rohstoffonds", first: []string{"/products/rohstofffonds-global/"}},
		{q: "Zertfikat", first: []string{"/products/zertifikat-dax-express/"}},
		// An advisor by language, by its name or code, in either spelling.
		{q: "Türkisch", first: []string{"/advisors/murat-yilmaz/"}},
		{q: "tuerkisch", first: []string{"/advisors/murat-yilmaz/"}},
		{q: "tr", first: []string{"/advisors/murat-yilmaz/"}},
		{q: "Polnisch", first: []string{"/advisors/jonas-weber/"}},
		{q: "Französisch", first: []string{"/advisors/katharina-brandt/"}},
		// An advisor by name and by branch.
		{q: "Yilmaz", first: []string{"/advisors/murat-yilmaz/"}},
		{q: "Lea Hoffmann", first: []string{"/advisors/lea-hoffmann/"}},
		{q: "Speyer", first: []string{"/advisors/katharina-brandt/"}},
		// A story by a word in its body.
		{q: "Busfahrer", first: []string{"/stories/die-festgeld-treppe/"}},
		{q: "Telekom-Aktie", first: []string{"/stories/die-festgeld-treppe/"}},
		// Filters.
		{q: "", filters: map[string]string{"lang": "tr"}, first: []string{"/advisors/murat-yilmaz/"}},
		{q: "Festgeld", filters: map[string]string{"kind": "product"}, first: []string{"/products/festgeld-2-jahre/"}},
	}
	var qs []sitetest.SearchQuery
	for _, c := range cases {
		qs = append(qs, sitetest.SearchQuery{Q: c.q, Filters: c.filters})
	}
	got := sitetest.SearchJSQuery(t, filepath.Join(dest, "suche", "index"), qs)
	for i, c := range cases {
		g := got[i]
		if len(g) < len(c.first) || strings.Join(g[:len(c.first)], " ") != strings.Join(c.first, " ") {
			t.Errorf("%q %v found %v, want %v first", c.q, c.filters, g, c.first)
		}
	}
	// An advisor who withdrew consent is in no result: stories name him,
	// but his page is gone.
	for _, urls := range sitetest.SearchJSQuery(t, filepath.Join(dest, "suche", "index"), []sitetest.SearchQuery{{Q: "Peter Krämer"}, {Q: "Schwetzingen"}}) {
		for _, u := range urls {
			if strings.HasPrefix(u, "/advisors/peter-kraemer/") {
				t.Errorf("the withdrawn advisor's page %s is a result", u)
			}
		}
	}
	// Filters keep exactly what they say.
	filtered := sitetest.SearchJSQuery(t, filepath.Join(dest, "suche", "index"), []sitetest.SearchQuery{
		{Filters: map[string]string{"type": "deposit"}},
		{Filters: map[string]string{"risk": "2"}},
		{Filters: map[string]string{"costs": "0.25"}},
		{Filters: map[string]string{"branch": "Speyer-Altstadt"}},
		{Filters: map[string]string{"kind": "story", "type": "deposit"}},
	})
	for i, want := range [][]string{
		{"/products/festgeld-2-jahre/", "/products/tagesgeld-plus/"},
		{"/products/festgeld-2-jahre/", "/products/rentenfonds-euro/", "/products/tagesgeld-plus/"},
		{"/products/etf-sparplan-welt/", "/products/festgeld-2-jahre/", "/products/tagesgeld-plus/"}, // not the ESG ETF: 0.26 %
		{"/advisors/katharina-brandt/"},
		nil,
	} {
		if strings.Join(filtered[i], " ") != strings.Join(want, " ") {
			t.Errorf("filter %d found %v, want %v", i, filtered[i], want)
		}
	}
}

// TestSearchPage: the search page of a German site is /suche/, every page
// has the search form in its header, and without JavaScript the search
// page says what to do and links the products and the advisors' filters.
func TestSearchPage(t *testing.T) {
	dest := builtDemo(t)
	page := read(t, filepath.Join(dest, "suche", "index.html"))
	for _, want := range []string{
		`<form id="search-form" class="search-form" role="search"`, `data-index="/suche/index/"`,
		`id="search-nojs"`, "Die Suche braucht JavaScript",
		`<a href="/products/">Alle Produkte mit Risikoklasse und Kosten im Vergleich</a>`,
		`<a href="/advisors/">Unsere Beraterinnen und Berater nach Filiale, Sprache und Schwerpunkt</a>`,
		`<a href="/advisors/language/tr/">Türkisch</a>`,
		`role="status" aria-live="polite"`, `<option value="equity-etf">`, `<option value="Speyer-Altstadt">Speyer-Altstadt</option>`,
		`<option value="0.5">0,50`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the search page lacks %s", want)
		}
	}
	if !loadsScript(page, "/js/search.js") {
		t.Error("the search page does not load js/search.js")
	}
	// The filters need the script: hidden until it runs.
	if !regexp.MustCompile(`<fieldset class="search-filters" data-needs-js hidden>`).MatchString(page) {
		t.Error("the filters are not hidden without JavaScript")
	}
	header := `<form class="site-search" role="search" aria-label="Website durchsuchen" action="/suche/" method="get">`
	for _, p := range []string{"index.html", "products/etf-sparplan-welt/index.html", "stories/die-festgeld-treppe/index.html", "404.html", "suche/index.html"} {
		if !strings.Contains(read(t, filepath.Join(dest, p)), header) {
			t.Errorf("%s has no search form in its header", p)
		}
	}
	// The search page has no scripts but its own, and no feedback form.
	if strings.Contains(page, "feedback") && strings.Contains(page, "<form class=\"feedback") {
		t.Error("the search page carries the feedback form")
	}
}

func TestSearchPageOfAnEnglishSite(t *testing.T) {
	dest := builtSite(t, germanDemo(t), func(root string) { edit(t, root, "content/site.yaml", "language: de", "language: en") })
	page := read(t, filepath.Join(dest, "search", "index.html"))
	if !strings.Contains(page, `data-index="/search/index/"`) || !strings.Contains(page, "The search needs JavaScript") {
		t.Error("an English site has no search page at /search/")
	}
	var meta struct{ Stemmer string }
	if err := json.Unmarshal([]byte(read(t, filepath.Join(dest, "search", "index", "meta.json"))), &meta); err != nil || meta.Stemmer != "english" {
		t.Errorf("meta.json: stemmer %q (%v)", meta.Stemmer, err)
	}
}

// TestSearchPageURLTaken: a page of the site's own at /suche/ stays, with a
// warning naming it; the site then has no search and no search form.
func TestSearchPageURLTaken(t *testing.T) {
	root := copyDemo(t)
	if err := os.WriteFile(filepath.Join(root, "content", "suche.md"), []byte("---\ntitle: Suchen Sie uns\n---\nSo finden Sie uns.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	if !strings.Contains(joinDiags(res), "content/suche.md:1: warning: this page has the search page's URL /suche/, so the site has no search") {
		t.Errorf("no warning naming the page:\n%s", joinDiags(res))
	}
	if page := read(t, filepath.Join(dest, "suche", "index.html")); !strings.Contains(page, "So finden Sie uns.") || strings.Contains(page, "site-search") {
		t.Error("the page of the site's own was replaced, or a search form links to it")
	}
	if _, err := os.Stat(filepath.Join(dest, "suche", "index")); err == nil {
		t.Error("an index was written without a search page")
	}
}
