package product

import (
	"math"
	"testing"

	"github.com/klartext/klartext/generator/locale"
)

func pct(v float64) *float64 { return &v }

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9 }

func TestCostsOverTime(t *testing.T) {
	type col struct{ years, gross, net, total, impact float64 }
	for _, tc := range []struct {
		name string
		p    Product
		want []col
	}{
		{
			// The content model's worked example. T = 1, so g = 0:
			// G = 10,000
			// N = 10,000 × (1 − 0.03) × (1 − 0.013) × (1 − 0) = 10,000 × 0.97 × 0.987 = 9,573.90
			// total = 426.10; impact = (1 − 1) − (0.95739 − 1) = 0.04261 → 4.261 %
			name: "worked example",
			p:    Product{RHPYears: 1, EntryPct: 3, OngoingPct: 1.2, TransactionPct: 0.1},
			want: []col{{1, 10000, 9573.9, 426.1, 4.261}},
		},
		{
			// A deposit without costs: c = e = x = 0, so N = G whatever g is.
			// RHP 1 → one column with g = 0: G = N = 10,000, costs 0, impact 0.
			name: "deposit without costs",
			p:    Product{RHPYears: 1, ScenarioModeratePct: pct(2)},
			want: []col{{1, 10000, 10000, 0, 0}},
		},
		{
			// ETF: ongoing 0.2 % → c = 0.002; moderate 5 % → m = 0.05; RHP 5.
			// T = 1 (g = 0): G = 10,000, N = 10,000 × 0.998 = 9,980, total 20, impact 0.2 %.
			// T = 5: g = 1.05/0.998 − 1 = 0.0521042084168…; (1 + g)(1 − c) = 1.05
			//   G = 10,000 × 1.05^5 / 0.998^5 = 12,762.815625 / 0.990039920079968 = 12,891.2131381…
			//   N = 10,000 × 1.05^5 = 12,762.815625
			//   total = 128.3975131…
			//   impact = (1 + g) − 1.05 = 1.0521042084168 − 1.05 = 0.0021042084 → 0.21042084 %
			name: "etf",
			p:    Product{RHPYears: 5, OngoingPct: 0.2, ScenarioModeratePct: pct(5)},
			want: []col{
				{1, 10000, 9980, 20, 0.2},
				{5, 12891.213138121864, 12762.815625, 128.39751312186127, 0.2104208416833675},
			},
		},
		{
			// Mixed fund: entry 5 %, exit 1 %, ongoing 1.5 %, moderate 4 %, RHP 10.
			// e = 0.05, x = 0.01, c = 0.015, m = 0.04; (1 + g)(1 − c) = 1.04, 1 + g = 1.04/0.985.
			// T = 1 (g = 0): N = 10,000 × 0.95 × 0.985 × 0.99 = 9,263.925; total 736.075; impact 7.36075 %.
			// T = 5 (half of 10):
			//   G = 10,000 × 1.04^5 / 0.985^5 = 12,166.529024 / 0.927216502365625 = 13,121.5622165…
			//   N = 10,000 × 0.95 × 0.99 × 1.04^5 = 9,405 × 1.2166529024 = 11,442.620547072
			//   total = 1,678.9416695…
			//   impact = 1.04/0.985 − 1.04 × 0.9405^(1/5) = 1.0558375635 − 1.0273184770 = 2.8519086 %
			// T = 10:
			//   G = 10,000 × 1.04^10 / 0.985^10 = 14,802.442849 / 0.859730442259 = 17,217.5395003…
			//   N = 9,405 × 1.04^10 = 9,405 × 1.4802442849183 = 13,921.6974997
			//   total = 3,295.8420006…
			//   impact = 1.0558375635 − 1.04 × 0.9405^(1/10) = 1.0558375635 − 1.0336397903 = 2.2197773 %
			name: "mixed fund",
			p:    Product{RHPYears: 10, EntryPct: 5, ExitPct: 1, OngoingPct: 1.5, ScenarioModeratePct: pct(4)},
			want: []col{
				{1, 10000, 9263.925, 736.075, 7.360750},
				{5, 13121.562216547385, 11442.620547072002, 1678.9416694753836, 2.851908640651013},
				{10, 17217.53950027239, 13921.697499657028, 3295.842000615361, 2.2197773134532195},
			},
		},
		{
			// No moderate scenario → m = 0: (1 + g)(1 − c) = 1, so N = P(1 − e)(1 − x)
			// and G = P / (1 − c)^T. RHP 3, ongoing 1 %: G = 10,000 / 0.99^3 = 10,306.0513…
			name: "no moderate scenario",
			p:    Product{RHPYears: 3, OngoingPct: 1},
			want: []col{
				{1, 10000, 9900, 100, 1},
				{3, 10000 / (0.99 * 0.99 * 0.99), 10000, 10000/(0.99*0.99*0.99) - 10000, (1/0.99 - 1) * 100},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := CostsOverTime(tc.p)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d columns %+v, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Years != w.years || !near(g.Gross, w.gross) || !near(g.Net, w.net) ||
					!near(g.TotalCosts, w.total) || !near(g.AnnualImpactPct, w.impact) {
					t.Errorf("column %d: got %+v, want %+v", i, g, w)
				}
				// What the page shows: two decimals.
				if locale.Round(g.TotalCosts, 2) != locale.Round(w.total, 2) ||
					locale.Round(g.AnnualImpactPct, 2) != locale.Round(w.impact, 2) {
					t.Errorf("column %d rounded: got %v / %v", i, locale.Round(g.TotalCosts, 2), locale.Round(g.AnnualImpactPct, 2))
				}
			}
		})
	}
}

