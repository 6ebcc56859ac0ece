package product

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/grammar"
)

// The rules of the content model for the figures: nothing the page needs
// may be missing (an empty cell is never a zero), bounds no real product
// has are errors, implausible but possible values warnings.

// need reads key k as a number that the page needs: a missing value is an
// error naming where it should have been (the empty cell's row and column,
// or the product's row or file when the column or key is absent).
func (c *checker) need(k Key, what, hint diag.Text) (float64, bool) {
	v := c.rec.Vals[k]
	if !v.Given && !v.Unusable {
		c.errorf(k, hint, "%s is missing: the page needs the %s, and an empty value is never taken as 0", keyNames[k], what)
		return 0, false
	}
	return c.number(k)
}

// rate checks a cost rate in percent: 0 or more, below 100, a warning
// above costWarnPct.
func (c *checker) rate(k Key, v float64, reason diag.Text, perYear bool) bool {
	text := c.rec.Vals[k].Text
	switch {
	case v < 0:
		c.errorf(k, diag.T("costs are written as positive percentages, such as 1.20 for 1.20 %%"),
			"%s must be 0 or more (%s in percent), got %s", keyNames[k], reason, text)
		return false
	case v >= 100:
		c.errorf(k, diag.T("write percentages in percent: 1.20 means 1.20 %%"),
			"%s must be below 100 (%s in percent), got %s", keyNames[k], reason, text)
		return false
	case v > costWarnPct && perYear:
		c.warnf(k, diag.T("check the figure: percentages are written in percent, 1.20 means 1.20 %%"),
			"%s is %s %% a year, which is unusually high (more than %d %% a year)", keyNames[k], text, costWarnPct)
	case v > costWarnPct:
		c.warnf(k, diag.T("check the figure: percentages are written in percent, 1.20 means 1.20 %%"),
			"%s is %s %%, which is unusually high (more than %d %%)", keyNames[k], text, costWarnPct)
	}
	return true
}

// costs types entry, exit (all three), ongoing, transaction and
// performance fee, and checks that together they leave something.
func (c *checker) costs(p *Product) {
	zero := diag.T("write 0 if the product has none (a deposit writes 0 on purpose)")
	for _, cost := range []struct {
		k        Key
		dst      *float64
		required bool
		perYear  bool
		reason   diag.Text
	}{
		{keyEntry, &p.EntryPct, true, false, diag.T("one-off entry costs")},
		{keyExit, &p.ExitPct, true, false, diag.T("one-off exit costs at the holding period")},
		{keyOngoing, &p.OngoingPct, true, true, diag.T("ongoing costs")},
		{keyTransaction, &p.TransactionPct, true, true, diag.T("transaction costs")},
		{keyPerformanceFee, &p.PerformanceFeePct, false, true, diag.T("performance fees")},
	} {
		var v float64
		var ok bool
		if cost.required {
			v, ok = c.need(cost.k, cost.reason, zero)
		} else {
			v, ok = c.number(cost.k)
		}
		if ok && c.rate(cost.k, v, cost.reason, cost.perYear) {
			*cost.dst = v
		}
	}
	for _, x := range []struct {
		k   Key
		dst **float64
	}{{keyExit1Y, &p.Exit1YPct}, {keyExitHalf, &p.ExitHalfPct}} {
		if v, ok := c.number(x.k); ok && c.rate(x.k, v, diag.T("one-off exit costs"), false) {
			*x.dst = &v
		}
	}
	if p.ExitHalfPct != nil && p.RHPYears > 0 && p.RHPYears < 10 {
		// An EPT file may give the half-way exit cost for every product:
		// unused, not wrong.
		c.warnf(keyExitHalf, diag.T("check rhp_years"),
			"exit_half_pct is given, but a holding period of %s years has no half-way column (that needs 10 years or more); it is not used", c.rec.Vals[keyRHP].Text)
		p.ExitHalfPct = nil
	}
	exit := p.ExitPct
	for _, x := range []*float64{p.Exit1YPct, p.ExitHalfPct} {
		if x != nil {
			exit = math.Max(exit, *x)
		}
	}
	if total := p.EntryPct + exit + p.OngoingPct + p.TransactionPct + p.PerformanceFeePct; total >= 100 {
		c.errorf(keyOngoing, diag.T("check the costs: they are in percent (1.20 means 1.20 %%), the recurring ones per year"),
			"entry, exit and recurring costs add up to %s %% or more, which leaves nothing of the investment", trimFloat(total))
		p.EntryPct, p.ExitPct, p.OngoingPct, p.TransactionPct, p.PerformanceFeePct = 0, 0, 0, 0, 0
		p.Exit1YPct, p.ExitHalfPct = nil, nil
	}
}

