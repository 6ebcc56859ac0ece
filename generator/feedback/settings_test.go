package feedback

import (
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/grammar"
	"gopkg.in/yaml.v3"
)

// parseYAML parses a site.yaml text and hands the `feedback:` value node to
// ParseSettings, as the site settings loader does.
func parseYAML(t *testing.T, src string) (Settings, []diag.Diagnostic) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "feedback" {
			return ParseSettings(root.Content[i+1], "content/site.yaml")
		}
	}
	return ParseSettings(nil, "content/site.yaml")
}

func TestParseSettingsValid(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Settings
	}{
		{"absent", "title: x\n", Settings{Provider: None, Consent: ConsentClick}},
		{"false", "feedback: false\n", Settings{Provider: None, Consent: ConsentClick}},
		{"form", "feedback:\n  provider: form\n  endpoint: https://fb.example.test/submit\n  redirect: https://www.example.test/danke/\n",
			Settings{Provider: Form, Consent: ConsentClick, Endpoint: "https://fb.example.test/submit", Redirect: "https://www.example.test/danke/"}},
		{"isso", "feedback:\n  provider: isso\n  consent: none\n  host: https://comments.example.test/isso/\n",
			Settings{Provider: Isso, Consent: ConsentNone, Host: "https://comments.example.test/isso"}},
		{"remark42", "feedback:\n  provider: remark42\n  host: https://remark.example.test\n  site_id: bank\n  theme: dark\n",
			Settings{Provider: Remark42, Consent: ConsentClick, Host: "https://remark.example.test", SiteID: "bank", Theme: "dark"}},
		{"giscus", "feedback:\n  provider: giscus\n  repo: example-bank/feedback\n  repo_id: R_1\n  category: Seiten\n  category_id: DIC_2\n  lang: de\n",
			Settings{Provider: Giscus, Consent: ConsentClick, Repo: "example-bank/feedback", RepoID: "R_1", Category: "Seiten", CategoryID: "DIC_2", Mapping: "pathname", Lang: "de"}},
		{"utterances", "feedback:\n  provider: utterances\n  repo: example-bank/feedback\n  label: feedback\n",
			Settings{Provider: Utterances, Consent: ConsentClick, Repo: "example-bank/feedback", IssueTerm: "pathname", Label: "feedback"}},
		{"cusdis default host", "feedback:\n  provider: cusdis\n  app_id: abc-123\n",
			Settings{Provider: Cusdis, Consent: ConsentClick, Host: DefaultCusdisHost, AppID: "abc-123"}},
		{"cusdis own host", "feedback:\n  provider: cusdis\n  app_id: abc-123\n  host: https://cusdis.example.test/\n",
			Settings{Provider: Cusdis, Consent: ConsentClick, Host: "https://cusdis.example.test", AppID: "abc-123"}},
		{"none", "feedback:\n  provider: none\n", Settings{Provider: None, Consent: ConsentClick}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ds := parseYAML(t, tt.src)
			if len(ds) > 0 {
				t.Fatalf("unexpected diagnostics: %v", ds)
			}
			if got != tt.want {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseSettingsErrors(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		line    int
		key     string
		message string
		hint    string
	}{
		{"form without endpoint", "title: x\nfeedback:\n  provider: form\n", 3, "feedback.endpoint",
			"feedback.endpoint is required for provider form", ""},
		{"isso without host", "feedback:\n  provider: isso\n", 2, "feedback.host", "feedback.host is required for provider isso", ""},
		{"remark42 without site_id", "feedback:\n  provider: remark42\n  host: https://r.example.test\n", 2, "feedback.site_id",
			"feedback.site_id is required for provider remark42", ""},
		{"giscus without category_id", "feedback:\n  provider: giscus\n  repo: a/b\n  repo_id: R\n  category: C\n", 2, "feedback.category_id",
			"feedback.category_id is required for provider giscus", ""},
		{"utterances without repo", "feedback:\n  provider: utterances\n", 2, "feedback.repo", "feedback.repo is required for provider utterances", ""},
		{"cusdis without app_id", "feedback:\n  provider: cusdis\n", 2, "feedback.app_id", "feedback.app_id is required for provider cusdis", ""},
		{"empty endpoint names its line", "feedback:\n  provider: form\n  endpoint: \"\"\n", 3, "feedback.endpoint",
			"feedback.endpoint is required for provider form", ""},
		{"unknown key suggested", "feedback:\n  provider: form\n  endpiont: https://x.example.test/\n", 3, "feedback.endpiont",
			"feedback.endpiont is not a known setting", "did you mean endpoint?"},
		{"key of another provider", "feedback:\n  provider: isso\n  host: https://i.example.test\n  site_id: x\n", 4, "feedback.site_id",
			"feedback.site_id is not a setting of provider isso", "provider isso takes consent, host, lang, provider, theme"},
		{"unknown provider", "feedback:\n  provider: gisqus\n", 2, "feedback.provider", `feedback.provider "gisqus" is not known`, "did you mean giscus?"},
		{"missing provider", "feedback:\n  endpoint: https://x.example.test\n", 2, "feedback.provider", "feedback.provider is required", ""},
		{"bad consent", "feedback:\n  provider: form\n  endpoint: https://x.example.test\n  consent: clik\n", 4, "feedback.consent",
			`feedback.consent "clik" is not known`, "did you mean click?"},
		{"relative endpoint", "feedback:\n  provider: form\n  endpoint: /submit\n", 3, "feedback.endpoint",
			`feedback.endpoint "/submit" is not an absolute web address`, ""},
		{"host injects a directive", "feedback:\n  provider: isso\n  host: \"https://c.example.test;sandbox\"\n", 3, "feedback.host",
			`feedback.host "https://c.example.test;sandbox" has ';' in its host, which a host name cannot have`, "a host name has only letters, digits, hyphens and dots"},
		{"host is a wildcard", "feedback:\n  provider: remark42\n  site_id: b\n  host: \"https://*\"\n", 4, "feedback.host",
			`feedback.host "https://*" has a wildcard (*) in its host`, "name the one host the service runs on; a wildcard would allow scripts from any site under it"},
		{"host has a wildcard label", "feedback:\n  provider: cusdis\n  app_id: a\n  host: \"https://*.example.test\"\n", 4, "feedback.host",
			`feedback.host "https://*.example.test" has a wildcard (*) in its host`, ""},
		{"http endpoint", "feedback:\n  provider: form\n  endpoint: http://feedback.example.test/submit\n", 3, "feedback.endpoint",
			`feedback.endpoint "http://feedback.example.test/submit" is http://: what readers send would travel unencrypted`, ""},
		{"http redirect", "feedback:\n  provider: form\n  endpoint: https://f.example.test/\n  redirect: http://www.example.test/danke/\n", 4, "feedback.redirect",
			`feedback.redirect "http://www.example.test/danke/" is http://: what readers send would travel unencrypted`, ""},
		{"credentials in the endpoint", "feedback:\n  provider: form\n  endpoint: https://u:p@f.example.test/\n", 3, "feedback.endpoint",
			`feedback.endpoint "https://u:p@f.example.test/" has a user name or password in it (before the @)`, ""},
		{"lang is a path", "feedback:\n  provider: giscus\n  repo: a/b\n  repo_id: R\n  category: C\n  category_id: D\n  lang: ../../x\n", 7,
			"feedback.lang", `feedback.lang "../../x" is not a language code`, ""},
		{"theme with a quote", "feedback:\n  provider: utterances\n  repo: a/b\n  theme: \"x' onload='y\"\n", 4,
			"feedback.theme", `feedback.theme "x' onload='y" is not an id or a name (letters, digits and - _ . =)`, ""},
		{"control character", "feedback:\n  provider: remark42\n  host: https://r.example.test\n  site_id: \"a\\nb\"\n", 4,
			"feedback.site_id", `feedback.site_id "a\nb" has a control character (a line break or tab) in it`, ""},
		{"bad repo", "feedback:\n  provider: utterances\n  repo: just-a-name\n", 3, "feedback.repo",
			`feedback.repo "just-a-name" is not a GitHub repository`, ""},
		{"mapping title", "feedback:\n  provider: giscus\n  repo: a/b\n  repo_id: R\n  category: C\n  category_id: D\n  mapping: title\n", 7,
			"feedback.mapping", `feedback.mapping "title" is not supported`, ""},
		{"list value", "feedback:\n  provider: form\n  endpoint: [a, b]\n", 3, "feedback.endpoint",
			"feedback.endpoint must be a single value, not a list or mapping", ""},
		{"duplicate", "feedback:\n  provider: form\n  endpoint: https://a.example.test\n  endpoint: https://b.example.test\n", 4,
			"feedback.endpoint", "feedback.endpoint is given twice (first on line 3)", ""},
		{"scalar", "feedback: yes please\n", 1, "", "feedback must be a mapping with at least a provider", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := parseYAML(t, tt.src)
			var found *diag.Diagnostic
			for i := range ds {
				if ds[i].Message == tt.message {
					found = &ds[i]
				}
			}
			if found == nil {
				t.Fatalf("no diagnostic %q in %v", tt.message, ds)
			}
			if found.Severity != diag.Error || found.File != "content/site.yaml" || found.Line != tt.line || found.Key != tt.key {
				t.Errorf("got %+v, want error at line %d with key %q", *found, tt.line, tt.key)
			}
			if tt.hint != "" && found.Hint != tt.hint {
				t.Errorf("hint %q, want %q", found.Hint, tt.hint)
			}
		})
	}
}

func TestParseSettingsNoneIgnoresProviderKeys(t *testing.T) {
	s, ds := parseYAML(t, "feedback:\n  provider: none\n  endpoint: https://x.example.test\n")
	if s.Enabled() {
		t.Error("provider none is enabled")
	}
	if len(ds) != 1 || ds[0].Severity != diag.Warning || ds[0].Line != 3 {
		t.Errorf("want one warning at line 3, got %v", ds)
	}
}

func TestOriginsAndCSP(t *testing.T) {
	tests := []struct {
		name                   string
		s                      Settings
		script, frame, connect string
		csp                    string
	}{
		{"none", Settings{Provider: None}, "", "", "",
			"default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; frame-src 'none'; connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'"},
		{"form", Settings{Provider: Form, Endpoint: "https://Feedback.Example-Bank.test/submit?x=1"}, "", "", "https://feedback.example-bank.test",
			"default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; frame-src 'none'; connect-src 'self' https://feedback.example-bank.test; form-action 'self' https://feedback.example-bank.test; base-uri 'self'; object-src 'none'"},
		{"isso", Settings{Provider: Isso, Host: "https://comments.example.test:8443/isso"}, "https://comments.example.test:8443", "", "https://comments.example.test:8443",
			"default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self' https://comments.example.test:8443; frame-src 'none'; connect-src 'self' https://comments.example.test:8443; form-action 'self'; base-uri 'self'; object-src 'none'"},
		{"remark42", Settings{Provider: Remark42, Host: "https://remark.example.test", SiteID: "b"}, "https://remark.example.test", "https://remark.example.test", "https://remark.example.test",
			"default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self' https://remark.example.test; frame-src https://remark.example.test; connect-src 'self' https://remark.example.test; form-action 'self'; base-uri 'self'; object-src 'none'"},
		{"giscus", Settings{Provider: Giscus}, "https://giscus.app", "https://giscus.app", "",
			"default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self' https://giscus.app; script-src 'self' https://giscus.app; frame-src https://giscus.app; connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'"},
		{"utterances", Settings{Provider: Utterances}, "https://utteranc.es", "https://utteranc.es", "",
			"default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self' https://utteranc.es; frame-src https://utteranc.es; connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'"},
		{"cusdis", Settings{Provider: Cusdis, Host: DefaultCusdisHost}, "https://cusdis.com", "https://cusdis.com", "https://cusdis.com",
			"default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self' https://cusdis.com; script-src 'self' https://cusdis.com; frame-src https://cusdis.com; connect-src 'self' https://cusdis.com; form-action 'self'; base-uri 'self'; object-src 'none'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script, frame, connect := tt.s.Origins()
			if g := strings.Join(script, " "); g != tt.script {
				t.Errorf("script %q, want %q", g, tt.script)
			}
			if g := strings.Join(frame, " "); g != tt.frame {
				t.Errorf("frame %q, want %q", g, tt.frame)
			}
			if g := strings.Join(connect, " "); g != tt.connect {
				t.Errorf("connect %q, want %q", g, tt.connect)
			}
			csp := CSP(tt.s)
			if csp != tt.csp {
				t.Errorf("CSP\n got %s\nwant %s", csp, tt.csp)
			}
			if strings.Contains(csp, "unsafe") {
				t.Error("CSP allows unsafe-*")
			}
		})
	}
}

