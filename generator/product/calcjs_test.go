package product_test

import (
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/productsource"
	"github.com/klartext/klartext/generator/sitetest"
)

// The product page's calculator (themes/klartext/static/js/calc.js) shows
// the page's figures for the reader's own amount. These tests run its
// functions in node against this package and package locale: its
// rounding and formatting on random values, its split into cents, and
// every money figure of the demo's products and the EPT fixture's for
// several amounts against product.ComputeFor. The browser suite (e2e,
// TestCalculator) checks the page the script changes.

func runCalcJS(t *testing.T, program string, input, output any) {
	t.Helper()
	sitetest.RunJS(t, sitetest.ThemeJS("calc.js"), "calc", program, input, output)
}

// randomValue is a float of any size the pages print, with ties (x.xx5)
// and values near them often.
func randomValue(r *rand.Rand) float64 {
	v := math.Pow(10, r.Float64()*14-6) * (r.Float64()*2 - 0.5)
	switch r.Intn(4) {
	case 0:
		v = math.Round(v*1000)/1000 + 0.005 // a tie in its shortest digits
	case 1:
		v = math.Round(v*100) / 100
	}
	return v
}

func TestCalcJSFormatsAsLocale(t *testing.T) {
	r := rand.New(rand.NewSource(17))
	type item struct {
		V        float64 `json:"v"`
		D        int     `json:"d"`
		Lang     string  `json:"lang"`
		Currency string  `json:"currency"`
	}
	type want struct {
		Round  float64 `json:"round"`
		Number string  `json:"number"`
		Money  string  `json:"money"`
	}
	currencies := []string{"EUR", "USD", "GBP", "CHF", "JPY", "SEK", "HKD", "eur"}
	items := []item{{V: 1.005, D: 2, Lang: "de", Currency: "EUR"}, {V: 0, D: 2, Lang: "en", Currency: "USD"},
		{V: -0.004, D: 2, Lang: "de", Currency: "EUR"}, {V: 999.995, D: 2, Lang: "en", Currency: "GBP"},
		{V: 1e21, D: 2, Lang: "de", Currency: "EUR"}, {V: 1.5e-7, D: 4, Lang: "en", Currency: "SEK"}}
	for range 4000 {
		items = append(items, item{V: randomValue(r), D: r.Intn(5), Lang: []string{"de", "en"}[r.Intn(2)], Currency: currencies[r.Intn(len(currencies))]})
	}
	var got []want
	runCalcJS(t, `done(input.map((x) => ({round: calc.round(x.v, x.d), number: calc.number(x.v, x.d, x.lang), money: calc.money(x.v, x.currency, x.lang)})));`, items, &got)
	if len(got) != len(items) {
		t.Fatalf("%d answers for %d values", len(got), len(items))
	}
	for i, x := range items {
		loc := locale.For(x.Lang)
		w := want{Round: locale.Round(x.V, x.D), Number: loc.Number(x.V, x.D), Money: loc.Money(x.V, x.Currency)}
		if got[i] != w {
			t.Errorf("%v (%d decimals, %s, %s): calc.js %+v, Go %+v", x.V, x.D, x.Lang, x.Currency, got[i], w)
		}
	}
}

func TestCalcJSSplitsAsGo(t *testing.T) {
	r := rand.New(rand.NewSource(16))
	type split struct {
		Parts []float64 `json:"parts"`
		Total float64   `json:"total"`
	}
	var in []split
	for range 2000 {
		n := 1 + r.Intn(5)
		parts := make([]float64, n)
		sum := 0.0
		for i := range parts {
			if r.Intn(4) > 0 {
				parts[i] = randomValue(r)
				if parts[i] < 0 {
					parts[i] = -parts[i]
				}
			}
			if r.Intn(3) == 0 {
				parts[i] = parts[0] // ties between remainders
			}
			sum += parts[i]
		}
		in = append(in, split{parts, locale.Round(sum, 2)})
	}
	var got [][]float64
	runCalcJS(t, `done(input.map((x) => calc.splitCents(x.parts, x.total)));`, in, &got)
	for i, x := range in {
		w := product.SplitCents(x.Parts, x.Total)
		for j := range w {
			if j >= len(got[i]) || got[i][j] != w[j] {
				t.Errorf("split of %v into %v: calc.js %v, Go %v", x.Parts, x.Total, got[i], w)
				break
			}
		}
	}
}

