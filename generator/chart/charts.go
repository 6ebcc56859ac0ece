package chart

import (
	"errors"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/klartext/klartext/generator/locale"
)

// RiskInput is a product's summary risk indicator.
type RiskInput struct {
	SRI         int     // 1 to 7
	RHPYears    float64 // recommended holding period; 0 leaves it out
	ProductName string  // may be empty
}

// Risk draws the 1–7 scale with the product's class marked.
func Risk(id string, loc Lang, in RiskInput) (Figure, error) {
	if in.SRI < 1 || in.SRI > 7 {
		return Figure{}, fmt.Errorf("chart: risk class %d is not between 1 and 7", in.SRI)
	}
	t := textsFor(loc)
	holding := ""
	if in.RHPYears > 0 {
		holding = loc.Years(in.RHPYears)
	}
	f := Figure{ID: id, Kind: KindRisk}
	if in.ProductName != "" {
		f.Caption = fmt.Sprintf(t.riskCaption, in.ProductName)
		f.AriaLabel = fmt.Sprintf(t.riskAria, in.SRI, in.ProductName, holding)
	} else {
		f.Caption = t.riskCaptionNoName
		f.AriaLabel = fmt.Sprintf(t.riskAriaNoName, in.SRI, holding)
	}
	if holding == "" {
		f.AriaLabel = f.AriaLabel[:strings.LastIndex(f.AriaLabel, ";")] + "."
	}

	cats := make([]string, 7)
	data := make([]opts.BarData, 7)
	// The table is the scale itself, one row: the class's header, then 1
	// to 7 with the product's marked; the caption says which it is (seven
	// rows, six of them empty, said less in more space).
	f.Table = Table{Caption: fmt.Sprintf(t.riskTableCaption, in.SRI)}
	scale := []Cell{{Text: t.riskClass}}
	for i := range 7 {
		class := i + 1
		cats[i] = strconv.Itoa(class)
		d := opts.BarData{Value: class, ItemStyle: &opts.ItemStyle{Color: colorBar}}
		if class == in.SRI {
			d.ItemStyle = &opts.ItemStyle{Color: colorHighlight, BorderColor: colorText, BorderWidth: 2}
			d.Label = label(t.riskThis, "top")
		}
		data[i] = d
		scale = append(scale, Cell{Text: cats[i], Numeric: true, Highlight: class == in.SRI})
	}
	f.Table.Rows = [][]Cell{scale}
	if holding != "" {
		f.Table.Caption += ". " + fmt.Sprintf(t.riskHolding, holding)
	}

	c := charts.NewBar()
	c.SetGlobalOptions(base(id, f.AriaLabel)...)
	c.SetGlobalOptions(charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}))
	c.SetXAxis(cats).AddSeries(t.riskClass, data, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "15%"}))
	var err error
	f.Options, err = finish(c, func(m map[string]any) {
		x := axis("category", cats, nil)
		x["name"] = t.riskClass
		x["nameLocation"] = "middle"
		x["nameGap"] = 28
		y := axis("value", nil, nil)
		y["show"] = false
		y["max"] = 8
		m["xAxis"] = []any{x}
		m["yAxis"] = []any{y}
		m["grid"] = grid(72)
		titles := []any{
			map[string]any{"text": t.riskLower, "left": 8, "bottom": 28, "textStyle": smallText()},
			map[string]any{"text": t.riskHigher, "right": 24, "bottom": 28, "textStyle": smallText()},
		}
		if holding != "" {
			titles = append(titles, map[string]any{"text": fmt.Sprintf(t.riskHolding, holding), "left": "center", "bottom": 0,
				"textStyle": map[string]any{"color": colorText, "fontSize": 14, "fontWeight": "bold"}})
		}
		m["title"] = titles
	})
	return f, err
}

func smallText() map[string]any {
	return map[string]any{"color": colorText, "fontSize": 12, "fontWeight": "normal"}
}

