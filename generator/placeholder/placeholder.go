// Package placeholder is the marker klartext new site writes where only
// the bank can say what belongs (its address, its register number, its
// data protection officer), and finds it again: klartext check reports
// every marker left until an editor replaces it with the text.
//
// The marker is [[TODO: what to write]]. It reads as what it is on a
// published page, CommonMark leaves it as text (no link: nothing defines
// the reference), YAML takes it inside quotes, and it is easy to search
// for in any editor.
package placeholder

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Mark is the placeholder for what an editor must write.
func Mark(what string) string { return "[[TODO: " + what + "]]" }

// Found is one placeholder in a text.
type Found struct {
	Line, Column int    // 1-based; the column counts characters
	What         string // what the marker says to write; "" for a bare [[TODO]]
}

var marker = regexp.MustCompile(`\[\[TODO(?::[ \t]*([^\]\n]*?))?[ \t]*\]\]`)

// Find returns the placeholders of text in order.
func Find(text []byte) []Found {
	var out []Found
	line, lineStart := 1, 0
	for _, m := range marker.FindAllSubmatchIndex(text, -1) {
		for i := lineStart; i < m[0]; i++ {
			if text[i] == '\n' {
				line, lineStart = line+1, i+1
			}
		}
		f := Found{Line: line, Column: utf8.RuneCount(text[lineStart:m[0]]) + 1}
		if m[2] >= 0 {
			f.What = strings.TrimSpace(string(text[m[2]:m[3]]))
		}
		out = append(out, f)
	}
	return out
}
