package render

import (
	"errors"
	"html/template"
	"strings"

	"github.com/klartext/klartext/generator/chart"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/markdown"
	"github.com/klartext/klartext/generator/pagebuf"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/shortcut"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/suggest"
)

// Figure is a chart ready for the theme.
type Figure = chart.Figure

// chartScripts are the theme scripts a page with charts loads, deferred;
// pages without charts load none. ECharts is not among them: charts.js
// loads it (echarts.min.js beside it) when the first chart comes near the
// screen, so a page's first screen does not wait for it.
var chartScripts = []string{"/js/charts.js"}

// chartKey is the page part of chart IDs: "products/etf-welt".
func chartKey(n *site.Node) string { return strings.Trim(n.URL, "/") }

// figuresOf is the page's own product figures when id is its product, so
// a fence on a product's page draws from the page's one computation; nil
// otherwise.
func (v *PageView) figuresOf(id string) *product.Figures {
	if v != nil && v.Product != nil && v.Product.Facts.ID == id {
		return v.ProductFigures
	}
	return nil
}

// data is what a chart of kind k on page n is drawn from; n numbers the
// charts of the kind on the page (from 1), so IDs stay unique and stable.
func (r *Renderer) data(k *ChartKind, n *site.Node, key string, number int) ChartData {
	return ChartData{Site: r.site, Page: n, Locale: r.chartLang, Words: r.words, Lang: r.site.Config.Language, r: r, kind: k.Name, key: key, n: number}
}

// renderCharts draws the page's own charts: a product page's (the kinds
// OnProductPage), and those of the kinds another page draws as its own
// (the products section's comparison, the feedback page's balance). A
// product page leaves out a chart that cannot be drawn (a product without
// scenarios), its table with it.
func (r *Renderer) renderCharts(n *site.Node, v *PageView, out *Page, pd *diag.List) {
	var figs []Figure
	for _, k := range chartKinds.all() {
		d := r.data(k, n, chartKey(n), 1)
		d.OwnPage = true
		switch {
		case n.Product != nil && k.OnProductPage:
			d.Product, d.Figures = n, v.ProductFigures
			if fs, err := k.Draw(d); err == nil {
				figs = append(figs, fs...)
			}
		case n.Product == nil && k.OwnPage != nil && k.OwnPage(r.site, n):
			fs, err := k.Draw(d)
			if err != nil {
				file := n.Source // the section's _index.md; else the products come from the data alone
				if file == "" {
					file = product.CSVFile
				}
				pd.Add(diag.Errorf(file, 0, "cannot draw the %s: %v", k.Noun, err))
			}
			figs = append(figs, fs...)
		}
	}
	if n.Kind == site.KindFeedback {
		v.Balance = r.feedback.balanceView(r.site, r.loc, r.words)
	}
	if len(figs) == 0 {
		return
	}
	v.Figures = make(map[string]template.HTML, len(figs))
	v.charts = make([]template.HTML, 0, len(figs))
	for _, f := range figs {
		h, err := r.figureHTML(v.parts, f)
		if err != nil {
			pd.Add(diag.Errorf(n.Source, 0, "cannot render the charts of %s: %v", n.URL, err))
			continue
		}
		v.Figures[f.Kind] += h
		v.charts = append(v.charts, h)
		v.sortable = v.sortable || f.Table.Sortable
	}
	out.Charts += len(figs)
}

// riskKey is what a product page's risk chart depends on.
type riskKey struct {
	sri int
	rhp float64
}

// riskFigure is the risk chart of a product page, without the product's
// name: built once per build for each risk class and holding period (a
// bank has thousands of products and a few dozen such pairs).
func (r *Renderer) riskFigure(n *site.Node, id string) (Figure, error) {
	f := n.Product.Facts
	key := riskKey{f.SRI, f.RHPYears}
	if c, ok := r.riskCache.Load(key); ok && r.env.Off.Takes(shortcut.RiskCharts) {
		fig := c.(Figure)
		fig.ID = id
		return fig, nil
	}
	fig, err := chart.Risk(id, r.chartLang, chart.RiskInput{SRI: f.SRI, RHPYears: f.RHPYears})
	if err == nil {
		r.riskCache.Store(key, fig)
	}
	return fig, err
}

