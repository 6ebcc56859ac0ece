package config

import (
	"strings"
	"testing"
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
		_, ds := Parse([]byte(tc.src))
		found := false
		for _, d := range ds {
			if strings.HasPrefix(d.Error(), tc.want) {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %q, got %v", tc.src, tc.want, ds)
		}
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
