package build

import (
	"bytes"
	"errors"
	"html/template"
	"math"
	"strings"

	"github.com/klartext/klartext/generator/chart"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/markdown"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/suggest"
)

// figuresOf is the page's own product figures when id is its product, so
// a fence on a product's page draws from the page's one computation; nil
// otherwise.
func (v *PageView) figuresOf(id string) *product.Figures {
	if v != nil && v.Product != nil && v.Product.Facts.ID == id {
		return v.ProductFigures
	}
	return nil
}

// costRate is a composition line's rate as the KID's table 2 words it.
func costRate(l product.CostLine, loc locale.Locale, lang string) string {
	return product.RateLabel(l.Key, loc.Percent(l.Pct, 2), lang)
}

// Figure is a chart ready for the theme.
type Figure = chart.Figure

// chartScripts are the theme scripts a page with charts loads, deferred,
// in this order; pages without charts load neither.
var chartScripts = []string{"/js/echarts.min.js", "/js/charts.js"}

// chartKey is the page part of chart IDs: "products/etf-welt".
func chartKey(n *Node) string { return strings.Trim(n.URL, "/") }

// productFigure builds one chart of a product's figures f (the page's
// one computation, product.Compute). n numbers the charts of its kind on
// the page (from 1), so IDs stay unique and stable. sk fills the costs,
// costs-over-time and scenarios charts into cached option skeletons; nil
// (without ChartSkeletons) builds them directly.
func productFigure(sk *chart.Skeletons, kind string, pageKey string, n int, p *ProductInfo, f *product.Figures, loc chart.Lang, lang string) (Figure, error) {
	facts := p.Facts
	id := chart.ID(pageKey, kind, n)
	if kind != chart.KindRisk && f == nil {
		return Figure{}, errors.New("the product's figures are invalid")
	}
	switch kind {
	case chart.KindRisk:
		return chart.Risk(id, loc, chart.RiskInput{SRI: facts.SRI, RHPYears: facts.RHPYears, ProductName: facts.Name})
	case chart.KindCosts:
		c := f.Composition
		in := chart.CostsInput{Currency: facts.Currency, Years: c.Years, Total: c.TotalCosts}
		for _, l := range c.Lines {
			in.Lines = append(in.Lines, chart.CostLine{Label: CostLabel(l.Key, lang), Amount: l.Amount})
			in.Rates = append(in.Rates, costRate(l, loc.Locale, lang))
		}
		return sk.Costs(id, loc, in)
	case chart.KindCostsOverTime:
		in := chart.CostsOverTimeInput{Currency: facts.Currency}
		for _, pt := range f.Path {
			in.Years = append(in.Years, pt.Years)
			in.CumulativeCosts = append(in.CumulativeCosts, pt.CumulativeCosts)
			in.ValueWithCosts = append(in.ValueWithCosts, pt.Net)
			in.ValueWithoutCosts = append(in.ValueWithoutCosts, pt.Gross)
		}
		return sk.CostsOverTime(id, loc, in)
	case chart.KindScenarios:
		in := chart.ScenariosInput{Currency: facts.Currency, RHPYears: facts.RHPYears}
		oneYear := len(f.Scenarios) > 0
		for _, s := range f.Scenarios {
			in.Scenarios = append(in.Scenarios, chart.Scenario{Label: ScenarioLabel(s.Key, lang), AnnualReturnPct: s.AtRHP.ReturnPct, ValueAtRHP: s.AtRHP.Value})
			oneYear = oneYear && s.OneYear != nil
		}
		if oneYear { // all four, or the table would have holes
			for _, s := range f.Scenarios {
				in.OneYear = append(in.OneYear, chart.ScenarioValue{Value: s.OneYear.Value, ReturnPct: s.OneYear.ReturnPct})
			}
		}
		if m := f.Minimum; m != nil {
			in.Minimum, in.MinimumLabel = &chart.ScenarioValue{Value: m.Value, ReturnPct: m.ReturnPct}, ScenarioLabel("minimum", lang)
		}
		if len(in.Scenarios) == 0 {
			return Figure{}, errors.New("the product has no performance scenarios")
		}
		return sk.Scenarios(id, loc, in)
	}
	return Figure{}, errors.New("not a product chart: " + kind)
}

// productKinds are the charts every product page shows.
var productKinds = []string{chart.KindRisk, chart.KindCosts, chart.KindCostsOverTime, chart.KindScenarios}

