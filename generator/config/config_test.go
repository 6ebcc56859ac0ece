package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/fileio"
)

func TestParse(t *testing.T) {
	s, ds := Parse([]byte("title: Bank\nbaseURL: https://bank.test/sub\nlanguage: de\npagination: 5\n"))
	if len(ds) != 0 || s.BaseURL != "https://bank.test/sub/" || s.BasePath() != "/sub/" || s.Pagination != 5 || s.Theme != "klartext" || s.Currency != "EUR" {
		t.Fatalf("%+v %v", s, ds)
	}
	if got := s.AbsURL("/products/x/"); got != "https://bank.test/sub/products/x/" {
		t.Errorf("AbsURL %s", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"title: B\nbaseURL: https://b.test/\nlanguage: de\ntitel: x\n", `content/site.yaml:4: unknown setting "titel" — did you mean title?`},
		{"title: B\nlanguage: de\n", `content/site.yaml:1: the setting "baseURL" is missing`},
		{"title: B\nbaseURL: /relative/\nlanguage: de\n", "content/site.yaml:2: baseURL must be an absolute http(s) URL"},
		{"title: B\nbaseURL: https://b.test/\nlanguage: deutsch!\n", "content/site.yaml:3: language must be a language code"},
		{"title: B\nbaseURL: https://b.test/\nlanguage: de\npagination: -1\n", "content/site.yaml:4: pagination must be a whole number"},
		{"title: B\nbaseURL: https://b.test/\nlanguage: de\ntheme: ../../etc\n", "content/site.yaml:4: theme must be a plain folder name"},
		{"title: [\n", "content/site.yaml:"},
	} {
		wantParseError(t, tc.src, tc.want)
	}
}

func TestParseAllowRaw(t *testing.T) {
	const head = "title: B\nbaseURL: https://b.test/\nlanguage: de\n"
	s, ds := Parse([]byte(head + "allow_raw:\n  - downloads/rechner.html\n  - .well-known/security.txt\n"))
	want := []Allowance{{"downloads/rechner.html", 5}, {".well-known/security.txt", 6}}
	if len(ds) != 0 || len(s.AllowRaw) != 2 || s.AllowRaw[0] != want[0] || s.AllowRaw[1] != want[1] {
		t.Fatalf("%+v %v", s.AllowRaw, ds)
	}
	for _, tc := range []struct{ src, want string }{
		{"allow_raw: downloads/rechner.html\n", "content/site.yaml:4: allow_raw must be a list of files below content/"},
		{"allow_raw: ['*.html']\n", `content/site.yaml:4: allow_raw names "*.html"; write the path below content/ with forward slashes, without patterns, ../ or a leading /`},
		{"allow_raw: [../secret.html]\n", `content/site.yaml:4: allow_raw names "../secret.html"`},
		{"allow_raw: [/x.html]\n", `content/site.yaml:4: allow_raw names "/x.html"`},
		{"allow_raw: [content/x.html]\n", `content/site.yaml:4: allow_raw names "content/x.html"`},
		{"allow_raw: ['a\\x.html']\n", `content/site.yaml:4: allow_raw names "a\\x.html"`},
		{"allow_raw: [a//x.html]\n", `content/site.yaml:4: allow_raw names "a//x.html"`},
		{"allow_raw:\n  - x.html\n  - x.html\n", "content/site.yaml:6: allow_raw names x.html twice (first on line 5)"},
		{"allow_raw: [[x.html]]\n", "content/site.yaml:4: each entry of allow_raw must be a file name below content/"},
	} {
		_, ds := Parse([]byte(head + tc.src))
		if len(ds) != 1 || !strings.HasPrefix(ds[0].Error(), tc.want) {
			t.Errorf("%q: %v, want %s", tc.src, ds, tc.want)
		}
	}
}

func TestWithBaseURL(t *testing.T) {
	s, ds := Parse([]byte("title: Bank\nbaseURL: https://www.bank.test/\nlanguage: de\n"))
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	staged, err := s.WithBaseURL("https://staging.bank.test/klartext")
	if err != nil {
		t.Fatal(err)
	}
	if staged.BaseURL != "https://staging.bank.test/klartext/" || staged.BasePath() != "/klartext/" || staged.AbsURL("/x/") != "https://staging.bank.test/klartext/x/" {
		t.Errorf("%+v: base path %s", staged, staged.BasePath())
	}
	if s.BasePath() != "/" {
		t.Errorf("the original changed: %s", s.BasePath())
	}
	if u, err := NormalizeBaseURL("https://bank.test/bänk"); err != nil || u != "https://bank.test/b%C3%A4nk/" {
		t.Errorf("NormalizeBaseURL: %q %v", u, err)
	}
	for raw, want := range map[string]string{
		"/klartext/":              `baseURL must be an absolute http(s) URL like https://www.example-bank.de/; "/klartext/" is not an absolute web address`,
		"https://bank.test/?x=1":  `"https://bank.test/?x=1" has a query or fragment (? or #) — the site's address ends with its path`,
		"ftp://bank.test/":        `"ftp://bank.test/"`,
		"https://user@bank.test/": "user name or password",
	} {
		if _, err := s.WithBaseURL(raw); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %s", raw, err, want)
		}
		if _, err := NormalizeBaseURL(raw); err == nil {
			t.Errorf("NormalizeBaseURL(%q) accepted it", raw)
		}
	}
}

