package quick

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"text/template/parse"
	"time"
)

// Programs: the compiler from an escaped parse tree to steps, and the run
// of the steps (package doc).

// notCovered stops a compilation: the layout runs in html/template.
type notCovered string

func (e notCovered) Error() string { return "quick execution does not cover " + string(e) }

// bailout stops a run: the page runs in html/template.
type bailout string

// maxDepth bounds nested template calls; a deeper run is handed to
// html/template, which allows more and reports recursion without end.
const maxDepth = 1000

type program struct {
	main *body
}

type body struct{ steps []step }

type step interface {
	run(s *runState, dot reflect.Value)
}

type runState struct {
	buf   *bytes.Buffer
	vars  []variable
	base  int // vars below base belong to the calling templates
	depth int
}

type variable struct {
	name  string
	value reflect.Value
}

// execute runs the program on data into buf. It returns "" when it could,
// else why not (for tests and debugging); buf then holds what it held
// before.
func (p *program) execute(buf *bytes.Buffer, data any) (whyNot string) {
	mark := buf.Len()
	dot, isValue := data.(reflect.Value)
	if !isValue {
		dot = reflect.ValueOf(data)
	}
	s := &runState{buf: buf, vars: make([]variable, 1, 16)}
	s.vars[0] = variable{"$", dot}
	defer func() {
		if r := recover(); r != nil {
			// Any panic — ours or a function's — hands the page to
			// html/template, which reports what went wrong.
			buf.Truncate(mark)
			whyNot = fmt.Sprint(r)
			if whyNot == "" {
				whyNot = "panic"
			}
		}
	}()
	p.main.run(s, dot)
	return ""
}

func (b *body) run(s *runState, dot reflect.Value) { runSteps(s, b.steps, dot) }

func bail(why string) { panic(bailout(why)) }

// ---- compilation ----

type compiler struct {
	funcs  template.FuncMap
	set    *template.Template
	bodies map[string]*body
}

// compile compiles the template name of set, which must have been
// escaped, and the templates it calls. A construct that would hand every
// page it reaches to html/template is an error here, so the template is
// html/template's once, not per page.
func compile(set *template.Template, name string, funcs template.FuncMap) (p *program, err error) {
	c := &compiler{funcs: funcs, set: set, bodies: map[string]*body{}}
	defer func() {
		if r := recover(); r != nil {
			nc, ok := r.(notCovered)
			if !ok {
				panic(r)
			}
			p, err = nil, nc
		}
	}()
	return &program{main: c.body(name)}, nil
}

func (c *compiler) fail(format string, args ...any) {
	panic(notCovered(fmt.Sprintf(format, args...)))
}

func (c *compiler) body(name string) *body {
	if b, ok := c.bodies[name]; ok {
		return b
	}
	x := c.set.Lookup(name)
	if x == nil || x.Tree == nil || x.Tree.Root == nil {
		// Among others the templates html/template derives for another
		// escaping context: they are not in the html/template set.
		c.fail("template %q", name)
	}
	b := &body{}
	c.bodies[name] = b // before its steps: a template may call itself
	b.steps = c.list(x.Tree.Root)
	return b
}

func (c *compiler) list(l *parse.ListNode) []step {
	if l == nil {
		return nil
	}
	var out []step
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			out = appendText(out, n.Text)
		case *parse.ActionNode:
			st := c.action(n.Pipe)
			if text, ok := st.(textStep); ok {
				out = appendText(out, text)
				continue
			}
			out = append(out, st)
		case *parse.IfNode:
			out = append(out, &branchStep{pipe: c.pipeline(n.Pipe), list: c.list(n.List), elseList: c.list(n.ElseList)})
		case *parse.WithNode:
			out = append(out, &branchStep{with: true, pipe: c.pipeline(n.Pipe), list: c.list(n.List), elseList: c.list(n.ElseList)})
		case *parse.RangeNode:
			if len(n.Pipe.Decl) > 0 && n.Pipe.IsAssign {
				c.fail("range assigning to variables")
			}
			out = append(out, &rangeStep{pipe: c.pipeline(n.Pipe), list: c.list(n.List), elseList: c.list(n.ElseList)})
		case *parse.TemplateNode:
			ts := &templateStep{body: c.body(n.Name)}
			if n.Pipe != nil {
				ts.pipe = c.pipeline(n.Pipe)
			}
			out = append(out, ts)
		case *parse.CommentNode:
		default:
			c.fail("%s", n)
		}
	}
	return out
}

