package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm is goldmark's GitHub Flavored Markdown (extension.GFM) with its
// autolinks found by quickLinkify: the same parsers in the same order.
var gfm = []goldmark.Extender{quickLinkifyExtension{}, extension.Table, extension.Strikethrough, extension.TaskList}

// quickLinkify is goldmark's autolink parser (extension.NewLinkifyParser)
// behind a test that turns away, without calling it, every place where it
// finds nothing: goldmark calls it at every space of a page's text, and
// it cost a sixth of rendering a page. The parser finds a link only where
// the text (after the space, '*', '_', '~' or '(' it was called at)
// starts with "http:", "https:", "ftp:" or "www.", or has an '@' within
// the 65 bytes an e-mail address's name may take (util.FindEmailIndex);
// everywhere else it returns nil and touches nothing, so turning it away
// there changes no page. TestQuickLinkifyIsGoldmarks and
// FuzzQuickLinkifyIsGoldmarks compare the two.
//
// Most lines have no '@', ':' or "www." at all: once the rest of a line
// from some position was seen to have none, quickLinkify turns away every
// later position of that line without looking (cleanLine, kept in the
// parse's context).
type quickLinkify struct{ parser.InlineParser }

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) > 0 {
		clean := pc.ComputeIfAbsent(cleanLineKey, func() any { return &cleanLine{stop: -1} }).(*cleanLine)
		if seg.Stop == clean.stop && seg.Start >= clean.start {
			return nil // a later position of a line without a link
		}
		if bytes.IndexByte(line, '@') < 0 && bytes.IndexByte(line, ':') < 0 && bytes.Index(line, prefixWWW) < 0 {
			clean.start, clean.stop = seg.Start, seg.Stop
			return nil
		}
		switch line[0] {
		case ' ', '*', '_', '~', '(':
			line = line[1:]
		}
		if !mayLink(line) {
			return nil
		}
	}
	return q.InlineParser.Parse(parent, block, pc)
}

// cleanLine is the part of a line, from start to stop in the page's
// source, that has no '@', ':' or "www.", where no link can start.
type cleanLine struct{ start, stop int }

var cleanLineKey = parser.NewContextKey()

var (
	prefixHTTP  = []byte("http:")
	prefixHTTPS = []byte("https:")
	prefixFTP   = []byte("ftp:")
	prefixWWW   = []byte("www.")
)

// mayLink reports whether goldmark's autolink parser could find a link at
// the start of line.
func mayLink(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	switch line[0] {
	case 'h':
		if bytes.HasPrefix(line, prefixHTTP) || bytes.HasPrefix(line, prefixHTTPS) {
			return true
		}
	case 'f':
		if bytes.HasPrefix(line, prefixFTP) {
			return true
		}
	case 'w':
		if bytes.HasPrefix(line, prefixWWW) {
			return true
		}
	}
	return bytes.IndexByte(line[:min(len(line), 65)], '@') >= 0
}

// quickLinkifyExtension adds quickLinkify as extension.Linkify adds its
// parser: at the same priority.
type quickLinkifyExtension struct{}

func (quickLinkifyExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999),
	))
}
