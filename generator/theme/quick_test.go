package theme

import (
	"bytes"
	"strings"
	"testing"
)

// Quick execution (package quick) of a theme's layouts and partials: each
// runs in html/template first and as a program after, and must print and
// fail as html/template does.

func runLayout(th *Theme, layout string, data any) (string, error) {
	var b bytes.Buffer
	err := th.Execute(&b, layout, data)
	return b.String(), err
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestQuickExecutionOfTheDefaultThemeFailsAlike runs every layout of the
// default theme on values of the wrong type: each must fail exactly as
// html/template fails (a program may not print a page html/template
// refuses), and each layout and partial must have a program.
func TestQuickExecutionOfTheDefaultThemeFailsAlike(t *testing.T) {
	quick, err := Load(t.TempDir(), "klartext", "de", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Load(t.TempDir(), "klartext", "de", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	ref.Quick = false
	for _, layout := range []string{"products/single.html", "stories/single.html", "advisors/single.html",
		"topics/single.html", "_default/list.html", "index.html", "404.html"} {
		for run := range 2 { // the first run is html/template's, the second the program's
			for _, data := range []any{nil, "Text", struct{ Title string }{"Titel"}} {
				got, gotErr := runLayout(quick, layout, data)
				want, wantErr := runLayout(ref, layout, data)
				if got != want || errText(gotErr) != errText(wantErr) {
					t.Errorf("%s, run %d, with %#v:\nquick: %q, %v\nhtml/template: %q, %v", layout, run, data, got, gotErr, want, wantErr)
				}
			}
		}
		if r := quick.get(layout).runner; !r.HasProgram() {
			t.Errorf("%s has no quick program: %s", layout, r.WhyNot())
		}
	}
	for _, p := range quick.partials.Templates() {
		if !strings.HasPrefix(p.Name(), "partials/") {
			continue
		}
		r := quick.partialRunner(p.Name())
		_ = r.Execute(&bytes.Buffer{}, nil) // compiles the program
		if !r.HasProgram() {
			t.Errorf("the partial %s has no quick program: %s", p.Name(), r.WhyNot())
		}
	}
}

type card struct{ Name, URL string }

func (c *card) Label() string { return "Karte " + c.Name }

// TestQuickPartials runs partials on their own (ExecutePartial, as the
// feedback widget and partialCached do) both ways.
func TestQuickPartials(t *testing.T) {
	root := siteWithFiles(t, map[string]string{
		"layouts/partials/card.html":  `<b>{{.Name}}</b> {{template "partials/link.html" .}}`,
		"layouts/partials/link.html":  `<a href="{{.URL}}">{{.Label}}</a>`,
		"layouts/partials/slice.html": `{{slice .Name 1}}`,
		"layouts/partials/nil.html":   `{{.Name}}`,
	})
	quick, err := Load(root, "klartext", "de", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Load(root, "klartext", "de", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	ref.Quick = false
	item := &card{Name: "Eins <1>", URL: "/eins/?a=1&b=2"}
	for _, tc := range []struct {
		name    string
		data    any
		covered bool
	}{
		{"partials/card.html", item, true},
		{"partials/slice.html", item, false},
		{"partials/nil.html", (*card)(nil), false},
		{"partials/missing.html", item, false},
	} {
		for run := range 3 {
			var got, want bytes.Buffer
			got.WriteString("<!-- before -->")
			want.WriteString("<!-- before -->")
			gotErr, wantErr := quick.ExecutePartial(&got, tc.name, tc.data), ref.ExecutePartial(&want, tc.name, tc.data)
			if got.String() != want.String() || errText(gotErr) != errText(wantErr) {
				t.Errorf("%s, run %d:\nquick: %q, %v\nhtml/template: %q, %v", tc.name, run, got.String(), gotErr, want.String(), wantErr)
			}
		}
		r := quick.partialRunner(tc.name)
		if ranQuick := r.HasProgram() && r.Slow() == 0; ranQuick != tc.covered {
			t.Errorf("%s: ran quick %v, want %v (%s)", tc.name, ranQuick, tc.covered, r.WhyNot())
		}
	}
}

// TestPartialCacheOff: without CachePartials, partialCached renders on
// every call, with the data of that call.
func TestPartialCacheOff(t *testing.T) {
	root := siteWithPartial(t, "echo.html", "<b>{{.}}</b>")
	th, err := Load(root, "klartext", "de", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	th.CachePartials = false
	for _, data := range []string{"first", "second"} {
		if got, err := th.partialCached("partials/echo.html", "a", data); err != nil || string(got) != "<b>"+data+"</b>" {
			t.Errorf("%q: %q %v", data, got, err)
		}
	}
}
