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

// Error is a value that does not fit its grammar.
type Error struct {
	Msg  string // what is wrong, to follow the value: "has a wildcard (*) in its host"
	Hint string // what to write instead; may be empty
}

func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + " — " + e.Hint
}

func fail(msg, hint string) *Error { return &Error{Msg: msg, Hint: hint} }
