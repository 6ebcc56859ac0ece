package index

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// appendFragment appends a document's fragment file: what a result shows.
//
//	{"url":…,"title":…,"kind":…,"summary":…,"text":…,
//	 "product":{"risk":4,"riskLabel":…,"costs":"0,23 %","type":…,"isin":…},
//	 "advisor":{"role":…,"branch":…,"languages":[…]}}
func appendFragment(out []byte, d Doc) []byte {
	out = append(out, `{"url":`...)
	out = appendString(out, d.URL)
	out = append(out, `,"title":`...)
	out = appendString(out, d.Title)
	out = append(out, `,"kind":`...)
	out = appendString(out, d.Kind)
	if d.Summary != "" {
		out = append(out, `,"summary":`...)
		out = appendString(out, d.Summary)
	}
	if text := clip(d.Body, FragmentText); text != "" {
		out = append(out, `,"text":`...)
		out = appendString(out, text)
	}
	if p := d.Product; p != nil {
		out = append(out, `,"product":{"risk":`...)
		out = strconv.AppendInt(out, int64(p.Risk), 10)
		out = append(out, `,"riskLabel":`...)
		out = appendString(out, p.RiskLabel)
		if p.HasCost {
			out = append(out, `,"costs":`...)
			out = appendString(out, p.CostText)
		}
		out = append(out, `,"type":`...)
		out = appendString(out, p.TypeLabel)
		if p.ISIN != "" {
			out = append(out, `,"isin":`...)
			out = appendString(out, p.ISIN)
		}
		out = append(out, '}')
	}
	if a := d.Advisor; a != nil {
		out = append(out, `,"advisor":{"role":`...)
		out = appendString(out, a.Role)
		out = append(out, `,"branch":`...)
		out = appendString(out, a.Branch)
		out = append(out, `,"languages":[`...)
		for i, l := range a.Languages {
			if i > 0 {
				out = append(out, ',')
			}
			name := l.Code
			if len(l.Names) > 0 {
				name = l.Names[0]
			}
			out = appendString(out, name)
		}
		out = append(out, "]}"...)
	}
	return append(out, "}\n"...)
}

// clip cuts s to at most n bytes, at the last space before the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > n/2 {
		cut = sp
	}
	return s[:cut]
}

// appendString appends s as a JSON string: quotes, backslashes and
// control characters escaped, and <, > and & too, as encoding/json does,
// so the file is no markup even to a browser that sniffs; the rest, UTF-8
// included, as it is.
func appendString(out []byte, s string) []byte {
	out = append(out, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !jsonEscaped[c] {
			continue
		}
		out = append(out, s[start:i]...)
		switch c {
		case '"':
			out = append(out, `\"`...)
		case '\\':
			out = append(out, `\\`...)
		case '\n':
			out = append(out, `\n`...)
		case '\t':
			out = append(out, `\t`...)
		default:
			out = append(out, `\u00`...)
			out = append(out, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
		}
		start = i + 1
	}
	out = append(out, s[start:]...)
	return append(out, '"')
}

// jsonEscaped are the bytes appendString escapes: a table, because a
// page's fragment carries up to FragmentText bytes of its text.
var jsonEscaped = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	for _, c := range `"\\<>&` {
		t[c] = true
	}
	return t
}()
