package feedback

import (
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
)

// languageKeys are the settings a language of languages: may give under
// its own feedback: — what differs by language. The provider, its
// service and consent are the site's.
var languageKeys = []string{"redirect"}

// ForLanguage is the settings for the pages of one language: s, with what
// node — the feedback: of the language's entry in languages:, nil for
// none — gives instead. A language's redirect is the page its readers come
// back to after sending (its thank-you page; empty: the receiver's own).
// Diagnostics name the key as "feedback.<key>" at its line in file, as
// ParseSettings does; a redirect for a provider other than form is
// ignored, with a warning.
func (s Settings) ForLanguage(node *yaml.Node, file string) (Settings, []diag.Diagnostic) {
	if node == nil {
		return s, nil
	}
	errs := &settingErrors{file: file}
	errAt := errs.errAt
	if node.Kind != yaml.MappingNode {
		d := errAt(node.Line, node.Column, "", "the feedback: of a language must be a mapping")
		*d = d.WithHint("write feedback: then `  redirect: https://…` (the language's thank-you page) on the next line")
		return s, errs.ds
	}
	vals := map[string]entry{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		switch {
		case !slices.Contains(languageKeys, k.Value):
			d := errAt(k.Line, k.Column, k.Value, "feedback.%s cannot differ by language", k.Value)
			*d = d.WithHint("a language's feedback: takes redirect only; the other settings under the top-level feedback: hold for every language")
		case v.Kind != yaml.ScalarNode:
			errAt(v.Line, v.Column, k.Value, "feedback.%s must be a single value, not a list or mapping", k.Value)
		default:
			vals[k.Value] = entry{value: trimmed(v), line: v.Line, col: v.Column}
		}
	}
	// A language's redirect is the form's; a site that moves to another
	// provider keeps working, told that it is left unused.
	if e, ok := vals["redirect"]; ok && s.Provider != Form {
		errs.ds = append(errs.ds, diag.Warnf(file, e.line, "feedback.redirect is ignored here: provider %s sends nobody back to a page of the site", s.Provider).
			WithKey("feedback.redirect").WithHint("remove it, or use provider form"))
		return s, errs.ds
	}
	v := &Values{vals: vals, file: file, errAt: errAt, warn: errs.warn}
	if v.Given("redirect") {
		s.Redirect = v.URL("redirect")
	}
	return s, errs.ds
}
