package feedbackstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// migrations are the schema's versions: migrations[i] brings version i to
// i+1. Append only; never edit one that was released, the databases of
// banks went through it.
var migrations = []string{
	// 1: messages, answers, the e-mail addresses apart, used form tokens,
	// secrets.
	`CREATE TABLE message (
		id INTEGER PRIMARY KEY,
		received TEXT NOT NULL,
		page TEXT NOT NULL,
		title TEXT NOT NULL DEFAULT '',
		kind TEXT NOT NULL CHECK (kind IN ('praise', 'criticism', 'question', 'comment')),
		costs INTEGER CHECK (costs BETWEEN 1 AND 5),
		transparency INTEGER CHECK (transparency BETWEEN 1 AND 5),
		conditions INTEGER CHECK (conditions BETWEEN 1 AND 5),
		service INTEGER CHECK (service BETWEEN 1 AND 5),
		interaction INTEGER CHECK (interaction BETWEEN 1 AND 5),
		comment TEXT NOT NULL DEFAULT '',
		source TEXT NOT NULL DEFAULT 'form',
		source_id TEXT,
		state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'published', 'hidden')),
		answer_public INTEGER NOT NULL DEFAULT 0,
		UNIQUE (source, source_id)
	);
	CREATE INDEX message_state ON message (state);
	CREATE TABLE answer (
		message_id INTEGER PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
		text TEXT NOT NULL,
		answered TEXT NOT NULL
	);
	CREATE TABLE contact (
		message_id INTEGER PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
		email TEXT NOT NULL,
		purge_after TEXT NOT NULL
	);
	CREATE INDEX contact_purge ON contact (purge_after);
	CREATE TABLE used_token (
		nonce BLOB PRIMARY KEY,
		expires INTEGER NOT NULL
	) WITHOUT ROWID;
	CREATE INDEX used_token_expires ON used_token (expires);
	CREATE TABLE secret (
		name TEXT PRIMARY KEY,
		value BLOB NOT NULL
	);`,
	// 2: the videos a message is about, as the form named them: their
	// titles in the page's order, one per line (a title has no line break:
	// feedback.ParseSubmission refuses control characters), '' for none.
	`ALTER TABLE message ADD COLUMN videos TEXT NOT NULL DEFAULT '';`,
}

// SchemaVersion is the version this klartext writes.
var SchemaVersion = len(migrations)

// migrate applies the missing migrations, each in a transaction with its
// row in schema_version.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)`); err != nil {
		return err
	}
	for {
		v, err := s.version(ctx)
		if err != nil {
			return err
		}
		if v > SchemaVersion {
			return fmt.Errorf("the database has schema version %d, this klartext knows %d: use a newer klartext", v, SchemaVersion)
		}
		if v == SchemaVersion {
			return nil
		}
		if err := s.apply(ctx, v); err != nil {
			return fmt.Errorf("migration to schema version %d: %w", v+1, err)
		}
	}
}

func (s *Store) version(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.db.QueryRowContext(ctx, "SELECT MAX(version) FROM schema_version").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return int(v.Int64), err
}

// apply runs migration from (to from+1) unless another process did it
// while this one waited for the lock.
func (s *Store) apply(ctx context.Context, from int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var done int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_version WHERE version = ?", from+1).Scan(&done); err != nil {
		return err
	}
	if done > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, migrations[from]); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version, applied) VALUES (?, ?)", from+1, time.Now().UTC().Format(timeFormat)); err != nil {
		return err
	}
	return tx.Commit()
}

// Version is the database's schema version.
func (s *Store) Version(ctx context.Context) (int, error) { return s.version(ctx) }
