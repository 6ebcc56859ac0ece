package quick

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"text/template/parse"
	"time"
)

// A program must print exactly what html/template prints, or hand the page
// to html/template. These tests run every template twice, once through a
// Runner (html/template for the first run, the program after) and once in
// html/template alone, and demand the same bytes and the same error.

type execItem struct {
	Name string
	URL  string
	N    int
}

func (i execItem) Label() string       { return "Posten " + i.Name }
func (i *execItem) PtrLabel() string   { return "Zeiger " + i.Name }
func (i *execItem) Link() template.URL { return template.URL(i.URL) }

type label string

type stringer struct{}

func (stringer) String() string { return "<stringer>" }

type execInner struct{ Inner string }

type execData struct {
	Text, BadURL, Query, Empty string
	HTML                       template.HTML
	URL                        template.URL
	JS                         template.JS
	CSS                        template.CSS
	Attr                       template.HTMLAttr
	N                          int
	U                          uint8
	F, Big, Tiny, Neg          float64
	F32                        float32
	C                          complex128
	Yes, No                    bool
	Named                      label
	Items                      []execItem
	ItemPtrs                   []*execItem
	None                       []string
	Strs                       []string
	Map                        map[string]string
	Figures                    map[string]template.HTML
	Any, AnyNil                any
	Ptr, NilPtr                *execItem
	When                       time.Time
	Stringer                   stringer
	execInner
	unexported string
}

func (d *execData) Method() string                  { return "Methode <&>" }
func (d *execData) HTMLMethod() template.HTML       { return "<em>gesetzt</em>" }
func (d *execData) OK() (string, error)             { return "gut", nil }
func (d *execData) Fails() (string, error)          { return "", errors.New("kaputt") }
func (d *execData) WithArg(s string) string         { return s }
func (d *execData) Nothing() (a, b string)          { return "", "" }
func (d *execData) Value() execItem                 { return execItem{Name: "Wert"} }
func (d *execData) Reflect() (v struct{ X string }) { return }

func newExecData() *execData {
	items := []execItem{{Name: "Eins <1>", URL: "/eins/?a=1&b=2", N: 1}, {Name: "Zwei", URL: "https://example.test/z w", N: 2}}
	return &execData{
		Text:      `Text mit <b>, & und 'Zitat' + "mehr" ` + "\x00 ü",
		BadURL:    "javascript:alert(1)",
		Query:     "a b&c/ü%zz%41",
		HTML:      "<strong>fett</strong> &amp; gut",
		URL:       "/sicher?x=<y>",
		JS:        `{"@type":"Thing"}`,
		CSS:       "color: red",
		Attr:      ` data-x="/a b?c=<d>&amp;" hidden`,
		N:         3,
		U:         7,
		F:         2.5,
		Big:       1e21,
		Tiny:      -1.25e-7,
		Neg:       math.Inf(-1),
		F32:       0.1,
		C:         1 + 2i,
		Yes:       true,
		Named:     "benannt <x>",
		Items:     items,
		ItemPtrs:  []*execItem{&items[0], nil},
		Strs:      []string{"a", "b <c>"},
		Map:       map[string]string{"key": "Wert & mehr", "other": "x"},
		Figures:   map[string]template.HTML{"risk": "<figure>Risiko</figure>"},
		Any:       "beliebig <x>",
		Ptr:       &items[1],
		When:      time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC),
		execInner: execInner{Inner: "innen"},
	}
}

