package pipeline

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klartext/klartext/themes"
)

// A language the theme has no translation file for is an error on
// site.yaml's language line, not English words.
func TestUnsupportedLanguageIsAnError(t *testing.T) {
	refused(t, put(t, "content/site.yaml", "title: Testbank\nbaseURL: https://bank.test/\nlanguage: fr\n"),
		"content/site.yaml:3: the language fr is not supported: the theme has no translation file themes/klartext/i18n/fr.yaml (it has de, en) — write language: with one of de, en, or add themes/klartext/i18n/fr.yaml with every key of de.yaml")
}

// A site's own translation file holds only the words it changes: its keys
// override the built-in file of its language, every other word is the
// built-in one's, and the build has no error.
func TestSiteTranslationFileOverridesTheBuiltinOne(t *testing.T) {
	_, dest := builds(t, map[string]string{"themes/klartext/i18n/de.yaml": "skip_to_content: \"Direkt zum Text\"\n"})
	home := read(t, filepath.Join(dest, "index.html"))
	for _, want := range []string{"Direkt zum Text", "Hauptnavigation"} { // the site's word, a built-in one
		if !strings.Contains(home, want) {
			t.Errorf("the home page lacks %q", want)
		}
	}
	if strings.Contains(home, "Zum Inhalt springen") {
		t.Error("the built-in skip_to_content shows beside the site's own")
	}
}

// A key is missing only where neither the site's file nor the built-in
// file of its language has it: a language without a built-in file (fr)
// needs a complete file of the site's, and each key it lacks is an error
// naming the key and that file; an empty text in the site's file is one
// too, on its line.
func TestMissingTranslationKeyIsAnError(t *testing.T) {
	res := refused(t, func(root string) {
		put(t, "themes/klartext/i18n/de.yaml", "skip_to_content: \"Zum Inhalt\"\nhome: \"\"\n")(root)
		put(t, "themes/klartext/i18n/fr.yaml", "skip_to_content: \"Aller au contenu\"\n")(root)
		put(t, "content/site.yaml", "title: Testbank\nbaseURL: https://bank.test/\nlanguage: fr\n")(root)
	}, `themes/klartext/i18n/fr.yaml: the translation key back_home is missing — add back_home: with its fr text (the built-in theme's i18n/de.yaml has "Zur Startseite")`)
	for _, e := range res.Diagnostics.Errors() {
		if strings.Contains(e.Error(), "skip_to_content is missing") {
			t.Errorf("a key the site's file has is reported: %v", e)
		}
	}
	res = refused(t, put(t, "themes/klartext/i18n/de.yaml", "skip_to_content: \"Zum Inhalt\"\nhome: \"\"\n"),
		`themes/klartext/i18n/de.yaml:2: the translation key home is empty — write its de text (the built-in theme's i18n/de.yaml has "Startseite")`)
	for _, e := range res.Diagnostics.Errors() {
		if strings.Contains(e.Error(), "is missing") {
			t.Errorf("a key the built-in de.yaml has is reported missing: %v", e)
		}
	}
}

// A language with a translation file of the site's own but without the
// number formats and the PRIIPs table is an error for each, not English.
func TestLanguageWithoutFormatsOrPRIIPsIsAnError(t *testing.T) {
	en, err := fs.ReadFile(themes.Default, "klartext/i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res := refused(t, func(root string) {
		put(t, "themes/klartext/i18n/fr.yaml", string(en))(root)
		put(t, "content/site.yaml", "title: Testbank\nbaseURL: https://bank.test/\nlanguage: fr\n")(root)
		put(t, "content/data/products.csv", figuresCSVHeader+
			"fonds-a,Fonds A,DE0005140008,mixed-fund,3,5,3.00,0.00,1.20,0.10,-20,-3,3,8,2026-01-15\n")(root)
	}, "content/site.yaml:3: the language fr has no number and date formats in klartext (there are de and en) — write language: de or en, or add the language's formats to generator/locale")
	priips := false
	for _, e := range res.Diagnostics.Errors() {
		priips = priips || strings.Contains(e.Error(), "no reviewed PRIIPs wording in French (there are tables for de, en)")
	}
	if !priips {
		t.Errorf("no error for the missing PRIIPs table: %s", joinDiags(res))
	}
}
