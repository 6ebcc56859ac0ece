package diag

import (
	"errors"
	"testing"
)

func TestLocalizeGerman(t *testing.T) {
	d := Warnf("content/a.md", 3, "unknown front matter key %q for %s", "titel", T("a page")).
		WithHint("%s", T("did you mean %s?", "title"))
	en := `content/a.md:3: warning: unknown front matter key "titel" for a page — did you mean title?`
	if got := d.Error(); got != en {
		t.Fatalf("English: %q", got)
	}
	de := `content/a.md:3: Warnung: unbekannter Schlüssel "titel" im Kopfbereich (Front Matter) für eine Seite — Meinten Sie title?`
	for _, lang := range []string{"de", "de-AT", "DE"} {
		if got := d.Localize(lang).Error(); got != de {
			t.Errorf("%s: %q", lang, got)
		}
	}
	// English, a language without a catalog, and "" are today's text.
	for _, lang := range []string{"en", "en-GB", "fr", ""} {
		if got := d.Localize(lang).Error(); got != en {
			t.Errorf("%s: %q, want the English", lang, got)
		}
	}
	// JSON keeps its keys and severity; the message follows the language.
	j := d.Localize("de").JSON()
	if j.Severity != "warning" || j.File != "content/a.md" || j.Line != 3 || j.Message != `unbekannter Schlüssel "titel" im Kopfbereich (Front Matter) für eine Seite` {
		t.Errorf("JSON: %+v", j)
	}
}

func TestLocalizeKeepsWhatItCannotTranslate(t *testing.T) {
	// A message changed after it was made: its format no longer says it.
	d := Errorf("a.md", 1, "the page has no title")
	d.Message += " (and more)"
	if got := d.Localize("de").Message; got != "the page has no title (and more)" {
		t.Errorf("a changed message: %q", got)
	}
	// A diagnostic made without a format.
	if got := (Diagnostic{Message: "bare"}).Localize("de").Message; got != "bare" {
		t.Errorf("a literal: %q", got)
	}
	// A format the catalog lacks (a test's own).
	if got := Errorf("a.md", 1, "no such message %d", 7).Localize("de").Message; got != "no such message 7" {
		t.Errorf("an unknown format: %q", got)
	}
	// An argument that is not a Text stays as it is: a parser's own words.
	if got := Errorf("a.md", 1, "malformed YAML: %v", errors.New("found unexpected end of stream")).Localize("de").Message; got != "fehlerhaftes YAML: found unexpected end of stream" {
		t.Errorf("an error argument: %q", got)
	}
}

func TestWithPlaceIsTranslated(t *testing.T) {
	d := Errorf("p.csv", 4, "%s %q is not a number", "ongoing_costs_pct", "x").WithPlace(T("column %d", 3))
	if d.Message != `ongoing_costs_pct "x" is not a number (column 3)` {
		t.Errorf("English: %q", d.Message)
	}
	if got := d.Localize("de").Message; got != `ongoing_costs_pct "x" ist keine Zahl (Spalte 3)` {
		t.Errorf("German: %q", got)
	}
}

func TestSprintf(t *testing.T) {
	if got := Sprintf("de", "klartext check: %d errors, %d warnings", 2, 1); got != "klartext check: 2 Fehler, 1 Warnungen" {
		t.Errorf("de: %q", got)
	}
	if got := Sprintf("en", "klartext check: %d errors, %d warnings", 2, 1); got != "klartext check: 2 errors, 1 warnings" {
		t.Errorf("en: %q", got)
	}
	if MessageLanguage("de-CH") != "de" || MessageLanguage("fr") != "en" {
		t.Error("MessageLanguage")
	}
}

// word is a Word for the test: its words in English and German.
type word struct{ en, de string }

func (w word) String() string { return w.en }
func (w word) In(lang string) string {
	if lang == "de" {
		return w.de
	}
	return w.en
}

// A Word argument is written in the message's language: its English in
// the English message, its German where Localize writes German.
func TestWordIsInTheMessagesLanguage(t *testing.T) {
	english := word{"English", "Englisch"}
	d := Warnf("content/a.md", 0, "the page has no version in %s (%s)", english, "content/a.en.md").
		WithHint("translate it into that file, with the same front matter keys; until then the site in %s has no such page, or shows the page's facts without its text", english)
	if got, want := d.Error(), "content/a.md: warning: the page has no version in English (content/a.en.md) — translate it into that file, with the same front matter keys; until then the site in English has no such page, or shows the page's facts without its text"; got != want {
		t.Errorf("English:\n%s\nwant\n%s", got, want)
	}
	if got, want := d.Localize("de").Error(), "content/a.md: Warnung: Die Seite hat keine Fassung auf Englisch (content/a.en.md) — Übersetzen Sie sie in diese Datei, mit denselben Schlüsseln im Kopfbereich; bis dahin hat die Website auf Englisch diese Seite nicht oder zeigt ihre Fakten ohne ihren Text"; got != want {
		t.Errorf("German:\n%s\nwant\n%s", got, want)
	}
	if got := Sprintf("de", "the page has no version in %s (%s)", english, "x"); got != "Die Seite hat keine Fassung auf Englisch (x)" {
		t.Errorf("Sprintf: %q", got)
	}
}
