package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/klartext/klartext/generator/escape"
)

// Figure kinds; each is also a CSS class "chart-<kind>" on the figure.
const (
	KindRisk             = "risk"
	KindCosts            = "costs"
	KindCostsOverTime    = "costs-over-time"
	KindScenarios        = "scenarios"
	KindComparison       = "comparison"
	KindFeedbackBalance  = "feedback-balance"
	KindFeedbackFactors  = "feedback-factors"
	KindFeedbackSections = "feedback-sections"
)

// Figure is one chart ready for the theme: see the package documentation
// for the HTML it becomes.
type Figure struct {
	ID        string      // deterministic, only [A-Za-z0-9_]; the canvas element's id
	Kind      string      // one of the Kind constants
	Caption   string      // the figcaption, plain text
	AriaLabel string      // one-sentence text alternative with the key numbers
	Options   template.JS // ECharts options JSON, HTML-safe for <script type="application/json">
	Table     Table       // the same numbers, for readers without the chart
}

// Table holds the figure's numbers as text, formatted for the locale.
type Table struct {
	Caption  string
	Header   []string
	Rows     [][]Cell // the first cell of a row is the row header (<th scope="row">)
	Sortable bool     // the theme may make the table sortable (data-sortable)
}

// Cell is one table cell.
type Cell struct {
	Text      string
	Numeric   bool   // right-aligned number (class "num")
	Highlight bool   // the marked value, e.g. the product's own risk class (class "highlight")
	Sort      string // machine-readable value for sorting (data-sort), e.g. "0.85"; may be empty
	URL       string // link target, e.g. a product page; may be empty
	// Amount marks an amount of money for the example investment of
	// 10,000, whose exact value is Sort (attribute data-amount): a
	// product page's calculator scales it to the reader's own amount.
	Amount bool
}

// Class is the cell's CSS classes: "num", "highlight", both or none.
func (c Cell) Class() string {
	switch {
	case c.Numeric && c.Highlight:
		return "num highlight"
	case c.Numeric:
		return "num"
	case c.Highlight:
		return "highlight"
	}
	return ""
}

// figureHTML is the markup documented in doc.go; keep the two identical.
const figureHTML = `<figure class="chart chart-{{.Kind}}" id="{{.ID}}-figure" aria-labelledby="{{.ID}}-caption">
<figcaption id="{{.ID}}-caption">{{.Caption}}</figcaption>
<div class="chart-canvas" id="{{.ID}}" role="img" aria-label="{{.AriaLabel}}" hidden></div>
<script type="application/json" data-chart="{{.ID}}">{{.Options}}</script>
<div class="table-scroll" tabindex="0" role="group" aria-labelledby="{{.ID}}-caption"><table class="chart-table"{{if .Table.Sortable}} data-sortable{{end}}>
{{- with .Table.Caption}}<caption>{{.}}</caption>{{end}}
{{with .Table.Header}}<thead><tr>{{range .}}<th scope="col">{{.}}</th>{{end}}</tr></thead>{{end}}
<tbody>
{{- range .Table.Rows}}
<tr>{{range $i, $c := .}}{{if eq $i 0}}<th scope="row"{{else}}<td{{end}}
{{- with $c.Class}} class="{{.}}"{{end}}{{with $c.Sort}} data-sort="{{.}}"{{end}}{{if $c.Amount}} data-amount{{end}}
{{- if and $i (lt $i (len $.Table.Header))}} data-label="{{index $.Table.Header $i}}"{{end}}>
{{- if $c.URL}}<a href="{{$c.URL}}">{{$c.Text}}</a>{{else}}{{$c.Text}}{{end}}
{{- if eq $i 0}}</th>{{else}}</td>{{end}}{{end}}</tr>
{{- end}}
</tbody>
</table></div>
</figure>`

var figureTemplate = template.Must(template.New("figure").Parse(figureHTML))

// HTML renders the figure as the theme should (see the package
// documentation). It writes the markup of figureHTML directly, escaping
// with package escape, which prints what html/template prints in these
// contexts; a build renders tens of thousands of figures, and executing
// the template costs ten times more. TestHTMLMatchesTemplate and
// FuzzHTMLMatchesTemplate keep the two identical.
func (f Figure) HTML() (template.HTML, error) {
	var b strings.Builder
	b.Grow(f.htmlSize())
	f.WriteHTML(&b)
	return template.HTML(b.String()), nil
}

// Writer is what WriteHTML writes to: a strings.Builder, a bytes.Buffer,
// a page's pagebuf.Buffer.
type Writer interface {
	io.Writer
	io.StringWriter
}

