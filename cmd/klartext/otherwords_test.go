package main

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestOtherPackagesWordsInGermanMessages: where a message takes words
// another package made — what is wrong with a value (grammar), why a
// file is refused (fileio's symbolic links, active content and the SVG
// check), the theme's missing language (i18n), what is wrong with an
// alias (redirect) — a German site's build
// says the whole sentence in German, and --lang en the English as before.
func TestOtherPackagesWordsInGermanMessages(t *testing.T) {
	dir := newSite(t)
	yaml := readFile(t, dir, "content/site.yaml")
	yaml = regexp.MustCompile(`(?m)^baseURL:.*$`).ReplaceAllString(yaml, "baseURL: https://*.bank.example/")
	writeFile(t, dir, "content/site.yaml", yaml)
	writeFile(t, dir, "content/rechner.html", "<p>Rechner</p>\n")
	writeFile(t, dir, "content/umzug.md", "---\ntitle: Umzug\naliases: [alte-seite]\n---\nText.\n")
	writeFile(t, dir, "content/bild.svg", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`+"\n")
	outside := filepath.Join(t.TempDir(), "privat.md")
	writeFile(t, filepath.Dir(outside), "privat.md", "geheim\n")
	if err := os.Symlink(outside, filepath.Join(dir, "content", "raus.md")); err != nil {
		t.Fatal(err)
	}
	real, err := filepath.EvalSymlinks(outside)
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string][]string{
		"": {
			"content/bild.svg: Diese Datei wird nicht veröffentlicht: Sie ist ein SVG mit Skript (es hat ein Element <script>) und würde als eigene Website der Bank laufen, außerhalb des Themes und der Content-Security-Policy — Entfernen Sie sie, oder wenn sie unverändert veröffentlicht werden muss, nennen Sie sie in site.yaml: allow_raw: [bild.svg]",
			"content/raus.md: Der symbolische Link zeigt aus dem Ordner content hinaus (auf " + real + ") — Kopieren Sie die Datei nach content/; Links aus der Website hinaus werden abgelehnt, damit nichts Privates veröffentlicht wird",
			"content/rechner.html: Diese Datei wird nicht veröffentlicht: Sie ist rohes HTML und würde als eigene Website der Bank laufen, außerhalb des Themes und der Content-Security-Policy — Schreiben Sie die Seite in Markdown, oder wenn sie unverändert veröffentlicht werden muss, nennen Sie sie in site.yaml: allow_raw: [rechner.html]",
			`content/umzug.md:3: Der Alias "alte-seite" beginnt nicht mit /; schreiben Sie den alten Pfad ab der Wurzel der Website, etwa /alte-seite`,
			`content/site.yaml:11: baseURL muss eine absolute http(s)-Adresse wie https://www.example-bank.de/ sein; "https://*.bank.example/" hat einen Platzhalter (*) im Host — Nennen Sie den einen Host, auf dem der Dienst läuft; ein Platzhalter würde Skripte von jeder Website darunter erlauben`,
		},
		"en": {
			"content/bild.svg: this file is not published: it is an SVG with script (it has a <script> element), which would run as the bank's own site, outside the theme and the Content-Security-Policy — remove it, or if it must be published as it is, name it in site.yaml: allow_raw: [bild.svg]",
			"content/raus.md: symbolic link points outside the content folder (to " + real + ") — copy the file into content/; links out of the site are refused so that nothing private is published",
			"content/rechner.html: this file is not published: it is raw HTML, which would run as the bank's own site, outside the theme and the Content-Security-Policy — write the page in Markdown, or if it must be published as it is, name it in site.yaml: allow_raw: [rechner.html]",
			`content/umzug.md:3: the alias "alte-seite" does not start with /; write the old path from the site's root, like /alte-seite`,
			`content/site.yaml:11: baseURL must be an absolute http(s) URL like https://www.example-bank.de/; "https://*.bank.example/" has a wildcard (*) in its host — name the one host the service runs on; a wildcard would allow scripts from any site under it`,
		},
	} {
		got := buildErrors(t, dir, lang)
		for _, line := range want {
			if !got[line] {
				t.Errorf("--lang %q: the build does not say\n\t%s\nbut:\n%s", lang, line, strings.Join(slices.Sorted(maps.Keys(got)), "\n"))
			}
		}
	}
}

// TestUnsupportedLanguageInGerman: the theme's missing language, in
// German with --lang de, in English on the site itself (fr has no
// catalog).
func TestUnsupportedLanguageInGerman(t *testing.T) {
	dir := newSite(t)
	writeFile(t, dir, "content/site.yaml", "title: Bank\nbaseURL: https://www.example-bank.de/\nlanguage: fr\n")
	const n = 3
	for lang, want := range map[string]string{
		"de": fmt.Sprintf("content/site.yaml:%d: Die Sprache fr wird nicht unterstützt: Das Theme hat keine Übersetzungsdatei themes/klartext/i18n/fr.yaml (es hat de, en) — Schreiben Sie language: mit einer von de, en, oder legen Sie themes/klartext/i18n/fr.yaml mit jedem Schlüssel von de.yaml an", n),
		"":   fmt.Sprintf("content/site.yaml:%d: the language fr is not supported: the theme has no translation file themes/klartext/i18n/fr.yaml (it has de, en) — write language: with one of de, en, or add themes/klartext/i18n/fr.yaml with every key of de.yaml", n),
	} {
		if got := buildErrors(t, dir, lang); !got[want] {
			t.Errorf("--lang %q: the build does not say\n\t%s\nbut:\n%s", lang, want, strings.Join(slices.Sorted(maps.Keys(got)), "\n"))
		}
	}
}

// buildErrors builds the site at dir with --lang lang ("" for none),
// which must fail, and returns the lines it wrote to stderr.
func buildErrors(t *testing.T, dir, lang string) map[string]bool {
	t.Helper()
	var stdout, stderr bytes.Buffer
	args := []string{"build", "--source", dir}
	if lang != "" {
		args = append(args, "--lang", lang)
	}
	if code := run(args, &stdout, &stderr); code != 1 {
		t.Fatalf("--lang %q: exit %d, want 1: %s", lang, code, stderr.String())
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(stderr.String(), "\n") {
		lines[l] = true
	}
	return lines
}

func readFile(t *testing.T, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestMissingThemeInGerman: a theme: that names no folder, in German on
// a German site and in English with --lang en.
func TestMissingThemeInGerman(t *testing.T) {
	dir := newSite(t)
	writeFile(t, dir, "content/site.yaml", "title: Bank\nbaseURL: https://www.example-bank.de/\nlanguage: de\ntheme: fehlt\n")
	for lang, want := range map[string]string{
		"":   `themes/fehlt: Theme "fehlt" nicht gefunden: Die Website hat keinen Ordner themes/fehlt`,
		"en": `themes/fehlt: theme "fehlt" not found: there is no folder themes/fehlt in the site`,
	} {
		if got := buildErrors(t, dir, lang); !got[want] {
			t.Errorf("--lang %q: the build does not say\n\t%s\nbut:\n%s", lang, want, strings.Join(slices.Sorted(maps.Keys(got)), "\n"))
		}
	}
}
