package i18n

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLookupWithArguments(t *testing.T) {
	c, err := Parse("i18n/de.yaml", "de-DE", []byte("page_of: \"Seite %d von %d\"\nhome: Startseite\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.T("page_of", 2, 5); got != "Seite 2 von 5" {
		t.Errorf("T(page_of) = %q", got)
	}
	if got := c.T("home"); got != "Startseite" {
		t.Errorf("T(home) = %q", got)
	}
	if got := c.T("nope"); got != "nope" {
		t.Errorf("a missing key shows as itself, got %q", got)
	}
	if c.Lang() != "de" || c.File() != "i18n/de.yaml" || c.Line("home") != 2 {
		t.Errorf("Lang %q, File %q, Line(home) %d", c.Lang(), c.File(), c.Line("home"))
	}
}

func TestUnsupportedLanguageIsAnError(t *testing.T) {
	fsys := fstest.MapFS{"i18n/de.yaml": {Data: []byte("home: Startseite\n")}, "i18n/en.yaml": {Data: []byte("home: Home\n")}}
	_, err := Load(fsys, "themes/klartext", "fr")
	var u *UnsupportedError
	if !errors.As(err, &u) {
		t.Fatalf("Load(fr) = %v, want an *UnsupportedError", err)
	}
	for _, want := range []string{"fr", "themes/klartext/i18n/fr.yaml", "de, en"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error %q does not name %q", err, want)
		}
	}
	if !strings.Contains(u.Hint().String(), "de.yaml") {
		t.Errorf("the hint %q does not say which keys a new file needs", u.Hint())
	}
	if c, err := Load(fsys, "themes/klartext", "en-GB"); err != nil || c.T("home") != "Home" {
		t.Errorf("Load(en-GB) = %v, %v", c, err)
	}
}

func TestMissingKeyIsAnErrorNamingKeyAndFile(t *testing.T) {
	ref, _ := Parse("themes/klartext/i18n/de.yaml", "de", []byte("home: Startseite\nback_home: Zur Startseite\nfeed: Feed\n"))
	fr, _ := Parse("themes/klartext/i18n/fr.yaml", "fr", []byte("home: Accueil\nfeed: \"\"\n"))
	ds := Check(fr, ref)
	if len(ds) != 2 {
		t.Fatalf("Check = %v, want 2 errors (a missing and an empty key)", ds)
	}
	msg := ds[0].Error()
	for _, want := range []string{"themes/klartext/i18n/fr.yaml", "back_home", "missing", "Zur Startseite"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q does not name %q", msg, want)
		}
	}
	if !strings.Contains(ds[1].Error(), "feed") || ds[1].Line != 2 {
		t.Errorf("the empty key: %v (line %d)", ds[1], ds[1].Line)
	}
}

// The built-in files have the same keys: the reference (de) names every
// key, and en has each of them and no other.
func TestBuiltinFilesHaveTheSameKeys(t *testing.T) {
	ref := ReferenceCatalog()
	for _, lang := range Languages(builtinFS()) {
		c := MustBuiltin(lang)
		for _, d := range Check(c, ref) {
			t.Error(d)
		}
		for _, d := range Check(ref, c) {
			t.Error(d)
		}
	}
}

// A site's file overrides the built-in file of its language key by key:
// its keys from it (with its file and line for messages), the others from
// the built-in file; Check finds nothing missing.
func TestSiteFileOverridesTheBuiltinFile(t *testing.T) {
	site := fstest.MapFS{"i18n/de.yaml": {Data: []byte("# the site's words\nhome: Anfang\n")}}
	c, err := Load(site, "themes/klartext", "de-AT")
	if err != nil {
		t.Fatal(err)
	}
	builtin := MustBuiltin("de")
	for _, tc := range []struct{ key, text, file string }{
		{"home", "Anfang", "themes/klartext/i18n/de.yaml"},
		{"back_home", builtin.T("back_home"), builtin.File()},
	} {
		if c.T(tc.key) != tc.text || c.FileOf(tc.key) != tc.file {
			t.Errorf("%s: %q from %s, want %q from %s", tc.key, c.T(tc.key), c.FileOf(tc.key), tc.text, tc.file)
		}
	}
	if c.Line("home") != 2 || c.Line("back_home") != builtin.Line("back_home") {
		t.Errorf("Line(home) = %d, Line(back_home) = %d", c.Line("home"), c.Line("back_home"))
	}
	if ds := Check(c, ReferenceCatalog()); len(ds) != 0 {
		t.Errorf("Check = %v, want nothing missing", ds)
	}
	if builtin.T("home") == "Anfang" {
		t.Error("the site's file changed the built-in catalog")
	}
	if c, err := Load(nil, "themes/klartext", "de"); err != nil || c != builtin {
		t.Errorf("without a site file: %v, %v; want the built-in catalog", c, err)
	}
}

// A language without a built-in file has only the site's: each key of
// the reference it lacks is missing, named with the site's file.
func TestSiteFileOfANewLanguageMustBeComplete(t *testing.T) {
	site := fstest.MapFS{"i18n/fr.yaml": {Data: []byte("home: Accueil\n")}}
	c, err := Load(site, "themes/klartext", "fr")
	if err != nil {
		t.Fatal(err)
	}
	ref := ReferenceCatalog()
	ds := Check(c, ref)
	if len(ds) != len(ref.Keys())-1 {
		t.Errorf("Check: %d errors, want one per key but home (%d)", len(ds), len(ref.Keys())-1)
	}
	for _, d := range ds {
		if d.File != "themes/klartext/i18n/fr.yaml" || strings.Contains(d.Message, " home ") {
			t.Errorf("%v", d)
		}
	}
	if _, err := Load(fstest.MapFS{}, "themes/klartext", "fr"); err == nil {
		t.Error("fr without any file loaded")
	}
}