// execCases are layouts with whether a quick program must run them without
// help (covered); the others may hand over, and must then print the same.
var execCases = []struct {
	name    string
	src     string
	covered bool
}{
	{"text", `<p>{{.Text}}</p>{{.Empty}}`, true},
	{"attributes", `<p title="{{.Text}}" data-x='{{.Text}}' class="n-{{.N}} u-{{.U}} {{.Yes}}">{{.N}}{{.No}}</p>`, true},
	{"attribute names", `<p{{.Attr}} class="x"{{.Attr}}>{{.N}}</p><p {{.Attr}}>y</p>`, true},
	{"attribute name from a string", `<p {{.Text}}="x" {{.Named}}>y</p>`, false},
	{"attribute name in another context", `<p title="{{.Attr}}">{{.Attr}}</p><a href="{{.Attr}}">z</a>`, true},
	{"unquoted attribute", `<p title={{.Text}}>x</p>`, false},
	{"urls", `<a href="{{.URL}}">1</a><a href="{{.BadURL}}">2</a><a href="{{.Text}}">3</a><a href="{{.Query}}">4</a><a href="/s?q={{.Query}}&n={{.N}}">5</a><a href="{{.Ptr.Link}}">6</a>`, true},
	{"rcdata", `<title>{{.Text}} – {{.Named}}</title><textarea>{{.Text}}</textarea>`, true},
	{"html in rcdata", `<title>{{.HTML}}</title>`, false},
	{"html", `<div>{{.HTML}}{{.HTMLMethod}}{{index .Figures "risk"}}{{index .Figures "missing"}}</div>`, true},
	{"html in attribute", `<p title="{{.HTML}}">x</p>`, false},
	{"json-ld", `<script type="application/ld+json">{{.JS}}</script>`, true},
	{"script string", `<script>var s = {{.Text}};</script>`, false},
	{"style", `<style>p { {{.CSS}} }</style><p style="{{.Text}}">x</p>`, false},
	{"floats", `<p title="{{.F}}">{{.F}} {{.Big}} {{.Tiny}} {{.Neg}} {{.F32}}</p>`, true},
	{"complex", `<p>{{.C}}</p>`, false},
	{"stringer", `<p>{{.Stringer}}</p>`, false},
	{"named string", `<p>{{.Named}}</p>`, true},
	{"if else", `{{if .Yes}}ja{{else}}nein{{end}}{{if .No}}a{{else if .N}}b{{else}}c{{end}}{{if .None}}x{{end}}{{if .NilPtr}}p{{end}}{{if .Map}}m{{end}}{{if .AnyNil}}n{{end}}{{if .Stringer}}s{{end}}`, true},
	{"with", `{{with .Text}}[{{.}}]{{else}}leer{{end}}{{with .Empty}}x{{else with .Strs}}{{index . 1}}{{end}}{{with $v := .N}}{{$v}}{{.}}{{end}}`, true},
	{"range", `<ul>{{range .Items}}<li><a href="{{.URL}}">{{.Name}}</a> {{.Label}} {{.PtrLabel}} {{$.N}}</li>{{else}}keine{{end}}</ul>{{range $i, $s := .Strs}}{{$i}}={{$s}};{{end}}{{range $s := .Strs}}{{$s}}{{end}}{{range .None}}x{{else}}leer{{end}}{{range .AnyNil}}x{{else}}nil{{end}}`, true},
	{"range over a nil pointer", `{{range .NilPtr}}x{{else}}nil{{end}}`, false},
	{"range over a map", `{{range $k, $v := .Map}}{{$k}}={{$v}};{{end}}`, false},
	{"range over an int", `{{range .N}}{{.}}{{end}}`, false},
	{"range with a nil element", `{{range .ItemPtrs}}{{.Name}}{{end}}`, false},
	{"break", `{{range .Strs}}{{.}}{{break}}{{end}}`, false},
	{"variables", `{{$x := .Text}}{{$n := 1}}{{with .Items}}{{$x}}{{$n}}{{$.N}}{{end}}{{$x = "neu"}}{{$x}}{{if $y := .Map.key}}{{$y}}{{end}}`, true},
	{"templates", `{{define "item"}}<li>{{.Name}} {{$.N}}</li>{{end}}{{define "empty"}}[{{.}}]{{end}}<ul>{{range .Items}}{{template "item" .}}{{end}}</ul>{{template "item" .Ptr}}{{template "empty"}}{{$z := 1}}{{template "empty" $z}}`, true},
	{"template of a nil pointer", `{{define "item"}}{{.Name}}{{end}}{{template "item" .NilPtr}}`, false},
	{"template in another context", `{{define "t"}}{{.Text}}{{end}}<p>{{template "t" .}}</p><script>var x = "{{template "t" .}}";</script>`, false},
	{"recursion", `{{define "r"}}{{if .}}{{len .}}{{template "r" (slice . 1)}}{{end}}{{end}}{{template "r" .Strs}}`, false},
	{"methods", `{{.Method}} {{.HTMLMethod}} {{.OK}} {{.Ptr.PtrLabel}} {{(index .Items 0).PtrLabel}} {{.Value.Label}} {{.Value.Name}}`, true},
	{"method with arguments", `{{.WithArg "x"}}`, false},
	{"method error", `{{.Fails}}`, false},
	{"method with two strings", `{{.Nothing}}`, false},
	{"maps", `{{.Map.key}} {{index .Map "key"}} [{{index .Map "missing"}}]`, true},
	{"missing map key", `[{{.Map.missing}}]`, false},
	{"interfaces", `{{.Any}}[{{.AnyNil}}]{{with .AnyNil}}x{{else}}nil{{end}}`, true},
	{"embedded", `{{.Inner}}`, true},
	{"unexported", `{{.unexported}}`, false},
	{"nil data field", `{{.NilPtr.Name}}`, false},
	{"missing field", `{{.Nope}}`, false},
	{"builtins", `{{and .Yes .N}} {{and .Yes .No .N}} {{or .No .Empty}} {{or .No .Text}} {{not .Yes}} {{not .None}} {{eq .N 3}} {{eq .N 1 2 3}} {{ne .Text "x"}} {{eq .Named "benannt <x>"}} {{lt .N 5}} {{le .N 3}} {{gt .U 9}} {{ge .Text "a"}} {{len .Strs}} {{len .Map}} {{len .Text}} {{index .Strs 1}} {{eq .Yes .No}} {{ne .Yes .No}}`, true},
	{"and or piped", `{{.N | and .Yes}} {{.Text | or .No}}`, true},
	{"ordered booleans", `{{lt .Yes .No}}`, false},
	{"signed and unsigned", `{{eq .N .U}} {{lt .N .U}} {{gt .U .N}} {{le -1 .U}} {{eq .U 7}} {{ne .U 3}}`, true},
	{"mixed kinds", `{{eq .N "3"}}`, false},
	{"index out of range", `{{index .Strs 5}}`, false},
	{"print", `{{printf "%d-%s|%v|%v" .N .Text .AnyNil .Any}} {{print .N .Text .Yes}} {{println .Named}} {{printf "%.1f" .F}} <a href="{{printf "/p/%d/" .N}}">x</a>`, true},
	{"printf with a named format", `{{printf .Named}}`, false},
	{"slice", `{{slice .Strs 1}}`, false},
	{"functions", `{{t "greeting"}} {{t "count" .N}} <a href="{{relURL .Ptr.URL}}">{{date .When}}</a> {{add .N 1}} {{relURL "/x"}}`, true},
	{"function with a wrong argument", `{{relURL .N}}`, false},
	{"function error", `{{failing .Text}}`, false},
	{"parentheses", `{{(index .Items 0).Name}} {{len (index .Strs 1)}} {{(.Ptr).Name}}`, true},
	{"literals", `{{"text <x>"}} {{true}} {{42}} {{-1}}`, true},
	{"float literal", `{{1.5}}`, false},
	{"comments and trimming", `a  {{- /* weg */ -}}  b {{- .N -}} c`, true},
	{"undefined template", `{{template "nope" .}}`, false},
	{"escaping error", `<a href="{{.URL}}`, false},
}

