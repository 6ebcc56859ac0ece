package productsource

import (
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/product"
)

// Every key written comes back from Fields with its value and its row
// and column, in the content model's order.
func TestFieldsAreWhatWasRead(t *testing.T) {
	all := map[string]string{"mrm": "4", "crm": "1", "exit_1y_pct": "1", "scenario_stress_1y_pct": "-40",
		"scenario_unfavourable_1y_pct": "-10", "scenario_moderate_1y_pct": "5", "scenario_favourable_1y_pct": "20",
		"kid_url": "https://bank.test/kid.pdf", "kid_date": "2026-03-01", "kid_total_costs_1y": "25", "kid_total_costs_rhp": "130",
		"kid_cost_impact_1y_pct": "0.25", "kid_cost_impact_rhp_pct": "0.2", "manufacturer": "Fonds AG", "minimum_return_pct": "-50",
		"kid_entry_pct": "0", "kid_exit_pct": "1", "kid_ongoing_pct": "0.2", "kid_transaction_pct": "0.05", "kid_incidental_pct": "0"}
	ps, ds := ParseCSV(product.CSVFile, strings.NewReader(csvWith(all)), "EUR")
	if len(errorsOf(ds)) != 0 || len(ps) != 1 {
		t.Fatalf("%v", ds)
	}
	fields := ps[0].Fields()
	// all keys but the three of the half-way column (none at RHP 5)
	if len(fields) != len(product.Keys())-3 {
		t.Fatalf("%d fields of %d keys: %+v", len(fields), len(product.Keys()), fields)
	}
	for i, f := range fields {
		if f.At.File != product.CSVFile || f.At.Line != 2 || f.At.Column == 0 {
			t.Errorf("%s at %+v", f.Key, f.At)
		}
		if i > 0 && keyOrder(fields[i-1].Key) > keyOrder(f.Key) {
			t.Errorf("%s before %s", fields[i-1].Key, f.Key)
		}
	}
	if fields[0].Key != "id" || fields[0].Value != "etf-welt" || fields[11].Key != "ongoing_pct" || fields[11].Value != "0.2" {
		t.Errorf("fields %+v", fields[:12])
	}
}

// keyOrder is a key's place in the content model's order.
func keyOrder(name string) product.Key {
	k, _ := product.KeyNamed(name)
	return k
}
