package stem

import (
	"bufio"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// vocabulary reads a Snowball test vocabulary: "word stem" per line.
func vocabulary(t testing.TB, name string) [][2]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name+".txt.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		w, s, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			t.Fatalf("%s: bad line %q", name, sc.Text())
		}
		out = append(out, [2]string{w, s})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestVocabularies stems every word of Snowball's published German
// (35,033 words) and English (42,649 words) test vocabularies and demands
// the published stem.
func TestVocabularies(t *testing.T) {
	for _, c := range []struct {
		name string
		stem Func
	}{{"german", German}, {"english", English}} {
		t.Run(c.name, func(t *testing.T) {
			voc := vocabulary(t, c.name)
			bad := 0
			for _, p := range voc {
				if got := c.stem(p[0]); got != p[1] {
					bad++
					if bad <= 20 {
						t.Errorf("%s(%q) = %q, want %q", c.name, p[0], got, p[1])
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d words stemmed differently", bad, len(voc))
			}
		})
	}
}

func TestGermanSpellings(t *testing.T) {
	// Both spellings of an umlaut, and ß or ss, meet in one stem.
	for _, c := range [][2]string{
		{"häuser", "haeuser"}, {"müller", "mueller"}, {"größe", "groesse"}, {"straße", "strasse"},
		{"türkisch", "tuerkisch"}, {"gebühren", "gebuehren"}, {"ausländische", "auslaendische"},
	} {
		if a, b := German(c[0]), German(c[1]); a != b {
			t.Errorf("German(%q) = %q but German(%q) = %q", c[0], a, c[1], b)
		}
	}
	for _, c := range [][2]string{
		{"kosten", "kost"}, {"kostet", "kost"}, {"festgeld", "festgeld"}, {"festgelder", "festgeld"},
		{"festgeldkonto", "festgeldkonto"}, {"sparpläne", "sparplan"}, {"sparplan", "sparplan"},
		{"häuser", "haus"}, {"quelle", "quell"}, {"feuer", "feu"}, {"ab", "ab"}, {"", ""},
	} {
		if got := German(c[0]); got != c[1] {
			t.Errorf("German(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestFor(t *testing.T) {
	for _, c := range []struct{ lang, name string }{
		{"de", "german"}, {"de-CH", "german"}, {"DE_at", "german"}, {"en", "english"}, {"en-GB", "english"},
		{"fr", ""}, {"", "english"},
	} {
		if got := Name(c.lang); got != c.name {
			t.Errorf("Name(%q) = %q, want %q", c.lang, got, c.name)
		}
		if (For(c.lang) == nil) != (c.name == "") {
			t.Errorf("For(%q) nil = %v", c.lang, For(c.lang) == nil)
		}
	}
}

func BenchmarkGerman(b *testing.B) {
	voc := vocabulary(b, "german")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		German(voc[i%len(voc)][0])
	}
}
