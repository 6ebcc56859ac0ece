package change

import (
	"slices"
	"strings"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/site"
)

// A product's facts read again are "figures only" when the model made of
// them (site.Resolve) is the last one's with the facts replaced: the same
// id and name (the page's title and address, every list's order, the
// menus'), the same KID date (Resolve checks it against today). Its type
// and risk class are the words ProductInfo makes of them
// (ProductInfo.WithFacts).

// FiguresOnly reports whether n, the product read again, differs from o
// only in what FiguresOnly's model leaves to the pages that read it.
func FiguresOnly(o, n product.Product) bool {
	return o.ID == n.ID && o.Name == n.Name && o.KIDDate == n.KIDDate
}

// Comparison is what the products comparison shows of a product
// (render's drawComparison: every product by risk class and annual cost
// impact at the holding period; a product whose costs cannot be worked
// out is left out), beside its name and address.
type Comparison struct {
	Shown     bool
	SRI       int
	ImpactPct float64
}

// ComparisonOf is what the comparison shows of p.
func ComparisonOf(p product.Product) Comparison {
	cols := product.CostColumns(p)
	if cols == nil {
		return Comparison{}
	}
	return Comparison{Shown: true, SRI: p.SRI, ImpactPct: cols[len(cols)-1].AnnualImpactPct}
}

// Refigured is a product edit that is figures only, of the products in
// Changed (their nodes in the model).
type Refigured struct {
	Changed    map[*site.Node]bool
	Comparison bool // what the comparison shows of one of them changed
	Types      bool // the type of one of them changed (the search page's filter)
}

// FigureReads says which outputs of s, whose products in r.Changed got
// other facts (figures only), read them with the built-in theme's
// layouts and chart kinds: each product's page; the pages that show it
// beside their own (Reads' links: the stories that name it, with its
// risk class and costs, and the advisors who explain it — its
// Product.Stories and Advisors, the other ends of those links); the
// pages whose ```chart blocks may read it (chartPages are the pages
// with such blocks, charts says what they read: a block that names it,
// or of a kind that may draw every product); when what the comparison
// shows changed, the products section's pages, which draw it; when a
// type changed, the search page (its type filter). The lists show a
// product's title, date and summary, which figures do not change, and
// the site files (sitemap, feeds) no facts. In URL order, each once.
func FigureReads(s *site.Site, r Refigured, chartPages []*site.Node, charts func(*site.Node) ChartReads) []Output {
	reads := map[*site.Node]bool{}
	for n := range r.Changed {
		reads[n] = true
		if p := n.Product; p != nil {
			for _, st := range p.Stories {
				reads[st] = true
			}
		}
		for _, a := range n.Advisors {
			reads[a] = true
		}
	}
	if sec := s.Sections["products"]; r.Comparison && sec != nil {
		reads[sec] = true
	}
	if r.Types && s.Search != nil {
		reads[s.Search] = true
	}
	for _, n := range chartPages {
		if c := charts(n); !reads[n] && (c.Any || anyNamed(c.Words, r.Changed)) {
			reads[n] = true
		}
	}
	out := make([]Output, 0, len(reads))
	for n := range reads {
		out = append(out, Output{Node: n})
	}
	slices.SortFunc(out, func(a, b Output) int { return strings.Compare(a.Node.URL, b.Node.URL) })
	return out
}

// ChartPages are the pages of s with a ```chart block.
func ChartPages(s *site.Site) []*site.Node {
	var out []*site.Node
	for _, n := range s.Nodes {
		if n.Page != nil && n.HasFence("chart") {
			out = append(out, n)
		}
	}
	return out
}

func anyNamed(words map[string]bool, changed map[*site.Node]bool) bool {
	for n := range changed {
		if n.Product != nil && words[n.Product.Facts.ID] {
			return true
		}
	}
	return false
}

// ChartReads is what a page's ```chart blocks may read, as far as their
// words tell: a product whose id is one of Words, or any product when
// Any (a block of a kind that may draw every product, a block in a form
// whose words do not tell, such as YAML's escapes, aliases and tags, or
// none found where the page has one).
type ChartReads struct {
	Words map[string]bool
	Any   bool
}

// ChartsOf reads the body of the page p and says what its ```chart blocks
// read; every names the chart types that may draw any product (those
// not of one product: the comparison). A page that cannot be read reads
// anything.
func ChartsOf(files *fileio.Files, p *content.Page, every []string) ChartReads {
	body, err := p.ReadBody(files)
	if err != nil {
		return ChartReads{Any: true}
	}
	c := chartWords(string(body))
	for _, k := range every {
		c.Any = c.Any || c.Words[k]
	}
	return c
}

// chartWords gathers the words of the ```chart (or ~~~chart) blocks of a
// Markdown body, generously: a fence line is found below any quote or
// list markers and indentation, and a block ends at the next fence line
// of its character or at the end of the body, so that no block the
// Markdown parser sees is missed; more words only re-render more.
func chartWords(body string) ChartReads {
	c := ChartReads{Words: map[string]bool{}}
	found := false
	var fence string // the open chart block's fence ("```", "````", "~~~"…); "" outside one
	for line := range strings.Lines(body) {
		text := strings.TrimLeft(line, " \t>-*+0123456789.)")
		if fence != "" {
			if run := string(content.FenceRun([]byte(text))); len(run) >= len(fence) && run[0] == fence[0] {
				fence = ""
				continue
			}
			if strings.ContainsAny(line, `\&*!`) {
				c.Any = true
			}
			for _, w := range strings.FieldsFunc(line, notIDChar) {
				c.Words[w] = true
			}
			continue
		}
		if run := string(content.FenceRun([]byte(text))); run != "" {
			if w := strings.Fields(text[len(run):]); len(w) > 0 && strings.HasPrefix(w[0], "chart") {
				fence, found = run, true
			}
		}
	}
	if !found {
		c.Any = true
	}
	return c
}

// notIDChar is whether r cannot be part of a product id or chart type.
func notIDChar(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.')
}
