package productsource

import (
	"slices"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/product"
)

// validRow is a product that passes every check; tests change one key.
var validRow = map[string]string{
	"id": "etf-welt", "name": "ETF Welt", "isin": "IE00B4L5Y983", "type": "equity-etf", "currency": "EUR",
	"sri": "4", "mrm": "", "crm": "", "rhp_years": "5",
	"entry_pct": "0", "exit_pct": "0", "ongoing_pct": "0.20", "transaction_pct": "0.05", "performance_fee_pct": "0",
	"scenario_stress_pct": "-30", "scenario_unfavourable_pct": "-5", "scenario_moderate_pct": "5", "scenario_favourable_pct": "12",
}

// csvWith is a CSV with all columns and one row (line 2): validRow with
// changes.
func csvWith(changes map[string]string) string {
	var header, row []string
	for _, k := range product.Keys() {
		v := validRow[k]
		if c, ok := changes[k]; ok {
			v = c
		}
		header = append(header, k)
		row = append(row, v)
	}
	return strings.Join(header, ",") + "\n" + strings.Join(row, ",") + "\n"
}

func TestValidRowHasNoDiagnostics(t *testing.T) {
	ps, ds := ParseCSV(product.CSVFile, strings.NewReader(csvWith(nil)), "EUR")
	if len(ds) != 0 || len(ps) != 1 {
		t.Fatalf("products %+v, diagnostics %v", ps, ds)
	}
	p := ps[0]
	if p.ID != "etf-welt" || p.SRI != 4 || p.RHPYears != 5 || p.OngoingPct != 0.2 || p.MRM != nil ||
		p.ScenarioModeratePct == nil || *p.ScenarioModeratePct != 5 || p.Source() != (product.Position{File: product.CSVFile, Line: 2}) {
		t.Errorf("product %+v", p)
	}
}

