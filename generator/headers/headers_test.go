package headers

import (
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/assethash"
	"github.com/klartext/klartext/generator/diag"
)

// TestHostMatching: the two hosts' documented readings of a rule's path.
func TestHostMatching(t *testing.T) {
	for _, c := range []struct {
		pattern, path       string
		netlify, cloudflare bool
	}{
		{"/", "/", true, true},
		{"/", "/a/", false, false},
		{"/*", "/css/site.3f2a1b9c0d.css", true, true},
		// Netlify drops the trailing slash of a rule: /*/ is /*.
		{"/*/", "/a/b/", true, true},
		{"/*/", "/css/site.3f2a1b9c0d.css", true, false},
		{"/*.html", "/a/b.html", true, true},
		{"/*.html", "/a.css", false, false},
		{"/a/*", "/a/", true, true},
		{"/a/*", "/a/b/c/", true, true},
		{"/a/*", "/ab/", true, false},  // Netlify: "?(.*)", the slash optional
		{"/a/*", "/A/b/", true, false}, // Netlify ignores letter case
		{"/a/:x/", "/a/b/", true, true},
		{"/a/:x/", "/a/b/c/", false, false},
		{"/a/:x/", "/ab/c/", false, false},
		{"/a/b/", "/a/b", true, false},
	} {
		if got := MatchNetlify(c.pattern, c.path); got != c.netlify {
			t.Errorf("Netlify: %s on %s = %v, want %v", c.pattern, c.path, got, c.netlify)
		}
		if got := MatchCloudflare(c.pattern, c.path); got != c.cloudflare {
			t.Errorf("Cloudflare: %s on %s = %v, want %v", c.pattern, c.path, got, c.cloudflare)
		}
	}
}

// cacheControls are the Cache-Control values a host sends for p under
// the file's rules, by its reading of their paths.
func cacheControls(file string, match func(pattern, p string) bool, p string) []string {
	var out []string
	rule := ""
	for _, line := range strings.Split(file, "\n") {
		switch {
		case strings.HasPrefix(line, "/"):
			rule = line
		case strings.HasPrefix(line, "  Cache-Control: ") && match(rule, p):
			out = append(out, strings.TrimPrefix(line, "  Cache-Control: "))
		}
	}
	return out
}

// TestEveryAddressGetsOneCacheControl: on Netlify and on Cloudflare
// Pages, by each one's matching, every page address gets the short
// cache once, every hashed file the immutable one once, and a file in a
// folder without pages none — also where a folder's name begins another's (/a/
// and /ab/) or a hashed file's (/c/ and /css/), and under a base path.
func TestEveryAddressGetsOneCacheControl(t *testing.T) {
	const css, js = "/css/site.3f2a1b9c0d.css", "/js/charts.0123456789.js"
	pages := []string{"/", "/a/", "/a/b/", "/a.html", "/404.html", "/ab/", "/ab/c/d/", "/c/", "/c/x/", "/css-guide/", "/produkte/page/2/"}
	for _, base := range []string{"", "/klartext"} {
		rel := func(p string) string { return base + p }
		data, ds := File(Site{CSP: "default-src 'self'", RelURL: rel, Pages: pages, Hashed: []string{css, js}})
		if len(ds) != 0 {
			t.Fatal(ds)
		}
		file := string(data)
		for host, match := range map[string]func(string, string) bool{"Netlify": MatchNetlify, "Cloudflare Pages": MatchCloudflare} {
			check := func(p string, want []string) {
				if got := cacheControls(file, match, rel(p)); strings.Join(got, "|") != strings.Join(want, "|") {
					t.Errorf("%s, base %q: %s gets Cache-Control %q, want %q\n%s", host, base, p, got, want, file)
				}
			}
			for _, p := range pages {
				check(p, []string{assethash.Short})
			}
			check(css, []string{assethash.Immutable})
			check(js, []string{assethash.Immutable})
			if got := cacheControls(file, match, rel("/img/x.jpg")); len(got) != 0 {
				t.Errorf("%s: /img/x.jpg gets %q", host, got)
			}
		}
	}
}

// parse reads a site.yaml's headers: block.
func parse(t *testing.T, src string) ([]Rule, []diag.Diagnostic) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	return Parse(root.Content[1], "content/site.yaml")
}

