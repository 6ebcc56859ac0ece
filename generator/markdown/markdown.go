// Package markdown renders page bodies with goldmark: GitHub tables,
// footnotes, typographic quotes in the site's language, heading IDs that keep
// Umlauts, raw HTML omitted. Links to other Markdown files become page URLs;
// fenced blocks of registered kinds (chart, video) are handed to the caller.
package markdown

import (
	"bufio"
	"bytes"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	gutil "github.com/yuin/goldmark/util"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/pagebuf"
)

// Renderer renders Markdown for one site language. It is safe for
// concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a renderer whose typography follows the catalog's language
// (its typography_* keys: „…“ and ‚…‘ in German).
func New(words *i18n.Catalog) *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(append(gfm, extension.Footnote, typographer(words))...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute(),
			parser.WithParagraphTransformers(gutil.Prioritized(blockAttributes{}, 50))), // after link references (100) and tables (200)
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(gutil.Prioritized(rawBlockRenderer{}, 100), gutil.Prioritized(rawInlineRenderer{}, 100))),
	)
	return &Renderer{md: md}
}

// Extensions are goldmark's own extensions of the Markdown that New
// renders for the catalog's language: GitHub Flavored Markdown,
// footnotes and the typographer (New finds GFM's autolinks faster, with
// quickLinkify). The benchmark's floor (scripts/floor) renders with them.
func Extensions(words *i18n.Catalog) []goldmark.Extender {
	return []goldmark.Extender{extension.GFM, extension.Footnote, typographer(words)}
}

// typographer is the typographer of the catalog's language: its quotation
// marks and apostrophe (typography_*, as HTML), goldmark's dashes and
// ellipsis.
func typographer(words *i18n.Catalog) goldmark.Extender {
	sub := extension.TypographicSubstitutions{}
	for kind, key := range map[extension.TypographicPunctuation]string{
		extension.LeftDoubleQuote: "typography_double_open", extension.RightDoubleQuote: "typography_double_close",
		extension.LeftSingleQuote: "typography_single_open", extension.RightSingleQuote: "typography_single_close",
		extension.Apostrophe: "typography_apostrophe",
	} {
		if words.Has(key) {
			sub[kind] = []byte(words.T(key))
		}
	}
	return extension.NewTypographer(extension.WithTypographicSubstitutions(sub))
}

// FenceFunc renders a fenced block of a registered kind. line is the file
// line of the block's first body line. It returns the HTML to put in its
// place, or diagnostics.
type FenceFunc func(body []byte, line int) ([]byte, []diag.Diagnostic)

// Page is what the renderer needs to know about the page being rendered.
type Page struct {
	Source   string // "content/products/x.md"
	BodyLine int    // file line of the body's first line
	// ResolvePage maps a Markdown file (from the site root,
	// "content/advisors/anna.md") to its page URL.
	ResolvePage func(source string) (url string, ok bool)
	// Unlinked reports Markdown files whose page must not be linked (an
	// advisor who withdrew consent): links to them become plain text.
	Unlinked func(source string) bool
	// ResolveFile maps any other file (from the site root) to its URL.
	ResolveFile func(source string) (url string, ok bool)
	// ResolvePath maps a site path written from the site's root
	// ("/produkte/", "/docs/preise.pdf") to its URL with the base path
	// when the site publishes something there; nil leaves such links as
	// they are written.
	ResolvePath func(sitePath string) (url string, ok bool)
	// ImageAllowed reports whether the site's policy lets a page load an
	// image from the address (another host); nil allows every one.
	ImageAllowed func(u *url.URL) bool
	// Fences renders fenced blocks by info word ("chart", "video").
	Fences map[string]FenceFunc
	// Text asks for the body as plain text too (Result.Text), for the
	// search index.
	Text bool
	// Image renders images of the site's own files (images.go); nil
	// leaves them to goldmark, with the destination resolved like a link.
	Image ImageFunc
	// Out is the page's buffer the HTML is written into (Result.HTML
	// shares its bytes, valid until it is reset); nil: a buffer of the
	// page's own.
	Out *pagebuf.Buffer
}

