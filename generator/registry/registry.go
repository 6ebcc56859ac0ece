// Package registry holds the lists of definitions the build is made from
// (page kinds, chart kinds, feedback providers): read on every page
// without a lock, added to rarely (tests register entries of their own).
package registry

import (
	"slices"
	"sync"
	"sync/atomic"
)

// List is a list of definitions, in the order they were added.
type List[T comparable] struct {
	mu    sync.Mutex // serialises changes
	items atomic.Pointer[[]T]
}

// New is a list of the items.
func New[T comparable](items ...T) *List[T] {
	l := &List[T]{}
	l.items.Store(&items)
	return l
}

// All is the list as it is now; the caller must not change it.
func (l *List[T]) All() []T { return *l.items.Load() }

// Add adds x at the end; remove takes it out again.
func (l *List[T]) Add(x T) (remove func()) {
	l.change(func(items []T) []T { return append(items, x) })
	return func() {
		l.change(func(items []T) []T { return slices.DeleteFunc(items, func(y T) bool { return y == x }) })
	}
}

// change replaces the list by f's answer to a copy of it.
func (l *List[T]) change(f func([]T) []T) {
	l.mu.Lock()
	defer l.mu.Unlock()
	next := f(slices.Clone(l.All()))
	l.items.Store(&next)
}
