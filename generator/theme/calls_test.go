package theme

import (
	"bytes"
	"slices"
	"testing"
)

// TestCalls: what a layout runs is found through {{template}}, {{block}}
// and partialCached, through the base layout and transitively through the
// partials; a computed partialCached name may be any; it is the same
// after the layout ran (html/template renames what it escapes).
func TestCalls(t *testing.T) {
	root := siteWithFiles(t, map[string]string{
		"layouts/_default/baseof.html": `<main>{{block "main" .}}{{end}}</main>{{partialCached "partials/foot.html" "" .}}`,
		"layouts/partials/foot.html":   `<footer>{{template "partials/legal.html" .}}</footer>`,
		"layouts/partials/legal.html":  `{{define "imprint"}}Impressum{{end}}<p>{{template "imprint"}}</p>`,
		"layouts/partials/note.html":   `<aside>{{if .}}{{range .}}{{template "partials/legal.html" .}}{{end}}{{end}}</aside>`,
		"layouts/partials/unused.html": `<p>nie</p>`,
		"layouts/stories/single.html":  `{{define "main"}}{{with .}}{{template "partials/note.html" .}}{{end}}{{end}}`,
		"layouts/products/single.html": `{{define "main"}}<h1>{{.}}</h1>{{end}}`,
		"layouts/search/single.html":   `{{define "main"}}{{$p := "partials/note.html"}}{{partialCached $p "" .}}{{end}}`,
		"layouts/whole.html":           `<!DOCTYPE html><p>{{.}}</p>`,
	})
	th, err := Load(root, "klartext", "de", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	wrapped := []string{"_default/baseof.html", "main", "partials/foot.html", "partials/legal.html", "imprint"}
	for _, c := range []struct {
		layout string
		has    []string
		hasNot []string
		any    bool
	}{
		{"stories/single.html", append([]string{"partials/note.html"}, wrapped...), []string{"partials/unused.html"}, false},
		{"products/single.html", wrapped, []string{"partials/note.html", "partials/unused.html"}, false},
		{"search/single.html", wrapped, nil, true},
		{"whole.html", []string{"whole.html"}, []string{"_default/baseof.html", "partials/foot.html"}, false},
	} {
		for run := range 2 {
			names, any, err := th.Calls(c.layout)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range c.has {
				if !names[n] {
					t.Errorf("%s (run %d): does not run %s: %v", c.layout, run, n, names)
				}
			}
			for _, n := range c.hasNot {
				if names[n] {
					t.Errorf("%s (run %d): runs %s", c.layout, run, n)
				}
			}
			if any != c.any {
				t.Errorf("%s: any = %v, want %v", c.layout, any, c.any)
			}
			if err := th.Execute(&bytes.Buffer{}, c.layout, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, _, err := th.Calls("missing.html"); err == nil {
		t.Error("a layout that is not there: no error")
	}
}

// TestDefines: each file of the base set defines its own template and
// those it {{define}}s; a layout is no file of it.
func TestDefines(t *testing.T) {
	root := siteWithFiles(t, map[string]string{
		"layouts/partials/legal.html": `{{define "imprint"}}Impressum{{end}}<p>{{template "imprint"}}</p>`,
	})
	th, err := Load(root, "klartext", "de", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string][]string{
		"partials/legal.html":       {"imprint", "partials/legal.html"},
		"partials/site-header.html": {"partials/site-header.html"}, // the built-in theme's
		"stories/single.html":       nil,
		"partials/missing.html":     nil,
	} {
		if got := th.Defines(file); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", file, got, want)
		}
	}
	if !slices.Contains(th.Defines("_default/baseof.html"), "_default/baseof.html") {
		t.Errorf("the base layout defines %v", th.Defines("_default/baseof.html"))
	}
}

// TestDirect: the theme notes the partials Go code runs on its own, not
// those partialCached runs for a layout.
func TestDirect(t *testing.T) {
	root := siteWithFiles(t, map[string]string{
		"layouts/partials/a.html": `a`,
		"layouts/partials/b.html": `b`,
		"layouts/whole.html":      `{{partialCached "partials/b.html" "" .}}`,
	})
	th, err := Load(root, "klartext", "de", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	if d := th.Direct(); len(d) != 0 {
		t.Errorf("before any run: %v", d)
	}
	if err := th.Execute(&bytes.Buffer{}, "whole.html", nil); err != nil {
		t.Fatal(err)
	}
	if err := th.ExecutePartial(&bytes.Buffer{}, "partials/a.html", nil); err != nil {
		t.Fatal(err)
	}
	if d := th.Direct(); !slices.Equal(d, []string{"partials/a.html"}) {
		t.Errorf("Direct = %v, want [partials/a.html]", d)
	}
}
