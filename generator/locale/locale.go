// Package locale formats numbers, money, percentages and dates the way a
// reader of the site's language expects: "1.234,56 €" and "0,85 %" in
// German, "€1,234.56" and "0.85%" in English.
//
// Formatting is exact decimal rounding of the float64 value (half away from
// zero on the decimal string), so a cost figure reads the same in the table,
// the chart and the feed.
package locale

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"time"
)

// Locale is a language's formatting rules.
type Locale struct {
	Lang     string // BCP 47 primary language, "de" or "en"
	region   string // the region a bare language code means: DE, GB
	decimal  byte
	grouping byte
}

// Tag is the language with the region a bare code means, for the
// browser's Intl.NumberFormat and Open Graph: "de-DE", "en-GB".
func (l Locale) Tag() string {
	if l.region == "" {
		return l.Lang
	}
	return l.Lang + "-" + l.region
}

// Primary is a language tag's primary subtag, lower case, the one answer
// to "which language is this?" for every package: "de-DE", "DE_at" and
// " de " are "de"; "" is "".
func Primary(lang string) string {
	l := strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	return l
}

// Known reports whether the package has the number and date formats of
// a language ("de", "en-GB"); a site in another language is an error
// (the build says so), not formatted like English without a word.
func Known(lang string) bool {
	switch Primary(lang) {
	case "de", "en":
		return true
	}
	return false
}

// For returns the locale for a site language ("de", "de-DE", "en", "en-GB");
// other languages format like English (Known tells them apart).
func For(lang string) Locale {
	primary := Primary(lang)
	switch primary {
	case "de":
		return Locale{Lang: "de", region: "DE", decimal: ',', grouping: '.'}
	default:
		if primary == "" {
			primary = "en"
		}
		region := ""
		if primary == "en" {
			region = "GB"
		}
		return Locale{Lang: primary, region: region, decimal: '.', grouping: ','}
	}
}

// Round rounds v to the given number of decimals, half away from zero,
// correcting for binary representation (1.005 rounds to 1.01).
func Round(v float64, decimals int) float64 {
	var buf [48]byte
	digits, neg := roundedDigits(buf[:0], v, decimals)
	var s [56]byte
	out := s[:0]
	if neg {
		out = append(out, '-')
	}
	out = append(out, digits[:len(digits)-decimals]...)
	if decimals > 0 {
		out = append(append(out, '.'), digits[len(digits)-decimals:]...)
	}
	r, err := strconv.ParseFloat(string(out), 64)
	if err != nil {
		return v
	}
	return r
}

// roundedDigits appends to out the digits of v rounded to n decimals, the
// last n of them the decimals: the shortest decimal representation of the
// float (as FormatFloat(v, 'f', -1, 64) writes it) rounded half away
// from zero. neg is true for a negative v that does not round to zero.
// Every figure of a product page goes through here; it allocates only for
// a number of more than about 40 digits.
func roundedDigits(out []byte, v float64, n int) (digits []byte, neg bool) {
	var buf [40]byte
	s := strconv.AppendFloat(buf[:0], v, 'f', -1, 64)
	if s[0] == '-' {
		neg, s = true, s[1:]
	}
	intPart, frac := s, s[len(s):]
	if dot := bytes.IndexByte(s, '.'); dot >= 0 {
		intPart, frac = s[:dot], s[dot+1:]
	}
	start := len(out)
	out = append(out, '0') // room for a carry into a new first digit
	out = append(out, intPart...)
	for i := 0; i < n; i++ {
		c := byte('0')
		if i < len(frac) {
			c = frac[i]
		}
		out = append(out, c)
	}
	if n < len(frac) && frac[n] >= '5' {
		i := len(out) - 1
		for ; out[i] == '9'; i-- {
			out[i] = '0'
		}
		out[i]++
	}
	if out[start] == '0' {
		out = append(out[:start], out[start+1:]...)
	}
	zero := true
	for _, c := range out[start:] {
		zero = zero && c == '0'
	}
	return out[start:], neg && !zero
}

// Number formats v with the given decimals and thousands grouping.
func (l Locale) Number(v float64, decimals int) string {
	var buf [64]byte
	return string(l.appendNumber(buf[:0], v, decimals))
}