// productCharts builds the product page's charts; a chart that cannot be
// drawn (a product without scenarios) is left out, its table with it.
func (r *renderer) productCharts(n *Node, f *product.Figures) []Figure {
	var out []Figure
	for _, kind := range productKinds {
		var fig Figure
		var err error
		if kind == chart.KindRisk {
			fig, err = r.riskFigure(n)
		} else {
			fig, err = productFigure(r.skeletons, kind, chartKey(n), 1, n.Product, f, r.chartLang, r.site.Config.Language)
		}
		if err == nil {
			out = append(out, fig)
		}
	}
	return out
}

// riskKey is what a product page's risk chart depends on.
type riskKey struct {
	sri int
	rhp float64
}

// riskFigure is the risk chart of a product page. On its own page the
// product is named by the heading, so the chart leaves the name out and is
// the same for every product of one risk class and holding period: it is
// built once per build for each of them (a bank has thousands of products
// and a few dozen such pairs).
func (r *renderer) riskFigure(n *Node) (Figure, error) {
	f := n.Product.Facts
	key := riskKey{f.SRI, f.RHPYears}
	if c, ok := r.riskCache.Load(key); ok && r.on(RiskCharts) {
		fig := c.(Figure)
		fig.ID = chart.ID(chartKey(n), chart.KindRisk, 1)
		return fig, nil
	}
	fig, err := chart.Risk(chart.ID(chartKey(n), chart.KindRisk, 1), r.chartLang, chart.RiskInput{SRI: f.SRI, RHPYears: f.RHPYears})
	if err == nil {
		r.riskCache.Store(key, fig)
	}
	return fig, err
}

// figureHTML is the figure's markup: written by chart.Figure.HTML, or,
// without FigureWriter, by its template in html/template, which HTML
// must match.
func (r *renderer) figureHTML(f Figure) (template.HTML, error) {
	if r.on(FigureWriter) {
		return f.HTML()
	}
	return f.TemplateHTML()
}

// on reports whether the build takes shortcut s.
func (r *renderer) on(s Shortcut) bool { return r.off&s == 0 }

// comparison is the products section's chart of every product by risk
// class and annual cost impact at the holding period: the figure of each
// product's own costs table (the KID's where given), computed as its page
// computes it. current's figures are those of the page (nil elsewhere).
func (r *renderer) comparison(pageKey string, n int, current string, currentFigures *product.Figures) (Figure, error) {
	base := r.site.Config.BasePath()
	in := chart.ComparisonInput{Current: current}
	for _, id := range r.site.ProductIDs {
		pn := r.site.Products[id]
		p := pn.Product
		var cols []product.CostColumn
		if id == current && currentFigures != nil {
			cols = currentFigures.Columns
		} else {
			cols = product.CostColumns(p.Facts)
		}
		if cols == nil {
			continue // invalid facts: reported where they are, and the build publishes nothing
		}
		impact := cols[len(cols)-1].AnnualImpactPct
		in.Points = append(in.Points, chart.ComparisonPoint{ID: id, Name: pn.Title, URL: relURL(base, pn.URL), SRI: p.Facts.SRI, AnnualCostImpactPct: impact})
	}
	return chart.Comparison(chart.ID(pageKey, chart.KindComparison, n), r.chartLang, in)
}

