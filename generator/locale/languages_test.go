package locale

import (
	"slices"
	"testing"
)

func TestLanguageName(t *testing.T) {
	for _, tc := range []struct{ code, lang, want string }{
		{"de", "de", "Deutsch"},
		{"en", "de", "Englisch"},
		{"tr", "de", "Türkisch"},
		{"ar", "de", "Arabisch"},
		{"pl", "de", "Polnisch"},
		{"ru", "de", "Russisch"},
		{"uk", "de", "Ukrainisch"},
		{"fr", "de", "Französisch"},
		{"it", "de", "Italienisch"},
		{"es", "de", "Spanisch"},
		{"pt", "de", "Portugiesisch"},
		{"el", "de", "Griechisch"},
		{"hr", "de", "Kroatisch"},
		{"sr", "de", "Serbisch"},
		{"ro", "de", "Rumänisch"},
		{"bg", "de", "Bulgarisch"},
		{"nl", "de", "Niederländisch"},
		{"fa", "de", "Persisch"},
		{"ku", "de", "Kurdisch"},
		{"vi", "de", "Vietnamesisch"},
		{"zh", "de", "Chinesisch"},
		{"ja", "de", "Japanisch"},
		{"gsg", "de", "Deutsche Gebärdensprache (DGS)"},
		{"sgn", "de", "Gebärdensprache"},
		{"de", "en", "German"},
		{"tr", "en-GB", "Turkish"},
		{"gsg", "en", "German Sign Language (DGS)"},
		{"uk", "fr", "Ukrainian"}, // other display languages get English
		{"de-AT", "de", "Deutsch (Österreich)"},
		{"de_ch", "de-DE", "Deutsch (Schweiz)"},
		{"pt-BR", "en", "Portuguese (Brazil)"},
		{"zh-Hant-TW", "de", "Chinesisch"}, // region not listed
		{"sr-Latn", "de", "Serbisch"},
		{"DE", "de", "Deutsch"},
		{" tr ", "de", "Türkisch"},
		{"xx", "de", "xx"},
		{"klingon", "en", "klingon"},
		{"", "de", ""},
	} {
		if got := LanguageName(tc.code, tc.lang); got != tc.want {
			t.Errorf("LanguageName(%q, %q) = %q, want %q", tc.code, tc.lang, got, tc.want)
		}
	}
}

func TestKnownLanguage(t *testing.T) {
	for code, want := range map[string]bool{
		"de": true, "de-AT": true, "gsg": true, "TR": true, "zh-Hans": true,
		"xx": false, "": false, "deu": false, "tk-TR": false,
	} {
		if got := KnownLanguage(code); got != want {
			t.Errorf("KnownLanguage(%q) = %v, want %v", code, got, want)
		}
	}
	// Every entry has both names.
	for _, c := range KnownLanguageCodes() {
		if n := languageNames[c]; n.de == "" || n.en == "" {
			t.Errorf("%s lacks a name: %+v", c, n)
		}
	}
	if !slices.Contains(KnownLanguageCodes(), "gsg") {
		t.Errorf("gsg not listed")
	}
}

func TestJoinNames(t *testing.T) {
	for _, tc := range []struct {
		codes      []string
		lang, want string
	}{
		{[]string{"de", "tr"}, "de", "Deutsch, Türkisch"},
		{[]string{"de", "tr", "gsg"}, "en", "German, Turkish, German Sign Language (DGS)"},
		{[]string{"de"}, "de", "Deutsch"},
		{nil, "de", ""},
	} {
		if got := JoinNames(LanguageNames(tc.codes, tc.lang), tc.lang); got != tc.want {
			t.Errorf("JoinNames(%v, %q) = %q, want %q", tc.codes, tc.lang, got, tc.want)
		}
	}
}
