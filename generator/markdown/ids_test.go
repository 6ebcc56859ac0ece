package markdown

import (
	"strconv"
	"strings"
	"testing"
)

// referenceIDs is the rule as GitHub states it, the slow way: try -1, -2,
// … from the start for each heading.
func referenceIDs(texts []string) []string {
	used := map[string]bool{}
	var out []string
	for _, t := range texts {
		base := HeadingID(t)
		id := base
		for i := 1; used[id]; i++ {
			id = base + "-" + strconv.Itoa(i)
		}
		used[id] = true
		out = append(out, id)
	}
	return out
}

func generated(texts []string) []string {
	g := newHeadingIDs()
	var out []string
	for _, t := range texts {
		out = append(out, string(g.Generate([]byte(t), 0)))
	}
	return out
}

func TestHeadingIDsDeduplicated(t *testing.T) {
	for _, texts := range [][]string{
		{"Kosten", "Kosten", "Kosten"},
		{"a", "a", "a-1", "a", "a-1", "a-2", "a"},
		{"a-1", "a-2", "a", "a", "a", "a-1"},
		{"Über uns", "über uns", "Über  uns", "über-uns-1"},
		{"", "", "heading", "heading-1", ""},
	} {
		got, want := generated(texts), referenceIDs(texts)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q: got %v, want %v", texts, got, want)
		}
	}
}

// FuzzHeadingIDs: the ids are the reference rule's for any sequence of
// heading texts (words from a small set, so that they collide).
func FuzzHeadingIDs(f *testing.F) {
	f.Add("a a a-1 a a-2 a-1-1")
	f.Fuzz(func(t *testing.T, s string) {
		texts := strings.Fields(s)
		if len(texts) > 500 {
			texts = texts[:500]
		}
		got, want := generated(texts), referenceIDs(texts)
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
			t.Fatalf("%q: got %v, want %v", texts, got, want)
		}
	})
}
