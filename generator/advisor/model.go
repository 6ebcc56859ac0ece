package advisor

import (
	"fmt"
	"strings"

	"github.com/klartext/klartext/generator/i18n"
)

// AdviceModel says how an advisor is paid: the customer pays a fee, or the
// bank receives commissions from product providers. WpHG (§ 64) requires
// telling the customer before the advice which of the two it is.
type AdviceModel string

// The two advice models the front matter key advice_model accepts.
const (
	FeeBased        AdviceModel = "fee-based"
	CommissionBased AdviceModel = "commission-based"
)

// AdviceModels lists the accepted values, for hints.
var AdviceModels = []AdviceModel{FeeBased, CommissionBased}

// ParseAdviceModel checks the value of advice_model. An empty value is an
// error too: the model must be stated.
func ParseAdviceModel(s string) (AdviceModel, error) {
	m := AdviceModel(strings.TrimSpace(s))
	if m.Valid() {
		return m, nil
	}
	if m == "" {
		return "", fmt.Errorf("advice_model is missing: write %s or %s", FeeBased, CommissionBased)
	}
	return "", fmt.Errorf("advice_model %q is not %s or %s", s, FeeBased, CommissionBased)
}

// Valid reports whether m is one of the two models.
func (m AdviceModel) Valid() bool { return m == FeeBased || m == CommissionBased }

// key is the model's translation key: advice_fee_based,
// advice_commission_based (and the explanation's, with _text).
func (m AdviceModel) key() string { return "advice_" + strings.ReplaceAll(string(m), "-", "_") }

// Label is the model's name in the catalog's language: "Honorarberatung",
// "Commission-based advice". An invalid model has no label.
func (m AdviceModel) Label(words *i18n.Catalog) string {
	if !m.Valid() {
		return ""
	}
	return words.T(m.key())
}

// Explanation is one or two sentences saying what the model means for the
// customer, without the label.
func (m AdviceModel) Explanation(words *i18n.Catalog) string {
	if !m.Valid() {
		return ""
	}
	return words.T(m.key() + "_text")
}

// Notice is "Label: Explanation", the text shown on the advisor's page;
// "" without words.
func (m AdviceModel) Notice(words *i18n.Catalog) string {
	if !m.Valid() || words == nil {
		return ""
	}
	return m.Label(words) + ": " + m.Explanation(words)
}
