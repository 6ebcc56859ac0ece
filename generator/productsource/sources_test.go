package productsource

import (
	"bytes"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/sitetest"

	"github.com/xuri/excelize/v2"
)

// isinFor completes eleven characters with their check digit.
func isinFor(body string) string { return body + string(rune('0'+product.ISINCheckDigit(body))) }

const bankMapping = `# Spalten des Produktexports aus dem Kernbanksystem
columns:
  ISIN: isin
  Produktname: name
  Produktart: type
  Währung: currency
  Risikoklasse (SRI): sri
  Empfohlene Haltedauer (Jahre): rhp_years
  Ausgabeaufschlag (%): entry_pct
  Rücknahmeabschlag (%): exit_pct
  Laufende Kosten (%): ongoing_pct
  Transaktionskosten (%): transaction_pct
  Stressszenario (% p.a.): scenario_stress_pct
  Pessimistisches Szenario (% p.a.): scenario_unfavourable_pct
  Mittleres Szenario (% p.a.): scenario_moderate_pct
  Optimistisches Szenario (% p.a.): scenario_favourable_pct
ignore: [WKN, Bemerkung]
`

const bankHeader = "ISIN;WKN;Produktname;Produktart;Währung;Risikoklasse (SRI);Empfohlene Haltedauer (Jahre);" +
	"Ausgabeaufschlag (%);Rücknahmeabschlag (%);Laufende Kosten (%);Transaktionskosten (%);" +
	"Stressszenario (% p.a.);Pessimistisches Szenario (% p.a.);Mittleres Szenario (% p.a.);Optimistisches Szenario (% p.a.);Bemerkung\n"

// win1252 encodes text with Umlauts as German Excel saves it.
func win1252(t testing.TB, s string) []byte {
	var out []byte
	for _, r := range s {
		if r >= 0x100 {
			t.Fatalf("%q", r)
		}
		out = append(out, byte(r))
	}
	return out
}

func TestBankExportThroughMapping(t *testing.T) {
	isin := isinFor("DE000A0F5UF")
	export := bankHeader + isin + ";A0F5UF;Rheintal Aktien Europa – Anteilklasse R;equity-fund;EUR;5;7;5,00;0,00;1,65;0,12;-18,5;-2,1;5,3;11,8;für Kunden mit Erfahrung\n;;;;;;;;;;;;;;;\n"
	ps, ds := loadSite(t, map[string][]byte{MappingFile: []byte(bankMapping), product.CSVFile: win1252(t, strings.ReplaceAll(export, "–", "-"))})
	if len(ds) != 0 || len(ps) != 1 {
		t.Fatalf("%d products\n%s", len(ps), diagLines(ds))
	}
	p := ps[0]
	if p.ID != strings.ToLower(isin) || p.Name != "Rheintal Aktien Europa - Anteilklasse R" || p.SRI != 5 || p.RHPYears != 7 ||
		p.EntryPct != 5 || p.OngoingPct != 1.65 || p.TransactionPct != 0.12 || p.Currency != "EUR" {
		t.Errorf("%s", factLine(p))
	}
	if col, _ := p.KeyColumn("sri"); col != "Risikoklasse (SRI)" {
		t.Errorf("KeyColumn: %q", col)
	}
}