// CostLine is one kind of cost and what it takes, in the currency.
type CostLine struct {
	Label  string
	Amount float64
}

// CostsInput is the composition of a product's costs as the KID's table 2
// shows it: what each kind of cost takes if the investor exits after
// Years, in Currency; the lines add up to Total.
type CostsInput struct {
	Currency string
	Years    float64
	Lines    []CostLine
	Rates    []string // the rate of each line as the reader sees it ("1,20 % des Werts Ihrer Anlage pro Jahr"); may be empty
	Total    float64
}

// Costs draws the composition of costs as horizontal bars, the total in
// the title.
func Costs(id string, loc Lang, in CostsInput) (Figure, error) {
	return costs(nil, id, loc, in)
}

// costs is Costs, with the options filled into a skeleton of s (nil: built
// directly).
func costs(s *Skeletons, id string, loc Lang, in CostsInput) (Figure, error) {
	if len(in.Lines) == 0 {
		return Figure{}, errors.New("chart: costs without cost lines")
	}
	if len(in.Rates) != 0 && len(in.Rates) != len(in.Lines) {
		return Figure{}, fmt.Errorf("chart: costs: %d lines but %d rates", len(in.Lines), len(in.Rates))
	}
	t := textsFor(loc)
	money := func(v float64) string { return loc.Money(v, in.Currency) }
	total := money(in.Total)
	period := afterYears(loc, in.Years)
	f := Figure{ID: id, Kind: KindCosts, Caption: fmt.Sprintf(t.costsCaption, period)}
	f.Table = Table{Header: []string{t.costsKind, fmt.Sprintf(t.costsAmount, period)}}
	if len(in.Rates) > 0 {
		f.Table.Header = []string{t.costsKind, t.costsRate, fmt.Sprintf(t.costsAmount, period)}
	}
	n := len(in.Lines)
	p := newCostsParts(n)
	items := make([]string, n)
	for i, l := range in.Lines {
		m := money(l.Amount)
		p.cats[i] = l.Label
		p.values[i] = jsonNumber(l.Amount, 2)
		p.labels[i] = m
		items[i] = l.Label + " " + m
		row := []Cell{{Text: l.Label}}
		if len(in.Rates) > 0 {
			row = append(row, Cell{Text: in.Rates[i]})
		}
		f.Table.Rows = append(f.Table.Rows, append(row, amount(m, l.Amount)))
	}
	last := []Cell{{Text: t.costsTotal, Highlight: true}}
	if len(in.Rates) > 0 {
		last = append(last, Cell{Highlight: true})
	}
	f.Table.Rows = append(f.Table.Rows, append(last, Cell{Text: total, Numeric: true, Highlight: true, Sort: sortKey(in.Total), Amount: true}))
	f.AriaLabel = fmt.Sprintf(t.costsAria, period, total, strings.Join(items, ", "))
	p.aria = f.AriaLabel
	p.title = fmt.Sprintf(t.costsTotalTitle, total)

	var err error
	f.Options, err = options(s, shape{kind: KindCosts, loc: loc.Locale, currency: in.Currency, n: n}, id, p,
		func() *costsParts { return newCostsParts(n) },
		func(id string, p *costsParts) (template.JS, error) { return costsOptions(id, loc, in.Currency, p) })
	return f, err
}

// costsParts are the per-product values of a costs chart's options.
type costsParts struct {
	aria, title  string
	cats, labels []string
	values       []any // jsonNumber
}

func newCostsParts(n int) *costsParts {
	return &costsParts{cats: make([]string, n), labels: make([]string, n), values: make([]any, n)}
}

func (p *costsParts) walk(f func(*string, *any)) {
	f(&p.aria, nil)
	f(&p.title, nil)
	for i := range p.cats {
		f(&p.cats[i], nil)
		f(nil, &p.values[i])
		f(&p.labels[i], nil)
	}
}

