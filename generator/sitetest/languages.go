package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TwoLanguages copies the demo (CopyDemo) and makes it a site of two
// languages: site.yaml's languages: [de, en] (where the demo does not have
// them yet), English versions of the home page, the about page and one
// product explainer, and a lastmod: on the German about page newer than
// its translation's; the stories, the other explainers and the advisors'
// introductions stay German only. It returns the root.
func TwoLanguages(t testing.TB, repoRoot string) string {
	t.Helper()
	root := CopyDemo(t, repoRoot)
	edit := func(file string, change func(string) string) {
		p := filepath.Join(root, filepath.FromSlash(file))
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(change(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("content/site.yaml", func(s string) string {
		if strings.Contains(s, "\nlanguages:") {
			return s
		}
		if !strings.Contains(s, "\nlanguage: de\n") {
			t.Fatal("the demo's site.yaml has no language: de")
		}
		return strings.Replace(s, "\nlanguage: de\n", "\nlanguages:\n  - de\n  - code: en\n    title: \"Rheintal Cooperative Bank – Plain words\"\n"+
			"    description: \"Our products, risks and costs, explained openly.\"\n", 1)
	})
	edit("content/ueber-uns.md", func(s string) string {
		if !strings.Contains(s, "\n---\nDie Rheintal") {
			t.Fatal("content/ueber-uns.md does not start as TwoLanguages expects")
		}
		return strings.Replace(s, "\n---\nDie Rheintal", "\nlastmod: 2026-10-01\n---\nDie Rheintal", 1)
	})
	for file, text := range map[string]string{
		"content/_index.en.md": "---\ntitle: \"Welcome to Rheintal Cooperative Bank\"\ndescription: \"Products, risks and costs in plain words.\"\n---\n" +
			"We are a cooperative bank. See [our products](products/_index.md), [about us](ueber-uns.md) and [a story](stories/der-erste-etf.md).\n",
		"content/ueber-uns.en.md": "---\ntitle: \"About us\"\ndescription: \"Who we are.\"\nlastmod: 2020-01-01\n---\nWe are owned by our members.\n",
		"content/products/etf-sparplan-welt.en.md": "---\ntitle: \"ETF savings plan World\"\ndescription: \"Save monthly in 1,400 companies.\"\n" +
			"product: etf-sparplan-welt\nadvisors: [jonas-weber, murat-yilmaz]\ntopics: [saving]\nreviewed: 2026-11-10\nreviewed_by: \"Lea Hoffmann\"\nvalid_until: 2027-06-30\n---\n" +
			"With the ETF savings plan World you save from 25 euros a month.\n",
	} {
		edit(file, func(string) string { return text })
	}
	return root
}
