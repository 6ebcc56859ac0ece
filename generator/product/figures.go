package product

import (
	"math"
	"sort"

	"github.com/klartext/klartext/generator/locale"
)

// ExampleInvestment is the amount the cost and scenario figures assume, in
// the product's currency (the content model's P; Annex VII of Delegated
// Regulation (EU) 2017/653 as amended by 2021/2268: "EUR 10 000 is
// invested").
const ExampleInvestment = 10000.0

// Figures are all the numbers a product page shows, computed once per
// page by Compute and then used by every table, chart, chart table and
// list entry of that page, so one quantity is one number everywhere.
type Figures struct {
	// Columns are the "costs over time" table (Annex VII, table 1): exit
	// after 1 year, after half the holding period (when it is 10 years or
	// more) and at the holding period; a single column when the holding
	// period is 1 year or less.
	Columns []CostColumn
	// Composition is the "composition of costs" table (Annex VII, table 2)
	// for the first column: what each kind of cost takes, in the product's
	// currency; the lines add up to that column's total costs.
	Composition Composition
	// Path is the year-by-year costs-over-time chart; at every period of
	// Columns it holds that column's figures.
	Path []PathPoint
	// Scenarios are the four performance scenarios, stress to favourable.
	Scenarios []ScenarioFigure
	// Minimum is the minimum return at the holding period; nil when the
	// product has none.
	Minimum *ScenarioPoint
}

// CostColumn is one column of the "costs over time" table: what the costs
// take from ExampleInvestment if the investor exits after Years.
type CostColumn struct {
	Years float64
	// GrowthPct is the return per year before costs the column assumes: 0
	// after 1 year, the one that gives the moderate scenario otherwise.
	GrowthPct float64
	ExitPct   float64 // the exit cost that applies at this exit (sliding exit costs)
	Gross     float64 // G: value after Years without costs
	Net       float64 // N: value after Years with all costs, exit included
	// TotalCosts and AnnualImpactPct are what the page shows: the KID's own
	// figures where they are given (FromKID), else the model's.
	TotalCosts      float64
	AnnualImpactPct float64 // reduction in return per year, in percent
	FromKID         struct{ TotalCosts, AnnualImpact bool }
	// ModelTotalCosts and ModelImpactPct are the model's figures, which
	// cross-check the KID's.
	ModelTotalCosts, ModelImpactPct float64
}

// CostLine is one line of the composition of costs.
type CostLine struct {
	Key string // entry, exit, ongoing, transaction, performance_fee
	// Pct is the rate as typed: of the amount paid in (entry), of the
	// amount paid out (exit, the composition column's), of the value each
	// year (the recurring three).
	Pct float64
	// Amount is what the cost takes in the composition's column, in the
	// product's currency, rounded to cents so that the lines add up to
	// Composition.TotalCosts exactly.
	Amount float64
	// Share is the line's amount before that rounding: what SplitCents
	// split. A page's calculator scales the shares to the reader's amount
	// and splits them again, as ComputeFor does.
	Share float64
}

// Composition is the "composition of costs" table.
type Composition struct {
	Years      float64 // the column it is for (Columns[0])
	TotalCosts float64 // that column's TotalCosts, rounded to cents
	Lines      []CostLine
}

// PathPoint is one point of the costs-over-time chart.
type PathPoint struct {
	Years           float64
	Gross           float64 // value without costs
	Net             float64 // value with costs, as if exiting then (exit cost included)
	CumulativeCosts float64 // Gross − Net (the table's total costs at its periods)
}

// ScenarioPoint is a scenario's outcome after a period.
type ScenarioPoint struct {
	ReturnPct float64 // average return each year, after all costs, as typed
	Value     float64 // what ExampleInvestment becomes: P·(1 + r)^T
}

// ScenarioFigure is one performance scenario as the KID shows it.
type ScenarioFigure struct {
	Key     string         // stress, unfavourable, moderate, favourable
	OneYear *ScenarioPoint // after 1 year; nil when not given
	AtRHP   ScenarioPoint  // at the holding period
}

// ScenarioKeys are the scenarios from stress to favourable.
var ScenarioKeys = [4]string{"stress", "unfavourable", "moderate", "favourable"}

// rates are a product's rates as fractions.
type rates struct {
	e, c         float64 // entry; recurring (ongoing + transaction + performance fee)
	x1, xh, xRHP float64 // exit after 1 year, at half the holding period, at the holding period
	m            float64 // moderate scenario at the holding period
	p            float64 // the amount invested (the content model's P)
}