// costsOptions builds a costs chart's options with go-echarts.
func costsOptions(id string, loc Lang, currency string, p *costsParts) (template.JS, error) {
	t := textsFor(loc)
	data := make([]opts.BarData, len(p.cats))
	for i := range data {
		data[i] = opts.BarData{Value: p.values[i], Label: label(p.labels[i], "right")}
	}
	c := charts.NewBar()
	c.SetGlobalOptions(base(id, p.aria)...)
	c.SetGlobalOptions(charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}))
	c.SetXAxis(p.cats).AddSeries(t.costsImpact, data,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorTotal}),
		charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "30%"}))
	return finish(c, func(m map[string]any) {
		x := axis("value", nil, fmtMoney(loc, currency, 0))
		y := axis("category", p.cats, nil)
		y["inverse"] = true
		m["xAxis"] = []any{x}
		m["yAxis"] = []any{y}
		g := grid(8)
		g["top"] = 40
		g["right"] = 88 // room for the value labels
		m["grid"] = g
		m["title"] = map[string]any{"text": p.title, "left": 8, "top": 0,
			"textStyle": map[string]any{"color": colorText, "fontSize": 14, "fontWeight": "bold"}}
	})
}

// CostsOverTimeInput is the costs and values of an investment over the
// years (see the content model: computed, never typed in).
type CostsOverTimeInput struct {
	Currency          string    // ISO 4217
	Years             []float64 // after how many years (7.5, 0.5: fractions keep their value)
	CumulativeCosts   []float64
	ValueWithCosts    []float64
	ValueWithoutCosts []float64
}

// CostsOverTime draws bars of cumulative costs and lines of the value with
// and without costs.
func CostsOverTime(id string, loc Lang, in CostsOverTimeInput) (Figure, error) {
	return costsOverTime(nil, id, loc, in)
}

// costsOverTime is CostsOverTime, with the options filled into a skeleton
// of s (nil: built directly).
func costsOverTime(s *Skeletons, id string, loc Lang, in CostsOverTimeInput) (Figure, error) {
	n := len(in.Years)
	if n == 0 {
		return Figure{}, errors.New("chart: costs over time without years")
	}
	if len(in.CumulativeCosts) != n || len(in.ValueWithCosts) != n || len(in.ValueWithoutCosts) != n {
		return Figure{}, fmt.Errorf("chart: costs over time: %d years but %d costs, %d values with and %d without costs",
			n, len(in.CumulativeCosts), len(in.ValueWithCosts), len(in.ValueWithoutCosts))
	}
	t := textsFor(loc)
	money := func(v float64) string { return loc.Money(v, in.Currency) }
	f := Figure{ID: id, Kind: KindCostsOverTime, Caption: t.cotCaption}
	f.Table = Table{Header: []string{t.cotPeriod, t.cotCosts, t.cotWith, t.cotWithout}}
	p := newCostsOverTimeParts(n)
	for i, y := range in.Years {
		p.cats[i] = loc.Years(y)
		p.costs[i] = jsonNumber(in.CumulativeCosts[i], 2)
		p.with[i] = jsonNumber(in.ValueWithCosts[i], 2)
		p.without[i] = jsonNumber(in.ValueWithoutCosts[i], 2)
		f.Table.Rows = append(f.Table.Rows, []Cell{
			{Text: p.cats[i], Sort: sortKey(y)},
			amount(money(in.CumulativeCosts[i]), in.CumulativeCosts[i]),
			amount(money(in.ValueWithCosts[i]), in.ValueWithCosts[i]),
			amount(money(in.ValueWithoutCosts[i]), in.ValueWithoutCosts[i]),
		})
	}
	last := n - 1
	f.AriaLabel = fmt.Sprintf(t.cotAria, afterYears(loc, in.Years[last]), money(in.CumulativeCosts[last]),
		money(in.ValueWithCosts[last]), money(in.ValueWithoutCosts[last]))
	p.aria = f.AriaLabel

	var err error
	f.Options, err = options(s, shape{kind: KindCostsOverTime, loc: loc.Locale, currency: in.Currency, n: n}, id, p,
		func() *costsOverTimeParts { return newCostsOverTimeParts(n) },
		func(id string, p *costsOverTimeParts) (template.JS, error) {
			return costsOverTimeOptions(id, loc, in.Currency, p)
		})
	return f, err
}

