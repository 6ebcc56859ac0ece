package chart

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// testTypes are the types of the build's registry of chart kinds
// (render.ChartKinds) when this test was written; the registry's own
// tests check that it gives ParseSpec what it lists.
var testTypes = Types{
	Names:   []string{KindComparison, KindCosts, KindCostsOverTime, "feedback", KindFeedbackBalance, KindFeedbackFactors, KindFeedbackSections, KindRisk, KindScenarios},
	Product: map[string]bool{KindRisk: true, KindCosts: true, KindCostsOverTime: true, KindScenarios: true, KindComparison: true},
}

func TestParseSpec(t *testing.T) {
	ok := []struct {
		src  string
		want Spec
	}{
		{"type: costs-over-time\n", Spec{Type: "costs-over-time", Line: 1}},
		{"type: risk\nproduct: etf-welt\n", Spec{Type: "risk", Product: "etf-welt", Line: 1}},
		{"# comment\nproduct: etf-welt   # the world\ntype: scenarios\n", Spec{Type: "scenarios", Product: "etf-welt", Line: 3}},
		{"type: comparison\nproduct: etf-welt\n", Spec{Type: "comparison", Product: "etf-welt", Line: 1}},
		{"type: feedback\n", Spec{Type: "feedback", Line: 1}},
		{"type: \"costs\"\n", Spec{Type: "costs", Line: 1}},
	}
	for _, c := range ok {
		got, err := ParseSpec([]byte(c.src), testTypes)
		if err != nil || got != c.want {
			t.Errorf("ParseSpec(%q) = %+v, %v; want %+v", c.src, got, err, c.want)
		}
	}

	bad := []struct {
		src      string
		line     int
		contains []string
	}{
		{"", 1, []string{"empty chart block"}},
		{"# only a comment\n", 1, []string{"empty chart block"}},
		{"type: pie-in-the-sky\n", 1, []string{`unknown chart type "pie-in-the-sky"`, "costs-over-time", "risk", "scenarios", "comparison"}},
		{"product: x\ntype: cost\n", 2, []string{`unknown chart type "cost"`, "did you mean costs?"}},
		{"type: costs\ncolour: red\n", 2, []string{`unknown key "colour"`, "known keys: product, type"}},
		{"typ: costs\n", 1, []string{`unknown key "typ"`, "did you mean type?"}},
		{"type: costs\ntype: risk\n", 2, []string{"type is given twice (first on line 1)"}},
		{"type: [costs]\n", 1, []string{"type needs a single value"}},
		{"product: etf-welt\n", 1, []string{"no type"}},
		{"type: costs\nproduct: ETF Welt\n", 2, []string{`product "ETF Welt" is not a product id`}},
		{"type: feedback-balance\nproduct: etf-welt\n", 2, []string{"not about one product"}},
		{"type: costs\n  x: : y\n", 2, []string{"not valid YAML"}},
		{"\n\ntype: 'costs\n", 3, []string{"not valid YAML"}},
		{"- costs\n", 1, []string{"keys and values"}},
		{"type: costs\n---\ntype: risk\n", 2, []string{"more than one YAML document"}},
	}
	for _, c := range bad {
		_, err := ParseSpec([]byte(c.src), testTypes)
		var se *SpecError
		if !errors.As(err, &se) {
			t.Errorf("ParseSpec(%q) = %v, want a *SpecError", c.src, err)
			continue
		}
		if se.Line != c.line {
			t.Errorf("ParseSpec(%q): line %d, want %d (%v)", c.src, se.Line, c.line, err)
		}
		for _, s := range c.contains {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("ParseSpec(%q) = %q, want it to contain %q", c.src, err, s)
			}
		}
	}
}

func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{"type: costs\n", "type: risk\nproduct: etf-welt\n", "type: pie-in-the-sky", "", "- a", "a: [", "type: costs\n---\n", "\ttype: x", "type: &a costs\nproduct: *a\n", "? type\n: costs\n", "type: !!binary aGk=\n"} {
		f.Add([]byte(s))
	}
	for _, s := range []string{"type: costs\nproduct: etf-welt\n", "product: x-1\n\ntype: risk  \n", "type: null\n", "type: costs\ntype: risk\n",
		"product: 123\ntype: scenarios\n", "type: comparison\nproduct: a\n", "type:   risk\n  \n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if plain, seen, ok := parsePlainSpec(src); ok {
			a, errA := checkSpec(plain, seen, testTypes)
			b, errB := parseYAMLSpec(src, testTypes)
			if a != b || fmt.Sprint(errA) != fmt.Sprint(errB) {
				t.Fatalf("%q: without YAML %+v %v, with YAML %+v %v", src, a, errA, b, errB)
			}
		}
		s, err := ParseSpec(src, testTypes)
		if err != nil {
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("error %T %v is not a *SpecError", err, err)
			}
			if lines := bytes.Count(src, []byte("\n")) + 2; se.Line < 0 || se.Line > lines {
				t.Fatalf("line %d outside 0..%d: %v", se.Line, lines, err)
			}
			return
		}
		if !testTypes.known(s.Type) {
			t.Fatalf("accepted unknown type %q", s.Type)
		}
		if s.Product != "" && !productRE.MatchString(s.Product) {
			t.Fatalf("accepted product %q", s.Product)
		}
		if s.Line < 1 {
			t.Fatalf("no line for type: %+v", s)
		}
	})
}
