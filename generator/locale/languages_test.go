package locale

import (
	"slices"
	"testing"
)

func TestKnownLanguage(t *testing.T) {
	for code, want := range map[string]bool{
		"de": true, "de-AT": true, "gsg": true, "TR": true, "zh-Hans": true,
		"xx": false, "": false, "deu": false, "tk-TR": false,
	} {
		if got := KnownLanguage(code); got != want {
			t.Errorf("KnownLanguage(%q) = %v, want %v", code, got, want)
		}
	}
	// Their names: i18n.TestEveryKnownLanguageHasItsName.
	if !slices.Contains(KnownLanguageCodes(), "gsg") {
		t.Errorf("gsg not listed")
	}
}

func TestJoinNames(t *testing.T) {
	for _, tc := range []struct {
		names      []string
		lang, want string
	}{
		{[]string{"Deutsch", "Türkisch"}, "de", "Deutsch, Türkisch"},
		{[]string{"German", "Turkish", "German Sign Language (DGS)"}, "en", "German, Turkish, German Sign Language (DGS)"},
		{[]string{"Deutsch"}, "de", "Deutsch"},
		{nil, "de", ""},
	} {
		if got := JoinNames(tc.names, tc.lang); got != tc.want {
			t.Errorf("JoinNames(%v, %q) = %q, want %q", tc.names, tc.lang, got, tc.want)
		}
	}
}
