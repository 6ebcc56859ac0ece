package product

import (
	"fmt"
	"sort"
	"strings"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
)

// PRIIPs is one language's wording of the key information document's
// regulated texts that a product page repeats: the summary risk
// indicator's sentence and badge, the cost lines of the "composition of
// costs" table with their rates, and the performance scenarios' names.
// Unlike the theme's other words it is not a translation file: each
// language's table is Go code (priips_<lang>.go) whose comments quote the
// template text of Delegated Regulation (EU) 2017/653 (as amended by
// 2021/2268) it follows, so a change to it is reviewed like code. A
// language is added by adding its table to priipsTables.
type PRIIPs struct {
	Lang string
	// RiskClass are the words for each class (1–7) as they follow the
	// template's "das ist" / "which is": "eine mittlere", "a medium".
	RiskClass [8]string
	// RiskSummary is the sentence with the class's number (%[1]d) and
	// RiskClass's words (%[2]s).
	RiskSummary string
	// RiskBadge is the short form for badges, with the class (%d).
	RiskBadge string
	// Costs name the lines of the composition of costs (entry, exit,
	// ongoing, transaction, performance_fee).
	Costs map[string]string
	// Rates word a composition line's rate (%s): entry, exit, recurring.
	Rates map[string]string
	// Scenarios name the performance scenarios (stress, unfavourable,
	// moderate, favourable) and the minimum return.
	Scenarios map[string]string

	summaries, badges [8]string // made once, by class
}

// priipsTables are the reviewed tables, by primary language subtag.
var priipsTables = tables(&priipsDE, &priipsEN)

func tables(ts ...*PRIIPs) map[string]*PRIIPs {
	m := map[string]*PRIIPs{}
	for _, t := range ts {
		for sri := 1; sri <= 7; sri++ {
			t.summaries[sri] = fmt.Sprintf(t.RiskSummary, sri, t.RiskClass[sri])
			t.badges[sri] = fmt.Sprintf(t.RiskBadge, sri)
		}
		m[t.Lang] = t
	}
	return m
}

// PRIIPsLanguages are the languages with a reviewed table, sorted.
func PRIIPsLanguages() []string {
	var out []string
	for l := range priipsTables {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// PRIIPsFor is the reviewed table of a site language ("de", "en-GB"). A
// language without one is an error: a product page must not show the
// regulated texts in another language.
func PRIIPsFor(lang string) (*PRIIPs, error) {
	if t := priipsTables[locale.Primary(lang)]; t != nil {
		return t, nil
	}
	return nil, diag.Err("the product pages have no reviewed PRIIPs wording in %s (there are tables for %s): its risk, cost and scenario texts are a table in generator/product/priips_%s.go, reviewed against the key information document's template in that language",
		i18n.LanguageWord(lang), strings.Join(PRIIPsLanguages(), ", "), locale.Primary(lang))
}

// RiskSummary is the KID's sentence for a summary risk indicator, such as
// "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 4
// eingestuft; das ist eine mittlere Risikoklasse." (de) or "We have
// classified this product as 4 out of 7, which is a medium risk class." (en).
// It returns "" for an sri outside 1 to 7 and for a language without a
// table (PRIIPsFor reports it).
func RiskSummary(sri int, language string) string {
	t := priipsTables[locale.Primary(language)]
	if t == nil || sri < 1 || sri > 7 {
		return ""
	}
	return t.summaries[sri]
}

// RiskLabel is the short form for badges: "Risikoklasse 4 von 7" (de) or
// "Risk class 4 of 7" (en). It returns "" for an sri outside 1 to 7 and
// for a language without a table.
func RiskLabel(sri int, language string) string {
	t := priipsTables[locale.Primary(language)]
	if t == nil || sri < 1 || sri > 7 {
		return ""
	}
	return t.badges[sri]
}

// CostLabel names a line of the composition of costs ("entry", "ongoing",
// …); a key the table does not have is shown as written.
func CostLabel(key, language string) string {
	return word(key, language, func(t *PRIIPs) map[string]string { return t.Costs })
}

// ScenarioLabel names a performance scenario ("moderate", "minimum").
func ScenarioLabel(key, language string) string {
	return word(key, language, func(t *PRIIPs) map[string]string { return t.Scenarios })
}

// RateLabel words a composition line's rate, already formatted, as the
// KID's table does: key is "entry", "exit" or any other line (recurring).
func RateLabel(key, rate, language string) string {
	if key != "entry" && key != "exit" {
		key = "recurring"
	}
	return fmt.Sprintf(word(key, language, func(t *PRIIPs) map[string]string { return t.Rates }), rate)
}

func word(key, language string, of func(*PRIIPs) map[string]string) string {
	t := priipsTables[locale.Primary(language)]
	if t == nil {
		return key
	}
	if s, ok := of(t)[key]; ok {
		return s
	}
	return key
}
