package product

import (
	"math"
	"testing"

	"github.com/klartext/klartext/generator/locale"
)

func pct(v float64) *float64 { return &v }

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// scen gives a product the four scenarios at the holding period, moderate m.
func scen(p Product, m float64) Product {
	p.ScenarioStressPct, p.ScenarioUnfavourablePct = pct(math.Min(m, 0)-30), pct(m-5)
	p.ScenarioModeratePct, p.ScenarioFavourablePct = pct(m), pct(m+5)
	return p
}

// The hand-worked vectors. With P = 10,000, e entry, c = ongoing +
// transaction + performance fee, x the column's exit cost and m the
// moderate scenario, the before-cost growth of the holding period is
// 1 + g = (1 + m) / ((1 − c)·((1 − e)(1 − x_RHP))^(1/RHP)); a column after T
// years has G = P(1 + g)^T and N = P(1 − e)((1 + g)(1 − c))^T(1 − x), the
// 1-year column g = 0; total costs G − N; annual cost impact
// (G/P)^(1/T) − (N/P)^(1/T).
func TestCostColumns(t *testing.T) {
	type col struct{ years, gross, net, total, impact float64 }
	for _, tc := range []struct {
		name string
		p    Product
		want []col
	}{
		{
			// The content model's worked example, to be a test: entry 3 %,
			// ongoing 1.2 %, transaction 0.1 %, exit 0, after 1 year.
			// T = 1, g = 0: N = 10,000 × 0.97 × 0.987 = 9,573.90; total 426.10;
			// impact 1 − 0.95739 = 4.261 %.
			// RHP 5, m = 3 %: 1 + g = 1.03 / (0.987 × 0.97^(1/5)) = 1.0499430066…
			name: "worked example",
			p:    scen(Product{RHPYears: 5, EntryPct: 3, OngoingPct: 1.2, TransactionPct: 0.1}, 3),
			want: []col{{1, 10000, 9573.9, 426.1, 4.261}, {5, 12759.3522105511, 11592.740743, 1166.6114675511, 1.994300662043}},
		},
		{
			// ETF, ongoing 0.2 %, m 5 %: 1 + g = 1.05 / 0.998 = 1.0521042084…
			// T = 1: N = 9,980, total 20, 0.2 %. T = 5: N = 10,000 × 1.05^5 = 12,762.815625,
			// G = N / 0.998^5 = 12,891.2131381…, impact = 1.0521042084 − 1.05.
			name: "etf",
			p:    scen(Product{RHPYears: 5, OngoingPct: 0.2}, 5),
			want: []col{{1, 10000, 9980, 20, 0.2}, {5, 12891.2131381219, 12762.815625, 128.3975131219, 0.210420841683}},
		},
		{
			// Mixed fund, entry 5 %, exit 1 %, ongoing 1.5 %, m 4 %, RHP 10: half column at 5.
			// 1 + g = 1.04 / (0.985 × (0.95 × 0.99)^(1/10)) = 1.0623343608…
			// T = 1: N = 10,000 × 0.95 × 0.985 × 0.99 = 9,263.925.
			// T = 10: N = 10,000 × 1.04^10 = 14,802.4428491834 (the moderate scenario's value).
			name: "mixed fund",
			p:    scen(Product{RHPYears: 10, EntryPct: 5, ExitPct: 1, OngoingPct: 1.5}, 4),
			want: []col{
				{1, 10000, 9263.925, 736.075, 7.36075},
				{5, 13530.2600592268, 11799.0243239249, 1731.2357353019, 2.8694570527},
				{10, 18306.7937270307, 14802.4428491834, 3504.3508778473, 2.233436084424},
			},
		},
		{
			// A sliding exit cost that applies only before the holding period (the
			// PIMCO share classes of shared/fixtures/ept: 2 % after 1 year, 0 at the
			// RHP of 3): ongoing 2.59 %, transaction 0.08 %, m 5.206574 %.
			// T = 1: N = 10,000 × (1 − 0.0267) × (1 − 0.02) = 9,538.34 — the exit cost in
			// the 1-year column only. T = 3: 1 + g = 1.05206574 / 0.9733.
			name: "sliding exit cost",
			p:    scen(Product{RHPYears: 3, OngoingPct: 2.59, TransactionPct: 0.08, Exit1YPct: pct(2)}, 5.206574),
			want: []col{{1, 10000, 9538.34, 461.66, 4.6166}, {3, 12629.5670996801, 11644.708858026, 984.8582416541, 2.886073693414}},
		},
		{
			// A negative moderate scenario (−2 %) is used as it is: entry 3 %,
			// ongoing 1.5 %, RHP 5: 1 + g = 0.98 / (0.985 × 0.97^(1/5)) = 1.0010032749…,
			// impact g − m = 2.1003 %; N = 10,000 × 0.98^5 = 9,039.207968.
			name: "negative moderate scenario",
			p:    scen(Product{RHPYears: 5, EntryPct: 3, OngoingPct: 1.5}, -2),
			want: []col{{1, 10000, 9554.5, 445.5, 4.455}, {5, 10050.2645037656, 9039.207968, 1011.0565357656, 2.10032749334}},
		},
		{
			// RHP 15: the half column after ceil(7.5) = 8 years. Entry 4 %,
			// ongoing 1.6 %, m 3.6 %: 1 + g = 1.036 / (0.984 × 0.96^(1/15)).
			name: "half column rounded up",
			p:    scen(Product{RHPYears: 15, EntryPct: 4, OngoingPct: 1.6}, 3.6),
			want: []col{
				{1, 10000, 9446.4, 553.6, 5.536},
				{8, 15430.2370554905, 13019.8091646871, 2410.4278908034, 2.217878871599},
				{15, 22552.7040891693, 16997.9415350883, 5554.7625540811, 1.971471450722},
			},
		},
		{
			// A holding period of 1 year: one column, at the moderate scenario
			// (the holding period's assumption; it is the only column). A deposit
			// without costs: G = N = 10,000 × 1.0175.
			name: "deposit, 1 year",
			p:    scen(Product{RHPYears: 1, Type: "deposit"}, 1.75),
			want: []col{{1, 10175, 10175, 0, 0}},
		},
		{
			// Six months, ongoing 0.5 %, m 1 %: 1 + g = 1.01 / 0.995, T = 0.5.
			// N = 10,000 × 1.01^0.5 = 10,049.8756211; G = N / 0.995^0.5 = 10,075.0884…
			name: "six months",
			p:    scen(Product{RHPYears: 0.5, OngoingPct: 0.5}, 1),
			want: []col{{0.5, 10000 * math.Pow(1.01/0.995, 0.5), 10000 * math.Sqrt(1.01), 10000 * (math.Pow(1.01/0.995, 0.5) - math.Sqrt(1.01)),
				(math.Pow(1.01/0.995, 1) - 1.01) * 100}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := Compute(tc.p)
			if f == nil {
				t.Fatal("no figures")
			}
			if len(f.Columns) != len(tc.want) {
				t.Fatalf("%d columns, want %d: %+v", len(f.Columns), len(tc.want), f.Columns)
			}
			for i, w := range tc.want {
				g := f.Columns[i]
				if g.Years != w.years || !near(g.Gross, w.gross, 1e-6) || !near(g.Net, w.net, 1e-6) ||
					!near(g.TotalCosts, w.total, 1e-6) || !near(g.AnnualImpactPct, w.impact, 1e-8) {
					t.Errorf("column %d = {%v %.10f %.10f %.10f %.12f}, want %v", i, g.Years, g.Gross, g.Net, g.TotalCosts, g.AnnualImpactPct, w)
				}
			}
			// The value after costs at the holding period is the moderate
			// scenario's value shown on the same page.
			last := f.Columns[len(f.Columns)-1]
			for _, s := range f.Scenarios {
				if s.Key == "moderate" && s.AtRHP.Value != last.Net {
					t.Errorf("moderate scenario %v, net value at the holding period %v", s.AtRHP.Value, last.Net)
				}
			}
		})
	}
}

