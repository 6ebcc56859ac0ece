package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/feedbackstore"
	"github.com/klartext/klartext/generator/pipeline"
)

// klartext runs the command in-process and returns its exit status and
// output.
func klartext(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// seedStore makes a database with two messages from the form.
func seedStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "feedback.db")
	st, err := feedbackstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	_, errs, err := st.AddBatch(context.Background(), []feedbackstore.NewMessage{
		{Sub: feedback.Submission{Page: "/products/etf-sparplan-welt/", Kind: feedback.Criticism, Ratings: [5]int{1, 0, 0, 0, 0},
			Comment: "Die Depotgebühr ist zu hoch.", Email: "leserin@example.test"}, Received: now, EmailPurge: now.AddDate(0, 0, 90)},
		{Sub: feedback.Submission{Page: "/", Kind: feedback.Praise, Comment: "Intern bleiben"}, Received: now.Add(time.Hour)},
	})
	if err != nil || errs[0] != nil || errs[1] != nil {
		t.Fatal(err, errs)
	}
	return db
}

// TestFeedbackWorkflow: an editor lists, reads, answers and publishes a
// message on the command line, exports, and the build shows it with its
// answer on its page.
func TestFeedbackWorkflow(t *testing.T) {
	db := seedStore(t)
	code, out, errOut := klartext(t, "feedback", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "criticism") || !strings.Contains(out, "/products/etf-sparplan-welt/") || !strings.Contains(errOut, "2 message(s)") {
		t.Fatalf("list: %d\n%s%s", code, out, errOut)
	}
	if _, out, _ := klartext(t, "feedback", "list", "--db", db, "--kind", "praise"); strings.Count(out, "\n") != 1 {
		t.Errorf("list --kind praise:\n%s", out)
	}
	code, out, _ = klartext(t, "feedback", "show", "1", "--db", db)
	if code != 0 || !strings.Contains(out, "leserin@example.test (deleted on 2026-06-03)") || !strings.Contains(out, "Die Depotgebühr ist zu hoch.") {
		t.Errorf("show: %d\n%s", code, out)
	}
	answer := filepath.Join(t.TempDir(), "antwort.txt")
	// The answer starts like a spreadsheet formula: the export defuses it,
	// the build shows it as written.
	os.WriteFile(answer, []byte("@Leserin: Für Mitglieder entfällt sie.\nWir prüfen eine Grenze für kleine Sparraten.\n"), 0o644)
	if code, out, errOut := klartext(t, "feedback", "answer", "1", "--db", db, "--file", answer, "--date", "2026-03-09"); code != 0 || !strings.Contains(out, "not public") {
		t.Fatalf("answer: %d %s %s", code, out, errOut)
	}
	if code, out, _ := klartext(t, "feedback", "publish", "--db", db, "1"); code != 0 || !strings.Contains(out, "the comment and its answer are public") {
		t.Fatalf("publish: %d %s", code, out)
	}
	root := copyDemo(t)
	demoCSV := filepath.Join(root, "content", "data", "feedback.csv")
	// The demo's export was written by hand: replacing it would lose its
	// rows, so export refuses until they are imported.
	if code, _, errOut := klartext(t, "feedback", "export", "--db", db, "--source", root); code != 1 || !strings.Contains(errOut, "feedback.csv:2: klartext feedback export: the file has 63 row(s) the database does not hold") {
		t.Fatalf("export over the hand-written file: %d %s", code, errOut)
	}
	if code, out, errOut := klartext(t, "feedback", "import", "csv", demoCSV, "--db", db); code != 0 || !strings.Contains(out, "imported 63 new message(s) and 15 answer(s)") {
		t.Fatalf("import csv: %d %s %s", code, out, errOut)
	}
	if code, out, errOut := klartext(t, "feedback", "export", "--db", db, "--source", root); code != 0 || !strings.Contains(out, "wrote 65 message(s)") {
		t.Fatalf("export: %d %s %s", code, out, errOut)
	}
	csv, _ := os.ReadFile(filepath.Join(root, "content", "data", "feedback.csv"))
	if strings.Contains(string(csv), "leserin@") || strings.Contains(string(csv), "Intern bleiben") {
		t.Errorf("the export holds what is not public:\n%s", csv)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, err := pipeline.Build(pipeline.Options{Source: root, Dest: dest, Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diagnostics.All())
	}
	page, _ := os.ReadFile(filepath.Join(dest, "products", "etf-sparplan-welt", "index.html"))
	if !strings.Contains(string(csv), `,"'@Leserin: Für Mitglieder`) {
		t.Errorf("the export does not defuse the answer that starts with @:\n%s", csv)
	}
	for _, want := range []string{`<li id="feedback-1">`, "Die Depotgebühr ist zu hoch.", "</time>): @Leserin: Für Mitglieder entfällt sie.\nWir prüfen eine Grenze für kleine Sparraten.", "9. März 2026"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the product page lacks %q", want)
		}
	}
	fb, _ := os.ReadFile(filepath.Join(dest, "feedback", "index.html"))
	// The demo's 22 criticisms with 12 answered, and this one answered.
	if !strings.Contains(string(fb), "Auf 13 von 23 kritischen Rückmeldungen haben wir geantwortet (57\u00a0%)") {
		t.Errorf("the feedback page lacks the share answered")
	}
	// hide takes it off the site again; it still counts.
	if code, out, _ := klartext(t, "feedback", "hide", "1", "--db", db); code != 0 || !strings.Contains(out, "hidden") {
		t.Errorf("hide: %d %s", code, out)
	}
	klartext(t, "feedback", "export", "--db", db, "--source", root)
	csv, _ = os.ReadFile(filepath.Join(root, "content", "data", "feedback.csv"))
	if strings.Contains(string(csv), "Depotgebühr") || !strings.Contains(string(csv), "\n1,/products/etf-sparplan-welt/,2026-03-05,criticism,1,") {
		t.Errorf("after hide:\n%s", csv)
	}
}

