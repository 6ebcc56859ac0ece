package productsource

import (
	"math/big"
	"strings"
)

// Numbers read from EPT files and from exports in fractions are scaled as
// decimal text, exactly: 0.0125 becomes 1.25, never 1.2500000000000002.

// parseDecimal reads a decimal number as the EPT writes one ("floating
// decimal"): an optional sign, digits with at most one decimal separator
// (a point, or with decimalComma also a comma) and an optional exponent
// ("4.769e-05"). No thousands separators, spaces, NaN or Inf.
func parseDecimal(s string, decimalComma bool) (*big.Rat, bool) {
	if s == "" {
		return nil, false
	}
	b := []byte(s)
	i := 0
	if b[0] == '+' || b[0] == '-' {
		i++
	}
	digits, seps := 0, 0
	for ; i < len(b); i++ {
		c := b[i]
		if c >= '0' && c <= '9' {
			digits++
			continue
		}
		if c == '.' || c == ',' && decimalComma {
			seps++
			b[i] = '.'
			continue
		}
		break
	}
	if digits == 0 || seps > 1 {
		return nil, false
	}
	if i < len(b) { // an exponent: e or E, an optional sign, digits
		if b[i] != 'e' && b[i] != 'E' {
			return nil, false
		}
		j := i + 1
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		if j == len(b) {
			return nil, false
		}
		exp := 0
		for ; j < len(b); j++ {
			if b[j] < '0' || b[j] > '9' {
				return nil, false
			}
			if exp = exp*10 + int(b[j]-'0'); exp > 400 { // beyond any float64
				return nil, false
			}
		}
	}
	r, ok := new(big.Rat).SetString(string(b))
	return r, ok
}

// maxDecimals is where decimalText rounds a number whose decimal expansion
// does not end (an amount scaled by 10,000/30,000).
const maxDecimals = 10

// decimalText writes r as plain decimal text with no more digits than it
// needs, rounded at maxDecimals.
func decimalText(r *big.Rat) string {
	s := r.FloatString(maxDecimals)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

var hundred = big.NewRat(100, 1)

// percentOf turns a fraction as written into percent text: "0.0125" → "1.25".
func percentOf(s string, decimalComma bool) (string, bool) {
	r, ok := parseDecimal(s, decimalComma)
	if !ok {
		return "", false
	}
	return decimalText(r.Mul(r, hundred)), true
}

// percentSign reports whether s is a number followed by a percent sign
// ("1,5 %", "1.5%") and returns the number as written. The number may have
// a decimal comma even where the file takes none, since what to write
// instead is said either way.
func percentSign(s string) (string, bool) {
	num, ok := strings.CutSuffix(s, "%")
	if !ok {
		return "", false
	}
	num = strings.TrimSpace(strings.TrimSuffix(num, "\u00a0"))
	if _, ok := parseDecimal(num, true); !ok {
		return "", false
	}
	return num, true
}

// numberLike writes r as a number to write in a file: with a decimal
// comma where the file takes one (decimalComma) and the editor wrote one.
func numberLike(r *big.Rat, written string, decimalComma bool) string {
	s := decimalText(r)
	if decimalComma && strings.Contains(written, ",") {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
