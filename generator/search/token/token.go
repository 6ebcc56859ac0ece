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
	i := 0
	for i < len(text) {
		b := text[i]
		if b < utf8.RuneSelf {
			if c := asciiClass[b]; c != letter && c != digit {
				i++
				continue
			}
		} else if c, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(c) {
			i += size
			continue
		}
		start := i
		folded := buf[:0]
		runes, digits, prevDigit := 0, false, false
		for i < len(text) {
			b := text[i]
			if b < utf8.RuneSelf {
				switch asciiClass[b] {
				case letter:
					folded = append(folded, asciiLower[b])
					runes++
					prevDigit = false
					i++
					continue
				case digit:
					folded = append(folded, b)
					runes++
					digits, prevDigit = true, true
					i++
					continue
				case numberMark:
					// inside a number: a digit before and after
					if prevDigit && i+1 < len(text) && asciiClass[text[i+1]] == digit {
						folded = append(folded, b)
						i++
						continue
					}
				}
				break
			}
			c, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(c) {
				folded = appendFolded(folded, c)
				runes++
				prevDigit = unicode.IsDigit(c)
				digits = digits || prevDigit
				i += size
				continue
			}
			if unicode.Is(unicode.Mn, c) {
				// a combining mark of decomposed text: "u" + U+0308 is "ü"
				if c == '\u0308' && len(folded) > 0 && isUmlautBase(folded[len(folded)-1]) {
					folded = append(folded, 'e')
				}
				i += size
				continue
			}
			break
		}
		if len(folded) <= MaxBytes && (runes > 1 || digits) {
			fn(folded, start, i, digits)
		}
	}
}

// The classes of ASCII bytes for Scan.
const (
	other      = 0
	letter     = 1
	digit      = 2
	numberMark = 3 // '.' or ','
)

var asciiClass, asciiLower = func() (class, lower [utf8.RuneSelf]byte) {
	for b := 0; b < utf8.RuneSelf; b++ {
		lower[b] = byte(b)
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
