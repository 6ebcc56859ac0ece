package theme

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// Uses finds the keys a layout reads of a field, with index or as a map
// field, in the layout and what it calls; any other use is "any key".
func TestUses(t *testing.T) {
	for _, tc := range []struct {
		layout string
		keys   []string
		any    bool
	}{
		{`{{define "main"}}{{index $.Figures "risk"}}{{with .Product}}{{index $.Figures "costs"}}{{end}}{{end}}`, []string{"costs", "risk"}, false},
		{`{{define "main"}}{{.Figures.scenarios}}{{if .Figures.risk}}x{{end}}{{end}}`, []string{"risk", "scenarios"}, false},
		{`{{define "main"}}{{range $k, $v := .Figures}}{{$v}}{{end}}{{end}}`, nil, true},
		{`{{define "main"}}{{$k := "risk"}}{{index .Figures $k}}{{end}}`, nil, true},
		{`{{define "main"}}{{template "partials/topics.html" .Figures}}{{end}}`, nil, true},
		{`{{define "main"}}{{.Title}}{{end}}`, nil, false},
	} {
		root := t.TempDir()
		dir := filepath.Join(root, "themes", "klartext", "layouts", "products")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "single.html"), []byte(tc.layout), 0o644); err != nil {
			t.Fatal(err)
		}
		th, err := Load(root, "klartext", "de", stubFuncs())
		if err != nil {
			t.Fatal(err)
		}
		u, err := th.Uses("products/single.html", "Figures")
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for k := range u.Keys {
			keys = append(keys, k)
		}
		if len(keys) > 1 && keys[0] > keys[1] {
			keys[0], keys[1] = keys[1], keys[0]
		}
		if !reflect.DeepEqual(keys, tc.keys) || u.Any != tc.any {
			t.Errorf("%s: keys %v any %v, want %v %v", tc.layout, keys, u.Any, tc.keys, tc.any)
		}
	}
}