// scenarios types the four scenarios at the holding period (required),
// after 1 year (optional) and the minimum return, within the bounds of
// returnBounds, in order.
func (c *checker) scenarios(p *Product) {
	rhp := []struct {
		k   Key
		dst **float64
	}{
		{keyStress, &p.ScenarioStressPct},
		{keyUnfavourable, &p.ScenarioUnfavourablePct},
		{keyModerate, &p.ScenarioModeratePct},
		{keyFavourable, &p.ScenarioFavourablePct},
	}
	oneYear := [4]Key{keyStress1Y, keyUnfavourable1Y, keyModerate1Y, keyFavourable1Y}
	var atRHP, at1Y [4]*float64
	for i, s := range rhp {
		v, ok := c.need(s.k, diag.T("performance scenario at the holding period (average return each year, after all costs)"),
			diag.T("copy it from the product's key information document (Basisinformationsblatt)"))
		if ok && c.scenarioReturn(s.k, v, p.RHPYears) {
			*s.dst = &v
			atRHP[i] = &v
		}
		if v, ok := c.number(oneYear[i]); ok && c.scenarioReturn(oneYear[i], v, 1) {
			p.Scenario1YPct[i] = &v
			at1Y[i] = &v
		}
	}
	c.ordered(atRHP, func(i int) Key { return rhp[i].k })
	c.ordered(at1Y, func(i int) Key { return oneYear[i] })
	if f, f1 := atRHP[3], at1Y[3]; f != nil && f1 != nil && p.RHPYears > 1 && *f > *f1 {
		c.warnf(keyFavourable, diag.T("check both against the key information document; swapped columns are a common cause"),
			"scenario_favourable_pct (%s a year) is above scenario_favourable_1y_pct (%s): the best holding period cannot return more a year than the best single year of the same history",
			c.rec.Vals[keyFavourable].Text, c.rec.Vals[keyFavourable1Y].Text)
	}
	if v, ok := c.number(keyMinimumReturn); ok && c.scenarioReturn(keyMinimumReturn, v, p.RHPYears) {
		p.MinimumReturnPct = &v
		if s := atRHP[0]; s != nil && *s < v {
			c.warnf(keyMinimumReturn, diag.T("the stress scenario cannot fall below a guaranteed minimum; check both"),
				"minimum_return_pct (%s) is above scenario_stress_pct (%s)", c.rec.Vals[keyMinimumReturn].Text, c.rec.Vals[keyStress].Text)
		}
	}
}

// scenarioReturn checks an average return per year over T years.
func (c *checker) scenarioReturn(k Key, v, T float64) bool {
	text := c.rec.Vals[k].Text
	if v <= -100 {
		c.errorf(k, diag.T("a loss of everything is -100; a return is the average per year, in percent"),
			"%s must be more than -100 (average return per year in percent), got %s", keyNames[k], text)
		return false
	}
	maxPct, warnPct := returnBounds(T)
	period := "over the holding period"
	if T <= 1 {
		period = "within a year"
	}
	switch {
	case v > maxPct:
		c.errorf(k, diag.T("returns are in percent per year (12.5 means 12.5 %%); check the key information document"),
			"%s is %s %% a year, more than %s %% a year %s, which no product's history yields (for 10,000 it would publish %s)",
			keyNames[k], text, trimFloat(maxPct), period, bigAmount(ExampleInvestment*math.Pow(1+v/100, math.Max(T, 1))))
		return false
	case v > warnPct:
		c.warnf(k, diag.T("check the figure against the key information document; returns are in percent per year"),
			"%s is %s %% a year, which is unusually high (more than %s %% a year %s)", keyNames[k], text, trimFloat(warnPct), period)
	}
	return true
}