// Heading is a heading of the rendered page.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// AnchorLink is a link into another page that names a heading; it can only
// be checked once that page is rendered too.
type AnchorLink struct {
	Target string // source path of the target page
	Anchor string
	Line   int
}

// Result is a rendered body.
type Result struct {
	// HTML is the rendered body, a string, so a page's layout takes it
	// as it is (template.HTML) without another copy; it shares the bytes
	// of Page.Out.
	HTML        string
	Headings    []Heading
	AnchorLinks []AnchorLink
	// UnlinkedRefs are links that were turned into text (see Page.Unlinked).
	UnlinkedRefs []AnchorLink
	Diagnostics  []diag.Diagnostic
	// Text is the body's words as plain text when Page.Text asked for it:
	// blocks on lines of their own, without code blocks, raw HTML, link
	// targets or the fenced blocks of registered kinds.
	Text string
}

// Render renders one page body. A body beyond one of the limits (see
// limits.go) is not rendered: the result has only the diagnostics.
func (r *Renderer) Render(p Page, src []byte) Result {
	var res Result
	if ds := shape(src, p.Source, p.BodyLine, defaultShape); len(ds) > 0 {
		res.Diagnostics = ds
		return res
	}
	ids := newHeadingIDs()
	pc := parser.NewContext(parser.WithIDs(ids))
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	lines := newLineIndex(src, p.BodyLine)
	var selfAnchors []AnchorLink
	var replace, unwrap []ast.Node
	limits := walkLimits{source: p.Source}
	var text *strings.Builder
	if p.Text {
		text = &strings.Builder{}
		text.Grow(len(src))
	}
	var images [][2]ast.Node // image, its replacement
	attrs := attrCheck{source: p.Source, lines: lines}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			limits.leave(n)
			if text != nil && n.Type() == ast.TypeBlock {
				endBlock(text)
			}
			return ast.WalkContinue, nil
		}
		if limits.enter(n, func() int { return lines.line(nodeOffset(n, src)) }) {
			return ast.WalkStop, nil // beyond a limit: the page is not rendered
		}
		if text != nil {
			appendText(text, n, src)
		}
		switch n := n.(type) {
		case *ast.Heading:
			if len(n.Attributes()) > 1 || ids.authored != nil {
				attrs.check(n, nodeOffset(n, src), n.Attributes(), ids.isAuthored)
			}
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			res.Headings = append(res.Headings, Heading{Level: n.Level, ID: string(idb), Text: plainText(n, src)})
		case *ast.Link:
			if target, ok := unlinked(p, n.Destination); ok {
				res.UnlinkedRefs = append(res.UnlinkedRefs, AnchorLink{Target: target, Line: lines.line(nodeOffset(n, src))})
				unwrap = append(unwrap, n)
				break
			}
			res.resolve(p, &n.Destination, nodeOffset(n, src), lines, &selfAnchors, false)
		case *ast.Image:
			if html, ok := res.image(p, n, src, lines); ok {
				images = append(images, [2]ast.Node{n, html})
				return ast.WalkSkipChildren, nil
			}
			res.resolve(p, &n.Destination, nodeOffset(n, src), lines, &selfAnchors, true)
		case *ast.FencedCodeBlock:
			if n.Info == nil {
				break
			}
			info := strings.Fields(string(n.Info.Segment.Value(src)))
			if len(info) == 0 || p.Fences[info[0]] == nil {
				break
			}
			replace = append(replace, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(limits.diags) > 0 {
		res.Diagnostics = append(res.Diagnostics, limits.diags...)
		return res
	}
	attrs.blocks(pc)
	attrs.clean()
	res.Diagnostics = append(res.Diagnostics, attrs.ds...)
	for _, n := range replace {
		fb := n.(*ast.FencedCodeBlock)
		info := strings.Fields(string(fb.Info.Segment.Value(src)))[0]
		var body bytes.Buffer
		segs := fb.Lines()
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			body.Write(seg.Value(src))
		}
		line := lines.line(fb.Info.Segment.Start) + 1
		html, ds := p.Fences[info](body.Bytes(), line)
		res.Diagnostics = append(res.Diagnostics, ds...)
		n.Parent().ReplaceChild(n.Parent(), n, &rawBlock{html: html})
	}
	for _, r := range images {
		r[0].Parent().ReplaceChild(r[0].Parent(), r[0], r[1])
	}
	for _, n := range unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	if len(selfAnchors) > 0 {
		ids := HeadingIDs(res.Headings)
		for _, a := range selfAnchors {
			if !slices.Contains(ids, a.Anchor) {
				res.Diagnostics = append(res.Diagnostics, MissingAnchor(p.Source, a, ids))
			}
		}
	}
	out := newCappedBuffer(p.Out, len(src)+len(src)/4)
	// goldmark wraps any writer that is not buffered in a new 4 KB
	// bufio.Writer; one from the pool spares that per page.
	w := bufWriters.Get().(*bufio.Writer)
	w.Reset(out)
	err := r.md.Renderer().Render(w, src, doc)
	if err == nil {
		err = w.Flush()
	}
	w.Reset(nil)
	bufWriters.Put(w)
	switch {
	case out.full:
		res.Diagnostics = append(res.Diagnostics, diag.Errorf(p.Source, p.BodyLine, "the page's HTML would have more than %d MB; the limit is %d MB", MaxHTMLBytes>>20, MaxHTMLBytes>>20).
			WithHint("split it into several pages"))
		return res
	case err != nil:
		res.Diagnostics = append(res.Diagnostics, diag.Errorf(p.Source, p.BodyLine, "cannot render Markdown: %v", err))
	}
	res.HTML = out.String()
	if text != nil {
		res.Text = strings.TrimSpace(text.String())
	}
	return res
}

