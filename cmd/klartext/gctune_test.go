package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestGCLimitFor(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		live  uint64
		limit int64
		ok    bool
	}{
		{0, 0, false},                   // nothing measured yet: the start's budget stays
		{10 * mb, gcMemoryBudget, true}, // a small site: collected at the budget
		{50 * mb, gcMemoryBudget, true}, // twice 50 MB is the budget
		{60 * mb, 120 * mb, true},       // beyond it the limit follows the live heap
		{400 * mb, 800 * mb, true},      // a large site: twice its live heap
	}
	for _, tt := range tests {
		limit, ok := gcLimitFor(tt.live)
		if ok != tt.ok || limit != tt.limit {
			t.Errorf("gcLimitFor(%d MB) = %d MB, %v; want %d MB, %v", tt.live/mb, limit/mb, ok, tt.limit/mb, tt.ok)
		}
	}
}

func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func memoryLimit() int64 { return debug.SetMemoryLimit(-1) }

// TestGCTunerFollowsCollections checks the tuner runs after collections,
// turns GOGC off and sets the budget as the limit for the small live heap
// of a test, and restores both on stop.
func TestGCTunerFollowsCollections(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before, beforeLimit := gcPercent(), memoryLimit()
	debug.SetGCPercent(77)
	debug.SetMemoryLimit(1 << 40)
	defer debug.SetGCPercent(before)
	defer debug.SetMemoryLimit(beforeLimit)
	tuner := startGCTuner()
	if tuner == nil {
		t.Fatal("the tuner did not start")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		tuner.mu.Lock()
		n := tuner.tuned
		tuner.mu.Unlock()
		if n >= 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the tuner saw %d collections in 10 s", n)
		}
		time.Sleep(10 * time.Millisecond) // finalizers run on their own goroutine
	}
	if p, l := gcPercent(), memoryLimit(); p != -1 || l != gcMemoryBudget {
		t.Errorf("GOGC and limit with a small live heap = %d, %d; want off (-1), %d", p, l, gcMemoryBudget)
	}
	tuner.stop()
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	if p, l := gcPercent(), memoryLimit(); p != 77 || l != 1<<40 {
		t.Errorf("GOGC and limit after stop = %d, %d; want the 77 and 1 TiB it found", p, l)
	}
}

func TestGCTunerLeavesUserSettings(t *testing.T) {
	t.Setenv("GOGC", "150")
	if tuner := startGCTuner(); tuner != nil {
		tuner.stop()
		t.Error("the tuner started although GOGC is set")
	}
}
