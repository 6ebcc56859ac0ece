package quick

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"text/template/parse"
	"time"

	"github.com/klartext/klartext/generator/escape"
)

// The functions of a program: html/template's escapers, the text/template
// builtins themes use, and the theme's own functions.

// ---- escapers ----

// escaper is one of html/template's escapers, by what it does.
type escaper uint8

const (
	escHTML    escaper = iota // _html_template_htmlescaper
	escAttr                   // _html_template_attrescaper
	escRCDATA                 // _html_template_rcdataescaper
	escURLFilt                // _html_template_urlfilter
	escURLNorm                // _html_template_urlnormalizer
	escURL                    // _html_template_urlescaper
	escJSVal                  // _html_template_jsvalescaper
	escName                   // _html_template_htmlnamefilter
	escOther                  // any other: the template is not compiled
)

// escapers maps html/template's names to the escapers (html/template's
// escape.go has the list; TestEveryEscaperIsKnown checks it is complete).
var escapers = map[string]escaper{
	"_html_template_htmlescaper":      escHTML,
	"_html_template_attrescaper":      escAttr,
	"_html_template_rcdataescaper":    escRCDATA,
	"_html_template_urlfilter":        escURLFilt,
	"_html_template_urlnormalizer":    escURLNorm,
	"_html_template_urlescaper":       escURL,
	"_html_template_jsvalescaper":     escJSVal,
	"_html_template_commentescaper":   escOther,
	"_html_template_cssescaper":       escOther,
	"_html_template_cssvaluefilter":   escOther,
	"_html_template_htmlnamefilter":   escName,
	"_html_template_jsregexpescaper":  escOther,
	"_html_template_jsstrescaper":     escOther,
	"_html_template_jstmpllitescaper": escOther,
	"_html_template_nospaceescaper":   escOther,
	"_html_template_srcsetescaper":    escOther,
	"_eval_args_":                     escOther,
}

// apply runs the escaper on s of kind k; its output is plain text.
func (e escaper) apply(s string, k contentKind) (string, contentKind) {
	switch e {
	case escHTML, escAttr, escRCDATA:
		if k != htmlContent {
			return escape.HTML(s), plainText
		}
		if e == escHTML {
			return s, plainText
		}
	case escURLFilt:
		if k == urlContent {
			return s, plainText
		}
		return escape.FilterURL(s), plainText
	case escURLNorm, escURL:
		// urlescaper normalizes a template.URL instead of escaping it.
		if e == escURLNorm || k == urlContent {
			return escape.NormalizeURL(s), plainText
		}
		return escape.URLPart(s), plainText
	case escJSVal:
		if k == jsContent {
			return s, plainText
		}
	case escName:
		// An attribute's name from a template.HTMLAttr (attributes the
		// theme's functions make whole) is written as it is; any other
		// value there html/template filters, and the page is its.
		if k == attrContent {
			return s, plainText
		}
	}
	bail("HTML content in an attribute or RCDATA, other content in a script, or an attribute name that is no template.HTMLAttr")
	return "", plainText
}

// write writes the escaper's output for s of kind k to b.
func (e escaper) write(b *bytes.Buffer, s string, k contentKind) {
	switch e {
	case escHTML:
		if k == htmlContent {
			b.WriteString(s)
			return
		}
		escape.WriteHTML(b, s)
	case escAttr, escRCDATA:
		if k == htmlContent {
			// attrescaper strips tags, rcdataescaper keeps entities.
			bail("HTML content in an attribute or RCDATA")
		}
		escape.WriteHTML(b, s)
	default:
		s, _ = e.apply(s, k)
		b.WriteString(s)
	}
}

// ---- calls ----

// callKind says how a function is called.
type callKind uint8

const (
	callReflect   callKind = iota // a theme function of any other signature
	callString                    // func(string) string
	callTime                      // func(time.Time) string
	callTranslate                 // func(string, ...any) string
	callPartial                   // func(string, string, any) (template.HTML, error)
	callAnd
	callOr
	callNot
	callEq
	callNe
	callLt
	callLe
	callGt
	callGe
	callLen
	callIndex
	callPrint // print, printf, println: fmt's Sprint, Sprintf, Sprintln
	callPrintf
	callPrintln
	callEscaper
)

