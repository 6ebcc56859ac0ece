package theme

import (
	"slices"
	"text/template/parse"
)

// Calls reports the templates layout may run, for klartext serve's
// partial edits: the names of those it calls, directly or through the
// templates it calls, with {{template}} (or {{block}}) and partialCached,
// its own among them — the base layout's and the main template's where
// the layout is wrapped in the base layout. any is whether it calls
// partialCached with a name it computes, which may be any partial. It
// parses the layout afresh, so it may be asked after the layout ran
// (html/template renames the templates it escapes).
func (t *Theme) Calls(layout string) (names map[string]bool, any bool, err error) {
	root, err := t.parse(layout)
	if err != nil {
		return nil, false, err
	}
	c := &calls{names: map[string]bool{}, inSet: map[string]bool{}, inBase: map[string]bool{}}
	// {{template}} names a template of the layout's set; partialCached
	// runs a partial of the base set (ExecutePartial).
	c.visit(root.Name(), func(name string) *parse.Tree {
		if x := root.Lookup(name); x != nil {
			return x.Tree
		}
		return nil
	})
	for len(c.queue) > 0 {
		name := c.queue[0]
		c.queue = c.queue[1:]
		if x := t.base.Lookup(name); x != nil && x.Tree != nil {
			c.walk(x.Tree.Root, nil)
		}
	}
	return c.names, c.any, nil
}

// Defines are the names of the templates that file (below layouts/:
// "partials/site-header.html", "_default/baseof.html") defined when the
// theme was loaded, its own name among them; nil when it is no file of
// the base layout's set.
func (t *Theme) Defines(file string) []string { return t.defines[file] }

// Direct are the partials Go code has run on its own so far
// (ExecutePartial: the feedback form), which reach pages that no layout
// names. Sorted.
func (t *Theme) Direct() []string {
	var out []string
	t.direct.Range(func(k, _ any) bool {
		out = append(out, k.(string))
		return true
	})
	slices.Sort(out)
	return out
}

// calls is the walk of Calls: the names found, those walked in the
// layout's set and in the base set, the partialCached names still to walk
// in the base set, and whether a name was computed.
type calls struct {
	names, inSet, inBase map[string]bool
	queue                []string
	any                  bool
}

// visit walks the template name of the layout's set once.
func (c *calls) visit(name string, lookup func(string) *parse.Tree) {
	if c.inSet[name] {
		return
	}
	c.names[name], c.inSet[name] = true, true
	if tree := lookup(name); tree != nil {
		c.walk(tree.Root, lookup)
	}
}

// walk finds the calls below n; lookup nil: n is of the base set, whose
// {{template}} calls partialCached's walk follows there.
func (c *calls) walk(n parse.Node, lookup func(string) *parse.Tree) {
	inspect(n, func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.TemplateNode:
			if lookup != nil {
				c.visit(n.Name, lookup)
			} else {
				c.cache(n.Name)
			}
		case *parse.CommandNode:
			if len(n.Args) > 0 && isIdent(n.Args[0], "partialCached") {
				if s, ok := arg(n.Args, 1).(*parse.StringNode); ok {
					c.cache(s.Text)
				} else {
					c.any = true
				}
				for _, a := range n.Args[1:] {
					c.walk(a, lookup)
				}
				return false
			}
		case *parse.IdentifierNode:
			// partialCached not called as a command's function: with
			// what, nobody knows.
			c.any = c.any || n.Ident == "partialCached"
		}
		return true
	})
}

// inspect calls f for n and, where f returns true, for the nodes below
// it, in order: the walk of a template's tree that Uses and Calls share.
func inspect(n parse.Node, f func(parse.Node) bool) {
	switch x := n.(type) {
	case nil:
		return
	case *parse.ListNode:
		if x == nil {
			return
		}
	case *parse.PipeNode:
		if x == nil {
			return
		}
	}
	if !f(n) {
		return
	}
	switch n := n.(type) {
	case *parse.ListNode:
		for _, x := range n.Nodes {
			inspect(x, f)
		}
	case *parse.ActionNode:
		inspect(n.Pipe, f)
	case *parse.IfNode:
		inspectBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		inspectBranch(&n.BranchNode, f)
	case *parse.WithNode:
		inspectBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		inspect(n.Pipe, f)
	case *parse.PipeNode:
		for _, x := range n.Cmds {
			inspect(x, f)
		}
	case *parse.CommandNode:
		for _, x := range n.Args {
			inspect(x, f)
		}
	case *parse.ChainNode:
		inspect(n.Node, f)
	}
}

func inspectBranch(b *parse.BranchNode, f func(parse.Node) bool) {
	inspect(b.Pipe, f)
	inspect(b.List, f)
	inspect(b.ElseList, f)
}

// cache notes a partial that partialCached runs, to walk in the base set.
func (c *calls) cache(name string) {
	c.names[name] = true
	if !c.inBase[name] {
		c.inBase[name] = true
		c.queue = append(c.queue, name)
	}
}

func arg(args []parse.Node, i int) parse.Node {
	if i < len(args) {
		return args[i]
	}
	return nil
}