// appendText adds text to the steps, to the text step they end in if they
// do.
func appendText(steps []step, text []byte) []step {
	if len(steps) > 0 {
		if last, ok := steps[len(steps)-1].(textStep); ok {
			steps[len(steps)-1] = append(last, text...)
			return steps
		}
	}
	return append(steps, textStep(bytes.Clone(text)))
}

// action compiles an action: one that declares or assigns variables prints
// nothing; one that prints ends in escapers (html/template adds them), which
// become string stages.
func (c *compiler) action(p *parse.PipeNode) step {
	if len(p.Decl) > 0 {
		return &declStep{pipe: c.pipeline(p)}
	}
	k := len(p.Cmds)
	var stages []escaper
	for k > 1 {
		e, name, ok := c.escaperOf(p.Cmds[k-1])
		if !ok {
			break
		}
		if e == escOther {
			c.fail("the escaper %s (another context)", name)
		}
		stages = append([]escaper{e}, stages...)
		k--
	}
	if len(stages) == 0 {
		c.fail("an action without an escaper: %s", p)
	}
	ps := &printStep{pipe: c.pipeline(&parse.PipeNode{NodeType: parse.NodePipe, Pos: p.Pos, Cmds: p.Cmds[:k]}), stages: stages}
	if len(ps.pipe.cmds) == 1 {
		if lit, ok := ps.pipe.cmds[0].(literal); ok {
			if text, ok := constantText(ps, lit.v); ok {
				return text
			}
		}
	}
	return ps
}

// constantText is what the print step prints for the constant v — a
// literal, or a call of pure functions with literal arguments (see call):
// the same on every page, so the program prints it as text. A value the
// escapers hand over is left to the run, which hands the page over.
func constantText(p *printStep, v reflect.Value) (text textStep, ok bool) {
	defer func() {
		if recover() != nil {
			text, ok = nil, false
		}
	}()
	var b bytes.Buffer
	p.write(&b, v)
	return textStep(b.Bytes()), true
}

func (c *compiler) escaperOf(cmd *parse.CommandNode) (escaper, string, bool) {
	if len(cmd.Args) != 1 {
		return 0, "", false
	}
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok {
		return 0, "", false
	}
	e, ok := escapers[id.Ident]
	return e, id.Ident, ok
}

func (c *compiler) pipeline(p *parse.PipeNode) *pipeline {
	out := &pipeline{isAssign: p.IsAssign}
	for _, d := range p.Decl {
		if len(d.Ident) != 1 {
			c.fail("%s", d)
		}
		out.decl = append(out.decl, d.Ident[0])
	}
	for i, cmd := range p.Cmds {
		if i > 0 {
			if _, ok := cmd.Args[0].(*parse.IdentifierNode); !ok {
				c.fail("a piped value into %s", cmd)
			}
		}
		out.cmds = append(out.cmds, c.command(cmd, i > 0))
	}
	return out
}

// command compiles a pipeline's command; piped: it gets the value of the
// command before as its last argument.
func (c *compiler) command(cmd *parse.CommandNode, piped bool) command {
	first := cmd.Args[0]
	if id, ok := first.(*parse.IdentifierNode); ok {
		return c.call(id.Ident, cmd.Args[1:], piped)
	}
	if len(cmd.Args) > 1 {
		c.fail("arguments to %s", first)
	}
	return c.operand(first)
}

