// Package contrast is WCAG 2.x colour contrast: the relative luminance of
// an sRGB colour and the contrast ratio of two, as success criterion
// 1.4.3 (Contrast, Minimum) defines them. Pure functions, no I/O.
package contrast

import (
	"fmt"
	"math"
	"strconv"
)

// AA is the minimum contrast ratio of normal text to its background at
// WCAG level AA (1.4.3).
const AA = 4.5

// Color is an sRGB colour, 8 bits a channel.
type Color struct{ R, G, B uint8 }

// Parse reads "#rrggbb" or "#rgb" (either case).
func Parse(s string) (Color, error) {
	if len(s) == 4 && s[0] == '#' {
		s = "#" + s[1:2] + s[1:2] + s[2:3] + s[2:3] + s[3:4] + s[3:4]
	}
	if len(s) != 7 || s[0] != '#' {
		return Color{}, fmt.Errorf("%q is not a colour like #0b5c8a", s)
	}
	n, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return Color{}, fmt.Errorf("%q is not a colour like #0b5c8a", s)
	}
	return Color{uint8(n >> 16), uint8(n >> 8), uint8(n)}, nil
}

// String is the colour as "#rrggbb".
func (c Color) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Luminance is the relative luminance: 0 for black, 1 for white.
func Luminance(c Color) float64 {
	return 0.2126*linear(c.R) + 0.7152*linear(c.G) + 0.0722*linear(c.B)
}

// linear is a channel without the sRGB transfer curve. WCAG 2.x writes
// the threshold 0.03928 (from an early sRGB draft); the standard's
// 0.04045 gives the same result for every 8-bit value.
func linear(v uint8) float64 {
	c := float64(v) / 255
	if c <= 0.03928 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// Ratio is the contrast ratio of two colours, (L1 + 0.05) / (L2 + 0.05)
// with L1 the lighter: from 1 (the same) to 21 (black on white).
func Ratio(a, b Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Below reports whether text in a on b (or b on a) falls short of min.
// WCAG compares the ratio unrounded: 4.499:1 does not meet 4.5:1.
func Below(a, b Color, min float64) bool { return Ratio(a, b) < min }

// Format writes a ratio as "4.47:1": two decimals, cut rather than
// rounded, so that a ratio below the minimum never reads as the minimum.
func Format(r float64) string {
	return strconv.FormatFloat(math.Floor(r*100)/100, 'f', 2, 64) + ":1"
}
