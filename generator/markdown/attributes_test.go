package markdown

import (
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/i18n"
)

func TestLangAttributeMarksPassages(t *testing.T) {
	src := "## Unser Versprechen {lang=en}\n\n" +
		"Dieser Absatz ist Englisch.\n{lang=en}\n\n" +
		"> A quote in English\n> over two lines\n\n{lang=en-GB}\n\n" +
		"- one\n- two\n\n{lang=fr}\n\n" +
		"## Fazit\n{lang=de-CH}\n\n" +
		"Deutsch ohne Attribut.\n"
	res := New(i18n.MustBuiltin("de")).Render(testPage("content/a.md"), []byte(src))
	if len(res.Diagnostics) != 0 {
		t.Fatalf("diagnostics: %v", res.Diagnostics)
	}
	for _, want := range []string{
		`<h2 lang="en" id="unser-versprechen">Unser Versprechen</h2>`,
		`<p lang="en">Dieser Absatz ist Englisch.</p>`,
		`<blockquote lang="en-GB">`,
		`<ul lang="fr">`,
		`<h2 id="fazit" lang="de-CH">Fazit</h2>`,
		"<p>Deutsch ohne Attribut.</p>",
	} {
		if !strings.Contains(res.HTML, want) {
			t.Errorf("missing %s in\n%s", want, res.HTML)
		}
	}
	if strings.Contains(res.HTML, "{") {
		t.Errorf("an attribute list shows as text:\n%s", res.HTML)
	}
}

// Only lang passes: every other attribute, an invalid language and a list
// that marks nothing is an error with the file and line, and none of them
// reaches the page.
func TestLangAttributeRefusesEverythingElse(t *testing.T) {
	for _, tc := range []struct{ src, err string }{
		{"## Titel {onclick=\"alert(1)\"}\n", "content/a.md:5: the attribute onclick is not allowed in Markdown; only lang is"},
		{"## Titel {#eigene-id}\n", "content/a.md:5: the attribute {#eigene-id} is not allowed in Markdown; only lang is"},
		{"## Titel {.rot}\n", "content/a.md:5: the attribute {.rot} is not allowed in Markdown; only lang is"},
		{"Text\n{style=\"color:red\"}\n", "content/a.md:6: the attribute style is not allowed in Markdown; only lang is"},
		{"Text\n\n{lang=en onmouseover=x}\n", "content/a.md:7: the attribute onmouseover is not allowed in Markdown; only lang is"},
		{"## Titel {lang=\"english!\"}\n", "content/a.md:5: {lang=english!} is not a language code (BCP 47)"},
		{"Text\n{lang=\"\"}\n", "content/a.md:6: {lang=} is not a language code (BCP 47)"},
		{"Text\n{lang=und}\n", "content/a.md:6: {lang=und} is not a language code (BCP 47)"},
		{"Text\n{lang=xx-yy-zz-123456789}\n", "content/a.md:6: {lang=xx-yy-zz-123456789} is not a language code (BCP 47)"},
		{"Text\n{lang=qqq}\n", ""},
		{"{lang=en}\n\nText\n", "content/a.md:5: the attribute list {lang=en} marks no paragraph, heading, quote, list or table"},
		{"```\ncode\n```\n\n{lang=en}\n", "content/a.md:9: the attribute list {lang=en} marks no paragraph, heading, quote, list or table"},
	} {
		res := New(i18n.MustBuiltin("de")).Render(testPage("content/a.md"), []byte(tc.src))
		var got []string
		for _, d := range res.Diagnostics {
			got = append(got, d.Error())
		}
		all := strings.Join(got, "\n")
		if tc.err == "" {
			if len(got) != 0 {
				t.Errorf("%q: %s", tc.src, all)
			}
			continue
		}
		if !strings.HasPrefix(all, tc.err) && !strings.Contains(all, "\n"+tc.err) {
			t.Errorf("%q:\n got %s\nwant %s", tc.src, all, tc.err)
		}
		for _, bad := range []string{"onclick", "onmouseover", "style=", "eigene-id", `class="rot"`, "english"} {
			if strings.Contains(res.HTML, bad) {
				t.Errorf("%q: %s reached the page: %s", tc.src, bad, res.HTML)
			}
		}
	}
}
