package feedbackexport

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
)

const exportFile = "content/data/feedback.csv"

func TestParseExportValid(t *testing.T) {
	src := "\ufeffpage;date;kind;costs;transparency;conditions;service;interaction;comment\r\n" +
		"/products/etf-welt/;2025-03-14;praise;5;;4;;1;Klar erklärt, danke\r\n" +
		"https://www.example-bank.test/advisors/anna?x=1;2025-03-15T10:20:00+01:00; Criticism ;;;;;;\"Zu \"\"teuer\"\"; finde ich\"\r\n" +
		"\r\n"
	got, ds := Parse(exportFile, strings.NewReader(src))
	if len(ds) > 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	want := []feedback.Entry{
		{Page: "/products/etf-welt/", Date: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC), Kind: feedback.Praise, Ratings: [5]int{5, 0, 4, 0, 1}, Comment: "Klar erklärt, danke", Line: 2},
		{Page: "/advisors/anna/", Date: time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC), Kind: feedback.Criticism, Comment: `Zu "teuer"; finde ich`, Line: 3},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseExportErrors(t *testing.T) {
	src := "page,date,kind,costs,transparency,conditions,service,interaction,comment\n" + // 1
		"/products/a/,2025-01-05,praise,5,4,,3,,gut\n" + // 2 ok
		"/products/a/,2025-01-06,rant,,,,,,x\n" + // 3
		"/products/a/,2025-01-07,praise,7,,,,,x\n" + // 4
		"/products/a/,2025-13-01,praise,,,,,,x\n" + // 5
		"/products/a/,2025-01-08,praise,,,,x\n" + // 6
		"\"/products/b/\",2025-01-09,question,,,,,,\"zwei\nZeilen\"\n" + // 7-8 ok
		"/products/b/,2025-01-10,critcism,,,,,,x\n" + // 9
		"/products/b/,2025-01-11,praise,,abc,,,0,x\n" + // 10: two errors
		"products/b,03.05.2025,praise,,,,,,x\n" // 11: two errors
	got, ds := Parse(exportFile, strings.NewReader(src))
	if len(got) != 2 || got[0].Line != 2 || got[1].Line != 7 || got[1].Comment != "zwei\nZeilen" {
		t.Errorf("entries %+v", got)
	}
	want := []struct {
		line    int
		message string
		hint    string
	}{
		{3, `kind "rant" is not known`, "one of praise, criticism, question, comment"},
		{4, `costs rating "7" is not a whole number from 1 to 5`, "leave it empty when the reader gave no rating"},
		{5, `date "2025-13-01" is not a date`, "write YYYY-MM-DD, e.g. 2025-03-14"},
		{6, "row has 7 fields, the header has 9", "check for a separator inside a comment that is not in quotes"},
		{9, `kind "critcism" is not known`, "did you mean criticism?"},
		{10, `transparency rating "abc" is not a whole number from 1 to 5`, ""},
		{10, `interaction rating "0" is not a whole number from 1 to 5`, ""},
		{11, `page "products/b": not a path starting with /`, ""},
		{11, `date "03.05.2025" is not a date`, ""},
	}
	if len(ds) != len(want) {
		t.Fatalf("got %d diagnostics, want %d: %v", len(ds), len(want), ds)
	}
	for i, w := range want {
		d := ds[i]
		if d.File != exportFile || d.Line != w.line || d.Message != w.message || d.Severity != diag.Error {
			t.Errorf("#%d: got %s, want line %d %q", i, d.Error(), w.line, w.message)
		}
		if w.hint != "" && d.Hint != w.hint {
			t.Errorf("#%d: hint %q, want %q", i, d.Hint, w.hint)
		}
	}
	// The column of the rating is named and located.
	if ds[1].Column != 32 {
		t.Errorf("rating 7 column %d, want 32", ds[1].Column)
	}
}

func TestParseExportHeader(t *testing.T) {
	tests := []struct{ name, src, message, hint string }{
		{"empty", "", "the feedback export is empty", ""},
		{"no header", "/products/a/,2025-01-05,praise,5,4,,3,,gut\n", "the feedback export has no header row", ""},
		{"typo", "page,date,kind,costs,transparancy,conditions,service,interaction,comment\n", `unknown column "transparancy" in the feedback export`, "did you mean transparency?"},
		{"missing", "page,date,kind,comment\n", "the feedback export lacks the column(s) costs, transparency, conditions, service, interaction", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := Parse(exportFile, strings.NewReader(tt.src))
			if len(ds) == 0 || ds[0].Message != tt.message || ds[0].Line != 1 {
				t.Fatalf("got %v, want %q at line 1", ds, tt.message)
			}
			if tt.hint != "" && ds[0].Hint != tt.hint {
				t.Errorf("hint %q", ds[0].Hint)
			}
		})
	}
}

