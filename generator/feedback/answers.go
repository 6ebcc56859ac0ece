package feedback

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Dialogue is a public message and, where it is public too, the bank's
// answer.
type Dialogue struct {
	ID       string
	Page     string
	Date     time.Time
	Kind     Kind
	Comment  string
	Answer   string    // "" when no answer is public
	Answered time.Time // the answer's day; zero without one
}

func dialogueOf(e Entry) Dialogue {
	d := Dialogue{ID: e.ID, Page: e.Page, Date: e.Date, Kind: e.Kind, Comment: e.Comment}
	if e.Answer != "" {
		d.Answer, d.Answered = e.Answer, e.Answered
	}
	return d
}

// sortDialogue puts a page's public messages newest first; the same day in
// the order of their ids, then of their text, so the order is the same in
// every build.
func sortDialogue(ds []Dialogue) {
	slices.SortStableFunc(ds, func(a, b Dialogue) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		if c := strings.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		return strings.Compare(a.Comment, b.Comment)
	})
}

// YouSaidLimit is how many answered messages /feedback/ shows.
const YouSaidLimit = 10

// latestAnswers keeps the n messages answered last (ties: the later
// message, then the page and id).
func latestAnswers(ds []Dialogue, n int) []Dialogue {
	slices.SortStableFunc(ds, func(a, b Dialogue) int {
		if c := b.Answered.Compare(a.Answered); c != 0 {
			return c
		}
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		if c := strings.Compare(a.Page, b.Page); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	if len(ds) > n {
		ds = ds[:n]
	}
	return ds
}

// AnswerStats is how the bank answers: counted over every message, public
// or not, since an answer given but not published is still given.
type AnswerStats struct {
	Criticism         int // messages of kind criticism
	CriticismAnswered int // of them answered
	Answered          int // messages of any kind answered
	// MedianDays is the median number of days from a message to its answer
	// over the answered messages; HasMedian is false when none is.
	MedianDays float64
	HasMedian  bool
}

func (a *AnswerStats) add(e Entry, days *[]int) {
	answered := !e.Answered.IsZero()
	if e.Kind == Criticism {
		a.Criticism++
		if answered {
			a.CriticismAnswered++
		}
	}
	if answered {
		a.Answered++
		*days = append(*days, DaysBetween(e.Date, e.Answered))
	}
}

// CriticismShare is the share of criticism answered, 0 to 1; ok is false
// when there is no criticism.
func (a AnswerStats) CriticismShare() (share float64, ok bool) {
	if a.Criticism == 0 {
		return 0, false
	}
	return float64(a.CriticismAnswered) / float64(a.Criticism), true
}

// DaysBetween is the number of calendar days from one date to a later one.
func DaysBetween(from, to time.Time) int {
	y1, m1, d1 := from.Date()
	y2, m2, d2 := to.Date()
	a := time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)
	b := time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// Median of whole numbers: the middle one, or the mean of the two middle
// ones; ok is false for none. xs is sorted in place.
func Median(xs []int) (m float64, ok bool) {
	if len(xs) == 0 {
		return 0, false
	}
	slices.SortFunc(xs, cmp.Compare[int])
	mid := len(xs) / 2
	if len(xs)%2 == 1 {
		return float64(xs[mid]), true
	}
	return float64(xs[mid-1]+xs[mid]) / 2, true
}
