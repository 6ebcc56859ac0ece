package incremental

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/sitetest"
)

// TestSessionIncrementalEqualsFull edits the demo the ways an editor does
// and checks after each rebuild that the served folder is byte for byte
// what a full build of the same sources gives: an incremental build may
// be faster, never different.
func TestSessionIncrementalEqualsFull(t *testing.T) {
	root := germanDemo(t)
	dest := filepath.Join(t.TempDir(), "public")
	s := NewSession(pipeline.Options{Source: root, Dest: dest, Now: testNow})
	res, inc, err := s.Build(nil)
	if err != nil || res.Diagnostics.HasErrors() || !inc.Full {
		t.Fatalf("first build: %v %v full=%v", err, joinDiags(res), inc.Full)
	}
	const (
		product = "content/products/etf-sparplan-welt.md"
		story   = "content/stories/sparplan-im-crash.md"
		advisor = "content/advisors/jonas-weber.md" // no description
	)
	steps := []struct {
		name, file string
		old, new   string
		full       bool
	}{
		{"body edit", product, "\n## ", "\nEin neuer Absatz.\n\n## ", false},
		// The teaser of a page without description is its first paragraph:
		// the model is resolved again, the lists that show it rendered again.
		{"first paragraph edit", advisor, "ist 29 und", "ist 30 und", false},
		{"later paragraph edit", advisor, "spielt Bass", "spielt E-Bass", false},
		{"first paragraph edit, description given", product, "ab 25 Euro", "ab 20 Euro", false},
		// A video block decides the page's scripts and the site's CSP.
		{"video removed", story, "```video\n", "```text\n", true},
		{"video added", story, "```text\n", "```video\n", true},
		{"body edit after the video", story, "Was ich daraus", "Was ich seitdem daraus", true},
		// The two last steps leave errors: every later build is a full one.
		{"heading renamed that another page links to", product, "## Kosten", "## Gebühren", false},
		{"front matter edit", product, "title: ", "title: Neu: ", true},
	}
	for _, st := range steps {
		edit(t, root, st.file, st.old, st.new)
		rebuildLikeFull(t, s, root, dest, st.name, st.file, st.full)
	}
}