func TestValidation(t *testing.T) {
	for _, tc := range []struct {
		name    string
		changes map[string]string
		sev     diag.Severity
		key     string
		message string // the whole message
		hint    string // a part of the hint
	}{
		{"id with slash", map[string]string{"id": "../etc"}, diag.Error, "id", `id "../etc" is not a valid product id`, "lower-case"},
		{"kid_url http", map[string]string{"kid_url": "http://fonds.example/kid.pdf"}, diag.Error, "kid_url",
			`kid_url "http://fonds.example/kid.pdf" is http://, not https://`, "Basisinformationsblatt"},
		{"kid_url javascript", map[string]string{"kid_url": "javascript:alert(1)"}, diag.Error, "kid_url",
			`kid_url "javascript:alert(1)" is not an absolute web address`, "https://"},
		{"id upper case", map[string]string{"id": "ETF-Welt"}, diag.Error, "id", `id "ETF-Welt" is not a valid product id`, "a-z"},
		{"name missing", map[string]string{"name": ""}, diag.Error, "name", "name is missing", "every product needs name"},
		{"type missing", map[string]string{"type": ""}, diag.Error, "type", "type is missing", "add it"},
		{"sri missing", map[string]string{"sri": ""}, diag.Error, "sri", "sri is missing", ""},
		{"sri too high", map[string]string{"sri": "9"}, diag.Error, "sri",
			"sri must be 1 to 7 (the PRIIPs summary risk indicator), got 9", "whole number"},
		{"sri zero", map[string]string{"sri": "0"}, diag.Error, "sri",
			"sri must be 1 to 7 (the PRIIPs summary risk indicator), got 0", ""},
		{"sri fraction", map[string]string{"sri": "4.5"}, diag.Error, "sri",
			"sri must be 1 to 7 (the PRIIPs summary risk indicator), got 4.5", "whole number"},
		{"sri not a number", map[string]string{"sri": "vier"}, diag.Error, "sri", `sri "vier" is not a number`, "decimal number"},
		{"mrm out of range", map[string]string{"mrm": "8"}, diag.Error, "mrm",
			"mrm must be 1 to 7 (the PRIIPs market risk class), got 8", ""},
		{"crm out of range", map[string]string{"crm": "7"}, diag.Error, "crm",
			"crm must be 1 to 6 (the PRIIPs credit risk class), got 7", ""},
		{"sri against table", map[string]string{"mrm": "3", "crm": "4"}, diag.Error, "sri",
			"sri is 4, but with mrm 3 and crm 4 the PRIIPs table gives 5", "key information document"},
		{"rhp zero", map[string]string{"rhp_years": "0"}, diag.Error, "rhp_years",
			"rhp_years must be at least one month (0.0834) and at most 100 years, got 0", "0.5 for six months"},
		{"rhp negative", map[string]string{"rhp_years": "-2"}, diag.Error, "rhp_years",
			"rhp_years must be at least one month (0.0834) and at most 100 years, got -2", ""},
		{"rhp under a month", map[string]string{"rhp_years": "0.0001"}, diag.Error, "rhp_years",
			"rhp_years must be at least one month (0.0834) and at most 100 years, got 0.0001", ""},
		{"rhp over a century", map[string]string{"rhp_years": "101"}, diag.Error, "rhp_years",
			"rhp_years must be at least one month (0.0834) and at most 100 years, got 101", ""},
		{"rhp missing", map[string]string{"rhp_years": ""}, diag.Error, "rhp_years", "rhp_years is missing", ""},
		{"rhp exponent", map[string]string{"rhp_years": "1e1"}, diag.Error, "rhp_years", `rhp_years "1e1" is not a number`, ""},
		{"entry negative", map[string]string{"entry_pct": "-1"}, diag.Error, "entry_pct",
			"entry_pct must be 0 or more (one-off entry costs in percent), got -1", "positive"},
		{"exit 100", map[string]string{"exit_pct": "100"}, diag.Error, "exit_pct",
			"exit_pct must be below 100 (one-off exit costs at the holding period in percent), got 100", "in percent"},
		{"entry high", map[string]string{"entry_pct": "12"}, diag.Warning, "entry_pct",
			"entry_pct is 12 %, which is unusually high (more than 10 %)", "1.20 means 1.20 %"},
		{"ongoing high", map[string]string{"ongoing_pct": "11"}, diag.Warning, "ongoing_pct",
			"ongoing_pct is 11 % a year, which is unusually high (more than 10 % a year)", ""},
		{"transaction high", map[string]string{"transaction_pct": "10.5"}, diag.Warning, "transaction_pct",
			"transaction_pct is 10.5 % a year, which is unusually high (more than 10 % a year)", ""},
		{"performance fee high", map[string]string{"performance_fee_pct": "15"}, diag.Warning, "performance_fee_pct",
			"performance_fee_pct is 15 % a year, which is unusually high (more than 10 % a year)", ""},
		{"ongoing negative", map[string]string{"ongoing_pct": "-0.1"}, diag.Error, "ongoing_pct",
			"ongoing_pct must be 0 or more (ongoing costs in percent), got -0.1", ""},
		{"isin check digit", map[string]string{"isin": "IE00B4L5Y984"}, diag.Error, "isin",
			"isin IE00B4L5Y984 has the check digit 4, but the first eleven characters give 3", "typo"},
		{"isin length", map[string]string{"isin": "DE000514000"}, diag.Error, "isin",
			`isin "DE000514000" must have 12 characters, it has 11`, "two letters"},
		{"isin lower case", map[string]string{"isin": "de0005140008"}, diag.Error, "isin",
			`isin "de0005140008" is not in the form of an ISIN (character 1)`, "capital"},
		{"currency unknown", map[string]string{"currency": "EURO"}, diag.Error, "currency",
			`currency "EURO" is not an ISO 4217 currency code`, "did you mean EUR?"},
		{"currency lower case", map[string]string{"currency": "eur"}, diag.Error, "currency",
			`currency "eur" is not an ISO 4217 currency code`, "write it in capitals: EUR"},
		{"currency nonsense", map[string]string{"currency": "Euro-Dollar"}, diag.Error, "currency",
			`currency "Euro-Dollar" is not an ISO 4217 currency code`, "three-letter"},
		{"scenario -100", map[string]string{"scenario_stress_pct": "-100"}, diag.Error, "scenario_stress_pct",
			"scenario_stress_pct must be more than -100 (average return per year in percent), got -100", ""},
		{"scenarios out of order", map[string]string{"scenario_moderate_pct": "-6"}, diag.Warning, "scenario_moderate_pct",
			"scenario_moderate_pct (-6) is lower than scenario_unfavourable_pct (-5)", "stress ≤ unfavourable"},
		{"scenario gap still compared", map[string]string{"scenario_stress_1y_pct": "-30", "scenario_moderate_1y_pct": "-31"},
			diag.Warning, "scenario_moderate_1y_pct", "scenario_moderate_1y_pct (-31) is lower than scenario_stress_1y_pct (-30)", ""},
		{"ongoing missing", map[string]string{"ongoing_pct": ""}, diag.Error, "ongoing_pct",
			"ongoing_pct is missing: the page needs the ongoing costs, and an empty value is never taken as 0", "write 0"},
		{"entry missing", map[string]string{"entry_pct": ""}, diag.Error, "entry_pct",
			"entry_pct is missing: the page needs the one-off entry costs, and an empty value is never taken as 0", "deposit writes 0"},
		{"moderate scenario missing", map[string]string{"scenario_moderate_pct": ""}, diag.Error, "scenario_moderate_pct",
			"scenario_moderate_pct is missing: the page needs the performance scenario at the holding period (average return each year, after all costs), and an empty value is never taken as 0",
			"key information document"},
		{"favourable 1200 % a year", map[string]string{"scenario_favourable_pct": "1200"}, diag.Error, "scenario_favourable_pct",
			"scenario_favourable_pct is 1200 % a year, more than 200 % a year over the holding period, which no product's history yields (for 10,000 it would publish 3,712,930,000)",
			"in percent per year"},
		{"favourable 60 % a year", map[string]string{"scenario_favourable_pct": "60"}, diag.Warning, "scenario_favourable_pct",
			"scenario_favourable_pct is 60 % a year, which is unusually high (more than 50 % a year over the holding period)", ""},
		{"1-year scenario 1500 %", map[string]string{"scenario_favourable_1y_pct": "1500"}, diag.Error, "scenario_favourable_1y_pct",
			"scenario_favourable_1y_pct is 1500 % a year, more than 1000 % a year within a year, which no product's history yields (for 10,000 it would publish 160,000)", ""},
		{"favourable above its 1-year", map[string]string{"scenario_favourable_1y_pct": "10"}, diag.Warning, "scenario_favourable_pct",
			"scenario_favourable_pct (12 a year) is above scenario_favourable_1y_pct (10): the best holding period cannot return more a year than the best single year of the same history", "swapped"},
		{"minimum above stress", map[string]string{"minimum_return_pct": "-20"}, diag.Warning, "minimum_return_pct",
			"minimum_return_pct (-20) is above scenario_stress_pct (-30)", "guaranteed minimum"},
		{"exit half without a half column", map[string]string{"exit_half_pct": "1"}, diag.Warning, "exit_half_pct",
			"exit_half_pct is given, but a holding period of 5 years has no half-way column (that needs 10 years or more); it is not used", "rhp_years"},
		{"kid half without a half column", map[string]string{"kid_total_costs_half": "100"}, diag.Error, "kid_total_costs_half",
			"kid_total_costs_half is given, but a holding period of 5 years has no half-way column (that needs 10 years or more)", ""},
		{"kid total above the investment", map[string]string{"kid_total_costs_rhp": "12000"}, diag.Error, "kid_total_costs_rhp",
			"kid_total_costs_rhp is 12000, more than the 10,000 invested", "10,000"},
		{"kid url", map[string]string{"kid_url": "www.bank.de/kid.pdf"}, diag.Error, "kid_url",
			`kid_url "www.bank.de/kid.pdf" is not an absolute web address`, "https://"},
		{"kid date", map[string]string{"kid_date": "1.3.2026"}, diag.Error, "kid_date", `kid_date "1.3.2026" is not a date`, "YYYY-MM-DD"},
		{"kid figure off", map[string]string{"kid_total_costs_1y": "30"}, diag.Warning, "kid_total_costs_1y",
			"kid_total_costs_1y is 30, but the product's costs give 25.00 EUR after 1 year (20.0 % off); the page shows the KID's figure", "check the costs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := csvWith(tc.changes)
			_, ds := ParseCSV(product.CSVFile, strings.NewReader(data), "EUR")
			if len(ds) != 1 {
				t.Fatalf("want one diagnostic, got %d: %v", len(ds), ds)
			}
			d := ds[0]
			if d.Severity != tc.sev || d.Key != tc.key || d.Message != tc.message || !strings.Contains(d.Hint, tc.hint) {
				t.Errorf("got %v %q %q (hint %q)\nwant %v %q %q (hint with %q)", d.Severity, d.Key, d.Message, d.Hint,
					tc.sev, tc.key, tc.message, tc.hint)
			}
			// The row is on line 2; the column is the key's field in that row.
			if d.File != product.CSVFile || d.Line != 2 || d.Column == 0 {
				t.Errorf("place %s:%d:%d", d.File, d.Line, d.Column)
			}
			if strings.HasSuffix(tc.message, "missing") {
				return // an empty cell still points at its column
			}
			col := 1 // the byte column of tc.key's field in the row
			for i, cell := range strings.Split(strings.Split(data, "\n")[1], ",") {
				if product.Keys()[i] == tc.key {
					break
				}
				col += len(cell) + 1
			}
			if d.Column != col {
				t.Errorf("column %d, want %d", d.Column, col)
			}
		})
	}
}

