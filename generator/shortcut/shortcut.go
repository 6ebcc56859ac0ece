// Package shortcut names the ways a build saves work on what many pages
// have in common. None may change a byte of the output:
// TestReferenceBuildIsIdentical builds with all of them off,
// TestEachShortcutChangesNothing with each off alone (generator/pipeline).
// pipeline.Options.Off turns them off by name (klartext build
// --no-shortcut=NAME), so each one's worth can be measured; add a new one
// to shortcuts below.
package shortcut

import (
	"fmt"
	"strings"

	"github.com/klartext/klartext/generator/suggest"
)

// Set is a set of shortcuts: one of the constants below, or several or'ed.
type Set uint

const (
	// QuickTemplates runs layouts and partials as quick programs compiled
	// from html/template's escaped templates (theme/internal/quick).
	QuickTemplates Set = 1 << iota
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
	// PageBuffers writes a page's HTML pieces (its Markdown, charts and
	// feedback form) into a buffer its render worker reuses for the next
	// page (package pagebuf), instead of a new string each.
	PageBuffers

	// All is every shortcut: pipeline.Options{Off: All} is the reference
	// build.
	All = QuickTemplates | PartialCache | FeedbackForm | RiskCharts | ChartSkeletons | FigureWriter | PageBuffers
)

var shortcuts = []struct {
	s           Set
	name, about string
}{
	{QuickTemplates, "quick", "layouts and partials run as compiled programs, not by reflection in html/template"},
	{PartialCache, "partial-cache", "partialCached fragments rendered once per key"},
	{FeedbackForm, "feedback-form", "the feedback form rendered once, each page's identity filled in"},
	{RiskCharts, "risk-charts", "a product page's risk chart built once per risk class and holding period"},
	{ChartSkeletons, "skeletons", "product chart options filled into skeletons cached per shape"},
	{FigureWriter, "figure-writer", "chart figures written directly, not through their html/template template"},
	{PageBuffers, "page-buffers", "a page's Markdown, charts and feedback form written into a buffer each render worker reuses"},
}

// List lists every shortcut, in the order --stats shows them.
func List() []Set {
	out := make([]Set, len(shortcuts))
	for i, s := range shortcuts {
		out[i] = s.s
	}
	return out
}

// Name is the shortcut's name for --no-shortcut ("skeletons").
func (s Set) Name() string {
	for _, x := range shortcuts {
		if x.s == s {
			return x.name
		}
	}
	return fmt.Sprintf("shortcut(%d)", uint(s))
}

// About says in a line what the shortcut saves.
func (s Set) About() string {
	for _, x := range shortcuts {
		if x.s == s {
			return x.about
		}
	}
	return ""
}

// Parse reads a comma-separated list of shortcut names ("all" for
// every one), as --no-shortcut takes it.
func Parse(list string) (Set, error) {
	var out Set
	var names []string
	for _, x := range shortcuts {
		names = append(names, x.name)
	}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "all" {
			out |= All
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
			if h := suggest.Hint(name, names); !h.Empty() {
				msg += " (" + h.String() + ")"
			}
			return 0, fmt.Errorf("%s", msg)
		}
	}
	return out, nil
}

// Takes reports whether a build with the shortcuts off turned off takes
// shortcut s.
func (off Set) Takes(s Set) bool { return off&s == 0 }