func TestWorkedExampleAsShown(t *testing.T) {
	f := Compute(scen(Product{RHPYears: 5, EntryPct: 3, OngoingPct: 1.2, TransactionPct: 0.1}, 3))
	loc := locale.For("de")
	c := f.Columns[0]
	if got := loc.Money(c.TotalCosts, "EUR"); got != "426,10\u00a0€" {
		t.Errorf("total costs after 1 year %q, want 426,10 €", got)
	}
	if got := loc.Percent(c.AnnualImpactPct, 2); got != "4,26\u00a0%" {
		t.Errorf("annual cost impact after 1 year %q, want 4,26 %%", got)
	}
	// The composition of that column: 300 + 9,700 × 1.2 % + 9,700 × 0.1 % = 426.10.
	want := map[string]float64{"entry": 300, "exit": 0, "ongoing": 116.4, "transaction": 9.7, "performance_fee": 0}
	sum := 0.0
	for _, l := range f.Composition.Lines {
		if !near(l.Amount, want[l.Key], 1e-9) {
			t.Errorf("%s: %v, want %v", l.Key, l.Amount, want[l.Key])
		}
		sum += l.Amount
	}
	if !near(sum, 426.1, 1e-9) || f.Composition.TotalCosts != 426.1 {
		t.Errorf("lines add up to %v, total %v; want 426.10 both", sum, f.Composition.TotalCosts)
	}
}

