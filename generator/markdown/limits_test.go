package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/klartext/klartext/generator/i18n"
)

func table(cols, rows int) string {
	return strings.Repeat("| a ", cols) + "|\n" + strings.Repeat("|---", cols) + "|\n" + strings.Repeat(strings.Repeat("| x ", cols)+"|\n", rows)
}

func nested(depth int) string {
	return strings.Repeat("> ", depth) + "tief\n"
}

// TestLimits: each limit lets a page at the limit through and refuses one
// beyond it with the file, the line and the limit. Line 5 is the body's
// first (testPage's BodyLine).
func TestLimits(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      string // the one diagnostic; "" for none
	}{
		{"table at the limits", "Text\n\n" + table(MaxTableColumns, MaxTableCells/MaxTableColumns-1), ""},
		{"too many columns", "Text\n\n" + table(MaxTableColumns+1, 1),
			"content/x.md:7: this table has 65 columns; the limit is 64 — split the table, or put the data in a file under content/data/"},
		{"too many cells", "Text\n\n" + table(10, MaxTableCells/10), "content/x.md:7: this table has more than 50000 cells (10 columns); the limit is 50000 — split the table, or put the data in a file under content/data/"},
		{"padded rows count", table(3500, 0) + strings.Repeat("a\n", 20), "content/x.md:5: this table has 3500 columns; the limit is 64 — split the table, or put the data in a file under content/data/"},
		{"table in a fence is code", "```\n" + table(100, 1) + "```\n", ""},
		{"nesting at the limit", nested(MaxNesting), ""},
		{"nested quotes", "Text\n\n" + nested(MaxNesting+1), "content/x.md:7: lists and quotes are nested 17 deep here; the limit is 16 — flatten the lists or quotes"},
		{"nested list items on one line", strings.Repeat("- ", MaxNesting+1) + "a\n", "content/x.md:5: lists and quotes are nested 17 deep here; the limit is 16 — flatten the lists or quotes"},
		{"nested lists by indentation", func() string {
			var b strings.Builder
			for i := 0; i <= MaxNesting; i++ {
				b.WriteString(strings.Repeat("  ", i) + "- a\n")
			}
			return b.String()
		}(), "content/x.md:21: lists and quotes are nested 17 deep here; the limit is 16 — flatten the lists or quotes"},
		{"a thematic break is no nesting", strings.Repeat("- ", 40) + "\n", ""},
		{"marks at the limit", "Text " + strings.Repeat("*a* ", MaxInlineMarks/2) + "\n", ""},
		{"too many marks", "Erst.\n\nText " + strings.Repeat("_a* ", MaxInlineMarks/2+1) + "\n",
			"content/x.md:7: this paragraph has more than 1000 emphasis and link marks (* _ ~ [ ]); the limit is 1000 — split it into paragraphs, or put a long list of links into a list"},
		{"marks over lines of one paragraph", strings.Repeat("[a\n", MaxInlineMarks+1),
			"content/x.md:5: this paragraph has more than 1000 emphasis and link marks (* _ ~ [ ]); the limit is 1000 — split it into paragraphs, or put a long list of links into a list"},
		{"marks of list items count alone", strings.Repeat("- [a](glossar.md) und *b*\n", MaxInlineMarks), ""},
		{"marks of table rows count alone", "| a | b |\n|---|---|\n" + strings.Repeat("| [a](glossar.md) | *b* |\n", 500), ""},
		{"marks in a fence are code", "~~~\n" + strings.Repeat("*_[", 1000) + "\n~~~\n", ""},
		{"headings at the limit", strings.Repeat("## a\n\n", MaxHeadings), ""},
		{"too many headings", strings.Repeat("## a\n\n", MaxHeadings+1), "content/x.md:2005: the page has more than 1000 headings; the limit is 1000 — split it into several pages"},
		{"too many links", strings.Repeat("- [a](#)\n", MaxLinks+1), "content/x.md:10005: the page has more than 10000 links and images; the limit is 10000 — split it into several pages"},
		{"too many footnotes", strings.Repeat("- a[^1]\n", MaxFootnotes+1) + "\n[^1]: F.\n", "content/x.md:1005: the page has more than 1000 footnote references; the limit is 1000 — split it into several pages"},
		{"a long reference used often", "[x]: /" + strings.Repeat("a", 1<<20) + "\n\n" + strings.Repeat("- siehe [x]\n", 70),
			"content/x.md:70: the page's links repeat more than 64 MB of addresses and titles; the limit for a page's HTML is 64 MB — a link reference used many times repeats its address each time: shorten it, or link fewer times"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := New(i18n.MustBuiltin("de")).Render(testPage("content/x.md"), []byte(tc.src))
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, d.Error())
			}
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("refused: %v", got)
			case tc.want != "" && (len(got) != 1 || got[0] != tc.want):
				t.Errorf("got %q\nwant %q", got, tc.want)
			case tc.want != "" && res.HTML != "":
				t.Error("a refused page must not be rendered")
			}
		})
	}
}

