package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/frontmatter"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/load"
	"github.com/klartext/klartext/generator/markdown"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/shortcut"
	"github.com/klartext/klartext/generator/theme"
)

// benchSite writes a site shaped like the shared corpus, n products with
// explainers and n stories, so the whole pipeline can be benchmarked
// without the shared folder.
func benchSite(b testing.TB, n int) string {
	b.Helper()
	root := b.TempDir()
	w := func(rel, s string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	w("content/site.yaml", "title: Bank\nbaseURL: https://bank.test/\nlanguage: de\nfeedback:\n  provider: form\n  endpoint: https://fb.bank.test/\n")
	w("content/_index.md", "---\ntitle: Willkommen\n---\nHallo.\n")
	w("content/advisors/anna.md", "---\nname: Anna Schmidt\nadvice_model: fee-based\nlanguages: [de, tr]\n---\nText.\n")
	var csv strings.Builder
	csv.WriteString("id,name,type,sri,rhp_years,entry_pct,exit_pct,ongoing_pct,transaction_pct,scenario_stress_pct,scenario_unfavourable_pct,scenario_moderate_pct,scenario_favourable_pct\n")
	para := strings.Repeat("Kosten und Risiken, offen erklärt, mit **Zahlen** und [Quellen](../glossar.md#kosten). ", 12)
	w("content/glossar.md", "---\ntitle: Glossar\n---\n## Kosten\n\nText.\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&csv, "p-%d,Fonds %d,equity-fund,%d,5,%d,0,1.%02d,0.2,-30,-2,4,9\n", i, i, 1+i%7, i%5, i%90)
		w(fmt.Sprintf("content/products/p-%d.md", i), fmt.Sprintf("---\ntitle: \"Fonds %d + Co & Partner\"\nproduct: p-%d\nadvisors: [anna]\ntopics: [fonds]\nreviewed: 2026-01-01\nvalid_until: 2030-01-01\n---\n%s\n\n## Risiko\n\n%s\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Kosten\n\n%s\n", i, i, para, para, para))
		w(fmt.Sprintf("content/stories/s-%d.md", i), fmt.Sprintf("---\ntitle: Geschichte %d\ndate: 2025-03-%02d\nadvisor: anna\nproducts: [p-%d]\n---\n%s\n\n## Was geschah\n\n%s\n", i, 1+i%28, i, para, para))
	}
	w("content/data/products.csv", csv.String())
	return root
}

// BenchmarkBuild builds a generated site of 400 products and 400 stories
// (about 830 pages, 1,600 charts) into a temporary folder.
func BenchmarkBuild(b *testing.B) {
	root := benchSite(b, 400)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Build(Options{Source: root, Dest: filepath.Join(root, "public"), Now: testNow})
		if err != nil || res.Diagnostics.HasErrors() {
			b.Fatalf("%v %s", err, joinDiags(res))
		}
	}
}

func BenchmarkFrontMatter(b *testing.B) {
	src := []byte("---\ntitle: \"Fonds 1\"\nproduct: p-1\nadvisors: [anna]\ntopics: [fonds]\nreviewed: 2026-01-01\nvalid_until: 2030-01-01\n---\nText.\n")
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		doc, err := frontmatter.Split(src)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := doc.Decode(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarkdown(b *testing.B) {
	para := strings.Repeat("Kosten und Risiken, „offen“ erklärt, mit **Zahlen** und [Quellen](../glossar.md#kosten). ", 12)
	src := []byte(para + "\n\n## Risiko\n\n" + para + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Kosten\n\n" + para + "[^1]\n\n[^1]: Fußnote.\n")
	r := markdown.New(i18n.MustBuiltin("de"))
	page := markdown.Page{Source: "content/products/x.md", BodyLine: 8,
		ResolvePage: func(string) (string, bool) { return "/glossar/", true },
		ResolveFile: func(string) (string, bool) { return "", false }}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		if res := r.Render(page, src); len(res.Diagnostics) != 0 {
			b.Fatal(res.Diagnostics)
		}
	}
}

// builtBenchSite builds a small generated site and returns what the build
// made and a renderer of its pages, to render single pages again.
func builtBenchSite(b *testing.B) (*Built, *render.Renderer) {
	root := benchSite(b, 3)
	_, st, err := Run(Options{Source: root, Dest: filepath.Join(root, "public"), Now: testNow})
	if err != nil || st == nil {
		b.Fatal(err)
	}
	return st, render.New(render.Env{Site: st.Site, Theme: st.Theme, Images: st.Images.For(st.Writer.To(output.Discard))})
}

// BenchmarkProductPage renders one product page (Markdown, four charts,
// the layout) without writing it.
func BenchmarkProductPage(b *testing.B) {
	st, r := builtBenchSite(b)
	n := st.Site.ByURL["/products/p-1/"]
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Page(&bytes.Buffer{}, render.NewJob(n, 1))
	}
}

// BenchmarkLayout executes the layouts of a product page, a story and a
// topic page with views prepared once: the template engine's share of a
// page, which klartext build --stats shows per layout for a whole site.
// The html-template variants run the same layouts without the quick
// programs (theme/internal/quick), as a reference build does.
func BenchmarkLayout(b *testing.B) {
	st, r := builtBenchSite(b)
	ref, err := theme.Load(st.Site.Root, st.Site.Config.Theme, st.Site.Config.Language, load.Funcs(st.Site.Config, nil))
	if err != nil {
		b.Fatal(err)
	}
	ref.Quick = false
	for _, url := range []string{"/products/p-1/", "/stories/s-1/", "/topics/fonds/"} {
		n := st.Site.ByURL[url]
		if n == nil {
			b.Fatalf("no page %s", url)
		}
		v, _ := r.View(render.NewJob(n, 1))
		layout := r.Layout(n)
		for _, th := range []*theme.Theme{st.Theme, ref} {
			name := layout
			if th == ref {
				name += "/html-template"
			}
			b.Run(name, func(b *testing.B) {
				var buf bytes.Buffer
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					buf.Reset()
					if err := th.Execute(&buf, layout, v); err != nil {
						b.Fatal(err)
					}
				}
				b.SetBytes(int64(buf.Len()))
			})
		}
	}
}