func TestHoldingPeriods(t *testing.T) {
	for _, tc := range []struct {
		rhp  float64
		want []float64
	}{
		{1.0 / 12, []float64{1.0 / 12}}, {0.5, []float64{0.5}}, {1, []float64{1}}, {1.5, []float64{1, 1.5}},
		{3, []float64{1, 3}}, {7.5, []float64{1, 7.5}}, {9.99, []float64{1, 9.99}},
		{10, []float64{1, 5, 10}}, {12.5, []float64{1, 7, 12.5}}, {15, []float64{1, 8, 15}}, {100, []float64{1, 50, 100}},
	} {
		got := HoldingPeriods(tc.rhp)
		if len(got) != len(tc.want) {
			t.Errorf("HoldingPeriods(%v) = %v, want %v", tc.rhp, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("HoldingPeriods(%v) = %v, want %v", tc.rhp, got, tc.want)
			}
		}
	}
}

func TestInvalidProductHasNoFigures(t *testing.T) {
	for name, p := range map[string]Product{
		"no holding period":       scen(Product{}, 2),
		"holding period too long": scen(Product{RHPYears: 101}, 2),
		"under a month":           scen(Product{RHPYears: 0.05}, 2),
		"no moderate scenario":    {RHPYears: 5},
		"entry of 100 %":          scen(Product{RHPYears: 5, EntryPct: 100}, 2),
		"moderate of −100 %":      scen(Product{RHPYears: 5}, -100),
	} {
		if f := Compute(p); f != nil {
			t.Errorf("%s: figures %+v, want none", name, f)
		}
	}
}

func TestSplitCents(t *testing.T) {
	for _, tc := range []struct {
		parts []float64
		total float64
		want  []float64
	}{
		// Rounded on their own these are 0.21 + 0.21 = 0.42 under a total of 0.41.
		{[]float64{0.205, 0.205}, 0.41, []float64{0.21, 0.20}},
		{[]float64{10.004, 10.004, 10.004}, 30.01, []float64{10.01, 10, 10}},
		{[]float64{300, 0, 116.4, 9.7, 0}, 426.1, []float64{300, 0, 116.4, 9.7, 0}},
		{[]float64{0.333, 0.333, 0.334}, 1, []float64{0.33, 0.33, 0.34}},
		{[]float64{0, 0}, 0, []float64{0, 0}},
	} {
		got := SplitCents(tc.parts, tc.total)
		sum := 0.0
		for i := range got {
			sum += got[i]
			if !near(got[i], tc.want[i], 1e-9) {
				t.Errorf("SplitCents(%v, %v) = %v, want %v", tc.parts, tc.total, got, tc.want)
				break
			}
		}
		if !near(sum, tc.total, 1e-9) {
			t.Errorf("SplitCents(%v, %v) adds up to %v", tc.parts, tc.total, sum)
		}
	}
}