// rebuildLikeFull has s rebuild after file (relative to root) changed and
// checks that it was a full build when full says so, and that its
// diagnostics and, without errors, the served folder dest are a fresh
// full build's, byte for byte.
func rebuildLikeFull(t *testing.T, s *Session, root, dest, name, file string, full bool) Incremental {
	t.Helper()
	res, inc, err := s.Build([]string{filepath.Join(root, filepath.FromSlash(file))})
	if err != nil {
		t.Fatal(err)
	}
	if inc.Full != full {
		t.Errorf("%s: full build = %v, want %v", name, inc.Full, full)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	// A session keeps the theme's files under their own names.
	want, err := pipeline.Build(pipeline.Options{Source: root, Dest: fresh, Now: testNow, PlainAssets: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, w := joinDiags(res), joinDiags(want); got != w {
		t.Errorf("%s: diagnostics differ from a full build:\n%s\nwant:\n%s", name, got, w)
	}
	if !want.Diagnostics.HasErrors() {
		if a, b := tree(t, dest), tree(t, fresh); a != b {
			t.Errorf("%s: the served folder differs from a full build: %s", name, sitetest.FirstDifference(a, b))
		}
	}
	return inc
}

func TestSessionNewFileIsAFullBuild(t *testing.T) {
	root := copyDemo(t)
	s := NewSession(pipeline.Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), Now: testNow})
	if _, _, err := s.Build(nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, "content", "neu.md")
	os.WriteFile(p, []byte("---\ntitle: Neu\n---\nText\n"), 0o644)
	_, inc, err := s.Build([]string{p})
	if err != nil || !inc.Full {
		t.Errorf("a new page must trigger a full build: %v %v", err, inc.Full)
	}
}

// TestSessionThemeChanges: a changed page layout re-renders the pages that
// use it, a changed stylesheet is copied alone, a new layout that could
// change which layout pages get is a full build; the output always equals
// a full build's.
func TestSessionThemeChanges(t *testing.T) {
	root := germanDemo(t)
	layout := filepath.Join(root, "themes", "klartext", "layouts", "_default", "single.html")
	css := filepath.Join(root, "themes", "klartext", "static", "css", "site.css")
	os.MkdirAll(filepath.Dir(layout), 0o755)
	os.MkdirAll(filepath.Dir(css), 0o755)
	os.WriteFile(layout, []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{.Content}}{{end}}`), 0o644)
	os.WriteFile(css, []byte("body { color: #111; }\n"), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	s := NewSession(pipeline.Options{Source: root, Dest: dest, Now: testNow})
	if res, _, err := s.Build(nil); err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("%v %s", err, joinDiags(res))
	}
	// The session keeps the stylesheet's own name, without integrity.
	if page := read(t, filepath.Join(dest, "ueber-uns", "index.html")); !strings.Contains(page, `<link rel="stylesheet" href="/css/site.css">`) {
		t.Error("the served page does not link /css/site.css by its own name")
	}
	newLayout := filepath.Join(root, "themes", "klartext", "layouts", "glossar", "single.html")
	steps := []struct {
		name, file, content string
		full                bool
		written             string
	}{
		{"page layout", layout, `{{define "main"}}<h1 class="neu">{{.Title}}</h1>{{.Content}}{{end}}`, false, "/ueber-uns/"},
		{"stylesheet", css, "body { color: #222; }\n", false, "/css/site.css"},
		{"new layout", newLayout, `{{define "main"}}<h1>Glossar</h1>{{end}}`, true, ""},
	}
	for _, st := range steps {
		os.MkdirAll(filepath.Dir(st.file), 0o755)
		if err := os.WriteFile(st.file, []byte(st.content), 0o644); err != nil {
			t.Fatal(err)
		}
		res, inc, err := s.Build([]string{st.file})
		if err != nil || res.Diagnostics.HasErrors() {
			t.Fatalf("%s: %v %s", st.name, err, joinDiags(res))
		}
		if inc.Full != st.full {
			t.Errorf("%s: full = %v, want %v", st.name, inc.Full, st.full)
		}
		if st.written != "" && !strings.Contains(strings.Join(inc.Written, " "), st.written) {
			t.Errorf("%s: %s not among the written %v", st.name, st.written, inc.Written)
		}
		fresh := filepath.Join(t.TempDir(), "fresh")
		if _, err := pipeline.Build(pipeline.Options{Source: root, Dest: fresh, Now: testNow, PlainAssets: true}); err != nil {
			t.Fatal(err)
		}
		if a, b := tree(t, dest), tree(t, fresh); a != b {
			t.Errorf("%s: the served folder differs from a full build", st.name)
		}
	}
}

// TestSessionModelEditsEqualFull edits the demo's front matter and product
// data the ways an editor does: the session resolves the model again and
// re-renders what read the change (change.Reads), or builds everything
// where it must; after each step the served folder and the diagnostics
// are a full build's, byte for byte.
func TestSessionModelEditsEqualFull(t *testing.T) {
	root := germanDemo(t)
	dest := filepath.Join(t.TempDir(), "public")
	s := NewSession(pipeline.Options{Source: root, Dest: dest, Now: testNow})
	if res, _, err := s.Build(nil); err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("first build: %v %v", err, joinDiags(res))
	}
	const (
		data    = "content/data/products.csv"
		story   = "content/stories/die-festgeld-treppe.md"
		advisor = "content/advisors/lea-hoffmann.md"
		// storyAdvisor is the story's advisor before the story's advisor changes.
		storyAdvisor = "content/advisors/katharina-brandt.md"
		i18n         = "themes/klartext/i18n/de.yaml"
		newRow       = "\nneu-fonds,Neuer Fonds,,deposit,EUR,1,1,1,1,0.00,0.00,,0.00,0.00,0.00,1.75,1.75,1.75,1.75,,,,,1.75,Rheintal Genossenschaftsbank eG,,"
	)
	lastRow := func() string {
		b, _ := os.ReadFile(filepath.Join(root, data))
		lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
		return lines[len(lines)-1]
	}()
	themeWords, err := os.ReadFile(filepath.Join("..", "..", "themes", "klartext", "i18n", "de.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "themes", "klartext", "i18n"), 0o755)
	os.WriteFile(filepath.Join(root, i18n), themeWords, 0o644)
	steps := []struct {
		name, file string
		old, new   string
		full       bool
		written    string // a page the step must render again
	}{
		{"data row edit", data, "1.75,1.75,1.75,1.75,,,,,1.75", "1.80,1.80,1.80,1.80,,,,,1.80", false, "/stories/die-festgeld-treppe/"},
		{"product added", data, lastRow, lastRow + newRow, true, ""},
		{"product removed", data, lastRow + newRow, lastRow, true, ""},
		{"story title", story, "Herr K. und seine", "Herr K. und die", false, "/stories/"},
		{"story products", story, "products: [festgeld-2-jahre, tagesgeld-plus]", "products: [festgeld-2-jahre]", false, "/products/tagesgeld-plus/"},
		{"story advisor", story, "advisor: katharina-brandt", "advisor: lea-hoffmann", false, "/advisors/katharina-brandt/"},
		{"story date", story, "date: 2026-05-12", "date: 2024-05-12", false, "/stories/"},
		{"advisor role", advisor, `role: "Honorarberaterin`, `role: "Unabhängige Honorarberaterin`, false, "/stories/die-festgeld-treppe/"},
		// The feedback page names the pages its entries are on.
		{"advisor name", storyAdvisor, `name: "Katharina Brandt"`, `name: "Katharina Brandt-Meier"`, false, "/feedback/"},
		// Readers wrote nothing about this fund: the feedback page does not
		// name it.
		{"a product without feedback", "content/products/de000a3e5rg7.md", "– mit Ausgabeaufschlag.", "– mit Ausgabeaufschlag von 4 %.", false, "/suche/"},
		{"translation", i18n, "\n", "\nzz_unused: x\n", true, ""},
		// A failing edit is a full build's, which reports it; so is its fix.
		{"failing edit", story, "products: [festgeld-2-jahre]", "products: [festgeld-3-jahre]", true, ""},
		{"its fix", story, "products: [festgeld-3-jahre]", "products: [festgeld-2-jahre]", true, ""},
		{"after the fix", story, "Herr K. und die", "Herr K. und seine", false, "/stories/die-festgeld-treppe/"},
		// Menus are on every page, redirects are files of the plan.
		{"into a menu", story, "date: 2024-05-12", "date: 2024-05-12\nmenu: footer", true, ""},
		{"a menu entry's title", story, "Herr K. und seine", "Herr K. und ihre", true, ""},
		{"out of the menu", story, "date: 2024-05-12\nmenu: footer", "date: 2024-05-12", true, ""},
		{"an alias", story, "date: 2024-05-12", "date: 2024-05-12\naliases: [/alte-treppe/]", true, ""},
		{"a title beside the alias", story, "Herr K. und ihre", "Herr K. und seine", true, ""},
		{"the alias removed", story, "\naliases: [/alte-treppe/]", "", true, ""},
		{"after the alias", story, "Herr K. und seine", "Herr K. und die", false, "/stories/die-festgeld-treppe/"},
	}
	// The sitemap shows the pages' dates, not their titles; the search
	// page the products' and advisors' facets; the feedback page the pages
	// readers wrote about.
	sitemap := map[string]bool{"story title": false, "story date": true, "advisor role": false}
	notWritten := map[string][]string{"story title": {"/suche/"}, "story date": {"/suche/"}, "a product without feedback": {"/feedback/"}}
	alsoWritten := map[string][]string{"story title": {"/feedback/"}, "advisor role": {"/suche/", "/feedback/"}}
	for _, st := range steps {
		edit(t, root, st.file, st.old, st.new)
		inc := rebuildLikeFull(t, s, root, dest, st.name, st.file, st.full)
		if st.written != "" && !slices.Contains(inc.Written, st.written) {
			t.Errorf("%s: %s not among the written %v", st.name, st.written, inc.Written)
		}
		if want, ok := sitemap[st.name]; ok && slices.Contains(inc.Written, "/sitemap.xml") != want {
			t.Errorf("%s: the sitemap written again: %v, want %v", st.name, !want, want)
		}
		for _, w := range notWritten[st.name] {
			if slices.Contains(inc.Written, w) {
				t.Errorf("%s: %s was written again", st.name, w)
			}
		}
		for _, w := range alsoWritten[st.name] {
			if !slices.Contains(inc.Written, w) {
				t.Errorf("%s: %s not among the written %v", st.name, w, inc.Written)
			}
		}
	}
}

// TestSessionModelEditsOwnLayouts: change.Reads knows what the built-in
// theme's layouts read. A site with a layout of its own may read further
// (here a product page shows the advisor of each of its stories), so a
// model edit there is a full build, and the served folder never holds a
// page the edit made stale.
func TestSessionModelEditsOwnLayouts(t *testing.T) {
	root := germanDemo(t)
	layout := filepath.Join(root, "themes", "klartext", "layouts", "products", "single.html")
	os.MkdirAll(filepath.Dir(layout), 0o755)
	os.WriteFile(layout, []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{range $.Node.Product.Stories}}<p class="story-advisor">{{.Story.Advisor.Title}}</p>{{end}}{{end}}`), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	s := NewSession(pipeline.Options{Source: root, Dest: dest, Now: testNow})
	if res, _, err := s.Build(nil); err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("first build: %v %v", err, joinDiags(res))
	}
	const advisor = "content/advisors/katharina-brandt.md"
	edit(t, root, advisor, `name: "Katharina Brandt"`, `name: "Katharina Brandt-Meier"`)
	rebuildLikeFull(t, s, root, dest, "advisor name", advisor, true)
	if page := read(t, filepath.Join(dest, "products", "festgeld-2-jahre", "index.html")); !strings.Contains(page, `<p class="story-advisor">Katharina Brandt-Meier</p>`) {
		t.Error("the product page shows the advisor's old name")
	}
}

