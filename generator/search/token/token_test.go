package token

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func scan(text string) []string {
	var out []string
	Scan(text, func(f []byte, start, end int, _ bool) { out = append(out, string(f)) })
	return out
}

func TestScan(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"ISIN IE00B4L5Y983, Kosten 0,20 % im Jahr", []string{"isin", "ie00b4l5y983", "kosten", "0,20", "im", "jahr"}},
		{"ab 2.500 Euro, 1,75 %; 10.000,50 €", []string{"ab", "2.500", "euro", "1,75", "10.000,50"}},
		{"Ende. 2024, und 3", []string{"ende", "2024", "und", "3"}},
		{"Müller, MUELLER, Straße, Yılmaz, Ærø", []string{"mueller", "mueller", "strasse", "yilmaz", "aeroe"}},
		{"Mu\u0308ller", []string{"mueller"}}, // decomposed ü
		{"ETF-Sparplan (MSCI World)", []string{"etf", "sparplan", "msci", "world"}},
		{"a b c 1 – x", []string{"1"}},
		{"Kunden's „Zitat“ — „Ende“", []string{"kunden", "zitat", "ende"}},
		{strings.Repeat("x", MaxBytes+1) + " kurz", []string{"kurz"}},
	} {
		if got := scan(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Scan(%q) = %q, want %q", c.text, got, c.want)
		}
	}
	// Letters of any script are words; one letter alone is not.
	if got, want := scan("Ελληνικά и русский"), []string{"ελληνικά", "русский"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Scan = %q, want %q", got, want)
	}
}

func TestScanOffsets(t *testing.T) {
	text := "Über 0,20 %"
	var got [][2]int
	Scan(text, func(f []byte, start, end int, _ bool) { got = append(got, [2]int{start, end}) })
	if want := [][2]int{{0, 5}, {6, 10}}; !reflect.DeepEqual(got, want) {
		t.Errorf("offsets = %v, want %v", got, want)
	}
}

