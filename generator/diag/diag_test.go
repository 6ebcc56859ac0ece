package diag

import "testing"

func TestDiagnosticError(t *testing.T) {
	for _, tc := range []struct {
		d    Diagnostic
		want string
	}{
		{Errorf("content/a.md", 3, "unknown key %q", "titel").WithHint("did you mean title?"),
			`content/a.md:3: unknown key "titel" — did you mean title?`},
		{Warnf("content/data/feedback.csv", 0, "no page"), "content/data/feedback.csv: warning: no page"},
		{Diagnostic{Message: "bare"}, "bare"},
	} {
		if got := tc.d.Error(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestListSortedAndCounted(t *testing.T) {
	var l List
	l.Warn("b.md", 1, "w")
	l.Error("a.md", 9, "e2")
	l.Error("a.md", 2, "e1")
	all := l.All()
	if len(all) != 3 || all[0].Message != "e1" || all[1].Message != "e2" || all[2].Message != "w" {
		t.Fatalf("unsorted: %v", all)
	}
	if !l.HasErrors() || len(l.Errors()) != 2 || len(l.Warnings()) != 1 {
		t.Fatalf("counts wrong: %v", all)
	}
}