// costsOverTimeParts are the per-product values of a costs-over-time
// chart's options.
type costsOverTimeParts struct {
	aria                 string
	cats                 []string
	costs, with, without []any // jsonNumber
}

func newCostsOverTimeParts(n int) *costsOverTimeParts {
	return &costsOverTimeParts{cats: make([]string, n), costs: make([]any, n), with: make([]any, n), without: make([]any, n)}
}

func (p *costsOverTimeParts) walk(f func(*string, *any)) {
	f(&p.aria, nil)
	for i := range p.cats {
		f(&p.cats[i], nil)
		f(nil, &p.costs[i])
		f(nil, &p.with[i])
		f(nil, &p.without[i])
	}
}

// costsOverTimeOptions builds a costs-over-time chart's options with
// go-echarts.
func costsOverTimeOptions(id string, loc Lang, currency string, p *costsOverTimeParts) (template.JS, error) {
	t := textsFor(loc)
	n := len(p.cats)
	costs := make([]opts.BarData, n)
	with := make([]opts.LineData, n)
	without := make([]opts.LineData, n)
	for i := range n {
		costs[i] = opts.BarData{Value: p.costs[i]}
		with[i] = opts.LineData{Value: p.with[i]}
		without[i] = opts.LineData{Value: p.without[i]}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(base(id, p.aria)...)
	bar.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}))
	bar.SetXAxis(p.cats).AddSeries(t.cotCosts, costs, charts.WithItemStyleOpts(opts.ItemStyle{Color: colorHighlight}),
		charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "40%"}))
	// The lines go straight into the bar chart's series: a second chart
	// and Overlap would cost a reflection pass over all defaults (~30 %).
	bar.MultiSeries = append(bar.MultiSeries,
		charts.SingleSeries{Name: t.cotWith, Type: types.ChartLine, Data: with, Symbol: "circle", SymbolSize: 8,
			ItemStyle: &opts.ItemStyle{Color: colorTotal}, LineStyle: &opts.LineStyle{Width: 3, Color: colorTotal}},
		charts.SingleSeries{Name: t.cotWithout, Type: types.ChartLine, Data: without, Symbol: "diamond", SymbolSize: 9,
			ItemStyle: &opts.ItemStyle{Color: "#2e7d32"}, LineStyle: &opts.LineStyle{Width: 3, Type: "dashed", Color: "#2e7d32"}})
	return finish(bar, func(m map[string]any) {
		m["xAxis"] = []any{axis("category", p.cats, nil)}
		m["yAxis"] = []any{axis("value", nil, fmtMoney(loc, currency, 0))}
		m["grid"] = grid(8)
		m["tooltip"] = map[string]any{"show": true, "trigger": "axis", "klartextFormat": fmtMoney(loc, currency, 2)}
	})
}

// Scenario is one performance scenario at the recommended holding period.
type Scenario struct {
	Label           string  // "Stress", "Pessimistisch", ...
	AnnualReturnPct float64 // average return each year, in percent
	ValueAtRHP      float64 // what an investment is worth at the holding period
}

// ScenarioValue is a scenario's value and average return each year after
// a period.
type ScenarioValue struct {
	Value, ReturnPct float64
}

// ScenariosInput is a product's performance scenarios.
type ScenariosInput struct {
	Currency  string
	RHPYears  float64
	Scenarios []Scenario
	// OneYear are the scenarios after 1 year, in the order of Scenarios;
	// empty when the product gives none (the table then has no such
	// columns).
	OneYear []ScenarioValue
	// Minimum is the minimum return at the holding period; nil when the
	// product has none.
	Minimum *ScenarioValue
	// MinimumLabel names the minimum's row ("Minimum").
	MinimumLabel string
}

