// Package grammar holds the grammars of the values klartext writes where a
// browser, a mail program or a CI runner interprets them: the sources of
// the Content-Security-Policy (CSP Level 3, without wildcards), the web
// addresses readers' data is sent to (https:// only), e-mail addresses
// (RFC 5322's plain addr-spec, safe in a mailto: link) and URLs
// percent-encoded per RFC 3986.
//
// Each grammar is a small pure function. The packages that read settings
// and front matter call them and turn an *Error into a diagnostic that
// names the file, the line and the key; Error says what is wrong with the
// value, Hint what to write instead.
package grammar

import "github.com/klartext/klartext/generator/diag"

// Error is a value that does not fit its grammar. Msg and Hint are
// diag.Text, not strings, so a caller that passes them on as a
// diagnostic's arguments gets them translated with the rest of its
// sentence (diag.Diagnostic.Localize).
type Error struct {
	Msg  diag.Text // what is wrong, to follow the value: "has a wildcard (*) in its host"
	Hint diag.Text // what to write instead; may be empty
}

func (e *Error) Error() string {
	if e.Hint.Empty() {
		return e.Msg.String()
	}
	return e.Msg.String() + " — " + e.Hint.String()
}

// fail is an Error; each call site makes msg and hint with diag.T and a
// constant format, so TestEveryMessageHasItsGerman finds them.
func fail(msg, hint diag.Text) *Error { return &Error{Msg: msg, Hint: hint} }
