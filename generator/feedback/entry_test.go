package feedback

import (
	"fmt"
	"github.com/klartext/klartext/generator/diag"
	"strings"
	"testing"
	"time"
)

const exportFile = "content/data/csv"

func TestCheckPages(t *testing.T) {
	entries := []Entry{{Page: "/a/", Line: 2}, {Page: "/gone/", Line: 3}, {Page: "/a/", Line: 4}, {Page: "/gone/", Line: 5}, {Page: "/old/", Line: 6}}
	ds := CheckPages(entries, func(p string) bool { return p == "/a/" }, exportFile)
	if len(ds) != 2 {
		t.Fatalf("%v", ds)
	}
	if ds[0].Error() != "content/data/csv:3: warning: feedback for /gone/ (2 rows) matches no page of the site — the page was renamed or removed, or the path in the export is mistyped" {
		t.Errorf("%s", ds[0].Error())
	}
	if ds[1].Line != 6 || ds[1].Severity != diag.Warning || !strings.Contains(ds[1].Message, "/old/ (1 row)") {
		t.Errorf("%s", ds[1].Error())
	}
}

func TestLeaveOutFuture(t *testing.T) {
	in := []Entry{
		{Page: "/a/", Date: day("2026-11-26"), Kind: Praise, Line: 2},                                              // today: kept
		{Page: "/a/", Date: day("2026-11-27"), Kind: Criticism, Line: 3},                                           // tomorrow: out
		{Page: "/a/", Date: day("2027-01-01"), Kind: Praise, Line: 4},                                              // next year: out
		{Page: "/a/", Date: day("2026-11-20"), Kind: Criticism, Answer: "x", Answered: day("2026-11-30"), Line: 5}, // answer later: unanswered
		{Page: "/a/", Date: day("2026-11-20"), Kind: Criticism, Answer: "y", Answered: day("2026-11-26"), Line: 6}, // answered today
	}
	today := time.Date(2026, 11, 26, 23, 59, 0, 0, time.UTC)
	got, ds := LeaveOutFuture(in, today, exportFile)
	var lines []int
	for _, e := range got {
		lines = append(lines, e.Line)
	}
	if fmt.Sprint(lines) != "[2 5 6]" {
		t.Errorf("kept rows %v", lines)
	}
	if !got[1].Answered.IsZero() || got[1].Answer != "" || got[2].Answer != "y" {
		t.Errorf("answers %+v", got)
	}
	want := []string{
		"3 feedback dated 2026-11-27 is after the build's date 2026-11-26: left out of the balance",
		"4 feedback dated 2027-01-01 is after the build's date 2026-11-26: left out of the balance",
		"5 answer dated 2026-11-30 is after the build's date 2026-11-26: not counted as answered",
	}
	if len(ds) != len(want) {
		t.Fatalf("diagnostics %v", ds)
	}
	for i, w := range want {
		d := ds[i]
		if got := fmt.Sprintf("%d %s", d.Line, d.Message); got != w || d.File != exportFile || d.Severity != diag.Warning {
			t.Errorf("#%d: %s\nwant %s", i, got, w)
		}
	}
	if in[3].Answer != "x" {
		t.Error("LeaveOutFuture changed its input")
	}
	// Late on the 26th in New York it is the 27th in UTC: a message the
	// receiver dated the 27th (UTC) is not from the future.
	ny := time.FixedZone("New York", -5*3600)
	if got, _ := LeaveOutFuture(in[1:2], time.Date(2026, 11, 26, 21, 0, 0, 0, ny), exportFile); len(got) != 1 {
		t.Error("a message of today in UTC is left out west of Greenwich")
	}
	// Shortly after midnight in Berlin it is still the 26th in UTC: an
	// editor's row dated the 27th is not from the future either.
	berlin := time.FixedZone("Berlin", 3600)
	if got, _ := LeaveOutFuture(in[1:2], time.Date(2026, 11, 27, 0, 30, 0, 0, berlin), exportFile); len(got) != 1 {
		t.Error("a row of today in Berlin is left out just after midnight")
	}
}
