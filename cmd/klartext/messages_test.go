package main

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// brokenGermanSite is a new (German) site with a page that has an
// unknown front matter key and a link to a page that does not exist.
func brokenGermanSite(t *testing.T) string {
	dir := newSite(t)
	writeFile(t, dir, "content/kaputt.md", "---\ntitle: Kaputt\ntitel: x\n---\n\nEin [Link](fehlt.md).\n")
	return dir
}

// TestGermanSiteGermanMessages: a German site's build writes its
// messages, the "failed" line and the summary in German, with file and
// line; --lang en writes today's English, byte for byte.
func TestGermanSiteGermanMessages(t *testing.T) {
	dir := brokenGermanSite(t)
	for _, tc := range []struct {
		args            []string
		stderr, summary []string
	}{
		{nil, []string{
			`content/kaputt.md:3: unbekannter Schlüssel "titel" im Kopfbereich (Front Matter) für eine Seite — Meinten Sie title?`,
			`content/kaputt.md:6: Der Link "fehlt.md" zeigt auf eine Seite, die es nicht gibt (content/fehlt.md) — Prüfen Sie den Dateinamen und die ../-Schritte; Links gehen vom Ordner dieser Datei aus`,
			`klartext build: Die Website wurde nicht erstellt; die bisherige Ausgabe blieb unverändert.`,
		}, []string{`^klartext: \d+ Seiten \(.*\), \d+ Dateien, 0 Diagramme, 2 Fehler, 0 Warnungen, 0 übersprungen in \S+$`}},
		{[]string{"--lang", "de"}, nil, []string{` 2 Fehler, 0 Warnungen, `}},
		{[]string{"--lang", "en"}, []string{
			`content/kaputt.md:3: unknown front matter key "titel" for a page — did you mean title?`,
			`content/kaputt.md:6: the link "fehlt.md" points to a page that does not exist (content/fehlt.md) — check the file name and the ../ steps; links are relative to this file's folder`,
			`klartext build: the build failed; the previous output was left as it was.`,
		}, []string{`^klartext: \d+ pages \(.*\), \d+ files, 0 charts, 2 errors, 0 warnings, 0 skipped in \S+$`}},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(append(append([]string{"build"}, tc.args...), "--source", dir), &stdout, &stderr); code != 1 {
			t.Fatalf("%v: exit %d, want 1: %s", tc.args, code, stderr.String())
		}
		if tc.stderr != nil {
			if got := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n"); strings.Join(got, "\n") != strings.Join(tc.stderr, "\n") {
				t.Errorf("%v: stderr\n%s\nwant\n%s", tc.args, stderr.String(), strings.Join(tc.stderr, "\n"))
			}
		}
		for _, re := range tc.summary {
			if !regexp.MustCompile("(?m)" + re).MatchString(stdout.String()) {
				t.Errorf("%v: the summary does not match %s:\n%s", tc.args, re, stdout.String())
			}
		}
	}
}

// TestGermanCheck: check's text (with its "Warnung:" prefix), JSON and
// GitHub output carry German messages on a German site and keep their
// keys; --lang en gives the README's English line.
func TestGermanCheck(t *testing.T) {
	dir := newSite(t)
	const (
		de = "content/impressum.md:9:1: Warnung: Der Platzhalter [[TODO: Straße und Hausnummer]] ist nicht ausgefüllt — Schreiben Sie an seine Stelle, wonach er fragt\n"
		en = "content/impressum.md:9:1: warning: the placeholder [[TODO: Straße und Hausnummer]] is not filled in — write what it asks for in its place\n"
	)
	var stdout, stderr bytes.Buffer
	run([]string{"check", "--source", dir}, &stdout, &stderr)
	if out := stdout.String(); !strings.Contains(out, de) || !regexp.MustCompile(`(?m)^klartext check: 0 Fehler, \d+ Warnungen$`).MatchString(out) {
		t.Errorf("German text:\n%s", out)
	}
	stdout.Reset()
	run([]string{"check", "--lang", "en", "--source", dir}, &stdout, &stderr)
	if out := stdout.String(); !strings.Contains(out, en) || !regexp.MustCompile(`(?m)^klartext check: 0 errors, \d+ warnings$`).MatchString(out) {
		t.Errorf("--lang en:\n%s", out)
	}
	for lang, want := range map[string]string{"": "Der Platzhalter [[TODO: Straße und Hausnummer]] ist nicht ausgefüllt", "en": "the placeholder [[TODO: Straße und Hausnummer]] is not filled in"} {
		stdout.Reset()
		args := []string{"check", "--format", "json", "--source", dir}
		if lang != "" {
			args = append(args, "--lang", lang)
		}
		run(args, &stdout, &stderr)
		var report struct {
			Diagnostics []struct{ Severity, File, Message, Hint string }
		}
		if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
			t.Fatalf("%s: %v: %s", lang, err, stdout.String())
		}
		found := false
		for _, d := range report.Diagnostics {
			found = found || d.Severity == "warning" && d.File == "content/impressum.md" && d.Message == want
		}
		if !found {
			t.Errorf("JSON with --lang %q lacks the warning %q: %s", lang, want, stdout.String())
		}
	}
	stdout.Reset()
	run([]string{"check", "--format", "github", "--source", dir}, &stdout, &stderr)
	if !strings.Contains(stdout.String(), "::warning file=content/impressum.md,line=9,col=1::Der Platzhalter [[TODO: Straße und Hausnummer]] ist nicht ausgefüllt") {
		t.Errorf("GitHub annotations:\n%s", stdout.String())
	}
}

// TestMessagesBeforeSiteYAMLAreEnglish: when site.yaml cannot be read,
// or there is none, the site's language is not known: English, unless
// --lang says.
func TestMessagesBeforeSiteYAMLAreEnglish(t *testing.T) {
	dir := newSite(t)
	writeFile(t, dir, "content/site.yaml", "title: [offen\nlanguage: de\n")
	for lang, want := range map[string]string{"": "content/site.yaml:1: malformed YAML: ", "de": "content/site.yaml:1: fehlerhaftes YAML: "} {
		var stdout, stderr bytes.Buffer
		args := []string{"build", "--source", dir}
		if lang != "" {
			args = append(args, "--lang", lang)
		}
		if code := run(args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), want) {
			t.Errorf("--lang %q: exit %d, want %q in\n%s", lang, code, want, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--lang", "fr-x-", "--source", dir}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "is not a language code like de or en") {
		t.Errorf("a bad --lang: exit %d: %s", code, stderr.String())
	}
	// A folder that is no site has no language either.
	empty := t.TempDir()
	for lang, want := range map[string]string{"": " is not a klartext site (it has no content/site.yaml)", "de": " ist keine klartext-Website (es fehlt content/site.yaml)"} {
		stderr.Reset()
		args := []string{"check", "--source", empty}
		if lang != "" {
			args = append(args, "--lang", lang)
		}
		if code := run(args, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), want) {
			t.Errorf("no site, --lang %q: exit %d, want %q in %s", lang, code, want, stderr.String())
		}
	}
}
