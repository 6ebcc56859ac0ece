package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// Quick execution (exec.go) must print exactly what html/template prints,
// or hand the page to html/template. These tests run every template twice,
// once with a theme that runs quick programs and once with one that runs
// html/template only, and demand the same bytes and the same error.

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

// testTheme is a theme from files (below the theme root) over a one-line
// base layout, with the functions the cases use.
func testTheme(t testing.TB, files map[string]string, quick bool) *Theme {
	t.Helper()
	fsys := fstest.MapFS{"layouts/_default/baseof.html": {Data: []byte(`{{block "main" .}}{{end}}`)}}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	th := &Theme{fsys: fsys, compiled: map[string]*compiled{}, Fold: quick, Quick: quick,
		i18n: map[string]string{"greeting": "Grüß <Gott>", "count": "%d Stück"}}
	th.funcs = template.FuncMap{
		"relURL":        func(p string) string { return "/basis" + p },
		"date":          func(t time.Time) string { return t.Format("2. 1. 2006") },
		"add":           func(a, b int) int { return a + b },
		"failing":       func(s string) (string, error) { return "", fmt.Errorf("failing %q", s) },
		"t":             th.Translate,
		"partialCached": th.partialCached,
	}
	if err := th.parseBase(); err != nil {
		t.Fatal(err)
	}
	return th
}

