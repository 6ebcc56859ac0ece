package frontmatter

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// plainSeeds are front matter as the content model has it; plainYAML must
// take every one of them.
var plainSeeds = []string{
	"title: \"Aktienfonds 1005\"\nproduct: aktienfonds-1005\nadvisors: [anna-weber-39]\ntopics: [risk]\nreviewed: 2025-08-04\nvalid_until: 2035-07-04\n",
	"title: \"Scenario Horizon Einlage.\"\ndate: 2025-06-04\nadvisor: greta-klein-23\nproducts: [mischfonds-0]\ntopics: [sustainability]\n",
	"title: \"ETF Welt Nachhaltig\"\ndescription: \"Ein Welt-ETF, der Unternehmen nach Umwelt- und Sozialkriterien auswählt – kaum teurer.\"\nproduct: etf-welt-nachhaltig\nadvisors: [jonas-weber]\ntopics: [nachhaltigkeit, fonds, sparen]\nreviewed: 2026-10-30\nreviewed_by: \"Jonas Weber, Beratung junge Kunden\"\n",
	"name: Anna Weber\nrole: Beraterin\nlanguages: [de, tr]\nadvice_model: fee-based\nphoto: anna.jpg\n\nbranch: Köln-Ehrenfeld\n",
	"title: Über uns\ntopics: []\n",
}

func TestPlainYAMLTakesTheContentModel(t *testing.T) {
	for _, src := range plainSeeds {
		got, ok := plainYAML([]byte(src))
		if !ok {
			t.Errorf("not taken:\n%s", src)
			continue
		}
		if d := diffYAML([]byte(src), got); d != "" {
			t.Error(d)
		}
	}
}

func TestPlainYAMLLeavesTheRest(t *testing.T) {
	for _, src := range []string{
		"title: x # comment\n", "topics:\n  - a\n", "weight: 3\n", "draft: true\n", "title: null\n", "title: a: b\n",
		"title: 'x'\n", "title: \"a\\\"b\"\n", "title: x\ntitle: y\n", "title: &a x\n", "title: \"x\"  \n", "title:\n",
		"\ttitle: x\n", " title: x\n", "title: x \n", "topics: [a, [b]]\n", "topics: [ ]\n", "date: 2025-13-45\n",
	} {
		if _, ok := plainYAML([]byte(src)); ok {
			t.Errorf("taken, but not plain: %q", src)
		}
	}
}

// diffYAML compares a tree with yaml.v3's reading of src; "" when equal.
func diffYAML(src []byte, got *yaml.Node) string {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return fmt.Sprintf("plainYAML took %q, which yaml.v3 refuses: %v", src, err)
	}
	if len(doc.Content) != 1 || !reflect.DeepEqual(got, doc.Content[0]) {
		var b strings.Builder
		fmt.Fprintf(&b, "plainYAML reads %q differently:\n", src)
		dumpNode(&b, got, "plain  ")
		if len(doc.Content) == 1 {
			dumpNode(&b, doc.Content[0], "yaml.v3 ")
		}
		return b.String()
	}
	return ""
}

func dumpNode(b *strings.Builder, n *yaml.Node, ind string) {
	fmt.Fprintf(b, "%s%+v\n", ind, *n)
	for _, c := range n.Content {
		dumpNode(b, c, ind+"  ")
	}
}

func FuzzPlainYAML(f *testing.F) {
	for _, s := range plainSeeds {
		f.Add([]byte(s))
	}
	for _, s := range []string{"a: [x,y ,  z]\n", "a: \"\"\n", "a: Ärger\n", "a: yes\nb: on\nc: y\n", "a: [b]\n\n\nc: 2024-02-29\n", "a: b c, d (e) + f's!\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		got, ok := plainYAML(src)
		if !ok {
			return
		}
		if d := diffYAML(src, got); d != "" {
			t.Fatal(d)
		}
	})
}
