package product

import "github.com/klartext/klartext/generator/diag"

// checkISIN checks the form and check digit of an ISIN (ISO 6166): two
// letters (the country), nine letters or digits, one check digit. It returns
// "" when the ISIN is valid, else the message (completing "isin ...") and a
// hint.
func checkISIN(s string) (msg, hint diag.Text) {
	if len(s) != 12 {
		return diag.T("%q must have 12 characters, it has %d", s, len(s)),
			diag.T("an ISIN is two letters, nine letters or digits and a check digit, such as DE0005140008")
	}
	for i := 0; i < 12; i++ {
		c := s[i]
		letter, digit := c >= 'A' && c <= 'Z', c >= '0' && c <= '9'
		switch {
		case i < 2 && !letter,
			i >= 2 && i < 11 && !letter && !digit,
			i == 11 && !digit:
			return diag.T("%q is not in the form of an ISIN (character %d)", s, i+1),
				diag.T("an ISIN is two capital letters, nine capital letters or digits and a check digit, such as DE0005140008")
		}
	}
	want := ISINCheckDigit(s[:11])
	if got := int(s[11] - '0'); got != want {
		return diag.T("%s has the check digit %d, but the first eleven characters give %d", s, got, want),
			diag.T("check the ISIN for a typo against the product's key information document")
	}
	return diag.Text{}, diag.Text{}
}

// ISINCheckDigit computes the check digit of the first eleven characters of
// an ISIN: letters become two digits (A=10 ... Z=35), then the Luhn
// algorithm runs over the digit string, doubling every second digit from the
// right starting with the rightmost.
func ISINCheckDigit(body string) int {
	var digits [22]int
	n := 0
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c >= 'A' && c <= 'Z' {
			v := int(c-'A') + 10
			digits[n], digits[n+1] = v/10, v%10
			n += 2
		} else {
			digits[n] = int(c - '0')
			n++
		}
	}
	sum := 0
	for i := n - 1; i >= 0; i-- {
		d := digits[i]
		if (n-1-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10 - sum%10) % 10
}