// builtinCalls are the text/template builtins a program covers; a
// template that calls another (call, html, js, slice, urlquery) is not
// compiled.
var builtinCalls = map[string]callKind{
	"and": callAnd, "or": callOr, "not": callNot,
	"eq": callEq, "ne": callNe, "lt": callLt, "le": callLe, "gt": callGt, "ge": callGe,
	"len": callLen, "index": callIndex,
	"print": callPrint, "printf": callPrintf, "println": callPrintln,
}

// arity is the number of arguments a call kind takes: at least min, at
// most max (-1: any number), as text/template checks it on every call.
var arity = map[callKind][2]int{
	callString: {1, 1}, callTime: {1, 1}, callTranslate: {1, -1}, callPartial: {3, 3}, callEscaper: {1, 1},
	callAnd: {1, -1}, callOr: {1, -1}, callNot: {1, 1}, callEq: {2, -1},
	callNe: {2, 2}, callLt: {2, 2}, callLe: {2, 2}, callGt: {2, 2}, callGe: {2, 2},
	callLen: {1, 1}, callIndex: {1, -1}, callPrint: {0, -1}, callPrintf: {1, -1}, callPrintln: {0, -1},
}

type callCmd struct {
	name    string
	kind    callKind
	fn      reflect.Value // callReflect
	str     func(string) string
	time    func(time.Time) string
	tr      func(string, ...any) string
	partial func(string, string, any) (template.HTML, error)
	esc     escaper
	args    []command
}

// call compiles a function call with args, and the piped value as its
// last argument if piped. Functions resolve as in an escaped template:
// html/template's escapers (it adds them over any function of the same
// name), the theme's functions, then the builtins. A call with a number of
// arguments that text/template would refuse on every page is not compiled.
func (c *compiler) call(name string, args []parse.Node, piped bool) command {
	cc := &callCmd{name: name}
	for _, a := range args {
		cc.args = append(cc.args, c.operand(a))
	}
	n := len(args)
	if piped {
		n++
	}
	if e, ok := escapers[name]; ok {
		if e == escOther {
			c.fail("the escaper %s (another context)", name)
		}
		cc.kind, cc.esc = callEscaper, e
	} else if f, ok := c.funcs[name]; ok {
		switch f := f.(type) {
		case func(string) string:
			cc.kind, cc.str = callString, f
		case func(time.Time) string:
			cc.kind, cc.time = callTime, f
		case func(string, ...any) string:
			cc.kind, cc.tr = callTranslate, f
		case func(string, string, any) (template.HTML, error):
			cc.kind, cc.partial = callPartial, f
		default:
			fn := reflect.ValueOf(f)
			if fn.Kind() != reflect.Func || !goodResults(fn.Type()) {
				c.fail("the function %s", name)
			}
			cc.kind, cc.fn = callReflect, fn
			if in := fn.Type().NumIn(); fn.Type().IsVariadic() && n < in-1 || !fn.Type().IsVariadic() && n != in {
				c.fail("%s with %d arguments", name, n)
			}
			return constantCall(cc, piped)
		}
	} else if k, ok := builtinCalls[name]; ok {
		cc.kind = k
	} else {
		c.fail("the function %s", name)
	}
	if a := arity[cc.kind]; n < a[0] || a[1] >= 0 && n > a[1] {
		c.fail("%s with %d arguments", name, n)
	}
	return constantCall(cc, piped)
}

// constantCall is the value of a call whose arguments are all literals,
// computed once here: functions are pure (package doc), so it is the same
// on every page ({{t "key"}}, most of a layout's words). A partial is
// rendered on the page; a call that fails or panics is left to the run,
// which hands the page over.
func constantCall(cc *callCmd, piped bool) (cmd command) {
	if piped || cc.kind == callPartial {
		return cc
	}
	for _, a := range cc.args {
		if _, ok := a.(literal); !ok {
			return cc
		}
	}
	defer func() {
		if recover() != nil {
			cmd = cc
		}
	}()
	return literal{cc.eval(&runState{}, reflect.Value{}, reflect.Value{}, false)}
}