// The composition's lines add up to the first column's total, shown to
// the cent, for every combination of rates; the rate of each line is as
// typed (a 0.20 % fee reads 0.20 %, not its share of an impact).
func TestCompositionAddsUp(t *testing.T) {
	for _, entry := range []float64{0, 1, 3, 5} {
		for _, ongoing := range []float64{0, 0.07, 0.2, 1.55, 1.8} {
			for _, tx := range []float64{0, 0.01, 0.15} {
				for _, perf := range []float64{0, 0.15} {
					for _, rhp := range []float64{0.5, 1, 3, 7.5, 15} {
						p := scen(Product{RHPYears: rhp, EntryPct: entry, OngoingPct: ongoing, TransactionPct: tx,
							PerformanceFeePct: perf, ExitPct: 0.5, Exit1YPct: pct(2)}, 3.3)
						f := Compute(p)
						c := f.Composition
						cents := 0.0
						for _, l := range c.Lines {
							cents += math.Round(l.Amount * 100)
						}
						if cents != math.Round(locale.Round(f.Columns[0].TotalCosts, 2)*100) || c.Years != f.Columns[0].Years {
							t.Fatalf("%+v: lines add up to %v cents, column %v after %v years", p, cents, f.Columns[0].TotalCosts, c.Years)
						}
						if c.Lines[2].Pct != ongoing || c.Lines[1].Pct != f.Columns[0].ExitPct {
							t.Fatalf("%+v: rates %+v", p, c.Lines)
						}
					}
				}
			}
		}
	}
}

func TestPath(t *testing.T) {
	p := scen(Product{RHPYears: 7.5, EntryPct: 2, OngoingPct: 1, Exit1YPct: pct(2)}, 4)
	f := Compute(p)
	var years []float64
	for _, pt := range f.Path {
		years = append(years, pt.Years)
	}
	if want := []float64{1, 2, 3, 4, 5, 6, 7, 7.5}; len(years) != len(want) || years[0] != 1 || years[7] != 7.5 {
		t.Fatalf("path years %v, want %v", years, want)
	}
	// At the table's periods the chart holds the table's figures.
	for _, c := range f.Columns {
		pt := f.Path[slicesIndex(years, c.Years)]
		if pt.Net != c.Net || pt.Gross != c.Gross || pt.CumulativeCosts != c.TotalCosts {
			t.Errorf("path at %v = %+v, column %+v", c.Years, pt, c)
		}
	}
	// Between them: the moderate growth and the 1-year exit cost (before
	// the holding period). After 2 years: 1 + g = 1.04 / (0.99 × 0.98^(1/7.5)).
	g := 1.04/(0.99*math.Pow(0.98, 1/7.5)) - 1
	wantNet := 10000 * 0.98 * math.Pow((1+g)*0.99, 2) * 0.98
	if !near(f.Path[1].Net, wantNet, 1e-6) {
		t.Errorf("path after 2 years %v, want %v", f.Path[1].Net, wantNet)
	}
	if last := f.Path[len(f.Path)-1]; last.Net != 10000*math.Pow(1.04, 7.5) {
		t.Errorf("last point %v, want the moderate scenario's value", last.Net)
	}
}

func slicesIndex(xs []float64, v float64) int {
	for i, x := range xs {
		if x == v {
			return i
		}
	}
	return -1
}

