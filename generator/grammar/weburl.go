package grammar

import (
	"net/url"
	"strings"
	"unicode"

	"github.com/klartext/klartext/generator/diag"
)

// Schemes says which schemes WebURL accepts.
type Schemes int

const (
	// HTTPS accepts https:// only: for addresses a reader follows from
	// the site (a booking link, a product's key information document).
	HTTPS Schemes = iota
	// HTTPSOrLoopback accepts https://, and http:// to this machine
	// (localhost, 127.0.0.0/8) only: for services that receive readers'
	// data (the feedback form's endpoint, a comment service's host). A
	// request to the loopback address never leaves the reader's computer,
	// so nothing travels unencrypted over a network; it lets the tests,
	// and an editor trying the site out, post to a server on their own
	// machine.
	HTTPSOrLoopback
	// HTTPOrHTTPS accepts both: the site's own address (baseURL).
	HTTPOrHTTPS
)

// WebURL checks an absolute web address an editor wrote: the scheme as
// schemes allows, a host per Host, an optional port, no user name or
// password, and no space or control character anywhere (a path with
// letters beyond ASCII is fine; URI encodes it when it is written). It
// returns the parsed address.
func WebURL(raw string, schemes Schemes) (*url.URL, error) {
	if raw == "" {
		return nil, fail(diag.T("is empty"), diag.T("write the full address, e.g. https://www.example-bank.de/"))
	}
	for _, r := range raw {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unsafeFormat(r) {
			return nil, fail(diag.T("has a space or control character in it"), diag.T("write spaces in an address as %%20"))
		}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || !strings.Contains(raw, "//") || u.Host == "" {
		return nil, fail(diag.T("is not an absolute web address"), diag.T("write the full address, e.g. https://www.example-bank.de/"))
	}
	scheme := strings.ToLower(u.Scheme)
	if u.User != nil {
		return nil, fail(diag.T("has a user name or password in it (before the @)"), diag.T("remove that part; an address on a public page must hold no credentials"))
	}
	host, port := u.Hostname(), u.Port()
	if strings.HasPrefix(u.Host, "[") {
		host = u.Host // Host names the IPv6 literal as such
	}
	if strings.HasSuffix(u.Host, ":") {
		return nil, fail(diag.T("ends its host with a colon but gives no port"), diag.T("remove the colon or write the port after it"))
	}
	if err := Host(host); err != nil {
		return nil, err
	}
	if port != "" {
		if err := Port(port); err != nil {
			return nil, err
		}
	}
	switch {
	case scheme == "https":
	case scheme == "http" && schemes == HTTPOrHTTPS:
	case scheme == "http" && schemes == HTTPSOrLoopback && Loopback(host):
	case scheme == "http" && schemes == HTTPSOrLoopback:
		return nil, fail(diag.T("is http://: what readers send would travel unencrypted"), diag.T("use the https:// address of the service (http:// is accepted only for localhost and 127.0.0.1, for testing)"))
	case scheme == "http":
		return nil, fail(diag.T("is http://, not https://"), diag.T("use the https:// address"))
	default:
		want := "https://"
		if schemes == HTTPOrHTTPS {
			want = "http:// or https://"
		}
		return nil, fail(diag.T("is not a web address (%s)", want), diag.T("write the full address, e.g. https://www.example-bank.de/"))
	}
	return u, nil
}

// Origin is the address's scheme, host and port as a CSP source expression
// ("https://comments.example-bank.de:8443"), in lower case. u must have
// passed WebURL, which makes the result a valid host-source.
func Origin(u *url.URL) string {
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
}

// unsafeFormat reports invisible format characters that change how text
// reads: the bidirectional controls, zero-width characters and the BOM.
func unsafeFormat(r rune) bool {
	return unicode.Is(unicode.Cf, r)
}
