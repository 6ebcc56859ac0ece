package scaffold

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestCreateRefusesOverwriteAndBadNames(t *testing.T) {
	root := t.TempDir()
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	p, err := Create(root, "product", "etf-welt", today)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	// A draft with the review keys empty: nobody has reviewed it yet.
	for _, want := range []string{"product: etf-welt", "\ndraft: true\n", "\nreviewed:\n", "\nreviewed_by: \"\"\n", "\nvalid_until:\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("scaffold lacks %q: %s", want, b)
		}
	}
	if strings.Contains(string(b), "2026-11-26") || strings.Contains(string(b), "2027-11-26") {
		t.Errorf("scaffold writes a review date nobody wrote: %s", b)
	}
	if _, err := Create(root, "product", "etf-welt", today); err == nil || !strings.Contains(err.Error(), "never overwrites") {
		t.Errorf("overwrite not refused: %v", err)
	}
	for _, bad := range []string{"../x", "a/b", "Anna Schmidt", "", "/etc/x"} {
		if _, err := Create(root, "story", bad, today); err == nil {
			t.Errorf("name %q accepted", bad)
		}
	}
	if _, err := Create(root, "pie", "x", today); err == nil {
		t.Error("unknown kind accepted")
	}
}
