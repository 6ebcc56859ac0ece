package markdown

import (
	"strconv"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// headingIDs generates heading IDs that keep non-ASCII letters, so
// "## Über uns" gets the id "über-uns" (goldmark's default drops the Ü).
// The rule is GitHub's: lower case, spaces to hyphens, letters, digits,
// hyphens and underscores kept, all other characters dropped; a repeated ID
// gets "-1", "-2".
//
// next remembers, per ID, the suffix to try next: every smaller one is
// taken already, so 50,000 equal headings cost 50,000 look-ups, not the
// 1.25 billion of trying -1, -2, … from the start for each.
type headingIDs struct {
	used map[string]bool
	next map[string]int
	// authored are the ids an author wrote ({#id}), which goldmark Puts;
	// attributes.go refuses them. nil until there is one.
	authored map[string]bool
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}, next: map[string]int{}} }

// HeadingID is the ID a heading with this text gets (before de-duplication).
func HeadingID(text string) string {
	out := make([]rune, 0, len(text))
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-':
			out = append(out, unicode.ToLower(r))
		case unicode.IsSpace(r):
			out = append(out, '-')
		}
	}
	if len(out) == 0 {
		return "heading"
	}
	return string(out)
}

func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := HeadingID(string(value))
	id := base
	if s.used[id] {
		i := max(s.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); s.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

func (s *headingIDs) Put(value []byte) {
	s.used[string(value)] = true
	if s.authored == nil {
		s.authored = map[string]bool{}
	}
	s.authored[string(value)] = true
}

func (s *headingIDs) isAuthored(id []byte) bool { return s.authored[string(id)] }
