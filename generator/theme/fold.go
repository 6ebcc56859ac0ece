package theme

import (
	"errors"
	"html/template"
	"text/template/parse"

	"github.com/klartext/klartext/generator/escape"
)

// Folding translations. A layout prints most of its words with {{t "key"}}:
// html/template turns that into two reflective function calls per page,
// the translation and its escaper, about a microsecond apiece — a sixth of
// a product page's layout. The words are fixed for a build, so once the set
// is escaped, every action that only prints a translation, escaped for HTML
// text or a quoted attribute value, is replaced by the escaped text itself.
// Escaped for any other context (a URL, JavaScript, CSS) it is left alone.
// Theme.Fold turns it off for the reference build (the output must not
// change by a byte).

// escapeProbe is the data of the run that makes html/template escape a
// set: partialCached ignores it, and the probe's writer fails at once, so
// no layout gets further than its first text.
type escapeProbe struct{}

type failingWriter struct{}

var errProbe = errors.New("escape probe")

func (failingWriter) Write([]byte) (int, error) { return 0, errProbe }

// escapeNow makes html/template escape tmpl and what it calls, and reports
// whether it could. It escapes on the first execution only, and offers no
// other way.
func escapeNow(tmpl *template.Template) bool {
	var escapeErr *template.Error
	return !errors.As(tmpl.Execute(failingWriter{}, escapeProbe{}), &escapeErr)
}

// foldTranslations folds the translation actions of every template in
// tmpl's set (see above). tmpl must have been escaped.
func (t *Theme) foldTranslations(tmpl *template.Template) {
	for _, x := range tmpl.Templates() {
		if x.Tree != nil && x.Tree.Root != nil {
			t.foldList(x.Tree.Root)
		}
	}
}

func (t *Theme) foldList(l *parse.ListNode) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := t.foldedAction(n); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)}
			}
		case *parse.IfNode:
			t.foldList(n.List)
			t.foldList(n.ElseList)
		case *parse.RangeNode:
			t.foldList(n.List)
			t.foldList(n.ElseList)
		case *parse.WithNode:
			t.foldList(n.List)
			t.foldList(n.ElseList)
		case *parse.ListNode:
			t.foldList(n)
		}
	}
}

// foldedAction returns what the action prints, if it is a translation
// without arguments and one HTML text escaper (html/template adds exactly
// one escaper to such an action).
func (t *Theme) foldedAction(n *parse.ActionNode) (string, bool) {
	p := n.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 2 {
		return "", false
	}
	call, esc := p.Cmds[0].Args, p.Cmds[1].Args
	if len(call) != 2 || len(esc) != 1 {
		return "", false
	}
	fn, isIdent := call[0].(*parse.IdentifierNode)
	key, isStr := call[1].(*parse.StringNode)
	escaper, escIsIdent := esc[0].(*parse.IdentifierNode)
	if !isIdent || fn.Ident != "t" || !isStr || !escIsIdent || !escapers[escaper.Ident].escapesHTMLText() {
		return "", false
	}
	return escape.HTML(t.Translate(key.Text)), true
}
