package product

import (
	"math"
	"strings"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/suggest"
)

// Limits beyond the content model's rules, so that every accepted product
// has finite, meaningful computed figures.
const (
	// MinRHPYears and MaxRHPYears bound the holding period: no PRIIP is
	// held for less than a month (a KID states the period in whole months
	// at the least) or more than a century, and 0.0001 years is a typing
	// error whose cost impact per year would be meaningless.
	MinRHPYears = 1.0 / 12
	MaxRHPYears = 100
	// costWarnPct: above this a cost is unusual enough to ask the editor
	// whether it was written as a fraction or with a misplaced decimal.
	costWarnPct = 10
)

// Bounds of the scenario returns, average per year in percent.
//
// The amended RTS (Annex IV as amended by 2021/2268) take the unfavourable,
// moderate and favourable scenarios of most funds from the product's (or
// its benchmark's) own past: the worst, median and best outcome over
// windows as long as the holding period within the last 10 years and the
// holding period. A T-year window is T consecutive 1-year windows, so its
// average return per year cannot exceed the best 1-year return of the same
// history (favourable RHP ≤ favourable after 1 year, checked where both
// are given). The absolute bounds are a choice, set well above the best
// runs a market has had: tripling every year (+200 % a year) over a
// holding period of more than a year, or +1,000 % within one year, are
// errors (a crypto-asset's best decade stays far below the first). Above
// +50 % a year over more than a year, or +200 % within a year, a value is
// possible but implausible: a warning. A 1,200 % a year over 5 years
// (3.7 billion for 10,000) is an error.
const (
	maxReturnPct, warnReturnPct     = 200, 50   // holding period of more than 1 year
	maxReturn1YPct, warnReturn1YPct = 1000, 200 // within 1 year
)

// returnBounds are the error and warning bounds for an average return per
// year over T years.
func returnBounds(T float64) (maxPct, warnPct float64) {
	if T <= 1 {
		return maxReturn1YPct, warnReturn1YPct
	}
	return maxReturnPct, warnReturnPct
}

// checker collects the diagnostics of one product.
type checker struct {
	rec   *Record
	diags []diag.Diagnostic
}

func (c *checker) at(k Key) Position {
	if v := c.rec.Vals[k]; v.Pos.File != "" {
		return v.Pos
	}
	if len(c.rec.Sources) > 0 {
		return c.rec.Sources[0]
	}
	return Position{}
}

// report adds a diagnostic at key k's position. The hint is a diag.Text,
// translated with the message.
func (c *checker) report(sev diag.Severity, k Key, hint diag.Text, format string, a ...any) {
	p := c.at(k)
	var d diag.Diagnostic
	if sev == diag.Warning {
		d = diag.Warnf(p.File, p.Line, format, a...)
	} else {
		d = diag.Errorf(p.File, p.Line, format, a...)
	}
	d.Column, d.Key = p.Column, keyNames[k]
	if !hint.Empty() {
		d = d.WithHint("%s", hint)
	}
	c.diags = append(c.diags, d)
}

func (c *checker) errorf(k Key, hint diag.Text, format string, a ...any) {
	c.report(diag.Error, k, hint, format, a...)
}

func (c *checker) warnf(k Key, hint diag.Text, format string, a ...any) {
	c.report(diag.Warning, k, hint, format, a...)
}

// number reads key k as a number; ok is false when it is not given or not a
// number (the latter is reported).
func (c *checker) number(k Key) (float64, bool) {
	v := c.rec.Vals[k]
	if !v.Given || v.Unusable {
		return 0, false
	}
	n, ok := parseNumber(v.Text, v.DecimalComma)
	if !ok {
		hint := diag.T("write a decimal number with a point, such as 1.20")
		if v.DecimalComma {
			hint = diag.T("write a decimal number such as 1,20 or 1.20, without thousands separators")
		}
		c.errorf(k, hint, "%s %q is not a number", keyNames[k], v.Text)
	}
	return n, ok
}

// whole reads key k as a whole number in [lo, hi]; what describes the key
// for the message.
func (c *checker) whole(k Key, lo, hi int, what diag.Text) (int, bool) {
	n, ok := c.number(k)
	if !ok {
		return 0, false
	}
	if n != math.Trunc(n) || n < float64(lo) || n > float64(hi) {
		c.errorf(k, diag.T("write a whole number"), "%s must be %d to %d (%s), got %s", keyNames[k], lo, hi, what, c.rec.Vals[k].Text)
		return 0, false
	}
	return int(n), true
}

