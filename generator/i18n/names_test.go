package i18n

import (
	"testing"

	"github.com/klartext/klartext/generator/locale"
)

func TestLanguageName(t *testing.T) {
	for _, tc := range []struct{ code, lang, want string }{
		{"de", "de", "Deutsch"},
		{"en", "de", "Englisch"},
		{"tr", "de", "Türkisch"},
		{"ar", "de", "Arabisch"},
		{"pl", "de", "Polnisch"},
		{"uk", "de", "Ukrainisch"},
		{"fr", "de", "Französisch"},
		{"nl", "de", "Niederländisch"},
		{"gsg", "de", "Deutsche Gebärdensprache (DGS)"},
		{"sgn", "de", "Gebärdensprache"},
		{"de", "en", "German"},
		{"tr", "en-GB", "Turkish"},
		{"gsg", "en", "German Sign Language (DGS)"},
		{"de-AT", "de", "Deutsch (Österreich)"},
		{"de_ch", "de-DE", "Deutsch (Schweiz)"},
		{"pt-BR", "en", "Portuguese (Brazil)"},
		{"zh-Hant-TW", "de", "Chinesisch"}, // region without a name
		{"sr-Latn", "de", "Serbisch"},
		{"DE", "de", "Deutsch"},
		{" tr ", "de", "Türkisch"},
		{"xx", "de", "xx"},
		{"klingon", "en", "klingon"},
		{"", "de", ""},
	} {
		if got := MustBuiltin(tc.lang).LanguageName(tc.code); got != tc.want {
			t.Errorf("LanguageName(%q) in %s = %q, want %q", tc.code, tc.lang, got, tc.want)
		}
	}
	if got := MustBuiltin("en").LanguageNames([]string{"de", "tr", "gsg"}); len(got) != 3 || got[2] != "German Sign Language (DGS)" {
		t.Errorf("LanguageNames = %q", got)
	}
}

// Every language and region klartext knows has its name in every built-in
// translation file.
func TestEveryKnownLanguageHasItsName(t *testing.T) {
	for _, lang := range Languages(builtinFS()) {
		c := MustBuiltin(lang)
		for _, code := range locale.KnownLanguageCodes() {
			if !c.Has("language_" + code) {
				t.Errorf("%s has no language_%s", c.File(), code)
			}
		}
		for _, r := range locale.Regions {
			if !c.Has("region_" + r) {
				t.Errorf("%s has no region_%s", c.File(), r)
			}
		}
	}
}

// A language named in a message is named in the message's language, from
// the built-in theme's names; a code without a name stays the code.
func TestLanguageWord(t *testing.T) {
	for _, tc := range []struct{ code, lang, want string }{
		{"en", "de", "Englisch"},
		{"de", "de", "Deutsch"},
		{"en-GB", "de", "Englisch (Vereinigtes Königreich)"},
		{"fr", "en", "French"},
		{"qaa", "de", "qaa"},
	} {
		if got := LanguageWord(tc.code).In(tc.lang); got != tc.want {
			t.Errorf("LanguageWord(%s).In(%s) = %q, want %q", tc.code, tc.lang, got, tc.want)
		}
	}
	if got := LanguageWord("en").String(); got != "English" {
		t.Errorf("the English is %q", got)
	}
}
