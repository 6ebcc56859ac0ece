package feedbackstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/feedbackexport"
)

var ctx = context.Background()

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "feedback.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var t0 = time.Date(2026, 3, 5, 10, 30, 0, 0, time.UTC)

func sub(page string, k feedback.Kind, comment, email string) feedback.Submission {
	return feedback.Submission{Page: page, Title: "Titel", Kind: k, Ratings: [5]int{1, 0, 3, 0, 5}, Comment: comment, Email: email}
}

func add(t *testing.T, s *Store, msgs ...NewMessage) ([]int64, []error) {
	t.Helper()
	ids, errs, err := s.AddBatch(ctx, msgs)
	if err != nil {
		t.Fatal(err)
	}
	return ids, errs
}

func TestOpenSettings(t *testing.T) {
	s := open(t)
	for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "secure_delete": "1", "temp_store": "2"} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion {
		t.Errorf("version %d %v, want %d", v, err, SchemaVersion)
	}
	fi, err := os.Stat(s.Path())
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("database file mode %v %v, want 0600", fi.Mode(), err)
	}
}

func TestReopenAndNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feedback.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	add(t, s, NewMessage{Sub: sub("/a/", feedback.Praise, "gut", ""), Received: t0})
	s.Close()
	s, err = Open(path) // migrations are not applied twice
	if err != nil {
		t.Fatal(err)
	}
	if ms, err := s.List(ctx, Filter{}); err != nil || len(ms) != 1 {
		t.Fatalf("after reopening: %v %v", ms, err)
	}
	if _, err := s.db.Exec("INSERT INTO schema_version (version, applied) VALUES (?, 'x')", SchemaVersion+1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "use a newer klartext") {
		t.Errorf("a newer schema: %v", err)
	}
	if _, err := Open(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a folder: %v", err)
	}
}

// TestMigrateFromVersion1: a database of schema version 1 (before the
// videos) is brought up to date on opening; its messages are kept, about
// no video, and new ones keep theirs.
func TestMigrateFromVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feedback.db")
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)`,
		migrations[0],
		`INSERT INTO schema_version (version, applied) VALUES (1, '2026-03-01T00:00:00Z')`,
		`INSERT INTO message (received, page, title, kind, comment) VALUES ('2026-03-01T09:00:00Z', '/a/', 'A', 'praise', 'alt')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v != SchemaVersion || SchemaVersion < 2 {
		t.Errorf("version %d after opening, want %d", v, SchemaVersion)
	}
	video := sub("/v/", feedback.Question, "neu", "")
	video.Videos = []string{"Kosten verstehen", "Risiko"}
	add(t, s, NewMessage{Sub: video, Received: t0})
	ms, err := s.List(ctx, Filter{})
	if err != nil || len(ms) != 2 {
		t.Fatalf("%+v %v", ms, err)
	}
	if ms[0].Comment != "alt" || ms[0].Videos != nil || !slices.Equal(ms[1].Videos, video.Videos) {
		t.Errorf("messages %+v", ms)
	}
}

// TestVideos: a message keeps the videos it is about, in their order, as
// List, Get, the export rows and an import have them; a title the column
// could not keep is refused.
func TestVideos(t *testing.T) {
	s := open(t)
	video := sub("/v/", feedback.Criticism, "zu schnell", "")
	video.Videos = []string{"Kosten verstehen", "Risiko – kurz erklärt", "A"}
	ids, errs := add(t, s, NewMessage{Sub: video, Received: t0}, NewMessage{Sub: sub("/a/", feedback.Praise, "", ""), Received: t0})
	if errs[0] != nil || errs[1] != nil {
		t.Fatal(errs)
	}
	m, err := s.Get(ctx, ids[0])
	if err != nil || !slices.Equal(m.Videos, video.Videos) {
		t.Errorf("Get: %q %v", m.Videos, err)
	}
	if m, _ := s.Get(ctx, ids[1]); m.Videos != nil {
		t.Errorf("a message without a video: %q", m.Videos)
	}
	es, _ := s.Entries(ctx)
	if !slices.Equal(es[0].Videos, video.Videos) || es[1].Videos != nil {
		t.Errorf("export rows %+v", es)
	}
	if _, _, err := s.Import(ctx, []Imported{{Source: SourceCSV, SourceID: "r1", Page: "/v/", Received: t0, Videos: []string{"Risiko"}}}); err != nil {
		t.Fatal(err)
	}
	if ms, _ := s.List(ctx, Filter{Page: "/v/"}); len(ms) != 2 || !slices.Equal(ms[1].Videos, []string{"Risiko"}) {
		t.Errorf("imported %+v", ms)
	}
	for _, bad := range [][]string{{"a\nb"}, {"a", ""}, {"a\r"}} {
		bv := sub("/v/", feedback.Praise, "", "")
		bv.Videos = bad
		if _, errs := add(t, s, NewMessage{Sub: bv, Received: t0}); errs[0] == nil {
			t.Errorf("stored the videos %q", bad)
		}
	}
}

