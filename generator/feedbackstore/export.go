package feedbackstore

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/klartext/klartext/generator/feedback"
)

// EntryOf is a message as a row of content/data/feedback.csv. Only what is
// public leaves the database in words: the comment when it is published,
// the answer when it is published with it, the titles of the videos the
// message is about (the page's own, public anyway). Every message is a
// row, so the balance counts them all, and every answer gives its day,
// public or not. Dates are the UTC day.
func EntryOf(m Message) feedback.Entry {
	e := feedback.Entry{ID: strconv.FormatInt(m.ID, 10), Page: m.Page, Videos: m.Videos, Date: day(m.Received), Kind: m.Kind, Ratings: m.Ratings}
	if m.State == Published {
		e.Public, e.Comment = true, m.Comment
		if m.AnswerPublic {
			e.Answer = m.Answer
		}
	}
	if !m.Answered.IsZero() {
		e.Answered = day(m.Answered)
	}
	return e
}

func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Entries are all messages as export rows, by id.
func (s *Store) Entries(ctx context.Context) ([]feedback.Entry, error) {
	ms, err := s.List(ctx, Filter{})
	if err != nil {
		return nil, err
	}
	es := make([]feedback.Entry, len(ms))
	for i, m := range ms {
		es[i] = EntryOf(m)
	}
	return es, nil
}

// Imported is a comment from a comment service, or a row of a feedback
// export written before the receiver ran.
type Imported struct {
	Source, SourceID string // SourceID is the comment's id there: importing twice adds nothing
	Page, Title      string
	Videos           []string // the videos the message is about (an export's videos column)
	Received         time.Time
	Kind             feedback.Kind // "": comment, the kind of comment services' comments
	Ratings          [5]int
	Comment          string
	Published        bool // the comment was public there (an export's public column)
	// Answer is the bank's reply in the service (the answer's author was
	// named as the bank's on import), with its time; an export's row may
	// have the time of an answer that was not public, without its words.
	Answer       string
	Answered     time.Time
	AnswerPublic bool
}

// Import adds the comments it does not have yet (by source and id), in
// state new unless Published; a reply of the bank becomes the answer of a
// comment that has none. It returns how many comments were added and how
// many answers.
func (s *Store) Import(ctx context.Context, in []Imported) (added, answers int, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	for _, c := range in {
		var id int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM message WHERE source = ? AND source_id = ?", c.Source, c.SourceID).Scan(&id)
		if err == sql.ErrNoRows {
			m := Message{Received: c.Received, Page: c.Page, Title: c.Title, Videos: c.Videos, Kind: c.Kind, Ratings: c.Ratings,
				Comment: c.Comment, Source: c.Source, SourceID: c.SourceID, State: New, AnswerPublic: c.AnswerPublic}
			if m.Kind == "" {
				m.Kind = feedback.Comment
			}
			if c.Published {
				m.State = Published
			}
			id, err = insertMessage(ctx, tx, m)
			if err != nil {
				return 0, 0, err
			}
			added++
		} else if err != nil {
			return 0, 0, err
		}
		if c.Answer == "" && c.Answered.IsZero() {
			continue
		}
		res, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO answer (message_id, text, answered) VALUES (?, ?, ?)",
			id, c.Answer, c.Answered.UTC().Format(timeFormat))
		if err != nil {
			return 0, 0, err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			answers++
		}
	}
	return added, answers, tx.Commit()
}

// NotHeld returns the rows of an existing export that none of the
// database's rows accounts for (matched by page, day, kind and ratings,
// each database row once): what an export would lose if it replaced the
// file. A file written by klartext feedback export from this database, or
// imported into it, has none.
func NotHeld(file, db []feedback.Entry) []feedback.Entry {
	type key struct {
		page, day string
		kind      feedback.Kind
		ratings   [5]int
	}
	keyOf := func(e feedback.Entry) key { return key{e.Page, e.Date.Format(time.DateOnly), e.Kind, e.Ratings} }
	have := map[key]int{}
	for _, e := range db {
		have[keyOf(e)]++
	}
	var lost []feedback.Entry
	for _, e := range file {
		k := keyOf(e)
		if have[k] == 0 {
			lost = append(lost, e)
			continue
		}
		have[k]--
	}
	return lost
}