// TestParseSettingsLoopbackHTTP: http:// is accepted for a service on
// this machine (the browser suite posts the form to 127.0.0.1), with a
// warning, and nowhere else.
func TestParseSettingsLoopbackHTTP(t *testing.T) {
	s, ds := parseYAML(t, "feedback:\n  provider: form\n  endpoint: http://127.0.0.1:40123/submit\n  redirect: http://localhost:1313/danke/\n")
	if s.Endpoint != "http://127.0.0.1:40123/submit" || s.Redirect != "http://localhost:1313/danke/" {
		t.Errorf("loopback addresses refused: %+v", s)
	}
	if len(ds) != 2 || ds[0].Severity != diag.Warning || ds[0].Line != 3 || ds[1].Line != 4 ||
		ds[0].Message != `feedback.endpoint "http://127.0.0.1:40123/submit" is http:// on this machine: fine for testing, but readers' browsers would send to their own computer` {
		t.Errorf("want a warning per loopback address, got %v", ds)
	}
	if got := CSP(s); !strings.Contains(got, "form-action 'self' http://127.0.0.1:40123;") {
		t.Errorf("CSP %s", got)
	}
}

// TestParseSettingsKeepsAddressesEncoded: an address with letters beyond
// ASCII in its path is published percent-encoded.
func TestParseSettingsKeepsAddressesEncoded(t *testing.T) {
	s, ds := parseYAML(t, "feedback:\n  provider: isso\n  host: https://c.example.test/kommentare-für-alle/\n")
	if len(ds) != 0 || s.Host != "https://c.example.test/kommentare-f%C3%BCr-alle" {
		t.Errorf("got %q, %v", s.Host, ds)
	}
}

