package product

import "math"

// ExampleInvestment is the amount the cost and scenario figures assume, in
// the product's currency (the content model's P).
const ExampleInvestment = 10000.0

// CostColumn is one column of the "costs over time" table: what the costs
// take from ExampleInvestment if the investor exits after Years.
type CostColumn struct {
	Years           float64
	Gross           float64 // G: value after Years without costs
	Net             float64 // N: value after Years with all costs, exit included
	TotalCosts      float64 // G − N
	AnnualImpactPct float64 // reduction in yield per year, in percent
}

// CostLine is one line of the composition of costs.
type CostLine struct {
	Key string // entry, exit, ongoing, transaction, performance_fee
	// Pct is the percentage as typed: of the amount paid in (entry), of the
	// amount paid out (exit), of the value each year (the recurring three).
	Pct float64
	// AnnualImpactPct is this line's share of the total annual cost impact at
	// the holding period, in percent; the lines add up to the total.
	AnnualImpactPct float64
}

// Composition is the "composition of costs" table at the holding period.
type Composition struct {
	Years                float64
	TotalAnnualImpactPct float64
	Lines                []CostLine // always the five lines, in the order of Key above
}

// PathPoint is one point of the costs-over-time chart.
type PathPoint struct {
	Years           float64
	Gross           float64 // value without costs
	Net             float64 // value with costs, as if exiting then (exit cost included)
	CumulativeCosts float64 // Gross − Net
}

// ScenarioOutcome is one performance scenario at the holding period.
type ScenarioOutcome struct {
	Key              string  // stress, unfavourable, moderate, favourable
	AverageReturnPct float64 // average return each year, after costs, as typed
	Value            float64 // what ExampleInvestment becomes after the holding period
}

// costInputs are the content model's rates as fractions.
type costInputs struct {
	c, e, x, m float64
}

func inputs(p Product) (costInputs, bool) {
	in := costInputs{
		c: (p.OngoingPct + p.TransactionPct + p.PerformanceFeePct) / 100,
		e: p.EntryPct / 100,
		x: p.ExitPct / 100,
	}
	if p.ScenarioModeratePct != nil {
		in.m = *p.ScenarioModeratePct / 100
	}
	// Outside these bounds the formulas divide by zero or take roots of
	// negative numbers; validation reports such products as errors.
	ok := p.RHPYears > 0 && p.RHPYears <= maxRHPYears &&
		in.c >= 0 && in.c < 1 && in.e >= 0 && in.e < 1 && in.x >= 0 && in.x < 1 && in.m > -1
	return in, ok
}

// growth is the before-cost growth g for a holding period of T years: the
// growth that, after recurring costs, gives the moderate scenario's return,
// (1 + m)/(1 − c) − 1; and 0 for the 1-year column, as the content model
// prescribes.
func (in costInputs) growth(T float64) float64 {
	if T == 1 {
		return 0
	}
	return (1+in.m)/(1-in.c) - 1
}

// column computes G, N, total costs and annual cost impact for T years with
// growth g, by the content model's formulas.
func (in costInputs) column(T, g float64) CostColumn {
	G := ExampleInvestment * math.Pow(1+g, T)
	N := ExampleInvestment * (1 - in.e) * math.Pow((1+g)*(1-in.c), T) * (1 - in.x)
	impact := (math.Pow(G/ExampleInvestment, 1/T) - 1) - (math.Pow(N/ExampleInvestment, 1/T) - 1)
	return CostColumn{Years: T, Gross: G, Net: N, TotalCosts: G - N, AnnualImpactPct: impact * 100}
}

// holdingPeriods are the columns of the costs-over-time table: 1 year, half
// the holding period when it is 10 years or more, and the holding period.
//
// The half is taken literally from the content model (7.5 years for an RHP
// of 15). The PRIIPs RTS (Annex VII, table 1) heads this column
// "[1/2 recommended holding period]" and refers to Annex VI point 90 for the
// holding periods; that point could not be read here, so whether it rounds
// the half to whole years is not verified.
//
// A holding period of 1 year or less has a single column, at the holding
// period.
func holdingPeriods(rhp float64) []float64 {
	if rhp <= 1 {
		return []float64{rhp}
	}
	if rhp >= 10 {
		return []float64{1, rhp / 2, rhp}
	}
	return []float64{1, rhp}
}

// CostsOverTime computes the costs-over-time table for ExampleInvestment.
// It returns nil for a product whose facts are invalid (see Load).
func CostsOverTime(p Product) []CostColumn {
	in, ok := inputs(p)
	if !ok {
		return nil
	}
	periods := holdingPeriods(p.RHPYears)
	cols := make([]CostColumn, len(periods))
	for i, T := range periods {
		cols[i] = in.column(T, in.growth(T))
	}
	return cols
}

