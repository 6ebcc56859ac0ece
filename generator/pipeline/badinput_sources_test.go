package pipeline

// Product sources at build level: EPT files as manufacturers send them, a
// bank's own export through the mapping file, encodings. The bad cases use
// the catalogue harness of badinput_test.go: exact error, failed build,
// previous output untouched.

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/sitetest"
)

const eptFixture = "../productsource/testdata/ept/pimco-ept-v21.csv"

func readFixture(t *testing.T) (string, [][]string) {
	t.Helper()
	raw, err := os.ReadFile(eptFixture)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return string(raw), recs
}

// Every share class of the real EPT file becomes a product page with its
// ISIN, currency, risk class, holding period and the cost table — from the
// CSV as sent and from a workbook made of it.
func TestSourcesEPTFixtureBuildsProductPages(t *testing.T) {
	raw, recs := readFixture(t)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h[:5]] = i
	}
	de := locale.For("de")
	for name, file := range map[string]string{
		"content/data/ept/pimco.csv":  raw,
		"content/data/ept/pimco.xlsx": string(sitetest.Workbook(t, []byte(raw), nil)),
	} {
		t.Run(filepath.Ext(name), func(t *testing.T) {
			res, dest := builds(t, map[string]string{name: file})
			if n := len(res.Diagnostics.Warnings()); n != 0 {
				t.Errorf("warnings: %v", res.Diagnostics.Warnings())
			}
			for _, rec := range recs[1:] {
				isin := rec[col["00030"]]
				page := read(t, filepath.Join(dest, "products", strings.ToLower(isin), "index.html"))
				for _, want := range []string{
					"<dt>ISIN</dt><dd>" + isin + "</dd>",
					"<dd>" + rec[col["00060"]] + "</dd>",
					"Risikoklasse " + rec[col["01090"]] + " von 7",
					"<dd>" + de.Years(mustFloat(t, rec[col["01120"]])) + "</dd>",
					`<table class="costs-over-time">`,
				} {
					if !strings.Contains(page, want) {
						t.Errorf("%s: the page lacks %q", isin, want)
					}
				}
			}
			if _, ok := res.Site.Data["ept"]; ok {
				t.Error("an EPT file is a product source, not template data")
			}
		})
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// A bank's own export from German Excel: its own column names through
// products.columns.yaml, Windows-1252 with Umlauts, ';' and decimal
// commas, the id taken from the ISIN.
func TestSourcesBankExportBuilds(t *testing.T) {
	mapping := "columns:\n  ISIN: isin\n  Bezeichnung: name\n  Produktart: type\n  Währung: currency\n  Risikoklasse (SRI): sri\n" +
		"  Haltedauer (Jahre): rhp_years\n  Ausgabeaufschlag: entry_pct\n  Rücknahmeabschlag: exit_pct\n" +
		"  Laufende Kosten: ongoing_pct\n  Transaktionskosten: transaction_pct\n" +
		"  Stress: scenario_stress_pct\n  Pessimistisch: scenario_unfavourable_pct\n  Mittel: scenario_moderate_pct\n  Optimistisch: scenario_favourable_pct\n" +
		"ignore: [WKN]\n"
	export := "ISIN;WKN;Bezeichnung;Produktart;Währung;Risikoklasse (SRI);Haltedauer (Jahre);Ausgabeaufschlag;Rücknahmeabschlag;Laufende Kosten;Transaktionskosten;" +
		"Stress;Pessimistisch;Mittel;Optimistisch\r\n" +
		"DE0008474503;847450;Rheintal Rentenfonds Öko-Zins;bond-fund;EUR;2;3;3,00;0,00;0,75;0,08;-9,2;-3,1;1,9;5,0\r\n"
	res, dest := builds(t, map[string]string{
		"content/data/products.columns.yaml": mapping,
		"content/data/products.csv":          latin1(export),
	})
	if len(res.Site.Data) != 1 || res.Site.Data["zinsen"] == nil {
		t.Errorf("the mapping file and the export are no template data: %v", res.Site.Data)
	}
	page := read(t, filepath.Join(dest, "products", "de0008474503", "index.html"))
	if !strings.Contains(page, "Rheintal Rentenfonds Öko-Zins") || !strings.Contains(page, "<dt>ISIN</dt><dd>DE0008474503</dd>") {
		t.Errorf("the page from the bank's export:\n%s", page)
	}
}

// latin1 writes s (only characters up to U+00FF) as Windows-1252 bytes.
func latin1(s string) string {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r))
	}
	return string(b)
}

