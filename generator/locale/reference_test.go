package locale

import (
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

// The formatting as it was written first, with strings: the reference
// the allocation-light code in locale.go must match on every value.

func refRoundDecimalString(s string, n int) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	for len(frac) < n+1 {
		frac += "0"
	}
	digits := []byte(intPart + frac[:n])
	if frac[n] >= '5' {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			break
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	ip := string(digits[:len(digits)-n])
	fp := string(digits[len(digits)-n:])
	out := ip
	if n > 0 {
		out += "." + fp
	}
	if neg && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	return out
}

func refRound(v float64, decimals int) float64 {
	r, err := strconv.ParseFloat(refRoundDecimalString(strconv.FormatFloat(v, 'f', -1, 64), decimals), 64)
	if err != nil {
		return v
	}
	return r
}

func (l Locale) refNumber(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := refRoundDecimalString(strconv.FormatFloat(v, 'f', -1, 64), decimals)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(l.grouping)
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte(l.decimal)
		b.WriteString(frac)
	}
	return b.String()
}

func (l Locale) refPercent(pct float64, decimals int) string {
	n := l.refNumber(pct, decimals)
	if l.Lang == "de" {
		return n + "\u00a0%"
	}
	return n + "%"
}

func (l Locale) refMoney(amount float64, currency string) string {
	sym := currencySymbol(currency)
	n := l.refNumber(amount, 2)
	if l.Lang == "de" {
		return n + "\u00a0" + sym
	}
	if isISOCode(sym) {
		return sym + "\u00a0" + n
	}
	if strings.HasPrefix(n, "−") {
		return "−" + sym + strings.TrimPrefix(n, "−")
	}
	return sym + n
}

// referenceValues are values around every rounding edge, the figures'
// ranges, and the extremes of a float64.
func referenceValues() []float64 {
	vs := []float64{0, math.Copysign(0, -1), 1.005, 4.2605, -2.5, 0.125, 999.995, -0.004, -0.005, 0.0049999,
		9.995, 99.995, 999999.995, -999.995, 1234567.891, 1e21, 1.7976931348623157e308, 5e-324, -5e-324,
		123456789012345678, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, math.NaN(), math.Inf(1), math.Inf(-1), 10000, -10000.5}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		scale := math.Pow(10, float64(rng.Intn(12)-4))
		v := (rng.Float64()*2 - 1) * scale
		switch i % 4 {
		case 1: // a value written with few decimals, as in a product export
			v = math.Round(v*1000) / 1000
		case 2: // exactly halfway in decimal
			v = (math.Round(v*100) + 0.5) / 100
		case 3:
			v = math.Round(v)
		}
		vs = append(vs, v)
	}
	return vs
}

func TestFormattingMatchesTheReference(t *testing.T) {
	locales := []Locale{For("de"), For("en")}
	for _, v := range referenceValues() {
		for d := 0; d <= 4; d++ {
			if got, want := Round(v, d), refRound(v, d); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("Round(%v, %d) = %v, want %v", v, d, got, want)
			}
			for _, l := range locales {
				if got, want := l.Number(v, d), l.refNumber(v, d); got != want {
					t.Fatalf("%s Number(%v, %d) = %q, want %q", l.Lang, v, d, got, want)
				}
				if got, want := l.Percent(v, d), l.refPercent(v, d); got != want {
					t.Fatalf("%s Percent(%v, %d) = %q, want %q", l.Lang, v, d, got, want)
				}
			}
		}
		for _, l := range locales {
			for _, cur := range []string{"EUR", "usd", "SEK", "CHF"} {
				if got, want := l.Money(v, cur), l.refMoney(v, cur); got != want {
					t.Fatalf("%s Money(%v, %s) = %q, want %q", l.Lang, v, cur, got, want)
				}
			}
		}
	}
}

func FuzzFormattingMatchesTheReference(f *testing.F) {
	for _, v := range referenceValues()[:40] {
		f.Add(v, 2)
	}
	de, en := For("de"), For("en")
	f.Fuzz(func(t *testing.T, v float64, d int) {
		d = (d%6 + 6) % 6
		if got, want := Round(v, d), refRound(v, d); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("Round(%v, %d) = %v, want %v", v, d, got, want)
		}
		for _, l := range []Locale{de, en} {
			if got, want := l.Number(v, d), l.refNumber(v, d); got != want {
				t.Fatalf("%s Number(%v, %d) = %q, want %q", l.Lang, v, d, got, want)
			}
			if got, want := l.Money(v, "USD"), l.refMoney(v, "USD"); got != want {
				t.Fatalf("%s Money(%v) = %q, want %q", l.Lang, v, got, want)
			}
		}
	})
}

// BenchmarkFigures formats what a product page's cost table shows.
func BenchmarkFigures(b *testing.B) {
	de := For("de")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = de.Money(10000+float64(i%1000)*1.37, "EUR")
		_ = de.Percent(0.85+float64(i%100)/100, 2)
		_ = de.Number(1234.5678, 2)
	}
}