// appendText appends a node's own words to text. Code blocks, raw HTML
// and autolinks have none: their content is not made of Text nodes.
func appendText(text *strings.Builder, n ast.Node, src []byte) {
	switch t := n.(type) {
	case *ast.Text:
		v := t.Segment.Value(src)
		if bytes.IndexByte(v, '\\') >= 0 || bytes.IndexByte(v, '&') >= 0 {
			v = gutil.ResolveEntityNames(gutil.ResolveNumericReferences(gutil.UnescapePunctuations(v)))
		}
		text.Write(v)
		if t.SoftLineBreak() || t.HardLineBreak() {
			text.WriteByte(' ')
		}
	case *ast.String:
		v := t.Value
		if bytes.IndexByte(v, '&') >= 0 { // the typographer's quotes and dashes
			v = gutil.ResolveEntityNames(v)
		}
		text.Write(v)
	}
}

// endBlock ends a block of the plain text with a line break.
func endBlock(text *strings.Builder) {
	if s := text.String(); len(s) > 0 && s[len(s)-1] != '\n' {
		text.WriteByte('\n')
	}
}

var bufWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4096) }}

// HeadingIDs are the ids of the headings, in their order: all a link check
// needs of a page's headings.
func HeadingIDs(headings []Heading) []string {
	if len(headings) == 0 {
		return nil
	}
	ids := make([]string, len(headings))
	for i, h := range headings {
		ids[i] = h.ID
	}
	return ids
}

// MissingAnchor is the diagnostic for a link to a heading that does not
// exist, listing the ids of the headings that do.
func MissingAnchor(from string, a AnchorLink, headingIDs []string) diag.Diagnostic {
	ids := make([]string, 0, len(headingIDs))
	for _, id := range headingIDs {
		ids = append(ids, "#"+id)
	}
	sort.Strings(ids)
	target := "this page"
	if a.Target != "" && a.Target != from {
		target = a.Target
	}
	d := diag.Errorf(from, a.Line, "the link points to #%s, but %s has no heading with that id", a.Anchor, target)
	if len(ids) > 0 {
		return d.WithHint("headings there: %s", strings.Join(ids, ", "))
	}
	return d.WithHint("%s has no headings", target)
}