func TestParseExportBadQuote(t *testing.T) {
	src := "page,date,kind,costs,transparency,conditions,service,interaction,comment\n" +
		"/a/,2025-01-01,praise,,,,,,ein \"zitat\" ohne\n" +
		"/b/,2025-01-02,praise,,,,,,ok\n"
	got, ds := Parse(exportFile, strings.NewReader(src))
	if len(ds) != 1 || ds[0].Line != 2 {
		t.Errorf("diagnostics %v", ds)
	}
	if len(got) != 1 || got[0].Page != "/b/" || got[0].Line != 3 {
		t.Errorf("entries %+v", got)
	}
}

// windows1252 encodes s, whose characters must all be in Windows-1252, as
// German Excel saves a CSV file.
func windows1252(t *testing.T, s string) []byte {
	t.Helper()
	high := map[rune]byte{'€': 0x80, '„': 0x84, '–': 0x96, '“': 0x93}
	var b []byte
	for _, r := range s {
		switch c, ok := high[r]; {
		case ok:
			b = append(b, c)
		case r < 0x80 || r >= 0xA0 && r <= 0xFF:
			b = append(b, byte(r))
		default:
			t.Fatalf("%q is not in the test's Windows-1252", r)
		}
	}
	return b
}

// TestParseExportWindows1252: an export saved by German Excel ("CSV
// (Trennzeichen-getrennt)": Windows-1252, semicolons) is read with its
// Umlauts; one that is neither UTF-8 nor Windows-1252, or mixes the two,
// is an error naming the file and the line, and gives no rows.
func TestParseExportWindows1252(t *testing.T) {
	text := "page;date;kind;costs;transparency;conditions;service;interaction;comment\r\n" +
		"/über-uns/;2026-01-05;praise;5;;;;;Gebühren – „endlich“ verständlich, 10 € gespart. Schöne Grüße\r\n" +
		"/products/a/;2026-01-06;criticism;;;;;;\"Zu teuer; ärgerlich\"\r\n"
	got, ds := Parse(exportFile, bytes.NewReader(windows1252(t, text)))
	if len(ds) > 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if len(got) != 2 || got[0].Page != "/über-uns/" || got[0].Comment != "Gebühren – „endlich“ verständlich, 10 € gespart. Schöne Grüße" ||
		got[1].Comment != "Zu teuer; ärgerlich" || got[1].Line != 3 {
		t.Errorf("entries %+v", got)
	}
	for _, tc := range []struct {
		name string
		raw  []byte
		want string // line: message
	}{
		{"a byte Windows-1252 does not define", append(windows1252(t, "page;date;kind;costs;transparency;conditions;service;interaction;comment\n/a/;2026-01-05;praise;;;;;;gut\n/b/;2026-01-05;praise;;;;;;Gr"), 0x81, '\n'),
			"3: line 3 is neither UTF-8 nor Windows-1252 text (byte 0x81 at byte 30)"},
		{"UTF-8 and Windows-1252 in one file", append([]byte("page,date,kind,costs,transparency,conditions,service,interaction,comment\n/a/,2026-01-05,praise,,,,,,schön\n/b/,2026-01-05,praise,,,,,,sch"), 0xF6, 'n', '\n'),
			`3: line 3 is not valid UTF-8 (byte 31), but line 2 has 'ö' written in UTF-8: the file mixes two encodings`},
		{"UTF-16", []byte("\xff\xfep\x00a\x00"), `1: the file is UTF-16 text ("Unicode-Text"), which klartext does not read`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ds := Parse(exportFile, bytes.NewReader(tc.raw))
			if len(got) != 0 || len(ds) != 1 || ds[0].File != exportFile || ds[0].Severity != diag.Error || ds[0].Hint == "" {
				t.Fatalf("entries %+v, diagnostics %v", got, ds)
			}
			if line := fmt.Sprintf("%d: %s", ds[0].Line, ds[0].Message); line != tc.want {
				t.Errorf("got  %s\nwant %s", line, tc.want)
			}
		})
	}
}

func FuzzParseExport(f *testing.F) {
	f.Add("page,date,kind,costs,transparency,conditions,service,interaction,comment\n/a/,2025-01-05,praise,5,4,,3,,gut\n")
	f.Add("\ufeffpage;date;kind;costs;transparency;conditions;service;interaction;comment\r\n/a/;2025-01-05;question;;;;;;\"a;b\"\r\n")
	f.Add("page,date,kind,costs,transparency,conditions,service,interaction,comment\n\"/a/,2025-01-05,rant,7,,,,\n")
	f.Add("comment,interaction,service,conditions,transparency,costs,kind,date,page\nx,1,2,3,4,5,criticism,2025-02-30,https://x.test\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, src string) {
		entries, ds := Parse(exportFile, strings.NewReader(src))
		for _, e := range entries {
			if e.Line < 2 {
				t.Errorf("entry line %d", e.Line)
			}
			if !slices.Contains(feedback.KindNames(), string(e.Kind)) {
				t.Errorf("kind %q", e.Kind)
			}
			if !strings.HasPrefix(e.Page, "/") || !strings.HasSuffix(e.Page, "/") {
				t.Errorf("page %q", e.Page)
			}
			for _, r := range e.Ratings {
				if r < 0 || r > 5 {
					t.Errorf("rating %d", r)
				}
			}
		}
		for _, d := range ds {
			if d.File != exportFile || d.Message == "" {
				t.Errorf("diagnostic %+v", d)
			}
		}
		// Aggregation must accept whatever parsing returns.
		_ = feedback.Summarize(entries)
		_ = feedback.Balance(entries, nil)
	})
}