// WriteHTML writes what HTML returns to b, for a caller that gathers a
// page's pieces in a buffer of its own.
func (f Figure) WriteHTML(b Writer) {
	esc := func(s string) { escape.WriteHTML(b, s) }
	b.WriteString(`<figure class="chart chart-`)
	esc(f.Kind)
	b.WriteString(`" id="`)
	esc(f.ID)
	b.WriteString(`-figure" aria-labelledby="`)
	esc(f.ID)
	b.WriteString("-caption\">\n<figcaption id=\"")
	esc(f.ID)
	b.WriteString(`-caption">`)
	esc(f.Caption)
	b.WriteString("</figcaption>\n<div class=\"chart-canvas\" id=\"")
	esc(f.ID)
	b.WriteString(`" role="img" aria-label="`)
	esc(f.AriaLabel)
	b.WriteString("\" hidden></div>\n<script type=\"application/json\" data-chart=\"")
	esc(f.ID)
	b.WriteString(`">`)
	b.WriteString(string(f.Options))
	b.WriteString("</script>\n<div class=\"table-scroll\" tabindex=\"0\" role=\"group\" aria-labelledby=\"")
	esc(f.ID)
	b.WriteString("-caption\"><table class=\"chart-table\"")
	if f.Table.Sortable {
		b.WriteString(" data-sortable")
	}
	b.WriteString(">")
	if f.Table.Caption != "" {
		b.WriteString("<caption>")
		esc(f.Table.Caption)
		b.WriteString("</caption>")
	}
	b.WriteString("\n")
	if len(f.Table.Header) > 0 {
		b.WriteString("<thead><tr>")
		for _, h := range f.Table.Header {
			b.WriteString(`<th scope="col">`)
			esc(h)
			b.WriteString("</th>")
		}
		b.WriteString("</tr></thead>")
	}
	b.WriteString("\n<tbody>")
	for _, row := range f.Table.Rows {
		b.WriteString("\n<tr>")
		for i, c := range row {
			if i == 0 {
				b.WriteString(`<th scope="row"`)
			} else {
				b.WriteString("<td")
			}
			if cl := c.Class(); cl != "" {
				b.WriteString(` class="`)
				b.WriteString(cl)
				b.WriteString(`"`)
			}
			if c.Sort != "" {
				b.WriteString(` data-sort="`)
				esc(c.Sort)
				b.WriteString(`"`)
			}
			if c.Amount {
				b.WriteString(" data-amount")
			}
			if i > 0 && i < len(f.Table.Header) {
				// The column's header, for the stacked rows of a narrow
				// screen (site.css shows it before the value).
				b.WriteString(` data-label="`)
				esc(f.Table.Header[i])
				b.WriteString(`"`)
			}
			b.WriteString(">")
			if c.URL != "" {
				b.WriteString(`<a href="`)
				esc(escape.NormalizeURL(escape.FilterURL(c.URL)))
				b.WriteString(`">`)
				esc(c.Text)
				b.WriteString("</a>")
			} else {
				esc(c.Text)
			}
			if i == 0 {
				b.WriteString("</th>")
			} else {
				b.WriteString("</td>")
			}
		}
		b.WriteString("</tr>")
	}
	b.WriteString("\n</tbody>\n</table></div>\n</figure>")
}

// htmlSize is about what HTML writes, a little more when text needs
// escaping: a builder grown once instead of doubling through the table.
func (f Figure) htmlSize() int {
	n := 500 + 7*len(f.ID) + len(f.Kind) + len(f.Caption) + len(f.AriaLabel) + len(f.Options) + len(f.Table.Caption)
	for _, h := range f.Table.Header {
		n += 24 + len(h)
	}
	for _, row := range f.Table.Rows {
		n += 10
		for i, c := range row {
			n += 48 + len(c.Text) + len(c.Sort) + len(c.URL)
			if i > 0 && i < len(f.Table.Header) {
				n += 14 + len(f.Table.Header[i])
			}
		}
	}
	return n + n/16
}

