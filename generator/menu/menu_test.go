package menu

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
)

func settings(t *testing.T, src string) ([]Entry, []diag.Diagnostic) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "menus" {
			return ParseSettings(root.Content[i+1], "content/site.yaml")
		}
	}
	t.Fatal("no menus:")
	return nil, nil
}

func errs(ds []diag.Diagnostic) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Error())
	}
	return strings.Join(out, "\n")
}

var pages = map[string][2]string{
	"products/_index.md": {"Produkte", "/products/"},
	"advisors/_index.md": {"Beratung", "/advisors/"},
	"impressum.md":       {"Impressum", "/impressum/"},
	"datenschutz.md":     {"Datenschutz", "/datenschutz/"},
}

func page(ref string) (string, string, bool) {
	p, ok := pages[ref]
	return p[0], p[1], ok
}

func refs() []string {
	var out []string
	for r := range pages {
		out = append(out, r)
	}
	return out
}

func items(is []Item) string {
	var out []string
	for _, it := range is {
		out = append(out, fmt.Sprintf("%s %s %d", it.Name, it.URL, it.Weight))
	}
	return strings.Join(out, "|")
}

func TestSettingsResolve(t *testing.T) {
	es, ds := settings(t, `title: B
menus:
  main:
    - pageRef: advisors/_index.md
      weight: 20
    - pageRef: products/_index.md
      weight: 10
  footer:
    - name: Kontakt
      url: https://www.example-bank.de/kontakt/
      weight: 30
    - pageRef: content/datenschutz.md
      weight: 20
    - pageRef: impressum.md
      weight: 20
`)
	if len(ds) != 0 {
		t.Fatal(errs(ds))
	}
	fm, ds := ParseFrontMatter(map[string]any{"main": map[string]any{"weight": 15, "name": "Über uns"}}, "content/ueber-uns.md", 4, "ueber-uns.md")
	if len(ds) != 0 {
		t.Fatal(errs(ds))
	}
	pages["ueber-uns.md"] = [2]string{"Über die Bank", "/ueber-uns/"}
	defer delete(pages, "ueber-uns.md")
	menus, ds := Resolve(append(es, fm...), page, refs())
	if len(ds) != 0 {
		t.Fatal(errs(ds))
	}
	if got := items(menus["main"]); got != "Produkte /products/ 10|Über uns /ueber-uns/ 15|Beratung /advisors/ 20" {
		t.Errorf("main: %s", got)
	}
	// Equal weights: by name.
	if got := items(menus["footer"]); got != "Datenschutz /datenschutz/ 20|Impressum /impressum/ 20|Kontakt https://www.example-bank.de/kontakt/ 30" || !menus["footer"][2].External {
		t.Errorf("footer: %s", got)
	}
	for cur, want := range map[string]int{"/products/": 0, "/products/etf-welt/": 0, "/advisors/anna/": 2, "/": -1, "/stories/x/": -1} {
		if got := Active(menus["main"], cur); got != want {
			t.Errorf("Active(%s) = %d, want %d", cur, got, want)
		}
	}
}

func TestSettingsErrors(t *testing.T) {
	for src, want := range map[string]string{
		"menus: [main]\n": "content/site.yaml:1: menus must name menus (main, footer), each a list of entries",
		"menus:\n  mian:\n    - pageRef: impressum.md\n":                      `content/site.yaml:2: there is no menu "mian" — did you mean main?`,
		"menus:\n  footer: impressum.md\n":                                    "content/site.yaml:2: menus.footer must be a list of entries",
		"menus:\n  footer:\n    - weight: 10\n":                               "content/site.yaml:3: the menu entry names no page: give pageRef: (a file below content/) or url:",
		"menus:\n  footer:\n    - pageref: impressum.md\n":                    `content/site.yaml:3: unknown key "pageref" in a menu entry — did you mean pageRef?`,
		"menus:\n  footer:\n    - pageRef: a.md\n      url: /x/\n":            "content/site.yaml:3: the menu entry has both pageRef: and url:; keep one",
		"menus:\n  footer:\n    - url: javascript:alert(1)\n      name: X\n":  `content/site.yaml:3: the menu entry's url "javascript:alert(1)"`,
		"menus:\n  footer:\n    - url: http://bank.example/\n      name: X\n": `content/site.yaml:3: the menu entry's url "http://bank.example/"`,
		"menus:\n  footer:\n    - url: https://bank.example/\n":               "content/site.yaml:3: the menu entry for https://bank.example/ has no name:",
		"menus:\n  footer:\n    - pageRef: a.md\n      weight: zehn\n":        `content/site.yaml:4: weight must be a whole number, got "zehn"`,
	} {
		if _, ds := settings(t, src); !strings.HasPrefix(errs(ds), want) {
			t.Errorf("%q:\n%s\nwant %s", src, errs(ds), want)
		}
	}
}

// TestResolveMissingPage: an entry naming a page that does not exist fails
// at its file and line, with the closest file.
func TestResolveMissingPage(t *testing.T) {
	es := []Entry{
		{Menu: "footer", PageRef: "impresum.md", File: "content/site.yaml", Line: 12},
		{Menu: "footer", PageRef: "impressum.md", File: "content/site.yaml", Line: 14},
		{Menu: "footer", PageRef: "impressum.md", File: "content/impressum.md", Line: 3},
		{Menu: "main", PageRef: "impressum.md", File: "content/site.yaml", Line: 20},
	}
	menus, ds := Resolve(es, page, refs())
	want := "content/site.yaml:12: the menu entry names impresum.md, and there is no such page — did you mean impressum.md?\n" +
		"content/impressum.md:3: /impressum/ is in the menu footer twice (first at content/site.yaml:14)"
	if errs(ds) != want {
		t.Errorf("%s\nwant\n%s", errs(ds), want)
	}
	if len(menus["footer"]) != 1 || len(menus["main"]) != 1 {
		t.Errorf("%v", menus)
	}
}

func TestFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string // menus and weights, or the first error
	}{
		{"footer", "footer 0"},
		{[]any{"main", "footer"}, "main 0|footer 0"},
		{map[string]any{"footer": map[string]any{"weight": 20}}, "footer 20"},
		{map[string]any{"footer": nil}, "footer 0"},
		{"fuss", `content/x.md:2: there is no menu "fuss"`},
		{[]any{"main", 3}, "content/x.md:2: menu: lists menus by name"},
		{map[string]any{"footer": map[string]any{"gewicht": 20}}, `content/x.md:2: unknown key "gewicht" in menu.footer — it takes weight: and name:`},
		{map[string]any{"footer": map[string]any{"weight": "20"}}, "content/x.md:2: menu.footer.weight must be a whole number"},
		{map[string]any{"footer": 20}, "content/x.md:2: menu.footer takes weight: and name:"},
		{true, "content/x.md:2: menu: names a menu (main)"},
	} {
		es, ds := ParseFrontMatter(tc.v, "content/x.md", 2, "x.md")
		got := errs(ds)
		if got == "" {
			var parts []string
			for _, e := range es {
				if e.PageRef != "x.md" || e.File != "content/x.md" || e.Line != 2 {
					t.Errorf("%v: %+v", tc.v, e)
				}
				parts = append(parts, fmt.Sprintf("%s %d", e.Menu, e.Weight))
			}
			got = strings.Join(parts, "|")
		}
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("%v: %s, want %s", tc.v, got, tc.want)
		}
	}
}
