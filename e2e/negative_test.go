package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/browsercheck"
	"github.com/klartext/klartext/generator/sitetest"
)

// The suite tests itself: a copy of the site with one property broken on
// purpose must produce a finding that names the page and the rule.

// brokenSite copies the site's content, overrides the theme's baseof.html
// with edit applied to the default one, builds it and returns the output.
func brokenSite(t *testing.T, edit func(string) string) string {
	t.Helper()
	return brokenThemeFile(t, "layouts/_default/baseof.html", edit)
}

// brokenThemeFile is brokenSite for any file of the theme (a path below
// themes/klartext/).
func brokenThemeFile(t *testing.T, file string, edit func(string) string) string {
	t.Helper()
	root := t.TempDir()
	if err := copyTree(filepath.Join(suite.source, "content"), filepath.Join(root, "content")); err != nil {
		t.Fatal(err)
	}
	sitetest.ShareImageCache(t, root, suite.repo)
	orig, err := os.ReadFile(filepath.Join(suite.repo, "themes", "klartext", filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	broken := edit(string(orig))
	if broken == string(orig) {
		t.Fatalf("the edit did not change %s: the theme changed, update the negative test", file)
	}
	override := filepath.Join(root, "themes", "klartext", filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(override), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(override, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(root, "public")
	if err := buildSite(root, public); err != nil {
		t.Fatal(err)
	}
	return public
}

// wantFinding fails unless findings has one for page with rule, whose
// message names both.
func wantFinding(t *testing.T, findings []Finding, page, rule, detail string) {
	t.Helper()
	for _, f := range findings {
		s := f.String()
		if f.Page == page && f.Rule == rule && strings.Contains(f.Detail, detail) &&
			strings.Contains(s, page) && strings.Contains(s, rule) {
			t.Logf("the suite reports: %s", s)
			return
		}
	}
	t.Errorf("no finding %s on %s (with %q); got %d findings:", rule, page, detail, len(findings))
	for _, f := range findings {
		t.Errorf("  %s", f)
	}
}

func homePage() page { return page{Kind: "home", Path: "/", Name: "home"} }

func TestNegativeImageWithoutAlt(t *testing.T) {
	needBrowser(t)
	public := brokenSite(t, func(s string) string {
		return strings.Replace(s, `{{block "main" .}}{{end}}`, `{{block "main" .}}{{end}}<img src="x.png">`, 1)
	})
	srv, err := browsercheck.StartServer(public, "/")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	v, err := browsercheck.Load(suite.browser, srv.URL, homePage(), desktop, suite.axeSource, false)
	if err != nil {
		t.Fatal(err)
	}
	wantFinding(t, browsercheck.Axe(v), "/", "axe:image-alt", `<img src="x.png">`)
}

func TestNegativeDuplicateID(t *testing.T) {
	needNode(t)
	public := brokenSite(t, func(s string) string {
		return strings.Replace(s, `</main>`,
			`</main><p id="twice">one</p><p id="twice">two</p>`, 1)
	})
	findings, err := htmlValidate(public, []string{filepath.Join(public, "index.html")})
	if err != nil {
		t.Fatal(err)
	}
	wantFinding(t, findings, "/index.html", "html-validate:no-dup-id", `"twice"`)
}

func TestNegativeExternalFont(t *testing.T) {
	needBrowser(t)
	public := brokenSite(t, func(s string) string {
		return strings.Replace(s, `</head>`,
			`<link rel="stylesheet" href="https://fonts.example.test/x.css"></head>`, 1)
	})
	srv, err := browsercheck.StartServer(public, "/")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	v, err := browsercheck.Load(suite.browser, srv.URL, homePage(), desktop, suite.axeSource, false)
	if err != nil {
		t.Fatal(err)
	}
	wantFinding(t, browsercheck.Tracking(v, srv.URL, nil), "/", "no-tracking", "https://fonts.example.test/x.css")
}

func TestNegativeInvisibleFocus(t *testing.T) {
	needBrowser(t)
	// In the stylesheet: the site's Content-Security-Policy blocks inline
	// styles.
	public := brokenThemeFile(t, "static/css/site.css", func(s string) string {
		return s + "\n.skip-link:focus, .skip-link:focus-visible { outline: none; }\n"
	})
	srv, err := browsercheck.StartServer(public, "/")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	v, err := browsercheck.Load(suite.browser, srv.URL, homePage(), desktop, suite.axeSource, true)
	if err != nil {
		t.Fatal(err)
	}
	wantFinding(t, browsercheck.Keyboard(v), "/", "keyboard:focus-visible", "outline-style")
}

func TestNegativeBlockedInlineScript(t *testing.T) {
	needBrowser(t)
	public := brokenSite(t, func(s string) string {
		return strings.Replace(s, `</body>`, `<script>document.title = "changed";</script></body>`, 1)
	})
	srv, err := browsercheck.StartServer(public, "/")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	v, err := browsercheck.Load(suite.browser, srv.URL, homePage(), desktop, suite.axeSource, false)
	if err != nil {
		t.Fatal(err)
	}
	wantFinding(t, browsercheck.Console(v), "/", "no-console-errors", "Content Security Policy")
}
