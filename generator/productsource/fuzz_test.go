package productsource

import (
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/product"
)

// slug is a valid product id.
var slug = regexp.MustCompile(`^[a-z0-9-]+$`)

// checkParsed holds for any input: rejection comes only as diagnostics with
// a file, returned products have a valid, unique id and sorted order, and
// their figures are finite.
func checkParsed(t *testing.T, file string, ps []product.Product, ds []diag.Diagnostic) {
	t.Helper()
	for _, d := range ds {
		if d.File == "" || d.Message == "" {
			t.Errorf("diagnostic without place or message: %+v", d)
		}
	}
	for i, p := range ps {
		if !slug.MatchString(p.ID) {
			t.Errorf("invalid id %q returned", p.ID)
		}
		if i > 0 && ps[i-1].ID >= p.ID {
			t.Errorf("not sorted or duplicate: %q, %q", ps[i-1].ID, p.ID)
		}
		f := product.Compute(p)
		if f == nil {
			continue
		}
		for _, c := range f.Columns {
			for _, v := range []float64{c.Gross, c.Net, c.TotalCosts, c.AnnualImpactPct} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Errorf("%s: non-finite figure %+v", p.ID, c)
				}
			}
		}
	}
}

func FuzzParseCSV(f *testing.F) {
	f.Add(csvWith(nil))
	f.Add(csvWith(map[string]string{"sri": "9", "isin": "DE0005140009", "mrm": "3", "crm": "4"}))
	f.Add("\xef\xbb\xbfid;name;type;sri;rhp_years;ongoing_pct\r\nfonds;Fonds;bond-fund;3;5;1,2\r\n;;;;;\r\n")
	f.Add("id,name,type,sri,rhp_years\na,\"A \"\"x\"\"\",deposit,1,1\nb,B,deposit,1\na,A,deposit,1,1\n")
	f.Add("id,name\n\"unterminated\n")
	f.Add(bigCSV(3))
	f.Fuzz(func(t *testing.T, data string) {
		ps, ds := ParseCSV(product.CSVFile, strings.NewReader(data), "EUR")
		checkParsed(t, product.CSVFile, ps, ds)
	})
}

func FuzzParseYAML(f *testing.F) {
	f.Add([]byte(yamlProduct))
	f.Add([]byte("id: x\nname: \"123\"\ntype: deposit\nsri: '1'\nrhp_years: 1\nisin: ~\nmrm:\n"))
	f.Add([]byte("name: A\nname: B\nrhp_year: 1\nsri: [1]\n"))
	f.Add([]byte("a: &x 1\nsri: *x\nname: {a: b}\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Add([]byte("name: A\n  sri: 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file := YAMLDir + "/x.yaml"
		ps, ds := ParseYAML(file, data, "EUR")
		checkParsed(t, file, ps, ds)
		if len(ps) > 1 {
			t.Errorf("%d products from one file", len(ps))
		}
	})
}
