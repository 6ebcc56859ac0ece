// Package escape writes text into HTML exactly as html/template's escapers
// do, for the places klartext prints HTML without running a template: the
// quick programs that run the theme's layouts (theme/internal/quick), chart
// figures (chart.Figure.HTML) and the prepared feedback form (build). One
// implementation, so all three print what the template would; the tests
// run html/template on the same hostile input and demand the same bytes.
//
// It covers plain strings (no template.HTML or template.URL values) in the
// contexts those callers write: HTML text, quoted attribute values, RCDATA
// (<title>, <textarea>), URL attributes and parts of URLs. It mirrors
// html/template of the Go release named in theme/internal/quick's
// TestGoReleaseWasReviewed (html.go's htmlReplacementTable, url.go's
// isSafeURL and processURLOnto).
package escape

import (
	"io"
	"strings"
)

// htmlEscapes is html/template's htmlReplacementTable. Every key is one
// ASCII byte, which never occurs inside a multi-byte UTF-8 sequence, so
// replacing bytes is replacing runes, and invalid UTF-8 passes unchanged as
// it does in html/template.
var htmlEscapes = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// HTML is s as html/template prints a plain string in HTML text, in a
// quoted attribute value and in RCDATA (its htmlescaper, attrescaper and
// rcdataescaper). It returns s itself when nothing needs escaping.
func HTML(s string) string { return htmlEscapes.Replace(s) }

// WriteHTML writes HTML(s) to w without building the string. Writing to a
// strings.Builder or a bytes.Buffer does not fail.
func WriteHTML(w io.Writer, s string) { _, _ = htmlEscapes.WriteString(w, s) }

// Failsafe is what html/template prints in place of an unsafe URL.
const Failsafe = "#ZgotmplZ"

// SafeURL reports whether html/template's urlfilter lets s through: a URL
// without a scheme (a path, a fragment, a query), or one whose scheme is
// http, https or mailto, in any case.
func SafeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

// FilterURL is html/template's urlfilter: s where SafeURL, else Failsafe.
func FilterURL(s string) string {
	if SafeURL(s) {
		return s
	}
	return Failsafe
}

// NormalizeURL is html/template's urlnormalizer: bytes that may not stand
// in a URL (spaces, quotes, non-ASCII) percent-encoded, the URL's own
// delimiters and existing escapes kept. It returns s itself when nothing
// needs encoding. The result still needs HTML escaping in an attribute.
func NormalizeURL(s string) string { return processURL(s, true) }

// URLPart is html/template's urlescaper, for a value inside a URL (a
// query parameter): everything but letters, digits and -._~
// percent-encoded. The result needs no further escaping in an attribute.
func URLPart(s string) string { return processURL(s, false) }

// URLAttr is what html/template prints for a plain string as a whole URL
// attribute value (href="{{.}}"): filtered, normalized and HTML-escaped.
func URLAttr(s string) string { return HTML(NormalizeURL(FilterURL(s))) }

// processURL is html/template's processURLOnto: s with the bytes it must
// encode percent-encoded (lower-case hex), or s itself if there are none.
func processURL(s string, norm bool) string {
	i := 0
	for i < len(s) && !mustEncode(s, i, norm) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	written := 0
	for ; i < len(s); i++ {
		if !mustEncode(s, i, norm) {
			continue
		}
		c := s[i]
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(lowerHex[c>>4])
		b.WriteByte(lowerHex[c&15])
		written = i + 1
	}
	b.WriteString(s[written:])
	return b.String()
}

const lowerHex = "0123456789abcdef"

// mustEncode reports whether processURLOnto encodes s[i].
func mustEncode(s string, i int, norm bool) bool {
	c := s[i]
	switch c {
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
		return !norm
	case '-', '.', '_', '~':
		return false
	case '%':
		return !(norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]))
	}
	return !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9')
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
