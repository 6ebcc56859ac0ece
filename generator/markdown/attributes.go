package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/language"

	"github.com/klartext/klartext/generator/diag"
)

// Passages in another language (WCAG 3.1.2) are marked with goldmark's
// attribute syntax, and only with lang:
//
//	## Our promise {lang=en}
//
//	This paragraph is English.
//	{lang=en}
//
//	> A quote in English
//
//	{lang=en}
//
// On a heading the list ends its line (goldmark's parser.WithAttribute);
// below a paragraph it is its last line; alone, after a blank line or
// directly below a heading, it marks the block before it (a heading, a
// paragraph, a quote, a list, a table). The value must be a well-formed
// BCP 47 tag of a known language (golang.org/x/text/language); any other
// attribute — id, class, style, an event handler — is an error with the
// file and line, and none of them reaches the page.

// attributed is a block that an attribute list marks, where the list
// stood (a byte offset of the source).
type attributed struct {
	node   ast.Node
	offset int
	attrs  parser.Attributes
	alone  bool // the list stood on a line of its own, for the block before
}

var attributedKey = parser.NewContextKey()

// blockAttributes is a paragraph transformer: it takes a paragraph's last
// line when it is an attribute list, before the paragraph's inline text
// is parsed, so the list never shows as text.
type blockAttributes struct{}

func (blockAttributes) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	n := lines.Len()
	if n == 0 {
		return
	}
	last := lines.At(n - 1)
	line := util.TrimRightSpace(util.TrimLeftSpace(last.Value(reader.Source())))
	if len(line) < 2 || line[0] != '{' || line[len(line)-1] != '}' {
		return
	}
	lr := text.NewReader(line)
	attrs, ok := parser.ParseAttributes(lr)
	if rest, _ := lr.PeekLine(); !ok || len(bytes.TrimSpace(rest)) > 0 {
		return
	}
	a := attributed{node: node, offset: last.Start, attrs: attrs}
	if n == 1 { // a line of its own: for the block before
		a.alone, a.node = true, node.PreviousSibling()
		node.Parent().RemoveChild(node.Parent(), node)
	} else {
		lines.SetSliced(0, n-1)
	}
	list, _ := pc.Get(attributedKey).(*[]attributed)
	if list == nil {
		list = &[]attributed{}
		pc.Set(attributedKey, list)
	}
	*list = append(*list, a)
}

// takesLang are the blocks whose HTML element carries the attribute.
func takesLang(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindHeading, ast.KindBlockquote, ast.KindList, ast.KindListItem:
		return true
	}
	return n.Kind().String() == "Table"
}

// attrCheck checks the attribute lists of one page: lang passes, every
// other attribute, an invalid language and a list that marks nothing is
// an error with the file and line, and is removed.
type attrCheck struct {
	source string
	lines  *lineIndex
	ds     []diag.Diagnostic
	dirty  []ast.Node // blocks with attributes to remove
}

func (c *attrCheck) fail(offset int, format string, a ...any) {
	c.ds = append(c.ds, diag.Errorf(c.source, c.lines.line(offset), format, a...).
		WithHint("mark a passage in another language with {lang=…} alone, a language code like en or fr-CH"))
}

// check checks the attributes a list gave n (set on n already for a
// heading, whose own id is not the author's unless authored says so).
func (c *attrCheck) check(n ast.Node, offset int, attrs []ast.Attribute, authored func([]byte) bool) {
	for _, a := range attrs {
		name := string(a.Name)
		v, isBytes := a.Value.([]byte)
		if name == "id" && n.Kind() == ast.KindHeading && (!isBytes || !authored(v)) {
			continue // the heading's own id
		}
		if name != "lang" {
			c.fail(offset, "the attribute %s is not allowed in Markdown; only lang is", attrName(a))
			c.drop(n, a.Name)
			continue
		}
		if tag, err := language.Parse(string(v)); !isBytes || err != nil || tag == language.Und {
			c.fail(offset, "{lang=%s} is not a language code (BCP 47)", attrValue(a.Value))
			c.drop(n, a.Name)
			continue
		}
		n.SetAttribute(a.Name, v)
	}
}

// drop marks an attribute of n for removal (SetAttribute(name, nil)
// keeps the name; clean removes it).
func (c *attrCheck) drop(n ast.Node, name []byte) {
	n.SetAttribute(name, nil)
	c.dirty = append(c.dirty, n)
}

// blocks checks the attribute lists of paragraphs and of lines of their
// own (blockAttributes) and sets lang on the blocks they mark.
func (c *attrCheck) blocks(pc parser.Context) {
	list, _ := pc.Get(attributedKey).(*[]attributed)
	if list == nil {
		return
	}
	for _, a := range *list {
		if a.node == nil || !takesLang(a.node) {
			c.fail(a.offset, "the attribute list %s marks no paragraph, heading, quote, list or table", attrList(a.attrs))
			continue
		}
		attrs := make([]ast.Attribute, len(a.attrs))
		for i, at := range a.attrs {
			attrs[i] = ast.Attribute{Name: at.Name, Value: at.Value}
		}
		c.check(a.node, a.offset, attrs, nil)
	}
}

// clean removes the dropped attributes.
func (c *attrCheck) clean() {
	for _, n := range c.dirty {
		var keep []ast.Attribute
		for _, a := range n.Attributes() {
			if a.Value != nil {
				keep = append(keep, a)
			}
		}
		n.RemoveAttributes()
		for _, a := range keep {
			n.SetAttribute(a.Name, a.Value)
		}
	}
}

func attrName(a ast.Attribute) string {
	switch string(a.Name) {
	case "id":
		return "{#" + attrValue(a.Value) + "}"
	case "class":
		return "{." + attrValue(a.Value) + "}"
	}
	return string(a.Name)
}

func attrValue(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return fmt.Sprint(v)
}

func attrList(attrs parser.Attributes) string {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, a := range attrs {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s=%s", a.Name, attrValue(a.Value))
	}
	b.WriteByte('}')
	return b.String()
}
