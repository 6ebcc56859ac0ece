package check

import (
	"regexp"
	"strings"
	"testing"
)

// germanWords are the words of a German site's locale that once reached
// the text report ("composition if you exit after 1 Jahr").
var germanWords = regexp.MustCompile(`\b(Jahr|Jahre|Jahren|Monat|Monate|Monaten|nach)\b`)

// TestProductsTextIsEnglish: the text report of a German site is English
// throughout — periods included, however long — and quotes the figures as
// the page prints them, the model's figure beside the KID's in the same
// format.
func TestProductsTextIsEnglish(t *testing.T) {
	model := 1680.5
	pf := &PublishedFigures{Currency: "EUR", Investment: 10000, After: "1 Jahr", AfterYears: 1,
		Columns: []PublishedColumn{
			{Years: 0.5, TotalCosts: PublishedValue{Text: "312,35\u00a0€"}, AnnualImpact: PublishedValue{Text: "6,20\u00a0%"}},
			{Years: 1, TotalCosts: PublishedValue{Text: "612,35\u00a0€"}, AnnualImpact: PublishedValue{Text: "3,10\u00a0%"}},
			{Years: 7.5, TotalCosts: PublishedValue{Text: "1.680,97\u00a0€", FromKID: true, Model: &model, ModelText: "1.680,50\u00a0€"},
				AnnualImpact: PublishedValue{Text: "2,77\u00a0%"}},
		},
		Composition: []PublishedLine{{Key: "entry_costs", Rate: "1,00\u00a0%", Amount: PublishedValue{Text: "100,00\u00a0€"}}},
		Scenarios:   []PublishedScenario{{Key: "moderate", AtRHP: PublishedValue{Text: "11.934,35\u00a0€"}, Return: PublishedValue{Text: "2,5\u00a0%"}}},
	}
	var b strings.Builder
	if err := WriteProducts(&b, Text, []ProductReport{{ID: "p", Name: "Produkt", Sources: []string{"content/data/products.csv:2"}, Figures: pf}}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if w := germanWords.FindString(out); w != "" {
		t.Errorf("the report has the German %q:\n%s", w, out)
	}
	for _, want := range []string{
		"  published (figures as the page prints them), for 10000 EUR invested:\n",
		"    costs if you exit after 6 months    total 312,35\u00a0€,",
		"    costs if you exit after 1 year      total 612,35\u00a0€,",
		"    costs if you exit after 7.5 years   total 1.680,97\u00a0€ (the KID's; the model gives 1.680,50\u00a0€), annual cost impact 2,77\u00a0%\n",
		"    composition if you exit after 1 year: entry_costs 100,00\u00a0€ (1,00\u00a0%)\n",
		"    scenario moderate      at the holding period 11.934,35\u00a0€ (2,5\u00a0% a year)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
}
