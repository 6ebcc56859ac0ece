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
