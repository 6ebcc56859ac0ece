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
	got := ThemeFiles(dir, in("static/css/site.css", "layouts/products/single.html"))
	want := &Theme{Static: []string{"css/site.css"}, Layouts: []string{"products/single.html"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for _, changed := range [][]string{
		in("layouts/partials/feedback.html"), // on every page
		in("layouts/_default/baseof.html"),
		in("i18n/de.yaml"),
		{filepath.Join(dir, "..", "content", "x.md")},
		nil,
	} {
		if got := ThemeFiles(dir, changed); got != nil {
			t.Errorf("%v: a full build's, got %+v", changed, got)
		}
	}
}
