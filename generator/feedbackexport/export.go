// Package feedbackexport is the file a feedback service's messages reach
// a site in: content/data/feedback.csv, its columns, how it is read
// (Read, Parse) and written (Write, what klartext feedback export makes),
// and the defusing of cells a spreadsheet would run as formulas. The
// messages themselves are package feedback's feedback.Entry.
package feedbackexport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/data"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/suggest"
	"github.com/klartext/klartext/generator/table"
)

// ExportColumns are the columns of the feedback export, the optional ones
// included.
func Columns() []string { return append([]string(nil), allColumns...) }

// exportColumns must be in every export; optionalColumns came with
// klartext feedback export and may be left out.
var (
	exportColumns   = []string{"page", "date", "kind", "costs", "transparency", "conditions", "service", "interaction", "comment"}
	optionalColumns = []string{"id", "public", "answer", "answered", "videos"}
	allColumns      = append(append([]string(nil), exportColumns...), optionalColumns...)
)

// File is where a site keeps the feedback service's export.
const File = "content/data/feedback.csv"

// Read reads the site's export (File) through the site's
// guarded reader: its rows, the ones dated after now left out with a
// warning each (LeaveOutFuture). A site without an export, or with one the
// scan refused (reported there), has no rows and no diagnostics here.
func Read(files *fileio.Files, now time.Time) ([]feedback.Entry, []diag.Diagnostic) {
	raw, err := data.ReadFile(files, File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fileio.ErrRefused) {
			return nil, nil
		}
		return nil, []diag.Diagnostic{diag.Errorf(File, 0, "%v", err)}
	}
	entries, ds := Parse(File, bytes.NewReader(raw))
	entries, fds := feedback.LeaveOutFuture(entries, now, File)
	return entries, append(ds, fds...)
}

