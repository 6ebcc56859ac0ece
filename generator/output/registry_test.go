package output

import (
	"strconv"
	"testing"
)

func TestKeyComparesAsAHost(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"/x/", "/x/index.html"},
		{"/Docs/Preise.PDF", "/docs/preise.pdf"},
		{"/\u00dcber/", "/U\u0308ber/index.html"}, // NFC and NFD
		{"/stra\u00dfe.pdf", "/STRA\u1e9eE.pdf"},  // ß and capital ẞ
		{"/\u212a.pdf", "/k.pdf"},                 // Kelvin sign
		{"/\u03a3\u03bf\u03c2.pdf", "/\u03c3\u03bf\u03c3.pdf"},
	} {
		if Key(tt.a) != Key(tt.b) {
			t.Errorf("Key(%q) = %q, Key(%q) = %q: want them equal", tt.a, Key(tt.a), tt.b, Key(tt.b))
		}
	}
	for _, tt := range []struct{ a, b string }{
		{"/x/", "/x"},
		{"/strasse.pdf", "/straße.pdf"}, // full folding would merge them; hosts do not
		{"/a-b/", "/a_b/"},
	} {
		if Key(tt.a) == Key(tt.b) {
			t.Errorf("Key(%q) == Key(%q): want them different", tt.a, tt.b)
		}
	}
	if p := "/products/etf-welt/index.html"; Key(p) != p {
		t.Errorf("a lower-case ASCII path is its own key: %q", Key(p))
	}
}

func TestRegistryClashes(t *testing.T) {
	page := func(f string) Source { return Source{Origin: FromContent, File: f} }
	r := NewRegistry(8)
	for _, c := range []struct {
		path string
		src  Source
		ok   bool
	}{
		{"/topics/kosten/index.html", page("content/topics/kosten.md"), true},
		{"/topics/kosten/", Source{Origin: Generated, What: `the topic page of "kosten"`}, false},
		{"/docs/index.html", page("content/docs/_index.md"), true},
		{"/docs/index.html/plan.pdf", page("content/docs/index.html/plan.pdf"), false},
		{"/Docs/Plan.pdf", page("content/Docs/Plan.pdf"), true},
		{"/docs/plan.pdf", page("content/docs/plan.pdf"), false},
		{"/info/x.pdf", page("content/info/x.pdf"), true},
		{"/info", page("content/info"), false},
		{"/js/charts.js", Source{Origin: FromTheme, What: "static/js/charts.js"}, true},
	} {
		if got := r.Claim(c.path, c.src); got != c.ok {
			t.Errorf("Claim(%s) = %v, want %v", c.path, got, c.ok)
		}
	}
	clashes := r.Clashes()
	want := []Clash{
		{Path: "/docs/index.html/plan.pdf", Src: page("content/docs/index.html/plan.pdf"), OtherPath: "/docs/index.html", Other: page("content/docs/_index.md"), Folder: true},
		{Path: "/docs/plan.pdf", Src: page("content/docs/plan.pdf"), OtherPath: "/Docs/Plan.pdf", Other: page("content/Docs/Plan.pdf")},
		{Path: "/info", Src: page("content/info"), OtherPath: "/info/x.pdf", Other: page("content/info/x.pdf"), Folder: true},
		{Path: "/topics/kosten/", Src: Source{Origin: Generated, What: `the topic page of "kosten"`}, OtherPath: "/topics/kosten/index.html", Other: page("content/topics/kosten.md")},
	}
	if len(clashes) != len(want) {
		t.Fatalf("clashes %+v", clashes)
	}
	for i := range want {
		if clashes[i] != want[i] {
			t.Errorf("clash %d: %+v, want %+v", i, clashes[i], want[i])
		}
	}
	if src, ok := r.Owner("/JS/charts.js"); !ok || src.What != "static/js/charts.js" {
		t.Errorf("owner of /JS/charts.js: %+v %v", src, ok)
	}
	if r.Len() != 5 {
		t.Errorf("Len = %d, want 5", r.Len())
	}
}

func TestSourceString(t *testing.T) {
	for _, tt := range []struct {
		src  Source
		want string
	}{
		{Source{Origin: FromContent, File: "content/a.md"}, "content/a.md"},
		{Source{Origin: Derived, File: "content/data/products.csv", Line: 3, What: `the product page of "x"`}, `the product page of "x" (from content/data/products.csv:3)`},
		{Source{Origin: FromTheme, File: "themes/klartext/static/js/charts.js"}, "themes/klartext/static/js/charts.js"},
		{Source{Origin: FromTheme, What: "static/js/charts.js"}, "the built-in theme's static/js/charts.js"},
		{Source{Origin: Generated, What: "the sitemap"}, "generated: the sitemap"},
	} {
		if got := tt.src.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.src, got, tt.want)
		}
	}
}

// BenchmarkRegistry claims the paths of a 12,000-file site: the cost a
// build adds for owning every output path.
func BenchmarkRegistry(b *testing.B) {
	paths := make([]string, 12000)
	for i := range paths {
		paths[i] = "/products/produkt-" + strconv.Itoa(i) + "/index.html"
	}
	src := Source{Origin: FromContent, File: "content/products/x.md"}
	b.ReportAllocs()
	for b.Loop() {
		r := NewRegistry(len(paths))
		for _, p := range paths {
			r.Claim(p, src)
		}
	}
}

// A folder claimed as a whole (the search index) owns every file below
// it, and clashes with a file claimed below it, above it or after it.
func TestRegistryFolderClaims(t *testing.T) {
	page := func(f string) Source { return Source{Origin: FromContent, File: f} }
	index := Source{Origin: Generated, What: "the search index"}
	r := NewRegistry(8)
	if !r.Claim("/suche/index.html", page("content/suche.md")) {
		t.Fatal("the page")
	}
	if !r.ClaimFolder("/suche/index/", index) {
		t.Fatalf("the folder: %+v", r.Clashes())
	}
	if src, ok := r.Owner("/Suche/index/w/ko.bin"); !ok || src != index {
		t.Errorf("owner below the folder: %+v %v", src, ok)
	}
	if _, ok := r.Owner("/suche/indexe.json"); ok {
		t.Error("a sibling with the same prefix is not below the folder")
	}
	if r.Claim("/suche/index/meta.json", page("content/suche/index/meta.json")) {
		t.Error("a file below a claimed folder")
	}
	r2 := NewRegistry(8)
	r2.Claim("/a/b/x.pdf", page("content/a/b/x.pdf"))
	if r2.ClaimFolder("/a/", index) {
		t.Error("a folder above a claimed file")
	}
	r3 := NewRegistry(8)
	r3.Claim("/a", page("content/a"))
	if r3.ClaimFolder("/a/b/", index) {
		t.Error("a folder where a file stands")
	}
	if r3.ClaimFolder("/c/", index); r3.ClaimFolder("/c/d/", index) {
		t.Error("a folder in a claimed folder")
	}
	if got := len(r.Clashes()) + len(r2.Clashes()) + len(r3.Clashes()); got != 4 {
		t.Errorf("%d clashes", got)
	}
}
