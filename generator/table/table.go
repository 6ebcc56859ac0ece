// Package table reads tabular files — CSV exports and XLSX workbooks — into
// a header and rows of text cells, each with its place in the file: the
// line (CSV) or row number (XLSX), the column, and for a workbook the cell's
// A1 reference. Whoever checks the values can then name the cell an editor
// has to open.
//
// It knows nothing of what the columns mean. What it guarantees is that
// the text is the text the file holds: a CSV file is decoded from UTF-8 or
// Windows-1252 and never silently misread (Decode); a workbook's cells are
// their saved values, numbers as Excel shows them to 15 significant digits,
// dates as YYYY-MM-DD, and a formula without a saved value is an error
// (klartext calculates nothing). Rows of empty cells, which spreadsheet
// programs export after the last row, are skipped.
package table

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/klartext/klartext/generator/diag"
)

// Limits of one table, beyond the size limit of its file.
const (
	MaxRows    = 200_000
	MaxColumns = 1_000
)

// Format is the kind of file a table comes from.
type Format int

const (
	CSV Format = iota
	XLSX
)

// Kind is what a workbook cell holds. Every CSV cell is Text.
type Kind uint8

const (
	Text    Kind = iota
	Number       // a number cell; its text is the number with a decimal point
	Percent      // a number cell formatted as a percentage: its text is the fraction (0.015 for 1.5 %)
	Date         // a date cell (a number formatted as a date, or an ISO date); its text is YYYY-MM-DD
	Bool         // TRUE or FALSE
)

// Options say how to read a file.
type Options struct {
	// Encoding of a CSV file: UTF8, Windows1252, or "" to detect (Decode).
	Encoding string
	// Sheet of a workbook to read; "" for the first sheet, or with Accept,
	// the first sheet whose header Accept takes.
	Sheet  string
	Accept func(header []string) bool
}

// Pos is the place of a cell.
type Pos struct {
	File   string
	Line   int    // CSV: the line; XLSX: the row number
	Column int    // CSV: the byte in the line, 1-based; XLSX: the column number
	Index  int    // the column, 0-based
	Cell   string // XLSX: the cell's A1 reference ("B7"); "" for CSV
}

// Place names the cell as an editor finds it: "cell B7" in a workbook,
// "column 2" in a CSV file (whose line the diagnostic carries).
func (p Pos) Place() diag.Text {
	if p.Cell != "" {
		return diag.T("cell %s", p.Cell)
	}
	return diag.T("column %d", p.Index+1)
}

// Reader yields the rows of one table after its header.
type Reader struct {
	File     string
	Format   Format
	Encoding string // CSV: what the bytes were read as (see Decode)
	Sheet    string // XLSX: the sheet read
	Comma    rune   // CSV: the separator
	// DecimalComma: numbers may be written with a decimal comma — in a CSV
	// file separated by ';' (German spreadsheets), and in a workbook cell
	// that holds a number as text.
	DecimalComma bool
	Header       []string // the first row, each name trimmed

	// CSV
	cr        *csv.Reader
	headerCol []int
	// XLSX
	rows []sheetRow
	next int

	cells []string
	kinds []Kind
	line  int
	count int
	done  bool
	diags []diag.Diagnostic
}

// sheetRow is one row of a workbook.
type sheetRow struct {
	num   int
	cells []string
	kinds []Kind
}

// Open reads the header of the file: a workbook when the name ends in
// .xlsx, CSV otherwise. It returns nil when the file cannot be read as a
// table at all; an empty file is a nil Reader without diagnostics.
func Open(file string, raw []byte, opts Options) (*Reader, []diag.Diagnostic) {
	if strings.EqualFold(path.Ext(file), ".xlsx") {
		return OpenXLSX(file, raw, opts)
	}
	return OpenCSV(file, raw, opts)
}

// Next moves to the next row that has a value; it is false at the end.
func (r *Reader) Next() bool {
	if r.done {
		return false
	}
	for {
		var ok bool
		if r.cr != nil {
			ok = r.nextCSV()
		} else {
			ok = r.nextXLSX()
		}
		if !ok {
			r.done = true
			return false
		}
		if allEmpty(r.cells) {
			continue
		}
		if r.count++; r.count > MaxRows {
			r.diags = append(r.diags, diag.Errorf(r.File, r.line, "the table has more than %d rows; klartext reads no more", MaxRows).
				WithHint("split the file"))
			r.done = true
			return false
		}
		return true
	}
}

// Cells are the current row's values, trimmed of surrounding spaces; a
// CSV row may have more or fewer cells than the header, a workbook row has
// one per header column. The slice is reused by Next.
func (r *Reader) Cells() []string { return r.cells }