func TestFold(t *testing.T) {
	for _, c := range [][2]string{
		{"Äpfel", "aepfel"}, {"Öl", "oel"}, {"Übung", "uebung"}, {"Fuß", "fuss"}, {"ẞ", "ss"},
		{"Crème brûlée", "creme brulee"}, {"Łódź", "lodz"}, {"Şahin", "sahin"}, {"Dvořák", "dvorak"},
		{"İstanbul", "istanbul"}, {"Þór", "thor"}, {"ABC", "abc"},
	} {
		if got := Fold(c[0]); got != c[1] {
			t.Errorf("Fold(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestFoldTableHasNoLetterTwice(t *testing.T) {
	seen := map[rune]string{}
	for _, g := range FoldTable {
		for _, c := range g[1] {
			if prev, ok := seen[c]; ok {
				t.Errorf("%q folds to %q and to %q", c, prev, g[0])
			}
			seen[c] = g[0]
		}
	}
}

func terms(a *Analyzer, text string) map[string]float32 {
	a.Add(text, 1)
	out := map[string]float32{}
	terms := a.Vocabulary().Terms()
	a.Drain(func(slot int32, w float32) { out[terms[slot]] = w })
	return out
}

func TestAnalyzerGerman(t *testing.T) {
	a := NewAnalyzer("de")
	got := terms(a, "Die Kosten des Festgelds: Kosten, kostet, Festgeld-Treppe. Müller und Mueller. 0,20 DE000RTB0015")
	want := map[string]float32{"kost": 3, "festgeld": 2, "trepp": 1, "festgeldtrepp": 1, "mull": 2, "0,20": 1, "de000rtb0015": 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("terms = %v, want %v", got, want)
	}
	// Drain starts afresh.
	if got := terms(a, "Treppe"); !reflect.DeepEqual(got, map[string]float32{"trepp": 1}) {
		t.Errorf("after Drain: %v", got)
	}
}

func TestAnalyzerEnglishAndOthers(t *testing.T) {
	if got, want := terms(NewAnalyzer("en"), "The costs of running funds"), map[string]float32{"cost": 1, "run": 1, "fund": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("en: %v, want %v", got, want)
	}
	// No stemmer and no stop words for French: words are only folded.
	if got, want := terms(NewAnalyzer("fr"), "Les coûts"), map[string]float32{"les": 1, "couts": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("fr: %v, want %v", got, want)
	}
}

func TestAnalyzerCountsTokensAndWeights(t *testing.T) {
	a := NewAnalyzer("de")
	if n := a.Add("Kosten und Kosten", 2); n != 3 {
		t.Errorf("Add counted %d tokens, want 3", n)
	}
	a.Add("Kosten", 8)
	got := map[string]float32{}
	terms := a.Vocabulary().Terms()
	a.Drain(func(slot int32, w float32) { got[terms[slot]] = w })
	if got["kost"] != 12 {
		t.Errorf("weight = %v, want 12", got["kost"])
	}
}

func TestStopWordsAreFolded(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		for _, w := range StopWords(lang) {
			if Fold(w) != w {
				t.Errorf("%s stop word %q is not folded", lang, w)
			}
		}
	}
}

// BenchmarkAnalyzer weighs the terms of a corpus page's body (the shared
// corpus's words: German and English, with figures).
func BenchmarkAnalyzer(b *testing.B) {
	text := strings.Repeat("Rendite term Zins conditions Sicherheit volatility conditions liquidity honest Ertrag Sicherheit fair investment Laufzeit Beratung volatility plain. Aktie honest Transparenz bond savings interaction transparency deposit yield. Fund Depot Ausgabeaufschlag explained Beratung cost. Die Kosten 0,20 % im Jahr.\n", 12)
	a := NewAnalyzer("de")
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		a.Add(text, 1)
		a.Drain(func(int32, float32) {})
	}
}

func TestAnalyzersShareAVocabulary(t *testing.T) {
	vocab := &Vocabulary{}
	texts := []string{"Kosten Zinsen Festgeld", "Zinsen Rendite Kosten", "Festgeld Rendite Anleihe"}
	var wg sync.WaitGroup
	got := make([]map[string]float32, len(texts))
	for i, text := range texts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = terms(NewSharedAnalyzer("de", vocab), text)
		}()
	}
	wg.Wait()
	for i, text := range texts {
		if want := terms(NewAnalyzer("de"), text); !reflect.DeepEqual(got[i], want) {
			t.Errorf("%q: %v, want %v", text, got[i], want)
		}
	}
	if n := len(vocab.Terms()); n != 5 { // kost, zins, festgeld, rendit, anleih
		t.Errorf("%d terms numbered: %q", n, vocab.Terms())
	}
	if s, ok := vocab.Lookup("kost"); !ok || vocab.Terms()[s] != "kost" {
		t.Errorf("Lookup(kost) = %d, %v", s, ok)
	}
}

func TestWordTableKeepsEveryWord(t *testing.T) {
	var tab wordTable
	words := make([]string, 50000)
	for i := range words {
		words[i] = strconv.Itoa(i*7919) + "x"
		tab.put(hashString(words[i]), words[i], word{slot: int32(i), alpha: i%2 == 0})
	}
	long := strings.Repeat("a", maxTableToken+1)
	tab.put(hashString(long), long, word{slot: 1})
	for i, w := range words {
		if got, ok := tab.get(hashString(w), w); !ok || got != (word{slot: int32(i), alpha: i%2 == 0}) {
			t.Fatalf("%q: %+v, %v", w, got, ok)
		}
	}
	if _, ok := tab.get(hashString(long), long); ok {
		t.Error("a token longer than the table keeps was found")
	}
	if _, ok := tab.get(hashString("nie"), "nie"); ok {
		t.Error("a token never put was found")
	}
}