// TestHTMLCap: a body whose HTML grows beyond MaxHTMLBytes is refused,
// and the HTML written so far is dropped.
func TestHTMLCap(t *testing.T) {
	b := newCappedBuffer(nil, 0)
	if _, err := b.Write(make([]byte, MaxHTMLBytes)); err != nil || b.full {
		t.Fatal("the limit itself must fit")
	}
	if _, err := b.Write([]byte("x")); err != errHTMLTooLarge || !b.full {
		t.Errorf("a byte more must fail: %v", err)
	}
}

// FuzzShapeBoundsTables: shape is an upper bound of what goldmark makes.
// With small limits, a body that shape lets through parses into tables of
// at most that many columns and cells, paragraphs, headings and table
// cells of at most that many marks, and quotes and lists on one line no
// deeper than the limit. Render never panics on any body either way.
func FuzzShapeBoundsTables(f *testing.F) {
	for _, s := range []string{
		table(3, 2), table(5, 1), "a\n|-|-|\n" + strings.Repeat("b\n", 5), "> > > > x\n", "- - - - x\n",
		"*a _b_ [c](d)*\n\n~~x~~ ~~y~~\n", "```\n|a|b|\n|-|-|\n```\n", "| a |\n| - |\n| *b* _c_ [d] |\n",
	} {
		f.Add(s)
	}
	lim := shapeLimits{columns: 4, cells: 12, nesting: 3, marks: 10}
	r := New(i18n.MustBuiltin("de"))
	f.Fuzz(func(t *testing.T, src string) {
		_ = r.Render(testPage("content/x.md"), []byte(src))
		if len(shape([]byte(src), "content/x.md", 1, lim)) > 0 {
			return
		}
		doc := r.md.Parser().Parse(text.NewReader([]byte(src)))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *east.Table:
				cols, cells := 0, 0
				for row := n.FirstChild(); row != nil; row = row.NextSibling() {
					cols = max(cols, row.ChildCount())
					cells += row.ChildCount()
				}
				if cols > lim.columns || cells > lim.cells {
					t.Fatalf("shape let through a table of %d columns, %d cells:\n%s", cols, cells, src)
				}
			case *ast.Paragraph, *ast.Heading, *east.TableCell:
				marks := 0
				for i := 0; i < n.Lines().Len(); i++ {
					seg := n.Lines().At(i)
					marks += strings.Count(string(seg.Value([]byte(src))), "*") + strings.Count(string(seg.Value([]byte(src))), "_") +
						strings.Count(string(seg.Value([]byte(src))), "~") + strings.Count(string(seg.Value([]byte(src))), "[") +
						strings.Count(string(seg.Value([]byte(src))), "]")
				}
				if marks > lim.marks {
					t.Fatalf("shape let through %d marks in one %s:\n%q", marks, n.Kind(), src)
				}
			}
			return ast.WalkContinue, nil
		})
	})
}