// Parse reads the feedback export (content/data/feedback.csv) as
// package table reads a CSV file: UTF-8 (with or without byte order mark)
// or Windows-1252, what German Excel saves, never guessed (table.Decode;
// a file that is neither is an error naming the line), separated by `,`
// or `;`. A cell Write defused as a formula is read as it was
// (unescapeCell). The header row is required, columns may come in any
// order. Rows with errors are reported and left out; the other rows are
// returned in file order.
func Parse(file string, r io.Reader) ([]feedback.Entry, []diag.Diagnostic) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, []diag.Diagnostic{diag.Errorf(file, 0, "cannot read the feedback export: %v", err)}
	}
	tr, ds := table.OpenCSV(file, raw, table.Options{})
	if tr == nil {
		if len(ds) == 0 {
			ds = []diag.Diagnostic{diag.Errorf(file, 1, "the feedback export is empty").
				WithHint("the first row must name the columns: %s", strings.Join(exportColumns, ","))}
		}
		return nil, ds
	}
	header := tr.Header
	known := 0
	for _, h := range header {
		if slices.Contains(allColumns, strings.ToLower(h)) {
			known++
		}
	}
	if known == 0 {
		return nil, []diag.Diagnostic{diag.Errorf(file, 1, "the feedback export has no header row").
			WithHint("the first row must name the columns: %s", strings.Join(exportColumns, ","))}
	}
	idx := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(h)
		if !slices.Contains(allColumns, name) {
			d := diag.Errorf(file, 1, "unknown column %q in the feedback export", h)
			d.Column = tr.HeaderPos(i).Column
			if hint := suggest.Hint(name, allColumns); !hint.Empty() {
				d = d.WithHint("%s", hint)
			} else {
				d = d.WithHint("the columns are %s and optionally %s", strings.Join(exportColumns, ","), strings.Join(optionalColumns, ","))
			}
			ds = append(ds, d)
			continue
		}
		if _, dup := idx[name]; dup {
			ds = append(ds, diag.Errorf(file, 1, "column %q appears twice in the feedback export", name))
			continue
		}
		idx[name] = i
	}
	var missing []string
	for _, c := range exportColumns {
		if _, ok := idx[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		ds = append(ds, diag.Errorf(file, 1, "the feedback export lacks the column(s) %s", strings.Join(missing, ", ")).
			WithHint("the first row must name the columns: %s", strings.Join(exportColumns, ",")))
		return nil, ds
	}
	if len(ds) > 0 {
		return nil, ds
	}
	ncol := len(header)

	var entries []feedback.Entry
	read := 0 // the reader's diagnostics taken, so they stay in line order
	for tr.Next() {
		if rd := tr.Diagnostics(); len(rd) > read {
			ds, read = append(ds, rd[read:]...), len(rd)
		}
		rec, line := tr.Cells(), tr.Line()
		for i, c := range rec {
			rec[i] = unescapeCell(c) // as Write escaped it (formula.go)
		}
		if len(rec) != ncol {
			ds = append(ds, diag.Errorf(file, line, "row has %d fields, the header has %d", len(rec), ncol).
				WithHint("check for a separator inside a comment that is not in quotes"))
			continue
		}
		e := feedback.Entry{Line: line}
		ok := true
		bad := func(col string, format string, a ...any) *diag.Diagnostic {
			d := diag.Errorf(file, line, format, a...)
			_, d.Column = tr.At(idx[col])
			ds = append(ds, d)
			ok = false
			return &ds[len(ds)-1]
		}

		page, perr := feedback.CanonicalPath(rec[idx["page"]])
		if perr != "" {
			d := bad("page", "page %q: %s", rec[idx["page"]], perr)
			*d = d.WithHint("write the page's URL path, e.g. /products/etf-welt/")
		}
		e.Page = page

		ds0 := strings.TrimSpace(rec[idx["date"]])
		if t, err := parseDate(ds0); err != nil {
			d := bad("date", "date %q is not a date", ds0)
			*d = d.WithHint("write YYYY-MM-DD, e.g. 2025-03-14")
		} else {
			e.Date = t
		}

		k := strings.ToLower(strings.TrimSpace(rec[idx["kind"]]))
		if slices.Contains(feedback.KindNames(), k) {
			e.Kind = feedback.Kind(k)
		} else {
			d := bad("kind", "kind %q is not known", rec[idx["kind"]])
			if h := suggest.Hint(k, feedback.KindNames()); !h.Empty() {
				*d = d.WithHint("%s", h)
			} else {
				*d = d.WithHint("one of praise, criticism, question, comment")
			}
		}

		for i, col := range feedback.Factors {
			v := strings.TrimSpace(rec[idx[col]])
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 5 {
				d := bad(col, "%s rating %q is not a whole number from 1 to 5", col, v)
				*d = d.WithHint("leave it empty when the reader gave no rating")
				continue
			}
			e.Ratings[i] = n
		}
		e.Comment = strings.TrimSpace(rec[idx["comment"]])
		optional := func(col string) string {
			if i, ok := idx[col]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		e.ID = optional("id")
		switch p := strings.ToLower(optional("public")); p {
		case "", "no", "false", "0", "nein":
		case "yes", "true", "1", "ja":
			e.Public = true
		default:
			d := bad("public", "public %q is neither yes nor no", p)
			*d = d.WithHint("write yes to show the comment on its page, no or nothing to keep it internal")
		}
		e.Answer = optional("answer")
		e.Videos = splitVideos(optional("videos"))
		if a := optional("answered"); a != "" {
			if t, err := parseDate(a); err != nil {
				d := bad("answered", "answered %q is not a date", a)
				*d = d.WithHint("write the day of the answer as YYYY-MM-DD")
			} else if !e.Date.IsZero() && t.Before(e.Date) {
				d := bad("answered", "answered %s is before the message's date %s", a, e.Date.Format(time.DateOnly))
				*d = d.WithHint("check both dates")
			} else {
				e.Answered = t
			}
		}
		if e.Answer != "" && e.Answered.IsZero() && ok {
			d := bad("answer", "the row has an answer but no answered date")
			*d = d.WithHint("write the day of the answer into the column answered")
		}
		if ok {
			entries = append(entries, e)
		}
	}
	return entries, append(ds, tr.Diagnostics()[read:]...)
}

// splitVideos reads a videos cell: one title a line.
func splitVideos(cell string) []string {
	if cell == "" {
		return nil // most rows: no allocation
	}
	var out []string
	for _, t := range strings.Split(cell, "\n") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	// Exports often carry a timestamp; its day counts.
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, err
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}

// Write writes entries as content/data/feedback.csv in the form
// Parse reads (UTF-8, commas, a header row with every column): what
// klartext feedback export writes. Ratings of 0 and a zero answered date are
// empty cells; the videos are one title a line; a cell a spreadsheet would
// run as a formula gets an apostrophe in front, which Parse removes
// (formula.go). Line is not written.
func Write(w io.Writer, entries []feedback.Entry) error {
	cw := csv.NewWriter(w)
	header := append([]string{"id"}, exportColumns...)
	header = append(header, "public", "answer", "answered", "videos")
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	for _, e := range entries {
		rec = rec[:0]
		rec = append(rec, e.ID, e.Page, e.Date.Format(time.DateOnly), string(e.Kind))
		for _, r := range e.Ratings {
			if r == 0 {
				rec = append(rec, "")
			} else {
				rec = append(rec, strconv.Itoa(r))
			}
		}
		public, answered := "no", ""
		if e.Public {
			public = "yes"
		}
		if !e.Answered.IsZero() {
			answered = e.Answered.Format(time.DateOnly)
		}
		rec = append(rec, e.Comment, public, e.Answer, answered, strings.Join(e.Videos, "\n"))
		for i, c := range rec {
			rec[i] = escapeCell(c) // no formula for a spreadsheet to run (formula.go)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
