// Package menu is the model of the site's menus, as Hugo users know them:
// in site.yaml
//
//	menus:
//	  main:
//	    - pageRef: products/_index.md   # a page, by its file below content/
//	      weight: 10
//	  footer:
//	    - pageRef: impressum.md
//	      weight: 10
//	    - name: Kontakt                 # the link's text; default: the page's title
//	      url: https://www.example-bank.de/kontakt/
//	      weight: 30
//
// and, on a page, `menu: main`, `menu: [main, footer]` or
// `menu: {footer: {weight: 20, name: Datenschutz}}`. Every entry is
// checked like a link: a page that does not exist is an error at the
// entry's line, with the closest file. Items are ordered by weight, then
// name. Pure functions; site.Resolve reads the menus: block (config
// keeps it as a node, like feedback:) and the pages' menu:, calls Resolve
// with its pages, and render hands the items to the theme, marking
// Active.
package menu

import (
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/grammar"
	"github.com/klartext/klartext/generator/suggest"
)

// Names are the menus the default theme renders.
var Names = []string{"main", "footer"}

// entryKeys are the keys of one entry.
var entryKeys = []string{"name", "pageRef", "url", "weight"}

// Entry is one menu entry as written.
type Entry struct {
	Menu    string // "main", "footer"
	Name    string // the link's text; "" takes the page's title
	PageRef string // a page by its file below content/ ("impressum.md")
	URL     string // or an address: https://… or a path from the site's root
	Weight  int
	File    string // where it was written
	Line    int
}

// ParseSettings reads site.yaml's menus: block (node is its value).
func ParseSettings(node *yaml.Node, file string) ([]Entry, []diag.Diagnostic) {
	if node.Kind != yaml.MappingNode {
		return nil, []diag.Diagnostic{diag.Errorf(file, node.Line, "menus must name menus (%s), each a list of entries", strings.Join(Names, ", ")).WithKey("menus")}
	}
	var out []Entry
	var ds []diag.Diagnostic
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		if d, ok := checkName(k.Value, file, k.Line); !ok {
			ds = append(ds, d)
			continue
		}
		if v.Kind != yaml.SequenceNode {
			ds = append(ds, diag.Errorf(file, v.Line, "menus.%s must be a list of entries (- pageRef: … or - url: …)", k.Value).WithKey("menus"))
			continue
		}
		for _, item := range v.Content {
			e, eds := parseEntry(item, k.Value, file)
			ds = append(ds, eds...)
			if len(eds) == 0 {
				out = append(out, e)
			}
		}
	}
	return out, ds
}

func checkName(name, file string, line int) (diag.Diagnostic, bool) {
	for _, n := range Names {
		if n == name {
			return diag.Diagnostic{}, true
		}
	}
	d := diag.Errorf(file, line, "there is no menu %q", name).WithKey("menus")
	if h := suggest.Hint(name, Names); !h.Empty() {
		d = d.WithHint("%s", h)
	} else {
		d = d.WithHint("the theme has the menus %s", strings.Join(Names, " and "))
	}
	return d, false
}

// parseEntry reads one entry of site.yaml.
func parseEntry(n *yaml.Node, menu, file string) (Entry, []diag.Diagnostic) {
	e := Entry{Menu: menu, File: file, Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return e, []diag.Diagnostic{diag.Errorf(file, n.Line, "an entry of menus.%s must have pageRef: or url:, with name: and weight: as you like", menu).WithKey("menus")}
	}
	var ds []diag.Diagnostic
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			ds = append(ds, diag.Errorf(file, v.Line, "%s of a menu entry must be a single value", k.Value).WithKey("menus"))
			continue
		}
		val := strings.TrimSpace(v.Value)
		switch k.Value {
		case "name":
			e.Name = val
		case "pageRef":
			e.PageRef = val
		case "url":
			e.URL = val
		case "weight":
			w, err := strconv.Atoi(val)
			if err != nil {
				ds = append(ds, diag.Errorf(file, v.Line, "weight must be a whole number, got %q", val).WithKey("menus"))
			}
			e.Weight = w
		default:
			d := diag.Errorf(file, k.Line, "unknown key %q in a menu entry", k.Value).WithKey("menus")
			if h := suggest.Hint(k.Value, entryKeys); !h.Empty() {
				d = d.WithHint("%s", h)
			} else {
				d = d.WithHint("an entry has %s", strings.Join(entryKeys, ", "))
			}
			ds = append(ds, d)
		}
	}
	switch {
	case e.PageRef == "" && e.URL == "":
		ds = append(ds, diag.Errorf(file, n.Line, "the menu entry names no page: give pageRef: (a file below content/) or url:").WithKey("menus"))
	case e.PageRef != "" && e.URL != "":
		ds = append(ds, diag.Errorf(file, n.Line, "the menu entry has both pageRef: and url:; keep one").WithKey("menus"))
	case e.URL != "":
		if err := checkURL(e.URL); !err.Empty() {
			ds = append(ds, diag.Errorf(file, n.Line, "the menu entry's url %q %s", e.URL, err).WithKey("menus").
				WithHint("write an https:// address, or a page by its file with pageRef:"))
		} else if e.Name == "" {
			ds = append(ds, diag.Errorf(file, n.Line, "the menu entry for %s has no name: (only a page has a title to take)", e.URL).WithKey("menus"))
		}
	}
	return e, ds
}