// unlinked reports whether a link points to a page that must not be
// linked, and which.
func unlinked(p Page, dest []byte) (string, bool) {
	if p.Unlinked == nil {
		return "", false
	}
	u, err := url.Parse(string(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasSuffix(u.Path, ".md") || strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	target := path.Join(path.Dir(p.Source), u.Path)
	return target, p.Unlinked(target)
}

// resolve rewrites a relative link destination to the target's URL, and
// records what must be checked.
func (res *Result) resolve(p Page, dest *[]byte, offset int, lines *lineIndex, selfAnchors *[]AnchorLink, image bool) {
	raw := string(*dest)
	if raw == "" {
		return
	}
	u, err := url.Parse(raw)
	if err != nil {
		res.Diagnostics = append(res.Diagnostics, diag.Errorf(p.Source, lines.line(offset), "malformed link %q: %v", raw, err))
		return
	}
	if u.Scheme == "" && u.Host == "" && strings.HasPrefix(raw, "/") && p.ResolvePath != nil {
		res.resolvePath(p, dest, u, raw, lines.line(offset))
		return
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(raw, "/") {
		return // external, mailto:, tel:, or a site path written out
	}
	if u.Path == "" { // "#anchor" on this page
		if u.Fragment != "" {
			*selfAnchors = append(*selfAnchors, AnchorLink{Anchor: u.Fragment, Line: lines.line(offset)})
		}
		return
	}
	target := path.Join(path.Dir(p.Source), u.Path)
	if !strings.HasPrefix(target, "content/") {
		res.Diagnostics = append(res.Diagnostics, diag.Errorf(p.Source, lines.line(offset),
			"the link %q leads outside the content folder", raw).WithHint("link to a file inside content/"))
		return
	}
	var resolved string
	var ok bool
	isPage := strings.HasSuffix(u.Path, ".md")
	if isPage {
		resolved, ok = p.ResolvePage(target)
	} else {
		resolved, ok = p.ResolveFile(target)
	}
	if !ok {
		d := diag.Errorf(p.Source, lines.line(offset), "the link %q points to a file that does not exist (%s)", raw, target)
		if isPage {
			d = diag.Errorf(p.Source, lines.line(offset), "the link %q points to a page that does not exist (%s)", raw, target)
		}
		res.Diagnostics = append(res.Diagnostics, d.WithHint("check the file name and the ../ steps; links are relative to this file's folder"))
		return
	}
	if u.Fragment != "" {
		if isPage {
			res.AnchorLinks = append(res.AnchorLinks, AnchorLink{Target: target, Anchor: u.Fragment, Line: lines.line(offset)})
		}
		resolved += "#" + url.PathEscape(u.Fragment)
	}
	*dest = []byte(resolved)
}

// resolvePath checks a link written from the site's root ("/produkte/")
// like a link to a file: it must be the address of something the site
// publishes; then it gets the base path.
func (res *Result) resolvePath(p Page, dest *[]byte, u *url.URL, raw string, line int) {
	resolved, ok := p.ResolvePath(u.Path)
	if !ok {
		res.Diagnostics = append(res.Diagnostics, diag.Errorf(p.Source, line,
			"the link %q points to an address this site does not publish", raw).
			WithHint("a link from the site's root names a page's address (/produkte/) or a file's (/docs/preise.pdf); or link the file, like produkte/_index.md"))
		return
	}
	if u.RawQuery != "" {
		resolved += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		resolved += "#" + url.PathEscape(u.Fragment)
	}
	*dest = []byte(resolved)
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tt, ok := cc.(*ast.Text); ok {
					b.Write(tt.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// nodeOffset finds a byte offset in src inside an inline node (its first
// text), falling back to the enclosing block's first line.
func nodeOffset(n ast.Node, src []byte) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// lineIndex maps byte offsets of the body to file lines; built lazily,
// since most pages never need it.
type lineIndex struct {
	src    []byte
	first  int
	starts []int
}

func newLineIndex(src []byte, firstLine int) *lineIndex {
	return &lineIndex{src: src, first: firstLine}
}

func (l *lineIndex) line(offset int) int {
	if l.starts == nil {
		l.starts = []int{0}
		for i, c := range l.src {
			if c == '\n' {
				l.starts = append(l.starts, i+1)
			}
		}
	}
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset })
	return l.first + i - 1
}
