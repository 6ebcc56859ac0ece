package grammar

import (
	"strings"
	"unicode/utf8"

	"github.com/klartext/klartext/generator/diag"
)

// maxLocalPart is the longest local part RFC 5321 (4.5.3.1.1) allows.
const maxLocalPart = 64

// EmailMaxLen is the longest address Email accepts: RFC 5321's limit of a
// forward path (256 octets, 4.5.3.1.3), less its angle brackets.
const EmailMaxLen = 254

// Email checks an address as klartext publishes it, in a mailto: link, a
// vCard and schema.org data: RFC 5322's addr-spec in its plain form —
// a dot-atom local part, "@", and a domain of at least two host labels —
// and nothing else: no display name, no comment, no quoted local part, no
// domain literal. Of the characters RFC 5322 allows in an atom, those that
// mean something in a mailto: URL (RFC 6068) or must be percent-encoded in
// one are refused too: "?" starts the header fields ("?bcc=" would add a
// hidden recipient), "#" a fragment, "%" an escape, and & / ^ ` { | }.
// What remains is letters, digits and ! $ ' * + - = _ ~, dots between them.
// The whole address has at most EmailMaxLen characters.
//
// It is the one e-mail grammar of klartext: advisors' addresses in front
// matter and the address a reader leaves in the feedback form alike.
func Email(s string) error {
	if s == "" {
		return fail(diag.T("is empty"), diag.T("write the address as name@bank.example"))
	}
	if len(s) > EmailMaxLen {
		return fail(diag.T("is longer than 254 characters, more than a mail server takes"), diag.Text{})
	}
	if strings.ContainsAny(s, "<> \t\"(),;:") {
		return fail(diag.T("is not a plain e-mail address (a name, a comment or a second address is around it)"), diag.T("write only the address, as name@bank.example"))
	}
	if strings.ContainsAny(s, "[]") {
		return fail(diag.T("has a domain literal in brackets, which is no domain name"), diag.T("write the domain's name after the @, as name@bank.example"))
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return fail(diag.T("has no @"), diag.T("write the address as name@bank.example"))
	}
	local, domain := s[:at], s[at+1:]
	if strings.Contains(local, "@") {
		return fail(diag.T("has more than one @"), diag.T("write one address, as name@bank.example"))
	}
	if local == "" {
		return fail(diag.T("has nothing before the @"), diag.T("write the address as name@bank.example"))
	}
	if len(local) > maxLocalPart {
		return fail(diag.T("has more than 64 characters before the @"), diag.Text{})
	}
	for _, atom := range strings.Split(local, ".") {
		if atom == "" {
			return fail(diag.T("has a dot at the start or end of the name, or two dots in a row"), diag.Text{})
		}
		for i := 0; i < len(atom); i++ {
			c := atom[i]
			if c >= utf8.RuneSelf {
				return fail(diag.T("has letters beyond ASCII before the @, which not every mail program can send to"), diag.T("use the bank's ASCII address for the advisor"))
			}
			if !mailAtext(c) {
				return fail(diag.T("has %q before the @, which would change what a mail program does with the link", rune(c)), diag.T("write only the address, as name@bank.example; a ? or # would add fields or hidden recipients"))
			}
		}
	}
	if !strings.Contains(domain, ".") {
		return fail(diag.T("has no domain with a dot after the @"), diag.T("write the address as name@bank.example"))
	}
	if err := Host(domain); err != nil {
		return fail(diag.T("has a domain that %s", err.(*Error).Msg), err.(*Error).Hint)
	}
	if last := domain[strings.LastIndexByte(domain, '.')+1:]; strings.Trim(last, "0123456789") == "" {
		return fail(diag.T("has an IP address after the @"), diag.T("write the bank's domain after the @"))
	}
	return nil
}

// mailAtext reports the atext characters (RFC 5322, 3.2.3) Email accepts.
func mailAtext(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!$'*+-=_~", c) >= 0
}
