package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// A build allocates about 170 KB per page and keeps little of it: with
// Go's default (GOGC=100: collect when the heap has doubled since the last
// collection) the collector runs every 50 ms and takes a sixth of the CPU
// of a 10,000-page build whose live heap is only some 50 MB.
//
// The tuner lets the heap grow to 2.75 times the live heap (GOGC=175)
// under a memory limit of gcMemoryLimit, while the live heap is below half
// of that limit; there the limit collects exactly as often as the default
// would, so beyond it the tuner restores the default and lifts the limit:
// a site with a large live heap is collected as Go would collect it, never
// more often. The decision is taken again after every collection (the way
// Uber's GC tuner follows the heap). A user who sets GOGC or GOMEMLIMIT
// keeps control: the tuner does not start.
const (
	gcMemoryLimit = 350 << 20 // bytes of memory the runtime may use before collecting early
	gcPercentRoom = 175       // GOGC while the live heap is small (10,000 pages: about 150 MB peak)
)

// gcSettingsFor is GOGC and the memory limit for a live heap of live
// bytes; ok is false where Go's defaults apply.
func gcSettingsFor(live uint64) (percent int, limit int64, ok bool) {
	if live == 0 || live >= gcMemoryLimit/2 {
		return 0, 0, false
	}
	return gcPercentRoom, gcMemoryLimit, true
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
	t.percent = debug.SetGCPercent(gcPercentRoom)
	t.limit = debug.SetMemoryLimit(gcMemoryLimit)
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
		if percent, limit, ok := gcSettingsFor(t.sample[0].Value.Uint64()); ok {
			t.apply(percent, limit)
		} else {
			t.apply(t.percent, t.limit)
		}
	}
	t.tuned++
	runtime.SetFinalizer(c, (*gcCycle).collected)
}
