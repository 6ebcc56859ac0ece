package advisor

import (
	"errors"
	"fmt"
	"strings"
)

// maxE164Digits is the longest number E.164 allows, country code included.
const maxE164Digits = 15

// minE164Digits is the shortest number accepted: a country code and a very
// short subscriber number. Anything shorter is a typo.
const minE164Digits = 7

// PhoneE164 normalises a phone number as an editor writes it to E.164:
//
//	"+49 30 1234 0001"   → "+493012340001"
//	"+49 (0)621 123-45"  → "+4962112345"
//	"0049 621 12345"     → "+4962112345"
//	"tel:+49-621-12345"  → "+4962112345"
//
// Spaces, hyphens, dots, slashes and parentheses are separators; "(0)", the
// trunk prefix written after the country code, is dropped.
//
// A national number ("030 1234 0001") needs a country code: when
// defaultCountryCode is given ("49" or "+49", the site's default country),
// its leading 0 is replaced by it; when it is empty, that is an error asking
// for the number with +49. The result has at most 15 digits.
func PhoneE164(raw, defaultCountryCode string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", errors.New("phone number is empty")
	}
	s = strings.TrimPrefix(s, "tel:")
	// Drop the trunk prefix "(0)" in any spacing: "+49 (0) 621", "+49(0)621".
	s = dropTrunkZero(s)

	var digits strings.Builder
	plus := false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '+':
			if i != 0 {
				return "", fmt.Errorf("phone number %q: a + may only stand at the start", raw)
			}
			plus = true
		case r == ' ' || r == '-' || r == '.' || r == '/' || r == '(' || r == ')' || r == '\u00a0' || r == '\u2009' || r == '\u202f':
			// separator
		default:
			return "", fmt.Errorf("phone number %q has %q, which is not a digit or a separator", raw, r)
		}
	}
	d := digits.String()
	switch {
	case plus:
	case strings.HasPrefix(d, "00"):
		d = d[2:]
	case strings.HasPrefix(d, "0"):
		cc := strings.TrimPrefix(strings.TrimSpace(defaultCountryCode), "+")
		if cc == "" {
			return "", fmt.Errorf("phone number %q has no country code: write it with +49, e.g. +49 %s", raw, spaced(d[1:]))
		}
		if !isCountryCode(cc) {
			return "", fmt.Errorf("default country code %q is not 1 to 3 digits", defaultCountryCode)
		}
		d = cc + d[1:]
	default:
		return "", fmt.Errorf("phone number %q must start with + and the country code, e.g. +49 621 12345", raw)
	}
	if d == "" || d[0] == '0' {
		return "", fmt.Errorf("phone number %q: the country code cannot start with 0", raw)
	}
	for _, cc := range []string{"49", "43", "41"} { // DACH numbers never have a 0 after the country code
		if strings.HasPrefix(d, cc+"0") {
			return "", fmt.Errorf("phone number %q: drop the 0 after +%s (write +%s %s or +%s (0)%s)", raw, cc, cc, spaced(d[len(cc)+1:]), cc, spaced(d[len(cc)+1:]))
		}
	}
	if len(d) > maxE164Digits {
		return "", fmt.Errorf("phone number %q has %d digits; an international number has at most %d", raw, len(d), maxE164Digits)
	}
	if len(d) < minE164Digits {
		return "", fmt.Errorf("phone number %q is too short (%d digits with the country code)", raw, len(d))
	}
	return "+" + d, nil
}

// dropTrunkZero removes "(0)" (with optional spaces inside the parentheses).
func dropTrunkZero(s string) string {
	for {
		i := strings.Index(s, "(")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], ")")
		if j < 0 {
			return s
		}
		if strings.TrimSpace(s[i+1:i+j]) != "0" {
			// Other parentheses ("+1 (555) 123-4567") keep their digits;
			// look for "(0)" further on.
			rest := dropTrunkZero(s[i+j+1:])
			return s[:i+j+1] + rest
		}
		s = s[:i] + s[i+j+1:]
	}
}

func isCountryCode(cc string) bool {
	if len(cc) < 1 || len(cc) > 3 || cc[0] == '0' {
		return false
	}
	for _, r := range cc {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// spaced returns digits for an example in a message, unchanged when empty.
func spaced(d string) string {
	if d == "" {
		return "…"
	}
	return d
}

// phoneKeeper keeps a phone number on one line: spaces become no-break
// spaces and hyphens non-breaking hyphens.
var phoneKeeper = strings.NewReplacer(" ", "\u00a0", "-", "\u2011")

// PhoneForReading is the number as the editor wrote it, for the card and
// the profile, kept on one line (a number broken after "+49" is misread);
// tel: links take PhoneE164.
func PhoneForReading(raw string) string { return phoneKeeper.Replace(raw) }
