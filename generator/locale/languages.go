package locale

import "strings"

// langName is a language's name in German and in English.
type langName struct{ de, en string }

// languageNames maps a BCP 47 primary language subtag (ISO 639-1, or
// ISO 639-3 where there is no two-letter code, as for sign languages) to its
// name. These are the languages advisors list on their cards; add more here.
var languageNames = map[string]langName{
	"am":  {"Amharisch", "Amharic"},
	"ar":  {"Arabisch", "Arabic"},
	"az":  {"Aserbaidschanisch", "Azerbaijani"},
	"bg":  {"Bulgarisch", "Bulgarian"},
	"bn":  {"Bengalisch", "Bengali"},
	"bs":  {"Bosnisch", "Bosnian"},
	"ckb": {"Kurdisch (Sorani)", "Kurdish (Sorani)"},
	"cs":  {"Tschechisch", "Czech"},
	"da":  {"Dänisch", "Danish"},
	"de":  {"Deutsch", "German"},
	"el":  {"Griechisch", "Greek"},
	"en":  {"Englisch", "English"},
	"es":  {"Spanisch", "Spanish"},
	"et":  {"Estnisch", "Estonian"},
	"fa":  {"Persisch", "Persian"},
	"fi":  {"Finnisch", "Finnish"},
	"fr":  {"Französisch", "French"},
	"he":  {"Hebräisch", "Hebrew"},
	"hi":  {"Hindi", "Hindi"},
	"hr":  {"Kroatisch", "Croatian"},
	"hu":  {"Ungarisch", "Hungarian"},
	"hy":  {"Armenisch", "Armenian"},
	"id":  {"Indonesisch", "Indonesian"},
	"it":  {"Italienisch", "Italian"},
	"ja":  {"Japanisch", "Japanese"},
	"ka":  {"Georgisch", "Georgian"},
	"kk":  {"Kasachisch", "Kazakh"},
	"kmr": {"Kurdisch (Kurmandschi)", "Kurdish (Kurmanji)"},
	"ko":  {"Koreanisch", "Korean"},
	"ku":  {"Kurdisch", "Kurdish"},
	"lb":  {"Luxemburgisch", "Luxembourgish"},
	"lt":  {"Litauisch", "Lithuanian"},
	"lv":  {"Lettisch", "Latvian"},
	"mk":  {"Mazedonisch", "Macedonian"},
	"ms":  {"Malaiisch", "Malay"},
	"nb":  {"Norwegisch", "Norwegian"},
	"nl":  {"Niederländisch", "Dutch"},
	"no":  {"Norwegisch", "Norwegian"},
	"pa":  {"Panjabi", "Punjabi"},
	"pl":  {"Polnisch", "Polish"},
	"prs": {"Dari", "Dari"},
	"ps":  {"Paschtu", "Pashto"},
	"pt":  {"Portugiesisch", "Portuguese"},
	"ro":  {"Rumänisch", "Romanian"},
	"ru":  {"Russisch", "Russian"},
	"sk":  {"Slowakisch", "Slovak"},
	"sl":  {"Slowenisch", "Slovenian"},
	"so":  {"Somali", "Somali"},
	"sq":  {"Albanisch", "Albanian"},
	"sr":  {"Serbisch", "Serbian"},
	"sv":  {"Schwedisch", "Swedish"},
	"sw":  {"Swahili", "Swahili"},
	"ta":  {"Tamil", "Tamil"},
	"th":  {"Thailändisch", "Thai"},
	"ti":  {"Tigrinya", "Tigrinya"},
	"tl":  {"Tagalog", "Tagalog"},
	"tr":  {"Türkisch", "Turkish"},
	"uk":  {"Ukrainisch", "Ukrainian"},
	"ur":  {"Urdu", "Urdu"},
	"uz":  {"Usbekisch", "Uzbek"},
	"vi":  {"Vietnamesisch", "Vietnamese"},
	"yi":  {"Jiddisch", "Yiddish"},
	"zh":  {"Chinesisch", "Chinese"},

	// Sign languages (ISO 639-3).
	"sgn": {"Gebärdensprache", "Sign language"},
	"gsg": {"Deutsche Gebärdensprache (DGS)", "German Sign Language (DGS)"},
	"asq": {"Österreichische Gebärdensprache (ÖGS)", "Austrian Sign Language (ÖGS)"},
	"sgg": {"Deutschschweizer Gebärdensprache (DSGS)", "Swiss German Sign Language (DSGS)"},
	"bfi": {"Britische Gebärdensprache (BSL)", "British Sign Language (BSL)"},
	"ase": {"Amerikanische Gebärdensprache (ASL)", "American Sign Language (ASL)"},
}

// regionNames names the regions most often written after a language
// ("de-AT"). A tag with a region not listed here is named by its language.
var regionNames = map[string]langName{
	"AF": {"Afghanistan", "Afghanistan"},
	"AT": {"Österreich", "Austria"},
	"BE": {"Belgien", "Belgium"},
	"BR": {"Brasilien", "Brazil"},
	"CA": {"Kanada", "Canada"},
	"CH": {"Schweiz", "Switzerland"},
	"DE": {"Deutschland", "Germany"},
	"ES": {"Spanien", "Spain"},
	"FR": {"Frankreich", "France"},
	"GB": {"Vereinigtes Königreich", "United Kingdom"},
	"IR": {"Iran", "Iran"},
	"IT": {"Italien", "Italy"},
	"LU": {"Luxemburg", "Luxembourg"},
	"MX": {"Mexiko", "Mexico"},
	"PT": {"Portugal", "Portugal"},
	"US": {"USA", "United States"},
}

// splitTag returns the lower-case primary subtag and the upper-case region
// subtag (two letters; "" when none) of a BCP 47 tag, accepting "_" as a
// separator: "de_at" → "de", "AT"; "zh-Hant-TW" → "zh", "TW".
func splitTag(code string) (primary, region string) {
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

// LanguageName returns the name of the language with the BCP 47 tag code in
// the display language displayLang ("de" or "en"; other languages get the
// English name): LanguageName("tr", "de") is "Türkisch",
// LanguageName("de-AT", "de") is "Deutsch (Österreich)", and
// LanguageName("gsg", "en") is "German Sign Language (DGS)". A region that
// is not listed is left out ("de-LI" is "Deutsch"). An unknown language
// gives code itself, trimmed; check with KnownLanguage to warn.
func LanguageName(code, displayLang string) string {
	primary, region := splitTag(code)
	n, ok := languageNames[primary]
	if !ok {
		return strings.TrimSpace(code)
	}
	german := Primary(displayLang) == "de"
	name := n.en
	if german {
		name = n.de
	}
	if r, ok := regionNames[region]; ok {
		rn := r.en
		if german {
			rn = r.de
		}
		name += " (" + rn + ")"
	}
	return name
}

// KnownLanguage reports whether LanguageName knows the language of the tag
// code (its primary subtag), so the build can warn about a typo such as
// "tk" for "tr".
func KnownLanguage(code string) bool {
	primary, _ := splitTag(code)
	_, ok := languageNames[primary]
	return ok
}

// LanguageNames returns the names of codes in the display language, in the
// order given.
func LanguageNames(codes []string, displayLang string) []string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		out = append(out, LanguageName(c, displayLang))
	}
	return out
}

// KnownLanguageCodes returns the primary subtags LanguageName knows, for
// "did you mean" hints; the order is unspecified.
func KnownLanguageCodes() []string {
	out := make([]string, 0, len(languageNames))
	for c := range languageNames {
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
