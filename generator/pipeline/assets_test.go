package pipeline

import (
	"crypto/sha512"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	klartextheaders "github.com/klartext/klartext/generator/headers"
)

// loadsScript reports whether page loads the theme's script (its own
// name, "/js/video.js") under its hashed name, with integrity, deferred.
func loadsScript(page, script string) bool {
	stem := strings.TrimSuffix(script, ".js")
	return regexp.MustCompile(`<script src="` + regexp.QuoteMeta(stem) + `\.[0-9a-f]{10}\.js" integrity="sha384-[^"]+"[^>]* defer></script>`).MatchString(page)
}

var stylesheet = regexp.MustCompile(`<link rel="stylesheet" href="(/klartext/css/site\.([0-9a-f]{10})\.css)" integrity="(sha384-[^"]+)">`)

// TestAssetsNamedByContent: the theme's stylesheet is written under its
// content's name and referenced with its SHA-384 (checked here against
// the file's bytes); after a change of the stylesheet its address
// changes and the old file is gone. _headers caches the hashed files for
// a year and the pages for ten minutes, never both for one path.
func TestAssetsNamedByContent(t *testing.T) {
	files := minimalSite()
	files["content/site.yaml"] = "title: Testbank\nbaseURL: https://bank.test/klartext/\nlanguage: de\n"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	look := func() (href, sri string) {
		t.Helper()
		if res := build(t, root, dest); res.Diagnostics.Len() != 0 {
			t.Fatal(joinDiags(res))
		}
		m := stylesheet.FindStringSubmatch(read(t, filepath.Join(dest, "glossar", "index.html")))
		if m == nil {
			t.Fatal("no hashed stylesheet with integrity on the page")
		}
		data, err := os.ReadFile(filepath.Join(dest, "css", "site."+m[2]+".css"))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha512.Sum384(data)
		if want := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); strings.ReplaceAll(m[3], "&#43;", "+") != want {
			t.Errorf("integrity %s, the file's SHA-384 is %s", m[3], want)
		}
		return m[1], m[3]
	}
	href, sri := look()
	if _, err := os.Stat(filepath.Join(dest, "css", "site.css")); err == nil {
		t.Error("the stylesheet is written under its own name too")
	}
	headers := read(t, filepath.Join(dest, "_headers"))
	for _, want := range []string{
		"\n/klartext/\n  Cache-Control: public, max-age=600\n",
		"\n/klartext/glossar/*\n  Cache-Control: public, max-age=600\n",
		"\n" + href + "\n  Cache-Control: public, max-age=31536000, immutable\n",
	} {
		if !strings.Contains(headers, want) {
			t.Errorf("_headers lacks %q:\n%s", want, headers)
		}
	}
	// On either host, the stylesheet matches its own rule alone and the
	// page one rule (headers' table test has the rest).
	pageRules := 0
	for _, line := range strings.Split(headers, "\n") {
		if line == "/*" || !strings.HasPrefix(line, "/") {
			continue
		}
		if line != href && klartextheaders.Match(line, href) {
			t.Errorf("the rule %s matches the stylesheet %s too", line, href)
		}
		if klartextheaders.Match(line, "/klartext/glossar/") {
			pageRules++
		}
	}
	if pageRules != 1 {
		t.Errorf("/klartext/glossar/ matches %d cache rules:\n%s", pageRules, headers)
	}

	css := filepath.Join(root, "themes", "klartext", "static", "css", "site.css")
	if err := os.MkdirAll(filepath.Dir(css), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, []byte("body { color: #123; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	href2, sri2 := look()
	if href2 == href || sri2 == sri {
		t.Errorf("after the change the stylesheet is still %s (%s)", href2, sri2)
	}
	if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(href, "/klartext/")))); err == nil {
		t.Errorf("the old stylesheet %s is still there", href)
	}
}

// TestSiteYAMLHeaders: site.yaml's headers: reach _headers after
// klartext's rules, under the base path; one that would change the
// policy, or cache a page, fails the build at its line with what to do,
// and the previous output stays.
func TestSiteYAMLHeaders(t *testing.T) {
	files := minimalSite()
	files["content/site.yaml"] = "title: Testbank\nbaseURL: https://bank.test/klartext/\nlanguage: de\nheaders:\n" +
		"  - for: /docs/*.pdf\n    values:\n      X-Robots-Tag: noindex\n  - for: /*\n    values:\n      Permissions-Policy: camera=()\n"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.Len() != 0 {
		t.Fatal(joinDiags(res))
	}
	if h := read(t, filepath.Join(dest, "_headers")); !strings.HasSuffix(h, "\n/klartext/docs/*.pdf\n  X-Robots-Tag: noindex\n/klartext/*\n  Permissions-Policy: camera=()\n") ||
		strings.Count(h, "Content-Security-Policy") != 1 {
		t.Errorf("_headers:\n%s", h)
	}

	refused(t, put(t, "content/site.yaml", "title: Testbank\nbaseURL: https://bank.test/\nlanguage: de\nheaders:\n  - for: /*\n    values:\n      Content-Security-Policy: \"script-src *\"\n"),
		"content/site.yaml:7: Content-Security-Policy: the Content-Security-Policy is klartext's own, the meta tag's policy of every page (frame-ancestors 'self' included), made from what the pages load — "+
			"it cannot be changed here: the origins a feedback provider needs come in with its feedback: settings, a video host's with its ```video block")
	refused(t, put(t, "content/site.yaml", "title: Testbank\nbaseURL: https://bank.test/\nlanguage: de\nheaders:\n  - for: /docs/*\n    values:\n      Cache-Control: no-store\n"),
		"content/site.yaml:7: the rule for /docs/* gives a Cache-Control to /docs/, which klartext caches itself — "+
			"klartext gives the pages \"public, max-age=600\" and its hashed files \"public, max-age=31536000, immutable\"; a Cache-Control here is for other files (images, downloads) in folders without pages")
}
