package token

import (
	"reflect"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/sitetest"
)

// TestSearchJSTokensAlike cuts the same texts with search.js, which cuts
// the reader's query: the same tokens, folded alike, or a query would miss
// what the build indexed.
func TestSearchJSTokensAlike(t *testing.T) {
	var all strings.Builder
	for c := rune(0x20); c < 0x250; c++ { // ASCII, Latin-1, Latin Extended-A and B
		all.WriteRune(c)
		all.WriteString("x ")
	}
	texts := []string{
		all.String(),
		"ISIN IE00B4L5Y983, Kosten 0,20 % im Jahr; ab 2.500 Euro, 10.000,50 € am 1.2.2026.",
		"Müller, MUELLER, Mu\u0308ller, Straße, STRASSE, Yılmaz, İstanbul, Łódź, Ærø, Þór, ẞ",
		"ETF-Sparplan (MSCI World) – „Zitat“ ‚halb‘ l’été don't 3,5. Ende, 4,",
		"Ελληνικά и русский 中文 العربية हिन्दी 😀 x" + strings.Repeat("y", MaxBytes) + " z" + strings.Repeat("ä", MaxBytes/2),
		"a b 1 22 ab\tcd\nef\u00a0gh\u2028ij",
	}
	type tok struct {
		Folded, Text string
		Digits       bool
	}
	var want [][]tok
	for _, text := range texts {
		var ts []tok
		Scan(text, func(f []byte, start, end int, digits bool) { ts = append(ts, tok{string(f), text[start:end], digits}) })
		want = append(want, ts)
	}
	var got struct {
		Tokens [][]tok
		Folds  [][2]string
		Fold   []string
	}
	sitetest.RunSearchJS(t, `done({
		Tokens: input.texts.map((s) => search.tokens(s).map((t) => ({Folded: t.folded, Text: s.slice(t.start, t.end), Digits: t.digits}))),
		Folds: search.FOLDS,
		Fold: input.texts.map(search.fold),
	});`, map[string]any{"texts": texts}, &got)
	for i := range texts {
		if !reflect.DeepEqual(got.Tokens[i], want[i]) {
			for k := 0; k < len(want[i]) || k < len(got.Tokens[i]); k++ {
				var g, w tok
				if k < len(got.Tokens[i]) {
					g = got.Tokens[i][k]
				}
				if k < len(want[i]) {
					w = want[i][k]
				}
				if g != w {
					t.Errorf("text %d, token %d: search.js %+v, Go %+v", i, k, g, w)
					break
				}
			}
		}
		if got.Fold[i] != Fold(texts[i]) {
			t.Errorf("text %d: search.js folds to %q, Go to %q", i, got.Fold[i], Fold(texts[i]))
		}
	}
	if !reflect.DeepEqual(got.Folds, FoldTable) {
		t.Errorf("search.js's FOLDS differ from FoldTable")
	}
}
