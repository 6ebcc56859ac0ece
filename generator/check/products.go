package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/site"
)

// ProductReport is what klartext check --products prints for one product:
// what was read and from where, and the figures its page will publish —
// the page a compliance officer signs. The figures are the same
// computation the page's tables and charts show (product.Compute).
type ProductReport struct {
	ID      string            `json:"id"`
	Name    string            `json:"name"`
	Sources []string          `json:"sources"` // file:line of the CSV row, then the YAML file
	Read    []ReadField       `json:"read"`
	Figures *PublishedFigures `json:"figures,omitempty"` // nil: the facts are invalid (see the errors)
}

// ReadField is one key as it was read.
type ReadField struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Source string `json:"source"`           // product.Position's String: the file and row or line
	Column int    `json:"column,omitempty"` // the column in the row (CSV) or line (YAML), where known
}

// PublishedFigures are the figures of the page, each as the page prints
// it (Text) and as a number.
type PublishedFigures struct {
	Currency    string              `json:"currency"`
	Investment  float64             `json:"investment"`
	Columns     []PublishedColumn   `json:"costs_over_time"`
	Composition []PublishedLine     `json:"composition"`
	After       string              `json:"composition_after"` // the period as the page names it ("5 Jahren")
	AfterYears  float64             `json:"composition_years"` // the same period in years
	Scenarios   []PublishedScenario `json:"scenarios"`
	Minimum     *PublishedValue     `json:"minimum,omitempty"`
}

// PublishedColumn is one column of the costs-over-time table.
type PublishedColumn struct {
	Years        float64        `json:"years"`
	TotalCosts   PublishedValue `json:"total_costs"`
	AnnualImpact PublishedValue `json:"annual_cost_impact_pct"`
}

// PublishedValue is a published number: as printed, the number, and
// whether it is the KID's own figure or the model's.
type PublishedValue struct {
	Text    string   `json:"text"`
	Value   float64  `json:"value"`
	FromKID bool     `json:"from_kid,omitempty"`
	Model   *float64 `json:"model,omitempty"` // the model's figure where the KID's is shown
	// ModelText is Model formatted as Text is, for the text report: the
	// two figures side by side in one number format.
	ModelText string `json:"-"`
}

// PublishedLine is a line of the composition of costs.
type PublishedLine struct {
	Key    string         `json:"key"`
	Rate   string         `json:"rate"`
	Amount PublishedValue `json:"amount"`
}

// PublishedScenario is a performance scenario.
type PublishedScenario struct {
	Key           string          `json:"key"`
	OneYear       *PublishedValue `json:"after_1_year,omitempty"`
	OneYearReturn *PublishedValue `json:"return_after_1_year_pct,omitempty"`
	AtRHP         PublishedValue  `json:"at_holding_period"`
	Return        PublishedValue  `json:"return_each_year_pct"`
}

// ProductReports builds the report of every product of a resolved site,
// in id order, formatted for the site's language.
func ProductReports(s *site.Site) []ProductReport {
	loc := locale.For(s.Config.Language)
	out := make([]ProductReport, 0, len(s.ProductIDs))
	for _, id := range s.ProductIDs {
		pn := s.Products[id]
		p := pn.Product.Facts
		r := ProductReport{ID: id, Name: p.Name}
		for _, s := range p.Sources {
			r.Sources = append(r.Sources, s.String())
		}
		for _, f := range p.Fields() {
			r.Read = append(r.Read, ReadField{Key: f.Key, Value: f.Value, Source: f.At.String(), Column: f.At.Column})
		}
		if f := product.Compute(p); f != nil {
			r.Figures = published(p, f, loc)
		}
		out = append(out, r)
	}
	return out
}

