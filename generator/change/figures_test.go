package change

import (
	"slices"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/productsource"
)

func TestChartWords(t *testing.T) {
	for _, c := range []struct {
		name, body string
		words      string // sorted, space-separated
		any        bool
	}{
		{"one block", "Text product: nein\n\n```chart\ntype: costs\nproduct: etf-welt\n```\nMehr.\n", "costs etf-welt product type", false},
		{"tildes and info after the name", "~~~chart {.wide}\ntype: scenarios\n~~~\n", "scenarios type", false},
		{"in a quote and a list", "> ```chart\n> type: costs\n> product: a-1\n> ```\n\n- ```chart\n  product: b-2\n  ```\n", "a-1 b-2 costs product type", false},
		// A longer fence is closed by a fence as long only.
		{"a longer fence", "````chart\ntype: costs\n```\nproduct: inside\n````\nproduct: outside\n", "costs inside product type", false},
		{"never closed", "```chart\ntype: costs\nproduct: x\n", "costs product type x", false},
		{"another block's words are not read", "```text\nproduct: y\n```\n```chart\ntype: risk\n```\n", "risk type", false},
		{"YAML's quotes", "```chart\nproduct: \"etf-welt\"\n```\n", "etf-welt product", false},
		{"an escape", "```chart\nproduct: \"etf\\x2dwelt\"\n```\n", "", true},
		{"an alias", "```chart\nproduct: *p\n```\n", "", true},
		{"a tag", "```chart\nproduct: !!str x\n```\n", "", true},
		{"no block found", "Nur Text.\n", "", true},
	} {
		got := chartWords(c.body)
		if got.Any != c.any {
			t.Errorf("%s: Any = %v, want %v", c.name, got.Any, c.any)
		}
		if c.any {
			continue
		}
		var words []string
		for w := range got.Words {
			words = append(words, w)
		}
		slices.Sort(words)
		if strings.Join(words, " ") != c.words {
			t.Errorf("%s: words %v, want %s", c.name, words, c.words)
		}
	}
}

func TestFiguresOnly(t *testing.T) {
	base := product.Product{ID: "etf", Name: "ETF", KIDDate: "2026-01-01", SRI: 4}
	for _, c := range []struct {
		name string
		edit func(*product.Product)
		want bool
	}{
		{"nothing", func(*product.Product) {}, true},
		{"the risk class", func(p *product.Product) { p.SRI = 5 }, true},
		{"the type", func(p *product.Product) { p.Type = "bond-fund" }, true},
		{"the holding period", func(p *product.Product) { p.RHPYears = 7 }, true},
		{"the name", func(p *product.Product) { p.Name = "ETF Welt" }, false},
		{"the id", func(p *product.Product) { p.ID = "etf-2" }, false},
		{"the KID's date", func(p *product.Product) { p.KIDDate = "2026-02-01" }, false},
	} {
		n := base
		c.edit(&n)
		if got := FiguresOnly(base, n); got != c.want {
			t.Errorf("%s: FiguresOnly = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestComparisonOf: the comparison shows a product's risk class and the
// costs' effect a year at the holding period, which the moderate
// scenario and every cost move, not the other scenarios.
func TestComparisonOf(t *testing.T) {
	csv := "id,name,type,currency,sri,rhp_years,entry_pct,exit_pct,ongoing_pct,transaction_pct," +
		"scenario_stress_pct,scenario_unfavourable_pct,scenario_moderate_pct,scenario_favourable_pct\n" +
		"fonds,Fonds,bond-fund,EUR,2,3,3.00,0.00,0.75,0.08,-9.50,-1.80,2.40,4.60\n"
	facts := func(old, new string) product.Product {
		ps, ds := productsource.ParseCSV(product.CSVFile, strings.NewReader(strings.Replace(csv, old, new, 1)), "EUR")
		if len(ps) != 1 || len(ds) > 0 {
			t.Fatalf("%s → %s: %v", old, new, ds)
		}
		return ps[0]
	}
	base := ComparisonOf(facts("", ""))
	if !base.Shown || base.SRI != 2 || base.ImpactPct <= 0 {
		t.Fatalf("the bond fund: %+v", base)
	}
	for _, c := range []struct {
		name, old, new string
		same           bool
	}{
		{"the stress scenario", "-9.50,", "-9.70,", true},
		{"the favourable scenario", ",4.60", ",4.90", true},
		{"the moderate scenario", ",2.40,", ",2.60,", false},
		{"the ongoing costs", ",0.75,", ",0.95,", false},
		{"the entry costs", ",3.00,", ",2.50,", false},
		{"the risk class", "EUR,2,", "EUR,3,", false},
		{"the holding period", "EUR,2,3,", "EUR,2,5,", false},
	} {
		if got := ComparisonOf(facts(c.old, c.new)); (got == base) != c.same {
			t.Errorf("%s: %+v, before %+v; the same: %v, want %v", c.name, got, base, got == base, c.same)
		}
	}
}
