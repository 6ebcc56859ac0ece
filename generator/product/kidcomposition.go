package product

import (
	"math"
	"strconv"

	"github.com/klartext/klartext/generator/diag"
)

// kidCompositionKeys are the keys of Product.KIDCompositionPct, in its order.
var kidCompositionKeys = [5]Key{keyKIDEntry, keyKIDExit, keyKIDOngoing, keyKIDTransaction, keyKIDIncidental}

// kidComposition types the KID's composition of costs (kid_entry_pct,
// kid_exit_pct, kid_ongoing_pct, kid_transaction_pct, kid_incidental_pct;
// EPT 07070 to 07110): percentages of 0 or more. It runs after build, for
// the keys build does not know, and reports with the same checker. A
// record without any of them costs nothing.
func kidComposition(rec *Record) (pct [5]*float64, ds []diag.Diagnostic) {
	var c *checker
	for i, k := range kidCompositionKeys {
		if !rec.Vals[k].Given {
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
			c.errorf(k, diag.T("the KID states its composition of costs as percentages, such as 1.20 for 1.20 %%"),
				"%s must be 0 or more and below 100 (percent), got %s", keyNames[k], rec.Vals[k].Text)
			continue
		}
		pct[i] = &v
	}
	if c != nil {
		ds = c.diags
	}
	return pct, ds
}

// checkKIDComposition compares the rates the KID states in its composition
// of costs (EPT 07070 to 07110 are the narrative column's rates, "x % of
// the amount you pay in", at 1 year) with the rates the page computes its
// figures from, and warns where they differ by more than the KID's
// rounding (0.005 percentage points) and 2 %: the page would then show
// costs the KID does not. The exit rate is the one after 1 year.
func checkKIDComposition(p Product, rec *Record) []diag.Diagnostic {
	exit1y := p.ExitPct
	if p.Exit1YPct != nil {
		exit1y = *p.Exit1YPct
	}
	model := [5]struct {
		pct  float64
		from Key
	}{{p.EntryPct, keyEntry}, {exit1y, keyExit1Y}, {p.OngoingPct, keyOngoing}, {p.TransactionPct, keyTransaction}, {p.PerformanceFeePct, keyPerformanceFee}}
	var c *checker
	for i, kid := range p.KIDCompositionPct {
		if kid == nil {
			continue
		}
		m := model[i]
		if math.Abs(*kid-m.pct) <= math.Max(0.005, 0.02*math.Abs(m.pct)) {
			continue
		}
		if c == nil {
			c = &checker{rec: rec}
		}
		k := kidCompositionKeys[i]
		c.warnf(k, diag.T("check the product's rates against the KID's composition of costs"),
			"%s is %s, but the figures are computed from %s = %s", keyNames[k], rec.Vals[k].Text, keyNames[m.from], strconv.FormatFloat(m.pct, 'f', -1, 64))
	}
	if c == nil {
		return nil
	}
	return c.diags
}