// Scenarios draws one bar per scenario with the value at the holding
// period and the return per year as its label.
func Scenarios(id string, loc Lang, in ScenariosInput) (Figure, error) {
	return scenarios(nil, id, loc, in)
}

// scenarios is Scenarios, with the options filled into a skeleton of s
// (nil: built directly).
func scenarios(s *Skeletons, id string, loc Lang, in ScenariosInput) (Figure, error) {
	if len(in.Scenarios) == 0 {
		return Figure{}, errors.New("chart: no scenarios")
	}
	if in.RHPYears <= 0 {
		return Figure{}, fmt.Errorf("chart: scenarios need a holding period above 0, not %v", in.RHPYears)
	}
	if len(in.OneYear) != 0 && len(in.OneYear) != len(in.Scenarios) {
		return Figure{}, fmt.Errorf("chart: scenarios: %d scenarios but %d after 1 year", len(in.Scenarios), len(in.OneYear))
	}
	t := textsFor(loc)
	period := afterYears(loc, in.RHPYears)
	f := Figure{ID: id, Kind: KindScenarios, Caption: fmt.Sprintf(t.scenCaption, period)}
	f.Table = Table{Header: []string{t.scenName, fmt.Sprintf(t.scenValue, period), t.scenReturn}}
	if len(in.OneYear) > 0 {
		one := afterYears(loc, 1)
		f.Table.Header = []string{t.scenName, fmt.Sprintf(t.scenValue, one), fmt.Sprintf(t.scenReturnAfter, one),
			fmt.Sprintf(t.scenValue, period), t.scenReturn}
	}
	n := len(in.Scenarios)
	p := newScenariosParts(n)
	items := make([]string, n)
	for i, sc := range in.Scenarios {
		v, r := loc.Money(sc.ValueAtRHP, in.Currency), loc.Percent(sc.AnnualReturnPct, 1)
		p.cats[i] = sc.Label
		p.colors[i] = colorTotal
		if sc.AnnualReturnPct < 0 {
			p.colors[i] = colorHighlight
		}
		p.values[i] = jsonNumber(sc.ValueAtRHP, 2)
		p.labels[i] = v + "\n" + r + " " + t.perYear
		items[i] = fmt.Sprintf(t.scenItem, sc.Label, v, r)
		row := []Cell{{Text: sc.Label}}
		if len(in.OneYear) > 0 {
			o := in.OneYear[i]
			row = append(row, amount(loc.Money(o.Value, in.Currency), o.Value), num(loc.Percent(o.ReturnPct, 1), o.ReturnPct))
		}
		f.Table.Rows = append(f.Table.Rows, append(row, amount(v, sc.ValueAtRHP), num(r, sc.AnnualReturnPct)))
	}
	if m := in.Minimum; m != nil {
		row := []Cell{{Text: in.MinimumLabel}}
		if len(in.OneYear) > 0 {
			row = append(row, Cell{}, Cell{})
		}
		f.Table.Rows = append(f.Table.Rows, append(row, amount(loc.Money(m.Value, in.Currency), m.Value), num(loc.Percent(m.ReturnPct, 1), m.ReturnPct)))
	}
	f.AriaLabel = fmt.Sprintf(t.scenAria, period, strings.Join(items, "; "))
	p.aria = f.AriaLabel
	p.name = fmt.Sprintf(t.scenValue, period)

	var err error
	f.Options, err = options(s, shape{kind: KindScenarios, loc: loc.Locale, currency: in.Currency, n: n}, id, p,
		func() *scenariosParts { return newScenariosParts(n) },
		func(id string, p *scenariosParts) (template.JS, error) {
			return scenariosOptions(id, loc, in.Currency, p)
		})
	return f, err
}

