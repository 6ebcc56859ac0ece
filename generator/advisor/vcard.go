package advisor

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxLineOctets is the longest content line RFC 6350 (3.2) allows before
// folding, CRLF not counted.
const maxLineOctets = 75

// VCard returns the advisor's card as a vCard 4.0 (RFC 6350) with CRLF line
// endings, values escaped and long lines folded at 75 octets without
// splitting a UTF-8 sequence. pageURL is the absolute URL of the advisor's
// page (written as URL and UID), photoURL the absolute URL of the photo
// (PHOTO); either may be empty and is then left out.
//
// The output is deterministic: REV is written only when c.Updated is set.
// TEL is written only when c.Phone is an international number (normalise it
// with PhoneE164 first).
func VCard(c Card, pageURL, photoURL string) []byte {
	var w vcardWriter
	w.line("BEGIN", "", "VCARD")
	w.line("VERSION", "", "4.0")
	w.line("KIND", "", "individual")
	w.line("FN", "", escapeText(c.Name))
	family, given := splitName(c.Name)
	w.line("N", "", escapeText(family)+";"+escapeText(given)+";;;")
	if c.Org != "" || c.Branch != "" {
		v := escapeText(c.Org)
		if c.Branch != "" {
			v += ";" + escapeText(c.Branch)
		}
		w.line("ORG", "", v)
	}
	if c.Role != "" {
		w.line("TITLE", "", escapeText(c.Role))
	}
	if c.Email != "" {
		w.line("EMAIL", ";TYPE=work", escapeText(c.Email))
	}
	if tel, err := PhoneE164(c.Phone, ""); err == nil {
		w.line("TEL", ";VALUE=uri;TYPE=work,voice", "tel:"+tel)
	}
	if pageURL != "" {
		w.line("URL", "", uriValue(pageURL))
	}
	if photoURL != "" {
		w.line("PHOTO", "", uriValue(photoURL))
	}
	for i, l := range c.Languages {
		l = strings.TrimSpace(l)
		if l == "" || !isLangTag(l) {
			continue
		}
		w.line("LANG", ";PREF="+strconv.Itoa(min(i+1, 100)), l)
	}
	if c.Specialties != nil {
		var cats []string
		for _, s := range c.Specialties {
			if s = strings.TrimSpace(s); s != "" {
				cats = append(cats, escapeText(s))
			}
		}
		if len(cats) > 0 {
			w.line("CATEGORIES", "", strings.Join(cats, ","))
		}
	}
	if note := c.AdviceModel.Notice(c.Words); note != "" {
		w.line("NOTE", "", escapeText(note))
	}
	if pageURL != "" {
		w.line("UID", "", uriValue(pageURL))
	}
	if !c.Updated.IsZero() {
		w.line("REV", "", c.Updated.UTC().Format("20060102T150405Z"))
	}
	w.line("END", "", "VCARD")
	return w.buf.Bytes()
}

type vcardWriter struct{ buf bytes.Buffer }

func (w *vcardWriter) line(name, params, value string) {
	w.buf.WriteString(fold(name + params + ":" + value))
}

// fold splits a content line into lines of at most 75 octets; every line
// after the first starts with a space, which counts towards the 75. A cut
// never falls inside a UTF-8 sequence. Each line ends in CRLF.
func fold(l string) string {
	var b strings.Builder
	limit := maxLineOctets
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = maxLineOctets - 1
	}
	b.WriteString(l)
	b.WriteString("\r\n")
	return b.String()
}

// escapeText escapes a TEXT value per RFC 6350 3.4: backslash, comma,
// semicolon and newline. A CR (alone or before LF) becomes a newline, other
// control characters are dropped.
var textEscaper = strings.NewReplacer(
	`\`, `\\`,
	",", `\,`,
	";", `\;`,
	"\r\n", `\n`,
	"\n", `\n`,
	"\r", `\n`,
)

func escapeText(s string) string {
	return textEscaper.Replace(dropControls(s, true))
}

// uriValue keeps a URI as it is, without the controls that would end the
// line early; URIs are not escaped (RFC 6350 3.4 escapes TEXT only).
func uriValue(s string) string { return dropControls(strings.TrimSpace(s), false) }

func dropControls(s string, keepNewlines bool) string {
	return strings.Map(func(r rune) rune {
		if keepNewlines && (r == '\n' || r == '\r') {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// splitName splits a full name into family name (the last word) and given
// names (the rest): "Elif Yılmaz-Öztürk" → "Yılmaz-Öztürk", "Elif". It is a
// guess that fits most names; FN carries the name as written.
func splitName(name string) (family, given string) {
	words := strings.Fields(name)
	switch len(words) {
	case 0:
		return "", ""
	case 1:
		return words[0], ""
	}
	return words[len(words)-1], strings.Join(words[:len(words)-1], " ")
}

// isLangTag is a loose BCP 47 check: letters, digits and hyphens.
func isLangTag(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return s != ""
}