// operand compiles a value that is not a function call with arguments.
func (c *compiler) operand(n parse.Node) command {
	switch n := n.(type) {
	case *parse.DotNode:
		return dotOperand{}
	case *parse.FieldNode:
		return &fieldOperand{fields: newFields(n.Ident)}
	case *parse.VariableNode:
		return &fieldOperand{variable: n.Ident[0], fields: newFields(n.Ident[1:])}
	case *parse.ChainNode:
		if _, isPipe := n.Node.(*parse.PipeNode); !isPipe {
			c.fail("%s", n)
		}
		return &fieldOperand{base: c.operand(n.Node), fields: newFields(n.Field)}
	case *parse.PipeNode:
		if len(n.Decl) > 0 {
			c.fail("a declaration in parentheses")
		}
		return pipeOperand{c.pipeline(n)}
	case *parse.IdentifierNode:
		return c.call(n.Ident, nil, false)
	case *parse.StringNode:
		return literal{reflect.ValueOf(n.Text)}
	case *parse.BoolNode:
		return literal{reflect.ValueOf(n.True)}
	case *parse.NumberNode:
		// Decimal integers only: text/template reads "1.0", "1e3", "0x1p3"
		// and characters by rules not worth repeating here.
		if n.IsInt && strings.TrimLeft(strings.TrimPrefix(n.Text, "-"), "0123456789") == "" && int64(int(n.Int64)) == n.Int64 {
			return literal{reflect.ValueOf(int(n.Int64))}
		}
	}
	c.fail("the operand %s", n)
	return nil
}

func newFields(names []string) []*field {
	out := make([]*field, len(names))
	for i, n := range names {
		out[i] = &field{name: n}
	}
	return out
}

// ---- steps ----

type textStep []byte

func (t textStep) run(s *runState, _ reflect.Value) { s.buf.Write(t) }

type declStep struct{ pipe *pipeline }

func (d *declStep) run(s *runState, dot reflect.Value) { s.pipeline(d.pipe, dot) }

type printStep struct {
	pipe   *pipeline
	stages []escaper
}

func (p *printStep) run(s *runState, dot reflect.Value) { p.write(s.buf, s.pipeline(p.pipe, dot)) }

// write prints v through the step's escapers.
func (p *printStep) write(buf *bytes.Buffer, v reflect.Value) {
	str, kind := stringify(v)
	last := len(p.stages) - 1
	for _, e := range p.stages[:last] {
		str, kind = e.apply(str, kind)
	}
	p.stages[last].write(buf, str, kind)
}

// branchStep is {{if}} and {{with}}.
type branchStep struct {
	with           bool
	pipe           *pipeline
	list, elseList []step
}

func (b *branchStep) run(s *runState, dot reflect.Value) {
	mark := len(s.vars)
	val := s.pipeline(b.pipe, dot)
	truth, ok := isTrue(indirectInterface(val))
	if !ok {
		bail("if/with of a value without truth")
	}
	switch {
	case truth && b.with:
		runSteps(s, b.list, val)
	case truth:
		runSteps(s, b.list, dot)
	default:
		runSteps(s, b.elseList, dot)
	}
	s.vars = s.vars[:mark]
}

type rangeStep struct {
	pipe           *pipeline
	list, elseList []step
}

func (r *rangeStep) run(s *runState, dot reflect.Value) {
	mark := len(s.vars)
	val, _ := indirect(s.pipeline(r.pipe, dot))
	inner := len(s.vars)
	switch val.Kind() {
	case reflect.Array, reflect.Slice:
		if n := val.Len(); n > 0 {
			for i := range n {
				elem := val.Index(i)
				if len(r.pipe.decl) > 0 {
					s.vars[len(s.vars)-1].value = elem
				}
				if len(r.pipe.decl) > 1 {
					s.vars[len(s.vars)-2].value = reflect.ValueOf(i)
				}
				runSteps(s, r.list, elem)
				s.vars = s.vars[:inner]
			}
			s.vars = s.vars[:mark]
			return
		}
	case reflect.Invalid:
	default:
		bail("range over " + val.Kind().String())
	}
	runSteps(s, r.elseList, dot)
	s.vars = s.vars[:mark]
}

type templateStep struct {
	pipe *pipeline // nil: the template is called without data
	body *body
}

