package shortcut

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		list string
		want Set
		err  string // a part of the error; "" for none
	}{
		{"quick", QuickTemplates, ""},
		{"skeletons, risk-charts", ChartSkeletons | RiskCharts, ""},
		{"all", All, ""},
		{"partial-cache,all", All, ""},
		{"quik", 0, `there is no shortcut "quik"; the shortcuts are quick, partial-cache, feedback-form, risk-charts, skeletons, figure-writer, page-buffers and all (did you mean quick?)`},
		{"", 0, `there is no shortcut ""`},
	} {
		got, err := Parse(c.list)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%q: %v", c.list, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%q: error %v, want %q", c.list, err, c.err)
		case got != c.want:
			t.Errorf("%q: %b, want %b", c.list, got, c.want)
		}
	}
}

// TestEveryShortcutIsNamed: each shortcut of All is listed once, with a
// name Parse reads back and a line for --stats.
func TestEveryShortcutIsNamed(t *testing.T) {
	var listed Set
	for _, s := range List() {
		if listed&s != 0 {
			t.Errorf("%s is listed twice", s.Name())
		}
		listed |= s
		if back, err := Parse(s.Name()); err != nil || back != s {
			t.Errorf("%s: Parse gives %b, %v", s.Name(), back, err)
		}
		if s.About() == "" {
			t.Errorf("%s says nothing about itself", s.Name())
		}
	}
	if listed != All {
		t.Errorf("List() is %b, All %b", listed, All)
	}
	if got := Set(1 << 20).Name(); got != "shortcut(1048576)" {
		t.Errorf("an unknown shortcut's name: %q", got)
	}
}

func TestTakes(t *testing.T) {
	for _, c := range []struct {
		off, s Set
		want   bool
	}{
		{0, QuickTemplates, true},
		{All, QuickTemplates, false},
		{RiskCharts, RiskCharts, false},
		{RiskCharts, FigureWriter, true},
		{RiskCharts | FigureWriter, FigureWriter, false},
	} {
		if got := c.off.Takes(c.s); got != c.want {
			t.Errorf("off %b takes %s: %v, want %v", c.off, c.s.Name(), got, c.want)
		}
	}
}
