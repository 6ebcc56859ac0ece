package feedback

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/diag"
)

const exportFile = "content/data/feedback.csv"

func TestParseExportValid(t *testing.T) {
	src := "\ufeffpage;date;kind;costs;transparency;conditions;service;interaction;comment\r\n" +
		"/products/etf-welt/;2025-03-14;praise;5;;4;;1;Klar erklärt, danke\r\n" +
		"https://www.example-bank.test/advisors/anna?x=1;2025-03-15T10:20:00+01:00; Criticism ;;;;;;\"Zu \"\"teuer\"\"; finde ich\"\r\n" +
		"\r\n"
	got, ds := ParseExport(exportFile, strings.NewReader(src))
	if len(ds) > 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	want := []Entry{
		{Page: "/products/etf-welt/", Date: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC), Kind: Praise, Ratings: [5]int{5, 0, 4, 0, 1}, Comment: "Klar erklärt, danke", Line: 2},
		{Page: "/advisors/anna/", Date: time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC), Kind: Criticism, Comment: `Zu "teuer"; finde ich`, Line: 3},
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
	got, ds := ParseExport(exportFile, strings.NewReader(src))
	if len(got) != 2 || got[0].Line != 2 || got[1].Line != 7 || got[1].Comment != "zwei\nZeilen" {
		t.Errorf("entries %+v", got)
	}
	want := []struct {
		line    int
		message string
		hint    string
	}{
		{3, `kind "rant" is not known`, "one of praise, criticism, question"},
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
			_, ds := ParseExport(exportFile, strings.NewReader(tt.src))
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
	got, ds := ParseExport(exportFile, strings.NewReader(src))
	if len(ds) != 1 || ds[0].Line != 2 {
		t.Errorf("diagnostics %v", ds)
	}
	if len(got) != 1 || got[0].Page != "/b/" || got[0].Line != 3 {
		t.Errorf("entries %+v", got)
	}
}

func TestCheckPages(t *testing.T) {
	entries := []Entry{{Page: "/a/", Line: 2}, {Page: "/gone/", Line: 3}, {Page: "/a/", Line: 4}, {Page: "/gone/", Line: 5}, {Page: "/old/", Line: 6}}
	ds := CheckPages(entries, func(p string) bool { return p == "/a/" }, exportFile)
	if len(ds) != 2 {
		t.Fatalf("%v", ds)
	}
	if ds[0].Error() != "content/data/feedback.csv:3: warning: feedback for /gone/ (2 rows) matches no page of the site — the page was renamed or removed, or the path in the export is mistyped" {
		t.Errorf("%s", ds[0].Error())
	}
	if ds[1].Line != 6 || ds[1].Severity != diag.Warning || !strings.Contains(ds[1].Message, "/old/ (1 row)") {
		t.Errorf("%s", ds[1].Error())
	}
}

func FuzzParseExport(f *testing.F) {
	f.Add("page,date,kind,costs,transparency,conditions,service,interaction,comment\n/a/,2025-01-05,praise,5,4,,3,,gut\n")
	f.Add("\ufeffpage;date;kind;costs;transparency;conditions;service;interaction;comment\r\n/a/;2025-01-05;question;;;;;;\"a;b\"\r\n")
	f.Add("page,date,kind,costs,transparency,conditions,service,interaction,comment\n\"/a/,2025-01-05,rant,7,,,,\n")
	f.Add("comment,interaction,service,conditions,transparency,costs,kind,date,page\nx,1,2,3,4,5,criticism,2025-02-30,https://x.test\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, src string) {
		entries, ds := ParseExport(exportFile, strings.NewReader(src))
		for _, e := range entries {
			if e.Line < 2 {
				t.Errorf("entry line %d", e.Line)
			}
			if e.Kind != Praise && e.Kind != Criticism && e.Kind != Question {
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
		_ = Summarize(entries)
		_ = Balance(entries, nil)
	})
}