func TestScenarios(t *testing.T) {
	p := scen(Product{RHPYears: 5, MinimumReturnPct: pct(0)}, 6.5)
	p.Scenario1YPct = [4]*float64{pct(-40), pct(-15), pct(4), pct(25)}
	f := Compute(p)
	if len(f.Scenarios) != 4 {
		t.Fatalf("%d scenarios", len(f.Scenarios))
	}
	m := f.Scenarios[2]
	if m.Key != "moderate" || !near(m.AtRHP.Value, 10000*math.Pow(1.065, 5), 1e-9) || m.OneYear == nil || !near(m.OneYear.Value, 10400, 1e-9) {
		t.Errorf("moderate %+v %+v", m, m.OneYear)
	}
	if f.Minimum == nil || f.Minimum.Value != 10000 {
		t.Errorf("minimum %+v, want 10,000 (capital protection)", f.Minimum)
	}
	p.Scenario1YPct = [4]*float64{}
	p.MinimumReturnPct = nil
	if f := Compute(p); f.Scenarios[0].OneYear != nil || f.Minimum != nil {
		t.Error("a 1-year scenario or a minimum that is not given is shown")
	}
}

// The KID's own figures are what the page shows; the net value stays the
// moderate scenario's and the composition adds up to the KID's total.
func TestKIDFiguresShown(t *testing.T) {
	p := scen(Product{RHPYears: 5, EntryPct: 3, OngoingPct: 1.2, TransactionPct: 0.1}, 3)
	p.KIDTotalCosts1Y, p.KIDCostImpact1YPct, p.KIDTotalCostsRHP = pct(430), pct(4.3), pct(1170)
	f := Compute(p)
	c0, c1 := f.Columns[0], f.Columns[1]
	if c0.TotalCosts != 430 || c0.AnnualImpactPct != 4.3 || !c0.FromKID.TotalCosts || c1.TotalCosts != 1170 || c1.FromKID.AnnualImpact {
		t.Errorf("columns %+v %+v", c0, c1)
	}
	if c1.Net != 10000*math.Pow(1.03, 5) || c1.Gross != c1.Net+1170 || !near(c0.ModelTotalCosts, 426.1, 1e-9) {
		t.Errorf("holding period column %+v", c1)
	}
	sum := 0.0
	for _, l := range f.Composition.Lines {
		sum += l.Amount
	}
	if !near(sum, 430, 1e-9) {
		t.Errorf("composition adds up to %v, want the KID's 430", sum)
	}
}

