package diag

import "testing"

func TestOnce(t *testing.T) {
	a := Errorf("content/data/products.csv", 3, "risk class 9")
	b := Warnf("content/ueber-uns.md", 0, "no reviewer")
	tests := []struct {
		name    string
		several bool
		first   []Diagnostic
		later   []Diagnostic
		want    int // of later, kept
	}{
		{"one language keeps repeats", false, []Diagnostic{a}, []Diagnostic{a, b}, 2},
		{"another language's repeat is dropped", true, []Diagnostic{a}, []Diagnostic{a, b}, 1},
		{"same text, other severity is kept", true, []Diagnostic{a}, []Diagnostic{{Severity: Warning, File: a.File, Line: a.Line, Message: a.Message}}, 1},
		{"nothing before, all kept", true, nil, []Diagnostic{a, b}, 2},
	}
	for _, tt := range tests {
		o := NewOnce(tt.several)
		if got := o.Add(tt.first, true); len(got) != len(tt.first) {
			t.Errorf("%s: the default language's %d diagnostics became %d", tt.name, len(tt.first), len(got))
		}
		if got := o.Add(tt.later, false); len(got) != tt.want {
			t.Errorf("%s: kept %d of the later language's, want %d", tt.name, len(got), tt.want)
		}
	}
}
