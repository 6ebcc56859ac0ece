package render

import (
	"testing"
	"time"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/site"
)

// TestWatchdogOverdue drives the watchdog with an injected clock: a page
// is given up exactly once, after its budget and not at it, and the
// abandoned worker writes nothing and stops.
func TestWatchdogOverdue(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	wd := &watchdog{budget: 30 * time.Second}
	slow, quick := wd.newSlot(), wd.newSlot()
	page := NewJob(&site.Node{Page: &content.Page{Source: "content/riesig.md", URL: "/riesig/"}}, 1)
	if !slow.begin(page, t0) || !quick.begin(NewJob(&site.Node{Page: &content.Page{URL: "/"}}, 1), t0.Add(29*time.Second)) {
		t.Fatal("fresh slots must begin")
	}
	if got := wd.overdue(t0.Add(30 * time.Second)); len(got) != 0 {
		t.Errorf("at the budget nothing is overdue: %v", got)
	}
	got := wd.overdue(t0.Add(30*time.Second + time.Nanosecond))
	if len(got) != 1 || got[0].Node.Source != "content/riesig.md" {
		t.Fatalf("want the slow page, got %v", got)
	}
	if again := wd.overdue(t0.Add(time.Hour)); len(again) != 1 || again[0].Node.URL != "/" {
		t.Errorf("the slow page is given up once, the other in its turn: %v", again)
	}
	wrote := false
	slow.do(func() { wrote = true })
	if wrote || slow.end() || slow.begin(page, t0) {
		t.Error("an abandoned worker must write nothing and stop")
	}
	if d := overBudget(page.Node, wd.budget); d.Error() != "content/riesig.md: rendering this page took longer than 30s; the build gave up on it — "+
		"the page is too large or too complex for one page: split it, or simplify its tables and charts" {
		t.Errorf("message: %s", d.Error())
	}
	var none *pageSlot // renders without a watchdog (klartext serve's edits)
	ran := false
	none.do(func() { ran = true })
	if !ran || !none.begin(page, t0) || !none.end() {
		t.Error("a nil slot must run everything")
	}
}
