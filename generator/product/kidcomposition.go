package product

import "github.com/klartext/klartext/generator/diag"

// kidCompositionKeys are the keys of Product.KIDCompositionPct, in its order.
var kidCompositionKeys = [5]key{keyKIDEntry, keyKIDExit, keyKIDOngoing, keyKIDTransaction, keyKIDIncidental}

// kidComposition types the KID's composition of costs (kid_entry_pct,
// kid_exit_pct, kid_ongoing_pct, kid_transaction_pct, kid_incidental_pct;
// EPT 07070 to 07110): percentages of 0 or more. It runs after build, for
// the keys build does not know, and reports with the same checker. A
// record without any of them costs nothing.
func kidComposition(rec *rawRecord) (pct [5]*float64, ds []diag.Diagnostic) {
	var c *checker
	for i, k := range kidCompositionKeys {
		if !rec.vals[k].given {
			continue
		}
		if c == nil {
			c = &checker{rec: rec}
		}
		v, ok := c.number(k)
		if !ok {
			continue
		}
		if v < 0 || v >= 100 {
			c.errorf(k, "the KID states its composition of costs as percentages, such as 1.20 for 1.20 %",
				"%s must be 0 or more and below 100 (percent), got %s", keyNames[k], rec.vals[k].text)
			continue
		}
		pct[i] = &v
	}
	if c != nil {
		ds = c.diags
	}
	return pct, ds
}