func ratesOf(p Product, amount float64) (rates, bool) {
	r := rates{
		p:    amount,
		e:    p.EntryPct / 100,
		c:    (p.OngoingPct + p.TransactionPct + p.PerformanceFeePct) / 100,
		xRHP: p.ExitPct / 100,
	}
	r.x1, r.xh = r.xRHP, r.xRHP // the content model: they default to exit_pct
	if p.Exit1YPct != nil {
		r.x1 = *p.Exit1YPct / 100
	}
	if p.ExitHalfPct != nil {
		r.xh = *p.ExitHalfPct / 100
	}
	if p.ScenarioModeratePct == nil {
		return r, false
	}
	r.m = *p.ScenarioModeratePct / 100
	// Outside these bounds the formulas divide by zero or take roots of
	// negative numbers; validation reports such products as errors.
	in := func(v float64) bool { return v >= 0 && v < 1 }
	ok := amount > 0 && !math.IsInf(amount, 0) && p.RHPYears >= MinRHPYears && p.RHPYears <= MaxRHPYears &&
		in(r.e) && in(r.c) && in(r.x1) && in(r.xh) && in(r.xRHP) && r.m > -1
	return r, ok
}

// HoldingPeriods are the exits of the costs-over-time table, as Annex VI
// point 90 (as amended by 2021/2268) and the columns of Annex VII table 1
// set them: "If you exit after 1 year (where applicable)", "after [1/2
// recommended holding period] (where applicable)", "after [recommended
// holding period]".
//
//   - A holding period of 1 year or less has one column, at the holding
//     period ("where applicable": a 1-year exit would lie beyond it).
//   - The half column is shown where the holding period is 10 years or
//     more, the threshold of the content model and of the performance
//     scenarios' intermediate period (Annex V as amended).
//   - Its period is half the holding period rounded up to whole years, as
//     the RTS word their intermediate periods ("half of the recommended
//     holding period rounded up to the nearest year"; point 90 itself
//     could not be read here, see the README): 15 years gives 8, 10 gives
//     5. A KID's columns are whole years (FFG BLI Global Impact Equities,
//     LU2612532759, RHP 10: 1, 5 and 10 years), and the FinDatEx EPT
//     carries one figure for it (07030/07040) without a period of its own.
func HoldingPeriods(rhp float64) []float64 {
	switch {
	case rhp <= 1:
		return []float64{rhp}
	case rhp >= 10:
		return []float64{1, math.Ceil(rhp / 2), rhp}
	}
	return []float64{1, rhp}
}

// growth is the before-cost growth per year g that, after all costs of
// the holding period column (entry, recurring, the RHP's exit), gives the
// moderate scenario's value P·(1 + m)^T: the moderate scenario is "after
// all costs" (EPT 02060; Annex V as amended shows scenario values net of
// all costs), so P(1−e)·((1+g)(1−c))^T·(1−x) = P(1+m)^T. Annex VII's
// footnote to table 1 states the annual cost impact as the average return
// "before costs" minus the one "after costs" at the holding period; this g
// is the former, m the latter.
func (r rates) growth(T float64) float64 {
	return (1+r.m)/((1-r.c)*math.Pow((1-r.e)*(1-r.xRHP), 1/T)) - 1
}

// value is the net value after T years with before-cost growth g and the
// exit cost x at that time.
func (r rates) value(T, g, x float64) (gross, net float64) {
	gross = r.p * math.Pow(1+g, T)
	net = r.p * (1 - r.e) * math.Pow((1+g)*(1-r.c), T) * (1 - x)
	return gross, net
}

// impactPct is the annual cost impact in percent: the average return per
// year before costs minus the one after costs (Annex VII, table 1,
// footnote).
func impactPct(gross, net, p, T float64) float64 {
	return (math.Pow(gross/p, 1/T) - math.Pow(net/p, 1/T)) * 100
}

// exitAt is the exit cost at T years: the 1-year exit cost before half the
// holding period (or before the holding period when the table has no half
// column), the half one from there to the holding period, the RHP's from
// the holding period on. Between the points the EPT gives, the earlier
// point's rate holds: a sliding exit cost falls with time, so this never
// shows less than the schedule.
func (r rates) exitAt(T float64, periods []float64) float64 {
	rhp := periods[len(periods)-1]
	switch {
	case T >= rhp:
		return r.xRHP
	case len(periods) == 3 && T >= periods[1]:
		return r.xh
	}
	return r.x1
}