// build types and checks one record. idOK reports whether the product has a
// usable id, so it can be returned and referred to.
func build(rec *Record, defaultCurrency string) (p Product, diags []diag.Diagnostic, idOK bool) {
	c := &checker{rec: rec}
	written := 0
	for k := range rec.Vals {
		if _, ok := locate(Key(k), rec.Vals[k].Pos, rec.Sources); ok {
			written++
		}
	}
	p.keyPos = make([]keyAt, 0, written)
	for k := range rec.Vals {
		if a, ok := locate(Key(k), rec.Vals[k].Pos, rec.Sources); ok {
			p.keyPos = append(p.keyPos, a)
		}
	}
	p.Sources = rec.Sources

	for _, k := range requiredKeys {
		if !rec.Vals[k].Given {
			c.errorf(k, diag.T("every product needs %s; add it", keyNames[k]), "%s is missing", keyNames[k])
		}
	}

	p.ID = rec.Vals[keyID].Text
	idOK = p.ID != ""
	if idOK && !isSlug(p.ID) {
		c.errorf(keyID, diag.T("use only lower-case letters a-z, digits and hyphens, such as etf-welt"),
			"id %q is not a valid product id", p.ID)
		idOK = false
	}
	p.Name = rec.Vals[keyName].Text
	p.Type = rec.Vals[keyType].Text

	if isin := rec.Vals[keyISIN]; isin.Given && !isin.Unusable {
		p.ISIN = isin.Text
		if msg, hint := checkISIN(isin.Text); !msg.Empty() {
			c.errorf(keyISIN, hint, "isin %s", msg)
		}
	}

	switch cur := rec.Vals[keyCurrency]; {
	case cur.Unusable: // reported where it was read
	case !cur.Given:
		// The default is checked once, in CheckDefaultCurrency, rather than for
		// every product.
		p.Currency = defaultCurrency
		if defaultCurrency == "" {
			c.errorf(keyCurrency, diag.T("add a currency (such as EUR) to the product, or a default currency to site.yaml"),
				"currency is not given and the site has no default currency")
		}
	case isCurrency(cur.Text):
		p.Currency = cur.Text
	default:
		p.Currency = cur.Text
		hint := diag.T("use a three-letter ISO 4217 code such as EUR, USD or CHF")
		if up := strings.ToUpper(cur.Text); isCurrency(up) {
			hint = diag.T("write it in capitals: %s", up)
		} else if h := suggest.Hint(up, currencyCodes); !h.Empty() {
			hint = h
		}
		c.errorf(keyCurrency, hint, "currency %q is not an ISO 4217 currency code", cur.Text)
	}

	if sri, ok := c.whole(keySRI, 1, 7, diag.T("the PRIIPs summary risk indicator")); ok {
		p.SRI = sri
	}
	mrm, mrmOK := c.whole(keyMRM, 1, 7, diag.T("the PRIIPs market risk class"))
	if mrmOK {
		p.MRM = &mrm
	}
	crm, crmOK := c.whole(keyCRM, 1, 6, diag.T("the PRIIPs credit risk class"))
	if crmOK {
		p.CRM = &crm
	}
	if mrmOK && crmOK && p.SRI != 0 {
		if want, _ := SRIFromRiskClasses(mrm, crm); want != p.SRI {
			c.errorf(keySRI, diag.T("check sri, mrm and crm against the product's key information document"),
				"sri is %d, but with mrm %d and crm %d the PRIIPs table gives %d", p.SRI, mrm, crm, want)
		}
	}

	if rhp, ok := c.number(keyRHP); ok {
		if rhp < MinRHPYears || rhp > MaxRHPYears {
			c.errorf(keyRHP, diag.T("write the recommended holding period in years, such as 5 or 0.5 for six months"),
				"rhp_years must be at least one month (0.0834) and at most %d years, got %s",
				MaxRHPYears, rec.Vals[keyRHP].Text)
		} else {
			p.RHPYears = rhp
		}
	}

	c.costs(&p)
	c.scenarios(&p)
	c.kidFigures(&p)
	p.Manufacturer = rec.Vals[keyManufacturer].Text

	return p, c.diags, idOK
}

// isSlug reports whether s matches [a-z0-9-]+, which keeps ids safe as URL
// path segments and file names (no "..", no "/").
func isSlug(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// CheckDefaultCurrency reports an unusable default currency once, instead of
// once for every product that relies on it.
func CheckDefaultCurrency(code string) []diag.Diagnostic {
	if code == "" || isCurrency(code) {
		return nil
	}
	return []diag.Diagnostic{diag.Errorf("content/site.yaml", 0, "the site's default currency %q is not an ISO 4217 currency code", code).
		WithHint("use a three-letter code in capitals, such as EUR")}
}

// sriTable is the PRIIPs aggregation of market risk class (MRM, columns 1-7)
// and credit risk class (CRM, rows 1-6) into the summary risk indicator:
// Commission Delegated Regulation (EU) 2017/653, Annex II, Part 3, point 52.
// Checked against two published copies of the table (anevis-solutions.com
// "KIDs for PRIIPs – aggregation of MRM and CRM", and the funds-axis
// "PRIIPs risk overview: SRI, MRM and CRM" page), which agree: the CRM can
// only raise the class, CRM 1 and 2 leave it at the MRM.
var sriTable = [6][7]int{
	{1, 2, 3, 4, 5, 6, 7}, // CRM 1
	{1, 2, 3, 4, 5, 6, 7}, // CRM 2
	{3, 3, 3, 4, 5, 6, 7}, // CRM 3
	{5, 5, 5, 5, 5, 6, 7}, // CRM 4
	{5, 5, 5, 5, 5, 6, 7}, // CRM 5
	{6, 6, 6, 6, 6, 6, 7}, // CRM 6
}

// SRIFromRiskClasses returns the summary risk indicator the PRIIPs table
// assigns to a market risk class (1-7) and credit risk class (1-6); ok is
// false outside those ranges.
func SRIFromRiskClasses(mrm, crm int) (sri int, ok bool) {
	if mrm < 1 || mrm > 7 || crm < 1 || crm > 6 {
		return 0, false
	}
	return sriTable[crm-1][mrm-1], true
}
