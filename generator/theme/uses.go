package theme

import (
	"text/template/parse"
)

// Uses is how a layout reads one field of its data.
type Uses struct {
	// Keys are the keys it looks up in the field with index and a
	// literal ({{index $.Figures "risk"}}) or as a map field
	// ({{.Figures.risk}}).
	Keys map[string]bool
	// Any is whether it uses the field in another way (ranges over it,
	// passes it on, looks a key up with a variable, prints it whole):
	// then any key may be shown.
	Any bool
}

// Uses reports how layout, with the templates it can call (the base
// layout and the partials), reads the field of its data named field
// (.Figures, $.Figures, or the field of any other value by that name:
// the answer errs on the side of "used"). Call it before the layout first
// executes.
func (t *Theme) Uses(layout, field string) (Uses, error) {
	c := t.layout(layout)
	if c.err != nil {
		return Uses{}, c.err
	}
	u := Uses{Keys: map[string]bool{}}
	for _, tmpl := range c.tmpl.Templates() {
		if tmpl.Tree != nil {
			u.walk(tmpl.Tree.Root, field)
		}
	}
	return u, nil
}

func (u *Uses) walk(n parse.Node, field string) {
	inspect(n, func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.CommandNode:
			if len(n.Args) >= 2 && isIdent(n.Args[0], "index") && names(n.Args[1], field) {
				if s, ok := n.Args[len(n.Args)-1].(*parse.StringNode); ok && len(n.Args) == 3 {
					u.Keys[s.Text] = true
				} else {
					u.Any = true
				}
				for _, a := range n.Args[2:] {
					u.walk(a, field)
				}
				return false
			}
		case *parse.ChainNode:
			u.idents(n.Field, field)
		case *parse.FieldNode:
			u.idents(n.Ident, field)
		case *parse.VariableNode:
			u.idents(n.Ident, field)
		}
		return true
	})
}

// idents looks at a chain of names (.A.B.C): the field followed by a name
// is a map field; the field last is a use of it whole.
func (u *Uses) idents(ident []string, field string) {
	for i, id := range ident {
		if id != field {
			continue
		}
		if i+1 < len(ident) {
			u.Keys[ident[i+1]] = true
		} else {
			u.Any = true
		}
	}
}

func isIdent(n parse.Node, name string) bool {
	id, ok := n.(*parse.IdentifierNode)
	return ok && id.Ident == name
}

// names reports whether n is the field itself (.Figures, $.Figures).
func names(n parse.Node, field string) bool {
	var ident []string
	switch n := n.(type) {
	case *parse.FieldNode:
		ident = n.Ident
	case *parse.VariableNode:
		ident = n.Ident
	default:
		return false
	}
	return len(ident) > 0 && ident[len(ident)-1] == field
}
