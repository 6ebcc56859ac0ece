// Package feedbackstore keeps the readers' messages in SQLite: what the
// receiver (package feedbackserver) accepted, what was imported from a
// comment service, the bank's answers and the editors' decisions, and the
// optional e-mail addresses apart from all of it until they are purged.
//
// The database is one file (plus SQLite's -wal and -shm beside it) in WAL
// mode with synchronous=FULL: a message is on disk, even across a power
// failure, before the receiver answers the reader. Its schema is versioned
// (migrations.go); a database written by a newer klartext is refused.
package feedbackstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/feedback"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// Store is an open feedback database.
type Store struct {
	db   *sql.DB
	path string
}

// ErrNotFound is returned for a message id the database does not have.
var ErrNotFound = errors.New("no such message")

// timeFormat is how instants are stored: UTC, whole seconds, sortable.
const timeFormat = "2006-01-02T15:04:05Z"

// dsn is the connection string for path: WAL, synchronous=FULL (a commit
// returns once the WAL is fsynced; NORMAL would survive a crash of the
// process but could lose the last commits on a power failure, and the
// receiver promises the reader the message is kept), foreign keys,
// secure_delete (a purged e-mail address is overwritten, not left in a
// free page), temporary tables in memory (no file outside the database),
// and a busy timeout so an editor's command and the receiver wait for each
// other instead of failing. Write transactions take the lock at BEGIN.
func dsn(path string) string {
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath()}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)", "secure_delete(1)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens the database at path, creating it (mode 0600) when it does
// not exist, and brings its schema up to date.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("feedbackstore: no database file given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	} else if errors.Is(err, os.ErrNotExist) {
		f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600) // readers' messages: not for other users
		if err != nil && !errors.Is(err, os.ErrExist) {
			return nil, err
		}
		if f != nil {
			f.Close()
		}
	}
	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, err
	}
	// One connection: the process has one writer, and SQLite serialises
	// writers anyway; a second connection would only wait for the lock.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: abs}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file's absolute path.
func (s *Store) Path() string { return s.path }

// Message is one reader's message with what the bank did with it.
type Message struct {
	ID       int64
	Received time.Time // UTC
	Page     string
	Title    string
	Videos   []string // the titles of the videos on the page the reader answered, in its order; nil for none
	Kind     feedback.Kind
	Ratings  [5]int // in the order of feedback.Factors; 0 = not given
	Comment  string
	Source   string // form, isso, remark42
	SourceID string // the message's id in the source ("" for the form)
	State    State
	// AnswerPublic: the answer is shown with the comment (State Published).
	AnswerPublic bool
	Answer       string
	Answered     time.Time // zero: not answered
	// Email is the reader's address for a reply, until it is purged.
	Email       string
	EmailPurged time.Time // when the address is deleted
}

// State is what an editor decided about a message.
type State string

// The states of a message.
const (
	New       State = "new"       // nobody decided yet; not public
	Published State = "published" // the comment is public (and the answer, with AnswerPublic)
	Hidden    State = "hidden"    // not public; still counted in the balance
)

// Sources of messages.
const (
	SourceForm     = "form"
	SourceIsso     = "isso"
	SourceRemark42 = "remark42"
	SourceCSV      = "csv" // a feedback export from before the receiver
)

// NewMessage is a submission to store.
type NewMessage struct {
	Sub      feedback.Submission
	Received time.Time
	// Nonce is the form token's nonce: stored until NonceExpires, so the
	// same token cannot deliver a second message.
	Nonce        []byte
	NonceExpires time.Time
	// EmailPurge is when the e-mail address (if any) is deleted.
	EmailPurge time.Time
}

// ErrReplayed is the result for a message whose token was used before.
var ErrReplayed = errors.New("this form token was used before")