// chartFence renders ```chart blocks: any chart of any product, the
// comparison, or the feedback charts.
func (r *renderer) chartFence(n *Node, v *PageView) markdown.FenceFunc {
	count := map[string]int{}
	return func(body []byte, line int) ([]byte, []diag.Diagnostic) {
		spec, err := chart.ParseSpec(body)
		if err != nil {
			var se *chart.SpecError
			if errors.As(err, &se) {
				d := diag.Errorf(n.Source, line+max(se.Line, 1)-1, "%s", se.Msg)
				if se.Hint != "" {
					d = d.WithHint("%s", se.Hint)
				}
				return nil, []diag.Diagnostic{d}
			}
			return nil, []diag.Diagnostic{diag.Errorf(n.Source, line, "%v", err)}
		}
		specLine := line + max(spec.Line, 1) - 1
		count[spec.Type]++
		var figs []Figure
		switch {
		case spec.Type == chart.KindComparison:
			f, err := r.comparison(chartKey(n), count[spec.Type], spec.Product, v.figuresOf(spec.Product))
			if err != nil {
				return nil, []diag.Diagnostic{diag.Errorf(n.Source, specLine, "cannot draw the comparison: %v", err)}
			}
			figs = append(figs, f)
		case strings.HasPrefix(spec.Type, "feedback"):
			all := r.feedbackFigures(chartKey(n), count[spec.Type])
			for _, f := range all {
				if spec.Type == "feedback" || f.Kind == spec.Type {
					figs = append(figs, f)
				}
			}
		default:
			id := spec.Product
			if id == "" && n.Product != nil {
				id = n.Product.Facts.ID
			}
			if id == "" {
				return nil, []diag.Diagnostic{diag.Errorf(n.Source, specLine, "the %s chart needs a product", spec.Type).
					WithHint("add a line product: <id>, or place the chart on a product explainer")}
			}
			pn := r.site.Products[id]
			if pn == nil {
				d := diag.Errorf(n.Source, specLine, "the chart names the product %q, which is not in the product data", id).WithKey("product")
				if h := suggest.Hint(id, r.site.ProductIDs); h != "" {
					d = d.WithHint("%s", h)
				}
				return nil, []diag.Diagnostic{d}
			}
			pf := v.figuresOf(id)
			if pf == nil {
				pf = product.Compute(pn.Product.Facts)
			}
			f, err := productFigure(r.skeletons, spec.Type, chartKey(n)+"_fence", count[spec.Type], pn.Product, pf, r.chartLang, r.site.Config.Language)
			if err != nil {
				return nil, []diag.Diagnostic{diag.Errorf(n.Source, specLine, "cannot draw the %s chart of %q: %v", spec.Type, id, err)}
			}
			figs = append(figs, f)
		}
		var buf bytes.Buffer
		for _, f := range figs {
			h, err := r.figureHTML(f)
			if err != nil {
				return nil, []diag.Diagnostic{diag.Errorf(n.Source, specLine, "cannot render the chart: %v", err)}
			}
			buf.WriteString(string(h))
		}
		r.mu.Lock()
		r.charts += len(figs)
		r.mu.Unlock()
		return buf.Bytes(), nil
	}
}

// feedbackFigures are the site-wide balance charts of the feedback page.
func (r *renderer) feedbackFigures(pageKey string, n int) []Figure {
	b := r.site.feedback.balance
	if b == nil {
		return nil
	}
	var out []Figure
	bal := chart.FeedbackBalanceInput{}
	for _, m := range b.Months {
		bal.Months = append(bal.Months, m.Month)
		bal.Praise = append(bal.Praise, m.Praise)
		bal.Criticism = append(bal.Criticism, m.Criticism)
		bal.Questions = append(bal.Questions, m.Questions)
		bal.Comments = append(bal.Comments, m.Comments)
	}
	if f, err := chart.FeedbackBalance(chart.ID(pageKey, chart.KindFeedbackBalance, n), r.chartLang, bal); err == nil {
		out = append(out, f)
	}
	fac := chart.FeedbackFactorsInput{}
	for i, a := range b.Factors {
		fac.Labels = append(fac.Labels, feedback.FactorLabel(i, r.theme.Words()))
		avg := math.NaN()
		if a.Count > 0 {
			avg = a.Mean()
		}
		fac.Averages = append(fac.Averages, avg)
		fac.Counts = append(fac.Counts, a.Count)
	}
	if f, err := chart.FeedbackFactors(chart.ID(pageKey, chart.KindFeedbackFactors, n), r.chartLang, fac); err == nil {
		out = append(out, f)
	}
	sec := chart.FeedbackSectionsInput{}
	for _, s := range b.Sections {
		name := s.Section
		if sn := r.site.Sections[s.Section]; sn != nil && sn.Title != "" {
			name = sn.Title
		} else if name == "" {
			name = r.theme.Translate("home")
		}
		sec.Sections = append(sec.Sections, name)
		sec.Praise = append(sec.Praise, s.Praise)
		sec.Criticism = append(sec.Criticism, s.Criticism)
		sec.Questions = append(sec.Questions, s.Questions)
		sec.Comments = append(sec.Comments, s.Comments)
	}
	if f, err := chart.FeedbackSections(chart.ID(pageKey, chart.KindFeedbackSections, n), r.chartLang, sec); err == nil {
		out = append(out, f)
	}
	return out
}
