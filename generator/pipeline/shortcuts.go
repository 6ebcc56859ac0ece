package pipeline

import (
	"fmt"
	"strings"

	"github.com/klartext/klartext/generator/suggest"
)

// Shortcut is one of the ways a build saves work on what many pages have in
// common. None may change a byte of the output: TestReferenceBuildIsIdentical
// builds with all of them off, TestEachShortcutChangesNothing with each off
// alone. Options.Off turns them off by name (klartext build
// --no-shortcut=NAME), so each one's worth can be measured; add a new one
// to shortcuts below.
type Shortcut uint

const (
	// QuickTemplates runs layouts and partials as quick programs compiled
	// from html/template's escaped templates (theme/internal/quick).
	QuickTemplates Shortcut = 1 << iota
	// PartialCache renders {{partialCached}} fragments once per key.
	PartialCache
	// FeedbackForm renders the plain feedback form once per build and
	// fills in each page's identity (feedback.go).
	FeedbackForm
	// RiskCharts builds a product page's risk chart once per risk class
	// and holding period (charts.go).
	RiskCharts
	// ChartSkeletons fills the product charts' options into skeletons
	// cached per shape (chart.Skeletons).
	ChartSkeletons
	// FigureWriter writes chart figures with chart.Figure.HTML instead of
	// running their template in html/template.
	FigureWriter

	// AllShortcuts is every shortcut: Off: AllShortcuts is the reference
	// build.
	AllShortcuts = QuickTemplates | PartialCache | FeedbackForm | RiskCharts | ChartSkeletons | FigureWriter
)

var shortcuts = []struct {
	s           Shortcut
	name, about string
}{
	{QuickTemplates, "quick", "layouts and partials run as compiled programs, not by reflection in html/template"},
	{PartialCache, "partial-cache", "partialCached fragments rendered once per key"},
	{FeedbackForm, "feedback-form", "the feedback form rendered once, each page's identity filled in"},
	{RiskCharts, "risk-charts", "a product page's risk chart built once per risk class and holding period"},
	{ChartSkeletons, "skeletons", "product chart options filled into skeletons cached per shape"},
	{FigureWriter, "figure-writer", "chart figures written directly, not through their html/template template"},
}

// Shortcuts lists every shortcut, in the order --stats shows them.
func Shortcuts() []Shortcut {
	out := make([]Shortcut, len(shortcuts))
	for i, s := range shortcuts {
		out[i] = s.s
	}
	return out
}

// Name is the shortcut's name for --no-shortcut ("skeletons").
func (s Shortcut) Name() string {
	for _, x := range shortcuts {
		if x.s == s {
			return x.name
		}
	}
	return fmt.Sprintf("shortcut(%d)", uint(s))
}

// About says in a line what the shortcut saves.
func (s Shortcut) About() string {
	for _, x := range shortcuts {
		if x.s == s {
			return x.about
		}
	}
	return ""
}

// ParseShortcuts reads a comma-separated list of shortcut names ("all" for
// every one), as --no-shortcut takes it.
func ParseShortcuts(list string) (Shortcut, error) {
	var out Shortcut
	var names []string
	for _, x := range shortcuts {
		names = append(names, x.name)
	}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "all" {
			out |= AllShortcuts
			continue
		}
		found := false
		for _, x := range shortcuts {
			if x.name == name {
				out, found = out|x.s, true
			}
		}
		if !found {
			msg := fmt.Sprintf("there is no shortcut %q; the shortcuts are %s and all", name, strings.Join(names, ", "))
			if h := suggest.Hint(name, names); h != "" {
				msg += " (" + h + ")"
			}
			return 0, fmt.Errorf("%s", msg)
		}
	}
	return out, nil
}

// on reports whether the build takes shortcut s.
func (o Options) on(s Shortcut) bool { return o.Off&s == 0 }
