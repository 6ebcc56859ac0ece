package change

import (
	"path/filepath"
	"reflect"
	"testing"
)

func TestThemeFiles(t *testing.T) {
	dir := t.TempDir()
	in := func(p ...string) []string {
		var out []string
		for _, x := range p {
			out = append(out, filepath.Join(dir, filepath.FromSlash(x)))
		}
		return out
	}
	got := ThemeFiles(dir, in("static/css/site.css", "layouts/products/single.html", "layouts/partials/feedback.html", "layouts/_default/baseof.html"))
	want := &Theme{Static: []string{"css/site.css"}, Layouts: []string{"products/single.html"}, Partials: []string{"partials/feedback.html", "_default/baseof.html"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for _, changed := range [][]string{
		in("layouts/partials/cards/advisor.html"), // the theme reads no folder below partials/
		in("layouts/partials/notes.txt"),
		in("i18n/de.yaml"),
		{filepath.Join(dir, "..", "content", "x.md")},
		nil,
	} {
		if got := ThemeFiles(dir, changed); got != nil {
			t.Errorf("%v: a full build's, got %+v", changed, got)
		}
	}
}

func TestUsers(t *testing.T) {
	set := func(names ...string) map[string]bool {
		m := map[string]bool{}
		for _, n := range names {
			m[n] = true
		}
		return m
	}
	calls := map[string]Calls{
		"stories/single.html":  {Names: set("_default/baseof.html", "main", "partials/site-header.html", "partials/story-note.html")},
		"products/single.html": {Names: set("_default/baseof.html", "main", "partials/site-header.html")},
		"404.html":             {Names: set("404.html")},
		"search/single.html":   {Names: set("search/single.html"), Any: true}, // partialCached $name
	}
	for _, c := range []struct {
		name  string
		names []string
		want  []string
	}{
		{"a partial of the stories", []string{"partials/story-note.html"}, []string{"search/single.html", "stories/single.html"}},
		{"a partial of every wrapped page", []string{"partials/site-header.html"}, []string{"products/single.html", "search/single.html", "stories/single.html"}},
		{"a partial nobody runs", []string{"partials/unused.html"}, []string{"search/single.html"}},
		{"a template the base layout defines", []string{"_default/baseof.html", "main"}, []string{"products/single.html", "search/single.html", "stories/single.html"}},
		{"no name", nil, []string{"search/single.html"}},
	} {
		if got := Users(c.names, calls); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