// Compute works out every figure of p's page. It returns nil for a
// product whose facts are invalid (see Load: such a product is an error,
// and the build publishes nothing).
func Compute(p Product) *Figures { return ComputeFor(p, ExampleInvestment) }

// ComputeFor is Compute for amount invested instead of ExampleInvestment:
// the figures of the page's calculator ("your own amount"). Every amount
// is linear in it — the costs are rates of what is invested, the
// scenarios P·(1 + r)^T, and the KID's own totals, given for 10,000, are
// scaled by amount / 10,000 — and every percentage is the same for any
// amount; only the composition's rounding to cents is done again. It
// returns nil for invalid facts or an amount that is not positive.
func ComputeFor(p Product, amount float64) *Figures {
	r, ok := ratesOf(p, amount)
	if !ok {
		return nil
	}
	g := r.growth(p.RHPYears)
	f := &Figures{Columns: columns(p, r, g)}
	f.Composition = composition(p, r, f.Columns[0], g)
	f.Path = costPath(r, p.RHPYears, g, f.Columns)
	f.Scenarios, f.Minimum = scenarios(p, amount)
	return f
}

// CostColumns is Compute's costs-over-time table alone, for a page that
// shows no more of the product (the products section's comparison); nil
// for invalid facts.
func CostColumns(p Product) []CostColumn {
	r, ok := ratesOf(p, ExampleInvestment)
	if !ok {
		return nil
	}
	return columns(p, r, r.growth(p.RHPYears))
}

// columns computes the costs-over-time table with before-cost growth g.
func columns(p Product, r rates, g float64) []CostColumn {
	rhp := p.RHPYears
	kidTotals := [3]*float64{p.KIDTotalCosts1Y, p.KIDTotalCostsHalf, p.KIDTotalCostsRHP}
	kidImpacts := [3]*float64{p.KIDCostImpact1YPct, p.KIDCostImpactHalfPct, p.KIDCostImpactRHPPct}
	periods := HoldingPeriods(rhp)
	cols := make([]CostColumn, 0, len(periods))
	for i, T := range periods {
		col := CostColumn{Years: T, ExitPct: r.exitAt(T, periods) * 100}
		colG := g
		if T == 1 && rhp > 1 {
			// Annex VII table 1, "We have assumed: in the first year you
			// would get back the amount that you invested (0 % annual
			// return)". 0 % before costs, as the content model's worked
			// example (426.10 for entry 3 %, ongoing 1.2 %, transaction
			// 0.1 %) and the published KIDs in figures_test.go compute it.
			colG = 0
		}
		col.GrowthPct = colG * 100
		col.Gross, col.Net = r.value(T, colG, col.ExitPct/100)
		if T == rhp {
			// The moderate scenario's value itself, not the same number
			// through pow and back: the page shows both.
			col.Net = r.p * math.Pow(1+r.m, rhp)
		}
		col.ModelTotalCosts = col.Gross - col.Net
		col.ModelImpactPct = impactPct(col.Gross, col.Net, r.p, T)
		col.TotalCosts, col.AnnualImpactPct = col.ModelTotalCosts, col.ModelImpactPct
		k := kidColumn(i, len(periods))
		if v := kidTotals[k]; v != nil {
			kid := *v * (r.p / ExampleInvestment) // the KID's figure is for 10,000; ×1 exactly for it
			col.TotalCosts, col.FromKID.TotalCosts = kid, true
			col.Gross = col.Net + kid // the net value stays the scenario's
		}
		if v := kidImpacts[k]; v != nil {
			col.AnnualImpactPct, col.FromKID.AnnualImpact = *v, true
		}
		cols = append(cols, col)
	}
	return cols
}

// kidColumn maps column i of n to the KID's keys: 0 the 1-year figures, 1
// the half, 2 the holding period's. A single column is the holding period.
func kidColumn(i, n int) int {
	if i == n-1 {
		return 2
	}
	return i
}