// TestParseRefuses: each rule of headers: that is not a header to add
// is an error at its line in site.yaml, saying what to do.
func TestParseRefuses(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
		want string
	}{
		{"headers: {for: /x}", 1, "must be a list of rules"},
		{"headers:\n  - for: x/*\n    values: {A: b}", 2, "must start with /"},
		{"headers:\n  - for: /*/*\n    values: {A: b}", 2, "more than one *"},
		{"headers:\n  - for: /a b\n    values: {A: b}", 2, "a space"},
		{"headers:\n  - values: {A: b}", 2, "needs for:"},
		{"headers:\n  - for: /x\n    values: {A: b}\n    valuez: {C: d}", 4, `unknown key "valuez"`},
		{"headers:\n  - for: /x\n", 2, "needs values:"},
		{"headers:\n  - for: /x\n    values:\n      X Bad: v", 4, "is no header name"},
		{"headers:\n  - for: /x\n    values:\n      X-A: \"a\\r\\nSet-Cookie: x=1\"", 4, "one line of text"},
		{"headers:\n  - for: /x\n    values:\n      X-A: \"\"", 4, "one line of text"},
		{"headers:\n  - for: /x\n    values:\n      X-A: " + strings.Repeat("v", MaxLine), 4, "more than 2000 characters"},
		{"headers:\n  - for: /x\n    values:\n      X-A: a\n      x-a: b", 5, "names x-a twice (first on line 4)"},
		{"headers:\n  - for: /x\n    values: {A: b}\n  - for: /x\n    values: {C: d}", 4, "a rule for /x already (line 2)"},
		{"headers:\n  - for: /*\n    values:\n      Content-Security-Policy: \"script-src *\"", 4, "cannot be changed here"},
		{"headers:\n  - for: /*\n    values:\n      content-security-policy: \"frame-ancestors *\"", 4, "frame-ancestors 'self' included"},
		{"headers:\n  - for: /*\n    values:\n      X-Content-Type-Options: sniff", 4, "cannot be changed or weakened"},
		{"headers:\n  - for: /*\n    values:\n      Referrer-Policy: unsafe-url", 4, "cannot be changed or weakened"},
		{"headers:\n  - for: /*\n    values:\n      Set-Cookie: a=b", 4, "sets no cookies"},
	} {
		rules, ds := parse(t, c.src)
		if len(ds) != 1 || ds[0].Line != c.line || ds[0].File != "content/site.yaml" || !strings.Contains(ds[0].Error(), c.want) {
			t.Errorf("%s\ngot %v, want one error at line %d with %q", c.src, ds, c.line, c.want)
		}
		for _, r := range rules {
			for _, h := range r.Values {
				if strings.EqualFold(h.Name, "content-security-policy") || strings.ContainsAny(h.Value, "\r\n") {
					t.Errorf("%s: kept %v", c.src, h)
				}
			}
		}
	}
	rules, ds := parse(t, "headers:\n  - for: /downloads/*\n    values:\n      X-Robots-Tag: noindex\n      Permissions-Policy: camera=()\n")
	if len(ds) != 0 || len(rules) != 1 || rules[0].For != "/downloads/*" || rules[0].Line != 2 || len(rules[0].Values) != 2 || rules[0].Values[1].Line != 5 {
		t.Errorf("a good rule: %v %+v", ds, rules)
	}
}