// Published KIDs: the figures as the KIDs print them, transcribed from the
// KID PDFs by the public project github.com/toseg1/priips-kid (its
// tests/test_kid_parser.py asserts them against the PDFs in its fixtures;
// the PDFs are the manufacturers' KIDs as distributed). The model's
// figures must match each KID within kidTolerance (2 %, or the KID's
// rounding), or the difference is explained here and the cross-check
// warns, as it should for a bank's data.
func TestPublishedKIDs(t *testing.T) {
	type fig struct{ total1y, impact1y, totalRHP, impactRHP float64 }
	for _, tc := range []struct {
		source string
		p      Product
		kid    fig // -1: not transcribed
		warns  []string
		lines  map[string]float64 // composition after 1 year, as the KID prints it
	}{
		{
			// BlackRock Asset Management Ireland Limited, iShares Core MSCI World UCITS ETF
			// USD (Acc), IE00B4L5Y983, KID of 2026-09-03 (fixture
			// PRP_DE_en_IE00B4L5Y983_YES_2026-09-03.pdf). RHP 5, no entry or exit costs,
			// 0.20 % ongoing, 0.00 % transaction; moderate 12.2 % a year (17,800 USD).
			// Model: 20.00 and 0.20 % after 1 year; 178.89 and 0.22 % at 5 years.
			source: "iShares Core MSCI World, IE00B4L5Y983, 2026-09-03",
			p:      scen(Product{Currency: "USD", RHPYears: 5, OngoingPct: 0.2}, 12.2),
			kid:    fig{20, 0.2, 180, 0.2},
			lines:  map[string]float64{"ongoing": 20, "transaction": 0},
		},
		{
			// BlackRock, iShares MSCI EMU Paris-Aligned Climate UCITS ETF EUR (Acc),
			// IE00BL6K8D99, KID of 2026-04-09. RHP 5, 0.15 % ongoing, 0.03 % transaction;
			// moderate 6.9 % (13,940 EUR). Model: 18.00 after 1 year (= the KID), 126.32 at
			// 5 years against the KID's 123 (2.6 % off): the KID prints its rates rounded to
			// two decimals, and 123 implies 0.1755 % a year rather than 0.18 %. The
			// cross-check warns, which is right for a bank copying the rounded rates.
			source: "iShares MSCI EMU Paris-Aligned Climate, IE00BL6K8D99, 2026-04-09",
			p:      scen(Product{RHPYears: 5, OngoingPct: 0.15, TransactionPct: 0.03}, 6.9),
			kid:    fig{18, -1, 123, -1},
			warns:  []string{"kid_total_costs_rhp"},
		},
		{
			// Crédit Mutuel Asset Management, CM-AM HUMAN CARE part RC, FR0013041654, KID of
			// 2026-03-02 (fixture fr/KID_fr_FR0013041654_2026-03-02.pdf). RHP 5, entry 2 %,
			// no exit cost, 1.90 % management, 0.31 % transaction; moderate 10,070 EUR at
			// 5 years. After 1 year the model gives 416.58 (entry 200, management 186.20 —
			// the KID's 200 and 186 — and transaction 30.38, where the KID prints 25 EUR:
			// its transaction amount is not its rate of 0.31 %), within 2 % of the KID's
			// 411. At 5 years the model gives 1,420.29 and 2.68 % against the KID's 1,336
			// and 2.6 %: this manufacturer's total is close to the costs as they are
			// charged (about 1,326), without the growth they forgo, which the model's
			// G − N includes and the iShares KID above shows. The cross-check warns.
			source: "CM-AM Human Care RC, FR0013041654, 2026-03-02",
			p:      scen(Product{RHPYears: 5, EntryPct: 2, OngoingPct: 1.9, TransactionPct: 0.31}, (math.Pow(1.007, 0.2)-1)*100),
			kid:    fig{411, 4.2, 1336, 2.6},
			warns:  []string{"kid_total_costs_rhp", "kid_cost_impact_rhp_pct"},
			lines:  map[string]float64{"entry": 200, "ongoing": 186.2},
		},
		{
			// Robeco Institutional Asset Management B.V., Robeco Smart Energy D EUR,
			// LU2145461757, KID of 2026-07-16. RHP 5, entry 5 %, 1.72 % management, 0.20 %
			// transaction; the moderate scenario is not transcribed, and the 1-year column
			// does not depend on it (0 % return). Model: 500 + 9,500 × 1.92 % = 682.40 and
			// 6.82 %; the KID: 692 and 6.9 %, 1.4 % off — Robeco applies the recurring
			// rates to the 10,000 before the entry cost (500 + 192). No warning.
			source: "Robeco Smart Energy D EUR, LU2145461757, 2026-07-16",
			p:      scen(Product{RHPYears: 5, EntryPct: 5, OngoingPct: 1.72, TransactionPct: 0.2}, 5),
			kid:    fig{692, 6.9, -1, -1},
			lines:  map[string]float64{"entry": 500},
		},
		{
			// Amundi Asset Management, Amundi PEA Emergent (MSCI Emerging) ESG Transition
			// UCITS ETF S - Acc, FR001400ZGO4, KID of 2026-07-13. 0.30 % ongoing, nothing
			// else; 1-year column only (the RHP and moderate scenario are not transcribed;
			// RHP 5 assumed for the column layout). Model: 30.00 and 0.30 %, the KID 30 and
			// 0.3 %, management fees 30 EUR.
			source: "Amundi PEA Emergent ESG Transition, FR001400ZGO4, 2026-07-13",
			p:      scen(Product{RHPYears: 5, OngoingPct: 0.3}, 5),
			kid:    fig{30, 0.3, -1, -1},
			lines:  map[string]float64{"ongoing": 30},
		},
	} {
		t.Run(tc.source, func(t *testing.T) {
			p := tc.p
			p.Sources = []Position{{File: "content/data/products.csv", Line: 2}}
			set := func(v float64) *float64 {
				if v < 0 {
					return nil
				}
				return pct(v)
			}
			p.KIDTotalCosts1Y, p.KIDCostImpact1YPct = set(tc.kid.total1y), set(tc.kid.impact1y)
			p.KIDTotalCostsRHP, p.KIDCostImpactRHPPct = set(tc.kid.totalRHP), set(tc.kid.impactRHP)
			var warned []string
			for _, d := range CrossCheckKID(p) {
				warned = append(warned, d.Key)
			}
			if len(warned) != len(tc.warns) {
				t.Fatalf("cross-check warns about %v, want %v", warned, tc.warns)
			}
			for i := range warned {
				if warned[i] != tc.warns[i] {
					t.Errorf("cross-check warns about %v, want %v", warned, tc.warns)
				}
			}
			p.KIDTotalCosts1Y, p.KIDCostImpact1YPct, p.KIDTotalCostsRHP, p.KIDCostImpactRHPPct = nil, nil, nil, nil
			f := Compute(p)
			for _, l := range f.Composition.Lines {
				if want, ok := tc.lines[l.Key]; ok && math.Abs(l.Amount-want) > 0.5 {
					t.Errorf("composition %s: %.2f, the KID prints %v", l.Key, l.Amount, want)
				}
			}
		})
	}
}

