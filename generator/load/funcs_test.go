package load

import (
	"html/template"
	"reflect"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/assethash"
	"github.com/klartext/klartext/generator/config"
)

// TestFuncs: the template functions format for the site's language and
// prefix the base URL's path; asset and integrity name a hashed theme
// file, and fall back to the plain path for any other.
func TestFuncs(t *testing.T) {
	css := []byte("body{}")
	assets := &assethash.Set{}
	assets.Add("/css/site.css", css)
	f := Funcs(config.Site{BaseURL: "https://bank.example/klartext/", Language: "de"}, assets)
	plain := Funcs(config.Site{BaseURL: "https://bank.example/", Language: "de"}, nil)
	day := time.Date(2026, 3, 1, 15, 0, 0, 0, time.UTC)
	call := func(fm template.FuncMap, name string, args ...any) any {
		t.Helper()
		switch fn := fm[name].(type) {
		case func(string) string:
			return fn(args[0].(string))
		case func(time.Time) string:
			return fn(args[0].(time.Time))
		case func(float64, string) string:
			return fn(args[0].(float64), args[1].(string))
		case func(float64, int) string:
			return fn(args[0].(float64), args[1].(int))
		case func(float64) string:
			return fn(args[0].(float64))
		case func(int, int) int:
			return fn(args[0].(int), args[1].(int))
		case func(int, int) []int:
			return fn(args[0].(int), args[1].(int))
		default:
			t.Fatalf("%s: %T", name, fn)
			return nil
		}
	}
	for _, c := range []struct {
		fm   template.FuncMap
		name string
		args []any
		want any
	}{
		{f, "relURL", []any{"/products/"}, "/klartext/products/"},
		{f, "relURL", []any{"products/"}, "/klartext/products/"},
		{plain, "relURL", []any{"/products/"}, "/products/"},
		{f, "absURL", []any{"/products/"}, "https://bank.example/klartext/products/"},
		{f, "asset", []any{"/css/site.css"}, "/klartext" + assethash.Name("/css/site.css", css)},
		{f, "asset", []any{"css/site.css"}, "/klartext" + assethash.Name("/css/site.css", css)},
		{f, "asset", []any{"/js/other.js"}, "/klartext/js/other.js"},
		{plain, "asset", []any{"/css/site.css"}, "/css/site.css"},
		{f, "integrity", []any{"/css/site.css"}, assethash.SRI(css)},
		{f, "integrity", []any{"/js/other.js"}, ""},
		{f, "isoDate", []any{day}, "2026-03-01"},
		{f, "date", []any{day}, "1. März 2026"},
		{f, "money", []any{1234.5, "EUR"}, "1.234,50\u00a0€"}, // a space that does not break,
		{f, "percent", []any{1.75, 2}, "1,75\u00a0%"},
		{f, "number", []any{12345.678, 1}, "12.345,7"},
		{f, "add", []any{2, 3}, 5},
		{f, "seq", []any{1, 3}, []int{1, 2, 3}},
		{f, "seq", []any{3, 1}, []int(nil)},
		{f, "slugify", []any{"Zinsen & Gebühren"}, "zinsen-gebühren"},
	} {
		got := call(c.fm, c.name, c.args...)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s%v: %#v, want %#v", c.name, c.args, got, c.want)
		}
	}
}