// scenariosParts are the per-product values of a scenarios chart's
// options.
type scenariosParts struct {
	aria, name           string // name: the series, with the holding period
	cats, labels, colors []string
	values               []any // jsonNumber
}

func newScenariosParts(n int) *scenariosParts {
	return &scenariosParts{cats: make([]string, n), labels: make([]string, n), colors: make([]string, n), values: make([]any, n)}
}

func (p *scenariosParts) walk(f func(*string, *any)) {
	f(&p.aria, nil)
	f(&p.name, nil)
	for i := range p.cats {
		f(&p.cats[i], nil)
		f(nil, &p.values[i])
		f(&p.labels[i], nil)
		f(&p.colors[i], nil)
	}
}

// scenariosOptions builds a scenarios chart's options with go-echarts.
func scenariosOptions(id string, loc Lang, currency string, p *scenariosParts) (template.JS, error) {
	data := make([]opts.BarData, len(p.cats))
	for i := range data {
		data[i] = opts.BarData{Value: p.values[i], ItemStyle: &opts.ItemStyle{Color: p.colors[i]}, Label: label(p.labels[i], "top")}
	}
	c := charts.NewBar()
	c.SetGlobalOptions(base(id, p.aria)...)
	c.SetXAxis(p.cats).AddSeries(p.name, data, charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "30%"}))
	return finish(c, func(m map[string]any) {
		m["xAxis"] = []any{axis("category", p.cats, nil)}
		m["yAxis"] = []any{axis("value", nil, fmtMoney(loc, currency, 0))}
		g := grid(8)
		g["top"] = 48 // room for the two-line labels
		m["grid"] = g
		m["tooltip"] = map[string]any{"show": true, "trigger": "axis", "klartextFormat": fmtMoney(loc, currency, 2)}
	})
}

// num is a numeric table cell with its sort key.
func num(text string, v float64) Cell {
	return Cell{Text: text, Numeric: true, Sort: sortKey(v)}
}

// amount is a numeric cell holding money for the example investment
// (Cell.Amount).
func amount(text string, v float64) Cell {
	c := num(text, v)
	c.Amount = true
	return c
}

func sortKey(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// jsonNumber rounds v for the chart (the table carries the exact figure);
// NaN and infinities, which JSON cannot hold, become null (no bar).
func jsonNumber(v float64, decimals int) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return locale.Round(v, decimals)
}

// FeedbackBalanceInput is the feedback per month.
type FeedbackBalanceInput struct {
	Months                       []string // "2026-03" (formatted for the locale) or any label
	Praise, Criticism, Questions []int
	// Comments are the imported comments no editor classified yet; a
	// fourth series only when there are some (nil: none).
	Comments []int
}

// FeedbackBalance draws praise, criticism and questions per month.
func FeedbackBalance(id string, loc Lang, in FeedbackBalanceInput) (Figure, error) {
	n := len(in.Months)
	if len(in.Praise) != n || len(in.Criticism) != n || len(in.Questions) != n {
		return Figure{}, fmt.Errorf("chart: feedback balance: %d months but %d praise, %d criticism and %d questions counts",
			n, len(in.Praise), len(in.Criticism), len(in.Questions))
	}
	t := textsFor(loc)
	cats := make([]string, n)
	for i, m := range in.Months {
		cats[i] = monthLabel(loc, m)
	}
	f := Figure{ID: id, Kind: KindFeedbackBalance, Caption: t.fbBalanceCaption}
	if n == 0 {
		f.AriaLabel = t.noData
	} else {
		f.AriaLabel = fmt.Sprintf(t.fbBalanceAria, cats[0], cats[n-1],
			loc.Number(float64(sum(in.Praise)), 0), loc.Number(float64(sum(in.Criticism)), 0), loc.Number(float64(sum(in.Questions)), 0))
	}
	names, series := []string{t.fbPraise, t.fbCriticism, t.fbQs}, [][]int{in.Praise, in.Criticism, in.Questions}
	if c := sum(in.Comments); c > 0 {
		if len(in.Comments) != n {
			return Figure{}, fmt.Errorf("chart: feedback balance: %d months but %d comment counts", n, len(in.Comments))
		}
		f.AriaLabel += fmt.Sprintf(t.fbCommentsAria, loc.Number(float64(c), 0))
		names, series = append(names, t.fbComments), append(series, in.Comments)
	}
	f.Table = countsTable(loc, append([]string{t.fbMonth}, names...), cats, series...)
	var err error
	f.Options, err = countsChart(id, loc, f.AriaLabel, cats, false, names, series...)
	return f, err
}

