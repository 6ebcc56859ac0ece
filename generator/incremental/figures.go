package incremental

import (
	"reflect"
	"slices"

	"github.com/klartext/klartext/generator/change"
	"github.com/klartext/klartext/generator/chart"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/site"
)

// refigure is the product data edit that changes figures only: the same
// products, each with the same id, name and KID date
// (change.FiguresOnly). Then the model resolved again would be the last
// one with those products' facts (and the words made of them) replaced,
// so refigure replaces them in place instead (remodel's reading typed
// again only the records that changed: productsource.Reading), and renders the outputs
// that read them (change.FigureReads); the site files and the rest of
// the model stay. Not ok — remodel's way follows — for anything else: a
// product added, removed or renamed, a name or KID date changed, an
// error, a chart kind of the site's own drawn on pages of its choosing.
// Nothing is changed before it is known to be ok.
//
// products, sources and pds are the product data read again (s.products),
// synced whether the reading before was the model's.
func (s *Session) refigure(products []product.Product, sources []string, pds []diag.Diagnostic, synced bool) (*pipeline.Result, []string, bool) {
	b := s.last
	in := b.Input
	if !builtInChartPages() {
		return nil, nil, false
	}
	if !slices.Equal(sources, in.ProductSources) || len(products) != len(in.Products) {
		return nil, nil, false
	}
	from := map[string]bool{}
	for _, f := range sources {
		from[f] = true
	}
	loaded := change.ReplaceDiagnostics(b.Load, from, pds)
	if hasErrors(loaded) {
		return nil, nil, false
	}
	r := change.Refigured{Changed: map[*site.Node]bool{}}
	var infos []*site.ProductInfo // the changed products' new infos, in the order of r's nodes
	var nodes []*site.Node
	var words *i18n.Catalog
	if in.Words != nil {
		words = in.Words.Catalog
	}
	for i, p := range products {
		if synced && !s.products.Retyped(p.ID) {
			continue // the model's product, fact for fact
		}
		o := in.Products[i]
		if !change.FiguresOnly(o, p) {
			return nil, nil, false
		}
		if reflect.DeepEqual(o, p) {
			continue
		}
		n := b.Site.Products[p.ID]
		if n == nil || n.Product == nil {
			return nil, nil, false
		}
		r.Changed[n] = true
		r.Comparison = r.Comparison || change.ComparisonOf(o) != change.ComparisonOf(p)
		r.Types = r.Types || o.Type != p.Type
		nodes, infos = append(nodes, n), append(infos, n.Product.WithFacts(p, b.Site.Config.Language, words))
	}
	// The products are the model's now, changed or not.
	next := *in
	next.Products = products
	b.Input, b.Load, s.readingOf = &next, loaded, b // the reading's products are the model's now
	for i, n := range nodes {
		n.Product = infos[i]
	}
	if s.chartPagesOf != b.Site {
		s.chartPages, s.chartPagesOf = change.ChartPages(b.Site), b.Site
	}
	var every []string // the chart types that may draw any product
	for _, k := range render.ChartKinds() {
		if k.Product != render.OfProduct {
			every = append(every, k.Name)
		}
	}
	outs := change.FigureReads(b.Site, r, s.chartPages, func(n *site.Node) change.ChartReads { return s.chartReads(n, every) })
	res, w := start(b)
	jobs := outputJobs(b, outs)
	b.Render(jobs, w, b.Theme, b.Search != nil, res)
	written := append(paths(jobs), b.Search.Changes(w)...)
	return s.finish(res, w), written, true
}

// pageCharts is what the ```chart blocks of a page as loaded read.
type pageCharts struct {
	page  *content.Page
	reads change.ChartReads
}

// chartReads is what the ```chart blocks of n's page read (every: the
// chart types that may draw any product), read once per page as loaded.
func (s *Session) chartReads(n *site.Node, every []string) change.ChartReads {
	if c, ok := s.charts[n.Source]; ok && c.page == n.Page {
		return c.reads
	}
	if s.charts == nil {
		s.charts = map[string]pageCharts{}
	}
	c := change.ChartsOf(s.last.Site.Files, n.Page, every)
	s.charts[n.Source] = pageCharts{n.Page, c}
	return c
}

// builtInChartPages is whether the chart kinds drawn on pages of their
// own choosing (ChartKind.OwnPage) are the built-in ones, whose pages
// change.FigureReads knows: the products comparison on the products
// section's pages, the feedback balance on the feedback page.
func builtInChartPages() bool {
	for _, k := range render.ChartKinds() {
		if k.OwnPage != nil && k.Name != chart.KindComparison && k.Name != "feedback" {
			return false
		}
	}
	return true
}