func TestWorkedExampleRounded(t *testing.T) {
	cols := CostsOverTime(Product{RHPYears: 1, EntryPct: 3, OngoingPct: 1.2, TransactionPct: 0.1})
	if len(cols) != 1 {
		t.Fatalf("columns: %+v", cols)
	}
	if got := locale.Round(cols[0].TotalCosts, 2); got != 426.10 {
		t.Errorf("total costs %v, want 426.10", got)
	}
	if got := locale.Round(cols[0].AnnualImpactPct, 2); got != 4.26 {
		t.Errorf("annual cost impact %v, want 4.26", got)
	}
}

func TestHoldingPeriods(t *testing.T) {
	for _, tc := range []struct {
		rhp  float64
		want []float64
	}{
		{0.5, []float64{0.5}},
		{1, []float64{1}},
		{3, []float64{1, 3}},
		{9.5, []float64{1, 9.5}},
		{10, []float64{1, 5, 10}},
		{15, []float64{1, 7.5, 15}},
	} {
		cols := CostsOverTime(Product{RHPYears: tc.rhp, OngoingPct: 1})
		var got []float64
		for _, c := range cols {
			got = append(got, c.Years)
		}
		if len(got) != len(tc.want) {
			t.Errorf("rhp %v: columns %v, want %v", tc.rhp, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("rhp %v: columns %v, want %v", tc.rhp, got, tc.want)
			}
		}
	}
}

func TestInvalidProductHasNoFigures(t *testing.T) {
	for _, p := range []Product{
		{RHPYears: 0},
		{RHPYears: -1},
		{RHPYears: 1000},
		{RHPYears: 5, EntryPct: 100},
		{RHPYears: 5, OngoingPct: 60, TransactionPct: 40},
		{RHPYears: 5, ScenarioModeratePct: pct(-100)},
	} {
		if CostsOverTime(p) != nil || CostComposition(p) != nil || CostPath(p) != nil {
			t.Errorf("%+v: figures for an invalid product", p)
		}
	}
}