func (t *templateStep) run(s *runState, dot reflect.Value) {
	if t.pipe != nil {
		dot = s.pipeline(t.pipe, dot)
	} else {
		dot = reflect.Value{}
	}
	if s.depth >= maxDepth {
		bail("templates nested deeper than " + strconv.Itoa(maxDepth))
	}
	// No dynamic scoping: the called template sees only its own $.
	oldBase := s.base
	s.base = len(s.vars)
	s.vars = append(s.vars, variable{"$", dot})
	s.depth++
	t.body.run(s, dot)
	s.depth--
	s.vars = s.vars[:s.base]
	s.base = oldBase
}

func runSteps(s *runState, steps []step, dot reflect.Value) {
	for _, st := range steps {
		st.run(s, dot)
	}
}

// ---- pipelines ----

type pipeline struct {
	decl     []string
	isAssign bool
	cmds     []command
}

type command interface {
	// eval evaluates the command; final is the value piped in, valid
	// only when hasFinal.
	eval(s *runState, dot, final reflect.Value, hasFinal bool) reflect.Value
}

func (s *runState) pipeline(p *pipeline, dot reflect.Value) reflect.Value {
	var v reflect.Value
	for i, c := range p.cmds {
		v = c.eval(s, dot, v, i > 0)
		// As text/template: an empty interface is looked into.
		if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
			v = v.Elem()
		}
	}
	for _, name := range p.decl {
		if p.isAssign {
			s.setVar(name, v)
		} else {
			s.vars = append(s.vars, variable{name, v})
		}
	}
	return v
}

func (s *runState) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	bail("undefined variable " + name)
	return reflect.Value{}
}

func (s *runState) setVar(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return
		}
	}
	bail("undefined variable " + name)
}

type dotOperand struct{}

func (dotOperand) eval(_ *runState, dot, _ reflect.Value, _ bool) reflect.Value { return dot }

type literal struct{ v reflect.Value }

func (l literal) eval(*runState, reflect.Value, reflect.Value, bool) reflect.Value { return l.v }

type pipeOperand struct{ p *pipeline }

func (p pipeOperand) eval(s *runState, dot, _ reflect.Value, _ bool) reflect.Value {
	return s.pipeline(p.p, dot)
}

// fieldOperand is .A.B, $x.A.B or (pipeline).A.B.
type fieldOperand struct {
	variable string  // "$x", or "" for dot or base
	base     command // (pipeline), or nil
	fields   []*field
}

func (f *fieldOperand) eval(s *runState, dot, _ reflect.Value, _ bool) reflect.Value {
	v := dot
	switch {
	case f.variable != "":
		v = s.varValue(f.variable)
	case f.base != nil:
		v = f.base.eval(s, dot, reflect.Value{}, false)
	}
	for _, fl := range f.fields {
		v = fl.of(v)
	}
	return v
}

// field is one name in a field chain, with what it was found to be for the
// last receiver type that asked.
type field struct {
	name   string
	access atomic.Pointer[fieldAccess]
}

type fieldAccess struct {
	typ     reflect.Type // the receiver's type, after indirection
	canAddr bool         // the receiver was addressable: pointer methods count
	method  int          // ≥ 0: the method's index (on the pointer if canAddr)
	index   []int        // a struct field's index
	isMap   bool
}

// of evaluates the field on receiver as text/template's evalField does.
func (f *field) of(receiver reflect.Value) reflect.Value {
	if !receiver.IsValid() {
		bail("the field " + f.name + " of nothing")
	}
	receiver, isNil := indirect(receiver)
	if isNil {
		bail("the field " + f.name + " of a nil pointer")
	}
	a := f.access.Load()
	if a == nil || a.typ != receiver.Type() || a.canAddr != receiver.CanAddr() {
		a = f.resolve(receiver)
		f.access.Store(a)
	}
	switch {
	case a.method >= 0:
		m := receiver
		if a.canAddr && m.Kind() != reflect.Pointer && m.Kind() != reflect.Interface {
			m = m.Addr()
		}
		out := m.Method(a.method).Call(nil)
		if len(out) == 2 && !out[1].IsNil() {
			bail(f.name + ": " + out[1].Interface().(error).Error())
		}
		return out[0]
	case a.isMap:
		v := receiver.MapIndex(reflect.ValueOf(f.name))
		if !v.IsValid() {
			bail("the missing map key " + f.name) // the "missingkey" option decides
		}
		return v
	default:
		v, err := receiver.FieldByIndexErr(a.index)
		if err != nil {
			bail("a nil embedded pointer before " + f.name)
		}
		return v
	}
}