func published(p product.Product, f *product.Figures, loc locale.Locale) *PublishedFigures {
	money := func(v float64) PublishedValue {
		return PublishedValue{Text: loc.Money(v, p.Currency), Value: locale.Round(v, 2)}
	}
	pct := func(v float64, decimals int) PublishedValue {
		return PublishedValue{Text: loc.Percent(v, decimals), Value: locale.Round(v, decimals)}
	}
	pf := &PublishedFigures{Currency: p.Currency, Investment: product.ExampleInvestment,
		After: loc.YearsAfter(f.Composition.Years), AfterYears: f.Composition.Years}
	for _, c := range f.Columns {
		col := PublishedColumn{Years: c.Years, TotalCosts: money(c.TotalCosts), AnnualImpact: pct(c.AnnualImpactPct, 2)}
		if c.FromKID.TotalCosts {
			m := money(c.ModelTotalCosts)
			col.TotalCosts.FromKID, col.TotalCosts.Model, col.TotalCosts.ModelText = true, &m.Value, m.Text
		}
		if c.FromKID.AnnualImpact {
			m := pct(c.ModelImpactPct, 2)
			col.AnnualImpact.FromKID, col.AnnualImpact.Model, col.AnnualImpact.ModelText = true, &m.Value, m.Text
		}
		pf.Columns = append(pf.Columns, col)
	}
	for _, l := range f.Composition.Lines {
		pf.Composition = append(pf.Composition, PublishedLine{Key: l.Key, Rate: loc.Percent(l.Pct, 2), Amount: money(l.Amount)})
	}
	for _, s := range f.Scenarios {
		ps := PublishedScenario{Key: s.Key, AtRHP: money(s.AtRHP.Value), Return: pct(s.AtRHP.ReturnPct, 1)}
		if o := s.OneYear; o != nil {
			v, r := money(o.Value), pct(o.ReturnPct, 1)
			ps.OneYear, ps.OneYearReturn = &v, &r
		}
		pf.Scenarios = append(pf.Scenarios, ps)
	}
	if m := f.Minimum; m != nil {
		v := money(m.Value)
		pf.Minimum = &v
	}
	return pf
}

// WriteProducts prints the reports: as text for people, or as JSON
// ({"products": [...]}). The text is English, as every message of klartext
// check is, whatever the site's language; the figures in it are quoted as
// the page prints them (the site's number format), since they are what
// the compliance officer compares with the page.
func WriteProducts(w io.Writer, f Format, reports []ProductReport) error {
	if f == JSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"products": reports})
	}
	var b strings.Builder
	for _, r := range reports {
		fmt.Fprintf(&b, "%s — %s\n  read from %s\n", r.ID, r.Name, strings.Join(r.Sources, ", "))
		for _, fl := range r.Read {
			fmt.Fprintf(&b, "    %-28s %-24s %s", fl.Key, fl.Value, fl.Source)
			if fl.Column > 0 {
				fmt.Fprintf(&b, ", column %d", fl.Column)
			}
			b.WriteString("\n")
		}
		pf := r.Figures
		if pf == nil {
			b.WriteString("  no figures: the facts have errors (listed below)\n\n")
			continue
		}
		fmt.Fprintf(&b, "  published (figures as the page prints them), for %s %s invested:\n", trim(pf.Investment), pf.Currency)
		for _, c := range pf.Columns {
			fmt.Fprintf(&b, "    costs if you exit after %-11s total %s%s, annual cost impact %s%s\n",
				english.Years(c.Years), c.TotalCosts.Text, kidNote(c.TotalCosts), c.AnnualImpact.Text, kidNote(c.AnnualImpact))
		}
		fmt.Fprintf(&b, "    composition if you exit after %s:", english.Years(pf.AfterYears))
		for i, l := range pf.Composition {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, " %s %s (%s)", l.Key, l.Amount.Text, l.Rate)
		}
		b.WriteString("\n")
		for _, s := range pf.Scenarios {
			fmt.Fprintf(&b, "    scenario %-13s", s.Key)
			if s.OneYear != nil {
				fmt.Fprintf(&b, " after 1 year %s (%s),", s.OneYear.Text, s.OneYearReturn.Text)
			}
			fmt.Fprintf(&b, " at the holding period %s (%s a year)\n", s.AtRHP.Text, s.Return.Text)
		}
		if pf.Minimum != nil {
			fmt.Fprintf(&b, "    minimum at the holding period %s\n", pf.Minimum.Text)
		} else {
			b.WriteString("    no minimum return\n")
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// english names the periods in the text report.
var english = locale.For("en")

func kidNote(v PublishedValue) string {
	if v.FromKID && v.Model != nil {
		return fmt.Sprintf(" (the KID's; the model gives %s)", v.ModelText)
	}
	return ""
}

func trim(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}
