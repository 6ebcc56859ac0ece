package chart

import "github.com/klartext/klartext/generator/locale"

// texts are the words the charts use, per language. Format verbs are
// fmt's; numbers arrive already formatted by package locale.
type texts struct {
	riskCaption, riskCaptionNoName string // %s product
	riskAria, riskAriaNoName       string // %d class, [%s product], %s holding period
	riskHolding                    string // %s years
	riskLower, riskHigher          string
	riskClass, riskThis            string
	riskTableCaption               string

	costsCaption, costsAria, costsTotalTitle string // %s period
	costsKind, costsRate, costsAmount        string // costsAmount: %s period
	costsImpact, costsTotal                  string

	cotCaption, cotAria                      string
	cotPeriod, cotCosts, cotWith, cotWithout string

	scenCaption, scenAria, scenItem          string
	scenName, scenValue, scenReturn, perYear string
	scenReturnAfter                          string // %s period

	cmpCaption, cmpAria, cmpProduct, cmpRisk, cmpCosts string
	cmpThis                                            string

	fbBalanceCaption, fbBalanceAria      string
	fbMonth, fbPraise, fbCriticism, fbQs string
	fbComments, fbCommentsAria           string
	fbFactorsCaption, fbFactorsAria      string
	fbFactor, fbAverage, fbCount         string
	fbSectionsCaption, fbSectionsAria    string
	fbSection                            string
	noData                               string
}