// composition splits the first column's total costs into the KID's lines.
//
// Annex VII table 2 as amended by 2021/2268 shows the composition for an
// exit after 1 year, in the product's currency, each line with its rate,
// as the published KIDs in figures_test.go print it (the amended table's
// text could not be read here); the FinDatEx EPT's composition fields
// 07070 to 07110 are "at one year" too. (The content model asks for a split of the annual cost
// impact at the holding period, which is the table of the 2017 RTS; the
// amended table is followed, and the lines add up to the total of the
// costs table's first column, which is the same number on the page.)
//
// The total G − N is an exact sum of one term per cost, so no share is
// estimated: entry P·e·(1+g)^T (the entry cost and the growth it forgoes),
// recurring P(1−e)(1+g)^T·(1 − (1−c)^T), exit (the value before exit)·x.
// After 1 year at 0 % return these are P·e, P(1−e)·c and P(1−e)(1−c)·x.
// The recurring term is split among ongoing, transaction and performance
// fee in proportion to their rates, which is exact after 1 year (the
// three are one rate c for the year).
//
// Where the KID's total for the column is given it is the total, and the
// lines are the model's split of it (scaled), so they still add up to what
// the page states.
func composition(p Product, r rates, col CostColumn, g float64) Composition {
	T := col.Years
	if T == 1 && p.RHPYears > 1 {
		g = 0
	}
	x := col.ExitPct / 100
	grow := math.Pow(1+g, T)
	entry := r.p * r.e * grow
	recurring := r.p * (1 - r.e) * grow * (1 - math.Pow(1-r.c, T))
	beforeExit := r.p * (1 - r.e) * math.Pow((1+g)*(1-r.c), T)
	exit := beforeExit * x
	share := func(pct float64) float64 {
		if sum := p.OngoingPct + p.TransactionPct + p.PerformanceFeePct; sum > 0 {
			return recurring * pct / sum
		}
		return 0
	}
	raw := []float64{entry, exit, share(p.OngoingPct), share(p.TransactionPct), share(p.PerformanceFeePct)}
	if model := entry + exit + recurring; col.FromKID.TotalCosts && model > 0 {
		for i := range raw {
			raw[i] *= col.TotalCosts / model
		}
	}
	total := locale.Round(col.TotalCosts, 2)
	amounts := SplitCents(raw, total)
	return Composition{Years: T, TotalCosts: total, Lines: []CostLine{
		{Key: "entry", Pct: p.EntryPct, Amount: amounts[0], Share: raw[0]},
		{Key: "exit", Pct: col.ExitPct, Amount: amounts[1], Share: raw[1]},
		{Key: "ongoing", Pct: p.OngoingPct, Amount: amounts[2], Share: raw[2]},
		{Key: "transaction", Pct: p.TransactionPct, Amount: amounts[3], Share: raw[3]},
		{Key: "performance_fee", Pct: p.PerformanceFeePct, Amount: amounts[4], Share: raw[4]},
	}}
}

// SplitCents rounds parts to cents so that they add up to total (itself in
// cents) exactly: each part is rounded down, and the cents left over go to
// the parts with the largest remainders, the first of equal ones first (the
// largest remainder method). Rounding each part on its own would show, say,
// 0.21 € + 0.21 € under a total of 0.41 €.
func SplitCents(parts []float64, total float64) []float64 {
	cents := make([]float64, len(parts))
	order := make([]int, len(parts))
	var have float64
	for i, v := range parts {
		cents[i] = math.Floor(math.Max(v, 0)*100 + 1e-7) // 12.34 stored as 1233.9999… is 1234
		have += cents[i]
		order[i] = i
	}
	rem := func(i int) float64 { return math.Max(parts[i], 0)*100 - cents[i] }
	sort.SliceStable(order, func(a, b int) bool { return rem(order[a]) > rem(order[b]) })
	left := int(math.Round(total*100) - have) // 0 ≤ left ≤ len(parts) for parts adding up to total
	for k := 0; left > 0 && len(order) > 0; k = (k + 1) % len(order) {
		cents[order[k]]++
		left--
	}
	for k := len(order) - 1; left < 0 && k >= 0; k-- { // only by floating-point noise
		if cents[order[k]] > 0 {
			cents[order[k]]--
			left++
		}
	}
	out := make([]float64, len(parts))
	for i, c := range cents {
		out[i] = c / 100
	}
	return out
}

