package product

// priipsEN is the English table, for the English template of the key
// information document in Commission Delegated Regulation (EU) 2017/653,
// as amended by Commission Delegated Regulation (EU) 2021/2268.
//
// Read from the regulation's English text (Annex VI, "List of costs"):
// "A one-off cost is an entry or exit cost …", "Recurring costs are
// payments deducted from the assets of an AIF or UCITS", "transaction
// costs". The cost kinds below follow those terms.
//
// Not verified: the template texts of Annex III (the risk sentence and
// the classes' words), Annex VII table 2 (the row names and the rate
// sentences) and Annex V (the scenarios' names) could not be read with
// the tools of the session that wrote this table (issue #20, phase 1).
// The strings are the ones the site has published so far, unchanged.
// Compliance must compare each with the Annex before the table counts
// as reviewed.
var priipsEN = PRIIPs{
	Lang: "en",
	RiskClass: [8]string{"", "the lowest", "a low", "a medium-low", "a medium",
		"a medium-high", "the second-highest", "the highest"},
	RiskSummary: "We have classified this product as %[1]d out of 7, which is %[2]s risk class.",
	RiskBadge:   "Risk class %d of 7",
	Costs: map[string]string{
		"entry":           "Entry costs",
		"exit":            "Exit costs",
		"ongoing":         "Management fees and other administrative or operating costs",
		"transaction":     "Transaction costs",
		"performance_fee": "Performance fees",
	},
	Rates: map[string]string{
		"entry":     "%s of the amount you pay in when entering this investment",
		"exit":      "%s of your investment before it is paid out to you",
		"recurring": "%s of the value of your investment per year",
	},
	Scenarios: map[string]string{
		"stress":       "Stress scenario",
		"unfavourable": "Unfavourable scenario",
		"moderate":     "Moderate scenario",
		"favourable":   "Favourable scenario",
		"minimum":      "Minimum",
	},
}
