package content

import (
	"testing"

	"github.com/klartext/klartext/generator/frontmatter"
)

func TestMetaLine(t *testing.T) {
	src := "---\n" + // line 1
		"title: A\n" + // 2
		"topics:\n" + // 3
		"  - sparen\n" + // 4
		"  - fonds\n" + // 5
		"advisors: anna\n" + // 6: a single value is a list of one
		"product:\n" + // 7: no value
		"unknown.1: x\n" + // 8: reported, but its line is kept
		"---\nText\n"
	doc, err := frontmatter.Split([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	node, err := doc.Decode()
	if err != nil {
		t.Fatal(err)
	}
	m, ds := decodeMeta("content/products/a.md", KindProduct, node)
	if len(ds) != 1 {
		t.Errorf("want one diagnostic (the unknown key), got %v", ds)
	}
	for _, tt := range []struct {
		key  string
		want int
	}{
		{"title", 2},
		{"topics", 4}, // a block list starts at its first item
		{"topics.0", 4},
		{"topics.1", 5},
		{"topics.2", -1},
		{"advisors", 6},
		{"advisors.0", 6},
		{"product", 7},
		{"unknown.1", 8},
		{"date", -1},
		{"title.0", -1},
	} {
		if got := m.Line(tt.key, -1); got != tt.want {
			t.Errorf("Line(%q) = %d, want %d", tt.key, got, tt.want)
		}
	}
}
