package feedbackimport

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/feedbackexport"
	"github.com/klartext/klartext/generator/feedbackstore"
)

// writeIsso writes an Isso database with Isso's own schema (the CREATE
// TABLE statements of isso/db/threads.py and comments.py) and the rows
// given.
func writeIsso(t *testing.T, rows string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "comments.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`CREATE TABLE IF NOT EXISTS threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256))`,
		`CREATE TABLE IF NOT EXISTS comments (
			tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER, created FLOAT NOT NULL, modified FLOAT,
			mode INTEGER, remote_addr VARCHAR, text VARCHAR NOT NULL, author VARCHAR, email VARCHAR, website VARCHAR,
			likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL, notification INTEGER DEFAULT 0)`,
		`CREATE TABLE IF NOT EXISTS preferences (key VARCHAR PRIMARY KEY, value VARCHAR)`,
		`INSERT INTO threads (id, uri, title) VALUES (1, '/products/etf-welt/', 'ETF Welt'), (2, '/stories/crash', 'Crash')`,
		rows,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	return path
}

var t0 = time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)

func unix(d time.Duration) float64 { return float64(t0.Add(d).UnixNano()) / 1e9 }

func TestIsso(t *testing.T) {
	path := writeIsso(t, fmt.Sprintf(`INSERT INTO comments (tid, id, parent, created, mode, remote_addr, text, author, email, voters) VALUES
		(1, 1, NULL, %f, 1, '192.0.2.1', 'Zu teuer!', 'Anna', 'anna@example.test', x'00'),
		(1, 2, 1, %f, 1, '192.0.2.9', 'Wir haben den Aufschlag gestrichen.', 'Rheintal Bank', NULL, x'00'),
		(1, 3, 1, %f, 1, '192.0.2.2', 'Ich finde das auch.', 'Bert', NULL, x'00'),
		(1, 4, NULL, %f, 2, '192.0.2.3', 'Wartet noch', 'Carla', NULL, x'00'),
		(2, 5, NULL, %f, 4, '192.0.2.4', 'Gelöscht', 'Dora', NULL, x'00'),
		(2, 6, NULL, %f, 1, '192.0.2.5', 'Gute Geschichte', NULL, NULL, x'00')`,
		unix(0), unix(50*time.Hour), unix(time.Hour), unix(2*time.Hour), unix(3*time.Hour), unix(4*time.Hour)))
	got, err := Isso(context.Background(), path, "Rheintal Bank")
	if err != nil {
		t.Fatal(err)
	}
	want := []feedbackstore.Imported{
		{Source: "isso", SourceID: "1", Page: "/products/etf-welt/", Title: "ETF Welt", Received: t0, Comment: "Zu teuer!",
			Answer: "Wir haben den Aufschlag gestrichen.", Answered: t0.Add(50 * time.Hour)},
		{Source: "isso", SourceID: "3", Page: "/products/etf-welt/", Title: "ETF Welt", Received: t0.Add(time.Hour), Comment: "Ich finde das auch."},
		{Source: "isso", SourceID: "6", Page: "/stories/crash/", Title: "Crash", Received: t0.Add(4 * time.Hour), Comment: "Gute Geschichte"},
	}
	check(t, got, want)
	// Without the bank's name its reply is a comment like any other.
	got, _ = Isso(context.Background(), path, "")
	if len(got) != 4 || got[0].Answer != "" {
		t.Errorf("without bank author: %+v", got)
	}
	if _, err := Isso(context.Background(), filepath.Join(t.TempDir(), "missing.db"), ""); err == nil {
		t.Error("a missing file was read")
	}
	notIsso := filepath.Join(t.TempDir(), "other.db")
	db, _ := sql.Open("sqlite", notIsso)
	db.Exec("CREATE TABLE x (y)")
	db.Close()
	if _, err := Isso(context.Background(), notIsso, ""); err == nil || !strings.Contains(err.Error(), "not an Isso database") {
		t.Errorf("another database: %v", err)
	}
}

func check(t *testing.T, got, want []feedbackstore.Imported) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d comments, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Source != w.Source || g.SourceID != w.SourceID || g.Page != w.Page || g.Title != w.Title || !g.Received.Equal(w.Received) ||
			g.Comment != w.Comment || g.Answer != w.Answer || !g.Answered.Equal(w.Answered) {
			t.Errorf("#%d\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// remark42Backup writes a backup as remark42's Native.Export does: the
// metadata, then one JSON comment per line; gzipped like its backups.
func remark42Backup(t *testing.T, gz bool, comments ...map[string]any) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(`{"version":1,"users":[{"id":"user1","blocked":{"status":false,"until":"0001-01-01T00:00:00Z"},"verified":true}],"posts":[{"url":"https://www.rheintal-bank.test/products/etf-welt/","read_only":false}]}` + "\n")
	for _, c := range comments {
		j, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(j, '\n'))
	}
	if !gz {
		return b.Bytes()
	}
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(b.Bytes())
	w.Close()
	return z.Bytes()
}

