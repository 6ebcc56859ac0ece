package product

// priipsEN is the English table, for the English template of the key
// information document in Commission Delegated Regulation (EU) 2017/653,
// as amended by Commission Delegated Regulation (EU) 2021/2268.
//
// Reviewed against the regulation's English text (issue #20): 2017/653
// (OJ L 100, 12.4.2017; CELEX 32017R0653) as consolidated on 28.11.2019,
// before 2021/2268, and 2021/2268 itself (OJ L 455, 20.12.2021; CELEX
// 32021R2268), which replaces Annexes I, IV, V and VII and amends
// Annexes II, III and VI. Both were read in the EUR-Lex texts converted
// to Markdown in the repository legalize-dev/legalize-eu
// (eu/74/32017R0653.md at 1a124356, eu/73/32021R2268.md at 163c8327).
// Each entry names the sentence it follows; each matches it word for
// word, except where its comment says otherwise.
var priipsEN = PRIIPs{
	Lang: "en",
	// Annex III, point 7, [Element B] (not amended by 2021/2268, whose
	// Annex III replaces points 1 and 3 and adds 6a only): "We have
	// classified this product as [1/2/3/4/5/6/7] out of 7, which is
	// [1='the lowest'/2='a low'/3='a medium-low'/4='a medium'/
	// 5='a medium-high'/6='the second-highest'/7='the highest'] risk class."
	RiskClass: [8]string{"", "the lowest", "a low", "a medium-low", "a medium",
		"a medium-high", "the second-highest", "the highest"},
	RiskSummary: "We have classified this product as %[1]d out of 7, which is %[2]s risk class.",
	// Not a template text: the badge is the site's short form of Element
	// B for lists and cards; the regulation has no words for it.
	RiskBadge: "Risk class %d of 7",
	// Annex VII (as replaced by 2021/2268), "Table 2 for all PRIIPs except
	// those referred to in point (b) of Article 13", "Composition of
	// Costs", the rows "Entry costs", "Exit costs", "Management fees and
	// other administrative or operating costs" (under "Ongoing costs
	// [taken each year]"), "Transaction costs" and "Performance fees [and
	// carried interest]" (under "Incidental costs taken under specific
	// conditions"); the bracketed "and carried interest" is left out: the
	// product model has no carried interest (performance_fee_pct only).
	Costs: map[string]string{
		"entry":           "Entry costs",
		"exit":            "Exit costs",
		"ongoing":         "Management fees and other administrative or operating costs",
		"transaction":     "Transaction costs",
		"performance_fee": "Performance fees",
	},
	// The same Table 2, the examples of its description column: entry
	// "[] % of the amount you pay in when entering this investment"; exit
	// "[] % of your investment before it is paid out to you"; management
	// fees "[] % of the value of your investment per year" and transaction
	// costs "[] % of the value of your investment per year." For
	// performance fees the template has no example ("[Describe in no more
	// than 300 characters]"): the recurring sentence is the site's own
	// description there.
	Rates: map[string]string{
		"entry":     "%s of the amount you pay in when entering this investment",
		"exit":      "%s of your investment before it is paid out to you",
		"recurring": "%s of the value of your investment per year",
	},
	// Annex IV (as replaced by 2021/2268), point 1: "(a) a favourable
	// scenario; (b) a moderate scenario; (c) an unfavourable scenario;
	// (d) a stress scenario." The names below are those, capitalised; the
	// rows of Annex V, Part 3, Template A (under the heading "[Survival]
	// Scenarios") read "Stress", "Unfavourable", "Moderate", "Favourable",
	// without the word "scenario". "Minimum" is the first row of Template
	// A ("Minimum | [Monetary amount] or [There is no minimum guaranteed
	// return …]"), Annex IV point 4's "minimum investment return".
	Scenarios: map[string]string{
		"stress":       "Stress scenario",
		"unfavourable": "Unfavourable scenario",
		"moderate":     "Moderate scenario",
		"favourable":   "Favourable scenario",
		"minimum":      "Minimum",
	},
}
