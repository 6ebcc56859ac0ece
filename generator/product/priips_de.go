package product

// priipsDE is the German table, for the German template of the
// Basisinformationsblatt in Delegierte Verordnung (EU) 2017/653, as
// amended by Delegierte Verordnung (EU) 2021/2268.
//
// Read from the regulation's German text (Artikel 5, „Abschnitt ‚Welche
// Kosten entstehen?'", as judict.eu/de/sla/32014R1286/32017R0653-X/
// article-5 shows it): „für die Angaben zu den Kosten die Tabellen
// ‚Kosten im Zeitverlauf' und ‚Zusammensetzung der Kosten' gemäß Anhang
// VII" and „In der Tabelle ‚Zusammensetzung der Kosten' … geben die
// PRIIP-Hersteller die Gesamtindikatoren für die folgenden Kostenarten
// an: einmalige Kosten, wie beispielsweise Ein- und Ausstiegskosten;
// wiederkehrende Kosten, wobei zwischen Portfolio-Transaktionskosten und
// anderen wiederkehrenden Kosten unterschieden wird; zusätzliche Kosten,
// wie beispielsweise Erfolgsgebühren oder Carried Interest." The cost
// kinds below (Einstiegs-, Ausstiegs-, Transaktionskosten,
// Erfolgsgebühren) follow it.
//
// Verified: the four scenarios' names, against Anhang IV Nummer 1 as
// replaced by 2021/2268 (its German text as gesetze.legal reproduces it
// from EUR-Lex, gesetze.legal/eu/vo_eu_2021_2268/anhang_iv, read in issue
// #20; see the Scenarios entry).
//
// Not verified: Anhang III Nummer 7 (Element B, the risk sentence and the
// classes' words), Anhang VII Tabelle 2 as replaced by 2021/2268 (the row
// names and the rate sentences) and Anhang V Teil 3 (the row "Minimum"):
// their German text could not be found in the sources searched for issue
// #20 (the texts found were Articles 5 and the Annexes IV, V Teil 1 and VI
// of 2021/2268, not III, V Teil 3 or VII). Each entry says what it should
// be compared with; the strings are the ones the site has published so
// far, unchanged. Compliance must compare each with the Annex before the
// table counts as reviewed; a change changes every German product page.
// The English table (priips_en.go) quotes the English sentence of each
// entry.
var priipsDE = PRIIPs{
	Lang: "de",
	// Compare with Anhang III Nummer 7, Element B (English: "We have
	// classified this product as [1 … 7] out of 7, which is [the lowest
	// … the highest] risk class.").
	RiskClass: [8]string{"", "die niedrigste", "eine niedrige", "eine mittelniedrige", "eine mittlere",
		"eine mittelhohe", "die zweithöchste", "die höchste"},
	RiskSummary: "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse %[1]d eingestuft; das ist %[2]s Risikoklasse.",
	// Not a template text: the site's short form for lists and cards.
	RiskBadge: "Risikoklasse %d von 7",
	// Compare with Anhang VII Tabelle 2 „Zusammensetzung der Kosten", its
	// rows (English: "Entry costs", "Exit costs", "Management fees and
	// other administrative or operating costs", "Transaction costs",
	// "Performance fees [and carried interest]").
	Costs: map[string]string{
		"entry":           "Einstiegskosten",
		"exit":            "Ausstiegskosten",
		"ongoing":         "Verwaltungsgebühren und sonstige laufende Kosten",
		"transaction":     "Transaktionskosten",
		"performance_fee": "Erfolgsgebühren",
	},
	// Compare with the examples of the same table's description column
	// (English: "[] % of the amount you pay in when entering this
	// investment", "[] % of your investment before it is paid out to
	// you", "[] % of the value of your investment per year").
	Rates: map[string]string{
		"entry":     "%s des Betrags, den Sie beim Einstieg zahlen",
		"exit":      "%s Ihrer Anlage, bevor sie Ihnen ausgezahlt wird",
		"recurring": "%s des Werts Ihrer Anlage pro Jahr",
	},
	// Anhang IV (as replaced by 2021/2268), Nummer 1: „Die
	// Performance-Szenarien gemäß dieser Verordnung, die eine Spanne
	// möglicher Renditen zeigen, sind wie folgt: a) optimistisches
	// Szenario; b) mittleres Szenario; c) pessimistisches Szenario; d)
	// Stressszenario." The names below are those, capitalised as table
	// rows (TestGermanScenariosAreAnnexIV). Still to compare: "Minimum",
	// the first row of Anhang V Teil 3 Vorlage A (English: "Minimum";
	// Anhang IV Nummer 4 names it „Mindestanlagerendite").
	Scenarios: map[string]string{
		"stress":       "Stressszenario",
		"unfavourable": "Pessimistisches Szenario",
		"moderate":     "Mittleres Szenario",
		"favourable":   "Optimistisches Szenario",
		"minimum":      "Minimum",
	},
}
