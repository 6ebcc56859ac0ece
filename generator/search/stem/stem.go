// Package stem reduces words to their stems with the Snowball algorithms
// for German and English (snowballstem.org, as of Snowball 3.0; German
// includes the apostrophe rule of May 2026), so "Kosten", "kostet" and
// "Kostens" meet in one entry of the search index.
//
// The algorithms are implemented here from their published descriptions;
// the tests check every word of Snowball's published test vocabularies
// (testdata, BSD-licensed, see testdata/COPYING). The reader's browser runs
// the same algorithms in themes/klartext/static/js/search.js, and a test
// compares the two on the same vocabularies.
//
// Why not a library: the Go module that packages Snowball's stemmers
// (blevesearch/snowballstem v0.9.0, 2020) has the algorithms of 2020 — its
// German stemmer does not read "ae", "oe", "ue" as umlauts, so "Mueller"
// and "Müller" would not meet — and the browser needs its own copy anyway.
package stem

import "github.com/klartext/klartext/generator/locale"

// Func stems one word: lower case, as the search's tokens are.
type Func func(word string) string

// For returns the stemmer of a site language ("de", "de-CH", "en-GB"),
// and nil for a language without one: its words are only folded.
func For(lang string) Func {
	switch Name(lang) {
	case "german":
		return German
	case "english":
		return English
	}
	return nil
}

// Name is the stemmer's name for a site language ("german", "english"),
// "" when there is none; the index's meta data carries it to the browser.
func Name(lang string) string {
	switch locale.For(lang).Lang {
	case "de":
		return "german"
	case "en":
		return "english"
	}
	return ""
}

// word is a word being stemmed, with the Snowball regions.
type word struct {
	r      []rune
	p1, p2 int
}

// endsWith reports whether w ends with s.
func (w *word) endsWith(s string) bool {
	return endsWithAt(w.r, len(w.r), s)
}

// endsWithAt reports whether r[:end] ends with s.
func endsWithAt(r []rune, end int, s string) bool {
	n := 0
	for range s {
		n++
	}
	if n > end {
		return false
	}
	i := end - n
	for _, c := range s {
		if r[i] != c {
			return false
		}
		i++
	}
	return true
}

// longest returns the longest of suffixes that r[:end] ends with, "" when
// none does (Snowball's substring/among).
func longest(r []rune, end int, suffixes []string) string {
	best, bestLen := "", -1
	for _, s := range suffixes {
		if n := len([]rune(s)); n > bestLen && endsWithAt(r, end, s) {
			best, bestLen = s, n
		}
	}
	return best
}

// suffixIn returns the longest of suffixes that w ends with, its length
// and where it starts, when it starts in the region from region; "" when
// there is none or it starts before (Snowball's [substring] R among).
func (w *word) suffixIn(suffixes []string, region int) (suffix string, n, start int) {
	suf := longest(w.r, len(w.r), suffixes)
	n = runeLen(suf)
	start = len(w.r) - n
	if suf == "" || start < region {
		return "", 0, len(w.r)
	}
	return suf, n, start
}

func runeLen(s string) int { return len([]rune(s)) }

// replace replaces the last n runes of w with s.
func (w *word) replace(n int, s string) {
	w.r = append(w.r[:len(w.r)-n], []rune(s)...)
}

// nextRegion is where a region starting at i begins: after the first
// non-vowel that follows a vowel ("gopast v gopast non-v"); -1 when there
// is none.
func nextRegion(r []rune, isVowel func(rune) bool, i int) int {
	for i < len(r) && !isVowel(r[i]) {
		i++
	}
	for i < len(r) && isVowel(r[i]) {
		i++
	}
	if i >= len(r) {
		return -1
	}
	return i + 1
}

// regions sets p1 (found, or given when p1 >= 0) and p2 the standard way;
// a region that does not exist starts at the end of the word.
func (w *word) regions(isVowel func(rune) bool, p1 int) {
	w.p1, w.p2 = len(w.r), len(w.r)
	if p1 < 0 {
		if p1 = nextRegion(w.r, isVowel, 0); p1 < 0 {
			return
		}
	}
	w.p1 = p1
	if p2 := nextRegion(w.r, isVowel, p1); p2 >= 0 {
		w.p2 = p2
	}
}
