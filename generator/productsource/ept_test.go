package productsource

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/sitetest"
)

const pimcoFixture = "testdata/ept/pimco-ept-v21.csv"

// fixture is the 27 real share classes, as rows keyed by field name.
func fixtureRows(t testing.TB) ([]byte, []string, []map[string]string) {
	t.Helper()
	raw, err := os.ReadFile(pimcoFixture)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return raw, recs[0], rows
}

// site writes files below a new site root.
func siteFiles(t testing.TB, files map[string][]byte) string {
	t.Helper()
	root := t.TempDir()
	for p, b := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func loadSite(t testing.TB, files map[string][]byte) ([]product.Product, []diag.Diagnostic) {
	t.Helper()
	return Load(sitetest.ContentFiles(t, siteFiles(t, files)), "EUR")
}

func diagLines(ds []diag.Diagnostic) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.Error())
	}
	return strings.Join(s, "\n")
}

// facts prints what a page shows of a product, without where it was read.
func factLine(p product.Product) string {
	f := func(x *float64) string {
		if x == nil {
			return "-"
		}
		return strconv.FormatFloat(*x, 'g', -1, 64)
	}
	i := func(x *int) string {
		if x == nil {
			return "-"
		}
		return strconv.Itoa(*x)
	}
	return fmt.Sprintf("%s %q %s %s %s sri %d mrm %s crm %s rhp %g entry %g exit %g/%s/%s ongoing %g tx %g perf %g "+
		"scen %s %s %s %s 1y %s %s %s %s kid %s %s %q kid costs %s %s %s %s %s %s composition %s %s %s %s %s",
		p.ID, p.Name, p.ISIN, p.Type, p.Currency, p.SRI, i(p.MRM), i(p.CRM), p.RHPYears, p.EntryPct, p.ExitPct,
		f(p.Exit1YPct), f(p.ExitHalfPct), p.OngoingPct, p.TransactionPct, p.PerformanceFeePct,
		f(p.ScenarioStressPct), f(p.ScenarioUnfavourablePct), f(p.ScenarioModeratePct), f(p.ScenarioFavourablePct),
		f(p.Scenario1YPct[0]), f(p.Scenario1YPct[1]), f(p.Scenario1YPct[2]), f(p.Scenario1YPct[3]),
		p.KIDURL, p.KIDDate, p.Manufacturer, f(p.KIDTotalCosts1Y), f(p.KIDTotalCostsHalf), f(p.KIDTotalCostsRHP),
		f(p.KIDCostImpact1YPct), f(p.KIDCostImpactHalfPct), f(p.KIDCostImpactRHPPct),
		f(p.KIDCompositionPct[0]), f(p.KIDCompositionPct[1]), f(p.KIDCompositionPct[2]), f(p.KIDCompositionPct[3]), f(p.KIDCompositionPct[4]))
}

func fieldPct(t *testing.T, row map[string]string, field string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(row[field], 64)
	if err != nil {
		t.Fatalf("%s: %v", field, err)
	}
	return v * 100
}