// TestFeedbackVideos: a message from a page with videos names them in
// list and show, and in the export's videos column, which an import reads
// back.
func TestFeedbackVideos(t *testing.T) {
	db := filepath.Join(t.TempDir(), "feedback.db")
	st, err := feedbackstore.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	videos := []string{"Kosten verstehen", "Risiko, kurz erklärt"}
	now := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	if _, errs, err := st.AddBatch(context.Background(), []feedbackstore.NewMessage{
		{Sub: feedback.Submission{Page: "/videos/kosten-verstehen/", Kind: feedback.Question, Comment: "Gibt es das auch für Anleihen?", Videos: videos}, Received: now},
		{Sub: feedback.Submission{Page: "/", Kind: feedback.Praise}, Received: now},
	}); err != nil || errs[0] != nil || errs[1] != nil {
		t.Fatal(err, errs)
	}
	st.Close()
	_, out, _ := klartext(t, "feedback", "list", "--db", db)
	if lines := strings.Split(out, "\n"); !strings.Contains(lines[0], "/videos/kosten-verstehen/ (video: Kosten verstehen; Risiko, kurz erklärt)  Gibt es") || strings.Contains(lines[1], "video") {
		t.Errorf("list:\n%s", out)
	}
	if _, out, _ := klartext(t, "feedback", "show", "1", "--db", db); !strings.Contains(out, "\nvideo:     Kosten verstehen\nvideo:     Risiko, kurz erklärt\n") {
		t.Errorf("show:\n%s", out)
	}
	csv := filepath.Join(t.TempDir(), "feedback.csv")
	if code, _, errOut := klartext(t, "feedback", "export", "--db", db, "--out", csv); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	raw, _ := os.ReadFile(csv)
	if !strings.Contains(string(raw), ",\"Kosten verstehen\nRisiko, kurz erklärt\"\n") {
		t.Errorf("export:\n%s", raw)
	}
	db2 := filepath.Join(t.TempDir(), "again.db")
	if code, _, errOut := klartext(t, "feedback", "import", "csv", csv, "--db", db2); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	if _, out, _ := klartext(t, "feedback", "show", "1", "--db", db2); !strings.Contains(out, "\nvideo:     Kosten verstehen\nvideo:     Risiko, kurz erklärt\n") {
		t.Errorf("show after import:\n%s", out)
	}
}

