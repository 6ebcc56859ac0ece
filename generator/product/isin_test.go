package product

import (
	"strings"
	"testing"
)

func TestISIN(t *testing.T) {
	for _, tc := range []struct {
		isin  string
		valid bool
	}{
		{"DE0005140008", true}, // Deutsche Bank
		{"US0378331005", true}, // Apple
		{"IE00B4L5Y983", true}, // iShares Core MSCI World
		{"DE0005140009", false},
		{"US0378331006", false},
		{"IE00B4L5Y993", false},
		{"IE00B4L5Z983", false},
		{"US0387331005", false}, // two digits swapped
		{"0E0005140008", false},
		{"DE000514000X", false},
		{"DE00051400088", false},
		{"DE000-140008", false},
	} {
		msg, _ := checkISIN(tc.isin)
		if msg.Empty() != tc.valid {
			t.Errorf("%s: valid=%v, message %q", tc.isin, msg.Empty(), msg)
		}
	}
	if msg, _ := checkISIN("DE0005140001"); !strings.Contains(msg.String(), "give 8") {
		t.Errorf("expected check digit not named: %q", msg)
	}
}

func TestCurrencyList(t *testing.T) {
	for _, c := range []string{"EUR", "USD", "CHF", "GBP", "JPY", "SEK", "XCG", "ZWG", "SLE"} {
		if !isCurrency(c) {
			t.Errorf("%s rejected", c)
		}
	}
	for _, c := range []string{"DEM", "HRK", "XXX", "eur", "EURO", ""} {
		if isCurrency(c) {
			t.Errorf("%s accepted", c)
		}
	}
	for i := 1; i < len(currencyCodes); i++ {
		if currencyCodes[i-1] >= currencyCodes[i] || len(currencyCodes[i]) != 3 {
			t.Errorf("list not sorted or malformed at %s", currencyCodes[i])
		}
	}
}