// testFuncs are functions of the shapes a theme's have: a translation, a
// partial, functions of a string, a time and two ints, and one that fails.
func testFuncs() template.FuncMap {
	i18n := map[string]string{"greeting": "Grüß <Gott>", "count": "%d Stück"}
	return template.FuncMap{
		"relURL":  func(p string) string { return "/basis" + p },
		"date":    func(t time.Time) string { return t.Format("2. 1. 2006") },
		"add":     func(a, b int) int { return a + b },
		"failing": func(s string) (string, error) { return "", fmt.Errorf("failing %q", s) },
		"t": func(key string, args ...any) string {
			s, ok := i18n[key]
			if !ok {
				return key
			}
			if len(args) > 0 {
				return fmt.Sprintf(s, args...)
			}
			return s
		},
		"partialCached": func(name, key string, data any) (template.HTML, error) {
			if name == "" {
				return "", errors.New("no partial named")
			}
			return template.HTML("<i>" + template.HTMLEscapeString(name+" "+key) + "</i>"), nil
		},
	}
}

// pair is a template parsed twice: run by a Runner, and by html/template
// alone.
type pair struct {
	quick *Runner
	ref   *template.Template
}

func newPair(t testing.TB, src string) *pair {
	t.Helper()
	funcs := testFuncs()
	q, qerr := template.New("page").Funcs(funcs).Parse(src)
	ref, rerr := template.New("page").Funcs(funcs).Parse(src)
	if qerr != nil || rerr != nil {
		return nil // not a template: nothing to compare
	}
	return &pair{quick: New(q.Execute, q, "page", funcs), ref: ref}
}

