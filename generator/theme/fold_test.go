package theme

import (
	"strings"
	"testing"
	"text/template/parse"
)

// foldLayout uses t in every context html/template knows; only the plain
// text and quoted attribute ones may fold.
const foldLayout = `<!DOCTYPE html><html><head><title>{{t "k_title"}}</title>
<style>p::after { content: "{{t "k_css"}}"; }</style>
<script>var s = {{t "k_js"}};</script></head>
<body><p>{{t "k_text"}}</p><p title="{{t "k_attr"}}" data-x='{{t "k_attr"}}'>{{t "k_args" "x"}}</p>
<a href="/suche?q={{t "k_query"}}">{{t "k_missing"}}</a><a href="{{t "k_url"}}">x</a>
<img alt={{t "k_unquoted"}} src="/x.png">
{{if true}}<em>{{t "k_text"}}</em>{{end}}{{range $i, $x := .}}<i>{{t "k_text"}}{{$x}}</i>{{end}}
{{with .}}{{t "k_text"}}{{end}}{{partialCached "partials/folded.html" "" .}}</body></html>`

// foldI18n are translations with every character html/template escapes.
const foldI18n = `k_title: "Titel <&> \"'+"
k_css: "a \" b"
k_js: "it's </script>"
k_text: "Text mit <b>, & und 'Zitat' + \"mehr\""
k_attr: "Attr \"x\" & 'y' <z> +1"
k_args: "mit %s"
k_query: "a b&c"
k_url: "javascript:alert(1)"
k_unquoted: "zwei Wörter"
`

func TestFoldedTranslationsPrintTheSame(t *testing.T) {
	root := siteWithFiles(t, map[string]string{
		"layouts/_default/single.html": foldLayout,
		"layouts/partials/folded.html": `<footer>{{t "k_text"}}</footer>`,
		"i18n/de.yaml":                 foldI18n,
	})
	out := map[bool]string{}
	for _, fold := range []bool{false, true} {
		th, err := Load(root, "klartext", "de", stubFuncs())
		if err != nil {
			t.Fatal(err)
		}
		th.Fold = fold
		var b strings.Builder
		if err := th.Execute(&b, "_default/single.html", []string{"a", "b"}); err != nil {
			t.Fatal(err)
		}
		out[fold] = b.String()
		if fold {
			left := translationCalls(th.get("_default/single.html").tmpl.Tree.Root)
			// not folded: css, js, args, query, url, unquoted
			if left != 6 {
				t.Errorf("%d translation calls left in the layout, want the 6 outside HTML text and quoted attributes", left)
			}
		}
	}
	if out[true] != out[false] {
		t.Errorf("folded output differs:\n%s\nunfolded:\n%s", out[true], out[false])
	}
	if !strings.Contains(out[true], "<p>Text mit &lt;b&gt;, &amp; und &#39;Zitat&#39; &#43; &#34;mehr&#34;</p>") {
		t.Errorf("text not escaped as expected:\n%s", out[true])
	}
}

func translationCalls(l *parse.ListNode) int {
	if l == nil {
		return 0
	}
	n := 0
	for _, node := range l.Nodes {
		switch node := node.(type) {
		case *parse.ActionNode:
			if strings.HasPrefix(node.Pipe.String(), "t ") {
				n++
			}
		case *parse.IfNode:
			n += translationCalls(node.List) + translationCalls(node.ElseList)
		case *parse.RangeNode:
			n += translationCalls(node.List) + translationCalls(node.ElseList)
		case *parse.WithNode:
			n += translationCalls(node.List) + translationCalls(node.ElseList)
		}
	}
	return n
}

// TestEscapeProbeLeavesNoTrace checks that making html/template escape a
// layout runs none of its partials into the cache.
func TestEscapeProbeLeavesNoTrace(t *testing.T) {
	root := siteWithFiles(t, map[string]string{
		"layouts/_default/single.html": `{{partialCached "partials/echo.html" "k" .}}<p>{{.}}</p>`,
		"layouts/partials/echo.html":   `<b>{{.}}</b>`,
	})
	th, err := Load(root, "klartext", "de", stubFuncs())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := th.Execute(&b, "_default/single.html", "erste Seite"); err != nil {
		t.Fatal(err)
	}
	if want := "<b>erste Seite</b><p>erste Seite</p>"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