func TestAddBatchReplay(t *testing.T) {
	s := open(t)
	exp := t0.Add(time.Hour)
	ids, errs := add(t, s,
		NewMessage{Sub: sub("/a/", feedback.Criticism, "eins", "leserin@example.test"), Received: t0, Nonce: []byte("n1"), NonceExpires: exp, EmailPurge: t0.AddDate(0, 0, 90)},
		NewMessage{Sub: sub("/a/", feedback.Criticism, "nochmal eins", ""), Received: t0, Nonce: []byte("n1"), NonceExpires: exp},
		NewMessage{Sub: sub("/b/", feedback.Question, "zwei", ""), Received: t0, Nonce: []byte("n2"), NonceExpires: exp},
	)
	if errs[0] != nil || !errors.Is(errs[1], ErrReplayed) || errs[2] != nil || ids[0] == 0 || ids[2] == 0 {
		t.Fatalf("ids %v errs %v", ids, errs)
	}
	_, errs = add(t, s, NewMessage{Sub: sub("/a/", feedback.Praise, "drei", ""), Received: t0, Nonce: []byte("n2"), NonceExpires: exp})
	if !errors.Is(errs[0], ErrReplayed) {
		t.Errorf("a nonce of an earlier batch: %v", errs[0])
	}
	ms, err := s.List(ctx, Filter{})
	if err != nil || len(ms) != 2 {
		t.Fatalf("stored %d messages (%v), want 2", len(ms), err)
	}
	m := ms[0]
	if m.Comment != "eins" || m.Kind != feedback.Criticism || m.Ratings != [5]int{1, 0, 3, 0, 5} || m.Page != "/a/" || m.Title != "Titel" ||
		!m.Received.Equal(t0) || m.State != New || m.Source != SourceForm || m.Email != "leserin@example.test" || !m.EmailPurged.Equal(t0.AddDate(0, 0, 90)) {
		t.Errorf("message %+v", m)
	}
	// The address is kept apart from the message.
	var inMessage int
	s.db.QueryRow("SELECT COUNT(*) FROM message WHERE comment LIKE '%leserin%' OR title LIKE '%leserin%'").Scan(&inMessage)
	if inMessage != 0 {
		t.Error("the e-mail address is in the message table")
	}
}