func TestBankExportProblems(t *testing.T) {
	isin := isinFor("DE000A0F5UF")
	row := isin + ";A0F5UF;Rheintal Aktien Europa;equity-fund;EUR;5;7;5,00;0,00;%s;0,12;-18,5;-2,1;5,3;11,8;\n"
	fractionRow := isin + ";A0F5UF;Rheintal Aktien Europa;equity-fund;EUR;5;7;0,05;0;%s;0,0012;-0,185;-0,021;0,053;0,118;\n"
	for _, tc := range []struct {
		name            string
		mapping, export string
		want            string
	}{
		{"percent sign", bankMapping, bankHeader + strings.Replace(row, "%s", "1,5 %", 1),
			`content/data/products.csv:2:74: ongoing_pct "1,5 %" has a percent sign (column "Laufende Kosten (%)", column 10) — write 1,5 (the column is in percent: 1,5 means 1,5 %)`},
		{"percent sign, fractions", bankMapping + "percent: fraction\n", bankHeader + strings.Replace(fractionRow, "%s", "1,5%", 1),
			`content/data/products.csv:2:71: ongoing_pct "1,5%" has a percent sign (column "Laufende Kosten (%)", column 10) — write 0,015 (content/data/products.columns.yaml says percent: fraction, so 0,015 means 1,5 %)`},
		{"not a fraction", bankMapping + "percent: fraction\n", bankHeader + strings.Replace(fractionRow, "%s", "hoch", 1),
			`content/data/products.csv:2:71: ongoing_pct "hoch" is not a number (column "Laufende Kosten (%)", column 10) — write a decimal fraction such as 0.012 for 1.2 % (content/data/products.columns.yaml says percent: fraction)`},
		{"mistyped column", bankMapping, strings.Replace(bankHeader, "Risikoklasse (SRI)", "Risikoklase (SRI)", 1) + strings.Replace(row, "%s", "1,65", 1),
			`content/data/products.csv:1:42: unknown column "Risikoklase (SRI)" in the header — did you mean Risikoklasse (SRI)?`},
		{"mapped column missing", bankMapping, strings.Replace(bankHeader, "Risikoklasse (SRI)", "Risikoklase (SRI)", 1) + strings.Replace(row, "%s", "1,65", 1),
			`content/data/products.columns.yaml:7: the column "Risikoklasse (SRI)" is mapped, but content/data/products.csv has no such column — did you mean Risikoklase (SRI)?`},
		{"unmapped column", strings.Replace(bankMapping, "ignore: [WKN, Bemerkung]", "ignore: [WKN]", 1), bankHeader + strings.Replace(row, "%s", "1,65", 1),
			`content/data/products.csv:1:297: unknown column "Bemerkung" in the header — map it to a key in content/data/products.columns.yaml (columns:), or list it under ignore: there`},
		{"unknown key in the mapping", strings.Replace(bankMapping, "ignore:", "ignroe:", 1), bankHeader,
			`content/data/products.columns.yaml:17:1: unknown key "ignroe" in the mapping file — did you mean ignore?`},
		{"mapped to no key", strings.Replace(bankMapping, "ISIN: isin", "ISIN: isn", 1), bankHeader,
			`content/data/products.columns.yaml:3:9: the column "ISIN" is mapped to "isn", which is no product key — did you mean isin?`},
		{"bad encoding", bankMapping + "encoding: ebcdic\n", bankHeader,
			`content/data/products.columns.yaml:18:11: unknown encoding "ebcdic" — write utf-8 or windows-1252 (what German Excel writes), or leave the line out to detect it`},
		{"named encoding is wrong", bankMapping + "encoding: windows-1252\n", bankHeader + "DE000A0F5UF5;;Müller-Fonds;fund;EUR;5;7;0;0;1;0;-18;-2;5;11;\n",
			`content/data/products.csv:1: line 1 has 'ä' written in UTF-8, but the mapping file says the file is Windows-1252 — remove encoding: windows-1252 from the mapping file`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := loadSite(t, map[string][]byte{MappingFile: []byte(tc.mapping), product.CSVFile: []byte(tc.export)})
			if got := diagLines(ds); !strings.Contains(got, tc.want) {
				t.Errorf("want\n  %s\ngot\n  %s", tc.want, strings.ReplaceAll(got, "\n", "\n  "))
			}
		})
	}
}

// A products.csv in the content model's own columns, from German Excel in
// Windows-1252, reads as its text; bytes that are neither UTF-8 nor
// Windows-1252 are an error naming the line.
func TestProductsCSVWindows1252(t *testing.T) {
	csv := "id;name;type;currency;sri;rhp_years;entry_pct;exit_pct;ongoing_pct;transaction_pct;" +
		"scenario_stress_pct;scenario_unfavourable_pct;scenario_moderate_pct;scenario_favourable_pct\n" +
		"rentenfonds;Rentenfonds Öko – Zinsen für Anleger;bond-fund;EUR;2;3;3,00;0;0,75;0,08;-9,5;-3,2;1,8;4,9\n"
	ps, ds := loadSite(t, map[string][]byte{product.CSVFile: win1252(t, strings.ReplaceAll(csv, "–", "-"))})
	if len(ds) != 0 || len(ps) != 1 || ps[0].Name != "Rentenfonds Öko - Zinsen für Anleger" || ps[0].OngoingPct != 0.75 {
		t.Fatalf("%v %s", ps, diagLines(ds))
	}
	broken := bytes.Replace(win1252(t, strings.ReplaceAll(csv, "–", "-")), []byte("\xd6ko"), []byte("\x81ko"), 1)
	_, ds = loadSite(t, map[string][]byte{product.CSVFile: broken})
	if got := diagLines(ds); got != `content/data/products.csv:2: line 2 is neither UTF-8 nor Windows-1252 text (byte 0x81 at byte 25) — save the file as "CSV UTF-8"` {
		t.Errorf("got %s", got)
	}
}