// A column the page needs that the file does not have is an error at
// every row, naming the key.
func TestMissingColumn(t *testing.T) {
	data := csvWith(nil)
	lines := strings.Split(data, "\n")
	i := slices.Index(product.Keys(), "transaction_pct")
	drop := func(line string) string {
		cells := strings.Split(line, ",")
		return strings.Join(slices.Delete(cells, i, i+1), ",")
	}
	data = drop(lines[0]) + "\n" + drop(lines[1]) + "\n"
	_, ds := ParseCSV(product.CSVFile, strings.NewReader(data), "EUR")
	if len(ds) != 1 || ds[0].Line != 2 || ds[0].Key != "transaction_pct" || !strings.HasPrefix(ds[0].Message, "transaction_pct is missing") {
		t.Errorf("diagnostics %v", ds)
	}
}

func TestDuplicateISIN(t *testing.T) {
	data := csvWith(nil)
	row := strings.Split(data, "\n")[1]
	data += strings.Replace(row, "etf-welt", "etf-welt-2", 1) + "\n"
	ps, ds := ParseCSV(product.CSVFile, strings.NewReader(data), "EUR")
	// The second product of the ISIN is refused: one product, one source.
	if len(ps) != 1 || len(ds) != 1 || ds[0].Line != 3 || ds[0].Key != "isin" ||
		ds[0].Message != `the ISIN IE00B4L5Y983 is also the product "etf-welt"'s, at content/data/products.csv:2: one product, one source` {
		t.Errorf("diagnostics %v", ds)
	}
}

