package markdown

import (
	"os"
	"testing"

	"github.com/klartext/klartext/generator/i18n"
)

// corpusPage is a product explainer of the shared benchmark corpus
// (gencorpus): paragraphs with emphasis, headings, a table, a list and
// links, some 3.5 KB.
func corpusPage(b *testing.B) []byte {
	src, err := os.ReadFile("testdata/corpus-page.md")
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkRender is one page's body as the build renders it, with its
// plain text for the search index.
func BenchmarkRender(b *testing.B) {
	src := corpusPage(b)
	r := New(i18n.MustBuiltin("de"))
	p := testPage("content/products/x.md")
	p.Text = true
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if res := r.Render(p, src); len(res.Diagnostics) > 0 {
			b.Fatal(res.Diagnostics)
		}
	}
}

// BenchmarkShape is the limits' pass over the bytes before goldmark
// parses them.
func BenchmarkShape(b *testing.B) {
	src := corpusPage(b)
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		if ds := shape(src, "content/x.md", 5, defaultShape); len(ds) > 0 {
			b.Fatal(ds)
		}
	}
}
