package pipeline

// The recipes of generator/doc.go's "Where to add things", followed by a
// test each: a new chart kind, feedback provider and page kind, registered
// for the test only, build into a site.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/chart"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/scaffold"
)

// productSite is minimalSite with one product and its explainer, whose
// body is body.
func productSite(body string) map[string]string {
	files := minimalSite()
	files["content/products/a.md"] = "---\ntitle: Produkt A\nproduct: a\nreviewed: 2026-01-05\nreviewed_by: Compliance\nvalid_until: 2027-01-01\n---\n" + body
	files["content/data/products.csv"] = "id,name,type,sri,rhp_years,entry_pct,exit_pct,ongoing_pct,transaction_pct,scenario_stress_pct,scenario_unfavourable_pct,scenario_moderate_pct,scenario_favourable_pct\n" +
		"a,Produkt A,equity-etf,4,5,0,0,0.2,0.02,-30,-5,5,12\n"
	return files
}

// dummyChart is the recipe's new chart kind: its builder (here a risk
// chart of another kind) and its adapter from the page's product.
func dummyChart() *render.ChartKind {
	build := func(id string, loc chart.Lang, in chart.RiskInput) (chart.Figure, error) {
		f, err := chart.Risk(id, loc, in)
		f.Kind = "dummy"
		return f, err
	}
	adapt := func(p product.Product) chart.RiskInput {
		return chart.RiskInput{SRI: p.SRI, RHPYears: p.RHPYears, ProductName: p.Name}
	}
	return &render.ChartKind{Name: "dummy", Noun: diag.T("dummy chart"), Product: render.OfProduct, OnProductPage: true,
		Draw: func(d render.ChartData) ([]chart.Figure, error) {
			f, err := build(d.ID(), d.Locale, adapt(d.Product.Product.Facts))
			return []chart.Figure{f}, err
		}}
}

// TestRecipeChartKind: a chart kind registered once is a ```chart type at
// once, drawn on every product page; the default product layout does not
// place it, which the build reports at the layout, until a layout of the
// site's own places it.
func TestRecipeChartKind(t *testing.T) {
	defer render.RegisterChart(dummyChart())()
	files := productSite("Text.\n\n```chart\ntype: dummy\n```\n")
	res, dest := builds(t, files)
	warned := false
	for _, d := range res.Diagnostics.Warnings() {
		warned = warned || d.File == "themes/klartext/layouts/products/single.html" && strings.Contains(d.Message, "dummy")
	}
	page := read(t, filepath.Join(dest, "products", "a", "index.html"))
	if !warned || strings.Count(page, `class="chart chart-dummy"`) != 1 {
		t.Fatalf("want the block's figure and a warning that the layout leaves the page's out: %d figures, %s",
			strings.Count(page, `class="chart chart-dummy"`), joinDiags(res))
	}

	layout, err := os.ReadFile(filepath.Join("..", "..", "themes", "klartext", "layouts", "products", "single.html"))
	if err != nil {
		t.Fatal(err)
	}
	files["themes/klartext/layouts/products/single.html"] = strings.Replace(string(layout), `{{index $.Figures "risk"}}`, `{{index $.Figures "risk"}}{{index $.Figures "dummy"}}`, 1)
	res, dest = builds(t, files)
	page = read(t, filepath.Join(dest, "products", "a", "index.html"))
	if res.Diagnostics.Len() != 0 || strings.Count(page, `class="chart chart-dummy"`) != 2 {
		t.Errorf("a layout that places the kind shows it, without a warning: %d figures, %s", strings.Count(page, `class="chart chart-dummy"`), joinDiags(res))
	}
}