// AddBatch stores the messages in one transaction (one fsync for all: the
// receiver's writer collects what arrives while the previous commit
// runs). Each message gets its id, or ErrReplayed, or another error; a
// failed message does not keep the others from being stored. err is set
// when the transaction as a whole failed: then nothing was stored.
func (s *Store) AddBatch(ctx context.Context, msgs []NewMessage) (ids []int64, errs []error, err error) {
	ids, errs = make([]int64, len(msgs)), make([]error, len(msgs))
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	for i, m := range msgs {
		if _, err := tx.ExecContext(ctx, "SAVEPOINT msg"); err != nil {
			return nil, nil, err
		}
		ids[i], errs[i] = addOne(ctx, tx, m)
		end := "RELEASE msg"
		if errs[i] != nil {
			end = "ROLLBACK TO msg; RELEASE msg"
		}
		if _, err := tx.ExecContext(ctx, end); err != nil {
			return nil, nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, err
	}
	return ids, errs, nil
}

func addOne(ctx context.Context, tx *sql.Tx, m NewMessage) (int64, error) {
	if len(m.Nonce) > 0 {
		res, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO used_token (nonce, expires) VALUES (?, ?)", m.Nonce, m.NonceExpires.Unix())
		if err != nil {
			return 0, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return 0, ErrReplayed
		}
	}
	sub := m.Sub
	id, err := insertMessage(ctx, tx, Message{Received: m.Received, Page: sub.Page, Title: sub.Title, Videos: sub.Videos, Kind: sub.Kind,
		Ratings: sub.Ratings, Comment: sub.Comment, Source: SourceForm, State: New})
	if err != nil {
		return 0, err
	}
	if sub.Email != "" {
		if _, err := tx.ExecContext(ctx, "INSERT INTO contact (message_id, email, purge_after) VALUES (?, ?, ?)",
			id, sub.Email, m.EmailPurge.UTC().Format(timeFormat)); err != nil {
			return 0, err
		}
	}
	return id, nil
}

func insertMessage(ctx context.Context, tx *sql.Tx, m Message) (int64, error) {
	var source any
	if m.SourceID != "" {
		source = m.SourceID
	}
	videos, err := joinVideos(m.Videos)
	if err != nil {
		return 0, err
	}
	args := []any{m.Received.UTC().Format(timeFormat), m.Page, m.Title, string(m.Kind)}
	for _, r := range m.Ratings {
		if r == 0 {
			args = append(args, nil)
		} else {
			args = append(args, r)
		}
	}
	args = append(args, m.Comment, m.Source, source, string(m.State), m.AnswerPublic, videos)
	res, err := tx.ExecContext(ctx, `INSERT INTO message (received, page, title, kind, costs, transparency, conditions, service, interaction, comment, source, source_id, state, answer_public, videos)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// joinVideos is the videos column: the titles one per line. A title with
// a line break, or an empty one, could not be read back as it was.
func joinVideos(titles []string) (string, error) {
	for _, t := range titles {
		if t == "" || strings.ContainsAny(t, "\r\n") {
			return "", fmt.Errorf("the video title %q is empty or has a line break", t)
		}
	}
	return strings.Join(titles, "\n"), nil
}

// Filter selects messages for List.
type Filter struct {
	State      State         // "" for every state
	Unanswered bool          // only messages without an answer
	Kind       feedback.Kind // "" for every kind
	Page       string        // "" for every page
	Limit      int           // 0 for no limit
}

const selectMessage = `SELECT m.id, m.received, m.page, m.title, m.kind, m.costs, m.transparency, m.conditions, m.service, m.interaction,
	m.comment, m.source, COALESCE(m.source_id, ''), m.state, m.answer_public, COALESCE(a.text, ''), COALESCE(a.answered, ''),
	COALESCE(c.email, ''), COALESCE(c.purge_after, ''), m.videos
	FROM message m LEFT JOIN answer a ON a.message_id = m.id LEFT JOIN contact c ON c.message_id = m.id`

// List returns the messages the filter selects, oldest first.
func (s *Store) List(ctx context.Context, f Filter) ([]Message, error) {
	var where []string
	var args []any
	if f.State != "" {
		where, args = append(where, "m.state = ?"), append(args, string(f.State))
	}
	if f.Unanswered {
		where = append(where, "a.message_id IS NULL")
	}
	if f.Kind != "" {
		where, args = append(where, "m.kind = ?"), append(args, string(f.Kind))
	}
	if f.Page != "" {
		where, args = append(where, "m.page = ?"), append(args, f.Page)
	}
	q := selectMessage
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY m.id"
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Get returns one message.
func (s *Store) Get(ctx context.Context, id int64) (Message, error) {
	m, err := scanMessage(s.db.QueryRowContext(ctx, selectMessage+" WHERE m.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("message %d: %w", id, ErrNotFound)
	}
	return m, err
}

type scanner interface{ Scan(...any) error }

func scanMessage(r scanner) (Message, error) {
	var m Message
	var received, kind, state, answered, purge, videos string
	var ratings [5]sql.NullInt64
	err := r.Scan(&m.ID, &received, &m.Page, &m.Title, &kind, &ratings[0], &ratings[1], &ratings[2], &ratings[3], &ratings[4],
		&m.Comment, &m.Source, &m.SourceID, &state, &m.AnswerPublic, &m.Answer, &answered, &m.Email, &purge, &videos)
	if err != nil {
		return m, err
	}
	if videos != "" {
		m.Videos = strings.Split(videos, "\n")
	}
	m.Kind, m.State = feedback.Kind(kind), State(state)
	for i, r := range ratings {
		m.Ratings[i] = int(r.Int64)
	}
	if m.Received, err = time.Parse(timeFormat, received); err != nil {
		return m, fmt.Errorf("message %d: received %q: %w", m.ID, received, err)
	}
	if answered != "" {
		if m.Answered, err = time.Parse(timeFormat, answered); err != nil {
			return m, fmt.Errorf("message %d: answered %q: %w", m.ID, answered, err)
		}
	}
	if purge != "" {
		if m.EmailPurged, err = time.Parse(timeFormat, purge); err != nil {
			return m, fmt.Errorf("message %d: purge_after %q: %w", m.ID, purge, err)
		}
	}
	return m, nil
}

// update runs one change of one message in a transaction and fails with
// ErrNotFound when the message does not exist.
func (s *Store) update(ctx context.Context, id int64, change func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var one int
	if err := tx.QueryRowContext(ctx, "SELECT 1 FROM message WHERE id = ?", id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("message %d: %w", id, ErrNotFound)
	} else if err != nil {
		return err
	}
	if err := change(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Answer sets (or replaces) the bank's answer to a message, given at at
// (not before the message's day: the export could not be read). It does
// not publish it.
func (s *Store) Answer(ctx context.Context, id int64, text string, at time.Time) error {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if text == "" {
		return errors.New("the answer is empty")
	}
	return s.update(ctx, id, func(tx *sql.Tx) error {
		var received string
		if err := tx.QueryRowContext(ctx, "SELECT received FROM message WHERE id = ?", id).Scan(&received); err != nil {
			return err
		}
		if r, err := time.Parse(timeFormat, received); err == nil && day(at).Before(day(r)) {
			return fmt.Errorf("the answer's day %s is before the message's %s", day(at).Format(time.DateOnly), day(r).Format(time.DateOnly))
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO answer (message_id, text, answered) VALUES (?, ?, ?)
			ON CONFLICT (message_id) DO UPDATE SET text = excluded.text, answered = excluded.answered`, id, text, at.UTC().Format(timeFormat))
		return err
	})
}