// runLayout executes the layout into a buffer that already holds a page
// start, as a build's buffer may, and returns what the layout added.
func runLayout(th *Theme, layout string, data any) (string, error) {
	buf := bytes.NewBufferString("<!-- before -->")
	err := th.Execute(buf, layout, data)
	out := buf.String()
	if len(out) < 15 || out[:15] != "<!-- before -->" {
		return out, fmt.Errorf("the buffer's earlier content was changed: %q", out)
	}
	return out[15:], err
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestQuickExecutionPrintsWhatHTMLTemplatePrints(t *testing.T) {
	files := map[string]string{}
	for i, c := range execCases {
		files[fmt.Sprintf("layouts/case%d.html", i)] = c.src
	}
	quick, ref := testTheme(t, files, true), testTheme(t, files, false)
	for i, c := range execCases {
		t.Run(c.name, func(t *testing.T) {
			layout := fmt.Sprintf("case%d.html", i)
			data := newExecData() // one value: a pointer prints as its address
			for run := range 2 {  // the second run uses the field caches
				got, gotErr := runLayout(quick, layout, data)
				want, wantErr := runLayout(ref, layout, data)
				if got != want || errText(gotErr) != errText(wantErr) {
					t.Fatalf("run %d:\nquick: %q, %v\nhtml/template: %q, %v", run, got, gotErr, want, wantErr)
				}
			}
			cp := quick.get(layout)
			ranQuick := cp.prog != nil && cp.slow.Load() == 0
			if c.covered && !ranQuick {
				_, err := quick.compileProgram(cp.tmpl)
				why := ""
				if cp.prog != nil {
					why = cp.prog.execute(new(bytes.Buffer), newExecData())
				}
				t.Errorf("not run by the quick program (compile error: %v; run: %s)", err, why)
			}
			if !c.covered && ranQuick {
				t.Errorf("ran quick, but the case is meant to hand over (mark it covered if that is right)")
			}
			if why := cp.whyNot.Load(); (why != nil) == ranQuick {
				t.Errorf("ran quick: %v, but the reason recorded for html/template is %v", ranQuick, why)
			}
		})
	}
}

// TestQuickExecutionOfTheDefaultTheme runs every layout of the default theme
// on a value of the wrong type: each must fail exactly as html/template
// fails (a quick program may not print a page html/template refuses).
func TestQuickExecutionOfTheDefaultThemeFailsAlike(t *testing.T) {
	quick, err := Load(t.TempDir(), "klartext", "de", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Load(t.TempDir(), "klartext", "de", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	ref.Fold, ref.Quick = false, false
	for _, layout := range []string{"products/single.html", "stories/single.html", "advisors/single.html",
		"topics/single.html", "_default/list.html", "index.html", "404.html"} {
		for _, data := range []any{nil, "Text", struct{ Title string }{"Titel"}} {
			got, gotErr := runLayout(quick, layout, data)
			want, wantErr := runLayout(ref, layout, data)
			if got != want || errText(gotErr) != errText(wantErr) {
				t.Errorf("%s with %#v:\nquick: %q, %v\nhtml/template: %q, %v", layout, data, got, gotErr, want, wantErr)
			}
		}
		if quick.get(layout).prog == nil {
			_, err := quick.compileProgram(quick.get(layout).tmpl)
			t.Errorf("%s has no quick program: %v", layout, err)
		}
	}
	for _, p := range quick.partials.Templates() {
		if strings.HasPrefix(p.Name(), "partials/") && quick.partialProgram(p.Name()) == nil {
			t.Errorf("the partial %s has no quick program", p.Name())
		}
	}
}

// FuzzQuickExecution runs arbitrary layouts both ways on the same data.
func FuzzQuickExecution(f *testing.F) {
	for _, c := range execCases {
		f.Add(c.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		files := map[string]string{"layouts/page.html": src}
		quick, ref := testTheme(t, files, true), testTheme(t, files, false)
		data := newExecData() // one value: a pointer prints as its address
		for run := range 2 {
			got, gotErr := runLayout(quick, "page.html", data)
			want, wantErr := runLayout(ref, "page.html", data)
			if got != want || errText(gotErr) != errText(wantErr) {
				t.Fatalf("run %d of %q:\nquick: %q, %v\nhtml/template: %q, %v", run, src, got, gotErr, want, wantErr)
			}
		}
	})
}

// TestQuickPartials runs partials on their own (ExecutePartial, as the
// feedback widget and partialCached do) both ways.
func TestQuickPartials(t *testing.T) {
	files := map[string]string{
		"layouts/partials/card.html":  `<b>{{.Name}}</b> {{template "partials/link.html" .}}`,
		"layouts/partials/link.html":  `<a href="{{.URL}}">{{.Label}}</a>`,
		"layouts/partials/slice.html": `{{slice .Name 1}}`,
		"layouts/partials/nil.html":   `{{.Name}}`,
	}
	quick, ref := testTheme(t, files, true), testTheme(t, files, false)
	item := &execItem{Name: "Eins <1>", URL: "/eins/?a=1&b=2"}
	for _, tc := range []struct {
		name    string
		data    any
		covered bool
	}{
		{"partials/card.html", item, true},
		{"partials/slice.html", item, false},
		{"partials/nil.html", (*execItem)(nil), false},
		{"partials/missing.html", item, false},
	} {
		var got, want bytes.Buffer
		got.WriteString("<!-- before -->")
		want.WriteString("<!-- before -->")
		gotErr, wantErr := quick.ExecutePartial(&got, tc.name, tc.data), ref.ExecutePartial(&want, tc.name, tc.data)
		if got.String() != want.String() || errText(gotErr) != errText(wantErr) {
			t.Errorf("%s:\nquick: %q, %v\nhtml/template: %q, %v", tc.name, got.String(), gotErr, want.String(), wantErr)
		}
		p := quick.partialProgram(tc.name)
		ranQuick := p != nil && p.execute(new(bytes.Buffer), tc.data) == ""
		if ranQuick != tc.covered {
			t.Errorf("%s: ran quick %v, want %v", tc.name, ranQuick, tc.covered)
		}
	}
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
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("layouts/gen%d.html", i)] = `{{define "sub"}}<i>{{.Name}}</i>{{end}}` + gen(0)
	}
	quick, ref := testTheme(t, files, true), testTheme(t, files, false)
	data, ranQuick := newExecData(), 0
	for i := range n {
		layout := fmt.Sprintf("gen%d.html", i)
		got, gotErr := runLayout(quick, layout, data)
		want, wantErr := runLayout(ref, layout, data)
		if got != want || errText(gotErr) != errText(wantErr) {
			t.Fatalf("%s:\n%s\nquick: %q, %v\nhtml/template: %q, %v", layout, files["layouts/"+layout], got, gotErr, want, wantErr)
		}
		if cp := quick.get(layout); cp.prog != nil && cp.slow.Load() == 0 {
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
