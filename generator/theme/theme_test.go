package theme

import (
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stubFuncs stands in for the build's template functions, which the
// default theme's templates name.
func stubFuncs() template.FuncMap {
	f := template.FuncMap{}
	for _, name := range []string{"relURL", "absURL", "date", "isoDate", "money", "percent", "number", "years",
		"yearsAfter", "add", "seq", "hasPrefix", "slugify", "costLabel", "asset", "integrity"} {
		f[name] = func(...any) string { return "" }
	}
	return f
}

// siteWithFiles writes files (paths below the site's themes/klartext/)
// into a new site root.
func siteWithFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, src := range files {
		p := filepath.Join(root, "themes", "klartext", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func siteWithPartial(t *testing.T, name, src string) string {
	t.Helper()
	return siteWithFiles(t, map[string]string{"layouts/partials/" + name: src})
}

func TestPartialCachedRendersOncePerKey(t *testing.T) {
	root := siteWithPartial(t, "echo.html", "<b>{{.}}</b>")
	th, err := Load(root, "klartext", "de", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ key, data, want string }{
		{"a", "first", "<b>first</b>"},
		{"a", "second", "<b>first</b>"}, // same key: the first rendering
		{"b", "<third>", "<b>&lt;third&gt;</b>"},
	} {
		got, err := th.partialCached("partials/echo.html", tc.key, tc.data)
		if err != nil || string(got) != tc.want {
			t.Errorf("key %q data %q: %q %v, want %q", tc.key, tc.data, got, err, tc.want)
		}
	}
}

func TestSiteOverridesAndTranslations(t *testing.T) {
	root := siteWithPartial(t, "site-footer.html", "eigener Fuß")
	th, err := Load(root, "klartext", "de-DE", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := th.ExecutePartial(&b, "partials/site-footer.html", nil); err != nil || b.String() != "eigener Fuß" {
		t.Errorf("override not used: %q %v", b.String(), err)
	}
	if got := th.Translate("skip_to_content"); got != "Zum Inhalt springen" {
		t.Errorf("German translation: %q", got)
	}
	if got := th.Translate("no_such_key"); got != "no_such_key" {
		t.Errorf("a missing key must show as itself: %q", got)
	}
	if _, err := Load(root, "unbekannt", "de", stubFuncs()); err == nil {
		t.Error("a theme that does not exist must be an error")
	}
	if l, ok := th.Lookup("nope.html", "_default/single.html"); !ok || l != "_default/single.html" {
		t.Errorf("lookup: %q %v", l, ok)
	}
}
