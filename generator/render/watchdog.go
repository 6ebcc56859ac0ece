package render

import (
	"sync"
	"time"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/site"
)

// DefaultPageBudget is how long one page may take to render (its
// Markdown, charts and layout) before the build gives up on it. No real
// page comes near it: an 8 MB page of prose renders in about a second.
const DefaultPageBudget = 30 * time.Second

// pageSlot is what one render worker is doing, for the watchdog. A worker
// marks the page it starts and the end of it: two short, uncontended locks
// per page.
type pageSlot struct {
	mu        sync.Mutex
	job       Job
	busy      bool
	start     time.Time
	abandoned bool // the watchdog gave up on the page: its files and diagnostics are dropped
}

// begin marks the start of a job; false when the watchdog abandoned the
// worker, which must then stop.
func (s *pageSlot) begin(j Job, now time.Time) bool {
	if s == nil {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.job, s.busy, s.start = j, true, now
	return !s.abandoned
}

// end marks the end of the job; false when the watchdog abandoned it.
func (s *pageSlot) end() bool {
	if s == nil {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.busy = false
	return !s.abandoned
}

// do runs f (a write of the page's files or diagnostics) unless the page
// was abandoned; the watchdog cannot abandon it meanwhile.
func (s *pageSlot) do(f func()) {
	if s == nil {
		f()
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.abandoned {
		f()
	}
}

// watchdog gives up on pages that render longer than budget, so that a
// page no limit caught names itself instead of stalling CI. Go cannot stop
// a goroutine: an abandoned worker runs on, but writes nothing, and a new
// worker takes over the remaining pages.
type watchdog struct {
	budget time.Duration
	now    func() time.Time

	mu    sync.Mutex
	slots []*pageSlot
}

func (w *watchdog) newSlot() *pageSlot {
	s := &pageSlot{}
	w.mu.Lock()
	w.slots = append(w.slots, s)
	w.mu.Unlock()
	return s
}

// overdue abandons every page that began more than budget before now and
// returns them.
func (w *watchdog) overdue(now time.Time) []Job {
	w.mu.Lock()
	slots := append([]*pageSlot(nil), w.slots...)
	w.mu.Unlock()
	var out []Job
	for _, s := range slots {
		s.mu.Lock()
		if s.busy && !s.abandoned && now.Sub(s.start) > w.budget {
			s.abandoned = true
			out = append(out, s.job)
		}
		s.mu.Unlock()
	}
	return out
}

// tickEvery is how often the watchdog looks: often enough to name a page
// soon after its budget, seldom enough to cost nothing.
func (w *watchdog) tickEvery() time.Duration {
	return min(max(w.budget/4, time.Millisecond), time.Second)
}

// overBudget is the error for a page the build gave up on.
func overBudget(n *site.Node, budget time.Duration) diag.Diagnostic {
	file := n.Source
	what := "this page"
	if file == "" {
		what = "the page " + n.URL
	}
	return diag.Errorf(file, 0, "rendering %s took longer than %s; the build gave up on it", what, budget).
		WithHint("the page is too large or too complex for one page: split it, or simplify its tables and charts")
}
