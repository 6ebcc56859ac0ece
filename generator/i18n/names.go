package i18n

import (
	"strings"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/locale"
)

// LanguageName is the name of the language with the BCP 47 tag code in the
// catalog's language, from the keys language_<primary subtag> and
// region_<region>: "Türkisch" for "tr", "Deutsch (Österreich)" for
// "de-AT" in German, "German Sign Language (DGS)" for "gsg" in English. A
// region without a name is left out ("de-LI" is "Deutsch"); a language
// without one gives code itself, trimmed (locale.KnownLanguage warns).
func (c *Catalog) LanguageName(code string) string {
	primary, region := locale.SplitTag(code)
	key := "language_" + primary
	if !c.Has(key) {
		return strings.TrimSpace(code)
	}
	name := c.T(key)
	if region != "" && c.Has("region_"+region) {
		name += " (" + c.T("region_"+region) + ")"
	}
	return name
}

// LanguageNames are the names of codes, in the order given.
func (c *Catalog) LanguageNames(codes []string) []string {
	out := make([]string, 0, len(codes))
	for _, code := range codes {
		out = append(out, c.LanguageName(code))
	}
	return out
}

// LanguageWord is the language code as a message names it (a diag.Word):
// by its name in the message's language, from the built-in theme's
// catalog of that language — "in English", „auf Englisch" — whichever
// language the site is in; its code where that catalog has no name.
func LanguageWord(code string) diag.Word { return languageWord(code) }

type languageWord string

func (w languageWord) String() string { return w.In("en") }

func (w languageWord) In(lang string) string {
	c, err := Builtin(lang)
	if err != nil {
		return strings.TrimSpace(string(w))
	}
	return c.LanguageName(string(w))
}
