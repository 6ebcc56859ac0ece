package incremental

import (
	"reflect"
	"slices"

	"github.com/klartext/klartext/generator/change"
	"github.com/klartext/klartext/generator/chart"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/site"
)

// refigure is the product data edit that changes figures only: the same
// products, each with the same id, name and KID date
// (change.FiguresOnly). Then the model resolved again would be the last
// one with those products' facts (and the words made of them) replaced,
// so refigure replaces them in place instead, types again only the
// records that changed (productsource.Reading), and renders the outputs
// that read them (change.FigureReads); the site files and the rest of
// the model stay. Not ok — remodel's way follows — for anything else: a
// product added, removed or renamed, a name or KID date changed, an
// error, a chart kind of the site's own drawn on pages of its choosing.
// Nothing is changed before it is known to be ok.
func (s *Session) refigure() (*pipeline.Result, []string, bool) {
	b := s.last
	in := b.Input
	if !builtInChartPages() {
		return nil, nil, false
	}
	synced := s.readingOf == b // the reading's last products are the model's
	products, sources, pds := s.products.Load(in.Tree.Files, in.Tree.Data, in.Config.Currency)
	s.readingOf = nil
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
	b.Input, b.Load, s.readingOf = &next, loaded, b
	for i, n := range nodes {
		n.Product = infos[i]
	}
	if s.chartPagesOf != b.Site {
		s.chartPages, s.chartPagesOf = change.ChartPages(b.Site), b.Site
	}
	outs := change.FigureReads(b.Site, r, s.chartPages, s.chartReads)
	res, w := start(b)
	jobs := outputJobs(b, outs)
	b.Render(jobs, w, b.Theme, b.Search != nil, res)
	written := append(paths(jobs), b.Search.Changes(w)...)
	return s.finish(res, w), written, true
}

// chartReads is what the ```chart blocks of n's page read, read once per
// page as loaded.
func (s *Session) chartReads(n *site.Node) change.ChartReads {
	if c, ok := s.charts[n.Page]; ok {
		return c
	}
	if s.charts == nil {
		s.charts = map[*content.Page]change.ChartReads{}
	}
	var every []string
	for _, k := range render.ChartKinds() {
		if k.Product != render.OfProduct {
			every = append(every, k.Name)
		}
	}
	c := change.ChartsOf(s.last.Site.Files, n.Page, every)
	s.charts[n.Page] = c
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