func TestLoadMissingAndOverride(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	files, _, err := fileio.Scan(root, "content", nil)
	if err != nil {
		t.Fatal(err)
	}
	// Missing: one diagnostic, and the defaults (a theme that exists).
	s, ds := Load(files)
	if len(ds) != 1 || !strings.HasPrefix(ds[0].Error(), "content/site.yaml: the site settings file is missing") || s.Theme != "klartext" {
		t.Errorf("%+v %v", s, ds)
	}
	if err := os.WriteFile(filepath.Join(root, File), []byte("title: B\nbaseURL: https://www.bank.test/\nlanguage: de\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if files, _, err = fileio.Scan(root, "content", nil); err != nil {
		t.Fatal(err)
	}
	// The command line's --baseURL replaces the loaded one (the load
	// stage applies it, load.Options.BaseURL); the settings loaded stay.
	loaded, ds := Load(files)
	s, berr := loaded.WithBaseURL("https://staging.bank.test/sub/")
	if len(ds) != 0 || berr != nil || s.BaseURL != "https://staging.bank.test/sub/" || s.BasePath() != "/sub/" || s.Language != "de" {
		t.Errorf("with the override: %+v %v %v", s, ds, berr)
	}
	if loaded.BaseURL != "https://www.bank.test/" || loaded.BasePath() != "/" {
		t.Errorf("the loaded settings changed: %s", loaded.BaseURL)
	}
}

func TestParseLanguages(t *testing.T) {
	const head = "title: Bank\nbaseURL: https://bank.test/sub/\n"
	s, ds := Parse([]byte(head + "languages:\n  - de\n  - code: en\n    title: Bank (English)\n    description: Plain words\n"))
	if len(ds) != 0 || !s.Multilingual() || s.Language != "de" || strings.Join(s.LanguageCodes(), ",") != "de,en" {
		t.Fatalf("%+v %v", s, ds)
	}
	de, en := s.ForLanguage(0), s.ForLanguage(1)
	if de.BaseURL != "https://bank.test/sub/" || de.Title != "Bank" || de.Language != "de" {
		t.Errorf("default language: %+v", de)
	}
	if en.BaseURL != "https://bank.test/sub/en/" || en.BasePath() != "/sub/en/" || en.Title != "Bank (English)" || en.Description != "Plain words" ||
		en.Language != "en" || en.LanguageLine != 5 || en.RelURL("/x/") != "/sub/en/x/" {
		t.Errorf("English: %+v base path %s", en, en.BasePath())
	}
	// The files every language shares are the default language's.
	if got := en.FileURL("/css/site.css"); got != "/sub/css/site.css" {
		t.Errorf("English FileURL = %s, want the default's /sub/css/site.css", got)
	}
	if got := en.AbsFileURL("/a/ä.jpg"); got != "https://bank.test/sub/a/%C3%A4.jpg" {
		t.Errorf("English AbsFileURL = %s", got)
	}
	if got := de.FileURL("/css/site.css"); got != de.RelURL("/css/site.css") || de.AbsFileURL("/x.jpg") != de.AbsURL("/x.jpg") {
		t.Errorf("default FileURL = %s, want its RelURL", got)
	}
	// One language in languages: is a site of one language, with the
	// entry's words.
	s, ds = Parse([]byte(head + "languages:\n  - code: en\n    title: Only\n"))
	if len(ds) != 0 || s.Multilingual() || s.Language != "en" || s.Title != "Only" || s.Languages != nil {
		t.Errorf("one language: %+v %v", s, ds)
	}
	for _, tc := range []struct{ src, want string }{
		{"languages: de\n", "content/site.yaml:3: languages must be a list of language codes"},
		{"languages: [de, deutsch!]\n", `content/site.yaml:3: languages: names "deutsch!", which is no language code`},
		{"languages: [de, en, de]\n", "content/site.yaml:3: languages: names de twice (first on line 3)"},
		{"languages:\n  - code: de\n  - titel: x\n", `content/site.yaml:5: unknown key "titel" in a language of languages: — did you mean title?`},
		{"languages:\n  - code: de\n  - title: x\n", "content/site.yaml:5: a language of languages: has no code"},
		{"language: en\nlanguages: [de, en]\n", "content/site.yaml:3: language: en differs from the first of languages:, de"},
		{"", `content/site.yaml:1: the setting "language" is missing`},
	} {
		wantParseError(t, head+tc.src, tc.want)
	}
}

// wantParseError fails unless Parse(src) reports a diagnostic starting
// with want.
func wantParseError(t *testing.T, src, want string) {
	t.Helper()
	_, ds := Parse([]byte(src))
	for _, d := range ds {
		if strings.HasPrefix(d.Error(), want) {
			return
		}
	}
	t.Errorf("%q: want %q, got %v", src, want, ds)
}
