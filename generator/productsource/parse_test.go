package productsource

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/sitetest"

	"github.com/klartext/klartext/generator/diag"
)

func errorsOf(ds []diag.Diagnostic) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range ds {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// figureCols are the columns a product's page needs beyond the five
// required ones, with valid values; a test about something else appends
// them (without the ones it sets itself), since a missing one is an error.
var figureCols = [][2]string{{"entry_pct", "0"}, {"exit_pct", "0"}, {"ongoing_pct", "0.2"}, {"transaction_pct", "0.05"},
	{"scenario_stress_pct", "-30"}, {"scenario_unfavourable_pct", "-5"}, {"scenario_moderate_pct", "5"}, {"scenario_favourable_pct", "12"}}

// figures returns figureCols but except as a header and a row suffix
// (each starting with sep).
func figures(sep string, except ...string) (header, row string) {
	for _, c := range figureCols {
		if !slices.Contains(except, c[0]) {
			header += sep + c[0]
			row += sep + c[1]
		}
	}
	return header, row
}

// yamlFigures returns figureCols but except as YAML lines.
func yamlFigures(except ...string) string {
	var b strings.Builder
	for _, c := range figureCols {
		if !slices.Contains(except, c[0]) {
			b.WriteString(c[0] + ": " + c[1] + "\n")
		}
	}
	return b.String()
}

func TestCSVGermanSpreadsheet(t *testing.T) {
	// UTF-8 BOM, semicolons, decimal commas, Windows line ends and the
	// trailing empty rows spreadsheets write.
	fh, fr := figures(";", "ongoing_pct", "entry_pct", "scenario_moderate_pct")
	data := "\xef\xbb\xbfid;name;type;sri;rhp_years;ongoing_pct;entry_pct;scenario_moderate_pct" + fh + "\r\n" +
		"mischfonds;\"Mischfonds \"\"Balance\"\", A\";mixed-fund;3;5;1,45;4.5;-0,5" + fr + "\r\n" +
		";;;;;;;\r\n"
	ps, ds := ParseCSV(product.CSVFile, strings.NewReader(data), "EUR")
	if len(ds) != 0 || len(ps) != 1 {
		t.Fatalf("products %+v, diagnostics %v", ps, ds)
	}
	p := ps[0]
	if p.ID != "mischfonds" || p.Name != `Mischfonds "Balance", A` || p.OngoingPct != 1.45 || p.EntryPct != 4.5 ||
		*p.ScenarioModeratePct != -0.5 || p.RHPYears != 5 {
		t.Errorf("product %+v", p)
	}
}

// A number the checks cannot read is reported at its row and key
// (TestParseNumber in package product has the grammar).
func TestCSVNumbers(t *testing.T) {
	fh, fr := figures(";", "ongoing_pct")
	data := "id;name;type;sri;rhp_years;ongoing_pct" + fh + "\nfonds;Fonds;bond-fund;3;5;1,2,3" + fr + "\n"
	_, ds := ParseCSV(product.CSVFile, strings.NewReader(data), "EUR")
	if len(ds) != 1 || ds[0].Line != 2 || ds[0].Key != "ongoing_pct" || ds[0].Message != `ongoing_pct "1,2,3" is not a number` {
		t.Errorf("diagnostics %v", ds)
	}
}

func TestCSVRowLength(t *testing.T) {
	fh, fr := figures(",")
	data := "id,name,type,sri,rhp_years" + fh + "\na,A,deposit,1,1" + fr + "\nb,B,deposit,1" + fr + "\nc,C,deposit,1,1,extra" + fr + "\nd,D,deposit,1,1" + fr + "\n"
	ps, ds := ParseCSV(product.CSVFile, strings.NewReader(data), "EUR")
	if len(ps) != 2 || ps[0].ID != "a" || ps[1].ID != "d" {
		t.Errorf("products %+v", ps)
	}
	if len(ds) != 2 || ds[0].Line != 3 || ds[0].Message != "row has 12 fields, the header has 13" ||
		ds[1].Line != 4 || ds[1].Message != "row has 14 fields, the header has 13" {
		t.Errorf("diagnostics %v", ds)
	}
}

func TestCSVDuplicateID(t *testing.T) {
	fh, fr := figures(",")
	data := "id,name,type,sri,rhp_years" + fh + "\nb,B,deposit,1,1" + fr + "\na,A,deposit,1,1" + fr + "\nb,B2,deposit,1,1" + fr + "\n"
	ps, ds := ParseCSV(product.CSVFile, strings.NewReader(data), "EUR")
	if len(ps) != 2 || ps[0].ID != "a" || ps[1].ID != "b" || ps[1].Name != "B" {
		t.Errorf("products %+v (want sorted, first b kept)", ps)
	}
	if len(ds) != 1 || ds[0].Line != 4 || ds[0].Key != "id" ||
		ds[0].Message != `duplicate product id "b": it is already used at content/data/products.csv:2` {
		t.Errorf("diagnostics %v", ds)
	}
}

func TestCSVHeader(t *testing.T) {
	fh, fr := figures(",")
	data := "id,name,type,sri,rhp_years,ongoing_pcts,colour" + fh + "\nx,X,deposit,1,1,0.5,red" + fr + "\n"
	ps, ds := ParseCSV(product.CSVFile, strings.NewReader(data), "EUR")
	if len(ps) != 1 {
		t.Errorf("an unknown column must not drop the rows: %+v", ps)
	}
	if len(ds) != 2 {
		t.Fatalf("diagnostics %v", ds)
	}
	if d := ds[0]; d.Line != 1 || d.Column != 28 || d.Message != `unknown column "ongoing_pcts" in the header` || d.Hint != "did you mean ongoing_pct?" {
		t.Errorf("unknown column: %+v", d)
	}
	if d := ds[1]; d.Message != `unknown column "colour" in the header` || !strings.HasPrefix(d.Hint, "the columns are: id, name") {
		t.Errorf("unknown column without a near name: %+v", d)
	}

	_, ds = ParseCSV(product.CSVFile, strings.NewReader("id,name,sri,rhp_years\nx,X,1,1\n"), "EUR")
	if len(ds) < 1 || ds[0].Line != 1 || ds[0].Message != `the header has no "type" column, which every product needs` {
		t.Errorf("missing column: %v", ds)
	}

	ps, ds = ParseCSV(product.CSVFile, strings.NewReader("name,type,sri,rhp_years\nX,deposit,1,1\n"), "EUR")
	if len(ps) != 0 || len(ds) != 1 || !strings.Contains(ds[0].Message, `no "id" column`) {
		t.Errorf("missing id column: %+v %v", ps, ds)
	}

	_, ds = ParseCSV(product.CSVFile, strings.NewReader("id,name,type,sri,rhp_years,sri"+fh+"\nx,X,deposit,1,1,2"+fr+"\n"), "EUR")
	if len(ds) != 1 || ds[0].Message != `column "sri" appears twice in the header (columns 4 and 6)` {
		t.Errorf("duplicate column: %v", ds)
	}

	ps, ds = ParseCSV(product.CSVFile, strings.NewReader(""), "EUR")
	if len(ps) != 0 || len(ds) != 0 {
		t.Errorf("empty file: %+v %v", ps, ds)
	}
}

func TestCSVBrokenQuote(t *testing.T) {
	fh, fr := figures(",")
	data := "id,name,type,sri,rhp_years" + fh + "\na,A \"B,deposit,1,1" + fr + "\nc,C,deposit,1,1" + fr + "\n"
	ps, ds := ParseCSV(product.CSVFile, strings.NewReader(data), "EUR")
	if len(errorsOf(ds)) == 0 || ds[0].Line != 2 {
		t.Errorf("diagnostics %v", ds)
	}
	if len(ps) != 1 || ps[0].ID != "c" {
		t.Errorf("rows after the broken one: %+v", ps)
	}
}

const yamlProduct = `# Aktienfonds Europa
name: Aktienfonds Europa
type: equity-fund
sri: 9
rhp_years: 7
ongoing_pct: 1.65
scenario_moderate_pct: 4.5
` // yamlFigures("ongoing_pct", "scenario_moderate_pct") follows

func TestYAMLLineOfEachKey(t *testing.T) {
	file := "content/data/products/aktien-europa.yaml"
	ps, ds := ParseYAML(file, []byte(yamlProduct+yamlFigures("ongoing_pct", "scenario_moderate_pct")), "EUR")
	if len(ps) != 1 || ps[0].ID != "aktien-europa" || ps[0].OngoingPct != 1.65 {
		t.Errorf("products %+v", ps)
	}
	if len(ds) != 1 || ds[0].File != file || ds[0].Line != 4 || ds[0].Column != 1 || ds[0].Key != "sri" ||
		ds[0].Message != "sri must be 1 to 7 (the PRIIPs summary risk indicator), got 9" {
		t.Errorf("diagnostics %v", ds)
	}
	if pos := ps[0].KeyPosition("ongoing_pct"); pos.Line != 6 || pos.File != file {
		t.Errorf("ongoing_pct at %+v", pos)
	}
	if pos := ps[0].KeyPosition("isin"); pos != (product.Position{File: file, Line: 1}) {
		t.Errorf("isin (not given) at %+v", pos)
	}
}

func TestYAMLErrors(t *testing.T) {
	file := "content/data/products/fonds.yaml"
	for _, tc := range []struct {
		name, data string
		line       int
		message    string
		hint       string
		products   int
		except     []string // figure keys the case sets itself
	}{
		{"duplicate key", "name: A\ntype: deposit\nsri: 1\nrhp_years: 1\nsri: 2\n", 5,
			`key "sri" is given twice (first on line 3)`, "remove one", 1, nil},
		{"unknown key", "name: A\ntype: deposit\nsri: 1\nrhp_year: 1\nrhp_years: 1\n", 4,
			`unknown key "rhp_year"`, "did you mean rhp_years?", 1, nil},
		{"id mismatch", "id: anderer-fonds\nname: A\ntype: deposit\nsri: 1\nrhp_years: 1\n", 1,
			`id "anderer-fonds" does not match the file name "fonds.yaml"`, "rename the file to anderer-fonds.yaml", 0, nil},
		{"list value", "name: [A, B]\ntype: deposit\nsri: 1\nrhp_years: 1\n", 1,
			"name must be a single value, not a list or a group of keys", "", 1, nil},
		{"syntax", "name: A\ntype: deposit\n  sri: 1\n", 3, "the YAML cannot be read: mapping values are not allowed in this context", "indentation", 0, nil},
		{"empty", "", 0, "the product file is empty", "delete the file", 0, nil},
		{"not a mapping", "- a\n- b\n", 1, "the product file must be a list of keys and values (name: ..., sri: ...)", "", 0, nil},
		{"missing required", "name: A\nsri: 1\nrhp_years: 1\n", 1, "type is missing", "add it", 1, nil},
		{"decimal comma is not a number in YAML", "name: A\ntype: deposit\nsri: 1\nrhp_years: 1\nongoing_pct: 1,2\n", 5,
			`ongoing_pct "1,2" is not a number`, "with a point", 1, []string{"ongoing_pct"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data
			if tc.products > 0 { // the figures after the lines under test
				data += yamlFigures(tc.except...)
			}
			ps, ds := ParseYAML(file, []byte(data), "EUR")
			if len(ds) != 1 {
				t.Fatalf("want one diagnostic, got %v", ds)
			}
			d := ds[0]
			if d.File != file || d.Line != tc.line || d.Message != tc.message || !strings.Contains(d.Hint, tc.hint) {
				t.Errorf("got %d %q (hint %q)", d.Line, d.Message, d.Hint)
			}
			if len(ps) != tc.products {
				t.Errorf("products %+v", ps)
			}
		})
	}
}

func TestYAMLNullAndQuoted(t *testing.T) {
	ps, ds := ParseYAML("content/data/products/x.yaml",
		[]byte("id: x\nname: \"123\"\ntype: deposit\nsri: '1'\nrhp_years: 1\nisin: ~\nmrm:\n"+yamlFigures()), "EUR")
	if len(ds) != 0 || len(ps) != 1 || ps[0].Name != "123" || ps[0].ISIN != "" || ps[0].MRM != nil || ps[0].SRI != 1 {
		t.Errorf("%+v %v", ps, ds)
	}
}

func writeFile(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadMergesYAMLIntoCSV(t *testing.T) {
	root := t.TempDir()
	fh, fr := figures(",", "ongoing_pct")
	writeFile(t, root, product.CSVFile, "id,name,type,sri,rhp_years,ongoing_pct,isin"+fh+"\n"+
		"etf-welt,ETF Welt,equity-etf,4,5,0.20,IE00B4L5Y983"+fr+"\n"+
		"tagesgeld,Tagesgeld,deposit,1,1,0,"+fr+"\n")
	// Complements the CSV row: overrides ongoing_pct, adds a scenario.
	writeFile(t, root, YAMLDir+"/etf-welt.yaml", "ongoing_pct: 0.12\nscenario_moderate_pct: 5\n")
	// A product of its own.
	writeFile(t, root, YAMLDir+"/aktien-europa.yaml", "name: Aktien Europa\ntype: equity-fund\nsri: 5\nrhp_years: 7\n"+yamlFigures())
	writeFile(t, root, YAMLDir+"/README.txt", "not a product")

	ps, ds := Load(sitetest.ContentFiles(t, root), "EUR")
	if len(ds) != 0 {
		t.Fatalf("diagnostics %v", ds)
	}
	if len(ps) != 3 || ps[0].ID != "aktien-europa" || ps[1].ID != "etf-welt" || ps[2].ID != "tagesgeld" {
		t.Fatalf("products %+v", ps)
	}
	etf := ps[1]
	if etf.OngoingPct != 0.12 || etf.ISIN != "IE00B4L5Y983" || etf.ScenarioModeratePct == nil || etf.Currency != "EUR" {
		t.Errorf("merged %+v", etf)
	}
	if len(etf.Sources) != 2 || etf.Sources[0] != (product.Position{File: product.CSVFile, Line: 2}) ||
		etf.Sources[1].File != YAMLDir+"/etf-welt.yaml" {
		t.Errorf("sources %+v", etf.Sources)
	}
	if pos := etf.KeyPosition("ongoing_pct"); pos.File != YAMLDir+"/etf-welt.yaml" || pos.Line != 1 {
		t.Errorf("ongoing_pct at %+v", pos)
	}
	if pos := etf.KeyPosition("isin"); pos.File != product.CSVFile || pos.Line != 2 {
		t.Errorf("isin at %+v", pos)
	}
	if ps[0].Source().File != YAMLDir+"/aktien-europa.yaml" {
		t.Errorf("yaml-only source %+v", ps[0].Sources)
	}

	// An error in an overriding key points at the YAML line.
	writeFile(t, root, YAMLDir+"/tagesgeld.yaml", "name: Tagesgeld\nsri: 8\n")
	_, ds = Load(sitetest.ContentFiles(t, root), "EUR")
	if len(ds) != 1 || ds[0].File != YAMLDir+"/tagesgeld.yaml" || ds[0].Line != 2 || ds[0].Key != "sri" {
		t.Errorf("diagnostics %v", ds)
	}
}

func TestLoadWithoutData(t *testing.T) {
	ps, ds := Load(sitetest.ContentFiles(t, t.TempDir()), "EUR")
	if len(ps) != 0 || len(ds) != 0 {
		t.Errorf("%+v %v", ps, ds)
	}
}

// bigCSV is a products CSV with n valid rows.
func bigCSV(n int) string {
	var b strings.Builder
	b.WriteString(strings.Join(product.Keys()[:18], ",") + "\n") // id … scenario_favourable_pct
	for i := range n {
		body := fmt.Sprintf("IE%09d", i) // each product its own ISIN
		fmt.Fprintf(&b, "fonds-%d,Fonds %d,%s%d,equity-fund,EUR,5,,,7,4.00,0,1.55,0.31,0,-60,-8,6,17\n", i, i, body, product.ISINCheckDigit(body))
	}
	return b.String()
}

// TestLoadManyRows reads 20,000 rows into 20,000 products without a
// diagnostic. How fast is BenchmarkParseCSV20000's to say (the house
// rules: no wall-clock time in a test).
func TestLoadManyRows(t *testing.T) {
	ps, ds := ParseCSV(product.CSVFile, strings.NewReader(bigCSV(20000)), "EUR")
	if len(ps) != 20000 || len(ds) != 0 {
		t.Fatalf("%d products, %d diagnostics: %v", len(ps), len(ds), ds[:min(3, len(ds))])
	}
}

func BenchmarkParseCSV20000(b *testing.B) {
	data := bigCSV(20000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		ParseCSV(product.CSVFile, strings.NewReader(data), "EUR")
	}
}

// TestSharedCorpus loads the shared corpus when it was generated:
//
//	go run /work/shared/corpus/gencorpus.go -products 500 -out /tmp/pc
func TestSharedCorpus(t *testing.T) {
	root := os.Getenv("KLARTEXT_CORPUS")
	if root == "" {
		t.Skip("set KLARTEXT_CORPUS to a site generated by gencorpus.go")
	}
	ps, ds := Load(sitetest.ContentFiles(t, root), "EUR")
	for _, d := range ds {
		t.Error(d.Error())
	}
	if len(ps) == 0 {
		t.Error("no products")
	}
	for _, p := range ps {
		if product.Compute(p) == nil {
			t.Errorf("%s: no figures", p.ID)
		}
	}
	t.Logf("%d products", len(ps))
}

// TestRequiredKeys: a row with exactly RequiredKeys is a product, and a
// row that lacks any one of them is an error naming it — so the header
// klartext new site writes is neither short of a column nor padded.
func TestRequiredKeys(t *testing.T) {
	values := map[string]string{"id": "tagesgeld", "name": "Tagesgeld", "type": "deposit", "sri": "1", "rhp_years": "1"}
	for _, c := range figureCols {
		values[c[0]] = c[1]
	}
	req := product.RequiredKeys()
	csv := func(keys []string) string {
		var row []string
		for _, k := range keys {
			v, ok := values[k]
			if !ok {
				t.Fatalf("no test value for the required key %s", k)
			}
			row = append(row, v)
		}
		return strings.Join(keys, ",") + "\n" + strings.Join(row, ",") + "\n"
	}
	ps, ds := ParseCSV("products.csv", strings.NewReader(csv(req)), "EUR")
	if len(errorsOf(ds)) != 0 || len(ps) != 1 {
		t.Fatalf("a row of the required keys: %d products, %v", len(ps), ds)
	}
	for i, k := range req {
		without := slices.Delete(slices.Clone(req), i, i+1)
		_, ds := ParseCSV("products.csv", strings.NewReader(csv(without)), "EUR")
		named := false
		for _, d := range errorsOf(ds) {
			named = named || strings.Contains(d.Error(), k)
		}
		if !named {
			t.Errorf("without %s: no error names it: %v", k, ds)
		}
	}
}
