package product

// priipsDE is the German table, for the German template of the
// Basisinformationsblatt in Delegierte Verordnung (EU) 2017/653, as
// amended by Delegierte Verordnung (EU) 2021/2268.
//
// Read from the regulation's German text (Artikel 5, „Abschnitt ‚Welche
// Kosten entstehen?'"): „für die Angaben zu den Kosten die Tabellen
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
// Not verified: the template texts of Anhang III (the risk sentence and
// the classes' words), Anhang VII Tabelle 2 (the row names and the rate
// sentences) and Anhang V (the scenarios' names) could not be read with
// the tools of the session that wrote this table (issue #20, phase 1).
// The strings are the ones the site has published so far, unchanged.
// Compliance must compare each with the Annex before the table counts
// as reviewed; a change changes every German product page.
var priipsDE = PRIIPs{
	Lang: "de",
	RiskClass: [8]string{"", "die niedrigste", "eine niedrige", "eine mittelniedrige", "eine mittlere",
		"eine mittelhohe", "die zweithöchste", "die höchste"},
	RiskSummary: "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse %[1]d eingestuft; das ist %[2]s Risikoklasse.",
	RiskBadge:   "Risikoklasse %d von 7",
	Costs: map[string]string{
		"entry":           "Einstiegskosten",
		"exit":            "Ausstiegskosten",
		"ongoing":         "Verwaltungsgebühren und sonstige laufende Kosten",
		"transaction":     "Transaktionskosten",
		"performance_fee": "Erfolgsgebühren",
	},
	Rates: map[string]string{
		"entry":     "%s des Betrags, den Sie beim Einstieg zahlen",
		"exit":      "%s Ihrer Anlage, bevor sie Ihnen ausgezahlt wird",
		"recurring": "%s des Werts Ihrer Anlage pro Jahr",
	},
	Scenarios: map[string]string{
		"stress":       "Stressszenario",
		"unfavourable": "Pessimistisches Szenario",
		"moderate":     "Mittleres Szenario",
		"favourable":   "Optimistisches Szenario",
		"minimum":      "Minimum",
	},
}