// run executes both into buffers that already hold a page start, as a
// build's buffer may, and fails when they differ.
func (p *pair) run(t testing.TB, data any, what string) {
	t.Helper()
	buf := bytes.NewBufferString("<!-- before -->")
	gotErr := p.quick.Execute(buf, data)
	got, ok := strings.CutPrefix(buf.String(), "<!-- before -->")
	if !ok {
		t.Fatalf("%s: the buffer's earlier content was changed: %q", what, buf.String())
	}
	var want strings.Builder
	wantErr := p.ref.Execute(&want, data)
	if got != want.String() || errText(gotErr) != errText(wantErr) {
		t.Fatalf("%s:\nquick: %q, %v\nhtml/template: %q, %v", what, got, gotErr, want.String(), wantErr)
	}
}

// ranQuick reports whether the program ran every call after the first.
func (p *pair) ranQuick() bool { return p.quick.HasProgram() && p.quick.Slow() == 0 }

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestQuickExecutionPrintsWhatHTMLTemplatePrints(t *testing.T) {
	for _, c := range execCases {
		t.Run(c.name, func(t *testing.T) {
			p := newPair(t, c.src)
			data := newExecData() // one value: a pointer prints as its address
			// The first run is html/template's, the second compiles
			// the field caches, the third uses them.
			for run := range 3 {
				p.run(t, data, fmt.Sprintf("run %d", run))
			}
			if p.quick.First() != 1 {
				t.Errorf("%d runs before the program, want 1", p.quick.First())
			}
			if c.covered && !p.ranQuick() {
				t.Errorf("not run by the program: %s", p.quick.WhyNot())
			}
			if !c.covered && p.ranQuick() {
				t.Errorf("ran quick, but the case is meant to hand over (mark it covered if that is right)")
			}
			if why := p.quick.WhyNot(); (why == "") != p.ranQuick() {
				t.Errorf("ran quick: %v, but the reason recorded for html/template is %q", p.ranQuick(), why)
			}
		})
	}
}

// FuzzQuickExecution runs arbitrary templates both ways on the same data.
func FuzzQuickExecution(f *testing.F) {
	for _, c := range execCases {
		f.Add(c.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p := newPair(t, src)
		if p == nil {
			return
		}
		data := newExecData() // one value: a pointer prints as its address
		for run := range 3 {
			p.run(t, data, fmt.Sprintf("run %d of %q", run, src))
		}
	})
}