// Publish makes the comment public, and its answer with withAnswer (now
// or once it is given).
func (s *Store) Publish(ctx context.Context, id int64, withAnswer bool) error {
	return s.update(ctx, id, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE message SET state = ?, answer_public = ? WHERE id = ?", string(Published), withAnswer, id)
		return err
	})
}

// Hide takes the comment and its answer off the site; the message still
// counts in the balance.
func (s *Store) Hide(ctx context.Context, id int64) error {
	return s.update(ctx, id, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE message SET state = ?, answer_public = 0 WHERE id = ?", string(Hidden), id)
		return err
	})
}

// Classify sets a message's kind: for imported comments, which arrive as
// kind comment.
func (s *Store) Classify(ctx context.Context, id int64, k feedback.Kind) error {
	return s.update(ctx, id, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE message SET kind = ? WHERE id = ?", string(k), id)
		return err
	})
}

// Purged is what Purge deleted.
type Purged struct {
	Emails, Tokens int64
}

// Purge deletes the e-mail addresses whose time is up — the time set when
// the message arrived, or, with keep > 0, keep after its arrival when
// that is sooner (a shorter period applies to the addresses kept already)
// — and the token nonces that expired, then truncates the WAL so no copy
// of a deleted address stays in it.
func (s *Store) Purge(ctx context.Context, now time.Time, keep time.Duration) (Purged, error) {
	var p Purged
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return p, err
	}
	defer tx.Rollback()
	cutoff := ""
	if keep > 0 {
		cutoff = now.Add(-keep).UTC().Format(timeFormat)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM contact WHERE purge_after <= ?
		OR (? != '' AND message_id IN (SELECT id FROM message WHERE received <= ?))`, now.UTC().Format(timeFormat), cutoff, cutoff)
	if err != nil {
		return p, err
	}
	p.Emails, _ = res.RowsAffected()
	if res, err = tx.ExecContext(ctx, "DELETE FROM used_token WHERE expires <= ?", now.Unix()); err != nil {
		return p, err
	}
	p.Tokens, _ = res.RowsAffected()
	if err := tx.Commit(); err != nil {
		return p, err
	}
	if p.Emails > 0 {
		if _, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			return p, err
		}
	}
	return p, nil
}

// Backup writes a consistent copy of the database to a new file (VACUUM
// INTO); it runs while the receiver keeps writing.
func (s *Store) Backup(ctx context.Context, to string) error {
	if _, err := os.Stat(to); err == nil {
		return fmt.Errorf("%s exists already: a backup never overwrites a file", to)
	}
	_, err := s.db.ExecContext(ctx, "VACUUM INTO ?", to)
	return err
}

// IntegrityCheck runs PRAGMA integrity_check and returns its verdict
// ("ok" when the database is sound).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return "", err
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// Secret returns the named random secret, creating it (32 bytes) on first
// use: the key that signs form tokens lives in the database, so the
// receiver needs no file of its own.
func (s *Store) Secret(ctx context.Context, name string, create func() ([]byte, error)) ([]byte, error) {
	var v []byte
	err := s.db.QueryRowContext(ctx, "SELECT value FROM secret WHERE name = ?", name).Scan(&v)
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	v, err = create()
	if err != nil {
		return nil, err
	}
	if _, err := s.db.ExecContext(ctx, "INSERT OR IGNORE INTO secret (name, value) VALUES (?, ?)", name, v); err != nil {
		return nil, err
	}
	// Another process may have created it first: read what won.
	err = s.db.QueryRowContext(ctx, "SELECT value FROM secret WHERE name = ?", name).Scan(&v)
	return v, err
}
