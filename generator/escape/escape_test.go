package escape

import (
	"html/template"
	"strings"
	"testing"
)

// contexts are the places the package's callers print a plain string, with
// what the package prints there; html/template must print the same.
var contexts = []struct {
	name, tmpl string
	ours       func(string) string
}{
	{"text", `<p>{{.}}</p>`, func(s string) string { return "<p>" + HTML(s) + "</p>" }},
	{"quoted attribute", `<p title="{{.}}">x</p>`, func(s string) string { return `<p title="` + HTML(s) + `">x</p>` }},
	{"single-quoted attribute", `<p title='{{.}}'>x</p>`, func(s string) string { return `<p title='` + HTML(s) + `'>x</p>` }},
	{"title", `<title>{{.}}</title>`, func(s string) string { return "<title>" + HTML(s) + "</title>" }},
	{"textarea", `<textarea>{{.}}</textarea>`, func(s string) string { return "<textarea>" + HTML(s) + "</textarea>" }},
	{"url attribute", `<a href="{{.}}">x</a>`, func(s string) string { return `<a href="` + URLAttr(s) + `">x</a>` }},
	{"url attribute by parts", `<a href="{{.}}">x</a>`, func(s string) string {
		var b strings.Builder
		b.WriteString(`<a href="`)
		WriteHTML(&b, NormalizeURL(FilterURL(s)))
		b.WriteString(`">x</a>`)
		return b.String()
	}},
	{"url after a path", `<a href="/p/{{.}}">x</a>`, func(s string) string { return `<a href="/p/` + HTML(NormalizeURL(s)) + `">x</a>` }},
	{"query value", `<a href="/s?q={{.}}">x</a>`, func(s string) string { return `<a href="/s?q=` + URLPart(s) + `">x</a>` }},
}

// hostile are strings with everything the escapers treat specially.
var hostile = []string{
	"",
	"plain text",
	`<script>alert("x")</script>`,
	`Fonds 1 + Co & Partner's "beste" Wahl`,
	"a\x00b",
	"\x00",
	"ümlaut ß € 😀",
	"\xff\xfe invalid \xc3",
	"javascript:alert(1)",
	"JavaScript:alert(1)",
	" javascript:alert(1)",
	"data:text/html,<b>x</b>",
	"vbscript:x",
	"mailto:anna@bank.test?subject=Frage & Antwort",
	"MAILTO:x@y",
	"http://bank.test/a b?c=d&e=f#g",
	"HTTPS://bank.test/ü",
	"https://bank.test/?q=1+2&r=%41%4",
	"/products/etf-welt/",
	"/a:b/c",
	"./x:y",
	"x/y:z",
	"?a=b:c",
	"#anchor",
	"%zz%41%4%",
	"%",
	"tel:+49 30 1234",
	"a'b\"c`d=e",
	"{{.}}",
	"\u2028\u2029",
	"!#$&*+,/:;=?@[]-._~()'",
}

func render(t testing.TB, tmpl *template.Template, s string) string {
	t.Helper()
	var b strings.Builder
	if err := tmpl.Execute(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestEscapingPrintsWhatHTMLTemplatePrints(t *testing.T) {
	for _, c := range contexts {
		tmpl := template.Must(template.New(c.name).Parse(c.tmpl))
		for _, s := range hostile {
			if got, want := c.ours(s), render(t, tmpl, s); got != want {
				t.Errorf("%s of %q:\n got %q\nwant %q", c.name, s, got, want)
			}
		}
	}
}

// TestEscapingReturnsItsInput: text that needs no escaping is returned as
// it is (no copy on the hot path).
func TestEscapingReturnsItsInput(t *testing.T) {
	s := "/products/etf-welt/?a=b"
	for name, f := range map[string]func(string) string{"HTML": HTML, "NormalizeURL": NormalizeURL, "FilterURL": FilterURL} {
		if got := f(s); got != s {
			t.Errorf("%s changed %q to %q", name, s, got)
		}
	}
	if got := testing.AllocsPerRun(100, func() { _ = HTML(s) + NormalizeURL(s) }); got > 1 {
		t.Errorf("%.0f allocations for text that needs no escaping, want at most the concatenation's", got)
	}
}

func FuzzEscaping(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	tmpls := make([]*template.Template, len(contexts))
	for i, c := range contexts {
		tmpls[i] = template.Must(template.New(c.name).Parse(c.tmpl))
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, c := range contexts {
			if got, want := c.ours(s), render(t, tmpls[i], s); got != want {
				t.Fatalf("%s of %q:\n got %q\nwant %q", c.name, s, got, want)
			}
		}
	})
}