// TestQuickExecutionOfGeneratedTemplates runs templates put together at
// random from the constructs, contexts and values themes use — most of
// which a quick program must cover — both ways.
func TestQuickExecutionOfGeneratedTemplates(t *testing.T) {
	values := []string{"$.Text", "$.HTML", "$.URL", "$.JS", "$.N", "$.U", "$.Yes", "$.Named", "$.Any", "$.AnyNil",
		"$.Map.key", `index $.Map "key"`, `index $.Map "none"`, "index $.Strs 1", "$.Ptr.Name", "$.Method", "$.HTMLMethod",
		"$.OK", "len $.Strs", `printf "%s-%d" $.Text $.N`, `t "greeting"`, `t "count" $.N`, "relURL $.Ptr.URL",
		"date $.When", "add $.N 1", "$.Value.Label", "$.Inner", `index $.Figures "risk"`, "$.F", "$.Stringer", "$.BadURL", "$.Query"}
	conds := []string{"$.Yes", "$.No", "not $.No", "and $.Yes $.N", "or $.No $.Text", "eq $.N 3", "lt $.U 9", `ne $.Text "x"`,
		"$.None", "$.AnyNil", "$.Ptr", "$.NilPtr", "gt (len $.Strs) 1"}
	contexts := []func(string) string{
		func(x string) string { return "<p>" + x + "</p>" },
		func(x string) string { return `<p title="` + x + `">t</p>` },
		func(x string) string { return `<a href="` + x + `">a</a>` },
		func(x string) string { return `<a href="/s?q=` + x + `">q</a>` },
		func(x string) string { return "<title>" + x + "</title>" },
		func(x string) string { return `<script type="application/ld+json">` + x + "</script>" },
		func(x string) string { return `<p class=` + x + `>u</p>` },
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	var gen func(depth int) string
	gen = func(depth int) string {
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			k := rng.IntN(10)
			if depth > 2 {
				k = 0
			}
			switch k {
			case 0, 1, 2, 3:
				b.WriteString(contexts[rng.IntN(len(contexts))]("{{" + pick(values) + "}}"))
			case 4:
				b.WriteString("{{if " + pick(conds) + "}}" + gen(depth+1) + "{{else}}" + gen(depth+1) + "{{end}}")
			case 5:
				b.WriteString("{{with " + pick(values) + "}}[{{.}}]" + gen(depth+1) + "{{end}}")
			case 6:
				b.WriteString("{{range $i, $it := $.Items}}{{$i}}<a href=\"{{$it.URL}}\">{{.Name}} {{.Label}}</a>" + gen(depth+1) + "{{else}}none{{end}}")
			case 7:
				b.WriteString("{{range $.Strs}}<li title=\"{{.}}\">{{.}}</li>{{end}}")
			case 8:
				b.WriteString(`{{template "sub" $.Ptr}}{{template "sub" (index $.Items 0)}}`)
			case 9:
				b.WriteString("{{$v := " + pick(values) + "}}" + contexts[rng.IntN(4)]("{{$v}}"))
			}
		}
		return b.String()
	}
	const n = 400 // 20,000 (3.5 s) ran without a difference too
	data, ranQuick := newExecData(), 0
	for range n {
		src := `{{define "sub"}}<i>{{.Name}}</i>{{end}}` + gen(0)
		p := newPair(t, src)
		for run := range 2 {
			p.run(t, data, fmt.Sprintf("run %d of %s", run, src))
		}
		if p.ranQuick() {
			ranQuick++
		}
	}
	// Stringers, unquoted attributes and HTML in attributes hand over by
	// design; the rest must not.
	if ranQuick < n/4 {
		t.Errorf("only %d of %d generated templates ran quick", ranQuick, n)
	}
	t.Logf("%d of %d generated templates ran quick", ranQuick, n)
}

// fuzzData holds two values of any shape for the fixed templates of
// FuzzQuickExecutionOfData.
type fuzzData struct {
	A, B any
}