// checkURL accepts an https address (http to this machine) — a link a
// reader follows — or a path from the site's root; it says what is wrong.
func checkURL(u string) diag.Text {
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		if strings.ContainsAny(u, " \t\n\"<>\\") {
			return diag.T("has a space, quote or backslash in it")
		}
		return diag.Text{}
	}
	if _, err := grammar.WebURL(u, grammar.HTTPSOrLoopback); err != nil {
		return err.(*grammar.Error).Msg
	}
	return diag.Text{}
}

// ParseFrontMatter reads a page's menu: value as the front matter decoder
// gave it: a menu's name, a list of names, or names with {weight, name}.
// pageRef is the page's own file below content/; line the key's line.
func ParseFrontMatter(v any, file string, line int, pageRef string) ([]Entry, []diag.Diagnostic) {
	entry := func(menu string) (Entry, []diag.Diagnostic) {
		if d, ok := checkName(menu, file, line); !ok {
			return Entry{}, []diag.Diagnostic{d}
		}
		return Entry{Menu: menu, PageRef: pageRef, File: file, Line: line}, nil
	}
	var out []Entry
	var ds []diag.Diagnostic
	add := func(e Entry, eds []diag.Diagnostic) {
		ds = append(ds, eds...)
		if len(eds) == 0 {
			out = append(out, e)
		}
	}
	switch m := v.(type) {
	case string:
		add(entry(strings.TrimSpace(m)))
	case []any:
		for _, x := range m {
			s, ok := x.(string)
			if !ok {
				ds = append(ds, diag.Errorf(file, line, "menu: lists menus by name, like [main, footer]").WithKey("menu"))
				continue
			}
			add(entry(strings.TrimSpace(s)))
		}
	case map[string]any:
		names := make([]string, 0, len(m))
		for k := range m {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, name := range names {
			e, eds := entry(name)
			if len(eds) == 0 {
				opts, ok := m[name].(map[string]any)
				if !ok && m[name] != nil {
					eds = append(eds, diag.Errorf(file, line, "menu.%s takes weight: and name:, like {weight: 20}", name).WithKey("menu"))
				}
				for k, val := range opts {
					switch k {
					case "weight":
						w, ok := val.(int)
						if !ok {
							eds = append(eds, diag.Errorf(file, line, "menu.%s.weight must be a whole number, got %v", name, val).WithKey("menu"))
						}
						e.Weight = w
					case "name":
						s, ok := val.(string)
						if !ok {
							eds = append(eds, diag.Errorf(file, line, "menu.%s.name must be text", name).WithKey("menu"))
						}
						e.Name = s
					default:
						eds = append(eds, diag.Errorf(file, line, "unknown key %q in menu.%s", k, name).WithKey("menu").WithHint("it takes weight: and name:"))
					}
				}
			}
			add(e, eds)
		}
	default:
		ds = append(ds, diag.Errorf(file, line, "menu: names a menu (main), a list of them, or menus with weight: and name:").WithKey("menu"))
	}
	return out, ds
}

// Item is a resolved entry, as the theme renders it.
type Item struct {
	Name     string
	URL      string // the site path ("/impressum/") or the address
	Weight   int
	External bool // an address on another site
}

// Resolve turns entries into each menu's items, ordered by weight, then
// name. page looks up a file below content/ and returns the page's title
// and site path; refs are all the files page knows, for the hint. A page
// that does not exist, and the same page or address twice in one menu,
// are errors at the entry's line.
func Resolve(entries []Entry, page func(ref string) (title, url string, ok bool), refs []string) (map[string][]Item, []diag.Diagnostic) {
	out := map[string][]Item{}
	seen := map[string]Entry{}
	var ds []diag.Diagnostic
	for _, e := range entries {
		it := Item{Name: e.Name, Weight: e.Weight}
		if e.PageRef != "" {
			ref := strings.TrimPrefix(strings.TrimPrefix(e.PageRef, "/"), "content/")
			title, url, ok := page(ref)
			if !ok {
				d := diag.Errorf(e.File, e.Line, "the menu entry names %s, and there is no such page", e.PageRef).WithKey("menus")
				if h := suggest.Hint(ref, refs); !h.Empty() {
					d = d.WithHint("%s", h)
				} else {
					d = d.WithHint("pageRef is the page's file below content/, like impressum.md or products/_index.md")
				}
				ds = append(ds, d)
				continue
			}
			it.URL = url
			if it.Name == "" {
				it.Name = title
			}
		} else {
			it.URL = e.URL
			it.External = !strings.HasPrefix(e.URL, "/")
		}
		key := e.Menu + "\x00" + it.URL
		if first, dup := seen[key]; dup {
			ds = append(ds, diag.Errorf(e.File, e.Line, "%s is in the menu %s twice (first at %s:%d)", it.URL, e.Menu, first.File, first.Line).WithKey("menus"))
			continue
		}
		seen[key] = e
		out[e.Menu] = append(out[e.Menu], it)
	}
	for _, items := range out {
		sort.SliceStable(items, func(i, j int) bool {
			if items[i].Weight != items[j].Weight {
				return items[i].Weight < items[j].Weight
			}
			return items[i].Name < items[j].Name
		})
	}
	return out, ds
}

// Active is the index of the item to mark as the current page's: the one
// with its address, else the one whose address is the longest folder
// above it (a product page marks "Produkte"); -1 when none.
func Active(items []Item, current string) int {
	best, bestLen := -1, 0
	for i, it := range items {
		switch {
		case it.External:
		case it.URL == current:
			return i
		case it.URL != "/" && strings.HasSuffix(it.URL, "/") && strings.HasPrefix(current, it.URL) && len(it.URL) > bestLen:
			best, bestLen = i, len(it.URL)
		}
	}
	return best
}