// TemplateHTML renders the figure with figureHTML through html/template:
// what HTML must print, and what a build without the shortcut prints.
func (f Figure) TemplateHTML() (template.HTML, error) {
	var b strings.Builder
	if err := figureTemplate.Execute(&b, f); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// ID returns a chart id for the n-th chart of a kind on a page, e.g.
// ID("products/etf-welt", "costs", 1) = "chart_products_etf_welt_costs_1".
// It contains only [A-Za-z0-9_] (German umlauts and ß are transliterated,
// other characters become "_"), so it is safe as an HTML id and in
// JavaScript. It is deterministic; pages number their charts from 1.
func ID(pageKey, kind string, n int) string {
	var b strings.Builder
	b.Grow(len(pageKey) + len(kind) + 16)
	b.WriteString("chart")
	part := func(s string) {
		b.WriteByte('_')
		under := true // suppress leading and repeated "_"
		for _, r := range s {
			var t string
			switch {
			case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
				b.WriteRune(r)
				under = false
				continue
			case r == 'ä':
				t = "ae"
			case r == 'ö':
				t = "oe"
			case r == 'ü':
				t = "ue"
			case r == 'Ä':
				t = "Ae"
			case r == 'Ö':
				t = "Oe"
			case r == 'Ü':
				t = "Ue"
			case r == 'ß':
				t = "ss"
			}
			if t != "" {
				b.WriteString(t)
				under = false
				continue
			}
			if !under {
				b.WriteByte('_')
				under = true
			}
		}
	}
	part(pageKey)
	part(kind)
	s := strings.TrimRight(b.String(), "_")
	// collapse "__" left where a part was empty or ended in a separator
	for strings.Contains(s, "__") {
		s = strings.ReplaceAll(s, "__", "_")
	}
	return fmt.Sprintf("%s_%d", s, n)
}

// Colours: dark text (WCAG AA on white) and series colours with at least
// 3:1 contrast against white for graphical objects.
const (
	colorText      = "#1a1a1a"
	colorAxis      = "#4a4a4a"
	colorGrid      = "#d9d9d9"
	colorBar       = "#5b6b7b" // neutral bars
	colorHighlight = "#b34700" // the marked value
	colorTotal     = "#1f4e8c"
)

var palette = opts.Colors{"#1f4e8c", "#b34700", "#2e7d32", "#6a3d9a", "#a3262a", "#00707a"}

// base returns the global options every chart shares: deterministic id,
// SVG renderer, responsive size (the element is sized by CSS), no
// animation, palette and aria description.
func base(id, aria string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{
			Width:      "100%",
			Height:     "100%",
			ChartID:    id,
			Renderer:   "svg",
			Theme:      "white",
			PageTitle:  "klartext",
			AssetsHost: "/js/",
		}),
		charts.WithAnimation(false),
		charts.WithColorsOpts(palette),
		charts.WithAriaOpts(&opts.Aria{
			Enabled: opts.Bool(true),
			Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: aria},
		}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	}
}

// jsonChart is what every go-echarts chart offers after building.
type jsonChart interface {
	Validate()
	JSON() map[string]interface{}
}

// finish validates the chart, lets edit adjust the options map (axes and
// keys go-echarts does not model), and marshals it compactly and HTML-safely.
func finish(c jsonChart, edit func(m map[string]any)) (template.JS, error) {
	c.Validate()
	m := c.JSON()
	delete(m, "toolbox") // always empty here
	m["textStyle"] = map[string]any{"color": colorText}
	if edit != nil {
		edit(m)
	}
	b, err := json.Marshal(m) // escapes <, >, &, U+2028, U+2029; map keys sorted
	if err != nil {
		return "", err
	}
	// "{{" can only occur inside a JSON string; write it so that no template
	// engine that might see the page later takes it for an action.
	if bytes.Contains(b, []byte("{{")) {
		b = bytes.ReplaceAll(b, []byte("{{"), []byte(`{\u007b`))
	}
	return template.JS(b), nil
}

// numberFormat is read by charts.js to format axis labels and tooltip
// values with Intl.NumberFormat (ECharts itself formats numbers in English).
type numberFormat struct {
	Locale   string   `json:"locale"`
	Style    string   `json:"style"` // decimal | percent (value in percent) | currency
	Currency string   `json:"currency,omitempty"`
	Digits   int      `json:"digits"`
	Min      *float64 `json:"min,omitempty"` // values outside [Min, Max] get no label
	Max      *float64 `json:"max,omitempty"`
}

func intlLocale(loc Lang) string { return loc.Tag() }

func fmtDecimal(loc Lang, digits int) *numberFormat {
	return &numberFormat{Locale: intlLocale(loc), Style: "decimal", Digits: digits}
}

func fmtPercent(loc Lang, digits int) *numberFormat {
	return &numberFormat{Locale: intlLocale(loc), Style: "percent", Digits: digits}
}

func fmtMoney(loc Lang, currency string, digits int) *numberFormat {
	if len(currency) != 3 {
		return fmtDecimal(loc, digits)
	}
	return &numberFormat{Locale: intlLocale(loc), Style: "currency", Currency: strings.ToUpper(currency), Digits: digits}
}

// axis builds an ECharts axis object.
func axis(typ string, data []string, f *numberFormat) map[string]any {
	a := map[string]any{
		"type":      typ,
		"axisLabel": map[string]any{"color": colorAxis},
		"axisLine":  map[string]any{"lineStyle": map[string]any{"color": colorAxis}},
	}
	if typ == "category" {
		a["data"] = data
		a["axisTick"] = map[string]any{"alignWithLabel": true}
	} else {
		a["splitLine"] = map[string]any{"lineStyle": map[string]any{"color": colorGrid}}
	}
	if f != nil {
		a["klartextFormat"] = f
	}
	return a
}

func grid(bottom int) map[string]any {
	return map[string]any{"left": 8, "right": 24, "top": 32, "bottom": bottom, "containLabel": true}
}

// label is a fixed bar label. text must hold only numbers formatted here:
// ECharts reads "{...}" in a formatter as a template, so editors' text
// (names, labels) never goes into one.
func label(text, position string) *opts.Label {
	return &opts.Label{Show: opts.Bool(true), Formatter: text, Position: position, Color: colorText}
}
