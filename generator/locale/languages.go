package locale

import "strings"

// knownLanguages are the BCP 47 primary language subtags (ISO 639-1, or
// ISO 639-3 where there is no two-letter code, as for sign languages)
// klartext knows: the languages advisors list on their cards and captions
// are written in. Their names are words, in the theme's translation files
// (language_<code>, i18n.Catalog.LanguageName); add a code here and its
// name to every translation file.
var knownLanguages = map[string]bool{
	"am": true, "ar": true, "az": true, "bg": true, "bn": true, "bs": true, "ckb": true, "cs": true,
	"da": true, "de": true, "el": true, "en": true, "es": true, "et": true, "fa": true, "fi": true,
	"fr": true, "he": true, "hi": true, "hr": true, "hu": true, "hy": true, "id": true, "it": true,
	"ja": true, "ka": true, "kk": true, "kmr": true, "ko": true, "ku": true, "lb": true, "lt": true,
	"lv": true, "mk": true, "ms": true, "nb": true, "nl": true, "no": true, "pa": true, "pl": true,
	"prs": true, "ps": true, "pt": true, "ro": true, "ru": true, "sk": true, "sl": true, "so": true,
	"sq": true, "sr": true, "sv": true, "sw": true, "ta": true, "th": true, "ti": true, "tl": true,
	"tr": true, "uk": true, "ur": true, "uz": true, "vi": true, "yi": true, "zh": true, "sgn": true,
	"gsg": true, "asq": true, "sgg": true, "bfi": true, "ase": true,
}

// Regions are the region subtags (ISO 3166) whose names the translation
// files have (region_<code>): the regions most often written after a
// language ("de-AT"). A tag with another region is named by its language.
var Regions = []string{"AF", "AT", "BE", "BR", "CA", "CH", "DE", "ES", "FR", "GB", "IR", "IT", "LU", "MX", "PT", "US"}

// SplitTag returns the lower-case primary subtag and the upper-case region
// subtag (two letters; "" when none) of a BCP 47 tag, accepting "_" as a
// separator: "de_at" → "de", "AT"; "zh-Hant-TW" → "zh", "TW".
func SplitTag(code string) (primary, region string) {
	parts := strings.FieldsFunc(strings.TrimSpace(code), func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 {
		return "", ""
	}
	primary = strings.ToLower(parts[0])
	rest := parts[1:]
	if len(rest) > 0 && len(rest[0]) == 4 { // script subtag
		rest = rest[1:]
	}
	if len(rest) > 0 && len(rest[0]) == 2 {
		region = strings.ToUpper(rest[0])
	}
	return primary, region
}

// KnownLanguage reports whether klartext knows the language of the tag
// code (its primary subtag), so the build can warn about a typo such as
// "tk" for "tr".
func KnownLanguage(code string) bool {
	primary, _ := SplitTag(code)
	return knownLanguages[primary]
}

// KnownLanguageCodes returns the primary subtags klartext knows, for
// "did you mean" hints; the order is unspecified.
func KnownLanguageCodes() []string {
	out := make([]string, 0, len(knownLanguages))
	for c := range knownLanguages {
		out = append(out, c)
	}
	return out
}

// JoinNames joins language names for a sentence or a card:
// "Deutsch, Türkisch, Englisch". The separator is the same in German and
// English; lang is taken so that a language with another list separator
// can be added without changing callers.
func JoinNames(names []string, lang string) string {
	_ = lang
	return strings.Join(names, ", ")
}
