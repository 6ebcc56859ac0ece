package theme

import (
	"html/template"
	"strings"
	"testing"
)

// TestAssetAttrs: a theme's own script that loads files itself gets, by
// the theme's scripts.yaml, the data attributes charts.js gets: each
// file's address by asset and its integrity, printed as html/template
// prints the same attributes written in the layout — in html/template's
// run and in the compiled program's.
func TestAssetAttrs(t *testing.T) {
	root := siteWithFiles(t, map[string]string{
		"scripts.yaml":             "/js/own.js:\n  lib: /js/lib.js\n  maps2: /js/maps.js\n",
		"static/js/own.js":         "load()",
		"static/js/lib.js":         "lib()",
		"static/js/maps.js":        "maps()",
		"layouts/partials/s.html":  `<script src="{{asset .}}"{{assetAttrs .}} defer></script>`,
		"layouts/partials/by.html": `<script src="{{asset .}}" data-lib="{{asset "/js/lib.js"}}"{{with integrity "/js/lib.js"}} data-lib-integrity="{{.}}"{{end}} data-maps2="{{asset "/js/maps.js"}}"{{with integrity "/js/maps.js"}} data-maps2-integrity="{{.}}"{{end}} defer></script>`,
	})
	funcs := stubFuncs()
	funcs["asset"] = func(p string) string { return "/bank+" + strings.TrimSuffix(p, ".js") + ".0123456789.js" }
	funcs["integrity"] = func(p string) string {
		if p == "/js/lib.js" {
			return "sha384-a+b/c="
		}
		return ""
	}
	th, err := Load(root, "klartext", "de", funcs)
	if err != nil {
		t.Fatal(err)
	}
	const want = `<script src="/bank&#43;/js/own.0123456789.js" data-lib="/bank&#43;/js/lib.0123456789.js" data-lib-integrity="sha384-a&#43;b/c=" data-maps2="/bank&#43;/js/maps.0123456789.js" defer></script>`
	for run := range 3 {
		var got, byHand strings.Builder
		if err := th.ExecutePartial(&got, "partials/s.html", "/js/own.js"); err != nil {
			t.Fatal(err)
		}
		if err := th.ExecutePartial(&byHand, "partials/by.html", "/js/own.js"); err != nil {
			t.Fatal(err)
		}
		if got.String() != want || byHand.String() != want {
			t.Errorf("run %d:\n%s\n%s\nwant\n%s", run, got.String(), byHand.String(), want)
		}
	}
	var none strings.Builder
	if err := th.ExecutePartial(&none, "partials/s.html", "/js/lib.js"); err != nil || none.String() != `<script src="/bank&#43;/js/lib.0123456789.js" defer></script>` {
		t.Errorf("a script that loads nothing: %q %v", none.String(), err)
	}
	// The site's scripts.yaml replaces the default theme's whole.
	for _, script := range []string{"/js/none.js", "/js/charts.js"} {
		if got := th.assetAttrs(script); got != template.HTMLAttr("") {
			t.Errorf("%s: %q", script, got)
		}
	}
}

// TestScriptsFileRefused: a scripts.yaml that names no file of the theme
// or no usable attribute name stops the theme from loading, with the
// line.
func TestScriptsFileRefused(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"/js/own.js:\n  lib: /js/nope.js\n", "scripts.yaml:2: the theme has no file static/js/nope.js"},
		{"/js/nope.js:\n  lib: /js/own.js\n", "scripts.yaml:1: the theme has no file static/js/nope.js"},
		{"/js/own.js:\n  Lib-X: /js/own.js\n", `scripts.yaml:2: "Lib-X" cannot name a data attribute`},
		{"/js/own.js: /js/own.js\n", "scripts.yaml:1: below /js/own.js write each file"},
		{"js/own.js:\n  lib: /js/own.js\n", `scripts.yaml:1: "js/own.js" is no site path`},
		{"- a\n", "scripts.yaml:1: write each script's path"},
	} {
		root := siteWithFiles(t, map[string]string{"scripts.yaml": c.yaml, "static/js/own.js": "x"})
		if _, err := Load(root, "klartext", "de", stubFuncs()); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.yaml, err, c.want)
		}
	}
}
