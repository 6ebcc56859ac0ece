package contrast

import (
	"math"
	"testing"
)

func TestRatioOfKnownPairs(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#000000", 21},
		{"#777777", "#ffffff", 4.48},
		{"#767676", "#ffffff", 4.54}, // the lightest grey that passes AA on white
		{"#0b5c8a", "#ffffff", 7.21}, // the default theme's accent
		{"#ff0000", "#ffffff", 4.00},
		{"#0000ff", "#ffffff", 8.59},
		{"#00ff00", "#000000", 15.30},
		{"#123456", "#123456", 1},
		{"#fff", "#000", 21},
	} {
		a, err := Parse(tc.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Parse(tc.b)
		if err != nil {
			t.Fatal(err)
		}
		if got := Ratio(a, b); math.Abs(got-tc.want) > 0.005 {
			t.Errorf("%s on %s: %.4f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestLuminance(t *testing.T) {
	for in, want := range map[string]float64{"#000000": 0, "#ffffff": 1, "#808080": 0.2159, "#ff0000": 0.2126} {
		c, _ := Parse(in)
		if got := Luminance(c); math.Abs(got-want) > 0.0001 {
			t.Errorf("%s: %.4f, want %.4f", in, got, want)
		}
	}
}

func TestBelowAA(t *testing.T) {
	white := Color{255, 255, 255}
	for in, below := range map[string]bool{"#777777": true, "#767676": false, "#000000": false, "#ff0000": true} {
		c, _ := Parse(in)
		if got := Below(c, white, AA); got != below {
			t.Errorf("%s on white below AA: %v, want %v", in, got, below)
		}
	}
}

func TestParse(t *testing.T) {
	if c, err := Parse("#0B5c8a"); err != nil || c != (Color{0x0b, 0x5c, 0x8a}) || c.String() != "#0b5c8a" {
		t.Errorf("%v %v", c, err)
	}
	for _, bad := range []string{"", "0b5c8a", "#0b5c8", "#gggggg", "#+12345", "blue"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestFormat(t *testing.T) {
	for r, want := range map[float64]string{21: "21.00:1", 4.4999: "4.49:1", 4.478: "4.47:1", 1: "1.00:1"} {
		if got := Format(r); got != want {
			t.Errorf("%v: %s, want %s", r, got, want)
		}
	}
}
