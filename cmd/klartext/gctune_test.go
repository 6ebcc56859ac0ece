package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestGCSettingsFor(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		live uint64
		ok   bool
	}{
		{0, false},        // nothing measured yet
		{10 * mb, true},   // a small site: room to grow
		{100 * mb, true},  // the limit binds before GOGC=175 would
		{174 * mb, true},  // just below half the limit
		{175 * mb, false}, // half the limit: the limit would collect as often as the default
		{1000 * mb, false},
	}
	for _, tt := range tests {
		percent, limit, ok := gcSettingsFor(tt.live)
		if ok != tt.ok || (ok && (percent != gcPercentRoom || limit != gcMemoryLimit)) {
			t.Errorf("gcSettingsFor(%d MB) = %d, %d, %v; want tuned %v", tt.live/mb, percent, limit, ok, tt.ok)
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
// sets GOGC and the limit for the small live heap of a test, and restores both on stop.
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
	if p, l := gcPercent(), memoryLimit(); p != gcPercentRoom || l != gcMemoryLimit {
		t.Errorf("GOGC and limit with a small live heap = %d, %d; want %d, %d", p, l, gcPercentRoom, gcMemoryLimit)
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
