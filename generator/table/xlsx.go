package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/suggest"
)

// MaxUnpackedBytes bounds what a workbook may unpack to; excelize keeps it
// all in memory (a larger part would go to a temporary file, which a build
// never writes).
const MaxUnpackedBytes = 100 << 20

// OpenXLSX reads the header of a workbook's sheet (see Open and Options).
func OpenXLSX(file string, raw []byte, opts Options) (*Reader, []diag.Diagnostic) {
	fail := func(row int, hint, format string, a ...any) (*Reader, []diag.Diagnostic) {
		return nil, []diag.Diagnostic{diag.Errorf(file, row, format, a...).WithHint("%s", hint)}
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: MaxUnpackedBytes, UnzipXMLSizeLimit: MaxUnpackedBytes})
	switch {
	case err == nil:
		defer f.Close()
	case errors.Is(err, zip.ErrFormat) || errors.Is(err, excelize.ErrWorkbookFileFormat):
		return fail(0, "save it from the spreadsheet program as an .xlsx workbook (not .xls, .xlsb or with a password)",
			"this is not an .xlsx workbook that klartext can read")
	case strings.Contains(err.Error(), "unzip size"):
		return fail(0, "split the workbook, or export the table as CSV",
			"the workbook unpacks to more than %d MB", MaxUnpackedBytes>>20)
	default:
		return fail(0, "save it again from the spreadsheet program", "the workbook cannot be read: %v", err)
	}
	sheets := f.GetSheetList()
	sheet := opts.Sheet
	switch {
	case sheet != "":
		found := false
		for _, s := range sheets {
			found = found || s == sheet
		}
		if !found {
			hint := suggest.Hint(sheet, sheets).String()
			if hint == "" {
				hint = "the sheets are: " + strings.Join(sheets, ", ")
			}
			return fail(0, hint, "the workbook has no sheet %q", sheet)
		}
	case opts.Accept != nil:
		for _, s := range sheets {
			if opts.Accept(firstRow(f, s)) {
				sheet = s
				break
			}
		}
		if sheet == "" {
			return nil, nil
		}
	case len(sheets) > 0:
		sheet = sheets[0]
	}
	if sheet == "" {
		return fail(0, "", "the workbook has no sheet")
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return fail(0, "save it again from the spreadsheet program", "the sheet %q cannot be read: %v", sheet, err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	r := &Reader{File: file, Format: XLSX, Sheet: sheet, DecimalComma: true}
	if len(rows[0]) > MaxColumns {
		return fail(1, "", "the header row has %d columns; klartext reads at most %d", len(rows[0]), MaxColumns)
	}
	if len(rows)-1 > MaxRows {
		return fail(0, "split the workbook", "the sheet %q has more than %d rows; klartext reads at most that", sheet, MaxRows)
	}
	c := &cellReader{f: f, file: file, sheet: sheet, styles: map[int]Kind{}}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		c.date1904 = *props.Date1904
	}
	var ds []diag.Diagnostic
	r.Header = make([]string, len(rows[0]))
	for i, v := range rows[0] {
		text, _, d := c.cell(v, i, 1)
		if d != nil {
			ds = append(ds, *d)
		}
		r.Header[i] = strings.TrimSpace(text)
	}
	width := len(r.Header)
	for i, row := range rows[1:] {
		num := i + 2
		sr := sheetRow{num: num, cells: make([]string, width), kinds: make([]Kind, width)}
		for j, v := range row {
			text, kind, d := c.cell(v, j, num)
			switch {
			case d != nil:
				ds = append(ds, *d)
			case j >= width && text != "":
				ds = append(ds, diag.Errorf(file, num, "cell %s has a value, but its column has no name in the header (row 1)", CellName(j, num)).
					WithColumn(j+1).WithHint("name the column in row 1, or clear the cell"))
			case j < width:
				sr.cells[j], sr.kinds[j] = strings.TrimSpace(text), kind
			}
		}
		r.rows = append(r.rows, sr)
	}
	r.diags = ds
	return r, nil
}

func (r *Reader) nextXLSX() bool {
	if r.next >= len(r.rows) {
		return false
	}
	row := r.rows[r.next]
	r.next++
	r.cells, r.kinds, r.line = row.cells, row.kinds, row.num
	return true
}