// TestReferenceBuildIsIdentical builds the demo, a generated site of 500
// products and, where the shared design folder lies beside the repository,
// its benchmark corpus with 500 products, once with the build's shortcuts
// and once without any (shortcuts.go): the output must be the same to the
// byte. With the shortcuts every layout must run as a quick program
// (theme/internal/quick) after its first page, so the comparison covers
// it; without, html/template runs every layout and every chart figure.
func TestReferenceBuildIsIdentical(t *testing.T) {
	sites := map[string]func(t *testing.T) string{
		"demo":              copyDemo,
		"generated":         func(t *testing.T) string { return benchSite(t, 500) },
		"shared-corpus-500": sharedCorpus,
	}
	for _, name := range []string{"demo", "generated", "shared-corpus-500"} {
		t.Run(name, func(t *testing.T) {
			root := sites[name](t)
			fast, ref := filepath.Join(t.TempDir(), "fast"), filepath.Join(t.TempDir(), "ref")
			for _, o := range []Options{{Source: root, Dest: fast, Now: testNow}, {Source: root, Dest: ref, Now: testNow, Off: shortcut.All}} {
				res, err := Build(o)
				if err != nil || res.Diagnostics.HasErrors() {
					t.Fatalf("%v %s", err, joinDiags(res))
				}
				for _, st := range res.Templates {
					reference := o.Off != 0
					if want := map[bool]int64{false: 0, true: st.Calls}[reference]; st.Slow != want || st.WhyNot != "" {
						t.Errorf("reference %v: html/template ran %s %d of %d times after its first (%s), want %d", reference, st.Layout, st.Slow, st.Calls, st.WhyNot, want)
					}
				}
			}
			if a, b := tree(t, fast), tree(t, ref); a != b {
				t.Error("the optimised build differs from the reference build")
			}
		})
	}
}

// TestEachShortcutChangesNothing builds the demo and a generated site with
// each shortcut turned off alone: each build must be the same to the byte
// as the one with all shortcuts, so a shortcut that breaks is named.
func TestEachShortcutChangesNothing(t *testing.T) {
	for _, site := range []struct {
		name string
		root func(t *testing.T) string
	}{{"demo", copyDemo}, {"generated", func(t *testing.T) string { return benchSite(t, 40) }}} {
		t.Run(site.name, func(t *testing.T) {
			root := site.root(t)
			build := func(off shortcut.Set) string {
				dest := filepath.Join(t.TempDir(), "out")
				res, err := Build(Options{Source: root, Dest: dest, Now: testNow, Off: off})
				if err != nil || res.Diagnostics.HasErrors() {
					t.Fatalf("without %s: %v %s", off.Name(), err, joinDiags(res))
				}
				return tree(t, dest)
			}
			all := build(0)
			for _, s := range shortcut.List() {
				if build(s) != all {
					t.Errorf("the build without the shortcut %s differs from the build with all", s.Name())
				}
			}
		})
	}
}

func TestShortcutNames(t *testing.T) {
	var all shortcut.Set
	for _, s := range shortcut.List() {
		got, err := shortcut.Parse(s.Name())
		if err != nil || got != s || s.About() == "" {
			t.Errorf("%s: parsed as %v, %v; about %q", s.Name(), got, err, s.About())
		}
		all |= s
	}
	if all != shortcut.All {
		t.Errorf("shortcut.List() lists %b, shortcut.All is %b", all, shortcut.All)
	}
	if got, err := shortcut.Parse("all"); err != nil || got != shortcut.All {
		t.Errorf("all: %b, %v", got, err)
	}
	if got, err := shortcut.Parse("skeletons, risk-charts"); err != nil || got != shortcut.ChartSkeletons|shortcut.RiskCharts {
		t.Errorf("two names: %b, %v", got, err)
	}
	if _, err := shortcut.Parse("skeleton"); err == nil || !strings.Contains(err.Error(), `did you mean skeletons`) {
		t.Errorf("a misspelt name: %v", err)
	}
}

// sharedCorpus writes the shared benchmark corpus with 500 products, or
// skips the test when the shared folder is not beside the repository.
func sharedCorpus(t *testing.T) string {
	gen := filepath.Join("..", "..", "..", "shared", "corpus", "gencorpus.go")
	if _, err := os.Stat(gen); err != nil {
		t.Skipf("no shared corpus generator at %s", gen)
	}
	root := filepath.Join(t.TempDir(), "corpus")
	if out, err := exec.Command("go", "run", gen, "-products", "500", "-out", root).CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, out)
	}
	return root
}
