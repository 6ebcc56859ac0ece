package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/pagebuf"
)

// Limits on the work one page may cause. No bank page comes near them; a
// page beyond one fails the build with its file and line instead of taking
// minutes or gigabytes (the figures in the README come from
// scripts/hostile-pages.sh). Those goldmark pays for while it parses are
// checked before it parses, in one pass over the bytes (shape); the others
// while Render walks the parsed page anyway (walkLimits).
const (
	// MaxTableColumns and MaxTableCells bound a table: goldmark pads every
	// row to the header's columns, so 3,500 columns and 3,500 one-letter
	// rows (21 KB) were 12 million cells and 3.5 GB.
	MaxTableColumns = 64
	MaxTableCells   = 50_000
	// MaxNesting bounds lists and quotes inside each other; goldmark's
	// work per line grows with the depth ("> > > …").
	MaxNesting = 16
	// MaxInlineMarks bounds the emphasis and link marks (* _ ~ [ ]) of one
	// paragraph, heading or table row: goldmark matches emphasis and links
	// in time that grows with the square of their number ("_a*" 40,000
	// times took 15 s).
	MaxInlineMarks = 1_000
	// MaxHeadings, MaxLinks and MaxFootnotes bound a page's headings,
	// links and images, and footnote references.
	MaxHeadings  = 1_000
	MaxLinks     = 10_000
	MaxFootnotes = 1_000
	// MaxHTMLBytes bounds a page's rendered body: one long link
	// reference used a few thousand times was gigabytes of HTML.
	MaxHTMLBytes = 64 << 20
)

// shapeLimits are the limits shape checks; the fuzz test uses small ones.
type shapeLimits struct{ columns, cells, nesting, marks int }

var defaultShape = shapeLimits{MaxTableColumns, MaxTableCells, MaxNesting, MaxInlineMarks}

// shape checks the limits goldmark would pay for while parsing: table
// cells, nesting on one line, and inline marks per paragraph. It reads the
// body line by line as CommonMark's block structure would split it, closely
// enough to bound the work: fenced code is skipped, a blank line ends a
// paragraph and a table, a list item or heading starts a new count, and a
// table's rows count alone.
func shape(src []byte, source string, firstLine int, lim shapeLimits) []diag.Diagnostic {
	var ds []diag.Diagnostic
	line := firstLine - 1
	var fence byte
	fenceLen := 0
	marks, marksLine, marksReported := 0, 0, false
	para := false   // a paragraph is open: the next line may continue it
	inItem := false // the open paragraph began on a list item's line
	tableCols, tableRows, tableLine := 0, 0, 0
	var prev []byte // the previous line, when it may be a table's header
	for len(src) > 0 {
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		line++
		indent := 0
		for indent < len(l) && indent < 4 && l[indent] == ' ' {
			indent++
		}
		t := l[indent:]
		if fence != 0 {
			if indent < 4 && fenceRun(t, fence) >= fenceLen && len(bytes.Trim(t, string(fence)+" \t")) == 0 {
				fence = 0
			}
			continue
		}
		if indent < 4 {
			if n := fenceRun(t, '`'); n >= 3 && bytes.IndexByte(t[n:], '`') < 0 {
				fence, fenceLen = '`', n
			} else if n := fenceRun(t, '~'); n >= 3 {
				fence, fenceLen = '~', n
			}
			if fence != 0 {
				marks, tableCols, prev, para = 0, 0, nil, false
				continue
			}
		}
		if blank(l) {
			marks, tableCols, prev, para = 0, 0, nil, false
			continue
		}
		rest, depth, item, interrupts := containers(l)
		if depth > lim.nesting {
			ds = append(ds, diag.Errorf(source, line, "lists and quotes are nested %d deep here; the limit is %d", depth, lim.nesting).
				WithHint("flatten the lists or quotes"))
			return ds
		}
		heading := atxHeading(rest)
		// An item that cannot interrupt a paragraph continues it, unless
		// the paragraph is an item's own text.
		opens := heading || item && (interrupts || inItem || !para)
		counted := rest
		switch {
		case tableCols > 0 && !opens:
			tableRows++
			if tableCols*(tableRows+1) > lim.cells {
				ds = append(ds, diag.Errorf(source, tableLine, "this table has more than %d cells (%d columns); the limit is %d",
					lim.cells, tableCols, lim.cells).WithHint("split the table, or put the data in a file under content/data/"))
				return ds
			}
			marks, marksLine, marksReported = 0, line, false // each row is parsed cell by cell
		case prev != nil && !opens && delimiterRow(rest):
			tableCols, tableRows, tableLine = cells(rest), 0, line-1
			if tableCols > lim.columns {
				ds = append(ds, diag.Errorf(source, tableLine, "this table has %d columns; the limit is %d", tableCols, lim.columns).
					WithHint("split the table, or put the data in a file under content/data/"))
				return ds
			}
			marks, marksLine, marksReported = 0, line, false
		default:
			tableCols = 0
			if opens || !para {
				marks, marksLine, marksReported = 0, line, false
				inItem = item
			} else if item {
				counted = l // its markers are the paragraph's text
			}
		}
		para = !heading
		prev = rest
		if heading {
			prev = nil
		}
		for _, c := range counted {
			marks += int(inlineMark[c])
		}
		if marks > lim.marks && !marksReported {
			marksReported = true
			ds = append(ds, diag.Errorf(source, marksLine, "this paragraph has more than %d emphasis and link marks (* _ ~ [ ]); the limit is %d",
				lim.marks, lim.marks).WithHint("split it into paragraphs, or put a long list of links into a list"))
			if len(ds) >= 10 {
				return ds
			}
		}
		if heading {
			marks = 0
		}
	}
	return ds
}