func nearly(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestEPTFixture reads the 27 real share classes as the manufacturer sent
// them and checks every page-relevant figure against the file, read here
// with encoding/csv on its own.
func TestEPTFixture(t *testing.T) {
	raw, _, rows := fixtureRows(t)
	ps, ds := loadSite(t, map[string][]byte{"content/data/ept/pimco.csv": raw})
	if len(ds) != 0 {
		t.Fatalf("diagnostics:\n%s", diagLines(ds))
	}
	if len(ps) != 27 {
		t.Fatalf("%d products, want 27", len(ps))
	}
	byISIN := map[string]product.Product{}
	for _, p := range ps {
		byISIN[p.ISIN] = p
	}
	for _, row := range rows {
		isin := row["00030_Portfolio_Identifying_Data"]
		p, ok := byISIN[isin]
		if !ok {
			t.Errorf("%s: no product", isin)
			continue
		}
		sri, _ := strconv.Atoi(row["01090_SRI"])
		rhp, _ := strconv.ParseFloat(row["01120_Recommended_Holding_Period"], 64)
		checks := []struct {
			what      string
			got, want float64
		}{
			{"sri", float64(p.SRI), float64(sri)},
			{"rhp", p.RHPYears, rhp},
			{"entry", p.EntryPct, fieldPct(t, row, "03010_One_Off_Cost_Portfolio_Entry_Cost") + fieldPct(t, row, "03015_One_Off_Cost_Portfolio_Entry_Cost_Acquired")},
			{"exit at the holding period", p.ExitPct, fieldPct(t, row, "03020_One_Off_Costs_Portfolio_Exit_Cost_At_RHP")},
			{"exit after 1 year", *p.Exit1YPct, fieldPct(t, row, "03030_One_Off_Costs_Portfolio_Exit_Cost_At_1_Year")},
			{"ongoing", p.OngoingPct, fieldPct(t, row, "03060_Ongoing_Costs_Management_Fees_And_Other_Administrative_Or_Operating_Costs")},
			{"transaction", p.TransactionPct, fieldPct(t, row, "03080_Ongoing_Costs_Portfolio_Transaction_Costs")},
			{"incidental (03090 N)", p.PerformanceFeePct, 0},
			{"stress", *p.ScenarioStressPct, fieldPct(t, row, "02120_Portfolio_Return_Stress_Scenario_RHP_Or_First_Call_Date")},
			{"unfavourable", *p.ScenarioUnfavourablePct, fieldPct(t, row, "02030_Portfolio_Return_Unfavourable_Scenario_RHP_Or_First_Call_Date")},
			{"moderate", *p.ScenarioModeratePct, fieldPct(t, row, "02060_Portfolio_Return_Moderate_Scenario_RHP_Or_First_Call_Date")},
			{"favourable", *p.ScenarioFavourablePct, fieldPct(t, row, "02090_Portfolio_Return_Favourable_Scenario_RHP_Or_First_Call_Date")},
			{"stress 1y", *p.Scenario1YPct[0], fieldPct(t, row, "02100_Portfolio_Return_Stress_Scenario_1_Year")},
			{"unfavourable 1y", *p.Scenario1YPct[1], fieldPct(t, row, "02010_Portfolio_Return_Unfavourable_Scenario_1_Year")},
			{"moderate 1y", *p.Scenario1YPct[2], fieldPct(t, row, "02040_Portfolio_Return_Moderate_Scenario_1_Year")},
			{"favourable 1y", *p.Scenario1YPct[3], fieldPct(t, row, "02070_Portfolio_Return_Favourable_Scenario_1_Year")},
		}
		for _, c := range checks {
			if !nearly(c.got, c.want) {
				t.Errorf("%s %s: %v, want %v", isin, c.what, c.got, c.want)
			}
		}
		if p.ID != strings.ToLower(isin) || p.Currency != row["00060_Portfolio_Or_Share_Class_Currency"] ||
			p.Name != row["00050_Portfolio_Name"] || p.Type != "fund" || p.KIDDate != row["00070_PRIIPs_KID_Publication_Date"] ||
			p.KIDURL != row["00075_PRIIPs_KID_Web_Address"] || p.Manufacturer != "PIMCO Global Advisors (Ireland) Limited" ||
			*p.MRM != sri || *p.CRM != 1 {
			t.Errorf("%s: %s", isin, factLine(p))
		}
	}
	// One share class by hand: the PIMCO Multi-Asset Strategy Fund Retail I
	// Accumulation has a sliding exit cost, 2 % after 1 year and 1.5 % at
	// the holding period of 3 years.
	if got := factLine(byISIN["IE00BJGT6Q17"]); !strings.HasPrefix(got, `ie00bjgt6q17 "Multi-Asset Strategy Fund Retail I Accumulation" IE00BJGT6Q17 fund EUR sri 3 mrm 3 crm 1 rhp 3 entry 0 exit 1.5/2/- ongoing 1.74 tx 0.1 perf 0`) {
		t.Errorf("got %s", got)
	}
	// Where each key was read from, as the file names it.
	p := byISIN["IE00BJGT6Q17"]
	if col, cell := p.KeyColumn("ongoing_pct"); col != "03060_Ongoing_Costs_Management_Fees_And_Other_Administrative_Or_Operating_Costs" || cell != "" {
		t.Errorf("KeyColumn: %q %q", col, cell)
	}
	if at := p.KeyPosition("ongoing_pct"); at.File != "content/data/ept/pimco.csv" || at.Line != 8 {
		t.Errorf("KeyPosition: %+v", at)
	}
}

// toGermanExcel re-saves the CSV as German Excel does: Windows-1252
// without byte order mark, ';' as separator, decimal commas.
func toGermanExcel(t testing.TB, header []string, rows []map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.Write(header)
	for _, row := range rows {
		rec := make([]string, len(header))
		for i, h := range header {
			v := row[h]
			if _, err := strconv.ParseFloat(v, 64); err == nil {
				v = strings.Replace(v, ".", ",", 1)
			}
			rec[i] = v
		}
		w.Write(rec)
	}
	w.Flush()
	var out []byte
	for _, r := range buf.String() {
		switch {
		case r < 0x80 || r >= 0xA0 && r <= 0xFF:
			out = append(out, byte(r))
		case r == '™':
			out = append(out, 0x99)
		default:
			t.Fatalf("%q has no Windows-1252 byte here", r)
		}
	}
	return out
}

// The same 27 share classes as a workbook and as a Windows-1252 CSV from
// German Excel give the same products as the file as sent.
func TestEPTFixtureAsXLSXAndWindows1252(t *testing.T) {
	raw, header, rows := fixtureRows(t)
	want, ds := loadSite(t, map[string][]byte{"content/data/pimco.csv": raw})
	if len(ds) != 0 {
		t.Fatal(diagLines(ds))
	}
	text := map[string]bool{"03060_Ongoing_Costs_Management_Fees_And_Other_Administrative_Or_Operating_Costs": true, "01120_Recommended_Holding_Period": true}
	for name, file := range map[string][]byte{
		"pimco.xlsx": sitetest.Workbook(t, raw, text),
		"pimco.csv":  toGermanExcel(t, header, rows),
	} {
		t.Run(name, func(t *testing.T) {
			if name == "pimco.csv" && !bytes.Contains(file, []byte("StocksPLUS\x99 Fund")) {
				t.Fatal("the test file must hold ™ as Windows-1252")
			}
			got, ds := loadSite(t, map[string][]byte{"content/data/" + name: file})
			if len(ds) != 0 {
				t.Fatal(diagLines(ds))
			}
			if len(got) != len(want) {
				t.Fatalf("%d products, want %d", len(got), len(want))
			}
			for i := range got {
				if g, w := factLine(got[i]), factLine(want[i]); g != w {
					t.Errorf("\n got %s\nwant %s", g, w)
				}
			}
			if name == "pimco.xlsx" {
				p := got[0]
				if col, cell := p.KeyColumn("ongoing_pct"); cell != "BL25" || !strings.HasPrefix(col, "03060_") {
					t.Errorf("KeyColumn in a workbook: %q %q", col, cell)
				}
			}
		})
	}
}

// eptCSV builds an EPT file from the fixture's first share class with the
// given fields changed ("" removes a value, a missing field name adds it).
func eptFile(t testing.TB, change map[string]string) []byte {
	t.Helper()
	_, header, rows := fixtureRows(t)
	row := rows[6] // IE00BJGT6Q17
	for k, v := range change {
		if _, ok := row[k]; !ok {
			header = append(header, k)
		}
		row[k] = v
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	rec := make([]string, len(header))
	for i, h := range header {
		rec[i] = row[h]
	}
	w.Write(rec)
	w.Flush()
	return buf.Bytes()
}

func TestEPTBadCells(t *testing.T) {
	const file = "content/data/ept.csv"
	for _, tc := range []struct {
		name   string
		change map[string]string
		want   string
	}{
		{"percent sign", map[string]string{"03060_Ongoing_Costs_Management_Fees_And_Other_Administrative_Or_Operating_Costs": "1.74 %"},
			`content/data/ept.csv:2:676: 03060_Ongoing_Costs_Management_Fees_And_Other_Administrative_Or_Operating_Costs "1.74 %" has a percent sign, but EPT values are decimal fractions (column 64) — write 0.0174 (for 1.74 %)`},
		{"not a number", map[string]string{"03080_Ongoing_Costs_Portfolio_Transaction_Costs": "n/a"},
			`content/data/ept.csv:2:683: 03080_Ongoing_Costs_Portfolio_Transaction_Costs "n/a" is not a number (column 65) — EPT values are decimal fractions with a point, such as 0.0125 for 1.25 %`},
		{"bad sri", map[string]string{"01090_SRI": "8"},
			`content/data/ept.csv:2:403: sri must be 1 to 7 (the PRIIPs summary risk indicator), got 8 (EPT field 01090_SRI, column 29) — write a whole number`},
		{"bad isin", map[string]string{"00030_Portfolio_Identifying_Data": "IE00BJGT6Q18"},
			`content/data/ept.csv:2:189: isin IE00BJGT6Q18 has the check digit 8, but the first eleven characters give 7 (EPT field 00030_Portfolio_Identifying_Data, column 13) — check the ISIN for a typo against the product's key information document`},
		{"negative cost", map[string]string{"03010_One_Off_Cost_Portfolio_Entry_Cost": "-0.05"},
			`content/data/ept.csv:2:659: entry_pct must be 0 or more (one-off entry costs in percent), got -5 (EPT field 03010_One_Off_Cost_Portfolio_Entry_Cost + 03015_One_Off_Cost_Portfolio_Entry_Cost_Acquired, column 59, written -0.05 + 0) — costs are written as positive percentages, such as 1.20 for 1.20 %`},
		{"incidental flag without value", map[string]string{"03090_Existing_Incidental_Costs_Portfolio": "Y"},
			`content/data/ept.csv:2:689: 03090_Existing_Incidental_Costs_Portfolio says there are incidental costs (Y), but 03095_Incidental_Costs is empty (column 66) — fill in 03095_Incidental_Costs, as a decimal fraction`},
		{"incidental contradicts flag", map[string]string{"03095_Incidental_Costs": "0.002"},
			`content/data/ept.csv:2:699: 03095_Incidental_Costs is 0.002, but 03090_Existing_Incidental_Costs_Portfolio says there are no incidental costs (N) (column 75) — correct 03090_Existing_Incidental_Costs_Portfolio or 03095_Incidental_Costs`},
		{"unknown code type", map[string]string{"00040_Type_Of_Identification_Code_For_The_Fund_Share_Or_Portfolio": "12"},
			`content/data/ept.csv:2:202: 00040_Type_Of_Identification_Code_For_The_Fund_Share_Or_Portfolio "12" is not a type of identification code (column 14) — 1 is an ISIN; 2 to 9 and 99 are the other codes the EPT lists`},
		{"amount without reference", map[string]string{"07050_Total_Cost_RHP": "690", "02220_Reference_Invested_Amount": ""},
			`content/data/ept.csv:2:694: 07050_Total_Cost_RHP 690 is an amount, but 02220_Reference_Invested_Amount does not say for which investment (column 75) — fill in 02220_Reference_Invested_Amount, the amount the KID's figures are for (such as 10000)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := loadSite(t, map[string][]byte{file: eptFile(t, tc.change)})
			if got := diagLines(ds); !strings.Contains(got, tc.want) {
				t.Errorf("want\n  %s\ngot\n  %s", tc.want, strings.ReplaceAll(got, "\n", "\n  "))
			}
		})
	}
}

func TestEPTFields(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change map[string]string
		want   string // a part of factLine()
		warn   string
	}{
		{"entry acquired to the fund adds", map[string]string{"03010_One_Off_Cost_Portfolio_Entry_Cost": "0.03", "03015_One_Off_Cost_Portfolio_Entry_Cost_Acquired": "0.01"},
			"entry 4 ", ""},
		{"incidental costs", map[string]string{"03090_Existing_Incidental_Costs_Portfolio": "Y", "03095_Incidental_Costs": "0.0012"}, "perf 0.12 ", ""},
		{"exponent", map[string]string{"03080_Ongoing_Costs_Portfolio_Transaction_Costs": "5e-05"}, "tx 0.005 ", ""},
		{"half exit", map[string]string{"03040_One_Off_Costs_Portfolio_Exit_Cost_At_Half_RHP": "0.0175", "01120_Recommended_Holding_Period": "10"}, "exit 1.5/2/1.75 ", ""},
		{"half exit without a half column", map[string]string{"03040_One_Off_Costs_Portfolio_Exit_Cost_At_Half_RHP": "0.0175"}, "exit 1.5/2/- ",
			`content/data/ept.csv:2:699: warning: exit_half_pct is given, but a holding period of 3 years has no half-way column (that needs 10 years or more); it is not used (EPT field 03040_One_Off_Costs_Portfolio_Exit_Cost_At_Half_RHP, column 75, written 0.0175) — check rhp_years`},
		{"KID figures rebased to 1", map[string]string{"07010_Total_Cost_1_Year_Or_First_Call": "0.0426", "07020_RIY_1_Year_Or_First_Call": "0.0426",
			"07050_Total_Cost_RHP": "0.0705", "07060_RIY_RHP": "0.0231"}, "kid costs 426 - 705 4.26 - 2.31", ""},
		{"KID composition", map[string]string{"07070_One_Off_Costs_Portfolio_Entry_Cost": "0", "07080_One_Off_Costs_Portfolio_Exit_Cost": "0.02",
			"07090_Ongoing_Costs_Portfolio_Transaction_Costs": "0.001", "07100_Ongoing_Costs_Management_Fees_And_Other_Administrative_Or_Operating_Costs": "0.0174",
			"07110_Incidental_Costs_Portfolio_Performance_Fees_Carried _Interest": "0"}, "composition 0 2 1.74 0.1 0", ""},
		{"KID composition unlike the rates", map[string]string{"07100_Ongoing_Costs_Management_Fees_And_Other_Administrative_Or_Operating_Costs": "0.015"},
			"composition - - 1.5 - -", `content/data/ept.csv:2:699: warning: kid_ongoing_pct is 1.5, but the figures are computed from ongoing_pct = 1.74 (EPT field 07100_Ongoing_Costs_Management_Fees_And_Other_Administrative_Or_Operating_Costs, column 75, written 0.015) — check the product's rates against the KID's composition of costs`},
		{"KID figures in currency for 02220", map[string]string{"07010_Total_Cost_1_Year_Or_First_Call": "4261", "07050_Total_Cost_RHP": "7050.5",
			"02220_Reference_Invested_Amount": "100000"}, "kid costs 426.1 - 705.05 ", ""},
		{"WKN", map[string]string{"00040_Type_Of_Identification_Code_For_The_Fund_Share_Or_Portfolio": "4", "00030_Portfolio_Identifying_Data": "A2PKXG"},
			`wkn-a2pkxg "Multi-Asset Strategy Fund Retail I Accumulation"  fund`, ""},
		{"CIC bond fund", map[string]string{"00090_Fund_CIC_Code": "XL42"}, " IE00BJGT6Q17 bond-fund EUR", ""},
		{"CIC not a fund", map[string]string{"00090_Fund_CIC_Code": "XL31"}, " IE00BJGT6Q17 fund EUR",
			`content/data/ept.csv:2:699: warning: the CIC code "XL31" is not a fund's (XL4…) or a structured product's; the type is fund (column 75) — give the product's type in content/data/products/ie00bjgt6q17.yaml`},
		{"not sliding but different", map[string]string{"03050_One_Off_Costs_Portfolio_Sliding_Exit_Cost_Indicator": "N"}, "exit 1.5/2/-",
			`content/data/ept.csv:2:674: warning: 03050_One_Off_Costs_Portfolio_Sliding_Exit_Cost_Indicator says there is no sliding exit cost (N), but the exit cost after 1 year (0.02) differs from the one at the holding period (0.015) (column 63) — check the exit costs against the KID`},
		{"other version", map[string]string{"00001_EPT_Version": "V20"}, "",
			`content/data/ept.csv:2:1: warning: the file says EPT version "V20"; klartext reads the fields as V2.1 defines them (column 1) — check the figures of its products against their KIDs, or ask the manufacturer for a V2.1 file`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, ds := loadSite(t, map[string][]byte{"content/data/ept.csv": eptFile(t, tc.change)})
			// The KID's own figures are cross-checked against the model's
			// (rules_test.go); this table checks only what was read.
			ds = slices.DeleteFunc(ds, func(d diag.Diagnostic) bool { return strings.Contains(d.Message, "but the product's costs give") })
			if got := diagLines(ds); got != tc.warn {
				t.Errorf("diagnostics\n  %s\nwant\n  %s", got, tc.warn)
			}
			if len(ps) != 1 || !strings.Contains(factLine(ps[0]), tc.want) {
				t.Fatalf("want %q in\n%v", tc.want, func() string {
					if len(ps) == 1 {
						return factLine(ps[0])
					}
					return fmt.Sprint(ps)
				}())
			}
		})
	}
}

func TestEPTFileProblems(t *testing.T) {
	raw, _, _ := fixtureRows(t)
	noCode := bytes.Replace(raw, []byte("00030_Portfolio_Identifying_Data"), []byte("00031_Something"), 1)
	_, ds := loadSite(t, map[string][]byte{"content/data/ept.csv": noCode})
	if got := diagLines(ds); got != "content/data/ept.csv:1: the EPT file has no column 00030_Portfolio_Identifying_Data, which identifies each share class — export the file again with all mandatory fields of the EPT" {
		t.Errorf("got %s", got)
	}
	foreign := bytes.Replace(raw, []byte("00015_Portfolio_Manufacturer_Group_Name"), []byte("Bemerkung"), 1)
	_, ds = loadSite(t, map[string][]byte{"content/data/ept.csv": foreign})
	if got := diagLines(ds); !strings.HasPrefix(got, `content/data/ept.csv:1:`) || !strings.Contains(got, `column "Bemerkung" is not an EPT field`) {
		t.Errorf("got %s", got)
	}
	// A second file with the same share class: one product, one source.
	ps, ds := loadSite(t, map[string][]byte{"content/data/a.csv": raw, "content/data/b.csv": eptFile(t, nil)})
	if len(ps) != 27 || !strings.Contains(diagLines(ds), `content/data/b.csv:2:189: duplicate product id "ie00bjgt6q17": it is already used at content/data/a.csv:8`) {
		t.Errorf("%d products:\n%s", len(ps), diagLines(ds))
	}
	// The same ISIN in the bank's export under another id.
	export := "id,name,isin,type,currency,sri,rhp_years\nmulti-asset,Multi-Asset,IE00BJGT6Q17,mixed-fund,EUR,3,3\n"
	_, ds = loadSite(t, map[string][]byte{"content/data/b.csv": eptFile(t, nil), product.CSVFile: []byte(export)})
	if got := diagLines(ds); !strings.Contains(got, `content/data/products.csv:2:25: the ISIN IE00BJGT6Q17 is also the product "ie00bjgt6q17"'s, at content/data/b.csv:2: one product, one source`) {
		t.Errorf("got %s", got)
	}
}

// A bank complements an EPT row with content/data/products/<id>.yaml.
func TestEPTComplementedByYAML(t *testing.T) {
	ps, ds := loadSite(t, map[string][]byte{
		"content/data/ept.csv":                    eptFile(t, nil),
		"content/data/products/ie00bjgt6q17.yaml": []byte("type: mixed-fund\nname: PIMCO Multi-Asset Strategy (R I, thesaurierend)\n"),
	})
	if len(ds) != 0 || len(ps) != 1 {
		t.Fatalf("%v\n%s", ps, diagLines(ds))
	}
	p := ps[0]
	if p.Type != "mixed-fund" || p.Name != "PIMCO Multi-Asset Strategy (R I, thesaurierend)" || p.OngoingPct != 1.74 {
		t.Errorf("%s", factLine(p))
	}
	if at := p.KeyPosition("type"); at.File != "content/data/products/ie00bjgt6q17.yaml" || at.Line != 1 {
		t.Errorf("type from %+v", at)
	}
	if col, _ := p.KeyColumn("type"); col != "" {
		t.Errorf("a key from the YAML file has no EPT column: %q", col)
	}
}
