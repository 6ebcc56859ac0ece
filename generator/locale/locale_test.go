package locale

import (
	"testing"
	"time"
)

func TestNumberPercentMoney(t *testing.T) {
	de, en := For("de-DE"), For("en")
	for _, tc := range []struct {
		got, want string
	}{
		{de.Money(1234.56, "EUR"), "1.234,56\u00a0€"},
		{en.Money(1234.56, "EUR"), "€1,234.56"},
		{de.Percent(0.85, 2), "0,85\u00a0%"},
		{en.Percent(0.85, 2), "0.85%"},
		{de.Number(1234567.891, 2), "1.234.567,89"},
		{en.Number(-1234.5, 1), "−1,234.5"},
		{de.Number(1.005, 2), "1,01"},
		{de.Number(-0.004, 2), "0,00"},
		{de.Number(999.995, 2), "1.000,00"},
		{de.Money(426.1, "EUR"), "426,10\u00a0€"},
		{en.Money(-5, "USD"), "−$5.00"},
		{en.Money(10, "SEK"), "SEK\u00a010.00"},
		{de.Years(1), "1 Jahr"},
		{de.Years(2.5), "2,5 Jahre"},
		{en.Years(10), "10 years"},
		{de.YearsAfter(5), "5 Jahren"},
		{de.YearsAfter(1), "1 Jahr"},
		{en.YearsAfter(5), "5 years"},
		// Fractional holding periods keep their value in every label.
		{de.Years(7.5), "7,5 Jahre"},
		{en.Years(7.5), "7.5 years"},
		{de.Years(7.25), "7,25 Jahre"},
		{de.Years(1.0 / 3), "4 Monate"},
		{de.Years(0.5), "6 Monate"},
		{en.Years(0.5), "6 months"},
		{de.Years(1.0 / 12), "1 Monat"},
		{en.Years(1.0 / 12), "1 month"},
		{de.Years(0.125), "1,5 Monate"},
		{de.YearsAfter(0.5), "6 Monaten"},
		{de.YearsAfter(7.5), "7,5 Jahren"},
		{de.YearsAfter(1.0 / 12), "1 Monat"},
		{en.Years(1.5), "1.5 years"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestRound(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		d    int
		want float64
	}{{1.005, 2, 1.01}, {4.2605, 2, 4.26}, {-2.5, 0, -3}, {0.125, 2, 0.13}} {
		if got := Round(tc.v, tc.d); got != tc.want {
			t.Errorf("Round(%v,%d) = %v, want %v", tc.v, tc.d, got, tc.want)
		}
	}
}

func TestDate(t *testing.T) {
	d := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	if got := For("de").Date(d); got != "3. März 2026" {
		t.Errorf("de date %q", got)
	}
	if got := For("en").Date(d); got != "3 March 2026" {
		t.Errorf("en date %q", got)
	}
}

func TestPrimary(t *testing.T) {
	for in, want := range map[string]string{
		"de": "de", "de-DE": "de", "DE_at": "de", " de ": "de", "en-GB": "en", "gsw-CH": "gsw",
		"zh-Hant-TW": "zh", "": "", "dex": "dex", "d": "d",
	} {
		if got := Primary(in); got != want {
			t.Errorf("Primary(%q) = %q, want %q", in, got, want)
		}
		if german := For(in).Lang == "de"; german != (want == "de") {
			t.Errorf("For(%q) is German: %v, but Primary says %q", in, german, want)
		}
	}
}

func TestTagNamesTheRegionABareCodeMeans(t *testing.T) {
	for lang, want := range map[string]string{"de": "de-DE", "de-AT": "de-DE", "en": "en-GB", "en-US": "en-GB", "": "en-GB"} {
		if got := For(lang).Tag(); got != want {
			t.Errorf("For(%q).Tag() = %q, want %q", lang, got, want)
		}
	}
	if Known("fr") || !Known("de-CH") || !Known("EN") {
		t.Errorf("Known: fr %v, de-CH %v, EN %v", Known("fr"), Known("de-CH"), Known("EN"))
	}
}