// appendNumber appends Number(v, decimals).
func (l Locale) appendNumber(out []byte, v float64, decimals int) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(out, "–"...)
	}
	var buf [48]byte
	digits, neg := roundedDigits(buf[:0], v, decimals)
	if neg {
		out = append(out, "−"...) // U+2212 MINUS SIGN, as typography and screen readers expect
	}
	intPart := digits[:len(digits)-decimals]
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out = append(out, l.grouping)
		}
		out = append(out, c)
	}
	if decimals > 0 {
		out = append(out, l.decimal)
		out = append(out, digits[len(intPart):]...)
	}
	return out
}

// Percent formats a percentage given in percent (1.2 means 1.2 %):
// "1,20 %" (de, with a no-break space) or "1.20%" (en).
func (l Locale) Percent(pct float64, decimals int) string {
	var buf [64]byte
	out := l.appendNumber(buf[:0], pct, decimals)
	if l.Lang == "de" {
		out = append(out, "\u00a0"...)
	}
	return string(append(out, '%'))
}

// Money formats an amount in a currency: "1.234,56 €" (de) or "€1,234.56"
// (en). Currencies without a symbol here are written with their ISO code.
func (l Locale) Money(amount float64, currency string) string {
	sym := currencySymbol(currency)
	var buf [64]byte
	out := buf[:0]
	switch {
	case l.Lang == "de":
		out = append(l.appendNumber(out, amount, 2), "\u00a0"...)
		out = append(out, sym...)
	case isISOCode(sym): // no symbol known: "SEK 10.00"
		out = append(append(out, sym...), "\u00a0"...)
		out = l.appendNumber(out, amount, 2)
	default: // "€1,234.56", "−€5.00"
		var nb [64]byte
		n := l.appendNumber(nb[:0], amount, 2)
		if bytes.HasPrefix(n, []byte("−")) {
			out, n = append(out, "−"...), n[len("−"):]
		}
		out = append(append(out, sym...), n...)
	}
	return string(out)
}

func currencySymbol(code string) string {
	switch strings.ToUpper(code) {
	case "EUR":
		return "€"
	case "USD":
		return "$"
	case "GBP":
		return "£"
	case "JPY":
		return "¥"
	case "CHF":
		return "CHF"
	}
	return strings.ToUpper(code)
}

var germanMonths = [...]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
	"August", "September", "Oktober", "November", "Dezember"}

// Date formats a date for reading: "3. März 2026" (de) or "3 March 2026" (en).
func (l Locale) Date(t time.Time) string {
	if l.Lang == "de" {
		return strconv.Itoa(t.Day()) + ". " + germanMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return t.Format("2 January 2006")
}

// Month formats a year and month: "März 2026" (de) or "March 2026" (en).
func (l Locale) Month(t time.Time) string {
	if l.Lang == "de" {
		return germanMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return t.Format("January 2006")
}

// Years formats a holding period so that it keeps its value: "5 Jahre",
// "1 Jahr", "7,5 Jahre", "7,25 Jahre" (de) or "5 years", "7.5 years" (en);
// under a year in months, as a KID states such a period: "6 Monate",
// "1 Monat" (de), "6 months" (en). Fractions are written with the fewest
// decimals (at most two) that keep the value, so 7.5 never reads "8".
func (l Locale) Years(y float64) string {
	unit, one, many := y, "year", "years"
	if l.Lang == "de" {
		one, many = "Jahr", "Jahre"
	}
	if y > 0 && y < 1 {
		unit, one, many = y*12, "month", "months"
		if l.Lang == "de" {
			one, many = "Monat", "Monate"
		}
	}
	if r := math.Round(unit); math.Abs(unit-r) < 1e-9 {
		unit = r // 0.5 × 12 is 6, not 5.999…
	}
	n := l.Number(unit, shortestDecimals(unit, 2))
	if unit == 1 {
		return n + " " + one
	}
	return n + " " + many
}

// shortestDecimals is the fewest decimals, up to most, that write v
// exactly (or most when none does).
func shortestDecimals(v float64, most int) int {
	if v == math.Trunc(v) {
		return 0 // the common case, without rounding through strings
	}
	for d := 1; d < most; d++ {
		if Round(v, d) == Round(v, most) {
			return d
		}
	}
	return most
}

func isISOCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// YearsAfter formats a period after a preposition that takes the dative in
// German: "nach 1 Jahr", "nach 5 Jahren", "nach 6 Monaten"; English as
// Years.
func (l Locale) YearsAfter(y float64) string {
	s := l.Years(y)
	if l.Lang == "de" && (strings.HasSuffix(s, " Jahre") || strings.HasSuffix(s, " Monate")) {
		return s + "n"
	}
	return s
}
