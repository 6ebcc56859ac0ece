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
// Not verified: the German text of the annexes themselves — Anhang III
// Nummer 7 (Element B, the risk sentence and the classes' words), Anhang
// VII Tabelle 2 as replaced by 2021/2268 (the row names and the rate
// sentences) and Anhang IV Nummer 1 and Anhang V Teil 3 (the scenarios'
// names) — could not be found by the session that reviewed the English
// table (issue #20): the texts it could read were English only. Each
// entry says what it should be compared with; the strings are the ones
// the site has published so far, unchanged. Compliance must compare each
// with the Annex before the table counts as reviewed; a change changes
// every German product page. The English table (priips_en.go) quotes the
// English sentence of each entry.
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
	// Compare with Anhang IV Nummer 1 (English: "a favourable scenario; a
	// moderate scenario; an unfavourable scenario; a stress scenario")
	// and the first row of Anhang V Teil 3 Vorlage A (English: "Minimum").
	Scenarios: map[string]string{
		"stress":       "Stressszenario",
		"unfavourable": "Pessimistisches Szenario",
		"moderate":     "Mittleres Szenario",
		"favourable":   "Optimistisches Szenario",
		"minimum":      "Minimum",
	},
}