func TestCostComposition(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Product
		// want is entry, exit, ongoing, transaction, performance fee, or nil
		// to check only that the lines add up.
		want []float64
	}{
		{
			// Mixed fund of TestCostsOverTime at T = 10, total 2.2197773134532195 %.
			// Log terms: entry −ln(0.95)/10 = 0.0051293294, exit −ln(0.99)/10 = 0.0010050336,
			// recurring −ln(0.985) = 0.0151136378; sum 0.0212480008.
			// entry 2.21977731 × 0.0051293294/0.0212480008 = 0.5358607 %
			// exit  2.21977731 × 0.0010050336/0.0212480008 = 0.1049958 %
			// ongoing (all of the recurring) = 1.5789208 %
			name: "mixed fund",
			p:    Product{RHPYears: 10, EntryPct: 5, ExitPct: 1, OngoingPct: 1.5, ScenarioModeratePct: pct(4)},
			want: []float64{0.5358607245098914, 0.10499579557775807, 1.57892079336557, 0, 0},
		},
		{
			name: "no costs",
			p:    Product{RHPYears: 1, ScenarioModeratePct: pct(2)},
			want: []float64{0, 0, 0, 0, 0},
		},
		{
			// Recurring split 1.2 : 0.3 : 0.5 of the recurring share.
			name: "all five lines",
			p: Product{RHPYears: 7, EntryPct: 4, ExitPct: 0.5, OngoingPct: 1.2, TransactionPct: 0.3,
				PerformanceFeePct: 0.5, ScenarioModeratePct: pct(6)},
		},
		{name: "worked example", p: Product{RHPYears: 1, EntryPct: 3, OngoingPct: 1.2, TransactionPct: 0.1}},
		{name: "half year", p: Product{RHPYears: 0.5, EntryPct: 1, OngoingPct: 0.4, ScenarioModeratePct: pct(3)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			comp := CostComposition(tc.p)
			cols := CostsOverTime(tc.p)
			if comp == nil || len(comp.Lines) != 5 {
				t.Fatalf("composition: %+v", comp)
			}
			last := cols[len(cols)-1]
			if comp.Years != tc.p.RHPYears || !near(comp.TotalAnnualImpactPct, last.AnnualImpactPct) {
				t.Errorf("total %v at %v, want the last column %+v", comp.TotalAnnualImpactPct, comp.Years, last)
			}
			sum := 0.0
			for _, l := range comp.Lines {
				sum += l.AnnualImpactPct
			}
			if !near(sum, comp.TotalAnnualImpactPct) {
				t.Errorf("lines add up to %v, total %v", sum, comp.TotalAnnualImpactPct)
			}
			keys := []string{"entry", "exit", "ongoing", "transaction", "performance_fee"}
			pcts := []float64{tc.p.EntryPct, tc.p.ExitPct, tc.p.OngoingPct, tc.p.TransactionPct, tc.p.PerformanceFeePct}
			for i, l := range comp.Lines {
				if l.Key != keys[i] || l.Pct != pcts[i] {
					t.Errorf("line %d: %+v", i, l)
				}
				if tc.want != nil && !near(l.AnnualImpactPct, tc.want[i]) {
					t.Errorf("line %s: %v, want %v", l.Key, l.AnnualImpactPct, tc.want[i])
				}
			}
			if tc.p.TransactionPct > 0 {
				on, tr, pf := comp.Lines[2].AnnualImpactPct, comp.Lines[3].AnnualImpactPct, comp.Lines[4].AnnualImpactPct
				if !near(on*tc.p.TransactionPct, tr*tc.p.OngoingPct) || !near(pf*tc.p.TransactionPct, tr*tc.p.PerformanceFeePct) {
					t.Errorf("recurring lines not in proportion: %v %v %v", on, tr, pf)
				}
			}
		})
	}
}

func TestCostPath(t *testing.T) {
	p := Product{RHPYears: 10, EntryPct: 5, ExitPct: 1, OngoingPct: 1.5, ScenarioModeratePct: pct(4)}
	path := CostPath(p)
	if len(path) != 10 {
		t.Fatalf("%d points, want 10", len(path))
	}
	cols := CostsOverTime(p)
	for i, pt := range path {
		if pt.Years != float64(i+1) || !near(pt.CumulativeCosts, pt.Gross-pt.Net) {
			t.Errorf("point %d: %+v", i, pt)
		}
		if i > 0 && pt.CumulativeCosts <= path[i-1].CumulativeCosts {
			t.Errorf("costs do not grow at %d: %+v", i, pt)
		}
	}
	// Same g as the RHP column, so the half and last points match the table.
	if !near(path[4].Net, cols[1].Net) || !near(path[9].Gross, cols[2].Gross) || !near(path[9].CumulativeCosts, cols[2].TotalCosts) {
		t.Errorf("path %+v / %+v does not meet the table %+v", path[4], path[9], cols)
	}
	// Year 1 on the path uses the RHP's g: G_1 = 10,000 × 1.04/0.985, N_1 = 10,000 × 0.95 × 1.04 × 0.99.
	if !near(path[0].Gross, 10000*1.04/0.985) || !near(path[0].Net, 9405*1.04) {
		t.Errorf("year 1: %+v", path[0])
	}

	frac := CostPath(Product{RHPYears: 2.5, OngoingPct: 1})
	if len(frac) != 3 || frac[0].Years != 1 || frac[1].Years != 2 || frac[2].Years != 2.5 {
		t.Errorf("fractional path: %+v", frac)
	}
}

func TestScenarios(t *testing.T) {
	p := Product{RHPYears: 5, ScenarioStressPct: pct(-50), ScenarioModeratePct: pct(5), ScenarioFavourablePct: pct(10)}
	got := Scenarios(p)
	// stress: 10,000 × 0.5^5 = 312.5; moderate: 10,000 × 1.05^5 = 12,762.815625;
	// favourable: 10,000 × 1.1^5 = 16,105.1
	want := []ScenarioOutcome{{"stress", -50, 312.5}, {"moderate", 5, 12762.815625}, {"favourable", 10, 16105.1}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i].Key != want[i].Key || got[i].AverageReturnPct != want[i].AverageReturnPct || !near(got[i].Value, want[i].Value) {
			t.Errorf("got %+v, want %+v", got[i], want[i])
		}
	}
	if Scenarios(Product{RHPYears: 5}) != nil {
		t.Error("scenarios without any given")
	}
}
