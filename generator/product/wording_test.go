package product

import (
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/i18n"
)

func TestRiskSummary(t *testing.T) {
	for _, tc := range []struct {
		sri        int
		lang, want string
	}{
		{4, "de", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 4 eingestuft; das ist eine mittlere Risikoklasse."},
		{1, "de-DE", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 1 eingestuft; das ist die niedrigste Risikoklasse."},
		{2, "de", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 2 eingestuft; das ist eine niedrige Risikoklasse."},
		{3, "de", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 3 eingestuft; das ist eine mittelniedrige Risikoklasse."},
		{5, "de", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 5 eingestuft; das ist eine mittelhohe Risikoklasse."},
		{6, "de", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 6 eingestuft; das ist die zweithöchste Risikoklasse."},
		{7, "de", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 7 eingestuft; das ist die höchste Risikoklasse."},
		{4, "en", "We have classified this product as 4 out of 7, which is a medium risk class."},
		{1, "en-GB", "We have classified this product as 1 out of 7, which is the lowest risk class."},
		{2, "en", "We have classified this product as 2 out of 7, which is a low risk class."},
		{3, "en", "We have classified this product as 3 out of 7, which is a medium-low risk class."},
		{5, "en", "We have classified this product as 5 out of 7, which is a medium-high risk class."},
		{6, "en", "We have classified this product as 6 out of 7, which is the second-highest risk class."},
		{7, "en", "We have classified this product as 7 out of 7, which is the highest risk class."},
		{4, "fr", ""}, // no reviewed table: nothing rather than another language
		{0, "de", ""},
		{8, "en", ""},
	} {
		if got := RiskSummary(tc.sri, tc.lang); got != tc.want {
			t.Errorf("RiskSummary(%d, %q) = %q, want %q", tc.sri, tc.lang, got, tc.want)
		}
	}
}

func TestRiskLabel(t *testing.T) {
	for _, tc := range []struct {
		sri        int
		lang, want string
	}{
		{4, "de", "Risikoklasse 4 von 7"},
		{4, "en", "Risk class 4 of 7"},
		{7, "de-AT", "Risikoklasse 7 von 7"},
		{0, "de", ""},
	} {
		if got := RiskLabel(tc.sri, tc.lang); got != tc.want {
			t.Errorf("RiskLabel(%d, %q) = %q, want %q", tc.sri, tc.lang, got, tc.want)
		}
	}
}

func TestTypeLabel(t *testing.T) {
	for _, tc := range []struct{ typ, lang, want string }{
		{"deposit", "de", "Einlage"},
		{"deposit", "en", "Deposit"},
		{"bond-fund", "de", "Rentenfonds"},
		{"equity-fund", "de", "Aktienfonds"},
		{"equity-etf", "de", "Aktien-ETF"},
		{"mixed-fund", "de", "Mischfonds"},
		{"structured", "de", "Strukturiertes Produkt (Zertifikat)"},
		{"commodity-fund", "de", "Rohstofffonds"},
		{"commodity-fund", "en", "Commodity fund"},
		{"real-estate-fund", "de", "Immobilienfonds"},
		{"money-market-fund", "en", "Money market fund"},
		{"hedge-fund", "de", "hedge-fund"},
	} {
		if got := TypeLabel(tc.typ, i18n.MustBuiltin(tc.lang)); got != tc.want {
			t.Errorf("TypeLabel(%q, %q) = %q, want %q", tc.typ, tc.lang, got, tc.want)
		}
	}
	for _, typ := range KnownTypes() {
		if TypeLabel(typ, i18n.MustBuiltin("de")) == typ || TypeLabel(typ, i18n.MustBuiltin("en")) == typ {
			t.Errorf("%s has no label", typ)
		}
	}
}

// Every language with a translation file in the built-in theme has a
// reviewed PRIIPs table, and a language without one is an error naming
// where its table belongs.
func TestPRIIPsTablePerLanguage(t *testing.T) {
	for _, lang := range []string{"de", "en", "de-AT", "en-GB"} {
		p, err := PRIIPsFor(lang)
		if err != nil {
			t.Fatalf("PRIIPsFor(%s): %v", lang, err)
		}
		for _, key := range []string{"entry", "exit", "ongoing", "transaction", "performance_fee"} {
			if p.Costs[key] == "" {
				t.Errorf("%s: no cost label for %s", lang, key)
			}
		}
		for _, key := range []string{"stress", "unfavourable", "moderate", "favourable", "minimum"} {
			if p.Scenarios[key] == "" {
				t.Errorf("%s: no scenario label for %s", lang, key)
			}
		}
		for sri := 1; sri <= 7; sri++ {
			if p.RiskClass[sri] == "" || strings.Contains(RiskSummary(sri, lang), "%!") {
				t.Errorf("%s: class %d: %q", lang, sri, RiskSummary(sri, lang))
			}
		}
	}
	_, err := PRIIPsFor("fr")
	if err == nil || !strings.Contains(err.Error(), "priips_fr.go") || !strings.Contains(err.Error(), "de, en") {
		t.Errorf("PRIIPsFor(fr) = %v, want an error naming priips_fr.go and the languages there are", err)
	}
}

func TestCostAndScenarioLabels(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{CostLabel("ongoing", "de"), "Verwaltungsgebühren und sonstige laufende Kosten"},
		{CostLabel("ongoing", "en"), "Management fees and other administrative or operating costs"},
		{CostLabel("carried_interest", "en"), "carried_interest"},
		{ScenarioLabel("unfavourable", "de"), "Pessimistisches Szenario"},
		{ScenarioLabel("moderate", "en-GB"), "Moderate scenario"},
		{RateLabel("entry", "1,00\u00a0%", "de"), "1,00\u00a0% des Betrags, den Sie beim Einstieg zahlen"},
		{RateLabel("transaction", "0.10%", "en"), "0.10% of the value of your investment per year"},
		{RateLabel("exit", "0.50%", "en"), "0.50% of your investment before it is paid out to you"},
		{CostLabel("entry", "de-DE"), "Einstiegskosten"},
		{CostLabel("performance_fee", "en"), "Performance fees"},
		{CostLabel("unknown", "de"), "unknown"},
		{ScenarioLabel("minimum", "en"), "Minimum"},
		{RateLabel("transaction", "0,10 %", "de"), "0,10 % des Werts Ihrer Anlage pro Jahr"},
		{RateLabel("ongoing", "0.20 %", "en"), "0.20 % of the value of your investment per year"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// The German scenario names are Annex IV point 1's as amended by
// 2021/2268, in its German text, capitalised because they head table rows
// (priips_de.go quotes the sentence).
func TestGermanScenariosAreAnnexIV(t *testing.T) {
	const annexIV = "a) optimistisches Szenario; b) mittleres Szenario; c) pessimistisches Szenario; d) Stressszenario."
	for key, letter := range map[string]string{"favourable": "a", "moderate": "b", "unfavourable": "c", "stress": "d"} {
		name := ScenarioLabel(key, "de")
		// Annex IV writes the adjectives small and the noun
		// (Stressszenario) capital, as German does.
		entry := strings.SplitN(strings.SplitN(annexIV, letter+") ", 2)[1], ";", 2)[0]
		entry = strings.TrimSuffix(entry, ".")
		if name != strings.ToUpper(entry[:1])+entry[1:] {
			t.Errorf("%s: %q is not Annex IV's %s) entry %q", key, name, letter, entry)
		}
	}
}
