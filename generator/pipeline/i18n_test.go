package pipeline

import (
	"io/fs"
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

// A site's own translation file that lacks a key the theme uses is an
// error naming the key and the file.
func TestMissingTranslationKeyIsAnError(t *testing.T) {
	res := refused(t, put(t, "themes/klartext/i18n/de.yaml", "skip_to_content: \"Zum Inhalt\"\nhome: \"\"\n"),
		`themes/klartext/i18n/de.yaml: the translation key back_home is missing — add back_home: with its de text (the built-in theme's i18n/de.yaml has "Zur Startseite")`)
	empty := false
	for _, e := range res.Diagnostics.Errors() {
		empty = empty || strings.HasPrefix(e.Error(), "themes/klartext/i18n/de.yaml:2: the translation key home is empty")
	}
	if !empty {
		t.Errorf("no error for the empty key home: %s", joinDiags(res))
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
		priips = priips || strings.Contains(e.Error(), "no reviewed PRIIPs wording in the language fr")
	}
	if !priips {
		t.Errorf("no error for the missing PRIIPs table: %s", joinDiags(res))
	}
}