// FeedbackSectionsInput is the feedback per section of the site.
type FeedbackSectionsInput struct {
	Sections                     []string // section names as readers see them
	Praise, Criticism, Questions []int
	Comments                     []int // as in FeedbackBalanceInput
}

// FeedbackSections draws praise, criticism and questions per section as
// stacked horizontal bars.
func FeedbackSections(id string, loc Lang, in FeedbackSectionsInput) (Figure, error) {
	n := len(in.Sections)
	if len(in.Praise) != n || len(in.Criticism) != n || len(in.Questions) != n {
		return Figure{}, fmt.Errorf("chart: feedback sections: %d sections but %d praise, %d criticism and %d questions counts",
			n, len(in.Praise), len(in.Criticism), len(in.Questions))
	}
	t := textsFor(loc)
	f := Figure{ID: id, Kind: KindFeedbackSections, Caption: t.fbSectionsCaption}
	parts := make([]string, n)
	for i, s := range in.Sections {
		parts[i] = fmt.Sprintf("%s: %s %s, %s %s, %s %s", s,
			loc.Number(float64(in.Praise[i]), 0), t.fbPraise, loc.Number(float64(in.Criticism[i]), 0), t.fbCriticism,
			loc.Number(float64(in.Questions[i]), 0), t.fbQs)
	}
	names, series := []string{t.fbPraise, t.fbCriticism, t.fbQs}, [][]int{in.Praise, in.Criticism, in.Questions}
	if sum(in.Comments) > 0 {
		if len(in.Comments) != n {
			return Figure{}, fmt.Errorf("chart: feedback sections: %d sections but %d comment counts", n, len(in.Comments))
		}
		for i := range parts {
			parts[i] += fmt.Sprintf(", %s %s", loc.Number(float64(in.Comments[i]), 0), t.fbComments)
		}
		names, series = append(names, t.fbComments), append(series, in.Comments)
	}
	if n == 0 {
		f.AriaLabel = t.noData
	} else {
		f.AriaLabel = fmt.Sprintf(t.fbSectionsAria, strings.Join(parts, "; "))
	}
	f.Table = countsTable(loc, append([]string{t.fbSection}, names...), in.Sections, series...)
	var err error
	f.Options, err = countsChart(id, loc, f.AriaLabel, in.Sections, true, names, series...)
	return f, err
}

func countsTable(loc Lang, header, cats []string, series ...[]int) Table {
	tb := Table{Header: header, Rows: make([][]Cell, len(cats))}
	for i, c := range cats {
		row := make([]Cell, 0, 1+len(series))
		row = append(row, Cell{Text: c})
		for _, s := range series {
			row = append(row, num(loc.Number(float64(s[i]), 0), float64(s[i])))
		}
		tb.Rows[i] = row
	}
	return tb
}