// shape makes a value of one of many kinds from the fuzzer's inputs: the
// types an escaper treats specially, numbers, slices, maps, pointers,
// structs, stringers, errors, times.
func shape(kind uint8, s string, n int64, x float64, b bool) any {
	switch kind % 30 {
	case 0:
		return nil
	case 1:
		return s
	case 2:
		return template.HTML(s)
	case 3:
		return template.URL(s)
	case 4:
		return template.JS(s)
	case 5:
		return template.CSS(s)
	case 6:
		return template.HTMLAttr(s)
	case 7:
		return int(n)
	case 8:
		return uint8(n)
	case 9:
		return x
	case 10:
		return float32(x)
	case 11:
		return b
	case 12:
		return label(s)
	case 13:
		return []string{s, s + "2"}
	case 14:
		return []any{s, n, nil, b}
	case 15:
		return map[string]any{"Name": s, "N": n}
	case 16:
		return map[string]string{"Name": s}
	case 17:
		return &execItem{Name: s, URL: s, N: int(n)}
	case 18:
		return (*execItem)(nil)
	case 19:
		return execItem{Name: s, N: int(n)}
	case 20:
		return stringer{}
	case 21:
		return errors.New(s)
	case 22:
		return []execItem{{Name: s}, {Name: s + "2"}}
	case 23:
		return complex(x, 1)
	case 24:
		return time.Unix(n, 0).UTC()
	case 25:
		return []int{}
	case 26:
		return map[int]string{int(n % 3): s}
	case 27:
		return int64(n)
	case 28:
		return []*execItem{nil}
	}
	return [2]string{s, s}
}

// dataTemplates use .A and .B in every context and construct the theme
// uses.
var dataTemplates = []string{
	`<p>{{.A}}</p><p title="{{.A}}" data-b='{{.B}}'>{{.B}}</p>`,
	`<p{{.A}} class="x"{{.B}}>y</p>`,
	`<a href="{{.A}}">x</a><a href="/s?q={{.A}}&amp;r={{.B}}">y</a><a href="/p/{{.B}}">z</a>`,
	`<title>{{.A}}</title><textarea>{{.B}}</textarea>`,
	`<script type="application/ld+json">{{.A}}</script>`,
	`{{if .A}}ja{{else}}nein{{end}}{{with .B}}[{{.}}]{{else}}-{{end}}{{if and .A .B}}u{{end}}{{if or .A .B}}o{{end}}{{not .A}}`,
	`{{range .A}}<li>{{.}}</li>{{else}}leer{{end}}{{range $i, $v := .B}}{{$i}}={{$v}};{{end}}`,
	`{{len .A}}`, `{{index .A 0}}`, `{{index .B "Name"}}`, `{{index .A 1 0}}`,
	`{{eq .A .B}} {{ne .A .B}}`, `{{lt .A .B}} {{ge .A .B}}`, `{{eq .A 1 "x" true}}`,
	`{{.A.Name}} {{.B.N}}`, `{{.A.Label}} {{.A.PtrLabel}}`,
	`{{printf "%v|%s|%d" .A .B .A}} {{print .A .B}} {{println .A}}`,
	`{{t "count" .A}} {{t .A}}`, `{{relURL .A}}`, `{{add .A .B}}`, `{{date .A}}`, `{{failing .A}}`,
	`{{define "sub"}}<i>{{.}}</i>{{end}}{{template "sub" .A}}{{template "sub" .B}}`,
	`{{$x := .A}}{{$x = .B}}<b>{{$x}}</b>{{with $y := .A}}{{$y}}{{end}}`,
	`{{partialCached "p" .A .B}}`,
	`{{.A | printf "%v"}} {{.B | or .A}}`,
}

