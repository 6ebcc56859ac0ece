package feedback

import "testing"

func TestCountsPlus(t *testing.T) {
	for _, c := range []struct{ a, b, want Counts }{
		{Counts{}, Counts{}, Counts{}},
		{Counts{1, 2, 3, 4}, Counts{}, Counts{1, 2, 3, 4}},
		{Counts{1, 2, 3, 4}, Counts{10, 20, 30, 40}, Counts{11, 22, 33, 44}},
	} {
		if got := c.a.Plus(c.b); got != c.want {
			t.Errorf("%+v plus %+v = %+v, want %+v", c.a, c.b, got, c.want)
		}
	}
}
