package build

import (
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/theme"
)

// ProductText is a product page's figures as the reader sees them: in the
// site's language, in the theme's words (its i18n keys), as plain text the
// layout prints. Formatting each figure in the layout instead costs
// html/template a function call of a microsecond or two apiece; the facts,
// the costs table and the review line were 60 % of the product layout's
// time. The figures themselves stay in .Product for layouts of their own.
type ProductText struct {
	HoldingPeriod     string     // "5 Jahre"
	HoldingPeriodText string     // i18n holding_period_text
	CostRates         string     // i18n cost_rates_text, with performance_fee_text and exit_text where they apply
	CostsIntro        string     // i18n costs_intro for 10,000 in the product's currency
	InvestmentOf      string     // i18n investment_of: the costs table's corner
	Exits             []ExitText // the costs table's columns, one per holding period
	ScenariosIntro    string     // i18n scenarios_intro
	HasScenarios      bool       // the product has performance scenarios to show
	Reviewed          string     // i18n reviewed_on, reviewed_by and valid_until; "" when the page was never reviewed
}

// ExitText is one column of the costs table.
type ExitText struct {
	After        string // i18n exit_after: "Ausstieg nach 1 Jahr"
	TotalCosts   string // money
	AnnualImpact string // percent per year
}

// productText formats p's figures for its page; meta is the explainer's
// front matter (zero for a product without one).
func productText(p *ProductInfo, meta content.Meta, loc locale.Locale, th *theme.Theme) *ProductText {
	f := p.Facts
	t := th.Translate
	invest := loc.Money(product.ExampleInvestment, f.Currency) // the amount the figures assume
	pt := &ProductText{
		HoldingPeriod:     loc.Years(f.RHPYears),
		HoldingPeriodText: t("holding_period_text", loc.Years(f.RHPYears)),
		CostRates:         t("cost_rates_text", loc.Percent(f.EntryPct, 2), loc.Percent(f.OngoingPct, 2), loc.Percent(f.TransactionPct, 2)),
		CostsIntro:        t("costs_intro", invest),
		InvestmentOf:      t("investment_of", invest),
		ScenariosIntro:    t("scenarios_intro", invest, loc.YearsAfter(f.RHPYears)),
		HasScenarios:      len(p.Scenarios()) > 0,
	}
	if f.PerformanceFeePct > 0 {
		pt.CostRates += ", " + t("performance_fee_text", loc.Percent(f.PerformanceFeePct, 2))
	}
	if f.ExitPct > 0 {
		pt.CostRates += ", " + t("exit_text", loc.Percent(f.ExitPct, 2))
	}
	for _, c := range p.Costs() {
		pt.Exits = append(pt.Exits, ExitText{
			After:        t("exit_after", loc.YearsAfter(c.Years)),
			TotalCosts:   loc.Money(c.TotalCosts, f.Currency),
			AnnualImpact: loc.Percent(c.AnnualImpactPct, 2),
		})
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