// FuzzQuickExecutionOfData runs fixed templates both ways on values of
// many shapes: what a program does not cover must hand the page over, and
// what it covers must print html/template's bytes.
func FuzzQuickExecutionOfData(f *testing.F) {
	for k := range 31 {
		f.Add(uint8(k), uint8(30-k), `<b>"x" & 'y'</b> +1 javascript:alert(1)`, int64(k-3), float64(k)/3, k%2 == 0)
	}
	f.Add(uint8(1), uint8(3), "mailto:a@b.test ü\x00", int64(0), math.NaN(), true)
	pairs := make([]*pair, len(dataTemplates))
	for i, src := range dataTemplates {
		if pairs[i] = newPair(f, src); pairs[i] == nil {
			f.Fatalf("%s does not parse", src)
		}
	}
	f.Fuzz(func(t *testing.T, ka, kb uint8, s string, n int64, x float64, b bool) {
		data := &fuzzData{A: shape(ka, s, n, x, b), B: shape(kb, s+"b", n/2, x*2, !b)}
		for i, p := range pairs {
			p.run(t, data, fmt.Sprintf("%s with %#v", dataTemplates[i], *data))
		}
	})
}

// TestAlwaysFallingBackIsRejectedAtCompileTime: a construct that would hand
// every page it reaches to html/template makes the template
// html/template's at once, even in a branch no page takes.
func TestAlwaysFallingBackIsRejectedAtCompileTime(t *testing.T) {
	for _, src := range []string{
		`{{if false}}{{slice .Strs 1}}{{end}}x`,
		`{{if false}}{{call .Any}}{{end}}x`,
		`{{if false}}{{html .Text}}{{end}}x`,
		`{{if false}}{{urlquery .Text}}{{end}}x`,
		`{{if .No}}<style>p { color: {{.Text}} }</style>{{end}}x`,
		`{{if .No}}<a onclick="f('{{.Text}}')">x</a>{{end}}x`,
		`{{if .No}}<img srcset="{{.Text}}">{{end}}x`,
		`{{if false}}{{relURL}}{{end}}x`,
		`{{if false}}{{relURL "a" "b"}}{{end}}x`,
		`{{if false}}{{add 1}}{{end}}x`,
		`{{if false}}{{not 1 2}}{{end}}x`,
		`{{if false}}{{eq 1}}{{end}}x`,
		`{{if false}}{{lt 1 2 3}}{{end}}x`,
		`{{if false}}{{len}}{{end}}x`,
		`{{if false}}{{index}}{{end}}x`,
		`{{if false}}{{partialCached "a" "b"}}{{end}}x`,
		`{{if false}}{{"a" | relURL "b"}}{{end}}x`,
	} {
		p := newPair(t, src)
		if p == nil {
			t.Fatalf("%s does not parse", src)
		}
		for run := range 3 {
			p.run(t, newExecData(), fmt.Sprintf("run %d of %s", run, src))
		}
		if p.quick.HasProgram() || !strings.Contains(p.quick.WhyNot(), "does not cover") || p.quick.First() != 1 || p.quick.Slow() != 2 {
			t.Errorf("%s: program %v, why not %q, first %d, slow %d; want no program, rejected once, html/template after",
				src, p.quick.HasProgram(), p.quick.WhyNot(), p.quick.First(), p.quick.Slow())
		}
	}
}

// TestConstantsAreText: a call of functions with literal arguments is
// made once, when the program is compiled, and printed as text.
func TestConstantsAreText(t *testing.T) {
	calls := 0
	funcs := testFuncs()
	funcs["counted"] = func(s string) string { calls++; return s + "!" }
	src := `<p>{{t "greeting"}}</p><a href="{{relURL "/x y"}}" title="{{counted "a&b"}}">{{add 1 2}} {{"lit<>"}} {{printf "%d" 7}}</a>`
	q := template.Must(template.New("page").Funcs(funcs).Parse(src))
	r := New(q.Execute, q, "page", funcs)
	var first, later bytes.Buffer
	if err := r.Execute(&first, nil); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		later.Reset()
		if err := r.Execute(&later, nil); err != nil {
			t.Fatal(err)
		}
	}
	if first.String() != later.String() {
		t.Errorf("html/template printed %q, the program %q", first.String(), later.String())
	}
	if calls != 2 { // html/template's first run, and the compilation
		t.Errorf("the function was called %d times, want 2", calls)
	}
	if steps := r.prog.main.steps; len(steps) != 1 {
		t.Errorf("the program has %d steps, want one text step", len(steps))
	} else if _, ok := steps[0].(textStep); !ok {
		t.Errorf("the program's step is a %T, want a text step", steps[0])
	}
}

