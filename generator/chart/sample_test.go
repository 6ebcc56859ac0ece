package chart

import (
	"fmt"
	"testing"

	"github.com/klartext/klartext/generator/i18n"
)

func sampleCostsOverTime() CostsOverTimeInput {
	return CostsOverTimeInput{Currency: "EUR", Years: []float64{1, 5, 10},
		CumulativeCosts:   []float64{426.1, 1012.5, 2200.75},
		ValueWithCosts:    []float64{9573.9, 12000, 15000.5},
		ValueWithoutCosts: []float64{10000, 13012.5, 17201.25}}
}

func sampleCosts() CostsInput {
	return CostsInput{Currency: "EUR", Years: 1, Lines: []CostLine{{"Einstiegskosten", 300}, {"Laufende Kosten", 116.4}, {"Transaktionskosten", 9.7}},
		Rates: []string{"3,00 %", "1,20 % pro Jahr", "0,10 % pro Jahr"}, Total: 426.1}
}

func sampleScenarios() ScenariosInput {
	return ScenariosInput{Currency: "EUR", RHPYears: 5, Scenarios: []Scenario{
		{"Stress", -25.3, 2340}, {"Pessimistisch", -3.1, 8540}, {"Mittel", 5.2, 12880}, {"Optimistisch", 11.4, 17150}}}
}

func sampleComparison(n int) ComparisonInput {
	in := ComparisonInput{Current: "p-3"}
	for i := range n {
		in.Points = append(in.Points, ComparisonPoint{ID: fmt.Sprintf("p-%d", i), Name: fmt.Sprintf("Produkt %d", i),
			URL: fmt.Sprintf("/products/p-%d/", i), SRI: 1 + i%7, AnnualCostImpactPct: float64(i%300) / 100})
	}
	return in
}

func sampleFigures(t testing.TB, loc Lang) []Figure {
	t.Helper()
	var out []Figure
	add := func(f Figure, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	add(Risk(ID("products/etf-welt", KindRisk, 1), loc, RiskInput{SRI: 4, RHPYears: 5, ProductName: "ETF Welt"}))
	add(Costs(ID("products/etf-welt", KindCosts, 1), loc, sampleCosts()))
	add(CostsOverTime(ID("products/etf-welt", KindCostsOverTime, 1), loc, sampleCostsOverTime()))
	add(Scenarios(ID("products/etf-welt", KindScenarios, 1), loc, sampleScenarios()))
	add(Comparison(ID("products", KindComparison, 1), loc, sampleComparison(50)))
	add(FeedbackBalance(ID("feedback", KindFeedbackBalance, 1), loc, FeedbackBalanceInput{
		Months: []string{"2026-01", "2026-02", "2026-03"}, Praise: []int{10, 12, 1500}, Criticism: []int{3, 4, 2}, Questions: []int{5, 1, 0}}))
	add(FeedbackFactors(ID("feedback", KindFeedbackFactors, 1), loc, FeedbackFactorsInput{
		Labels: []string{"Kosten", "Transparenz", "Konditionen"}, Averages: []float64{3.25, 4.5, 0}, Counts: []int{12, 30, 0}}))
	add(FeedbackSections(ID("feedback", KindFeedbackSections, 1), loc, FeedbackSectionsInput{
		Sections: []string{"Produkte", "Beratung"}, Praise: []int{10, 5}, Criticism: []int{2, 1}, Questions: []int{4, 0}}))
	return out
}

// langFor is the chart language of the built-in theme's lang.
func langFor(lang string) Lang { return NewLang(i18n.MustBuiltin(lang)) }