// inlineMark is 1 for the emphasis and link marks (* _ ~ [ ]): shape
// counts them on every line of every page.
var inlineMark = func() (t [256]uint8) {
	for _, c := range "*_~[]" {
		t[c] = 1
	}
	return t
}()

// blank reports a line of spaces and tabs only.
func blank(l []byte) bool {
	for _, c := range l {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// atxHeading reports a line that is an ATX heading: one to six # and a
// space, a tab or the end of the line.
func atxHeading(t []byte) bool {
	n := fenceRun(t, '#')
	return n >= 1 && n <= 6 && (n == len(t) || t[n] == ' ' || t[n] == '\t')
}

// fenceRun is the number of c at the start of t.
func fenceRun(t []byte, c byte) int {
	n := 0
	for n < len(t) && t[n] == c {
		n++
	}
	return n
}

// containers reads the quote markers and list markers that open blocks at
// the start of a line: the line's nesting, what follows, whether a list
// item starts here, and whether that item may interrupt a paragraph. A
// thematic break ("- - -", "* * *") opens nothing.
//
// CommonMark (and goldmark) let the first item of a list interrupt a
// paragraph only when it is not empty and, if ordered, starts at 1:
// "text\n*" and "text\n2. x" are one paragraph of two lines.
func containers(l []byte) (rest []byte, depth int, item, interrupts bool) {
	if thematicBreak(l) {
		return l, 0, false, false
	}
	i := 0
	first := false // the line's first item marker is a bullet or the number 1
	for {
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
		if i >= len(l) {
			return l[i:], depth, item, false // the item is empty
		}
		switch c := l[i]; {
		case c == '>':
			depth++
			i++
			continue
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t'):
			if !item {
				first = true
			}
			depth++
			item = true
			i++
			continue
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j < len(l) && (l[j] == '.' || l[j] == ')') && (j+1 == len(l) || l[j+1] == ' ' || l[j+1] == '\t') {
				if !item {
					first = string(bytes.TrimLeft(l[i:j], "0")) == "1"
				}
				depth++
				item = true
				i = j + 1
				continue
			}
		}
		return l[i:], depth, item, item && first
	}
}

func thematicBreak(l []byte) bool {
	var mark byte
	n := 0
	for _, c := range l {
		switch {
		case c == ' ' || c == '\t':
		case (c == '-' || c == '*' || c == '_') && (mark == 0 || c == mark):
			mark = c
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// delimiterRow reports a table's delimiter row: cells of dashes with
// optional colons, separated by pipes.
func delimiterRow(t []byte) bool {
	t = bytes.TrimSpace(t)
	if len(t) == 0 || bytes.IndexByte(t, '-') < 0 {
		return false
	}
	pipe := false
	for _, c := range t {
		switch c {
		case '|':
			pipe = true
		case '-', ':', ' ', '\t':
		default:
			return false
		}
	}
	return pipe
}

// cells counts a table row's cells: the pipes between them, without a
// leading or trailing one.
func cells(t []byte) int {
	t = bytes.TrimSpace(t)
	t = bytes.TrimPrefix(t, []byte("|"))
	t = bytes.TrimSuffix(t, []byte("|"))
	return 1 + bytes.Count(t, []byte("|"))
}

// walkLimits counts, while Render walks the parsed page, what the page
// would make: headings, links and images, footnote references, nesting,
// and the bytes of link addresses and titles the HTML would repeat.
type walkLimits struct {
	headings, links, footnotes, depth int
	linkBytes                         int
	diags                             []diag.Diagnostic
	source                            string
}

// enter counts node n; line finds its line. It reports whether a limit is
// exceeded, which stops the walk: nothing more of the page is looked at.
func (w *walkLimits) enter(n ast.Node, line func() int) bool {
	switch n := n.(type) {
	case *ast.Heading:
		w.headings++
		if w.headings == MaxHeadings+1 {
			w.fail(line(), "the page has more than %d headings; the limit is %d", "split it into several pages", MaxHeadings, MaxHeadings)
		}
	case *ast.Link, *ast.Image, *ast.AutoLink:
		w.links++
		if w.links == MaxLinks+1 {
			w.fail(line(), "the page has more than %d links and images; the limit is %d", "split it into several pages", MaxLinks, MaxLinks)
		}
		switch n := n.(type) {
		case *ast.Link:
			w.addLinkBytes(len(n.Destination)+len(n.Title), line)
		case *ast.Image:
			w.addLinkBytes(len(n.Destination)+len(n.Title), line)
		}
	case *east.FootnoteLink:
		w.footnotes++
		if w.footnotes == MaxFootnotes+1 {
			w.fail(line(), "the page has more than %d footnote references; the limit is %d", "split it into several pages", MaxFootnotes, MaxFootnotes)
		}
	case *ast.Blockquote, *ast.List:
		w.depth++
		if w.depth == MaxNesting+1 {
			w.fail(line(), "lists and quotes are nested %d deep here; the limit is %d", "flatten the lists or quotes", w.depth, MaxNesting)
		}
	}
	return len(w.diags) > 0
}

// leave undoes enter's nesting count.
func (w *walkLimits) leave(n ast.Node) {
	switch n.(type) {
	case *ast.Blockquote, *ast.List:
		w.depth--
	}
}

func (w *walkLimits) addLinkBytes(n int, line func() int) {
	before := w.linkBytes
	w.linkBytes += n
	if before <= MaxHTMLBytes && w.linkBytes > MaxHTMLBytes {
		w.fail(line(), "the page's links repeat more than %d MB of addresses and titles; the limit for a page's HTML is %d MB",
			"a link reference used many times repeats its address each time: shorten it, or link fewer times", MaxHTMLBytes>>20, MaxHTMLBytes>>20)
	}
}

func (w *walkLimits) fail(line int, format, hint string, a ...any) {
	w.diags = append(w.diags, diag.Errorf(w.source, line, format, a...).WithHint("%s", hint))
}

// errHTMLTooLarge stops writing a page's HTML at MaxHTMLBytes.
var errHTMLTooLarge = diag.Err("the page's HTML is too large")

// cappedBuffer is the page's HTML, refused beyond MaxHTMLBytes: goldmark's
// buffered writer keeps the first error and writes nothing after it.
// It is written into the page's buffer (Page.Out) from start on.
type cappedBuffer struct {
	out   *pagebuf.Buffer
	start int
	full  bool
}

// newCappedBuffer writes into out (nil: a buffer of its own) with room
// for size bytes.
func newCappedBuffer(out *pagebuf.Buffer, size int) *cappedBuffer {
	if out == nil {
		out = &pagebuf.Buffer{}
	}
	out.Grow(size)
	return &cappedBuffer{out: out, start: out.Mark()}
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.full || b.out.Mark()-b.start+len(p) > MaxHTMLBytes {
		b.full = true
		return 0, errHTMLTooLarge
	}
	return b.out.Write(p)
}

// String is what was written.
func (b *cappedBuffer) String() string { return b.out.Since(b.start) }
