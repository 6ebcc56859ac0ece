package feedback

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/diag"
)

// Kind is what a reader's message is.
type Kind string

// The kinds of feedback.
const (
	Praise    Kind = "praise"
	Criticism Kind = "criticism"
	Question  Kind = "question"
	// Comment is a message not (yet) classified: what comments imported
	// from a comment service are until an editor gives them a kind. It counts
	// in the totals, apart from praise and criticism.
	Comment Kind = "comment"
)

var kindNames = []string{"comment", "criticism", "praise", "question"}

// Entry is one row of the feedback export.
type Entry struct {
	ID      string    // the feedback service's id of the message; optional
	Page    string    // canonical path, "/products/etf-welt/"
	Videos  []string  // the titles of the videos on the page the message is about; nil for none
	Date    time.Time // UTC midnight
	Kind    Kind
	Ratings [5]int // in the order of Factors; 0 = not given
	Comment string
	// Public: the comment may be shown on its page (and on /feedback/).
	// Files written by hand before the column existed publish nothing.
	Public   bool
	Answer   string    // the bank's public answer; "" when none is public
	Answered time.Time // the day the bank answered, public or not; zero when it has not
	Line     int       // line of the row in the file
}

// CanonicalPath turns a page reference (the export's page column, a
// comment service's thread) into a canonical path: an absolute URL gives
// its path, a trailing slash is added, query and fragment are dropped. The
// second result says what is wrong, or "".
func CanonicalPath(raw string) (string, string) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", "the page is empty"
	}
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		u, err := url.Parse(s)
		if err != nil {
			return "", "not a URL"
		}
		s = u.Path
		if s == "" {
			s = "/"
		}
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	if !strings.HasPrefix(s, "/") {
		return "", "not a path starting with /"
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, ""
}

// CheckPages warns once per page path in the export that is no page of the
// site (known reports whether a canonical path is a page), naming the first
// row and how many rows there are.
func CheckPages(entries []Entry, known func(path string) bool, file string) []diag.Diagnostic {
	type miss struct{ line, rows int }
	seen := map[string]*miss{}
	var order []string
	for _, e := range entries {
		if m, ok := seen[e.Page]; ok {
			if m != nil {
				m.rows++
			}
			continue
		}
		if known(e.Page) {
			seen[e.Page] = nil
			continue
		}
		seen[e.Page] = &miss{line: e.Line, rows: 1}
		order = append(order, e.Page)
	}
	var ds []diag.Diagnostic
	for _, p := range order {
		m := seen[p]
		rows := "1 row"
		if m.rows > 1 {
			rows = strconv.Itoa(m.rows) + " rows"
		}
		ds = append(ds, diag.Warnf(file, m.line, "feedback for %s (%s) matches no page of the site", p, rows).
			WithHint("the page was renamed or removed, or the path in the export is mistyped"))
	}
	return ds
}

// LeaveOutFuture returns the entries dated on or before today and a warning
// for each row dated later, which is left out of every count: a message
// cannot have arrived after the build's day (a mistyped year, a clock set
// wrong in the service). An answer dated after today is not counted as
// given, with a warning too. today is the build's time: its day where the
// build runs or in UTC, whichever is later (the receiver dates messages by
// the UTC day, editors by their own).
func LeaveOutFuture(entries []Entry, today time.Time, file string) ([]Entry, []diag.Diagnostic) {
	y, m, d := today.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if y, m, d := today.UTC().Date(); time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(day) {
		day = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	var ds []diag.Diagnostic
	kept := make([]Entry, 0, len(entries))
	for _, e := range entries {
		if e.Date.After(day) {
			ds = append(ds, diag.Warnf(file, e.Line, "feedback dated %s is after the build's date %s: left out of the balance",
				e.Date.Format(time.DateOnly), day.Format(time.DateOnly)).
				WithHint("correct the date in the export (or in the feedback service's clock)"))
			continue
		}
		if e.Answered.After(day) {
			ds = append(ds, diag.Warnf(file, e.Line, "answer dated %s is after the build's date %s: not counted as answered",
				e.Answered.Format(time.DateOnly), day.Format(time.DateOnly)).
				WithHint("correct the date in the column answered"))
			e.Answered, e.Answer = time.Time{}, ""
		}
		kept = append(kept, e)
	}
	return kept, ds
}

// KindNames are the kinds' names as an export writes them, sorted.
func KindNames() []string { return append([]string(nil), kindNames...) }
