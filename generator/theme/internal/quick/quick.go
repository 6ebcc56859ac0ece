// Package quick runs the theme's html/template templates as compiled
// programs that print exactly what html/template prints, several times
// faster.
//
// html/template runs an escaped template through text/template, which
// evaluates every action by reflection: each field is looked up by name on
// every page, and each function — the escaper html/template adds to every
// action included — is called through reflect.Value.Call. That is about a
// microsecond per action and most of a product page's layout time.
//
// A program is the same escaped parse tree, compiled once: a field's index
// is looked up once per type, the escapers (package escape), the builtins
// and functions of common signatures are plain Go calls, and an escaper's
// result goes into the page without an intermediate string. Escaping
// contexts stay html/template's own: the program runs the tree html/template
// escaped, with the escapers html/template put there.
//
// # The contract
//
// A Runner runs one template. Its first runs are html/template's; the
// first of them that gets as far as executing (it succeeds, or fails on
// the data) has escaped the template, and the program is compiled from the
// escaped tree. A template that html/template cannot escape, or that uses a
// construct a program does not cover, stays html/template's for good,
// decided once at compile time (WhyNot says why). Not covered, among
// others: the builtins call, slice, html, js and urlquery; {{break}} and
// {{continue}}; a method with arguments; a template called in another
// escaping context (inside a script or an attribute); any escaper but those
// of HTML text, attribute values, RCDATA, URLs, JSON-LD and attribute
// names (where only a template.HTMLAttr is covered); a function
// called with the wrong number of arguments.
//
// A page whose values a program does not cover — a type an escaper treats
// specially (a fmt.Stringer, template.CSS), ranging over a map or an int, a
// nil where text/template would fail, an error from a function or a method,
// a missing map key — stops the run: what the program wrote for the page is
// dropped and html/template runs the page from the start, so the output and
// the errors are html/template's own.
//
// Functions must be pure: a page that falls back calls the functions of its
// first part twice, once in the program and once in html/template, and only
// the second run's output counts.
//
// The escapers mirror html/template of one Go release series;
// TestGoReleaseWasReviewed fails under another and says what to review.
// quick_test.go runs programs and html/template on the same templates and
// data and demands the same bytes and errors, with fuzz targets over
// templates and over data shapes.
package quick

import (
	"bytes"
	"errors"
	htmltemplate "html/template"
	"io"
	"sync"
	"sync/atomic"
	"text/template"
)

// Runner runs one template of an html/template set: in html/template until
// a run has escaped it, then as a program where the program covers the
// page. It is safe for concurrent use.
type Runner struct {
	run   func(io.Writer, any) error // html/template's run of the template
	set   *htmltemplate.Template     // nil: html/template runs every call
	name  string                     // the template in set
	funcs htmltemplate.FuncMap

	once  sync.Once
	ready atomic.Bool // compiled or rejected; prog is set before
	prog  *program    // nil: html/template runs every call

	whyNot atomic.Pointer[string]
	first  atomic.Int64 // html/template runs before ready
	slow   atomic.Int64 // html/template runs after
}

// New returns the runner of the template name in set, which run executes
// in html/template (set.Execute, set.ExecuteTemplate). The program calls
// funcs, the functions set was parsed with. With set nil html/template
// runs every call.
func New(run func(io.Writer, any) error, set *htmltemplate.Template, name string, funcs htmltemplate.FuncMap) *Runner {
	r := &Runner{run: run, set: set, name: name, funcs: funcs}
	if set == nil {
		r.ready.Store(true)
	}
	return r
}

// Execute runs the template with data into w. A program runs only into a
// bytes.Buffer (it must be able to take back what it wrote); into any
// other writer html/template runs.
func (r *Runner) Execute(w io.Writer, data any) error {
	if !r.ready.Load() {
		r.first.Add(1)
		err := r.run(w, data)
		r.afterFirst(err)
		return err
	}
	if r.prog != nil {
		why := "the output is not a bytes.Buffer"
		if buf, ok := w.(*bytes.Buffer); ok {
			if why = r.prog.execute(buf, data); why == "" {
				return nil
			}
		}
		if r.whyNot.Load() == nil {
			first := why // &why would cost every page an allocation
			r.whyNot.CompareAndSwap(nil, &first)
		}
	}
	r.slow.Add(1)
	return r.run(w, data)
}

// afterFirst compiles the program once an html/template run has escaped
// the template: the run succeeded or failed while executing. A template
// html/template cannot escape is rejected; after any other error (a
// missing template, a failing writer) the next run tries again.
func (r *Runner) afterFirst(err error) {
	var execErr template.ExecError
	var escapeErr *htmltemplate.Error
	switch {
	case err == nil, errors.As(err, &execErr):
		r.once.Do(func() {
			var cerr error
			if r.prog, cerr = compile(r.set, r.name, r.funcs); cerr != nil {
				why := cerr.Error()
				r.whyNot.Store(&why)
			}
			r.ready.Store(true)
		})
	case errors.As(err, &escapeErr):
		r.once.Do(func() {
			why := "html/template cannot escape it"
			r.whyNot.Store(&why)
			r.ready.Store(true)
		})
	}
}

// HasProgram reports whether the template runs as a program (false
// before its first run, and for good where it was rejected).
func (r *Runner) HasProgram() bool { return r.ready.Load() && r.prog != nil }

// First counts the runs before the program was compiled or rejected:
// html/template's, the first of which escaped the template.
func (r *Runner) First() int64 { return r.first.Load() }

// Slow counts the runs html/template made after the first: all of them
// where there is no program, else those whose values the program does not
// cover.
func (r *Runner) Slow() int64 { return r.slow.Load() }

// WhyNot says why the template has no program, or why html/template ran
// the first page the program handed over; "" when neither happened.
func (r *Runner) WhyNot() string {
	if why := r.whyNot.Load(); why != nil {
		return *why
	}
	return ""
}
