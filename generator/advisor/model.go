package advisor

import (
	"fmt"
	"strings"

	"github.com/klartext/klartext/generator/locale"
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

type modelText struct{ label, explanation string }

var modelTexts = map[string]map[AdviceModel]modelText{
	"de": {
		FeeBased: {"Honorarberatung",
			"Sie zahlen die Beratung direkt; wer Sie berät, erhält keine Provision von Produktanbietern."},
		CommissionBased: {"Provisionsberatung",
			"Die Bank erhält von Produktanbietern Provisionen; die Beratung selbst ist für Sie kostenlos. Die Höhe der Provision nennen wir Ihnen vor dem Abschluss."},
	},
	"en": {
		FeeBased: {"Fee-based advice",
			"You pay for the advice directly; the adviser receives no commission from product providers."},
		CommissionBased: {"Commission-based advice",
			"The bank receives commissions from product providers; the advice itself is free of charge for you. We tell you the amount of the commission before you sign."},
	},
}

func textFor(m AdviceModel, lang string) modelText {
	l := locale.Primary(lang)
	if _, ok := modelTexts[l]; !ok {
		l = "en"
		if lang == "" {
			l = "de"
		}
	}
	return modelTexts[l][m]
}

// Label is the model's name in the language ("de" or "en"; others get
// English, "" gets German): "Honorarberatung", "Commission-based advice".
// An invalid model has no label.
func (m AdviceModel) Label(lang string) string { return textFor(m, lang).label }

// Explanation is one or two sentences saying what the model means for the
// customer, without the label.
func (m AdviceModel) Explanation(lang string) string { return textFor(m, lang).explanation }

// Notice is "Label: Explanation", the text shown on the advisor's page.
func (m AdviceModel) Notice(lang string) string {
	t := textFor(m, lang)
	if t.label == "" {
		return ""
	}
	return t.label + ": " + t.explanation
}
