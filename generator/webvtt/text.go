package webvtt

import (
	"strconv"
	"strings"
)

// PlainText is a cue's text as a reader sees it: tags removed (ruby
// annotations, <rt>, too), character references decoded, lines joined by
// a space. It is what a transcript prints.
func PlainText(text string) string {
	var b strings.Builder
	inRT := 0
	for i := 0; i < len(text); {
		switch c := text[i]; c {
		case '<':
			j := strings.IndexByte(text[i:], '>')
			if j < 0 {
				i = len(text)
				continue
			}
			tag := text[i+1 : i+j]
			switch {
			case tag == "rt" || strings.HasPrefix(tag, "rt.") || strings.HasPrefix(tag, "rt "):
				inRT++
			case tag == "/rt" && inRT > 0:
				inRT--
			}
			i += j + 1
		case '&':
			r, n := charRef(text[i:])
			if inRT == 0 {
				b.WriteString(r)
			}
			i += n
		case '\n':
			if inRT == 0 {
				b.WriteByte(' ')
			}
			i++
		default:
			if inRT == 0 {
				b.WriteByte(c)
			}
			i++
		}
	}
	// Collapse ASCII white space only: a no-break space stays.
	return strings.Join(strings.FieldsFunc(b.String(), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
	}), " ")
}

// Voice is the speaker a cue names in its first voice tag (<v Anna Berg>),
// or "".
func Voice(text string) string {
	for {
		i := strings.Index(text, "<v")
		if i < 0 {
			return ""
		}
		text = text[i+2:]
		j := strings.IndexByte(text, '>')
		if j < 0 {
			return ""
		}
		tag := text[:j]
		if tag != "" && (tag[0] == ' ' || tag[0] == '\t' || tag[0] == '.') {
			if k := strings.IndexAny(tag, " \t"); k >= 0 {
				return strings.TrimSpace(tag[k:])
			}
		}
	}
}

var namedRefs = map[string]string{"amp": "&", "lt": "<", "gt": ">", "lrm": "\u200e", "rlm": "\u200f", "nbsp": "\u00a0", "quot": `"`, "apos": "'"}

// charRef decodes the character reference at the start of s ("&amp;",
// "&#228;", "&#xE4;") and returns it with the bytes it took; an
// unrecognised "&" stands for itself.
func charRef(s string) (string, int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 10 {
		return "&", 1
	}
	name := s[1:end]
	if r, ok := namedRefs[name]; ok {
		return r, end + 1
	}
	if num, ok := strings.CutPrefix(name, "#"); ok {
		base := 10
		if h, ok := strings.CutPrefix(num, "x"); ok {
			num, base = h, 16
		} else if h, ok := strings.CutPrefix(num, "X"); ok {
			num, base = h, 16
		}
		if v, err := strconv.ParseUint(num, base, 32); err == nil && v > 0 && v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF) {
			return string(rune(v)), end + 1
		}
	}
	return "&", 1
}
