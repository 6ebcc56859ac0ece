// Package token turns text into the search's words: it splits text into
// tokens, keeps ISINs and numbers whole ("IE00B4L5Y983", "0,20", "2.500"),
// folds case and diacritics so both spellings of an umlaut meet ("Müller"
// and "Mueller" are both "mueller", "Straße" is "strasse"), drops the
// language's most common words and stems the rest (package stem).
//
// The build runs it over every page; the reader's browser runs the same
// rules over the query (themes/klartext/static/js/search.js), which a test
// checks on the same input.
package token

import (
	"unicode"
	"unicode/utf8"
)

// MaxBytes is the longest token kept, folded, in bytes: longer runs of
// letters are URLs, hashes or pasted data, not words anyone searches for.
const MaxBytes = 40

// Scan calls fn for each token of text with its folded form (valid until
// fn returns), where it is in text (byte offsets) and whether it has a
// digit. A token is a run of letters and digits; a '.' or ',' between two
// digits stays in it. Tokens of one letter are left out; a single digit is
// kept.
func Scan(text string, fn func(folded []byte, start, end int, digits bool)) {
	var buf [MaxBytes + 8]byte
	for start, end := nextExtent(text, 0); start < len(text); start, end = nextExtent(text, end) {
		if folded, digits, ok := foldToken(buf[:0], text[start:end]); ok {
			fn(folded, start, end, digits)
		}
	}
}

// nextExtent is the extent of the first run of letters and digits in text
// at or after i (a '.' or ',' between two digits, and combining marks,
// inside it), before the length rules of foldToken; start is len(text)
// when there is none. A loop, not a callback: the analyzer calls it for
// every word of every page.
func nextExtent(text string, i int) (start, end int) {
	for i < len(text) {
		switch asciiClass[text[i]] {
		case letter, digit:
		case nonASCII:
			if c, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(c) {
				i += size
				continue
			}
		default:
			i++
			continue
		}
		break
	}
	start = i
	prevDigit := false
	for i < len(text) {
		switch asciiClass[text[i]] {
		case letter:
			i++
			for i < len(text) && asciiClass[text[i]] == letter {
				i++
			}
			prevDigit = false
		case digit:
			i++
			prevDigit = true
		case numberMark:
			// inside a number: a digit before and after
			if !prevDigit || i+1 >= len(text) || asciiClass[text[i+1]] != digit {
				return start, i
			}
			i++
		case nonASCII:
			c, size := utf8.DecodeRuneInString(text[i:])
			switch {
			case isWordRune(c):
				prevDigit = unicode.IsDigit(c)
			case unicode.Is(unicode.Mn, c):
			default:
				return start, i
			}
			i += size
		default:
			return start, i
		}
	}
	return start, i
}

// foldToken appends the folded form of a token (an extent) to out; ok is
// false for a token too long or of one letter.
func foldToken(out []byte, tok string) (folded []byte, digits, ok bool) {
	runes := 0
	for i := 0; i < len(tok); {
		b := tok[i]
		if b < utf8.RuneSelf {
			out = append(out, asciiLower[b])
			if asciiClass[b] != numberMark {
				runes++
			}
			digits = digits || asciiClass[b] == digit
			i++
		} else {
			c, size := utf8.DecodeRuneInString(tok[i:])
			i += size
			if unicode.Is(unicode.Mn, c) {
				// a combining mark of decomposed text: "u" + U+0308 is "ü"
				if c == '\u0308' && len(out) > 0 && isUmlautBase(out[len(out)-1]) {
					out = append(out, 'e')
				}
				continue
			}
			out = appendFolded(out, c)
			runes++
			digits = digits || unicode.IsDigit(c)
		}
		if len(out) > MaxBytes {
			return out, digits, false
		}
	}
	return out, digits, runes > 1 || digits
}

// The classes of bytes for Scan.
const (
	other      = 0
	letter     = 1 // ASCII
	digit      = 2 // ASCII
	numberMark = 3 // '.' or ','
	nonASCII   = 4 // a byte of a multi-byte UTF-8 sequence
)

var asciiClass, asciiLower = func() (class, lower [256]byte) {
	for b := 0; b < 256; b++ {
		lower[b] = byte(b)
		if b >= utf8.RuneSelf {
			class[b] = nonASCII
			continue
		}
		switch {
		case b >= 'a' && b <= 'z':
			class[b] = letter
		case b >= 'A' && b <= 'Z':
			class[b] = letter
			lower[b] = byte(b) + 'a' - 'A'
		case b >= '0' && b <= '9':
			class[b] = digit
		case b == '.' || b == ',':
			class[b] = numberMark
		}
	}
	return
}()

func isWordRune(c rune) bool {
	if c < utf8.RuneSelf {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c)
}

func isUmlautBase(b byte) bool { return b == 'a' || b == 'o' || b == 'u' }

// HasDigit reports whether a folded token has a digit: ISINs and numbers
// are matched exactly or by their start, never by a misspelling.
func HasDigit(folded []byte) bool {
	for _, b := range folded {
		if b >= '0' && b <= '9' {
			return true
		}
	}
	return false
}

// Fold is the folded form of a word: lower case, ä ö ü as ae oe ue, ß as
// ss, other accents removed ("Yılmaz" is "yilmaz").
func Fold(s string) string {
	out := make([]byte, 0, len(s)+4)
	for _, c := range s {
		out = appendFolded(out, c)
	}
	return string(out)
}

// appendFolded appends c folded.
func appendFolded(out []byte, c rune) []byte {
	if c < utf8.RuneSelf {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		return append(out, byte(c))
	}
	if f, ok := folds[c]; ok {
		return append(out, f...)
	}
	return utf8.AppendRune(out, unicode.ToLower(c))
}

// folds are the letters that fold to other letters: German's umlauts and
// ß, and the accented Latin letters of European names and words.
var folds = func() map[rune]string {
	m := map[rune]string{}
	for _, g := range FoldTable {
		for _, c := range g[1] {
			m[c] = g[0]
		}
	}
	return m
}()

// FoldTable lists, for each folded form, the letters that fold to it. The
// browser's copy in search.js is checked against it.
var FoldTable = [][2]string{
	{"ae", "äÄæÆ"}, {"oe", "öÖœŒøØ"}, {"ue", "üÜ"}, {"ss", "ßẞ"},
	{"a", "àáâãåāăąÀÁÂÃÅĀĂĄ"}, {"c", "çćĉċčÇĆĈĊČ"}, {"d", "ďđðĎĐÐ"},
	{"e", "èéêëēĕėęěÈÉÊËĒĔĖĘĚ"}, {"g", "ĝğġģĜĞĠĢ"}, {"h", "ĥħĤĦ"},
	{"i", "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ"}, {"j", "ĵĴ"}, {"k", "ķĶ"}, {"l", "ĺļľŀłĹĻĽĿŁ"},
	{"n", "ñńņňÑŃŅŇ"}, {"o", "òóôõōŏőÒÓÔÕŌŎŐ"}, {"r", "ŕŗřŔŖŘ"},
	{"s", "śŝşšșŚŜŞŠȘ"}, {"t", "ţťŧțŢŤŦȚ"}, {"u", "ùúûũūŭůűųÙÚÛŨŪŬŮŰŲ"},
	{"w", "ŵŴ"}, {"y", "ýÿŷÝŸŶ"}, {"z", "źżžŹŻŽ"}, {"th", "þÞ"},
}