func (c *callCmd) eval(s *runState, dot, final reflect.Value, hasFinal bool) reflect.Value {
	switch c.kind {
	case callAnd, callOr:
		return c.andOr(s, dot, final, hasFinal)
	}
	var store [4]reflect.Value
	args := store[:0]
	for _, a := range c.args {
		args = append(args, a.eval(s, dot, reflect.Value{}, false))
	}
	if hasFinal {
		args = append(args, final)
	}
	switch c.kind {
	case callString:
		return reflect.ValueOf(c.str(stringArg(args[0])))
	case callTime:
		a := concrete(args[0])
		if a.Type() != timeType {
			bail("an argument that is not a time.Time")
		}
		return reflect.ValueOf(c.time(a.Interface().(time.Time)))
	case callTranslate:
		key := stringArg(args[0])
		if len(args) == 1 {
			return reflect.ValueOf(c.tr(key))
		}
		return reflect.ValueOf(c.tr(key, anyArgs(args[1:])...))
	case callPartial:
		h, err := c.partial(stringArg(args[0]), stringArg(args[1]), anyArg(args[2]))
		if err != nil {
			bail(c.name + ": " + err.Error())
		}
		return reflect.ValueOf(h)
	case callEscaper:
		s, k := stringify(args[0])
		s, _ = c.esc.apply(s, k)
		return reflect.ValueOf(s)
	case callNot:
		truth, _ := isTrue(indirectInterface(builtinArg(args[0])))
		return reflect.ValueOf(!truth)
	case callEq:
		a := indirectInterface(builtinArg(args[0]))
		for _, b := range args[1:] {
			if compare(a, indirectInterface(builtinArg(b))) == 0 {
				return reflect.ValueOf(true)
			}
		}
		return reflect.ValueOf(false)
	case callNe, callLt, callLe, callGt, callGe:
		a, b := indirectInterface(builtinArg(args[0])), indirectInterface(builtinArg(args[1]))
		if c.kind != callNe && basicKind(a.Kind()) == reflect.Bool {
			bail("booleans are not ordered")
		}
		d := compare(a, b)
		var r bool
		switch c.kind {
		case callNe:
			r = d != 0
		case callLt:
			r = d < 0
		case callLe:
			r = d <= 0
		case callGt:
			r = d > 0
		case callGe:
			r = d >= 0
		}
		return reflect.ValueOf(r)
	case callLen:
		item, isNil := indirect(builtinArg(args[0]))
		if isNil {
			bail("len of a nil pointer")
		}
		switch item.Kind() {
		case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
			return reflect.ValueOf(item.Len())
		}
		bail("len of " + item.Kind().String())
	case callIndex:
		return index(builtinArg(args[0]), args[1:])
	case callPrintf:
		return reflect.ValueOf(fmt.Sprintf(stringArg(args[0]), anyArgs(args[1:])...))
	case callPrint:
		return reflect.ValueOf(fmt.Sprint(anyArgs(args)...))
	case callPrintln:
		return reflect.ValueOf(fmt.Sprintln(anyArgs(args)...))
	}
	return c.reflectCall(args)
}

// andOr is text/template's and/or: the first argument that decides, else
// the last; the arguments after it are not evaluated.
func (c *callCmd) andOr(s *runState, dot, final reflect.Value, hasFinal bool) reflect.Value {
	var v reflect.Value
	for _, a := range c.args {
		v = builtinArg(a.eval(s, dot, reflect.Value{}, false))
		if t, _ := isTrue(indirectInterface(v)); t == (c.kind == callOr) {
			return v
		}
	}
	if hasFinal {
		v = builtinArg(final)
	}
	return v
}

func (c *callCmd) reflectCall(args []reflect.Value) reflect.Value {
	typ := c.fn.Type()
	n := typ.NumIn() // the number of arguments was checked by call
	argv := make([]reflect.Value, len(args))
	for i, a := range args {
		var t reflect.Type
		if typ.IsVariadic() && i >= n-1 {
			t = typ.In(n - 1).Elem()
		} else {
			t = typ.In(i)
		}
		argv[i] = assignable(a, t)
	}
	out := c.fn.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		bail(c.name + ": " + out[1].Interface().(error).Error())
	}
	return out[0]
}

