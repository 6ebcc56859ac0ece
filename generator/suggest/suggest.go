// Package suggest finds the known name closest to a mistyped one, for
// "did you mean anna-schmidt?" hints.
package suggest

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

// Hint returns `did you mean "x"?` for the closest candidate, or "" when
// none is close.
func Hint(name string, candidates []string) string {
	if c, ok := Closest(name, candidates); ok {
		return "did you mean " + c + "?"
	}
	return ""
}

// Distance is the Levenshtein distance between a and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
