package diag

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// EscapeText makes s safe to print on one line of a terminal or a CI log:
// control characters (C0, DEL, C1), the line and paragraph separators, the
// Unicode bidirectional controls and bytes that are not UTF-8 are written
// as Go escapes (\n, \x1b, \u202e). A file name with a newline and
// "::error" in it then cannot start a line that GitHub Actions reads as a
// workflow command, an escape sequence cannot repaint the terminal, and a
// right-to-left override cannot make a message read other than it is.
//
// Backslashes are kept as they are: messages quote values with %q, whose
// own escapes must not be doubled.
func EscapeText(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteString(hex2(byte(r)))
		case unsafeRune(r):
			q := strconv.QuoteRuneToASCII(r) // '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafeRune reports the non-ASCII runes EscapeText escapes: C1 controls,
// U+2028 and U+2029 (line breaks to some readers), and the bidirectional
// marks, embeddings, overrides and isolates ("Trojan Source").
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}