// demoAndFixtureProducts are the demo site's products and the EPT
// fixture's share classes.
func demoAndFixtureProducts(t *testing.T) []product.Product {
	t.Helper()
	demo := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(demo, "content", "data", "products.csv")); err != nil {
		t.Fatalf("the demo's products: %v", err)
	}
	products, ds := productsource.Load(sitetest.ContentFiles(t, demo), "EUR")
	if len(ds) > 0 || len(products) == 0 {
		t.Fatalf("the demo's products: %d, %v", len(products), ds)
	}
	raw, err := os.ReadFile(filepath.Join("..", "productsource", "testdata", "ept", "pimco-ept-v21.csv"))
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "content", "data", "ept"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content", "data", "ept", "pimco.csv"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	ept, ds := productsource.Load(sitetest.ContentFiles(t, site), "EUR")
	for _, d := range ds {
		if d.Severity == diag.Error {
			t.Fatalf("the fixture: %v", d)
		}
	}
	return append(products, ept...)
}

func TestCalcJSFiguresMatchComputeFor(t *testing.T) {
	products := demoAndFixtureProducts(t)
	amounts := []float64{5000, 1, 0.01, 2500.5, 12345.67, 99999.99, 1e6, 123456789.12}
	type page struct {
		Amounts []float64 `json:"amounts"` // the page's figures for 10,000, as it prints them
		Shares  []float64 `json:"shares"`
		Total   float64   `json:"total"` // the composition's column's exact total
	}
	var in []page
	for _, p := range products {
		f := product.Compute(p)
		if f == nil {
			t.Fatalf("%s: no figures", p.ID)
		}
		pg := page{Amounts: f.Amounts(), Total: f.Columns[0].TotalCosts}
		for _, l := range f.Composition.Lines {
			pg.Shares = append(pg.Shares, l.Share)
		}
		in = append(in, pg)
	}
	var got [][][]string // page, amount, figures (composition lines and total last)
	runCalcJS(t, `const amounts = `+jsonFloats(amounts)+`;
const fmt = (v, cur, lang) => calc.money(v, cur, lang);
done(input.pages.map((p, i) => amounts.map((a) => {
  const c = calc.composition(p.shares, p.total, a, 10000);
  return p.amounts.map((v) => calc.money(calc.scale(v, a, 10000), input.currencies[i], input.lang)).concat(c.lines.map((v) => calc.money(v, input.currencies[i], input.lang)), [calc.money(c.total, input.currencies[i], input.lang)]);
})));`, map[string]any{"pages": in, "currencies": currenciesOf(products), "lang": "de"}, &got)
	loc := locale.For("de")
	for i, p := range products {
		for j, a := range amounts {
			f := product.ComputeFor(p, a)
			var want []string
			for _, v := range f.Amounts() {
				want = append(want, loc.Money(v, p.Currency))
			}
			for _, l := range f.Composition.Lines {
				want = append(want, loc.Money(l.Amount, p.Currency))
			}
			want = append(want, loc.Money(f.Composition.TotalCosts, p.Currency))
			if len(got[i][j]) != len(want) {
				t.Fatalf("%s, %v: %d figures from calc.js, %d from Go", p.ID, a, len(got[i][j]), len(want))
			}
			for k := range want {
				if got[i][j][k] != want[k] {
					t.Errorf("%s for %v: figure %d is %q in calc.js, %q in product.ComputeFor", p.ID, a, k, got[i][j][k], want[k])
				}
			}
		}
	}
	if len(products) < 30 {
		t.Errorf("only %d products checked", len(products))
	}
}

func currenciesOf(ps []product.Product) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Currency
	}
	return out
}

func jsonFloats(vs []float64) string {
	s := "["
	for i, v := range vs {
		if i > 0 {
			s += ","
		}
		s += strconv.FormatFloat(v, 'g', -1, 64)
	}
	return s + "]"
}