// figureHTML is the figure's markup: written by chart.Figure.WriteHTML
// into the page's parts, or, without FigureWriter, by its template in
// html/template, which WriteHTML must match.
func (r *Renderer) figureHTML(parts *pagebuf.Buffer, f Figure) (template.HTML, error) {
	mark := parts.Mark()
	if r.env.Off.Takes(shortcut.FigureWriter) {
		f.WriteHTML(parts)
	} else {
		h, err := f.TemplateHTML()
		if err != nil {
			return "", err
		}
		parts.WriteString(string(h))
	}
	return template.HTML(parts.Since(mark)), nil
}

// chartFence renders ```chart blocks: a chart of any registered kind, of
// the page's product or the one the block names.
func (r *Renderer) chartFence(n *site.Node, v *PageView) markdown.FenceFunc {
	count := map[string]int{}
	return func(body []byte, line int) ([]byte, []diag.Diagnostic) {
		spec, err := chart.ParseSpec(body, chartKinds.specTypes())
		if err != nil {
			var se *chart.SpecError
			if errors.As(err, &se) {
				d := diag.Errorf(n.Source, line+max(se.Line, 1)-1, "%s", se.Msg)
				if !se.Hint.Empty() {
					d = d.WithHint("%s", se.Hint)
				}
				return nil, []diag.Diagnostic{d}
			}
			return nil, []diag.Diagnostic{diag.Errorf(n.Source, line, "%v", err)}
		}
		specLine := line + max(spec.Line, 1) - 1
		count[spec.Type]++
		k := chartKinds.kind(spec.Type)
		if k == nil {
			return nil, []diag.Diagnostic{diag.Errorf(n.Source, specLine, "internal error: the chart type %q has no kind; please report this", spec.Type)}
		}
		d := r.data(k, n, chartKey(n), count[spec.Type])
		var figs []Figure
		switch k.Product {
		case MarksProduct:
			d.Marked, d.Figures = spec.Product, v.figuresOf(spec.Product)
			figs, err = k.Draw(d)
			if err != nil {
				return nil, []diag.Diagnostic{diag.Errorf(n.Source, specLine, "cannot draw the comparison: %v", err)}
			}
		case OfProduct:
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
				if h := suggest.Hint(id, r.site.ProductIDs); !h.Empty() {
					d = d.WithHint("%s", h)
				}
				return nil, []diag.Diagnostic{d}
			}
			d.key += "_fence"
			d.Product, d.Figures = pn, v.figuresOf(id)
			if d.Figures == nil {
				d.Figures = product.Compute(pn.Product.Facts)
			}
			figs, err = k.Draw(d)
			if err != nil {
				return nil, []diag.Diagnostic{diag.Errorf(n.Source, specLine, "cannot draw the %s chart of %q: %v", spec.Type, id, err)}
			}
		default:
			figs, err = k.Draw(d)
			if err != nil {
				return nil, []diag.Diagnostic{diag.Errorf(n.Source, specLine, "cannot draw the %s: %v", k.Noun, err)}
			}
		}
		// The figures one after the other in the page's parts: the block's
		// HTML is the string from the first one's start.
		mark := v.parts.Mark()
		for _, f := range figs {
			if _, err := r.figureHTML(v.parts, f); err != nil {
				return nil, []diag.Diagnostic{diag.Errorf(n.Source, specLine, "cannot render the chart: %v", err)}
			}
		}
		v.fenceCharts += len(figs)
		for _, f := range figs {
			v.sortable = v.sortable || f.Table.Sortable
		}
		return v.parts.Bytes(mark), nil
	}
}
