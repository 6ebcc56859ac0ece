package render

import (
	"time"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/theme"
)

// ProductText is a product page's figures as the reader sees them: in the
// site's language, in the theme's words (its i18n keys), as plain text the
// layout prints. Formatting each figure in the layout instead costs
// html/template a function call of a microsecond or two apiece; the facts,
// the costs table and the review line were 60 % of the product layout's
// time. Every number here comes from the page's one product.Figures,
// which is in .ProductFigures for layouts of their own.
type ProductText struct {
	HoldingPeriod     string     // "5 Jahre", "7,5 Jahre", "6 Monate"
	HoldingPeriodText string     // i18n holding_period_text
	CostRates         string     // i18n cost_rates_text, with performance_fee_text and exit_text where they apply
	CostsIntro        string     // i18n costs_intro for 10,000 in the product's currency
	CostsAssumption   string     // i18n costs_assumption (0 % in the first year) or costs_assumption_rhp
	ImpactNote        string     // i18n impact_note: the return before and after costs at the holding period
	InvestmentOf      string     // i18n investment_of: the costs table's corner
	Exits             []ExitText // the costs table's columns, one per holding period
	FromKID           bool       // some figure of the costs table is the KID's own
	ScenariosIntro    string     // i18n scenarios_intro
	HasScenarios      bool       // the product has performance scenarios to show
	Minimum           string     // i18n minimum_text or no_minimum
	KID               string     // i18n kid_text: the KID and its date; "" without a kid_url
	KIDURL            string
	Manufacturer      string
	Reviewed          string // i18n reviewed_on, reviewed_by and valid_until; "" when the page was never reviewed
}

// ExitText is one column of the costs table.
type ExitText struct {
	After        string // i18n exit_after: "Ausstieg nach 1 Jahr"
	TotalCosts   string // money
	AnnualImpact string // percent per year
}

// productText formats the page's figures f of p for its page; meta is the
// explainer's front matter (zero for a product without one).
func productText(p *site.ProductInfo, f *product.Figures, meta content.Meta, loc locale.Locale, th *theme.Theme) *ProductText {
	facts := p.Facts
	t := th.Translate
	invest := loc.Money(product.ExampleInvestment, facts.Currency) // the amount the figures assume
	pt := &ProductText{
		HoldingPeriod:     loc.Years(facts.RHPYears),
		HoldingPeriodText: t("holding_period_text", loc.Years(facts.RHPYears)),
		CostRates:         t("cost_rates_text", loc.Percent(facts.EntryPct, 2), loc.Percent(facts.OngoingPct, 2), loc.Percent(facts.TransactionPct, 2)),
		CostsIntro:        t("costs_intro", invest),
		InvestmentOf:      t("investment_of", invest),
		ScenariosIntro:    t("scenarios_intro", invest, loc.YearsAfter(facts.RHPYears)),
		Manufacturer:      facts.Manufacturer,
	}
	if facts.PerformanceFeePct > 0 {
		pt.CostRates += ", " + t("performance_fee_text", loc.Percent(facts.PerformanceFeePct, 2))
	}
	if x1 := facts.Exit1YPct; x1 != nil && *x1 != facts.ExitPct && facts.RHPYears > 1 {
		pt.CostRates += ", " + t("exit_sliding_text", loc.Percent(*x1, 2), loc.Percent(facts.ExitPct, 2))
	} else if facts.ExitPct > 0 {
		pt.CostRates += ", " + t("exit_text", loc.Percent(facts.ExitPct, 2))
	}
	if facts.KIDURL != "" {
		pt.KIDURL = facts.KIDURL
		pt.KID = t("kid_text")
		if d, err := time.Parse("2006-01-02", facts.KIDDate); err == nil {
			pt.KID = t("kid_text_dated", loc.Date(d))
		}
	}
	if f != nil {
		for _, c := range f.Columns {
			pt.Exits = append(pt.Exits, ExitText{
				After:        t("exit_after", loc.YearsAfter(c.Years)),
				TotalCosts:   loc.Money(c.TotalCosts, facts.Currency),
				AnnualImpact: loc.Percent(c.AnnualImpactPct, 2),
			})
			pt.FromKID = pt.FromKID || c.FromKID.TotalCosts || c.FromKID.AnnualImpact
		}
		pt.CostsAssumption = t("costs_assumption_rhp")
		if len(f.Columns) > 1 {
			pt.CostsAssumption = t("costs_assumption")
		}
		last := f.Columns[len(f.Columns)-1]
		after := *facts.ScenarioModeratePct
		pt.ImpactNote = t("impact_note", loc.YearsAfter(last.Years), loc.Percent(after+last.AnnualImpactPct, 2), loc.Percent(after, 2))
		pt.HasScenarios = len(f.Scenarios) > 0
		if m := f.Minimum; m != nil {
			pt.Minimum = t("minimum_text", loc.Money(m.Value, facts.Currency), loc.YearsAfter(facts.RHPYears))
		} else {
			pt.Minimum = t("no_minimum")
		}
	}
	if !meta.Reviewed.IsZero() {
		pt.Reviewed = t("reviewed_on", loc.Date(meta.Reviewed))
		if meta.ReviewedBy != "" {
			pt.Reviewed += " " + t("reviewed_by", meta.ReviewedBy)
		}
		pt.Reviewed += "."
		if !meta.ValidUntil.IsZero() {
			pt.Reviewed += " " + t("valid_until", loc.Date(meta.ValidUntil))
		}
	}
	return pt
}