func rc(id, pid, name string, admin bool, url, text, orig string, at time.Time, deleted bool) map[string]any {
	c := map[string]any{"id": id, "pid": pid, "text": text, "user": map[string]any{"name": name, "id": "u-" + name, "picture": "", "ip": "293ec5b0cf154855258824ec7fac5dc63d176915", "admin": admin},
		"locator": map[string]any{"site": "rheintal", "url": url}, "score": 0, "votes": map[string]any{}, "time": at.Format(time.RFC3339), "title": "ETF Welt"}
	if orig != "" {
		c["orig"] = orig
	}
	if deleted {
		c["delete"] = true
	}
	return c
}

func TestRemark42(t *testing.T) {
	page := "https://www.rheintal-bank.test/products/etf-welt/?utm=x"
	backup := remark42Backup(t, true,
		rc("c1", "", "Anna", false, page, "<p>Zu <b>teuer</b> &amp; unklar</p>", "Zu **teuer** & unklar", t0, false),
		rc("c2", "c1", "Bank", true, page, "<p>Wir erklären es.</p>", "Wir erklären es.", t0.Add(24*time.Hour), false),
		rc("c3", "c2", "Bert", false, page, "<p>Danke!</p>", "", t0.Add(25*time.Hour), false),
		rc("c4", "c3", "Bank", true, page, "<p>Gern.</p><p>Zweiter Absatz</p>", "", t0.Add(26*time.Hour), false),
		rc("c5", "", "Carla", false, page, "<p>weg</p>", "weg", t0, true),
	)
	got, err := Remark42(bytes.NewReader(backup), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []feedbackstore.Imported{
		// The thread's last reply of the bank is the answer of its first comment.
		{Source: "remark42", SourceID: "c1", Page: "/products/etf-welt/", Title: "ETF Welt", Received: t0, Comment: "Zu **teuer** & unklar",
			Answer: "Gern.\nZweiter Absatz", Answered: t0.Add(26 * time.Hour)},
		{Source: "remark42", SourceID: "c3", Page: "/products/etf-welt/", Title: "ETF Welt", Received: t0.Add(25 * time.Hour), Comment: "Danke!"},
	}
	check(t, got, want)
	plain := remark42Backup(t, false, rc("c1", "", "Anna", false, page, "<p>Hallo</p>", "", t0, false))
	if got, err := Remark42(bytes.NewReader(plain), ""); err != nil || len(got) != 1 || got[0].Comment != "Hallo" {
		t.Errorf("plain backup: %+v %v", got, err)
	}
	for name, bad := range map[string]string{
		"empty":       "",
		"not JSON":    "hello\n",
		"no version":  `{"users":[]}` + "\n",
		"version 7":   `{"version":7}` + "\n",
		"bad comment": `{"version":1}` + "\n" + `{"id": 3` + "\n",
	} {
		if _, err := Remark42(strings.NewReader(bad), ""); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestImportCounts: imported comments land in the store as kind comment
// and come out in the export, counted; importing again adds nothing.
func TestImportCounts(t *testing.T) {
	st, err := feedbackstore.Open(filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in, err := Remark42(bytes.NewReader(remark42Backup(t, true,
		rc("c1", "", "Anna", false, "https://x.test/a/", "<p>eins</p>", "", t0, false),
		rc("c2", "c1", "Bank", true, "https://x.test/a/", "<p>Antwort</p>", "", t0.Add(48*time.Hour), false),
	)), "")
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, _, err := st.Import(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
	es, err := st.Entries(context.Background())
	if err != nil || len(es) != 1 || es[0].Kind != "comment" || es[0].Page != "/a/" || !es[0].Answered.Equal(time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("export rows %+v %v", es, err)
	}
}

// TestCSVRoundTrip: the demo's hand-written export, imported and exported
// again, gives the same rows the build reads — ids aside, which the
// database assigns, and the comments that are not public, which stay in
// the database; importing twice adds nothing.
func TestCSVRoundTrip(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "content", "data", "feedback.csv"))
	if err != nil {
		t.Fatal(err)
	}
	before, ds := feedbackexport.Parse("content/data/feedback.csv", bytes.NewReader(raw))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	in, ds := CSV("content/data/feedback.csv", bytes.NewReader(raw))
	if len(ds) > 0 || len(in) != len(before) {
		t.Fatalf("%d imports of %d rows: %v", len(in), len(before), ds)
	}
	st, err := feedbackstore.Open(filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for round := range 2 {
		added, _, err := st.Import(context.Background(), in)
		if err != nil || (round == 0) != (added == len(in)) || (round == 1 && added != 0) {
			t.Fatalf("round %d: added %d of %d, %v", round, added, len(in), err)
		}
	}
	after, err := st.Entries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i := range before {
		b, a := before[i], after[i]
		b.ID, a.ID, b.Line = "", "", 0
		if !b.Public {
			b.Comment = ""
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("row %d\n got %+v\nwant %+v", i+2, a, b)
		}
	}
	// A file with an error imports nothing and names the line.
	if in, ds := CSV("x.csv", strings.NewReader("page,date,kind,costs,transparency,conditions,service,interaction,comment\n/a/,2026-01-01,rant,,,,,,\n")); in != nil || len(ds) != 1 || ds[0].Line != 2 {
		t.Errorf("a bad file: %v %v", in, ds)
	}
}
