package diag

import (
	"testing"
	"unsafe"
)

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

func TestConstantMessagesAreShared(t *testing.T) {
	const msg = "reviewed is given but not reviewed_by"
	a := Warnf("a.md", 1, msg).WithHint("add reviewed_by:")
	b := Warnf("b.md", 2, msg).WithHint("add reviewed_by:")
	if a.Message != msg || a.Hint != "add reviewed_by:" {
		t.Fatalf("got %q, %q", a.Message, a.Hint)
	}
	if unsafe.StringData(a.Message) != unsafe.StringData(b.Message) || unsafe.StringData(a.Hint) != unsafe.StringData(b.Hint) {
		t.Error("two diagnostics with one constant message keep two copies of it")
	}
	// A format with verbs, or an escaped percent sign, still goes through fmt.
	if got := Errorf("", 0, "100%% sure").Message; got != "100% sure" {
		t.Errorf("%%%% gave %q", got)
	}
	if got := Errorf("", 0, "%d pages", 3).Message; got != "3 pages" {
		t.Errorf("got %q", got)
	}
}
