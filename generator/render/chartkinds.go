package render

import (
	"math"
	"slices"
	"sync/atomic"

	"github.com/klartext/klartext/generator/chart"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/registry"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/theme"
)

// ChartKind is a kind of chart the build draws: one entry of the registry
// (ChartKinds). The ```chart block's types and its messages, the charts of
// every product page and of the pages that draw one of their own are made
// from the registry; a new kind is one entry here and its builder in
// package chart.
type ChartKind struct {
	// Name is the figure's kind (its class chart-<name>, its key in
	// PageView.Figures) and the type a ```chart block names.
	Name string
	// Noun names the chart in messages: diag.T("product comparison"), a
	// Text so that a German site's message names it in German.
	Noun diag.Text
	// Product is how a ```chart block of the kind names a product.
	Product ProductUse
	// OnProductPage: every product page draws it into PageView.Figures
	// (risk, costs, ...); the product layout must place it, or the build
	// warns (Placement).
	OnProductPage bool
	// OwnPage reports whether another page draws the kind as its own
	// chart (the products section its comparison); nil for none.
	OwnPage func(s *site.Site, n *site.Node) bool
	// Draw is the kind's adapter and builder: it turns what the chart is
	// about (ChartData) into the builder's input and calls the builder
	// (package chart). A kind without data to show draws nothing.
	Draw func(d ChartData) ([]chart.Figure, error)
}

// ProductUse is how a chart block names a product.
type ProductUse int

const (
	// NoProduct: the chart is not about one product (the feedback
	// balance); a block may not name one.
	NoProduct ProductUse = iota
	// OfProduct: the chart draws one product's figures, the block's
	// product: or the page's own.
	OfProduct
	// MarksProduct: the chart shows every product and may mark the one
	// the block names (the comparison).
	MarksProduct
)

// ChartData is what a chart is drawn from.
type ChartData struct {
	Site *site.Site
	Page *site.Node // the page the chart is on
	// Product is the product an OfProduct kind draws, Figures its figures
	// (the page's one computation where it is the page's product; nil
	// when its facts are invalid). A MarksProduct kind gets the id of the
	// product to mark in Marked ("" for none) and, where it is the page's
	// product, its figures.
	Product *site.Node
	Figures *product.Figures
	Marked  string
	// OwnPage: the page draws the chart as its own, not for a ```chart
	// block (the risk chart on its product's page leaves the name out).
	OwnPage bool
	// Locale is the site language's formats and chart words, Words its
	// translation file, Lang its code (for the PRIIPs tables).
	Locale chart.Lang
	Words  *i18n.Catalog
	Lang   string

	r    *Renderer
	kind string // the kind being drawn
	key  string // the page part of the chart's ID
	n    int    // the chart's number among those of its kind on the page, from 1
}

// ID is the chart's element ID: unique and stable on the page.
func (d ChartData) ID() string { return chart.ID(d.key, d.kind, d.n) }

// ChartKinds is the registry of chart kinds, in the order a product page
// draws its charts; the caller must not change it.
func ChartKinds() []*ChartKind { return chartKinds.all() }

// RegisterChart adds a chart kind to the registry, before a build starts
// (tests register kinds of their own); remove takes it out again.
func RegisterChart(k *ChartKind) (remove func()) {
	removeKind := chartKinds.kinds.Add(k)
	chartKinds.types.Store(nil)
	return func() {
		removeKind()
		chartKinds.types.Store(nil)
	}
}

type chartRegistry struct {
	kinds *registry.List[*ChartKind]
	types atomic.Pointer[chart.Types] // made from kinds on first need
}