// ordered warns when the given scenarios are not stress ≤ unfavourable ≤
// moderate ≤ favourable; a scenario not given is skipped.
func (c *checker) ordered(vals [4]*float64, keyOf func(int) Key) {
	prev := -1
	for i, v := range vals {
		if v == nil {
			continue
		}
		if prev >= 0 && *vals[prev] > *v {
			c.warnf(keyOf(i), diag.T("the scenarios must be ordered stress ≤ unfavourable ≤ moderate ≤ favourable; check for swapped columns"),
				"%s (%s) is lower than %s (%s)", keyNames[keyOf(i)], c.rec.Vals[keyOf(i)].Text, keyNames[keyOf(prev)], c.rec.Vals[keyOf(prev)].Text)
		}
		prev = i
	}
}

// kidFigures types the KID's own figures, its date and address.
func (c *checker) kidFigures(p *Product) {
	for _, f := range []struct {
		k      Key
		dst    **float64
		amount bool
	}{
		{keyKIDTotalCosts1Y, &p.KIDTotalCosts1Y, true}, {keyKIDTotalCostsHalf, &p.KIDTotalCostsHalf, true},
		{keyKIDTotalCostsRHP, &p.KIDTotalCostsRHP, true}, {keyKIDCostImpact1Y, &p.KIDCostImpact1YPct, false},
		{keyKIDCostImpactHalf, &p.KIDCostImpactHalfPct, false}, {keyKIDCostImpactRHP, &p.KIDCostImpactRHPPct, false},
	} {
		v, ok := c.number(f.k)
		if !ok {
			continue
		}
		switch {
		case v < 0:
			c.errorf(f.k, diag.T("copy the figure as the key information document states it"), "%s must be 0 or more, got %s", keyNames[f.k], c.rec.Vals[f.k].Text)
			continue
		case f.amount && v > ExampleInvestment:
			c.errorf(f.k, diag.T("the KID's total costs are for an investment of 10,000 in the product's currency"),
				"%s is %s, more than the 10,000 invested", keyNames[f.k], c.rec.Vals[f.k].Text)
			continue
		case !f.amount && v >= 100:
			c.errorf(f.k, diag.T("write percentages in percent: 1.20 means 1.20 %%"), "%s must be below 100, got %s", keyNames[f.k], c.rec.Vals[f.k].Text)
			continue
		}
		*f.dst = &v
	}
	if periods := HoldingPeriods(p.RHPYears); p.RHPYears > 0 {
		if len(periods) < 3 {
			for _, k := range []Key{keyKIDTotalCostsHalf, keyKIDCostImpactHalf} {
				if c.rec.Vals[k].Given {
					c.errorf(k, diag.T("remove it, or check rhp_years"), "%s is given, but a holding period of %s years has no half-way column (that needs 10 years or more)",
						keyNames[k], c.rec.Vals[keyRHP].Text)
				}
			}
			p.KIDTotalCostsHalf, p.KIDCostImpactHalfPct = nil, nil
		}
		if len(periods) == 1 {
			for _, k := range []Key{keyKIDTotalCosts1Y, keyKIDCostImpact1Y} {
				if c.rec.Vals[k].Given {
					c.errorf(k, diag.T("give the KID's figures in kid_total_costs_rhp and kid_cost_impact_rhp_pct"),
						"%s is given, but a holding period of %s years has one column, the holding period's", keyNames[k], c.rec.Vals[keyRHP].Text)
				}
			}
			p.KIDTotalCosts1Y, p.KIDCostImpact1YPct = nil, nil
		}
	}
	if u := c.rec.Vals[keyKIDURL]; u.Given {
		// The KID is a link readers follow: https only, written
		// percent-encoded (grammar.URI).
		if _, err := grammar.WebURL(u.Text, grammar.HTTPS); err != nil {
			c.errorf(keyKIDURL, diag.T("write the https:// address of the key information document (Basisinformationsblatt), such as https://www.example-bank.de/kid/DE000RTB0015.pdf"),
				"kid_url %q %s", u.Text, err.(*grammar.Error).Msg)
		} else {
			p.KIDURL = grammar.URI(u.Text)
		}
	}
	if d := c.rec.Vals[keyKIDDate]; d.Given {
		if _, err := time.Parse("2006-01-02", d.Text); err != nil {
			c.errorf(keyKIDDate, diag.T("write the date as YYYY-MM-DD, such as 2026-03-01"), "kid_date %q is not a date", d.Text)
		} else {
			p.KIDDate = d.Text
		}
	}
}