// CostComposition splits the annual cost impact at the holding period into
// entry, exit, ongoing, transaction and performance fee lines that add up to
// it exactly. It returns nil for a product whose facts are invalid.
//
// Why logarithms: the net value relative to the gross is
// N/G = (1−e)·(1−c)^T·(1−x), so the yearly log reduction
// −ln(N/G)/T = −ln(1−e)/T − ln(1−c) − ln(1−x)/T is an exact sum of one term
// per cost. The annual cost impact itself is not a sum (costs compound with
// the growth and each other), so each line gets the share of the total that
// its log term has of the sum of the log terms. That is exact in total, fair
// to each line (to first order each share is what the cost alone would
// cause), and independent of the order the costs are taken in, unlike
// removing costs one at a time. The recurring term is split among ongoing,
// transaction and performance fee in proportion to their percentages, as
// they are one rate c in the model.
func CostComposition(p Product) *Composition {
	in, ok := inputs(p)
	if !ok {
		return nil
	}
	T := p.RHPYears
	total := in.column(T, in.growth(T)).AnnualImpactPct
	we := -math.Log1p(-in.e) / T
	wx := -math.Log1p(-in.x) / T
	wc := -math.Log1p(-in.c)
	w := we + wx + wc
	share := func(part float64) float64 {
		if w == 0 {
			return 0
		}
		return total * part / w
	}
	recurring := p.OngoingPct + p.TransactionPct + p.PerformanceFeePct
	recurringShare := func(pct float64) float64 {
		if recurring == 0 {
			return 0
		}
		return share(wc) * pct / recurring
	}
	return &Composition{
		Years:                T,
		TotalAnnualImpactPct: total,
		Lines: []CostLine{
			{Key: "entry", Pct: p.EntryPct, AnnualImpactPct: share(we)},
			{Key: "exit", Pct: p.ExitPct, AnnualImpactPct: share(wx)},
			{Key: "ongoing", Pct: p.OngoingPct, AnnualImpactPct: recurringShare(p.OngoingPct)},
			{Key: "transaction", Pct: p.TransactionPct, AnnualImpactPct: recurringShare(p.TransactionPct)},
			{Key: "performance_fee", Pct: p.PerformanceFeePct, AnnualImpactPct: recurringShare(p.PerformanceFeePct)},
		},
	}
}

// CostPath is the year-by-year path for the costs-over-time chart: one point
// after each whole year up to the holding period, and a last point at the
// holding period itself when it is not a whole number of years (so the
// chart ends where the table's last column is, rather than half a year
// beyond it). Each point assumes an exit then (the exit cost is included).
//
// All points use the holding period's growth g (the moderate scenario's),
// so the chart is one consistent curve. The 1-year column of the table uses
// g = 0 instead, so the chart's first point differs from it when the
// moderate scenario is not 0; its last point equals the table's last column.
// It returns nil for a product whose facts are invalid.
func CostPath(p Product) []PathPoint {
	in, ok := inputs(p)
	if !ok {
		return nil
	}
	rhp := p.RHPYears
	g := in.growth(rhp)
	var points []PathPoint
	for t := 1.0; t <= rhp; t++ {
		points = append(points, in.pathPoint(t, g))
	}
	if rhp != math.Trunc(rhp) {
		points = append(points, in.pathPoint(rhp, g))
	}
	return points
}

func (in costInputs) pathPoint(t, g float64) PathPoint {
	col := in.column(t, g)
	return PathPoint{Years: t, Gross: col.Gross, Net: col.Net, CumulativeCosts: col.TotalCosts}
}

// Scenarios returns the performance scenarios that are given, from stress to
// favourable, with what ExampleInvestment becomes after the holding period:
// P(1 + r)^RHP. It returns nil when none is given or the holding period is
// invalid.
func Scenarios(p Product) []ScenarioOutcome {
	if !(p.RHPYears > 0 && p.RHPYears <= maxRHPYears) {
		return nil
	}
	var out []ScenarioOutcome
	for _, s := range []struct {
		key string
		pct *float64
	}{
		{"stress", p.ScenarioStressPct},
		{"unfavourable", p.ScenarioUnfavourablePct},
		{"moderate", p.ScenarioModeratePct},
		{"favourable", p.ScenarioFavourablePct},
	} {
		if s.pct == nil || *s.pct <= -100 {
			continue
		}
		out = append(out, ScenarioOutcome{Key: s.key, AverageReturnPct: *s.pct,
			Value: ExampleInvestment * math.Pow(1+*s.pct/100, p.RHPYears)})
	}
	return out
}