// TestSessionUpdatesTheSearchIndex: in klartext serve, an edit of a page's
// text re-renders that page and rewrites only the index files it touched,
// and a query finds the new word.
func TestSessionUpdatesTheSearchIndex(t *testing.T) {
	root := germanDemo(t)
	dest := filepath.Join(t.TempDir(), "public")
	s := NewSession(pipeline.Options{Source: root, Dest: dest, Now: testNow})
	if res, _, err := s.Build(nil); err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("first build: %v %s", err, joinDiags(res))
	}
	all, _ := filepath.Glob(filepath.Join(dest, "suche", "index", "*", "*"))
	const story = "content/stories/die-festgeld-treppe.md"
	edit(t, root, story, "war Busfahrer", "war Straßenbahnfahrer")
	res, inc, err := s.Build([]string{filepath.Join(root, story)})
	if err != nil || res.Diagnostics.HasErrors() || inc.Full {
		t.Fatalf("edit: %v %s full=%v", err, joinDiags(res), inc.Full)
	}
	var index []string
	for _, w := range inc.Written {
		if strings.HasPrefix(w, "/suche/index/") {
			index = append(index, w)
		}
	}
	if len(index) == 0 || len(index) > len(all)/3 {
		t.Errorf("wrote %d of the index's %d files: %v", len(index), len(all), index)
	}
	for _, w := range index {
		if strings.HasPrefix(w, "/suche/index/f/") && !sitetest.SearchFragmentHas(t, dest, "/stories/die-festgeld-treppe/", "Festgeld-Treppe") {
			t.Errorf("%s is not the edited story's fragment", w)
		}
	}
	got := sitetest.SearchJSQuery(t, filepath.Join(dest, "suche", "index"), []sitetest.SearchQuery{{Q: "Straßenbahnfahrer"}, {Q: "Busfahrer"}})
	if strings.Join(got[0], " ") != "/stories/die-festgeld-treppe/" || len(got[1]) != 0 {
		t.Errorf("after the edit: Straßenbahnfahrer finds %v, Busfahrer %v", got[0], got[1])
	}
}