func (f *field) resolve(receiver reflect.Value) *fieldAccess {
	a := &fieldAccess{typ: receiver.Type(), canAddr: receiver.CanAddr(), method: -1}
	ptr := receiver
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	if m, ok := ptr.Type().MethodByName(f.name); ok {
		mt := m.Type // with the receiver as first argument
		if mt.NumIn() != 1 || mt.IsVariadic() || !goodResults(mt) {
			bail("the method " + f.name + ", which takes arguments or returns more than a value and an error")
		}
		a.method = m.Index
		return a
	}
	switch receiver.Kind() {
	case reflect.Struct:
		if sf, ok := receiver.Type().FieldByName(f.name); ok && sf.IsExported() {
			a.index = sf.Index
			return a
		}
	case reflect.Map:
		if receiver.Type().Key() == stringType {
			a.isMap = true
			return a
		}
	}
	bail("the field " + f.name + " of " + receiver.Type().String())
	return nil
}

func goodResults(t reflect.Type) bool {
	switch t.NumOut() {
	case 1:
		return t.Out(0) != reflectValueType
	case 2:
		return t.Out(0) != reflectValueType && t.Out(1) == errorType
	}
	return false
}

var (
	stringType       = reflect.TypeFor[string]()
	errorType        = reflect.TypeFor[error]()
	reflectValueType = reflect.TypeFor[reflect.Value]()
	timeType         = reflect.TypeFor[time.Time]()
)

// ---- truth and indirection, as text/template has them ----

func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return false, false
	}
	return truth, true
}

// ---- values to strings, as html/template's stringify has them ----

// contentKind is the html/template content type of an escaper's input.
type contentKind uint8

const (
	plainText contentKind = iota
	htmlContent
	jsContent
	urlContent
	attrContent // template.HTMLAttr: only an attribute name takes it as it is
)

var (
	htmlType = reflect.TypeFor[template.HTML]()
	jsType   = reflect.TypeFor[template.JS]()
	urlType  = reflect.TypeFor[template.URL]()
	attrType = reflect.TypeFor[template.HTMLAttr]()
	// html/template's other content types: escapers treat them specially,
	// so a run that meets one hands the page over.
	otherContentTypes = map[reflect.Type]bool{
		reflect.TypeFor[template.CSS]():    true,
		reflect.TypeFor[template.JSStr]():  true,
		reflect.TypeFor[template.Srcset](): true,
	}
)

// stringify is html/template's stringify for the one argument an escaper
// gets, for the values it covers: nothing (an untyped nil prints as
// nothing), strings, the HTML, JS, URL and HTMLAttr content types, and numbers and
// booleans without methods. Anything else — a pointer, a fmt.Stringer, a
// struct — bails.
func stringify(v reflect.Value) (string, contentKind) {
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return "", plainText
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return "", plainText
	}
	t := v.Type()
	switch t {
	case stringType:
		return v.String(), plainText
	case htmlType:
		return v.String(), htmlContent
	case jsType:
		return v.String(), jsContent
	case urlType:
		return v.String(), urlContent
	case attrType:
		return v.String(), attrContent
	}
	if otherContentTypes[t] || t.NumMethod() != 0 {
		bail("an escaper's argument of type " + t.String())
	}
	switch v.Kind() {
	case reflect.String:
		return v.String(), plainText
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), plainText
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), plainText
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(v.Uint(), 10), plainText
	case reflect.Float32: // fmt prints %v of a float as the shortest 'g'
		return strconv.FormatFloat(v.Float(), 'g', -1, 32), plainText
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64), plainText
	}
	bail("an escaper's argument of kind " + v.Kind().String())
	return "", plainText
}
