package index

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/klartext/klartext/generator/sitetest"
)

// queryJS writes the index of docs into a folder and runs search.js's
// search for each query there, returning the URLs found, best first.
func queryJS(t *testing.T, docs []Doc, queries []jsQuery) [][]string {
	t.Helper()
	dir := t.TempDir()
	write := func(p string, data []byte) {
		file := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := New("de", len(docs))
	for i, d := range docs {
		write(FragmentPath(i), ix.Add(i, d, nil))
	}
	ix.Files(write)
	return sitetest.SearchJSQuery(t, dir, queries)
}

type jsQuery = sitetest.SearchQuery

func page(url, title, body string) Doc { return Doc{URL: url, Title: title, Kind: "page", Body: body} }

// TestSearchJSMatching is the table of what a query finds: the word
// itself in its forms, a compound it begins, a misspelling one edit away,
// numbers and ISINs whole, both spellings of an umlaut, all words before
// some.
func TestSearchJSMatching(t *testing.T) {
	docs := []Doc{
		page("/konto/", "Girokonto", "Ein Festgeldkonto bringt feste Zinsen."),
		page("/festgeld/", "Festgeld", "Festgeld für zwei Jahre, Kosten 0,20 % im Jahr."),
		page("/mueller/", "Anna Müller", "Beratung in Mannheim."),
		page("/fonds/", "Rohstofffonds Global", "Ein Fonds mit Rohstoffen. ISIN DE000RTB0072."),
		page("/treppe/", "Die Festgeld-Treppe", "Herr K. und seine Zinsen."),
		page("/english/", "Costs", "The costs of running a fund."),
	}
	for i := range docs {
		docs[i].Kind = "story"
	}
	cases := []struct {
		q    string
		want []string // the first results, in order; nil: none at all
	}{
		{"Festgeld", []string{"/festgeld/", "/treppe/", "/konto/"}},   // the word, then compounds it begins
		{"Festgeldkonto", []string{"/konto/"}},                        // the compound itself
		{"Festgelder", []string{"/festgeld/", "/treppe/", "/konto/"}}, // another form, stemmed
		{"festgeldtreppe", []string{"/treppe/"}},                      // a hyphenated word written as one
		{"Festgled", []string{"/festgeld/", "/treppe/"}},              // two letters swapped
		{"Festgelt", []string{"/festgeld/", "/treppe/"}},              // one letter wrong
		{"Rohstoffonds", []string{"/fonds/"}},                         // one letter missing
		{"Rohstoffffonds", []string{"/fonds/"}},                       // one letter too many
		{"Rohstoffoonts", nil},                                        // two edits: nothing
		{"Mueller", []string{"/mueller/"}},                            // ü written ue
		{"MÜLLER", []string{"/mueller/"}},                             //
		{"de000rtb0072", []string{"/fonds/"}},                         // an ISIN, whole
		{"DE000RTB", []string{"/fonds/"}},                             // its start
		{"0,20", []string{"/festgeld/"}},                              // a number, whole
		{"Zinsen Treppe", []string{"/treppe/"}},                       // all words first
		{"und die", nil},                                              // stop words only
		{"Kosten", []string{"/festgeld/"}},                            // German stemming: costs is not kosten
		{"", nil},
	}
	var qs []jsQuery
	for _, c := range cases {
		qs = append(qs, jsQuery{Q: c.q})
	}
	got := queryJS(t, docs, qs)
	for i, c := range cases {
		g := got[i]
		if len(g) > len(c.want) {
			g = g[:len(c.want)]
		}
		if c.want == nil && len(got[i]) != 0 || !reflect.DeepEqual(g, c.want) && c.want != nil {
			t.Errorf("%q found %v, want %v first", c.q, got[i], c.want)
		}
	}
}

func TestSearchJSFilters(t *testing.T) {
	docs := append([]Doc{}, sample...)
	docs = append(docs, Doc{URL: "/products/fonds/", Title: "Aktienfonds", Kind: "product", Body: "Ein Fonds.",
		Product: &Product{Name: "Aktienfonds", Type: "equity-fund", TypeLabel: "Aktienfonds", Risk: 5, CostPct: 1.8, HasCost: true, CostText: "1,80 %"}})
	cases := []struct {
		q       string
		filters map[string]string
		want    []string
	}{
		{"", map[string]string{"kind": "product"}, []string{"/products/festgeld/", "/products/etf/", "/products/fonds/"}},
		{"", map[string]string{"type": "equity-etf"}, []string{"/products/etf/"}},
		{"", map[string]string{"risk": "4"}, []string{"/products/festgeld/", "/products/etf/"}},
		{"", map[string]string{"costs": "0.25"}, []string{"/products/festgeld/", "/products/etf/"}},
		{"", map[string]string{"costs": "0.2"}, []string{"/products/festgeld/"}},
		{"", map[string]string{"lang": "tr"}, []string{"/advisors/murat/"}},
		{"", map[string]string{"branch": "Ludwigshafen-Süd", "lang": "de"}, []string{"/advisors/murat/"}},
		{"", map[string]string{"lang": "fr"}, nil},
		{"Festgeld", map[string]string{"kind": "story"}, []string{"/stories/treppe/"}},
	}
	var qs []jsQuery
	for _, c := range cases {
		qs = append(qs, jsQuery{Q: c.q, Filters: c.filters})
	}
	got := queryJS(t, docs, qs)
	for i, c := range cases {
		if !reflect.DeepEqual(got[i], c.want) && !(len(got[i]) == 0 && c.want == nil) {
			t.Errorf("%q %v found %v, want %v", c.q, c.filters, got[i], c.want)
		}
	}
	// A language finds its advisor first, by name or by code.
	var langs []jsQuery
	for _, q := range []string{"Türkisch", "tuerkisch", "tr", "Turkish"} {
		langs = append(langs, jsQuery{Q: q})
	}
	for i, urls := range queryJS(t, docs, langs) {
		if len(urls) == 0 || urls[0] != "/advisors/murat/" {
			t.Errorf("%q found %v, want /advisors/murat/ first", langs[i].Q, urls)
		}
	}
}