// yearsText writes a period for messages: "1 year", "7.5 years".
func yearsText(y float64) diag.Text {
	if y == 1 {
		return diag.T("1 year")
	}
	return diag.T("%s years", trimFloat(y))
}

// trimFloat writes v without trailing zeros.
func trimFloat(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// bigAmount writes an amount with thousands separators (for messages).
func bigAmount(v float64) string {
	if math.IsInf(v, 0) || v > 1e18 {
		return "more than 10^18"
	}
	s := fmt.Sprintf("%.0f", v)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func hasError(ds []diag.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

// kidTolerance is how far a KID's figure may lie from the model's before
// it is a warning: 2 % of the model's figure (the content model), but at
// least what the KID's own rounding explains (KIDs print total costs in
// whole currency units and cost impacts with one decimal).
func kidTolerance(model float64, amount bool) float64 {
	rounding := 0.05
	if amount {
		rounding = 0.5
	}
	return math.Max(0.02*math.Abs(model), rounding)
}

// CrossCheckKID compares the KID's figures that are given with the model's
// and warns, at the key's row and column, where one lies more than 2 % off
// (kidTolerance). The page shows the KID's figures either way.
func CrossCheckKID(p Product) []diag.Diagnostic {
	if p.KIDTotalCosts1Y == nil && p.KIDTotalCostsHalf == nil && p.KIDTotalCostsRHP == nil &&
		p.KIDCostImpact1YPct == nil && p.KIDCostImpactHalfPct == nil && p.KIDCostImpactRHPPct == nil {
		return nil // no KID figures: nothing to compute here (the common case, on the hot path)
	}
	f := Compute(p)
	if f == nil {
		return nil
	}
	var out []diag.Diagnostic
	check := func(k Key, col CostColumn, kid *float64, model float64, amount bool) {
		if kid == nil || math.Abs(*kid-model) <= kidTolerance(model, amount) {
			return
		}
		at := p.KeyPosition(keyNames[k])
		modelText := fmt.Sprintf("%.2f %%", model)
		if amount {
			modelText = fmt.Sprintf("%.2f %s", model, p.Currency)
		}
		dev := 100.0
		if model != 0 {
			dev = math.Abs(*kid-model) / math.Abs(model) * 100
		}
		d := diag.Warnf(at.File, at.Line, "%s is %s, but the product's costs give %s after %s (%.1f %% off); the page shows the KID's figure",
			keyNames[k], trimFloat(*kid), modelText, yearsText(col.Years), dev).
			WithHint("check the costs (entry, exit, ongoing, transaction) and the moderate scenario against the KID, or the KID's figure")
		d.Column, d.Key = at.Column, keyNames[k]
		out = append(out, d)
	}
	n := len(f.Columns)
	for i, col := range f.Columns {
		switch kidColumn(i, n) {
		case 0:
			check(keyKIDTotalCosts1Y, col, p.KIDTotalCosts1Y, col.ModelTotalCosts, true)
			check(keyKIDCostImpact1Y, col, p.KIDCostImpact1YPct, col.ModelImpactPct, false)
		case 1:
			check(keyKIDTotalCostsHalf, col, p.KIDTotalCostsHalf, col.ModelTotalCosts, true)
			check(keyKIDCostImpactHalf, col, p.KIDCostImpactHalfPct, col.ModelImpactPct, false)
		case 2:
			check(keyKIDTotalCostsRHP, col, p.KIDTotalCostsRHP, col.ModelTotalCosts, true)
			check(keyKIDCostImpactRHP, col, p.KIDCostImpactRHPPct, col.ModelImpactPct, false)
		}
	}
	return out
}