// The scenario values a KID prints (rounded to tens) are P·(1 + r)^T of the
// returns it prints: iShares Core MSCI World (IE00B4L5Y983, 2026-09-03),
// RHP 5.
func TestPublishedScenarioValues(t *testing.T) {
	p := Product{RHPYears: 5, ScenarioStressPct: pct(-17.4), ScenarioUnfavourablePct: pct(3.7),
		ScenarioModeratePct: pct(12.2), ScenarioFavourablePct: pct(16.2)}
	p.Scenario1YPct = [4]*float64{pct(-25.1), pct(-19.5), pct(15.5), pct(54.2)}
	kid := [4][2]float64{{7490, 3850}, {8050, 11960}, {11550, 17800}, {15420, 21200}}
	f := Compute(p)
	for i, s := range f.Scenarios {
		// The KID's returns are rounded to 0.1 %: after 5 years that moves the
		// value by up to 0.25 % of it, plus the rounding to tens.
		if math.Abs(s.OneYear.Value-kid[i][0]) > 5+0.0005*kid[i][0] || math.Abs(s.AtRHP.Value-kid[i][1]) > 5+0.0025*kid[i][1] {
			t.Errorf("%s: %.0f after 1 year, %.0f at 5 years; the KID prints %v", s.Key, s.OneYear.Value, s.AtRHP.Value, kid[i])
		}
	}
}

// BenchmarkCompute is one product page's figures (the hot path: once per
// product page).
func BenchmarkCompute(b *testing.B) {
	p := scen(Product{RHPYears: 10, EntryPct: 5, ExitPct: 1, OngoingPct: 1.5, TransactionPct: 0.2}, 4)
	p.Scenario1YPct = [4]*float64{pct(-40), pct(-15), pct(4), pct(25)}
	b.ReportAllocs()
	for b.Loop() {
		Compute(p)
	}
}

