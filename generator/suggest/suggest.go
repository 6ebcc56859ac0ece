// Package suggest finds the known name closest to a mistyped one, for
// "did you mean anna-schmidt?" hints.
package suggest

import "github.com/klartext/klartext/generator/diag"

// Closest returns the candidate nearest to name by edit distance, and
// whether it is near enough to be worth suggesting (at most a third of the
// name's length, and at least 1, edits away). Ties go to the earlier
// candidate, so callers pass a sorted list for stable messages.
func Closest(name string, candidates []string) (string, bool) {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := Distance(name, c)
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 {
		return "", false
	}
	limit := max(1, len([]rune(name))/3)
	return best, bestDist <= limit
}

// Hint returns "did you mean x?" for the closest candidate, or the empty
// Text when none is close; a diag.Text, so that a diagnostic's hint made
// of it (WithHint("%s", h)) speaks the site's language.
func Hint(name string, candidates []string) diag.Text {
	if c, ok := Closest(name, candidates); ok {
		return diag.T("did you mean %s?", c)
	}
	return diag.Text{}
}

// Distance is the edit distance between a and b in runes, counting an
// insertion, a deletion, a substitution or a swap of two neighbours ("titel"
// for "title") as one edit (optimal string alignment).
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
