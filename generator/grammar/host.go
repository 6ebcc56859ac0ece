package grammar

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/klartext/klartext/generator/diag"
)

// maxHostLength is the longest DNS name (RFC 1035: 255 octets on the wire,
// 253 written out).
const maxHostLength = 253

// Host checks a host name as a CSP Level 3 host-source allows it, without
// the wildcard: labels of ASCII letters, digits and hyphens (a hyphen not
// first or last, at most 63 characters), joined by single dots, no dot at
// the end; an IPv4 address fits too. Nothing else — no "*", no quote, no
// ";" or ",", no space, no IPv6 literal (CSP has no grammar for one) —
// can get into a policy through a host that passed.
func Host(h string) error {
	switch {
	case h == "":
		return fail(diag.T("has no host name"), diag.T("write the full address, e.g. https://comments.example-bank.de"))
	case strings.Contains(h, "*"):
		return fail(diag.T("has a wildcard (*) in its host"), diag.T("name the one host the service runs on; a wildcard would allow scripts from any site under it"))
	case strings.HasPrefix(h, "["):
		return fail(diag.T("has an IPv6 address as its host, which a Content-Security-Policy cannot name"), diag.T("use the service's host name"))
	case len(h) > maxHostLength:
		return fail(diag.T("has a host name longer than 253 characters"), diag.Text{})
	}
	for i := 0; i < len(h); i++ {
		if h[i] >= utf8.RuneSelf {
			return fail(diag.T("has letters beyond ASCII in its host"), diag.T("write an internationalised domain in its ASCII form (xn--…), as the registrar shows it"))
		}
	}
	for _, label := range strings.Split(h, ".") {
		if err := hostLabel(label); err != nil {
			return err
		}
	}
	return nil
}

func hostLabel(l string) error {
	switch {
	case l == "":
		return fail(diag.T("has an empty part in its host name (two dots, or a dot at the start or end)"), diag.Text{})
	case len(l) > 63:
		return fail(diag.T("has a part of its host name longer than 63 characters"), diag.Text{})
	case l[0] == '-' || l[len(l)-1] == '-':
		return fail(diag.T("has a part of its host name that starts or ends with a hyphen"), diag.Text{})
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return fail(diag.T("has %q in its host, which a host name cannot have", rune(c)), diag.T("a host name has only letters, digits, hyphens and dots"))
		}
	}
	return nil
}

// Port checks a port: 1 to 65535, digits only.
func Port(p string) error {
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 || n > 65535 || strings.TrimLeft(p, "0123456789") != "" {
		return fail(diag.T("has the port %q, which is not a number from 1 to 65535", p), diag.Text{})
	}
	return nil
}

// Loopback reports whether a host is this machine: localhost or an IPv4
// address in 127.0.0.0/8. Requests to it never leave the computer.
func Loopback(h string) bool {
	h = strings.ToLower(h)
	if h == "localhost" {
		return true
	}
	parts := strings.Split(h, ".")
	if len(parts) != 4 || parts[0] != "127" {
		return false
	}
	for _, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 255 || p == "" {
			return false
		}
	}
	return true
}

// LanguageTag checks a language code as BCP 47 writes it, loosely: subtags
// of 2 to 8 ASCII letters or digits joined by hyphens, the first of 2 or 3
// ("de", "en-GB", "gsw"). Providers put it into paths and attributes.
func LanguageTag(l string) error {
	if l == "" {
		return fail(diag.T("is empty"), diag.T("write a language code like de or en-GB"))
	}
	for i, part := range strings.Split(l, "-") {
		if len(part) < 2 || len(part) > 8 || (i == 0 && len(part) > 3) {
			return fail(diag.T("is not a language code"), diag.T("write a language code like de or en-GB"))
		}
		for j := 0; j < len(part); j++ {
			c := part[j]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return fail(diag.T("is not a language code"), diag.T("write a language code like de or en-GB"))
			}
		}
	}
	return nil
}