// ComputeFor's figures are linear in the amount: every amount is
// amount / 10,000 times Compute's (to the last bits of a float64), the
// KID's own totals included, every percentage the same, and the
// composition still adds up to its total in cents. This is what lets the
// page's calculator scale the page's own numbers (themes/klartext/static/
// js/calc.js), tested against ComputeFor in the browser suite.
func TestComputeForIsLinear(t *testing.T) {
	kid := scen(Product{RHPYears: 12, EntryPct: 3, ExitPct: 0.5, OngoingPct: 1.2, TransactionPct: 0.1, PerformanceFeePct: 0.3}, 3)
	kid.KIDTotalCosts1Y, kid.KIDCostImpactRHPPct, kid.KIDTotalCostsHalf = pct(430), pct(1.9), pct(1500)
	kid.Exit1YPct, kid.MinimumReturnPct = pct(2), pct(-1)
	kid.Scenario1YPct = [4]*float64{pct(-40), pct(-10), pct(2), pct(20)}
	products := []Product{
		scen(Product{RHPYears: 5, EntryPct: 3, OngoingPct: 1.2, TransactionPct: 0.1}, 3),
		scen(Product{RHPYears: 0.5, OngoingPct: 0.2}, 1),
		scen(Product{RHPYears: 7.5, EntryPct: 5, ExitPct: 1, OngoingPct: 1.5}, -2),
		kid,
	}
	same := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }
	for i, p := range products {
		base := Compute(p)
		for _, amount := range []float64{1, 5000, 12345.67, 250000, 1e9} {
			f, s := ComputeFor(p, amount), amount/ExampleInvestment
			for j, c := range f.Columns {
				b := base.Columns[j]
				if !same(c.TotalCosts, b.TotalCosts*s) || !same(c.Gross, b.Gross*s) || !same(c.Net, b.Net*s) ||
					!same(c.AnnualImpactPct, b.AnnualImpactPct) || c.FromKID != b.FromKID {
					t.Errorf("product %d, %v: column %d %+v, want %+v × %v", i, amount, j, c, b, s)
				}
			}
			for j, pt := range f.Path {
				if b := base.Path[j]; !same(pt.CumulativeCosts, b.CumulativeCosts*s) || !same(pt.Net, b.Net*s) {
					t.Errorf("product %d, %v: path point %d %+v, want %+v × %v", i, amount, j, pt, b, s)
				}
			}
			for j, sc := range f.Scenarios {
				b := base.Scenarios[j]
				if !same(sc.AtRHP.Value, b.AtRHP.Value*s) || (sc.OneYear != nil && !same(sc.OneYear.Value, b.OneYear.Value*s)) {
					t.Errorf("product %d, %v: scenario %s %+v, want %+v × %v", i, amount, sc.Key, sc, b, s)
				}
			}
			if (f.Minimum == nil) != (base.Minimum == nil) || (f.Minimum != nil && !same(f.Minimum.Value, base.Minimum.Value*s)) {
				t.Errorf("product %d, %v: minimum %+v, want %+v × %v", i, amount, f.Minimum, base.Minimum, s)
			}
			sum := 0.0
			for j, l := range f.Composition.Lines {
				sum += l.Amount
				if !same(l.Share, base.Composition.Lines[j].Share*s) {
					t.Errorf("product %d, %v: composition line %s %+v, want a share of %v × %v", i, amount, l.Key, l, base.Composition.Lines[j].Share, s)
				}
			}
			if math.Round(sum*100) != math.Round(f.Composition.TotalCosts*100) {
				t.Errorf("product %d, %v: composition adds up to %v, total %v", i, amount, sum, f.Composition.TotalCosts)
			}
		}
	}
	if ComputeFor(products[0], 0) != nil || ComputeFor(products[0], -5) != nil || ComputeFor(products[0], math.NaN()) != nil {
		t.Error("figures for an amount that is not positive")
	}
}

func TestTotalCostsAtRHP(t *testing.T) {
	p := scen(Product{RHPYears: 12, EntryPct: 3, OngoingPct: 1.2, TransactionPct: 0.1}, 3)
	f := Compute(p)
	if got, want := p.TotalCostsAtRHP(), f.Columns[2].TotalCosts; got != want {
		t.Errorf("TotalCostsAtRHP = %v, want the page's last column's %v", got, want)
	}
	p.KIDTotalCostsRHP = pct(2000)
	if got := p.TotalCostsAtRHP(); got != 2000 {
		t.Errorf("with the KID's total: %v, want 2000", got)
	}
	if v := (Product{RHPYears: 5}).TotalCostsAtRHP(); !math.IsNaN(v) {
		t.Errorf("invalid facts: %v, want NaN", v)
	}
}