// costPath is the year-by-year curve of the costs-over-time chart: a point
// after each whole year up to the holding period, at the holding period
// itself when it is not a whole number of years, and at every period of
// the table. At the table's periods it holds the table's figures (the 1
// year point at 0 % return, as the table's first column); between them the
// moderate scenario's growth and the exit cost of that time (exitAt).
func costPath(r rates, rhp, g float64, cols []CostColumn) []PathPoint {
	periods := make([]float64, len(cols))
	for i, c := range cols {
		periods[i] = c.Years
	}
	ts := make([]float64, 0, int(rhp)+1)
	for t := 1.0; t <= rhp; t++ {
		ts = append(ts, t)
	}
	if len(ts) == 0 || ts[len(ts)-1] != rhp {
		ts = append(ts, rhp)
	}
	points := make([]PathPoint, 0, len(ts))
	for _, t := range ts {
		var pt PathPoint
		if c := columnAt(cols, t); c != nil {
			pt = PathPoint{Years: t, Gross: c.Gross, Net: c.Net, CumulativeCosts: c.TotalCosts}
		} else {
			gross, net := r.value(t, g, r.exitAt(t, periods))
			pt = PathPoint{Years: t, Gross: gross, Net: net, CumulativeCosts: gross - net}
		}
		points = append(points, pt)
	}
	return points
}

func columnAt(cols []CostColumn, t float64) *CostColumn {
	for i := range cols {
		if cols[i].Years == t {
			return &cols[i]
		}
	}
	return nil
}

// scenarios are the performance scenarios as Annex V as amended by
// 2021/2268 shows them: for stress, unfavourable, moderate and favourable
// what the investor might get back after costs and the average return each
// year, after 1 year (where given) and at the holding period, and the
// minimum where the product has one. The value is P·(1 + r)^T: the returns
// are the average per year, after all costs, of that value (EPT 02010 to
// 02120 define them so).
func scenarios(p Product, amount float64) ([]ScenarioFigure, *ScenarioPoint) {
	at := func(pct *float64, T float64) ScenarioPoint {
		return ScenarioPoint{ReturnPct: *pct, Value: amount * math.Pow(1+*pct/100, T)}
	}
	rhpPcts := p.scenarioPcts()
	out := make([]ScenarioFigure, 0, 4)
	for i, key := range ScenarioKeys {
		if rhpPcts[i] == nil {
			continue // validation reported it
		}
		s := ScenarioFigure{Key: key, AtRHP: at(rhpPcts[i], p.RHPYears)}
		if v := p.Scenario1YPct[i]; v != nil && p.RHPYears > 1 {
			one := at(v, 1)
			s.OneYear = &one
		}
		out = append(out, s)
	}
	var minimum *ScenarioPoint
	if p.MinimumReturnPct != nil {
		m := at(p.MinimumReturnPct, p.RHPYears)
		minimum = &m
	}
	return out, minimum
}

func (p Product) scenarioPcts() [4]*float64 {
	return [4]*float64{p.ScenarioStressPct, p.ScenarioUnfavourablePct, p.ScenarioModeratePct, p.ScenarioFavourablePct}
}

// TotalCostsAtRHP is the total costs of the costs table's last column
// (exit at the holding period) for ExampleInvestment, as the product's
// page shows them: for pages that name a product without showing its
// figures (a story's list of its products). NaN for invalid facts.
func (p Product) TotalCostsAtRHP() float64 {
	cols := CostColumns(p)
	if len(cols) == 0 {
		return math.NaN()
	}
	return cols[len(cols)-1].TotalCosts
}

// ExampleAmount is ExampleInvestment, the amount p's figures are for, for
// templates (a layout prints it as the amount its figures assume).
func (p Product) ExampleAmount() float64 { return ExampleInvestment }

// Amounts are the amounts of money f holds but the composition's lines:
// the costs table's totals, the costs-over-time path (costs, value with
// and without costs), the scenarios' values and the minimum's, in that
// order. Each is linear in the amount invested (ComputeFor), which is what
// a page's calculator relies on when it scales them; the composition's
// lines are split into cents again instead (SplitCents of the shares).
func (f *Figures) Amounts() []float64 {
	out := make([]float64, 0, len(f.Columns)+3*len(f.Path)+2*len(f.Scenarios)+1)
	for _, c := range f.Columns {
		out = append(out, c.TotalCosts)
	}
	for _, p := range f.Path {
		out = append(out, p.CumulativeCosts, p.Net, p.Gross)
	}
	for _, s := range f.Scenarios {
		if s.OneYear != nil {
			out = append(out, s.OneYear.Value)
		}
		out = append(out, s.AtRHP.Value)
	}
	if f.Minimum != nil {
		out = append(out, f.Minimum.Value)
	}
	return out
}