// reviewedGo is the Go release series whose html/template and
// text/template this package and package escape were checked against.
const reviewedGo = "go1.26"

// TestGoReleaseWasReviewed fails under another Go release series: the
// escapers and the evaluation rules are copies, and a new release may
// change what html/template prints.
func TestGoReleaseWasReviewed(t *testing.T) {
	v := runtime.Version()
	if v == reviewedGo || strings.HasPrefix(v, reviewedGo+".") {
		return
	}
	t.Fatalf(`built with %s, but quick execution and package escape mirror html/template and text/template of %s.x.
Review what changed between the two (git diff of src/html/template and src/text/template in the Go repository):
  - html/template/escape.go: the escapers it adds and where (this package's escapers map, TestEveryEscaperIsKnown);
  - html/template/html.go, url.go, js.go: htmlReplacementTable, isSafeURL, processURLOnto, jsValEscaper of
    template.JS (package escape; funcs.go, apply and write);
  - html/template/content.go: stringify, indirectToStringerOrError (program.go, stringify);
  - text/template/exec.go, funcs.go: evalField, isTrue, indirect, the builtins and their argument checks
    (program.go, funcs.go).
Then run the tests and fuzz targets of both packages (scripts/fuzz.sh) and set reviewedGo to the new series.`, v, reviewedGo)
}

// TestEveryEscaperIsKnown escapes templates in every context html/template
// has and checks that each escaper it adds is in the escapers map (the
// ones a program does not run as escOther).
func TestEveryEscaperIsKnown(t *testing.T) {
	src := `<p>{{.}}</p><p title="{{.}}" class={{.}} {{.}}="x" onclick="f({{.}}, '{{.}}', /{{.}}/)">x</p>
<a href="{{.}}">a</a><a href="/s?q={{.}}">q</a><img srcset="{{.}}"><title>{{.}}</title><textarea>{{.}}</textarea>
<style>p { color: {{.}}; background: url({{.}}) } q::after { content: "{{.}}" }</style>
<script>var a = {{.}}, b = "{{.}}", c = /{{.}}/, d = ` + "`{{.}}`" + `;</script>
<script type="application/ld+json">{{.}}</script>{{. | html}}{{. | urlquery}}`
	tmpl := template.Must(template.New("all").Parse(src))
	if err := tmpl.Execute(io.Discard, "x"); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			for _, x := range n.Nodes {
				walk(x)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				for _, a := range c.Args {
					walk(a)
				}
			}
		case *parse.IdentifierNode:
			if strings.HasPrefix(n.Ident, "_") {
				seen[n.Ident] = true
			}
		}
	}
	walk(tmpl.Tree.Root)
	if len(seen) < 12 {
		t.Fatalf("only %d escapers found; the template misses contexts: %v", len(seen), seen)
	}
	for name := range seen {
		if _, ok := escapers[name]; !ok {
			t.Errorf("html/template adds %s, which the escapers map lacks", name)
		}
	}
}

// TestFallbackRunsFunctionsAgain: a page the program hands over runs in
// html/template from the start, so the functions it called before it met
// the value it does not cover are called again — why they must be pure.
func TestFallbackRunsFunctionsAgain(t *testing.T) {
	calls := 0
	funcs := testFuncs()
	funcs["counted"] = func(s string) string { calls++; return s }
	q := template.Must(template.New("page").Funcs(funcs).Parse(`{{counted .Text}}{{.Stringer}}`))
	r := New(q.Execute, q, "page", funcs)
	for range 2 {
		if err := r.Execute(new(bytes.Buffer), newExecData()); err != nil {
			t.Fatal(err)
		}
	}
	if calls != 3 || r.Slow() != 1 { // html/template's first run; then the program's and html/template's
		t.Errorf("the function was called %d times and html/template ran %d pages after the first; want 3 and 1", calls, r.Slow())
	}
}