// assignable is text/template's validateType for the values it passes
// unchanged; the rest bail.
func assignable(v reflect.Value, t reflect.Type) reflect.Value {
	if !v.IsValid() {
		switch t.Kind() {
		case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
			return reflect.Zero(t)
		}
		bail("a missing value as an argument")
	}
	if v.Type().AssignableTo(t) {
		return v
	}
	if v.Kind() == reflect.Interface && !v.IsNil() && v.Elem().Type().AssignableTo(t) {
		return v.Elem()
	}
	bail("an argument of type " + v.Type().String())
	return v
}

// concrete is v's concrete value, looked into if it is an interface.
func concrete(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() {
		bail("a missing value as an argument")
	}
	return v
}

func stringArg(v reflect.Value) string {
	v = concrete(v)
	if v.Type() != stringType {
		bail("an argument that is not a string")
	}
	return v.String()
}

// anyArg is an argument as a parameter of type any gets it: a missing
// value is nil.
func anyArg(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

func anyArgs(vs []reflect.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = anyArg(v)
	}
	return out
}

// builtinArg is an argument as a builtin gets it (a reflect.Value
// parameter): text/template refuses an invalid one.
func builtinArg(v reflect.Value) reflect.Value {
	if !v.IsValid() {
		bail("a missing value as an argument to a builtin")
	}
	return v
}

// compare compares two values of the same basic kind (bool only for
// equality), or an integer with an unsigned one, as text/template's eq
// and lt do; anything else bails.
func compare(a, b reflect.Value) int {
	if !a.IsValid() || !b.IsValid() {
		bail("a comparison with nil")
	}
	ka, kb := basicKind(a.Kind()), basicKind(b.Kind())
	switch {
	case ka == reflect.Int && kb == reflect.Uint: // compared regardless of sign
		if a.Int() < 0 {
			return -1
		}
		return cmpOrdered(uint64(a.Int()), b.Uint())
	case ka == reflect.Uint && kb == reflect.Int:
		if b.Int() < 0 {
			return 1
		}
		return cmpOrdered(a.Uint(), uint64(b.Int()))
	case ka != kb || ka == reflect.Invalid:
		bail("a comparison of " + a.Kind().String() + " with " + b.Kind().String())
	}
	switch ka {
	case reflect.Bool:
		if a.Bool() == b.Bool() {
			return 0
		}
		return 2 // unequal, and not ordered
	case reflect.Int:
		return cmpOrdered(a.Int(), b.Int())
	case reflect.Uint:
		return cmpOrdered(a.Uint(), b.Uint())
	case reflect.String:
		return strings.Compare(a.String(), b.String())
	}
	bail("a comparison of " + a.Kind().String())
	return 0
}

func cmpOrdered[T int64 | uint64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func basicKind(k reflect.Kind) reflect.Kind {
	switch k {
	case reflect.Bool, reflect.String:
		return k
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return reflect.Int
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return reflect.Uint
	}
	return reflect.Invalid
}

// index is text/template's index for slices, arrays and maps; a missing
// map key gives the element type's zero value.
func index(item reflect.Value, indexes []reflect.Value) reflect.Value {
	item = indirectInterface(item)
	if !item.IsValid() {
		bail("index of nil")
	}
	for _, ix := range indexes {
		ix = indirectInterface(builtinArg(ix))
		var isNil bool
		if item, isNil = indirect(item); isNil {
			bail("index of nil pointer")
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice:
			var x int64
			switch basicKind(ix.Kind()) {
			case reflect.Int:
				x = ix.Int()
			default:
				bail("an index of kind " + ix.Kind().String())
			}
			if x < 0 || x >= int64(item.Len()) {
				bail("index out of range")
			}
			item = item.Index(int(x))
		case reflect.Map:
			if !ix.IsValid() || !ix.Type().AssignableTo(item.Type().Key()) {
				bail("a map index of another type")
			}
			if x := item.MapIndex(ix); x.IsValid() {
				item = x
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			bail("index of " + item.Kind().String())
		}
	}
	return item
}