func TestRecurringCostsTotal(t *testing.T) {
	_, ds := ParseCSV(product.CSVFile, strings.NewReader(csvWith(map[string]string{
		"ongoing_pct": "60", "transaction_pct": "40"})), "EUR")
	var errs []string
	for _, d := range ds {
		if d.Severity == diag.Error {
			errs = append(errs, d.Message)
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "add up to 100 % or more") {
		t.Errorf("errors %q", errs)
	}
}

func TestDefaultCurrency(t *testing.T) {
	ps, ds := ParseCSV(product.CSVFile, strings.NewReader(csvWith(map[string]string{"currency": ""})), "CHF")
	if len(ds) != 0 || ps[0].Currency != "CHF" {
		t.Errorf("default not applied: %+v %v", ps, ds)
	}
	_, ds = ParseCSV(product.CSVFile, strings.NewReader(csvWith(map[string]string{"currency": ""})), "")
	if len(ds) != 1 || ds[0].Message != "currency is not given and the site has no default currency" {
		t.Errorf("no default: %v", ds)
	}
	// A bad default is reported once, at site.yaml, not for every product.
	_, ds = ParseCSV(product.CSVFile, strings.NewReader(csvWith(map[string]string{"currency": ""})), "Euro")
	if len(ds) != 1 || ds[0].File != "content/site.yaml" {
		t.Errorf("bad default: %v", ds)
	}
}

func TestSRITable(t *testing.T) {
	// Commission Delegated Regulation (EU) 2017/653, Annex II point 52; rows
	// are CRM 1..6, columns MRM 1..7.
	want := [][]int{
		{1, 2, 3, 4, 5, 6, 7},
		{1, 2, 3, 4, 5, 6, 7},
		{3, 3, 3, 4, 5, 6, 7},
		{5, 5, 5, 5, 5, 6, 7},
		{5, 5, 5, 5, 5, 6, 7},
		{6, 6, 6, 6, 6, 6, 7},
	}
	for crm := 1; crm <= 6; crm++ {
		for mrm := 1; mrm <= 7; mrm++ {
			if got, ok := product.SRIFromRiskClasses(mrm, crm); !ok || got != want[crm-1][mrm-1] {
				t.Errorf("mrm %d crm %d: %d, want %d", mrm, crm, got, want[crm-1][mrm-1])
			}
		}
	}
	for _, bad := range [][2]int{{0, 1}, {8, 1}, {1, 0}, {1, 7}} {
		if _, ok := product.SRIFromRiskClasses(bad[0], bad[1]); ok {
			t.Errorf("mrm %d crm %d accepted", bad[0], bad[1])
		}
	}
	// A matching triple passes.
	_, ds := ParseCSV(product.CSVFile, strings.NewReader(csvWith(map[string]string{"mrm": "2", "crm": "3", "sri": "3"})), "EUR")
	if len(ds) != 0 {
		t.Errorf("matching sri rejected: %v", ds)
	}
}

// TestKIDURLIsPublishedEncoded: a KID address with letters beyond ASCII is
// kept percent-encoded (RFC 3986).
func TestKIDURLIsPublishedEncoded(t *testing.T) {
	ps, ds := ParseCSV(product.CSVFile, strings.NewReader(csvWith(map[string]string{"kid_url": "https://fonds.example/Basisinformationsblätter/etf.pdf"})), "EUR")
	if len(ds) != 0 || len(ps) != 1 || ps[0].KIDURL != "https://fonds.example/Basisinformationsbl%C3%A4tter/etf.pdf" {
		t.Fatalf("%+v %v", ps, ds)
	}
}