// countsChart draws count series per category: grouped vertical bars, or
// stacked horizontal bars.
func countsChart(id string, loc Lang, aria string, cats []string, horizontal bool, names []string, series ...[]int) (template.JS, error) {
	colors := []string{"#2e7d32", colorHighlight, colorTotal, colorBar} // praise, criticism, questions, comments
	c := charts.NewBar()
	c.SetGlobalOptions(base(id, aria)...)
	c.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}))
	c.SetXAxis(cats)
	for k, s := range series {
		data := make([]opts.BarData, len(s))
		for i, v := range s {
			data[i] = opts.BarData{Value: v}
		}
		so := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: colors[k%len(colors)]})}
		if horizontal {
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
		}
		c.AddSeries(names[k], data, so...)
	}
	return finish(c, func(m map[string]any) {
		cat, val := axis("category", cats, nil), axis("value", nil, fmtDecimal(loc, 0))
		val["minInterval"] = 1
		if horizontal {
			cat["inverse"] = true
			m["xAxis"], m["yAxis"] = []any{val}, []any{cat}
		} else {
			m["xAxis"], m["yAxis"] = []any{cat}, []any{val}
		}
		g := grid(8)
		g["top"] = 40
		m["grid"] = g
		m["tooltip"] = map[string]any{"show": true, "trigger": "axis", "klartextFormat": fmtDecimal(loc, 0)}
	})
}

// FeedbackFactorsInput is the average rating (1 to 5) per factor.
type FeedbackFactorsInput struct {
	Labels   []string  // costs, transparency, ... as readers see them
	Averages []float64 // NaN where there are no ratings
	Counts   []int
}

// FeedbackFactors draws the average rating per factor as horizontal bars
// on a 0–5 scale, labelled with the average and the number of ratings.
func FeedbackFactors(id string, loc Lang, in FeedbackFactorsInput) (Figure, error) {
	n := len(in.Labels)
	if len(in.Averages) != n || len(in.Counts) != n {
		return Figure{}, fmt.Errorf("chart: feedback factors: %d labels but %d averages and %d counts", n, len(in.Averages), len(in.Counts))
	}
	t := textsFor(loc)
	f := Figure{ID: id, Kind: KindFeedbackFactors, Caption: t.fbFactorsCaption}
	f.Table = Table{Header: []string{t.fbFactor, t.fbAverage, t.fbCount}}
	data := make([]opts.BarData, n)
	parts := make([]string, n)
	for i, l := range in.Labels {
		avg := in.Averages[i]
		if in.Counts[i] == 0 {
			avg = math.NaN()
		}
		a, cnt := loc.Number(avg, 1), loc.Number(float64(in.Counts[i]), 0)
		data[i] = opts.BarData{Value: jsonNumber(avg, 2), Label: label(a+" (n = "+cnt+")", "right")}
		parts[i] = fmt.Sprintf("%s %s (n = %s)", l, a, cnt)
		f.Table.Rows = append(f.Table.Rows, []Cell{{Text: l}, num(a, avg), num(cnt, float64(in.Counts[i]))})
	}
	if n == 0 {
		f.AriaLabel = t.noData
	} else {
		f.AriaLabel = fmt.Sprintf(t.fbFactorsAria, strings.Join(parts, ", "))
	}
	c := charts.NewBar()
	c.SetGlobalOptions(base(id, f.AriaLabel)...)
	c.SetGlobalOptions(charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}))
	c.SetXAxis(in.Labels).AddSeries(t.fbAverage, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: colorTotal}),
		charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "30%"}))
	var err error
	f.Options, err = finish(c, func(m map[string]any) {
		x := axis("value", nil, fmtDecimal(loc, 0))
		x["min"], x["max"], x["interval"] = 0, 5, 1
		y := axis("category", in.Labels, nil)
		y["inverse"] = true
		m["xAxis"], m["yAxis"] = []any{x}, []any{y}
		g := grid(8)
		g["right"] = 96
		m["grid"] = g
	})
	return f, err
}

// afterYears writes a period for "after ... years": German needs the
// dative ("nach 5 Jahren", "nach 1 Jahr").
func afterYears(loc Lang, y float64) string { return loc.YearsAfter(y) }

// monthLabel formats "2026-03" as the locale's month ("März 2026");
// anything else is returned as it is.
func monthLabel(loc Lang, s string) string {
	if tm, err := time.Parse("2006-01", s); err == nil {
		return loc.Month(tm)
	}
	return s
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}