// TestCSPParsesForEveryProvider: the policy of every provider, with the
// video hosts, parses per the policy grammar (grammar.ParsePolicy), and
// each directive klartext relies on is there.
func TestCSPParsesForEveryProvider(t *testing.T) {
	for _, src := range []string{
		"title: x\n",
		"feedback:\n  provider: form\n  endpoint: https://fb.example.test/submit?x=1\n",
		"feedback:\n  provider: isso\n  host: https://comments.example.test:8443/isso/\n",
		"feedback:\n  provider: remark42\n  host: https://remark.example.test\n  site_id: bank\n",
		"feedback:\n  provider: giscus\n  repo: a/b\n  repo_id: R\n  category: C\n  category_id: D\n",
		"feedback:\n  provider: utterances\n  repo: a/b\n",
		"feedback:\n  provider: cusdis\n  app_id: abc\n",
		"feedback:\n  provider: cusdis\n  app_id: abc\n  host: http://127.0.0.1:9999/\n",
	} {
		s, ds := parseYAML(t, src)
		for _, d := range ds {
			if d.Severity == diag.Error {
				t.Fatalf("%s: %v", src, d)
			}
		}
		csp := CSP(s, "https://player.vimeo.com", "https://www.youtube-nocookie.com")
		p, err := grammar.ParsePolicy(csp)
		if err != nil {
			t.Errorf("%s: the policy %q does not parse: %v", src, csp, err)
			continue
		}
		for _, d := range []string{"default-src", "script-src", "style-src", "frame-src", "connect-src", "form-action", "base-uri", "object-src"} {
			if len(p.Sources[d]) == 0 {
				t.Errorf("%s: %s missing in %q", src, d, csp)
			}
		}
	}
}