func TestModeration(t *testing.T) {
	s := open(t)
	ids, _ := add(t, s, NewMessage{Sub: sub("/a/", feedback.Criticism, "Zu teuer", ""), Received: t0})
	id := ids[0]
	if err := s.Answer(ctx, id, "  \n ", t0); err == nil {
		t.Error("an empty answer was accepted")
	}
	if err := s.Answer(ctx, 999, "x", t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("answer to a missing message: %v", err)
	}
	if err := s.Publish(ctx, 999, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("publish a missing message: %v", err)
	}
	if err := s.Answer(ctx, id, "Zu früh", t0.AddDate(0, 0, -1)); err == nil || !strings.Contains(err.Error(), "before the message's") {
		t.Errorf("an answer before the message: %v", err)
	}
	if err := s.Answer(ctx, id, "Erste Fassung", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Answer(ctx, id, "Wir haben\r\nden Aufschlag gesenkt.", t0.AddDate(0, 0, 3)); err != nil {
		t.Fatal(err)
	}
	m, err := s.Get(ctx, id)
	if err != nil || m.Answer != "Wir haben\nden Aufschlag gesenkt." || !m.Answered.Equal(t0.AddDate(0, 0, 3)) || m.State != New {
		t.Fatalf("answered: %+v %v", m, err)
	}
	if e := EntryOf(m); e.Public || e.Comment != "" || e.Answer != "" || !e.Answered.Equal(day(t0.AddDate(0, 0, 3))) {
		t.Errorf("an unpublished message exports %+v", e)
	}
	if err := s.Publish(ctx, id, false); err != nil {
		t.Fatal(err)
	}
	if e := EntryOf(mustGet(t, s, id)); !e.Public || e.Comment != "Zu teuer" || e.Answer != "" {
		t.Errorf("published without answer exports %+v", e)
	}
	if err := s.Publish(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if e := EntryOf(mustGet(t, s, id)); !e.Public || e.Answer != "Wir haben\nden Aufschlag gesenkt." {
		t.Errorf("published with answer exports %+v", e)
	}
	if err := s.Hide(ctx, id); err != nil {
		t.Fatal(err)
	}
	m = mustGet(t, s, id)
	if e := EntryOf(m); m.State != Hidden || e.Public || e.Comment != "" || e.Answer != "" || e.Kind != feedback.Criticism {
		t.Errorf("hidden exports %+v (state %s)", e, m.State)
	}
	if err := s.Classify(ctx, id, feedback.Question); err != nil || mustGet(t, s, id).Kind != feedback.Question {
		t.Errorf("classify: %v", err)
	}
	if err := s.Classify(ctx, id, "rant"); err == nil {
		t.Error("an unknown kind was stored")
	}
	for _, f := range []struct {
		f    Filter
		want int
	}{{Filter{}, 1}, {Filter{State: Hidden}, 1}, {Filter{State: New}, 0}, {Filter{Unanswered: true}, 0}, {Filter{Kind: feedback.Question, Page: "/a/"}, 1}, {Filter{Page: "/b/"}, 0}} {
		if ms, err := s.List(ctx, f.f); err != nil || len(ms) != f.want {
			t.Errorf("List(%+v) = %d %v, want %d", f.f, len(ms), err, f.want)
		}
	}
}

func mustGet(t *testing.T, s *Store, id int64) Message {
	t.Helper()
	m, err := s.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestPurge: an address whose time is up is gone from the database, from
// the file and from its WAL; one whose time has not come stays.
func TestPurge(t *testing.T) {
	s := open(t)
	add(t, s,
		NewMessage{Sub: sub("/a/", feedback.Question, "Frage", "alt-adresse@example.test"), Received: t0, EmailPurge: t0.AddDate(0, 0, 90),
			Nonce: []byte("old"), NonceExpires: t0.Add(2 * time.Hour)},
		NewMessage{Sub: sub("/a/", feedback.Question, "Frage 2", "neu-adresse@example.test"), Received: t0.AddDate(0, 0, 60), EmailPurge: t0.AddDate(0, 0, 150)},
	)
	if p, err := s.Purge(ctx, t0.AddDate(0, 0, 89), 0); err != nil || p.Emails != 0 || p.Tokens != 1 {
		t.Fatalf("purged before the time: %+v %v", p, err)
	}
	p, err := s.Purge(ctx, t0.AddDate(0, 0, 100), 0)
	if err != nil || p.Emails != 1 || p.Tokens != 0 {
		t.Fatalf("purged %+v %v", p, err)
	}
	ms, _ := s.List(ctx, Filter{})
	if ms[0].Email != "" || ms[1].Email != "neu-adresse@example.test" || ms[0].Comment != "Frage" {
		t.Errorf("after purge: %+v", ms)
	}
	for _, f := range []string{s.Path(), s.Path() + "-wal"} {
		raw, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if bytes.Contains(raw, []byte("alt-adresse")) {
			t.Errorf("%s still holds the purged address", filepath.Base(f))
		}
	}
	if p, _ := s.Purge(ctx, t0.AddDate(0, 0, 100), 0); p.Emails != 0 {
		t.Error("purged twice")
	}
	// A shorter period applies to the addresses kept already: the second
	// message arrived 60 days in, kept 30 days it is due at day 90.
	if p, _ := s.Purge(ctx, t0.AddDate(0, 0, 89), 30*24*time.Hour); p.Emails != 0 {
		t.Error("purged before its shorter time")
	}
	if p, _ := s.Purge(ctx, t0.AddDate(0, 0, 91), 30*24*time.Hour); p.Emails != 1 {
		t.Errorf("a shorter period purged %d", p.Emails)
	}
}

// TestExportRoundTrip: the store's rows, written as the build reads them,
// read back as the same entries.
func TestExportRoundTrip(t *testing.T) {
	s := open(t)
	ids, _ := add(t, s,
		NewMessage{Sub: sub("/products/etf-welt/", feedback.Criticism, "Zu \"teuer\",\nwirklich", "x@example.test"), Received: t0},
		NewMessage{Sub: sub("/", feedback.Praise, "intern", ""), Received: t0.Add(26 * time.Hour)},
		NewMessage{Sub: feedback.Submission{Page: "/über-uns/", Kind: feedback.Question, Videos: []string{"Wer wir sind", "Die Filiale"}}, Received: t0.Add(50 * time.Hour)},
	)
	s.Answer(ctx, ids[0], "Gesenkt.", t0.AddDate(0, 0, 2))
	s.Publish(ctx, ids[0], true)
	s.Answer(ctx, ids[1], "Danke", t0.AddDate(0, 0, 1))
	es, err := s.Entries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := feedbackexport.Write(&b, es); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "x@example.test") || strings.Contains(b.String(), "intern") || strings.Contains(b.String(), "Danke") {
		t.Errorf("the export holds what is not public:\n%s", b.String())
	}
	back, ds := feedbackexport.Parse("content/data/feedback.csv", strings.NewReader(b.String()))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	for i := range back {
		back[i].Line = 0
	}
	if len(back) != len(es) {
		t.Fatalf("%d rows back, %d written", len(back), len(es))
	}
	for i := range es {
		if !reflect.DeepEqual(back[i], es[i]) {
			t.Errorf("row %d\n got %+v\nwant %+v", i, back[i], es[i])
		}
	}
	want := feedback.Entry{ID: "1", Page: "/products/etf-welt/", Date: day(t0), Kind: feedback.Criticism, Ratings: [5]int{1, 0, 3, 0, 5},
		Comment: "Zu \"teuer\",\nwirklich", Public: true, Answer: "Gesenkt.", Answered: day(t0.AddDate(0, 0, 2))}
	if !reflect.DeepEqual(es[0], want) {
		t.Errorf("first row %+v\nwant %+v", es[0], want)
	}
}

func TestBackup(t *testing.T) {
	s := open(t)
	add(t, s, NewMessage{Sub: sub("/a/", feedback.Praise, "gut", ""), Received: t0})
	to := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, to); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, to); err == nil {
		t.Error("a backup overwrote a file")
	}
	b, err := Open(to)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if ms, err := b.List(ctx, Filter{}); err != nil || len(ms) != 1 || ms[0].Comment != "gut" {
		t.Errorf("backup holds %+v %v", ms, err)
	}
	if ok, err := b.IntegrityCheck(ctx); ok != "ok" || err != nil {
		t.Errorf("integrity %q %v", ok, err)
	}
}