// TestRecipeFeedbackProvider: a provider registered in one place (its
// keys, required keys, origins and embed) is one site.yaml accepts, whose
// embed every page carries, whose origins the CSP allows, and whose
// required key is an error naming the line when it is missing.
func TestRecipeFeedbackProvider(t *testing.T) {
	defer feedback.Register(&feedback.ProviderDef{Name: "echo", Keys: []string{"host", "room"}, Required: []string{"host"},
		Check: func(s *feedback.Settings, v *feedback.Values) { s.Host, s.SiteID = v.Host("host"), v.Token("room") },
		Base:  func(s feedback.Settings) string { return s.Host },
		Origins: func(s feedback.Settings) feedback.Origins {
			o := []string{feedback.Origin(s.Host)}
			return feedback.Origins{Script: o, Frame: o}
		},
		Embed: func(s feedback.Settings, p feedback.PageRef, _ string) feedback.Embed {
			return feedback.Embed{Script: s.Host + "/embed.js", ScriptAttrs: map[string]string{"data-page": p.Path, "data-room": s.SiteID}}
		},
		Script: "/js/feedback.js"})()
	files := minimalSite()
	files["content/site.yaml"] += "feedback:\n  provider: echo\n  host: https://echo.bank.test/\n  room: fragen\n"
	_, dest := builds(t, files)
	page := read(t, filepath.Join(dest, "glossar", "index.html"))
	for _, want := range []string{`data-provider="echo"`, `data-origin="https://echo.bank.test"`,
		`&#34;data-page&#34;:&#34;/glossar/&#34;`, `&#34;data-room&#34;:&#34;fragen&#34;`,
		`script-src &#39;self&#39; https://echo.bank.test`, `frame-src https://echo.bank.test`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if !loadsScript(page, "/js/feedback.js") {
		t.Error("the page does not load js/feedback.js")
	}
	if !strings.Contains(read(t, filepath.Join(dest, "_headers")), "frame-src https://echo.bank.test;") {
		t.Error("the web host's policy lacks the provider's origin")
	}
	refused(t, put(t, "content/site.yaml", "title: Testbank\nbaseURL: https://bank.test/\nlanguage: de\nfeedback:\n  provider: echo\n"),
		"content/site.yaml:5: feedback.host is required for provider echo")
}

// TestRecipePageKind: a page kind registered once gives its folder's
// pages the kind, with its keys (and a message naming it for any other
// key), its section in the main menu, a page in the search index, the
// layout it looks for, and klartext new's scaffold.
func TestRecipePageKind(t *testing.T) {
	defer content.RegisterKind(&content.KindDef{Kind: "event", Phrase: diag.T("an event"), Folder: "events", Keys: []string{"advisors"},
		Menu: true, Search: true, Layouts: []string{"{section}/single.html", "_default/single.html"},
		Scaffold: &content.Scaffold{Name: "event", FrontMatter: "---\n# What the event is called.\ntitle: \"\"\n# When it takes place.\ndate: {date}\n# Who of us is there.\nadvisors: []\n---\n", Body: "\nWas Sie erwartet.\n"}})()
	root := writeSite(t, minimalSite())
	p, err := scaffold.Create(root, "event", "herbstfest", testNow)
	if err != nil {
		t.Fatal(err)
	}
	edit(t, root, "content/events/herbstfest.md", `title: ""`, `title: Herbstfest`)
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.Len() != 0 || res.ByKind["event"] != 1 || filepath.Base(p) != "herbstfest.md" {
		t.Fatalf("%s: %v %s", p, res.ByKind, joinDiags(res))
	}
	page := read(t, filepath.Join(dest, "events", "herbstfest", "index.html"))
	if !strings.Contains(page, `<a href="/events/"`) || !strings.Contains(page, `<body class="kind-event section-events">`) {
		t.Errorf("the event's section is not in the menu, or the page not of its kind")
	}
	if !indexHas(t, filepath.Join(dest, "suche", "index"), "/events/herbstfest/") {
		t.Errorf("the event is not in the search index")
	}
	refused(t, put(t, "content/events/sommerfest.md", "---\ntitle: Sommerfest\nproduct: a\n---\nText.\n"),
		`content/events/sommerfest.md:3: unknown front matter key "product" for an event — allowed keys here: advisors, aliases, date, description, draft, expires, feedback, lastmod, menu, title, topics, weight`)
}

// indexHas reports whether a file of the search index folder names s.
func indexHas(t *testing.T, dir, s string) bool {
	t.Helper()
	found := false
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			found = found || strings.Contains(string(b), s)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestChartKindNamedInGerman: the warning about a chart kind the product
// layout leaves out names the kind in the message's language.
func TestChartKindNamedInGerman(t *testing.T) {
	files := productSite("Text.\n")
	layout, err := os.ReadFile(filepath.Join("..", "..", "themes", "klartext", "layouts", "products", "single.html"))
	if err != nil {
		t.Fatal(err)
	}
	files["themes/klartext/layouts/products/single.html"] = strings.Replace(string(layout), `{{index $.Figures "risk"}}`, "", 1)
	res, _ := builds(t, files)
	var found bool
	for _, d := range res.Diagnostics.Warnings() {
		if d.File != "themes/klartext/layouts/products/single.html" || !strings.Contains(d.Message, "(risk)") {
			continue
		}
		found = true
		for lang, want := range map[string]string{
			"de": `themes/klartext/layouts/products/single.html: Warnung: Jede Produktseite zeichnet das Risikodiagramm (risk), aber das Layout zeigt es nicht — Setzen Sie es mit {{index $.Figures "risk"}}, oder zeigen Sie alle Diagramme der Seite mit {{.Charts}}`,
			"en": `themes/klartext/layouts/products/single.html: warning: every product page draws the risk chart (risk), but the layout does not show it — place it with {{index $.Figures "risk"}}, or show all of the page's charts with {{.Charts}}`,
		} {
			if got := d.Localize(lang).Error(); got != want {
				t.Errorf("%s:\n got %s\nwant %s", lang, got, want)
			}
		}
	}
	if !found {
		t.Fatalf("no warning about the risk chart: %s", joinDiags(res))
	}
}