// TestSessionPartialEdits: an edit of a partial or of the base layout
// re-renders the pages whose layouts run it (theme.Theme.Calls), the 404
// page among them, and nothing else; a partial Go code runs (the feedback
// form) is a full build. A page layout's edit checks again where the
// product layout places the charts. After each step the served folder and the
// diagnostics are a full build's, byte for byte.
func TestSessionPartialEdits(t *testing.T) {
	root := germanDemo(t)
	own := func(p string) string {
		return filepath.Join(root, "themes", "klartext", "layouts", filepath.FromSlash(p))
	}
	builtIn := func(p string) string {
		return read(t, filepath.Join("..", "..", "themes", "klartext", "layouts", filepath.FromSlash(p)))
	}
	// The stories' own layout runs a partial no other layout runs.
	story := strings.Replace(builtIn("stories/single.html"), "</article>", `{{template "partials/story-note.html" .}}</article>`, 1)
	for p, data := range map[string]string{
		"stories/single.html":      story,
		"partials/story-note.html": `<p class="story-note">Erzählt wie erlebt.</p>`,
		"partials/unused.html":     `<p>Nirgends</p>`,
	} {
		os.MkdirAll(filepath.Dir(own(p)), 0o755)
		if err := os.WriteFile(own(p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	s := NewSession(pipeline.Options{Source: root, Dest: dest, Now: testNow})
	if res, _, err := s.Build(nil); err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("first build: %v %v", err, joinDiags(res))
	}
	const (
		storyPage = "/stories/die-festgeld-treppe/"
		product   = "/products/festgeld-2-jahre/"
	)
	steps := []struct {
		name, file, content string
		full                bool
		written, notWritten []string
	}{
		{"a partial of the story pages only", "partials/story-note.html", `<p class="story-note">Erzählt, wie es war.</p>`, false,
			[]string{storyPage}, []string{product, "/", "/404.html"}},
		{"a partial no page runs", "partials/unused.html", `<p>Immer noch nirgends</p>`, false,
			nil, []string{storyPage, product, "/", "/404.html"}},
		// The site's own copy of a built-in partial that every page runs.
		{"a partial of every page", "partials/site-footer.html", strings.Replace(builtIn("partials/site-footer.html"), "</footer>", "<p>Neu im Fuß</p></footer>", 1), false,
			[]string{storyPage, product, "/", "/404.html"}, nil},
		{"the base layout", "_default/baseof.html", strings.Replace(builtIn("_default/baseof.html"), "<main id=", "<hr class=\"neu\">\n<main id=", 1), false,
			[]string{storyPage, product, "/", "/404.html"}, nil},
		{"the partial of the feedback form", "partials/feedback.html", builtIn("partials/feedback.html") + "\n", true, nil, nil},
		{"a partial of the story pages again", "partials/story-note.html", `<p class="story-note">Zum dritten.</p>`, false,
			[]string{storyPage}, []string{product}},
		// Not a partial: where the product layout places the charts is
		// checked again (render.Placement), its warning a full build's.
		{"the product layout without a chart", "products/single.html", strings.Replace(builtIn("products/single.html"), `{{index $.Figures "scenarios"}}`, "", 1), false,
			[]string{product}, []string{storyPage}},
		// A site file's own template has the template functions too, and
		// may call partialCached: partial edits are full builds then.
		{"a template of robots.txt", "robots.txt", "User-agent: *\nAllow: /\n", true, nil, nil},
		{"a partial beside it", "partials/story-note.html", `<p class="story-note">Zum vierten.</p>`, true, nil, nil},
	}
	for _, st := range steps {
		os.MkdirAll(filepath.Dir(own(st.file)), 0o755)
		if err := os.WriteFile(own(st.file), []byte(st.content), 0o644); err != nil {
			t.Fatal(err)
		}
		inc := rebuildLikeFull(t, s, root, dest, st.name, filepath.Join("themes", "klartext", "layouts", st.file), st.full)
		for _, w := range st.written {
			if !slices.Contains(inc.Written, w) {
				t.Errorf("%s: %s not among the written %v", st.name, w, inc.Written)
			}
		}
		for _, w := range st.notWritten {
			if slices.Contains(inc.Written, w) {
				t.Errorf("%s: %s was written again", st.name, w)
			}
		}
	}
	if page := read(t, filepath.Join(dest, "stories", "die-festgeld-treppe", "index.html")); !strings.Contains(page, "Zum vierten.") || !strings.Contains(page, "Neu im Fuß") {
		t.Error("the served story page does not show the edited partials")
	}
}

// TestSessionDataEditsEqualFull edits the demo's product data the ways
// an editor does: an edit of figures only re-renders the pages that show
// them (refigure), an edit of a name the model again (remodel), and a
// product added, removed or renamed, or an error, builds everything.
// After each step the served folder and the diagnostics are a full
// build's, byte for byte; written and notWritten name pages the step
// must render again and must leave.
func TestSessionDataEditsEqualFull(t *testing.T) {
	root := germanDemo(t)
	dest := filepath.Join(t.TempDir(), "public")
	s := NewSession(pipeline.Options{Source: root, Dest: dest, Now: testNow})
	if res, _, err := s.Build(nil); err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("first build: %v %v", err, joinDiags(res))
	}
	const (
		data     = "content/data/products.csv"
		yaml     = "content/data/products/etf-sparplan-welt.yaml"
		ept      = "content/data/ept/rheintal-invest-ept-v21.csv"
		glossary = "content/glossar.md"
		// The bond fund's row; a story names it.
		row     = "rentenfonds-euro,Rheintal Rentenfonds Euro,DE000RTB0023,bond-fund,EUR,2,2,1,3,3.00,0.00,1.00,0.75,0.08,0.00,-9.50,-1.80,2.40,4.60,"
		page    = "/products/rentenfonds-euro/"
		story   = "/stories/was-kostet-der-ausgabeaufschlag/"
		list    = "/products/" // its comparison shows every product's risk class and costs
		search  = "/suche/"    // its filters, every product type
		sitemap = "/sitemap.xml"
		newRow  = "\nneu-fonds,Neuer Fonds,,deposit,EUR,1,1,1,1,0.00,0.00,,0.00,0.00,0.00,1.75,1.75,1.75,1.75,,,,,1.75,Rheintal Genossenschaftsbank eG,,"
	)
	steps := []struct {
		name, file, old, new string
		full                 bool
		written, notWritten  []string
	}{
		{"the stress scenario", data, "-9.50,-1.80,2.40,4.60,", "-9.70,-1.80,2.40,4.60,", false,
			[]string{page, story}, []string{list, search, sitemap, "/stories/die-festgeld-treppe/", "/glossar/"}},
		// A body edit (rerender) gives a page a chart of the bond fund,
		// which the next edits of its figures draw again.
		{"a chart block in a page's body", glossary, "\n## ", "\n```chart\ntype: costs\nproduct: rentenfonds-euro\n```\n\n## ", false, []string{"/glossar/"}, nil},
		{"the same scenario again", data, "-9.70,-1.80,", "-9.90,-1.80,", false, []string{page, story, "/glossar/"}, []string{list}},
		// A comparison in a body draws every product: an edit of another
		// product's figures draws it again.
		{"a comparison in a page's body", glossary, "product: rentenfonds-euro\n```\n", "product: rentenfonds-euro\n```\n\n```chart\ntype: comparison\n```\n", false, []string{"/glossar/"}, nil},
		{"another product's stress scenario", data, "-22.00,-4.50,", "-22.50,-4.50,", false, []string{"/products/zertifikat-dax-express/", "/glossar/"}, []string{page, list}},
		// The costs' effect on the return is worked out on the moderate
		// scenario: the comparison shows it.
		{"the moderate scenario", data, "-1.80,2.40,4.60,", "-1.80,2.65,4.60,", false, []string{page, story, list}, []string{search}},
		{"the ongoing costs", data, "3,3.00,0.00,1.00,0.75,0.08,", "3,3.00,0.00,1.00,0.95,0.08,", false, []string{page, story, list}, []string{search}},
		{"the entry costs", data, "3,3.00,0.00,1.00,0.95,", "3,2.50,0.00,1.00,0.95,", false, []string{page, story, list}, []string{search}},
		{"the risk class", data, "bond-fund,EUR,2,2,1,3,", "bond-fund,EUR,3,3,1,3,", false, []string{page, story, list}, []string{search}},
		{"the holding period", data, "bond-fund,EUR,3,3,1,3,", "bond-fund,EUR,3,3,1,4,", false, []string{page, story, list}, nil},
		{"the type", data, "DE000RTB0023,bond-fund,", "DE000RTB0023,mixed-fund,", false, []string{page, search}, nil},
		{"the name", data, "Rheintal Rentenfonds Euro,", "Rheintal Rentenfonds Euro Klassik,", false, []string{page}, nil},
		// The KID's own cost figures, which the comparison shows, stay.
		{"a key of a product's YAML file", yaml, "ongoing_pct: 0.20", "ongoing_pct: 0.25", false, []string{"/products/etf-sparplan-welt/"}, []string{list}},
		{"a scenario of an EPT file", ept, ",-0.1735,", ",-0.1801,", false, []string{"/products/de000a3e5rg7/"}, []string{list}},
		{"a product added", data, "\nrentenfonds-euro,", newRow + "\nrentenfonds-euro,", true, nil, nil},
		{"a product removed", data, newRow, "", true, nil, nil},
		// The explainer names the old id: an error at its line, then fixed.
		{"an id renamed", data, "\nrentenfonds-euro,", "\nrentenfonds-eur,", true, nil, nil},
		{"the id back", data, "\nrentenfonds-eur,", "\nrentenfonds-euro,", true, nil, nil},
		{"a risk class out of range", data, "mixed-fund,EUR,3,3,1,4,", "mixed-fund,EUR,9,3,1,4,", true, nil, nil},
		{"the risk class fixed", data, "mixed-fund,EUR,9,3,1,4,", "mixed-fund,EUR,3,3,1,4,", true, nil, nil},
		{"a scenario after the fix", data, "-9.90,-1.80,", "-9.50,-1.80,", false, []string{page, story}, []string{list}},
	}
	if !strings.Contains(read(t, filepath.Join(root, data)), row) {
		t.Fatalf("the demo's products.csv has no row %s", row)
	}
	for _, st := range steps {
		edit(t, root, st.file, st.old, st.new)
		inc := rebuildLikeFull(t, s, root, dest, st.name, st.file, st.full)
		for _, w := range st.written {
			if !slices.Contains(inc.Written, w) {
				t.Errorf("%s: %s not among the written %v", st.name, w, inc.Written)
			}
		}
		for _, w := range st.notWritten {
			if slices.Contains(inc.Written, w) {
				t.Errorf("%s: %s was written again", st.name, w)
			}
		}
	}
}
