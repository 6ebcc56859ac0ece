package feedbackimport

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/feedbackexport"
	"github.com/klartext/klartext/generator/feedbackstore"
)

// CSV reads a feedback export (content/data/feedback.csv as editors wrote
// it before the receiver ran, or as klartext feedback export wrote it)
// into imports that keep each row's kind, ratings, comment, public flag,
// answer and videos. A row's id there is its source id; a row without one is
// known by a hash of its contents, so importing the file again adds
// nothing. Rows with errors are reported (file and line) and nothing is
// imported.
func CSV(file string, r io.Reader) ([]feedbackstore.Imported, []diag.Diagnostic) {
	entries, ds := feedbackexport.Parse(file, r)
	l := &diag.List{}
	l.Add(ds...)
	if l.HasErrors() {
		return nil, ds
	}
	out := make([]feedbackstore.Imported, 0, len(entries))
	for _, e := range entries {
		id := e.ID
		if id == "" {
			id = "row-" + rowHash(e)
		}
		im := feedbackstore.Imported{Source: feedbackstore.SourceCSV, SourceID: id, Page: e.Page, Videos: e.Videos,
			Received: e.Date.Add(12 * time.Hour), // the day is all the file knows: noon, so no time zone moves it
			Kind:     e.Kind, Ratings: e.Ratings, Comment: e.Comment, Published: e.Public,
			Answer: e.Answer, Answered: e.Answered, AnswerPublic: e.Answer != ""}
		if !e.Answered.IsZero() { // an answer not public has its day in the file, not its words
			im.Answered = e.Answered.Add(12 * time.Hour)
		}
		out = append(out, im)
	}
	return out, ds
}

func rowHash(e feedback.Entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%s\x00%s\x00", e.Page, e.Date.Format(time.DateOnly), e.Kind)
	for _, r := range e.Ratings {
		b.WriteString(strconv.Itoa(r))
	}
	b.WriteString("\x00" + e.Comment)
	if len(e.Videos) > 0 { // only then: the rows of files without videos keep their hashes
		b.WriteString("\x00" + strings.Join(e.Videos, "\n"))
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}
