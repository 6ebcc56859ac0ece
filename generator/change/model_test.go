package change

import (
	"reflect"
	"testing"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/site"
)

func page(src string, reach *content.Reach) *content.Page {
	return &content.Page{Source: src, Meta: content.Meta{Reach: reach}}
}

func TestReaches(t *testing.T) {
	menu := &content.Reach{Menu: "footer"}
	tree := []*content.Page{page("a.md", nil), page("b.md", menu), page("c.md", nil)}
	for _, c := range []struct {
		name  string
		pages []*content.Page
		want  bool
	}{
		{"neither before nor after", []*content.Page{page("a.md", nil), page("c.md", nil)}, false},
		{"into a menu", []*content.Page{page("a.md", menu)}, true},
		{"out of a menu", []*content.Page{page("b.md", nil)}, true},
		{"an alias added", []*content.Page{page("c.md", &content.Reach{Aliases: []string{"/alt/"}})}, true},
		{"a page the tree has not", []*content.Page{page("d.md", nil)}, false},
		{"none", nil, false},
	} {
		if got := Reaches(tree, c.pages); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestReplacePages(t *testing.T) {
	a, b, c := page("a.md", nil), page("b.md", nil), page("c.md", nil)
	b2, c2, d := page("b.md", nil), page("c.md", nil), page("d.md", nil)
	for _, cs := range []struct {
		name  string
		pages []*content.Page
		want  []*content.Page
		ok    bool
	}{
		{"one", []*content.Page{b2}, []*content.Page{a, b2, c}, true},
		{"two", []*content.Page{c2, b2}, []*content.Page{a, b2, c2}, true},
		{"none", nil, []*content.Page{a, b, c}, true},
		{"not in the tree", []*content.Page{d}, []*content.Page{a, b, c}, false},
	} {
		tree := &content.Tree{Pages: []*content.Page{a, b, c}}
		ok := ReplacePages(tree, cs.pages)
		if ok != cs.ok {
			t.Errorf("%s: ok = %v, want %v", cs.name, ok, cs.ok)
		}
		for i := range cs.want {
			if tree.Pages[i] != cs.want[i] {
				t.Errorf("%s: page %d is not the one wanted", cs.name, i)
			}
		}
	}
}

func TestSamePages(t *testing.T) {
	node := func(url string, kind content.Kind, section string) *site.Node {
		return &site.Node{Page: &content.Page{URL: url, Kind: kind, Section: section}}
	}
	of := func(ns ...*site.Node) *site.Site { return &site.Site{Nodes: ns} }
	last := of(node("/", content.KindHome, ""), node("/stories/a/", content.KindStory, "stories"))
	for _, c := range []struct {
		name string
		now  *site.Site
		want bool
	}{
		{"the same", of(node("/", content.KindHome, ""), node("/stories/a/", content.KindStory, "stories")), true},
		{"a page more", of(node("/", content.KindHome, ""), node("/stories/a/", content.KindStory, "stories"), node("/stories/b/", content.KindStory, "stories")), false},
		{"a page less", of(node("/", content.KindHome, "")), false},
		{"another URL", of(node("/", content.KindHome, ""), node("/stories/b/", content.KindStory, "stories")), false},
		{"another kind", of(node("/", content.KindHome, ""), node("/stories/a/", content.KindPage, "stories")), false},
		{"another section", of(node("/", content.KindHome, ""), node("/stories/a/", content.KindStory, "")), false},
		{"another order", of(node("/stories/a/", content.KindStory, "stories"), node("/", content.KindHome, "")), false},
	} {
		if got := SamePages(last, c.now); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestReplaceDiagnostics(t *testing.T) {
	w := func(file string, line int) diag.Diagnostic { return diag.Warnf(file, line, "w") }
	last := []diag.Diagnostic{w("content/a.md", 1), w("content/data/products.csv", 2), w("content/b.md", 3)}
	for _, c := range []struct {
		name  string
		files []string
		with  []diag.Diagnostic
		want  []diag.Diagnostic
	}{
		{"a page read again, now without", []string{"content/a.md"}, nil, []diag.Diagnostic{last[1], last[2]}},
		{"the data read again, a new warning", []string{"content/data/products.csv"}, []diag.Diagnostic{w("content/data/products.csv", 9)},
			[]diag.Diagnostic{last[0], last[2], w("content/data/products.csv", 9)}},
		// What the new reading says of other files is the last build's to say.
		{"the new reading's warning of another file", []string{"content/data/products.csv"}, []diag.Diagnostic{w("content/b.md", 4)},
			[]diag.Diagnostic{last[0], last[2]}},
		{"no file", nil, nil, last},
	} {
		files := map[string]bool{}
		for _, f := range c.files {
			files[f] = true
		}
		got := ReplaceDiagnostics(last, files, c.with)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if len(last) != 3 || last[0].File != "content/a.md" {
		t.Error("ReplaceDiagnostics changed its argument")
	}
}