var textsByLang = map[string]texts{
	"de": {
		riskCaption:       "Gesamtrisikoindikator für %s",
		riskCaptionNoName: "Gesamtrisikoindikator",
		riskAria:          "Risikoklasse %d von 7 für %s (1 = niedrigstes, 7 = höchstes Risiko); empfohlene Haltedauer %s.",
		riskAriaNoName:    "Risikoklasse %d von 7 (1 = niedrigstes, 7 = höchstes Risiko); empfohlene Haltedauer %s.",
		riskHolding:       "Empfohlene Haltedauer: %s",
		riskLower:         "← niedrigeres Risiko",
		riskHigher:        "höheres Risiko →",
		riskClass:         "Risikoklasse",
		riskThis:          "dieses Produkt",
		riskTableCaption:  "Risikoklasse %d auf der Skala von 1 (niedrigstes) bis 7 (höchstes Risiko)",

		costsCaption:    "Zusammensetzung der Kosten, wenn Sie nach %s aussteigen",
		costsAria:       "Wenn Sie nach %s aussteigen, betragen die Kosten insgesamt %s: %s.",
		costsTotalTitle: "Gesamt: %s",
		costsKind:       "Kostenart",
		costsRate:       "Satz",
		costsAmount:     "Betrag bei Ausstieg nach %s",
		costsImpact:     "Auswirkung pro Jahr",
		costsTotal:      "Gesamt",

		cotCaption: "Kosten und Wert der Anlage im Zeitverlauf",
		cotAria:    "Nach %s betragen die Kosten insgesamt %s; der Wert liegt bei %s mit Kosten und %s ohne Kosten.",
		cotPeriod:  "Anlagedauer",
		cotCosts:   "Kosten insgesamt",
		cotWith:    "Wert mit Kosten",
		cotWithout: "Wert ohne Kosten",

		scenCaption:     "Was Sie nach %s zurückbekommen könnten (Szenarien)",
		scenAria:        "Wert nach %s: %s.",
		scenItem:        "%s %s (%s pro Jahr)",
		scenName:        "Szenario",
		scenValue:       "Wert nach %s",
		scenReturn:      "Rendite pro Jahr",
		scenReturnAfter: "Rendite nach %s",
		perYear:         "pro Jahr",

		cmpCaption: "Alle Produkte nach Risikoklasse und Kosten pro Jahr",
		cmpAria:    "%d Produkte in den Risikoklassen %d bis %d mit Kosten von %s bis %s pro Jahr.",
		cmpProduct: "Produkt",
		cmpRisk:    "Risikoklasse",
		cmpCosts:   "Kosten pro Jahr",
		cmpThis:    "dieses Produkt",

		fbBalanceCaption:  "Lob, Kritik und Fragen pro Monat",
		fbBalanceAria:     "Rückmeldungen von %s bis %s: %s Lob, %s Kritik, %s Fragen.",
		fbMonth:           "Monat",
		fbPraise:          "Lob",
		fbCriticism:       "Kritik",
		fbQs:              "Fragen",
		fbComments:        "Kommentare",
		fbCommentsAria:    " Dazu %s Kommentare ohne Einordnung.",
		fbFactorsCaption:  "Bewertungen nach Faktor (Durchschnitt von 1 bis 5)",
		fbFactorsAria:     "Durchschnittliche Bewertungen von 1 bis 5: %s.",
		fbFactor:          "Faktor",
		fbAverage:         "Durchschnitt",
		fbCount:           "Bewertungen",
		fbSectionsCaption: "Rückmeldungen nach Bereich",
		fbSectionsAria:    "Rückmeldungen nach Bereich: %s.",
		fbSection:         "Bereich",
		noData:            "Keine Daten.",
	},
	"en": {
		riskCaption:       "Summary risk indicator for %s",
		riskCaptionNoName: "Summary risk indicator",
		riskAria:          "Risk class %d of 7 for %s (1 = lowest, 7 = highest risk); recommended holding period %s.",
		riskAriaNoName:    "Risk class %d of 7 (1 = lowest, 7 = highest risk); recommended holding period %s.",
		riskHolding:       "Recommended holding period: %s",
		riskLower:         "← lower risk",
		riskHigher:        "higher risk →",
		riskClass:         "Risk class",
		riskThis:          "this product",
		riskTableCaption:  "Risk class %d on the scale from 1 (lowest) to 7 (highest risk)",

		costsCaption:    "Composition of costs if you exit after %s",
		costsAria:       "If you exit after %s, the costs total %s: %s.",
		costsTotalTitle: "Total: %s",
		costsKind:       "Type of cost",
		costsRate:       "Rate",
		costsAmount:     "Amount if you exit after %s",
		costsImpact:     "Impact per year",
		costsTotal:      "Total",

		cotCaption: "Costs and value of the investment over time",
		cotAria:    "After %s the costs total %s; the investment is worth %s with costs and %s without costs.",
		cotPeriod:  "Holding period",
		cotCosts:   "Total costs",
		cotWith:    "Value with costs",
		cotWithout: "Value without costs",

		scenCaption:     "What you might get back after %s (scenarios)",
		scenAria:        "Value after %s: %s.",
		scenItem:        "%s %s (%s a year)",
		scenName:        "Scenario",
		scenValue:       "Value after %s",
		scenReturn:      "Return per year",
		scenReturnAfter: "Return after %s",
		perYear:         "a year",

		cmpCaption: "All products by risk class and annual costs",
		cmpAria:    "%d products in risk classes %d to %d with costs from %s to %s a year.",
		cmpProduct: "Product",
		cmpRisk:    "Risk class",
		cmpCosts:   "Costs per year",
		cmpThis:    "this product",

		fbBalanceCaption:  "Praise, criticism and questions per month",
		fbBalanceAria:     "Feedback from %s to %s: %s praise, %s criticism, %s questions.",
		fbMonth:           "Month",
		fbPraise:          "Praise",
		fbCriticism:       "Criticism",
		fbQs:              "Questions",
		fbComments:        "Comments",
		fbCommentsAria:    " And %s comments not classified.",
		fbFactorsCaption:  "Ratings by factor (average from 1 to 5)",
		fbFactorsAria:     "Average ratings from 1 to 5: %s.",
		fbFactor:          "Factor",
		fbAverage:         "Average",
		fbCount:           "Ratings",
		fbSectionsCaption: "Feedback by section",
		fbSectionsAria:    "Feedback by section: %s.",
		fbSection:         "Section",
		noData:            "No data.",
	},
}

// textsFor returns the words for the locale's language; other languages
// get English.
func textsFor(loc locale.Locale) *texts {
	if t, ok := textsByLang[loc.Lang]; ok {
		return &t
	}
	t := textsByLang["en"]
	return &t
}