// TestSettingsMessagesInGerman: a bad feedback setting is reported in
// German on a German site, the value's fault (grammar) and the hint
// included, and in English as before.
func TestSettingsMessagesInGerman(t *testing.T) {
	for _, tc := range []struct{ src, de, en string }{
		{"feedback:\n  provider: isso\n  host: https://*.example.test/\n",
			`content/site.yaml:3:9: feedback.host "https://*.example.test/" hat einen Platzhalter (*) im Host — Nennen Sie den einen Host, auf dem der Dienst läuft; ein Platzhalter würde Skripte von jeder Website darunter erlauben`,
			`content/site.yaml:3:9: feedback.host "https://*.example.test/" has a wildcard (*) in its host — name the one host the service runs on; a wildcard would allow scripts from any site under it`},
		{"feedback:\n  provider: utterances\n  repo: nur-ein-name\n",
			`content/site.yaml:3:9: feedback.repo "nur-ein-name" ist kein GitHub-Repository — Schreiben Sie owner/name, z. B. example-bank/feedback`,
			`content/site.yaml:3:9: feedback.repo "nur-ein-name" is not a GitHub repository — write owner/name, e.g. example-bank/feedback`},
	} {
		_, ds := parseYAML(t, tc.src)
		if len(ds) != 1 {
			t.Fatalf("%q: %d diagnostics, want 1: %v", tc.src, len(ds), ds)
		}
		for lang, want := range map[string]string{"de": tc.de, "en": tc.en} {
			if got := ds[0].Localize(lang).Error(); got != want {
				t.Errorf("%s:\n got %s\nwant %s", lang, got, want)
			}
		}
	}
}
