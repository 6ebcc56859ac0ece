package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/klartext/klartext/generator/i18n"
)

// goldmarks are goldmark with Extensions (extension.GFM) and with gfm
// (quickLinkify), each with the footnotes and typographer New adds.
func goldmarks() (plain, quick goldmark.Markdown) {
	opts := func(ext ...goldmark.Extender) goldmark.Markdown {
		return goldmark.New(goldmark.WithExtensions(ext...), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	}
	de := i18n.MustBuiltin("de")
	return opts(Extensions(de)...), opts(append(gfm, extension.Footnote, typographer(de))...)
}

var linkTexts = []string{
	"Schreiben Sie an anna@bank.test oder an (info@bank.test).",
	"Mehr auf www.bank.test/kosten, https://bank.test/a?b=c und http://x.y.",
	"ftp://files.bank.test/kid.pdf *www.bank.test* _https://bank.test_ ~www.x.de~",
	"E-Mail: vorname.nachname+tag@sub.bank.example.com. Danach Text.",
	"x@y kein Punkt, a@b.c mit Punkt, @anfang, ende@, -@-.de",
	"[Link mit www.bank.test](https://bank.test) und [anna@bank.test](mailto:anna@bank.test)",
	"Zeile\nwww.bank.test am Zeilenanfang\nanna@bank.test\n\n* https://liste.test\n",
	"www. allein, http: allein, https:/x, ftp:x, wwwx.test, Wwww.test, dann www.bank.test",
	strings.Repeat("a", 63) + "@bank.test " + strings.Repeat("b", 64) + "@bank.test " + strings.Repeat("c", 70) + "@bank.test",
	"(www.bank.test/a_(b)_c) www.bank.test/x&amp; www.bank.test/y&#39; https://bank.test/z.",
	"| a | https://t.test |\n|---|---|\n| b@c.de | www.x.de |\n",
	"**anna@bank.test** `www.code.test` <https://auto.test> <anna@auto.test>",
}

func TestQuickLinkifyIsGoldmarks(t *testing.T) {
	plain, quick := goldmarks()
	for _, s := range linkTexts {
		var want, got bytes.Buffer
		if err := plain.Convert([]byte(s), &want); err != nil {
			t.Fatal(err)
		}
		if err := quick.Convert([]byte(s), &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got.String(), want.String())
		}
		if !strings.Contains(want.String(), "<a href") {
			t.Errorf("%q has no link: the case tests nothing", s)
		}
	}
}

func FuzzQuickLinkifyIsGoldmarks(f *testing.F) {
	for _, s := range linkTexts {
		f.Add(s)
	}
	plain, quick := goldmarks()
	f.Fuzz(func(t *testing.T, s string) {
		var want, got bytes.Buffer
		errW := plain.Convert([]byte(s), &want)
		errG := quick.Convert([]byte(s), &got)
		if got.String() != want.String() || (errW == nil) != (errG == nil) {
			t.Fatalf("%q:\n got %s (%v)\nwant %s (%v)", s, got.String(), errG, want.String(), errW)
		}
	})
}
