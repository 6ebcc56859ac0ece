package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3},
		{"anna-schmid", "anna-schmidt", 1}, {"über", "uber", 1}, {"titel", "title", 1},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestHint(t *testing.T) {
	known := []string{"anna-schmidt", "ben-weber", "clara-yilmaz"}
	for _, tc := range []struct{ name, want string }{
		{"anna-schmitt", "did you mean anna-schmidt?"},
		{"ben-webr", "did you mean ben-weber?"},
		{"zzz", ""},
	} {
		if got := Hint(tc.name, known).String(); got != tc.want {
			t.Errorf("Hint(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := Hint("x", nil).String(); got != "" {
		t.Errorf("Hint with no candidates = %q", got)
	}
}
