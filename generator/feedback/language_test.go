package feedback

import (
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// A language's feedback: replaces the redirect for its pages, and only
// that: every other key, a list or a bad address is an error at its
// line, a redirect for a provider that sends nobody back a warning.
func TestForLanguage(t *testing.T) {
	site, ds := parseYAML(t, "feedback:\n  provider: form\n  endpoint: https://fb.example.test/submit\n  redirect: https://www.example.test/danke/\n")
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	isso, _ := parseYAML(t, "feedback:\n  provider: isso\n  host: https://comments.example.test\n")
	for _, tc := range []struct {
		name     string
		base     Settings
		src      string // the language's feedback: value
		redirect string
		diag     string // "" for none: line, key and message
	}{
		{"own page", site, "redirect: https://www.example.test/en/danke/", "https://www.example.test/en/danke/", ""},
		{"none given", site, "", "https://www.example.test/danke/", ""},
		{"empty: the receiver's page", site, `redirect: ""`, "", ""},
		{"another key", site, "redirect: https://www.example.test/en/danke/\nendpoint: https://other.example.test/", "https://www.example.test/en/danke/",
			"error 2 feedback.endpoint feedback.endpoint cannot differ by language"},
		{"a list", site, "redirect: [https://www.example.test/en/danke/]", "https://www.example.test/danke/",
			"error 1 feedback.redirect feedback.redirect must be a single value, not a list or mapping"},
		{"not https", site, "redirect: http://www.example.test/en/danke/", "",
			`error 1 feedback.redirect feedback.redirect "http://www.example.test/en/danke/" is http://: what readers send would travel unencrypted`},
		{"not a mapping", site, "https://www.example.test/en/danke/", "https://www.example.test/danke/",
			"error 1  the feedback: of a language must be a mapping"},
		{"provider isso: ignored", isso, "redirect: https://www.example.test/en/danke/", "",
			"warning 1 feedback.redirect feedback.redirect is ignored here: provider isso sends nobody back to a page of the site"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var node *yaml.Node
			if tc.src != "" {
				var doc yaml.Node
				if err := yaml.Unmarshal([]byte(tc.src), &doc); err != nil {
					t.Fatal(err)
				}
				node = doc.Content[0]
			}
			got, ds := tc.base.ForLanguage(node, "content/site.yaml")
			if got.Redirect != tc.redirect {
				t.Errorf("Redirect = %q, want %q", got.Redirect, tc.redirect)
			}
			if got.Endpoint != tc.base.Endpoint || got.Provider != tc.base.Provider {
				t.Errorf("the language changed more than its redirect: %+v", got)
			}
			var msgs []string
			for _, d := range ds {
				msgs = append(msgs, strings.Join([]string{d.Severity.String(), strconv.Itoa(d.Line), d.Key, d.Message}, " "))
			}
			switch {
			case tc.diag == "" && len(ds) > 0:
				t.Errorf("unexpected diagnostics: %q", msgs)
			case tc.diag != "" && (len(ds) != 1 || msgs[0] != tc.diag):
				t.Errorf("diagnostics %q, want the one %q", msgs, tc.diag)
			}
		})
	}
}
