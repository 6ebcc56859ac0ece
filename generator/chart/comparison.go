package chart

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/klartext/klartext/generator/locale"
)

// ComparisonPoint is one product in the comparison.
type ComparisonPoint struct {
	ID, Name, URL       string
	SRI                 int     // 1 to 7
	AnnualCostImpactPct float64 // in percent
}

// ComparisonInput is the products to compare.
type ComparisonInput struct {
	Points  []ComparisonPoint
	Current string // ID of the product to mark (on its own page); may be empty
}

// NamedPointsMax is the number of products up to which the chart carries
// product names for its tooltips; above it only the coordinates go into
// the options (the table names every product), to keep the JSON small.
const NamedPointsMax = 2000

// Comparison draws every product by risk class (x, spread a little so
// products of one class do not hide each other) and annual cost impact (y).
// The table lists all products in the given order and is sortable.
func Comparison(id string, loc Lang, in ComparisonInput) (Figure, error) {
	if len(in.Points) == 0 {
		return Figure{}, errors.New("chart: comparison without products")
	}
	t := textsFor(loc)
	named := len(in.Points) <= NamedPointsMax
	pts := scatterPoints{xs: make([]float64, 0, len(in.Points)), ys: make([]float64, 0, len(in.Points))}
	if named {
		pts.names = make([]string, 0, len(in.Points))
	}
	var cur *scatterPoints
	f := Figure{ID: id, Kind: KindComparison, Caption: t.cmpCaption}
	f.Table = Table{Header: []string{t.cmpProduct, t.cmpRisk, t.cmpCosts}, Rows: make([][]Cell, len(in.Points)), Sortable: true}
	cells := make([]Cell, 3*len(in.Points)) // one allocation for all rows
	minS, maxS := 8, 0
	minC, maxC := math.Inf(1), math.Inf(-1)
	for i, p := range in.Points {
		if p.SRI < 1 || p.SRI > 7 {
			return Figure{}, fmt.Errorf("chart: comparison: product %q has risk class %d, not 1 to 7", p.ID, p.SRI)
		}
		if math.IsNaN(p.AnnualCostImpactPct) || math.IsInf(p.AnnualCostImpactPct, 0) {
			return Figure{}, fmt.Errorf("chart: comparison: product %q has no annual cost impact", p.ID)
		}
		minS, maxS = min(minS, p.SRI), max(maxS, p.SRI)
		minC, maxC = min(minC, p.AnnualCostImpactPct), max(maxC, p.AnnualCostImpactPct)
		x := locale.Round(float64(p.SRI)+jitter(p.ID, p.Name), 2)
		y := locale.Round(p.AnnualCostImpactPct, 3)
		mark := p.ID != "" && p.ID == in.Current
		if mark {
			cur = &scatterPoints{xs: []float64{x}, ys: []float64{y}, names: []string{p.Name}}
		} else {
			pts.xs, pts.ys = append(pts.xs, x), append(pts.ys, y)
			if named {
				pts.names = append(pts.names, p.Name)
			}
		}
		sri := strconv.Itoa(p.SRI)
		row := cells[3*i : 3*i+3 : 3*i+3]
		row[0] = Cell{Text: p.Name, URL: p.URL, Highlight: mark}
		row[1] = Cell{Text: sri, Numeric: true, Sort: sri, Highlight: mark}
		row[2] = Cell{Text: loc.Percent(p.AnnualCostImpactPct, 2), Numeric: true, Sort: sortKey(p.AnnualCostImpactPct), Highlight: mark}
		f.Table.Rows[i] = row
	}
	f.AriaLabel = fmt.Sprintf(t.cmpAria, len(in.Points), minS, maxS, loc.Percent(minC, 2), loc.Percent(maxC, 2))

	c := charts.NewScatter()
	c.SetGlobalOptions(base(id, f.AriaLabel)...)
	encode := &opts.Encode{X: 0, Y: 1, Tooltip: 1}
	if named {
		encode.ItemName = 2
	}
	c.AddSeries(t.cmpProduct, nil,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorTotal, Opacity: opts.Float(0.6)}),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Data = pts
			s.SymbolSize = 6
			s.Large = opts.Bool(true)
			s.LargeThreshold = NamedPointsMax
			s.Encode = encode
		}))
	if cur != nil {
		c.AddSeries(t.cmpThis, nil,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorHighlight, BorderColor: colorText, BorderWidth: 2}),
			charts.WithLabelOpts(*label(t.cmpThis, "right")),
			charts.WithSeriesOpts(func(s *charts.SingleSeries) {
				s.Data = *cur
				s.SymbolSize = 14
				s.Symbol = "diamond"
				s.Encode = &opts.Encode{X: 0, Y: 1, Tooltip: 1, ItemName: 2}
			}))
	}
	var err error
	f.Options, err = finish(c, func(m map[string]any) {
		lo, hi := 1.0, 7.0
		x := axis("value", nil, &numberFormat{Locale: intlLocale(loc), Style: "decimal", Min: &lo, Max: &hi})
		x["min"], x["max"], x["interval"] = 0, 8, 1
		x["name"], x["nameLocation"], x["nameGap"] = t.cmpRisk, "middle", 28
		x["splitLine"] = map[string]any{"show": false}
		y := axis("value", nil, fmtPercent(loc, 2))
		y["name"] = t.cmpCosts
		m["xAxis"], m["yAxis"] = []any{x}, []any{y}
		g := grid(36)
		g["top"] = 40
		m["grid"] = g
		m["tooltip"] = map[string]any{"show": true, "trigger": "item", "klartextFormat": fmtPercent(loc, 2)}
	})
	return f, err
}

// jitter spreads the products of one risk class over ±0.3 around it,
// deterministically from the product's id.
func jitter(id, name string) float64 {
	h := fnv.New32a()
	h.Write([]byte(id))
	if id == "" {
		h.Write([]byte(name))
	}
	return (float64(h.Sum32()%1000)/999 - 0.5) * 0.6
}

// scatterPoints marshals as [[x,y,"name"],...] (or [[x,y],...] without
// names) with no per-point objects, which keeps 20,000 products at a few
// hundred kilobytes and fast to write. encoding/json compacts the result
// and escapes <, > and & in it.
type scatterPoints struct {
	xs, ys []float64
	names  []string // nil: no names
}

func (p scatterPoints) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, len(p.xs)*(14+16*len(p.names)/max(1, len(p.xs)))+2)
	b = append(b, '[')
	for i := range p.xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendFloat(b, p.xs[i], 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, p.ys[i], 'f', -1, 64)
		if p.names != nil {
			b = append(b, ',')
			b = appendJSONString(b, p.names[i])
		}
		b = append(b, ']')
	}
	return append(b, ']'), nil
}

// appendJSONString writes s as a JSON string (quotes, backslashes and
// control characters escaped; invalid UTF-8 replaced).
func appendJSONString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
