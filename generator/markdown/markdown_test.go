package markdown

import (
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/i18n"
)

func testPage(source string) Page {
	pages := map[string]string{
		"content/products/etf-welt.md": "/products/etf-welt/",
		"content/advisors/anna.md":     "/advisors/anna/",
		"content/glossar.md":           "/glossar/",
	}
	files := map[string]string{"content/docs/kid.pdf": "/docs/kid.pdf"}
	return Page{
		Source:      source,
		BodyLine:    5,
		ResolvePage: func(s string) (string, bool) { u, ok := pages[s]; return u, ok },
		ResolveFile: func(s string) (string, bool) { u, ok := files[s]; return u, ok },
	}
}

func TestHeadingIDsKeepUmlauts(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Über uns", "über-uns"},
		{"Was kostet das?", "was-kostet-das"},
		{"Kosten & Gebühren", "kosten--gebühren"},
		{"ETF-Sparplan 2026", "etf-sparplan-2026"},
		{"!!!", "heading"},
	} {
		if got := HeadingID(tc.in); got != tc.want {
			t.Errorf("HeadingID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	res := New(i18n.MustBuiltin("de")).Render(testPage("content/a.md"), []byte("## Über uns\n\n## Über uns\n"))
	if !strings.Contains(string(res.HTML), `<h2 id="über-uns">`) || !strings.Contains(string(res.HTML), `<h2 id="über-uns-1">`) {
		t.Errorf("heading ids: %s", res.HTML)
	}
}

func TestGermanQuotesTablesFootnotesNoRawHTML(t *testing.T) {
	src := "Er sagte \"Klartext\" und geht's an.[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>\n\n[^1]: Fußnote.\n"
	html := string(New(i18n.MustBuiltin("de")).Render(testPage("content/a.md"), []byte(src)).HTML)
	for _, want := range []string{"&bdquo;Klartext&ldquo;", "geht&rsquo;s", "<table>", `class="footnotes"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q in %s", want, html)
		}
	}
	if strings.Contains(html, "<script>") {
		t.Errorf("raw HTML was rendered: %s", html)
	}
	en := string(New(i18n.MustBuiltin("en")).Render(testPage("content/a.md"), []byte(`"plain"`)).HTML)
	if !strings.Contains(en, "&ldquo;plain&rdquo;") {
		t.Errorf("english quotes: %s", en)
	}
}

func TestLinksResolved(t *testing.T) {
	src := "Intro\n\nSee [the ETF](etf-welt.md#kosten), [Anna](../advisors/anna.md), [KID](../docs/kid.pdf),\n[top](#intro) and [web](https://example.org/).\n\n## Intro\n"
	res := New(i18n.MustBuiltin("de")).Render(testPage("content/products/x.md"), []byte(src))
	html := string(res.HTML)
	for _, want := range []string{`href="/products/etf-welt/#kosten"`, `href="/advisors/anna/"`, `href="/docs/kid.pdf"`, `href="#intro"`, `href="https://example.org/"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in %s", want, html)
		}
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("unexpected diagnostics %v", res.Diagnostics)
	}
	if len(res.AnchorLinks) != 1 || res.AnchorLinks[0] != (AnchorLink{Target: "content/products/etf-welt.md", Anchor: "kosten", Line: 7}) {
		t.Errorf("anchor links %+v", res.AnchorLinks)
	}
}

func TestBrokenLinksNameFileAndLine(t *testing.T) {
	src := "Line one\n\n[gone](missing.md)\n\n[also](#nowhere)\n\n## Da\n"
	res := New(i18n.MustBuiltin("de")).Render(testPage("content/products/x.md"), []byte(src))
	if len(res.Diagnostics) != 2 {
		t.Fatalf("want 2 diagnostics, got %v", res.Diagnostics)
	}
	got := []string{res.Diagnostics[0].Error(), res.Diagnostics[1].Error()}
	if !strings.HasPrefix(got[0], "content/products/x.md:7: the link \"missing.md\" points to a page that does not exist") {
		t.Errorf("missing page: %s", got[0])
	}
	if !strings.HasPrefix(got[1], "content/products/x.md:9: the link points to #nowhere") || !strings.Contains(got[1], "#da") {
		t.Errorf("missing anchor: %s", got[1])
	}
}

func TestFencesHandedToCaller(t *testing.T) {
	p := testPage("content/a.md")
	var gotBody string
	var gotLine int
	p.Fences = map[string]FenceFunc{"chart": func(body []byte, line int) ([]byte, []diag.Diagnostic) {
		gotBody, gotLine = string(body), line
		return []byte(`<figure id="c1"></figure>`), nil
	}}
	res := New(i18n.MustBuiltin("de")).Render(p, []byte("Text\n\n```chart\ntype: risk\n```\n\n```go\nx := 1\n```\n"))
	if gotBody != "type: risk\n" || gotLine != 8 {
		t.Errorf("fence body %q line %d", gotBody, gotLine)
	}
	html := string(res.HTML)
	if !strings.Contains(html, `<figure id="c1"></figure>`) || !strings.Contains(html, `class="language-go"`) {
		t.Errorf("html %s", html)
	}
}

func TestJavascriptLinksEmptied(t *testing.T) {
	html := string(New(i18n.MustBuiltin("de")).Render(testPage("content/a.md"), []byte("[x](javascript:alert(1))")).HTML)
	if strings.Contains(html, "javascript:") {
		t.Errorf("javascript link kept: %s", html)
	}
}

func TestUnlinkedPagesBecomeText(t *testing.T) {
	p := testPage("content/stories/s.md")
	p.Unlinked = func(src string) bool { return src == "content/advisors/anna.md" }
	res := New(i18n.MustBuiltin("de")).Render(p, []byte("Mit [Anna **Schmidt**](../advisors/anna.md) gesprochen.\n"))
	html := string(res.HTML)
	if strings.Contains(html, "<a") || !strings.Contains(html, "Mit Anna <strong>Schmidt</strong> gesprochen.") {
		t.Errorf("link not turned into text: %s", html)
	}
	if len(res.UnlinkedRefs) != 1 || res.UnlinkedRefs[0].Target != "content/advisors/anna.md" || res.UnlinkedRefs[0].Line != 5 {
		t.Errorf("unlinked refs %+v", res.UnlinkedRefs)
	}
}

// TestDangerousLinksEmptiedAndEncoded: goldmark empties links that would
// run code or load data, and percent-encodes the rest (README, "What
// klartext refuses").
func TestDangerousLinksEmptiedAndEncoded(t *testing.T) {
	for src, want := range map[string]string{
		"[a](javascript:alert(1))":            `<a href="">a</a>`,
		"[a](JavaScript:alert(1))":            `<a href="">a</a>`,
		"[a](vbscript:x)":                     `<a href="">a</a>`,
		"[a](file:///etc/passwd)":             `<a href="">a</a>`,
		"[a](data:text/html,x)":               `<a href="">a</a>`,
		"<javascript:alert(1)>":               `<a href="">javascript:alert(1)</a>`,
		"![a](data:image/png;base64,AAAA)":    `<img src="data:image/png;base64,AAAA" alt="a">`,
		"[a](<https://x.example/ä b\"c>)":     `<a href="https://x.example/%C3%A4%20b%22c">a</a>`,
		"[a](https://x.example/?q=1&r=\"2\")": `<a href="https://x.example/?q=1&amp;r=%222%22">a</a>`,
	} {
		res := New(i18n.MustBuiltin("de")).Render(testPage("content/x.md"), []byte(src))
		if !strings.Contains(string(res.HTML), want) {
			t.Errorf("%s: got %s, want %s", src, res.HTML, want)
		}
	}
}

func TestPlainTextForTheSearchIndex(t *testing.T) {
	src := "# Kosten &amp; \"Gebühren\"\n\nDer *Ausgabeaufschlag*\nbeträgt 5\\% – [mehr](../glossar.md).\n\n" +
		"| Stufe | Betrag |\n|---|---|\n| Notgroschen | 8.000 Euro |\n\n- eins\n- zwei\n\n```chart\ntype: risk\n```\n\n```go\nx := 1\n```\n\n" +
		"<div>roh</div>\n\nEnde <b>fett</b> `Code` <https://example.test/x>\n"
	p := testPage("content/a.md")
	p.Text = true
	p.Fences = map[string]FenceFunc{"chart": func([]byte, int) ([]byte, []diag.Diagnostic) { return []byte("<figure></figure>"), nil }}
	res := New(i18n.MustBuiltin("de")).Render(p, []byte(src))
	want := "Kosten & „Gebühren“\nDer Ausgabeaufschlag beträgt 5% – mehr.\nStufe\nBetrag\nNotgroschen\n8.000 Euro\neins\nzwei\nEnde fett Code"
	if got := res.Text; got != want {
		t.Errorf("text\n%q\nwant\n%q", got, want)
	}
	p.Text = false
	if res := New(i18n.MustBuiltin("de")).Render(p, []byte(src)); res.Text != "" {
		t.Errorf("text %q without Page.Text", res.Text)
	}
}
