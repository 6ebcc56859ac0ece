package stem

import (
	"testing"

	"github.com/klartext/klartext/generator/sitetest"
)

// TestSearchJSStemsAlike runs search.js's stemmers, which stem the
// reader's query, over the same vocabularies: every word must get the
// stem the build gives it, or a query would miss the pages with it.
func TestSearchJSStemsAlike(t *testing.T) {
	for _, lang := range []string{"german", "english"} {
		voc := vocabulary(t, lang)
		words := make([]string, len(voc))
		for i, p := range voc {
			words[i] = p[0]
		}
		var got []string
		sitetest.RunSearchJS(t, `done(input.words.map(search[input.lang]));`, map[string]any{"lang": lang, "words": words}, &got)
		if len(got) != len(words) {
			t.Fatalf("%s: %d stems for %d words", lang, len(got), len(words))
		}
		bad := 0
		for i, w := range words {
			if got[i] != voc[i][1] {
				if bad++; bad <= 20 {
					t.Errorf("search.js %s(%q) = %q, want %q", lang, w, got[i], voc[i][1])
				}
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d of %d words stemmed differently", lang, bad, len(words))
		}
	}
}