// TestFeedbackAnswerFromStdin: `-` reads the answer from standard input.
func TestFeedbackAnswerFromStdin(t *testing.T) {
	db := seedStore(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = old }()
	w.WriteString("Aus der Standardeingabe.\n")
	w.Close()
	if code, _, errOut := klartext(t, "feedback", "answer", "--db", db, "2", "-"); code != 0 {
		t.Fatalf("answer -: %d %s", code, errOut)
	}
	if _, out, _ := klartext(t, "feedback", "show", "2", "--db", db); !strings.Contains(out, "Aus der Standardeingabe.") {
		t.Errorf("show:\n%s", out)
	}
}

func TestFeedbackCommandErrors(t *testing.T) {
	db := seedStore(t)
	missing := filepath.Join(t.TempDir(), "nicht-da.db")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"feedback"}, 2, "Commands:"},
		{[]string{"feedback", "frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"feedback", "list"}, 2, "--db FILE is required"},
		{[]string{"feedback", "list", "--db", missing}, 1, "no such file"},
		{[]string{"feedback", "list", "--db", db, "--state", "open"}, 2, "one of new, published, hidden"},
		{[]string{"feedback", "show", "--db", db}, 2, "expected 1 argument"},
		{[]string{"feedback", "show", "x", "--db", db}, 2, "not a message id"},
		{[]string{"feedback", "show", "99", "--db", db}, 1, "no such message"},
		{[]string{"feedback", "answer", "1", "--db", db}, 2, "give the answer once"},
		{[]string{"feedback", "answer", "1", "--db", db, "--text", "a", "--file", "b"}, 2, "give the answer once"},
		{[]string{"feedback", "answer", "1", "--db", db, "--text", "  "}, 1, "the answer is empty"},
		{[]string{"feedback", "answer", "1", "--db", db, "--text", "a", "--date", "9.3.2026"}, 2, "not YYYY-MM-DD"},
		{[]string{"feedback", "classify", "1", "rant", "--db", db}, 2, "is not a kind"},
		{[]string{"feedback", "import", "disqus", "x", "--db", db}, 2, "csv, isso or remark42"},
		{[]string{"feedback", "import", "remark42", missing, "--db", db}, 1, "no such file"},
		{[]string{"feedback", "serve", "--db", db}, 2, "--origin URL is required"},
		{[]string{"feedback", "serve", "--db", db, "--origin", "bank.test"}, 1, "is not the site's address"},
		{[]string{"feedback", "serve", "--db", db, "--origin", "https://bank.test", "--rate", "viel"}, 2, "write N/PERIOD"},
		{[]string{"feedback", "purge", "--db", db, "--keep-email", "x"}, 2, "not a duration"},
	} {
		code, out, errOut := klartext(t, tc.args...)
		if code != tc.code || !strings.Contains(out+errOut, tc.want) {
			t.Errorf("%q: %d %q, want %d and %q", tc.args, code, out+errOut, tc.code, tc.want)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a command created the missing database")
	}
}

func TestFeedbackPurgeAndBackup(t *testing.T) {
	db := seedStore(t)
	// The address arrived 2026-03-05, kept 90 days: due 2026-06-03, before the real today.
	if code, out, _ := klartext(t, "feedback", "purge", "--db", db); code != 0 || !strings.Contains(out, "deleted 1 e-mail address(es)") {
		t.Errorf("purge: %d %s", code, out)
	}
	if _, out, _ := klartext(t, "feedback", "show", "1", "--db", db); strings.Contains(out, "leserin@") {
		t.Errorf("the address is still shown:\n%s", out)
	}
	to := filepath.Join(t.TempDir(), "backup.db")
	if code, out, errOut := klartext(t, "feedback", "backup", "--db", db, to); code != 0 || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := klartext(t, "feedback", "backup", "--db", db, to); code != 1 || !strings.Contains(errOut, "exists already") {
		t.Errorf("a second backup to the same file: %d %s", code, errOut)
	}
	if _, out, _ := klartext(t, "feedback", "show", "2", "--db", to); !strings.Contains(out, "Intern bleiben") {
		t.Errorf("the backup lacks a message:\n%s", out)
	}
}