// TestExportRoundTrip: what Write writes, Parse reads back the
// same, the optional columns included.
func TestExportRoundTrip(t *testing.T) {
	in := []feedback.Entry{
		{ID: "1", Page: "/products/etf-welt/", Date: day("2026-03-05"), Kind: feedback.Criticism, Ratings: [5]int{1, 0, 3, 0, 5},
			Comment: "Zu teuer, \"wirklich\";\nzweite Zeile", Public: true, Answer: "Wir haben nachgerechnet.\nDanke.", Answered: day("2026-03-09")},
		{ID: "2", Page: "/", Date: day("2026-03-06"), Kind: feedback.Question, Answered: day("2026-03-06"), Videos: []string{"Kosten verstehen", `Risiko, "kurz"; erklärt`}},
		{ID: "isso-7", Page: "/stories/x/", Date: day("2026-03-07"), Kind: feedback.Comment, Comment: "=HYPERLINK(\"x\")"},
		{Page: "/über-uns/", Date: day("2026-03-08"), Kind: feedback.Praise, Ratings: [5]int{5, 5, 5, 5, 5}},
	}
	var b strings.Builder
	if err := Write(&b, in); err != nil {
		t.Fatal(err)
	}
	got, ds := Parse(exportFile, strings.NewReader(b.String()))
	if len(ds) > 0 {
		t.Fatalf("diagnostics: %v\n%s", ds, b.String())
	}
	for i := range got {
		got[i].Line = 0
	}
	if fmt.Sprint(got) != fmt.Sprint(in) {
		t.Errorf("round trip\n got %+v\nwant %+v\nfile:\n%s", got, in, b.String())
	}
	if first := strings.SplitN(b.String(), "\n", 2)[0]; first != "id,page,date,kind,costs,transparency,conditions,service,interaction,comment,public,answer,answered,videos" {
		t.Errorf("header %q", first)
	}
}

// TestExportOptionalColumns: a file written by hand before the columns id,
// public, answer and answered existed publishes nothing; the new columns
// are checked.
func TestExportOptionalColumns(t *testing.T) {
	old := "page,date,kind,costs,transparency,conditions,service,interaction,comment\n/p/,2026-01-02,criticism,,,,,,Ein Kommentar\n"
	got, ds := Parse(exportFile, strings.NewReader(old))
	if len(ds) > 0 || len(got) != 1 || got[0].Public || got[0].Answer != "" || !got[0].Answered.IsZero() || got[0].Comment != "Ein Kommentar" {
		t.Errorf("old file: %+v %v", got, ds)
	}
	src := "page,date,kind,costs,transparency,conditions,service,interaction,comment,public,answered,answer\n" + // 1
		"/p/,2026-01-02,criticism,,,,,,a,ja,2026-01-03,Danke\n" + // 2 ok
		"/p/,2026-01-02,criticism,,,,,,a,vielleicht,,\n" + // 3
		"/p/,2026-01-05,criticism,,,,,,a,yes,2026-01-04,x\n" + // 4
		"/p/,2026-01-05,criticism,,,,,,a,yes,gestern,x\n" + // 5
		"/p/,2026-01-05,criticism,,,,,,a,yes,,Antwort ohne Datum\n" // 6
	got, ds = Parse(exportFile, strings.NewReader(src))
	if len(got) != 1 || !got[0].Public || got[0].Answer != "Danke" || got[0].Answered != day("2026-01-03") {
		t.Errorf("entries %+v", got)
	}
	want := []string{
		`3:33 public "vielleicht" is neither yes nor no`,
		`4:37 answered 2026-01-04 is before the message's date 2026-01-05`,
		`5:37 answered "gestern" is not a date`,
		`6:38 the row has an answer but no answered date`,
	}
	if len(ds) != len(want) {
		t.Fatalf("got %d diagnostics: %v", len(ds), ds)
	}
	for i, w := range want {
		d := ds[i]
		if got := fmt.Sprintf("%d:%d %s", d.Line, d.Column, d.Message); got != w || d.File != exportFile || d.Severity != diag.Error || d.Hint == "" {
			t.Errorf("#%d: %s\nwant %s", i, got, w)
		}
	}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}