func TestImportIsIdempotent(t *testing.T) {
	s := open(t)
	in := []Imported{
		{Source: SourceIsso, SourceID: "1", Page: "/a/", Received: t0, Comment: "Aus Isso", Answer: "Antwort der Bank", Answered: t0.Add(48 * time.Hour)},
		{Source: SourceIsso, SourceID: "2", Page: "/b/", Received: t0, Comment: "Noch einer"},
		{Source: SourceRemark42, SourceID: "1", Page: "/a/", Received: t0, Comment: "Aus remark42"},
	}
	added, answers, err := s.Import(ctx, in)
	if err != nil || added != 3 || answers != 1 {
		t.Fatalf("import: %d %d %v", added, answers, err)
	}
	added, answers, err = s.Import(ctx, in)
	if err != nil || added != 0 || answers != 0 {
		t.Errorf("second import: %d %d %v", added, answers, err)
	}
	ms, _ := s.List(ctx, Filter{Kind: feedback.Comment})
	if len(ms) != 3 || ms[0].Answer != "Antwort der Bank" || ms[0].Source != SourceIsso || ms[0].SourceID != "1" || ms[0].State != New {
		t.Errorf("imported %+v", ms)
	}
}

// TestSecret: created once, the same after reopening.
func TestSecret(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feedback.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	mk := func() ([]byte, error) { n++; return []byte("0123456789abcdef0123456789abcdef"), nil }
	a, err := s.Secret(ctx, "token-key", mk)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, _ = Open(path)
	defer s.Close()
	b, _ := s.Secret(ctx, "token-key", mk)
	if !bytes.Equal(a, b) || n != 1 {
		t.Errorf("secret changed or made %d times", n)
	}
	var rows int
	s.db.QueryRow("SELECT COUNT(*) FROM secret").Scan(&rows)
	if rows != 1 {
		t.Errorf("%d secrets", rows)
	}
}

func TestNotHeld(t *testing.T) {
	e := func(page, d string, k feedback.Kind, r int, line int) feedback.Entry {
		return feedback.Entry{Page: page, Date: day(time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)).AddDate(0, 0, len(d)), Kind: k, Ratings: [5]int{r}, Line: line}
	}
	db := []feedback.Entry{e("/a/", "", feedback.Praise, 5, 0), e("/a/", "", feedback.Praise, 5, 0), e("/b/", "x", feedback.Criticism, 1, 0)}
	tests := []struct {
		name  string
		file  []feedback.Entry
		lines []int
	}{
		{"the same rows", db, nil},
		{"fewer rows", db[:1], nil},
		{"one more of a kind", append(append([]feedback.Entry(nil), db...), e("/a/", "", feedback.Praise, 5, 9)), []int{9}},
		{"another rating", []feedback.Entry{e("/a/", "", feedback.Praise, 4, 2)}, []int{2}},
		{"another day", []feedback.Entry{e("/b/", "xx", feedback.Criticism, 1, 3)}, []int{3}},
		{"another kind", []feedback.Entry{e("/b/", "x", feedback.Question, 1, 4)}, []int{4}},
	}
	for _, tt := range tests {
		var lines []int
		for _, l := range NotHeld(tt.file, db) {
			lines = append(lines, l.Line)
		}
		if fmt.Sprint(lines) != fmt.Sprint(tt.lines) {
			t.Errorf("%s: %v, want %v", tt.name, lines, tt.lines)
		}
	}
}