var chartKinds = &chartRegistry{kinds: registry.New(
	&ChartKind{Name: chart.KindRisk, Noun: diag.T("risk chart"), Product: OfProduct, OnProductPage: true, Draw: drawRisk},
	&ChartKind{Name: chart.KindCosts, Noun: diag.T("costs chart"), Product: OfProduct, OnProductPage: true, Draw: productChart(costsInput, (*chart.Skeletons).Costs)},
	&ChartKind{Name: chart.KindCostsOverTime, Noun: diag.T("costs-over-time chart"), Product: OfProduct, OnProductPage: true,
		Draw: productChart(costsOverTimeInput, (*chart.Skeletons).CostsOverTime)},
	&ChartKind{Name: chart.KindScenarios, Noun: diag.T("scenarios chart"), Product: OfProduct, OnProductPage: true, Draw: productChart(scenariosInput, (*chart.Skeletons).Scenarios)},
	&ChartKind{Name: chart.KindComparison, Noun: diag.T("product comparison"), Product: MarksProduct, OwnPage: productsSection, Draw: drawComparison},
	&ChartKind{Name: "feedback", Noun: diag.T("feedback balance"), OwnPage: feedbackPage, Draw: drawFeedback},
	&ChartKind{Name: chart.KindFeedbackBalance, Noun: diag.T("feedback balance chart"), Draw: feedbackCharts[0].draw},
	&ChartKind{Name: chart.KindFeedbackFactors, Noun: diag.T("feedback factors chart"), Draw: feedbackCharts[1].draw},
	&ChartKind{Name: chart.KindFeedbackSections, Noun: diag.T("feedback sections chart"), Draw: feedbackCharts[2].draw},
)}

func (c *chartRegistry) all() []*ChartKind { return c.kinds.All() }