// Kind is what cell i of the current row holds.
func (r *Reader) Kind(i int) Kind {
	if i < len(r.kinds) {
		return r.kinds[i]
	}
	return Text
}

// Line is the current row's line (CSV, where its first cell starts) or row
// number (XLSX).
func (r *Reader) Line() int { return r.line }

// Pos is the place of cell i of the current row.
func (r *Reader) Pos(i int) Pos {
	if r.cr != nil {
		line, col := r.cr.FieldPos(i)
		return Pos{File: r.File, Line: line, Column: col, Index: i}
	}
	return Pos{File: r.File, Line: r.line, Column: i + 1, Index: i, Cell: CellName(i, r.line)}
}

// At is the line and column of cell i of the current row (Pos without
// the rest, for callers that read every cell).
func (r *Reader) At(i int) (line, column int) {
	if r.cr != nil {
		return r.cr.FieldPos(i)
	}
	return r.line, i + 1
}

// HeaderPos is the place of the header's cell i.
func (r *Reader) HeaderPos(i int) Pos {
	if r.cr != nil {
		return Pos{File: r.File, Line: 1, Column: r.headerCol[i], Index: i}
	}
	return Pos{File: r.File, Line: 1, Column: i + 1, Index: i, Cell: CellName(i, 1)}
}

// Diagnostics are the problems met while reading the rows: a row that
// cannot be read is reported and skipped.
func (r *Reader) Diagnostics() []diag.Diagnostic { return r.diags }

// CellName is the A1 reference of the cell in column index (0-based) and
// row (1-based).
func CellName(index, row int) string {
	var b [8]byte
	i := len(b)
	for n := index + 1; n > 0; n = (n - 1) / 26 {
		i--
		b[i] = byte('A' + (n-1)%26)
	}
	return string(b[i:]) + strconv.Itoa(row)
}

func allEmpty(row []string) bool {
	for _, c := range row {
		if c != "" {
			return false
		}
	}
	return true
}

// ---- CSV ----

// CSVReader returns a csv.Reader for text (already decoded, see Decode) as
// spreadsheet programs export it: a header line with more semicolons than
// commas means ";" is the separator (German Excel), and semicolon reports
// it, so that callers accept decimal commas. Every CSV file of a site is
// read with this rule.
func CSVReader(text []byte) (r *csv.Reader, semicolon bool) {
	text = bytes.TrimPrefix(text, utf8BOM)
	header := text
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		header = text[:i]
	}
	r = csv.NewReader(bytes.NewReader(text))
	if bytes.Count(header, []byte(";")) > bytes.Count(header, []byte(",")) {
		r.Comma = ';'
		semicolon = true
	}
	r.FieldsPerRecord = -1 // the caller checks row lengths, to name the row
	return r, semicolon
}

// OpenCSV reads the header of a CSV file (see Open).
func OpenCSV(file string, raw []byte, opts Options) (*Reader, []diag.Diagnostic) {
	text, enc, d := Decode(file, raw, opts.Encoding)
	if d != nil {
		return nil, []diag.Diagnostic{*d}
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, nil
	}
	cr, semicolon := CSVReader(text)
	cr.ReuseRecord = true
	r := &Reader{File: file, Format: CSV, Encoding: enc, Comma: cr.Comma, DecimalComma: semicolon, cr: cr}
	header, err := cr.Read()
	if err != nil {
		return nil, []diag.Diagnostic{csvError(file, err)}
	}
	if len(header) > MaxColumns {
		return nil, []diag.Diagnostic{diag.Errorf(file, 1, "the header has %d columns; klartext reads at most %d", len(header), MaxColumns)}
	}
	r.Header = make([]string, len(header))
	r.headerCol = make([]int, len(header))
	for i, h := range header {
		r.Header[i] = strings.TrimSpace(h)
		_, r.headerCol[i] = cr.FieldPos(i)
	}
	return r, nil
}

func (r *Reader) nextCSV() bool {
	for {
		row, err := r.cr.Read()
		if err == io.EOF {
			return false
		}
		if err != nil {
			r.diags = append(r.diags, csvError(r.File, err))
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				continue // the reader goes on after the broken row
			}
			return false
		}
		for i, c := range row {
			row[i] = strings.TrimSpace(c)
		}
		r.cells = row
		r.line, _ = r.cr.FieldPos(0)
		return true
	}
}

func csvError(file string, err error) diag.Diagnostic {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return diag.Errorf(file, pe.Line, "the row cannot be read: %v", pe.Err).WithColumn(pe.Column).
			WithHint(`a value containing quotes or the separator must be put in double quotes, with inner quotes doubled ("")`)
	}
	return diag.Errorf(file, 0, "cannot read the file: %v", err)
}