func TestBadInputSourcesUndecodableCSV(t *testing.T) {
	refused(t, put(t, "content/data/products.csv", "id;name;type;currency;sri;rhp_years\nfonds;M\x81ller-Fonds;fund;EUR;3;5\n"),
		`content/data/products.csv:2: line 2 is neither UTF-8 nor Windows-1252 text (byte 0x81 at byte 8) — save the file as "CSV UTF-8"`)
}

func TestBadInputSourcesEPTCellWithPercentSign(t *testing.T) {
	raw, _ := readFixture(t)
	bad := strings.Replace(raw, ",0.0174,0.001,", ",\"1,74 %\",0.001,", 1)
	refused(t, put(t, "content/data/ept/pimco.csv", bad),
		`content/data/ept/pimco.csv:8:676: 03060_Ongoing_Costs_Management_Fees_And_Other_Administrative_Or_Operating_Costs "1,74 %" has a percent sign, but EPT values are decimal fractions (column 64) — write 0.0174 (for 1,74 %)`)
}

func TestBadInputSourcesEPTBadCellInWorkbook(t *testing.T) {
	raw, _ := readFixture(t)
	bad := strings.Replace(raw, ",3,N,3,1,3,N,L,-0.12", ",9,N,3,1,3,N,L,-0.12", 1)
	refused(t, put(t, "content/data/ept/pimco.xlsx", string(sitetest.Workbook(t, []byte(bad), nil))),
		"content/data/ept/pimco.xlsx:14:29: sri must be 1 to 7 (the PRIIPs summary risk indicator), got 9 (EPT field 01090_SRI, cell AC14) — write a whole number")
}

func TestBadInputSourcesSameProductInTwoFiles(t *testing.T) {
	raw, _ := readFixture(t)
	refused(t, func(root string) {
		put(t, "content/data/ept/pimco.csv", raw)(root)
		put(t, "content/data/products.csv", "id,name,isin,type,currency,sri,rhp_years,entry_pct,exit_pct,ongoing_pct,transaction_pct\n"+
			"multi-asset,PIMCO Multi-Asset,IE00BJGT6Q17,mixed-fund,EUR,3,3,0,1.5,1.74,0.10\n")(root)
	}, `content/data/products.csv:2:31: the ISIN IE00BJGT6Q17 is also the product "ie00bjgt6q17"'s, at content/data/ept/pimco.csv:8: one product, one source — remove one of the two rows; to add to a product's facts, write them in content/data/products/<id>.yaml`)
}

func TestBadInputSourcesBankExportPercentSign(t *testing.T) {
	refused(t, func(root string) {
		put(t, "content/data/products.columns.yaml", "columns:\n  Produkt: id\n  Name: name\n  Art: type\n  Währung: currency\n  SRI: sri\n  Jahre: rhp_years\n  Laufende Kosten: ongoing_pct\n")(root)
		put(t, "content/data/products.csv", "Produkt;Name;Art;Währung;SRI;Jahre;Laufende Kosten\nfonds;Fonds;fund;EUR;3;5;1,5 %\n")(root)
	}, `content/data/products.csv:2:26: ongoing_pct "1,5 %" has a percent sign (column "Laufende Kosten", column 7) — write 1,5 (the column is in percent: 1,5 means 1,5 %)`)
}

func TestBadInputSourcesUnknownColumnOfMappedExport(t *testing.T) {
	refused(t, func(root string) {
		put(t, "content/data/products.columns.yaml", "columns:\n  Produkt: id\n  Name: name\n  Art: type\n  SRI: sri\n  Jahre: rhp_years\n")(root)
		put(t, "content/data/products.csv", "Produkt;Name;Art;SRI;Jahr\nfonds;Fonds;fund;3;5\n")(root)
	}, `content/data/products.csv:1:22: unknown column "Jahr" in the header — did you mean Jahre?`)
}