// kind is the registered kind of the name; nil for none.
func (c *chartRegistry) kind(name string) *ChartKind {
	for _, k := range c.all() {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// specTypes are the types a ```chart block may name, from the registry.
func (c *chartRegistry) specTypes() chart.Types {
	if t := c.types.Load(); t != nil {
		return *t
	}
	t := chart.Types{Product: map[string]bool{}}
	for _, k := range c.all() {
		t.Names = append(t.Names, k.Name)
		if k.Product != NoProduct {
			t.Product[k.Name] = true
		}
	}
	slices.Sort(t.Names)
	c.types.Store(&t)
	return t
}

// errInvalidFigures: a product chart of a product whose facts are invalid
// (reported where they are).
var errInvalidFigures = diag.Err("the product's figures are invalid")

// productChart is the Draw of a chart of one product's figures: adapt
// makes the builder's input from the product's facts and figures, build
// draws it, through the build's option skeletons (chart.Skeletons; nil
// without the shortcut ChartSkeletons builds directly).
func productChart[In any](adapt func(p product.Product, f *product.Figures, loc locale.Locale, lang string) (In, error),
	build func(sk *chart.Skeletons, id string, loc chart.Lang, in In) (chart.Figure, error)) func(ChartData) ([]chart.Figure, error) {
	return func(d ChartData) ([]chart.Figure, error) {
		if d.Figures == nil {
			return nil, errInvalidFigures
		}
		in, err := adapt(d.Product.Product.Facts, d.Figures, d.Locale.Locale, d.Lang)
		if err != nil {
			return nil, err
		}
		f, err := build(d.r.skeletons, d.ID(), d.Locale, in)
		return one(f, err)
	}
}

func one(f chart.Figure, err error) ([]chart.Figure, error) {
	if err != nil {
		return nil, err
	}
	return []chart.Figure{f}, nil
}

// drawRisk draws a product's risk class and holding period. On its own
// page the product is named by the heading, so the chart leaves the name
// out and is the same for every product of one risk class and holding
// period (Renderer.riskFigure makes it once per build for each).
func drawRisk(d ChartData) ([]chart.Figure, error) {
	if d.OwnPage {
		return one(d.r.riskFigure(d.Product, d.ID()))
	}
	f := d.Product.Product.Facts
	return one(chart.Risk(d.ID(), d.Locale, chart.RiskInput{SRI: f.SRI, RHPYears: f.RHPYears, ProductName: f.Name}))
}

// costsInput is the composition of the costs at the holding period, in
// the KID's terms.
func costsInput(p product.Product, f *product.Figures, loc locale.Locale, lang string) (chart.CostsInput, error) {
	c := f.Composition
	in := chart.CostsInput{Currency: p.Currency, Years: c.Years, Total: c.TotalCosts}
	for _, l := range c.Lines {
		in.Lines = append(in.Lines, chart.CostLine{Label: product.CostLabel(l.Key, lang), Amount: l.Amount})
		in.Rates = append(in.Rates, product.RateLabel(l.Key, loc.Percent(l.Pct, 2), lang))
	}
	return in, nil
}

// costsOverTimeInput is the costs' path over the holding period.
func costsOverTimeInput(p product.Product, f *product.Figures, _ locale.Locale, _ string) (chart.CostsOverTimeInput, error) {
	in := chart.CostsOverTimeInput{Currency: p.Currency}
	for _, pt := range f.Path {
		in.Years = append(in.Years, pt.Years)
		in.CumulativeCosts = append(in.CumulativeCosts, pt.CumulativeCosts)
		in.ValueWithCosts = append(in.ValueWithCosts, pt.Net)
		in.ValueWithoutCosts = append(in.ValueWithoutCosts, pt.Gross)
	}
	return in, nil
}

// scenariosInput is the performance scenarios; a product without them
// has no such chart.
func scenariosInput(p product.Product, f *product.Figures, _ locale.Locale, lang string) (chart.ScenariosInput, error) {
	in := chart.ScenariosInput{Currency: p.Currency, RHPYears: p.RHPYears}
	oneYear := len(f.Scenarios) > 0
	for _, s := range f.Scenarios {
		in.Scenarios = append(in.Scenarios, chart.Scenario{Label: product.ScenarioLabel(s.Key, lang), AnnualReturnPct: s.AtRHP.ReturnPct, ValueAtRHP: s.AtRHP.Value})
		oneYear = oneYear && s.OneYear != nil
	}
	if oneYear { // all four, or the table would have holes
		for _, s := range f.Scenarios {
			in.OneYear = append(in.OneYear, chart.ScenarioValue{Value: s.OneYear.Value, ReturnPct: s.OneYear.ReturnPct})
		}
	}
	if m := f.Minimum; m != nil {
		in.Minimum, in.MinimumLabel = &chart.ScenarioValue{Value: m.Value, ReturnPct: m.ReturnPct}, product.ScenarioLabel("minimum", lang)
	}
	if len(in.Scenarios) == 0 {
		return in, diag.Err("the product has no performance scenarios")
	}
	return in, nil
}

// productsSection: the products section draws the comparison of all
// products.
func productsSection(s *site.Site, n *site.Node) bool {
	return n.Kind == content.KindSection && n.Section == "products" && len(s.ProductIDs) > 0
}

// drawComparison draws every product by risk class and annual cost impact
// at the holding period: the figure of each product's own costs table
// (the KID's where given), computed as its page computes it; the marked
// product's figures are the page's (d.Figures).
func drawComparison(d ChartData) ([]chart.Figure, error) {
	s := d.Site
	in := chart.ComparisonInput{Current: d.Marked}
	for _, id := range s.ProductIDs {
		pn := s.Products[id]
		p := pn.Product
		var cols []product.CostColumn
		if id == in.Current && d.Figures != nil {
			cols = d.Figures.Columns
		} else {
			cols = product.CostColumns(p.Facts)
		}
		if cols == nil {
			continue // invalid facts: reported where they are, and the build publishes nothing
		}
		impact := cols[len(cols)-1].AnnualImpactPct
		in.Points = append(in.Points, chart.ComparisonPoint{ID: id, Name: pn.Title, URL: s.Config.RelURL(pn.URL), SRI: p.Facts.SRI, AnnualCostImpactPct: impact})
	}
	return one(chart.Comparison(d.ID(), d.Locale, in))
}

// feedbackPage: the feedback page draws the site-wide balance.
func feedbackPage(_ *site.Site, n *site.Node) bool { return n.Kind == site.KindFeedback }

// feedbackCharts are the charts of the site-wide balance.
var feedbackCharts = []struct {
	kind string
	draw func(ChartData) ([]chart.Figure, error)
}{
	{chart.KindFeedbackBalance, feedbackChart(balanceInput, chart.FeedbackBalance)},
	{chart.KindFeedbackFactors, feedbackChart(factorsInput, chart.FeedbackFactors)},
	{chart.KindFeedbackSections, feedbackChart(sectionsInput, chart.FeedbackSections)},
}

// drawFeedback draws the three charts of the site-wide balance.
func drawFeedback(d ChartData) ([]chart.Figure, error) {
	var out []chart.Figure
	for _, c := range feedbackCharts {
		member := d
		member.kind = c.kind
		figs, _ := c.draw(member)
		out = append(out, figs...)
	}
	return out, nil
}

// feedbackChart is the Draw of a chart of the site-wide balance: adapt
// makes the builder's input from the balance; a site without an export,
// or a chart without data, draws nothing.
func feedbackChart[In any](adapt func(d ChartData, b *feedback.SiteBalance) In,
	build func(id string, loc chart.Lang, in In) (chart.Figure, error)) func(ChartData) ([]chart.Figure, error) {
	return func(d ChartData) ([]chart.Figure, error) {
		b := d.Site.Feedback.Balance
		if b == nil {
			return nil, nil
		}
		f, err := build(d.ID(), d.Locale, adapt(d, b))
		if err != nil {
			return nil, nil
		}
		return []chart.Figure{f}, nil
	}
}

func balanceInput(_ ChartData, b *feedback.SiteBalance) chart.FeedbackBalanceInput {
	in := chart.FeedbackBalanceInput{}
	for _, m := range b.Months {
		in.Months = append(in.Months, m.Month)
		in.Praise = append(in.Praise, m.Praise)
		in.Criticism = append(in.Criticism, m.Criticism)
		in.Questions = append(in.Questions, m.Questions)
		in.Comments = append(in.Comments, m.Comments)
	}
	return in
}

func factorsInput(d ChartData, b *feedback.SiteBalance) chart.FeedbackFactorsInput {
	in := chart.FeedbackFactorsInput{}
	for i, a := range b.Factors {
		in.Labels = append(in.Labels, feedback.FactorLabel(i, d.Words))
		avg := math.NaN()
		if a.Count > 0 {
			avg = a.Mean()
		}
		in.Averages = append(in.Averages, avg)
		in.Counts = append(in.Counts, a.Count)
	}
	return in
}

func sectionsInput(d ChartData, b *feedback.SiteBalance) chart.FeedbackSectionsInput {
	in := chart.FeedbackSectionsInput{}
	for _, s := range b.Sections {
		name := s.Section
		if sn := d.Site.Sections[s.Section]; sn != nil && sn.Title != "" {
			name = sn.Title
		} else if name == "" {
			name = d.r.theme.Translate("home")
		}
		in.Sections = append(in.Sections, name)
		in.Praise = append(in.Praise, s.Praise)
		in.Criticism = append(in.Criticism, s.Criticism)
		in.Questions = append(in.Questions, s.Questions)
		in.Comments = append(in.Comments, s.Comments)
	}
	return in
}

// Placement warns about the charts every product page draws that its
// layout does not show: a chart computed on thousands of pages for
// nothing, or a new kind's figure nobody placed. A layout that prints all
// of its charts ({{.Charts}}) or uses .Figures in a way that may show any
// of them (ranging over it) places every kind. It reads the layouts'
// templates, so it runs before the first page renders.
func Placement(s *site.Site, th *theme.Theme) []diag.Diagnostic {
	var layouts []string
	for _, id := range s.ProductIDs {
		if l := Layout(th, s.Products[id]); l != "" && !slices.Contains(layouts, l) {
			layouts = append(layouts, l)
		}
	}
	slices.Sort(layouts)
	var out []diag.Diagnostic
	for _, l := range layouts {
		figures, err := th.Uses(l, "Figures")
		charts, err2 := th.Uses(l, "Charts")
		if err != nil || err2 != nil || figures.Any || charts.Any || len(charts.Keys) > 0 {
			continue // a layout that does not parse is reported when its pages render
		}
		for _, k := range chartKinds.all() {
			if k.OnProductPage && !figures.Keys[k.Name] {
				out = append(out, diag.Warnf("themes/"+s.Config.Theme+"/layouts/"+l, 0,
					"every product page draws the %s (%s), but the layout does not show it", k.Noun, k.Name).
					WithHint("place it with {{index $.Figures %q}}, or show all of the page's charts with {{.Charts}}", k.Name))
			}
		}
	}
	return out
}
