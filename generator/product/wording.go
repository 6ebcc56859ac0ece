package product

import (
	"fmt"
	"strconv"

	"github.com/klartext/klartext/generator/locale"
)

// riskClassWords are the PRIIPs KID's words for each class, as they follow
// "das ist" / "which is".
var riskClassWords = map[string][8]string{
	"de": {"", "die niedrigste", "eine niedrige", "eine mittelniedrige", "eine mittlere",
		"eine mittelhohe", "die zweithöchste", "die höchste"},
	"en": {"", "the lowest", "a low", "a medium-low", "a medium",
		"a medium-high", "the second-highest", "the highest"},
}

// lang reduces a site language ("de-DE", "en-GB") to the two this package
// writes; other languages get English.
func lang(l string) string {
	if locale.Primary(l) == "de" {
		return "de"
	}
	return "en"
}

// RiskSummary is the KID's sentence for a summary risk indicator, such as
// "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 4
// eingestuft; das ist eine mittlere Risikoklasse." (de) or "We have
// classified this product as 4 out of 7, which is a medium risk class." (en).
// It returns "" for an sri outside 1 to 7.
func RiskSummary(sri int, language string) string {
	if sri < 1 || sri > 7 {
		return ""
	}
	return riskSummaries[lang(language)][sri]
}

// RiskLabel is the short form for badges: "Risikoklasse 4 von 7" (de) or
// "Risk class 4 of 7" (en). It returns "" for an sri outside 1 to 7.
func RiskLabel(sri int, language string) string {
	if sri < 1 || sri > 7 {
		return ""
	}
	return riskLabels[lang(language)][sri]
}

// riskSummaries and riskLabels are the sentences and badges by language and
// class, written once: a bank has thousands of products and seven classes,
// and each product keeps its wording for the whole build.
var riskSummaries, riskLabels = riskWording()

func riskWording() (summaries, labels map[string][8]string) {
	summaries, labels = map[string][8]string{}, map[string][8]string{}
	for _, l := range []string{"de", "en"} {
		var s, b [8]string
		for sri := 1; sri <= 7; sri++ {
			n := strconv.Itoa(sri)
			if l == "de" {
				s[sri] = "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse " + n +
					" eingestuft; das ist " + riskClassWords["de"][sri] + " Risikoklasse."
				b[sri] = "Risikoklasse " + n + " von 7"
			} else {
				s[sri] = "We have classified this product as " + n + " out of 7, which is " +
					riskClassWords["en"][sri] + " risk class."
				b[sri] = "Risk class " + n + " of 7"
			}
		}
		summaries[l], labels[l] = s, b
	}
	return summaries, labels
}

var typeLabels = map[string][2]string{ // type: {de, en}
	"deposit":        {"Einlage", "Deposit"},
	"bond-fund":      {"Rentenfonds", "Bond fund"},
	"equity-fund":    {"Aktienfonds", "Equity fund"},
	"equity-etf":     {"Aktien-ETF", "Equity ETF"},
	"mixed-fund":     {"Mischfonds", "Mixed fund"},
	"structured":     {"Strukturiertes Produkt (Zertifikat)", "Structured product (certificate)"},
	"commodity-fund": {"Rohstofffonds", "Commodity fund"},
	// The types of EPT rows without a retail type (see typeFromCIC).
	"fund":                {"Investmentfonds", "Investment fund"},
	"money-market-fund":   {"Geldmarktfonds", "Money market fund"},
	"real-estate-fund":    {"Immobilienfonds", "Real estate fund"},
	"alternative-fund":    {"Alternativer Investmentfonds", "Alternative investment fund"},
	"private-equity-fund": {"Private-Equity-Fonds", "Private equity fund"},
	"infrastructure-fund": {"Infrastrukturfonds", "Infrastructure fund"},
}

// TypeLabel is the reader's name for a product type in the site's language;
// a type this package does not know is shown as written.
func TypeLabel(typ string, language string) string {
	l, ok := typeLabels[typ]
	if !ok {
		return typ
	}
	if lang(language) == "de" {
		return l[0]
	}
	return l[1]
}

// KnownTypes are the product types TypeLabel has words for.
func KnownTypes() []string {
	return []string{"alternative-fund", "bond-fund", "commodity-fund", "deposit", "equity-etf", "equity-fund", "fund",
		"infrastructure-fund", "mixed-fund", "money-market-fund", "private-equity-fund", "real-estate-fund", "structured"}
}

// costLabels and scenarioLabels name the product figures' lines for the
// reader, in the PRIIPs key information document's terms.
var (
	costLabels = map[string][2]string{ // key → {de, en}
		"entry":           {"Einstiegskosten", "Entry costs"},
		"exit":            {"Ausstiegskosten", "Exit costs"},
		"ongoing":         {"Verwaltungsgebühren und sonstige laufende Kosten", "Management fees and other administrative or operating costs"},
		"transaction":     {"Transaktionskosten", "Transaction costs"},
		"performance_fee": {"Erfolgsgebühren", "Performance fees"},
	}
	scenarioLabels = map[string][2]string{
		"stress":       {"Stressszenario", "Stress scenario"},
		"unfavourable": {"Pessimistisches Szenario", "Unfavourable scenario"},
		"moderate":     {"Mittleres Szenario", "Moderate scenario"},
		"favourable":   {"Optimistisches Szenario", "Favourable scenario"},
		"minimum":      {"Minimum", "Minimum"},
	}
	// rateLabels word a composition line's rate (%s) as Annex VII table 2
	// does.
	rateLabels = map[string][2]string{
		"entry":     {"%s des Betrags, den Sie beim Einstieg zahlen", "%s of the amount you pay in when entering this investment"},
		"exit":      {"%s Ihrer Anlage, bevor sie Ihnen ausgezahlt wird", "%s of your investment before it is paid out to you"},
		"recurring": {"%s des Werts Ihrer Anlage pro Jahr", "%s of the value of your investment per year"},
	}
)

// CostLabel names a cost line of the composition (CostLine.Key) for the
// reader; an unknown key is returned as it is.
func CostLabel(key, language string) string { return label(costLabels, key, language) }

// ScenarioLabel names a performance scenario (ScenarioKeys, or "minimum").
func ScenarioLabel(key, language string) string { return label(scenarioLabels, key, language) }

// RateLabel words a composition line's rate as the KID's table 2 does:
// pct is the rate as the page formats it ("1,20 %"); entry and exit
// costs have their own words, every other line is a rate per year.
func RateLabel(l CostLine, pct, language string) string {
	switch l.Key {
	case "entry", "exit":
		return label(rateLabels, l.Key, language, pct)
	}
	return label(rateLabels, "recurring", language, pct)
}

// label is the label of key in language, with args filled in where it has
// verbs.
func label(labels map[string][2]string, key, language string, args ...any) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	s := l[1]
	if lang(language) == "de" {
		s = l[0]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}
