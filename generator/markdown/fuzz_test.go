package markdown

import (
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/i18n"
)

// FuzzRender: Render never panics, and every diagnostic names the file and
// a line inside the body (the body starts at BodyLine 5 here).
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# Titel\n\nText mit [Link](../advisors/anna.md) und [Anker](#titel).\n",
		"[kaputt](fehlt.md#x) [raus](../../../etc/passwd.md) ![bild](../docs/kid.pdf)\n",
		"[a](%zz) [b](<Große Straße.md>) [c](glossar.md#über-uns) [d](#)\n",
		"```chart\ntype: risk\n```\n\n```chart\n",
		"| a | b |\n|---|---|\n| [x](y.md) | 2 |\n\n[^1]\n\n[^1]: [f](z.md)\n",
		"> [q](../products/etf-welt.md#kosten)\n>\n> - [r](mailto:a@b.c)\n",
		"[ref]\n\n[ref]: nichts.md\n",
		"<a href=\"x.md\">raw</a>\n\n[](\n)\n",
		"Setext\n===\n\n* [l](\n  ../glossar.md)\n",
		"\x00\xff[x](\x00.md)",
		"![](a.jpg) ![\"\"](b.png \"T\") [![c](c.webp)](x.md)\n\n![d][r]\n\n[r]: ../bilder/d.jpg\n",
	} {
		f.Add([]byte(s))
	}
	r := New(i18n.MustBuiltin("de"))
	fences := map[string]FenceFunc{
		"chart": func(body []byte, line int) ([]byte, []diag.Diagnostic) {
			if strings.Contains(string(body), "fehler") {
				return nil, []diag.Diagnostic{diag.Errorf("content/products/x.md", line, "chart error")}
			}
			return []byte("<figure></figure>"), nil
		},
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p := testPage("content/products/x.md")
		p.Fences = fences
		p.Image = func(img Image) ([]byte, []diag.Diagnostic, bool) {
			if !strings.HasPrefix(img.Target, "content/") || img.Line < p.BodyLine {
				t.Fatalf("image %+v", img)
			}
			return []byte("<picture></picture>"), []diag.Diagnostic{diag.Warnf(p.Source, img.Line, "small")}, true
		}
		res := r.Render(p, src)
		last := p.BodyLine + strings.Count(string(src), "\n")
		for _, d := range res.Diagnostics {
			if d.File != p.Source {
				t.Fatalf("diagnostic without the page's file: %+v", d)
			}
			if d.Line < p.BodyLine || d.Line > last {
				t.Fatalf("diagnostic line %d outside the body (lines %d to %d): %v", d.Line, p.BodyLine, last, d)
			}
		}
		for _, a := range res.AnchorLinks {
			if a.Line < p.BodyLine || a.Line > last || a.Target == "" || a.Anchor == "" {
				t.Fatalf("bad anchor link %+v", a)
			}
		}
	})
}