// products.xlsx through the mapping file: the sheet it names, cells
// formatted as percentages (Excel keeps 0.0165 and shows 1,65 %), numbers
// stored as text, and positions as cells.
func TestBankWorkbook(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Deckblatt")
	f.NewSheet("Produkte")
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10})
	isin := isinFor("DE000A0F5UF")
	header := strings.Split(strings.TrimSuffix(bankHeader, "\n"), ";")
	values := []any{isin, "A0F5UF", "Rheintal Aktien Europa", "equity-fund", "EUR", 5, "7", 0.05, 0.0, 0.0165, "0,12", "-18,5", "-2,1", "5,3", "11,8", ""}
	for i := range header {
		f.SetCellValue("Produkte", string(rune('A'+i))+"1", header[i])
		f.SetCellValue("Produkte", string(rune('A'+i))+"2", values[i])
	}
	f.SetCellStyle("Produkte", "H2", "J2", pct)
	f.SetCellValue("Produkte", "G3", "sieben") // a bad cell in a row of its own
	f.SetCellValue("Produkte", "A3", isinFor("DE000A0F5UG"))
	var buf bytes.Buffer
	f.Write(&buf)
	ps, ds := loadSite(t, map[string][]byte{MappingFile: []byte(bankMapping + "sheet: Produkte\n"), XLSXFile: buf.Bytes()})
	if got := diagLines(ds); !strings.Contains(got, `content/data/products.xlsx:3:7: rhp_years "sieben" is not a number (column "Empfohlene Haltedauer (Jahre)", cell G3)`) {
		t.Errorf("got\n%s", got)
	}
	var p product.Product
	for _, q := range ps {
		if q.ISIN == isin {
			p = q
		}
	}
	if p.EntryPct != 5 || p.OngoingPct != 1.65 || p.TransactionPct != 0.12 || p.RHPYears != 7 || p.SRI != 5 {
		t.Errorf("%s", factLine(p))
	}
	if col, cell := p.KeyColumn("ongoing_pct"); col != "Laufende Kosten (%)" || cell != "J2" {
		t.Errorf("KeyColumn %q %q", col, cell)
	}
}

// The data files LoadFiles reads as product sources, which templates do
// not get as .Site.Data.
func TestLoadFilesSources(t *testing.T) {
	raw, _, _ := fixtureRows(t)
	files := map[string][]byte{
		"content/data/ept/pimco.csv": raw, "content/data/zinsen.csv": []byte("laufzeit,zins\n1,2.1\n"),
		MappingFile: []byte(bankMapping), product.CSVFile: []byte(bankHeader),
		"content/data/products/ie00bjgt6q17.yaml": []byte("type: mixed-fund\n"), "content/data/feedback.csv": []byte("page\n"),
	}
	root := siteFiles(t, files)
	var list []string
	for f := range files {
		list = append(list, f)
	}
	_, sources, ds := LoadFiles(sitetest.ContentFiles(t, root), sortedCopy(list), "EUR")
	if len(ds) != 0 {
		t.Error(diagLines(ds))
	}
	if got := strings.Join(sources, " "); got != "content/data/products.columns.yaml content/data/ept/pimco.csv content/data/products.csv content/data/products/ie00bjgt6q17.yaml" {
		t.Errorf("sources %s", got)
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// The KID's composition of costs (EPT 07070 to 07110) is also written as
// keys, and checked as percentages.
func TestKIDCompositionKeys(t *testing.T) {
	csv := "id,name,type,sri,rhp_years,entry_pct,exit_pct,ongoing_pct,transaction_pct," +
		"scenario_stress_pct,scenario_unfavourable_pct,scenario_moderate_pct,scenario_favourable_pct,kid_entry_pct,kid_ongoing_pct\n" +
		"fonds,Fonds,fund,3,5,3,0,1.5,0.1,-20,-4,3,9,-1,1.5\n"
	ps, ds := ParseCSV(product.CSVFile, strings.NewReader(csv), "EUR")
	if got := diagLines(ds); got != `content/data/products.csv:2:45: kid_entry_pct must be 0 or more and below 100 (percent), got -1 — the KID states its composition of costs as percentages, such as 1.20 for 1.20 %` {
		t.Errorf("got %s", got)
	}
	if len(ps) != 1 || ps[0].KIDCompositionPct[0] != nil || *ps[0].KIDCompositionPct[2] != 1.5 {
		t.Errorf("%v", ps)
	}
}