// TestExtraRules: site.yaml's rules are written after klartext's, under
// the base path; a Cache-Control that would reach a path klartext caches,
// or a header two rules send to one page, is an error at its line and
// left out.
func TestExtraRules(t *testing.T) {
	site := func(src string) (string, []diag.Diagnostic) {
		t.Helper()
		rules, ds := parse(t, src)
		if len(ds) != 0 {
			t.Fatal(ds)
		}
		data, ds := File(Site{CSP: "default-src 'self'", RelURL: func(p string) string { return "/bank" + p },
			Pages: []string{"/", "/products/", "/products/x/", "/impressum/"}, Hashed: []string{"/css/site.3f2a1b9c0d.css"}, Extra: rules, File: "content/site.yaml"})
		return string(data), ds
	}
	file, ds := site("headers:\n  - for: /downloads/*\n    values:\n      X-Robots-Tag: noindex\n      Cache-Control: public, max-age=86400\n")
	if len(ds) != 0 || !strings.HasSuffix(file, "\n/bank/downloads/*\n  X-Robots-Tag: noindex\n  Cache-Control: public, max-age=86400\n") {
		t.Errorf("%v\n%s", ds, file)
	}
	for _, c := range []struct {
		src  string
		line int
		want string
	}{
		{"headers:\n  - for: /*\n    values:\n      Cache-Control: no-store", 4, "gives a Cache-Control to /css/site.3f2a1b9c0d.css"},
		{"headers:\n  - for: /css/*\n    values:\n      Cache-Control: no-store", 4, "/css/site.3f2a1b9c0d.css"},
		{"headers:\n  - for: /products/*.pdf\n    values:\n      Cache-Control: no-store", 4, "gives a Cache-Control to /products/"},
		// Netlify's /p* and /prod/* match /products/… too.
		{"headers:\n  - for: /p*\n    values:\n      Cache-Control: no-store", 4, "/products/"},
		{"headers:\n  - for: /prod/*\n    values:\n      Cache-Control: no-store", 4, "/products/"},
		{"headers:\n  - for: /\n    values:\n      Cache-Control: no-store", 4, "gives a Cache-Control to /,"},
		{"headers:\n  - for: /*\n    values:\n      X-Robots-Tag: noindex\n  - for: /products/*\n    values:\n      X-Robots-Tag: nofollow", 7, "/products/* and /* (line 2) both send X-Robots-Tag to /products/"},
	} {
		file, ds := site(c.src)
		if len(ds) != 1 || ds[0].Line != c.line || ds[0].File != "content/site.yaml" || !strings.Contains(ds[0].Error(), c.want) {
			t.Errorf("%s\ngot %v, want one error at line %d with %q", c.src, ds, c.line, c.want)
		}
		if strings.Contains(file, "no-store") || strings.Contains(file, "nofollow") {
			t.Errorf("%s: the refused header is written:\n%s", c.src, file)
		}
	}
}

// TestTooManyRules: more rules than Cloudflare Pages reads is a warning.
func TestTooManyRules(t *testing.T) {
	var hashed []string
	for i := 0; i < MaxRules; i++ {
		hashed = append(hashed, assethash.Name("/js/x"+strings.Repeat("a", i)+".js", nil))
	}
	_, ds := File(Site{RelURL: func(p string) string { return p }, Pages: []string{"/"}, Hashed: hashed, File: "content/site.yaml"})
	if len(ds) != 1 || ds[0].Severity != diag.Warning || !strings.Contains(ds[0].Message, "Cloudflare Pages reads 100") {
		t.Errorf("%v", ds)
	}
}

// FuzzParse: whatever site.yaml's headers: hold, the _headers file made
// with them has one rule path or one header per line, a line of
// site.yaml's rules never names a header klartext sends, and the policy
// is sent once.
func FuzzParse(f *testing.F) {
	f.Add("/downloads/*", "X-Robots-Tag", "noindex")
	f.Add("/*", "Content-Security-Policy", "script-src *")
	f.Add("/a\nb", "X-A", "a\r\nSet-Cookie: x")
	f.Add("/*", "Cache-Control", "no-store")
	f.Fuzz(func(t *testing.T, path, name, value string) {
		src := "headers:\n  - for: " + strconv.Quote(path) + "\n    values:\n      " + strconv.Quote(name) + ": " + strconv.Quote(value) + "\n"
		var doc yaml.Node
		if yaml.Unmarshal([]byte(src), &doc) != nil || len(doc.Content) == 0 {
			return
		}
		rules, _ := Parse(doc.Content[0].Content[1], "content/site.yaml")
		data, _ := File(Site{CSP: "default-src 'self'", RelURL: func(p string) string { return p },
			Pages: []string{"/", "/a/"}, Hashed: []string{"/css/site.3f2a1b9c0d.css"}, Extra: rules})
		file := string(data)
		if strings.Count(file, "Content-Security-Policy") != 1 || strings.Count(file, "X-Content-Type-Options") != 1 || strings.Count(file, "Referrer-Policy") != 1 {
			t.Fatalf("a fixed header twice:\n%s", file)
		}
		for _, line := range strings.Split(strings.TrimSuffix(file, "\n"), "\n") {
			if !strings.HasPrefix(line, "/") && !strings.HasPrefix(line, "  ") || strings.ContainsAny(line, "\r\x00") {
				t.Fatalf("line %q:\n%s", line, file)
			}
		}
	})
}
