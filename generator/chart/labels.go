package chart

import (
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
)

// texts are the words the charts use (the keys chart_* of the theme's
// translation files). Format verbs are fmt's; numbers arrive already
// formatted by package locale.
type texts struct {
	riskCaption, riskCaptionNoName string // %s product
	riskAria, riskAriaNoName       string // %d class, [%s product], %s holding period
	riskHolding                    string // %s years
	riskLower, riskHigher          string
	riskClass, riskThis            string
	riskTableCaption               string

	costsCaption, costsAria, costsTotalTitle string // %s period
	costsKind, costsRate, costsAmount        string // costsAmount: %s period
	costsImpact, costsTotal                  string

	cotCaption, cotAria                      string
	cotPeriod, cotCosts, cotWith, cotWithout string

	scenCaption, scenAria, scenItem          string
	scenName, scenValue, scenReturn, perYear string
	scenReturnAfter                          string // %s period

	cmpCaption, cmpAria, cmpProduct, cmpRisk, cmpCosts string
	cmpThis                                            string

	fbBalanceCaption, fbBalanceAria      string
	fbMonth, fbPraise, fbCriticism, fbQs string
	fbComments, fbCommentsAria           string
	fbFactorsCaption, fbFactorsAria      string
	fbFactor, fbAverage, fbCount         string
	fbSectionsCaption, fbSectionsAria    string
	fbSection                            string
	noData                               string
}

// Lang is a chart's language: its number formats (the embedded
// locale.Locale) and its words. Make it once per build with NewLang.
type Lang struct {
	locale.Locale
	texts *texts
}

// NewLang is the language of words' catalog for charts.
func NewLang(words *i18n.Catalog) Lang {
	return Lang{Locale: locale.For(words.Lang()), texts: &texts{
		riskCaption:       words.T("chart_risk_caption"),
		riskCaptionNoName: words.T("chart_risk_caption_no_name"),
		riskAria:          words.T("chart_risk_aria"),
		riskAriaNoName:    words.T("chart_risk_aria_no_name"),
		riskHolding:       words.T("chart_risk_holding"),
		riskLower:         words.T("chart_risk_lower"),
		riskHigher:        words.T("chart_risk_higher"),
		riskClass:         words.T("chart_risk_class"),
		riskThis:          words.T("chart_risk_this"),
		riskTableCaption:  words.T("chart_risk_table_caption"),
		costsCaption:      words.T("chart_costs_caption"),
		costsAria:         words.T("chart_costs_aria"),
		costsTotalTitle:   words.T("chart_costs_total_title"),
		costsKind:         words.T("chart_costs_kind"),
		costsRate:         words.T("chart_costs_rate"),
		costsAmount:       words.T("chart_costs_amount"),
		costsImpact:       words.T("chart_costs_impact"),
		costsTotal:        words.T("chart_costs_total"),
		cotCaption:        words.T("chart_cot_caption"),
		cotAria:           words.T("chart_cot_aria"),
		cotPeriod:         words.T("chart_cot_period"),
		cotCosts:          words.T("chart_cot_costs"),
		cotWith:           words.T("chart_cot_with"),
		cotWithout:        words.T("chart_cot_without"),
		scenCaption:       words.T("chart_scen_caption"),
		scenAria:          words.T("chart_scen_aria"),
		scenItem:          words.T("chart_scen_item"),
		scenName:          words.T("chart_scen_name"),
		scenValue:         words.T("chart_scen_value"),
		scenReturn:        words.T("chart_scen_return"),
		scenReturnAfter:   words.T("chart_scen_return_after"),
		perYear:           words.T("chart_per_year"),
		cmpCaption:        words.T("chart_cmp_caption"),
		cmpAria:           words.T("chart_cmp_aria"),
		cmpProduct:        words.T("chart_cmp_product"),
		cmpRisk:           words.T("chart_cmp_risk"),
		cmpCosts:          words.T("chart_cmp_costs"),
		cmpThis:           words.T("chart_cmp_this"),
		fbBalanceCaption:  words.T("chart_fb_balance_caption"),
		fbBalanceAria:     words.T("chart_fb_balance_aria"),
		fbMonth:           words.T("chart_fb_month"),
		fbPraise:          words.T("chart_fb_praise"),
		fbCriticism:       words.T("chart_fb_criticism"),
		fbQs:              words.T("chart_fb_qs"),
		fbComments:        words.T("chart_fb_comments"),
		fbCommentsAria:    words.T("chart_fb_comments_aria"),
		fbFactorsCaption:  words.T("chart_fb_factors_caption"),
		fbFactorsAria:     words.T("chart_fb_factors_aria"),
		fbFactor:          words.T("chart_fb_factor"),
		fbAverage:         words.T("chart_fb_average"),
		fbCount:           words.T("chart_fb_count"),
		fbSectionsCaption: words.T("chart_fb_sections_caption"),
		fbSectionsAria:    words.T("chart_fb_sections_aria"),
		fbSection:         words.T("chart_fb_section"),
		noData:            words.T("chart_no_data"),
	}}
}

// textsFor returns the words of the chart's language.
func textsFor(loc Lang) *texts { return loc.texts }
