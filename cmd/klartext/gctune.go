package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// A build allocates about 60 KB per page and keeps less than a tenth of
// it (the site model, some 50 MB of live heap at 10,000 pages): what the
// peak memory is, is the collector's choice. With Go's default (GOGC=100:
// collect when the heap has doubled since the last collection) a
// 10,000-page build peaks at about 150 MB; collecting at a fixed memory
// limit instead bounds the peak where the site is small and collects no
// more often while the live heap leaves room below the limit.
//
// The tuner turns GOGC off and sets the memory limit to the larger of
// gcMemoryBudget and gcLiveFactor times the live heap: a site whose
// model is small is collected when the runtime's memory reaches the
// budget, and a large one when its memory has grown to twice its live
// heap, about as Go's default would (the limit counts the runtime's
// memory beside the heap, so a little more often). Since the render
// stage allocates a third less than it did, that costs about the
// collector's work of GOGC=175 before (the README's performance section
// has the figures). The decision is taken
// again after every collection (the way Uber's GC tuner follows the
// heap), so the limit follows a live heap that grows while the pages
// load. A user who sets GOGC or GOMEMLIMIT keeps control: the tuner does
// not start.
const (
	gcMemoryBudget = 100 << 20 // bytes the runtime may use before collecting, at least
	gcLiveFactor   = 2         // the limit as a multiple of the live heap, beyond the budget
)

// gcLimitFor is the memory limit for a live heap of live bytes (GOGC is
// off while the tuner runs); ok is false before anything was measured.
func gcLimitFor(live uint64) (limit int64, ok bool) {
	if live == 0 {
		return 0, false
	}
	return max(gcMemoryBudget, int64(float64(live)*gcLiveFactor)), true
}

// startGCTuner tunes the collector after every collection until stop is
// called, which leaves GOGC and the memory limit as it found them. It
// returns nil (a valid tuner that does nothing) when GOGC or GOMEMLIMIT is
// set.
func startGCTuner() *gcTuner {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	t := &gcTuner{sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.percent = debug.SetGCPercent(-1)
	t.limit = debug.SetMemoryLimit(gcMemoryBudget)
	// A finalizer runs once the collector has found its object
	// unreachable; setting it again keeps the object for one more cycle.
	runtime.SetFinalizer(&gcCycle{t}, (*gcCycle).collected)
	return t
}

func (t *gcTuner) stop() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stopped = true
	t.apply(t.percent, t.limit)
}

type gcTuner struct {
	sample  []metrics.Sample
	percent int   // GOGC as found
	limit   int64 // memory limit as found
	mu      sync.Mutex
	stopped bool
	tuned   int // collections seen (for tests)
}

func (t *gcTuner) apply(percent int, limit int64) {
	debug.SetGCPercent(percent)
	debug.SetMemoryLimit(limit)
}

// gcCycle is the object whose finalizer runs after each collection.
type gcCycle struct{ t *gcTuner }

func (c *gcCycle) collected() {
	t := c.t
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() == metrics.KindUint64 {
		if limit, ok := gcLimitFor(t.sample[0].Value.Uint64()); ok {
			t.apply(-1, limit)
		}
	}
	t.tuned++
	runtime.SetFinalizer(c, (*gcCycle).collected)
}