// firstRow is the trimmed header of a sheet, for Options.Accept.
func firstRow(f *excelize.File, sheet string) []string {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil
	}
	defer rows.Close()
	if !rows.Next() {
		return nil
	}
	cells, _ := rows.Columns(excelize.Options{RawCellValue: true})
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// cellReader turns a workbook's saved cell values into text.
type cellReader struct {
	f        *excelize.File
	file     string
	sheet    string
	date1904 bool
	styles   map[int]Kind // number format of a style: Number, Percent or Date
}

// cell is the text and kind of the cell in column index and row with the
// saved value v. Only cells that may be something other than text are
// looked at more closely, since each look-up searches the row.
func (c *cellReader) cell(v string, index, row int) (string, Kind, *diag.Diagnostic) {
	ref := CellName(index, row)
	if v == "" {
		if formula, _ := c.f.GetCellFormula(c.sheet, ref); formula != "" {
			d := diag.Errorf(c.file, row, "cell %s has the formula =%s but no saved value", ref, formula).WithColumn(index + 1).
				WithHint("open the workbook in the spreadsheet program and save it, so the value is stored; klartext does not calculate formulas")
			return "", Text, &d
		}
		return "", Text, nil
	}
	if first := v[0]; !(first >= '0' && first <= '9' || first == '-' || first == '+' || first == '.' || first == '#') {
		return v, Text, nil
	}
	typ, err := c.f.GetCellType(c.sheet, ref)
	if err != nil {
		return v, Text, nil
	}
	switch typ {
	case excelize.CellTypeError:
		d := diag.Errorf(c.file, row, "cell %s shows the spreadsheet error %s", ref, v).WithColumn(index + 1).
			WithHint("correct the formula or type the value")
		return "", Text, &d
	case excelize.CellTypeBool:
		if v == "1" {
			return "TRUE", Bool, nil
		}
		return "FALSE", Bool, nil
	case excelize.CellTypeDate: // an ISO 8601 date saved as such
		if len(v) >= 10 {
			return v[:10], Date, nil
		}
		return v, Text, nil
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
	default:
		return v, Text, nil
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v, Text, nil
	}
	kind := c.numberKind(ref)
	if kind == Date {
		t, err := excelize.ExcelDateToTime(x, c.date1904)
		if err == nil {
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
				return t.Format("2006-01-02"), Date, nil
			}
			return t.Format("2006-01-02T15:04:05"), Date, nil
		}
		kind = Number
	}
	// Excel shows 15 significant digits; a saved 0.30000000000000004 is
	// the 0.3 the editor typed.
	x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	return strconv.FormatFloat(x, 'f', -1, 64), kind, nil
}

// numberKind tells from the cell's number format whether it shows a date,
// a percentage or a plain number.
func (c *cellReader) numberKind(ref string) Kind {
	idx, err := c.f.GetCellStyle(c.sheet, ref)
	if err != nil {
		return Number
	}
	if k, ok := c.styles[idx]; ok {
		return k
	}
	k := Number
	if st, err := c.f.GetStyle(idx); err == nil {
		if st.CustomNumFmt != nil {
			k = formatKind(*st.CustomNumFmt)
		} else {
			k = builtinFormatKind(st.NumFmt)
		}
	}
	c.styles[idx] = k
	return k
}

// builtinFormatKind classifies Excel's built-in number formats (ECMA-376,
// Part 1, 18.8.30): 9 and 10 are percentages; 14 to 22, 45 to 47 and the
// East Asian 27 to 36 and 50 to 58 are dates and times.
func builtinFormatKind(id int) Kind {
	switch {
	case id == 9 || id == 10:
		return Percent
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return Date
	}
	return Number
}

// formatKind classifies a custom number format code: a '%' outside quotes
// makes a percentage, a date or time part (y, m, d, h, s) outside quotes
// and brackets a date ("[$-407]dd.mm.yyyy" has its locale in brackets).
// Workbooks store the codes with English letters whatever the program's
// language. Only the first section (positive numbers) counts.
func formatKind(code string) Kind {
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal (or padding)
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case bracket:
		case c == ';':
			return Number
		case c == '%':
			return Percent
		case strings.IndexByte("yYmMdDhHsS", c) >= 0:
			return Date
		}
	}
	return Number
}
