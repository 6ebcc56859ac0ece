package i18n

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/klartext/klartext/themes"
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
	if !strings.Contains(u.Hint(), "de.yaml") {
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
	for _, lang := range Languages(builtinFS(t)) {
		c := MustBuiltin(lang)
		for _, d := range Check(c, ref) {
			t.Error(d)
		}
		for _, d := range Check(ref, c) {
			t.Error(d)
		}
	}
}

func builtinFS(t *testing.T) fs.FS {
	t.Helper()
	fsys, err := fs.Sub(themes.Default, themes.DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}
