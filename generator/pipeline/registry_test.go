package pipeline

// The registries' completeness: every registered chart kind is drawn by a
// build, placed by the product layout where every product page draws it;
// every feedback provider builds; every page kind has its layout, its
// scaffold where editors create it, and appears in a build of the demo.

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/load"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/scaffold"
)

// TestEveryChartKindIsDrawnAndPlaced builds the demo with a page holding a
// ```chart block of every registered kind: each draws its figure, and
// every product page shows the figures of the kinds every product page
// draws, with no warning that the layout leaves one out.
func TestEveryChartKindIsDrawnAndPlaced(t *testing.T) {
	root := copyDemo(t)
	kinds := render.ChartKinds()
	if err := os.MkdirAll(filepath.Join(root, "content", "diagramme"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, k := range kinds {
		page := "---\ntitle: Diagramm " + k.Name + "\n---\n```chart\ntype: " + k.Name + "\n"
		if k.Product != render.NoProduct {
			page += "product: etf-sparplan-welt\n"
		}
		if err := os.WriteFile(filepath.Join(root, "content", "diagramme", k.Name+".md"), []byte(page+"```\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	res := build(t, root, dest)
	if res.Diagnostics.Len() != 0 {
		t.Fatalf("diagnostics: %s", joinDiags(res))
	}
	for _, k := range kinds {
		if html := read(t, filepath.Join(dest, "diagramme", k.Name, "index.html")); !strings.Contains(html, `<figure class="chart chart-`) {
			t.Errorf("the ```chart block of type %s drew nothing", k.Name)
		}
	}
	product := read(t, filepath.Join(dest, "products", "etf-sparplan-welt", "index.html"))
	for _, k := range kinds {
		if k.OnProductPage && !strings.Contains(product, `<figure class="chart chart-`+k.Name+`"`) {
			t.Errorf("the product page does not show the %s chart it draws", k.Name)
		}
	}
}

// TestEveryPageKindIsBuilt: a build of the demo makes a page of every
// registered kind, each with a layout of the default theme.
func TestEveryPageKindIsBuilt(t *testing.T) {
	root := copyDemo(t)
	res := build(t, root, filepath.Join(t.TempDir(), "public"))
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	th, err := load.Theme(root, res.Site.Config, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range content.Kinds() {
		if res.ByKind[d.Kind] == 0 {
			t.Errorf("the demo has no page of the kind %s: add one, or a build test that makes one", d.Kind)
		}
		section := d.Folder
		if section == "" {
			section = "docs"
		}
		if _, ok := th.Lookup(content.LayoutsFor(d.Kind, section)...); !ok {
			t.Errorf("the default theme has no layout for the kind %s (%v)", d.Kind, content.LayoutsFor(d.Kind, section))
		}
	}
}

// TestReadmeListsTheRegistries: the README's lists of chart types,
// feedback providers (with their keys, the required ones in bold) and
// the kinds klartext new creates are the registries'.
func TestReadmeListsTheRegistries(t *testing.T) {
	readme := read(t, filepath.Join("..", "..", "README.md"))
	var types []string
	for _, line := range strings.Split(readme, "\n") {
		if _, list, ok := strings.Cut(line, "type: costs-over-time   # "); ok {
			types = strings.Split(list, " | ")
		}
	}
	var names []string
	for _, k := range render.ChartKinds() {
		names = append(names, k.Name)
	}
	slices.Sort(types)
	slices.Sort(names)
	if !slices.Equal(types, names) {
		t.Errorf("the README's chart types %v, the registry's %v", types, names)
	}
	for _, p := range feedback.Providers() {
		start := strings.Index(readme, "| `"+p+"` |")
		if start < 0 {
			t.Errorf("the README's table of providers lacks %s", p)
			continue
		}
		row := readme[start : start+strings.Index(readme[start:], "\n")]
		def := feedback.Def(feedback.Provider(p))
		for _, k := range def.Keys {
			want := k
			if slices.Contains(def.Required, k) {
				want = "**" + k + "**"
			}
			if !strings.Contains(row, want) {
				t.Errorf("the README's row of %s lacks %s: %s", p, want, row)
			}
		}
	}
	if want := "`klartext new " + strings.Join(scaffold.Kinds(), `\|`) + " NAME`"; !strings.Contains(readme, want) {
		t.Errorf("the README's command reference lacks %s", want)
	}
}
