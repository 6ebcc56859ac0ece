package registry

import (
	"reflect"
	"testing"
)

func TestList(t *testing.T) {
	a, b, c := new(int), new(int), new(int)
	l := New(a, b)
	before := l.All()
	remove := l.Add(c)
	if got := l.All(); !reflect.DeepEqual(got, []*int{a, b, c}) {
		t.Errorf("after Add: %v", got)
	}
	remove()
	if got := l.All(); len(got) != 2 || got[0] != a || got[1] != b {
		t.Errorf("after remove: %v", got)
	}
	if len(before) != 2 {
		t.Errorf("a list read before a change stays as it was: %v", before)
	}
}
