package table

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/klartext/klartext/generator/diag"
)

// rowsOf reads every row as "line|cell|cell…" with each cell's place.
func rowsOf(t *testing.T, r *Reader) []string {
	t.Helper()
	var out []string
	for r.Next() {
		var b strings.Builder
		b.WriteString(strconv.Itoa(r.Line()))
		for i, c := range r.Cells() {
			p := r.Pos(i)
			b.WriteString("|" + c + "@" + p.Place().String())
			if r.Kind(i) != Text {
				b.WriteString("#" + kindName[r.Kind(i)])
			}
		}
		out = append(out, b.String())
	}
	return out
}

var kindName = map[Kind]string{Number: "n", Percent: "%", Date: "d", Bool: "b"}

func errorsText(ds []diag.Diagnostic) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.Error())
	}
	return strings.Join(s, "\n")
}

func TestCSVReader(t *testing.T) {
	raw := "\xef\xbb\xbfid; name ;Kosten\r\na; Fonds A ;1,20\r\n;;\r\n\"b\";\"Zwei\nZeilen\";2\r\n"
	r, ds := Open("p.csv", []byte(raw), Options{})
	if len(ds) != 0 || r == nil {
		t.Fatalf("%v", ds)
	}
	if r.Comma != ';' || !r.DecimalComma || r.Encoding != "UTF-8 with byte order mark" {
		t.Errorf("%q %v %s", r.Comma, r.DecimalComma, r.Encoding)
	}
	if strings.Join(r.Header, "|") != "id|name|Kosten" || r.HeaderPos(2).Column != 11 {
		t.Errorf("header %q, column of Kosten %d", r.Header, r.HeaderPos(2).Column)
	}
	got := rowsOf(t, r)
	want := []string{"2|a@column 1|Fonds A@column 2|1,20@column 3", "4|b@column 1|Zwei\nZeilen@column 2|2@column 3"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%q\nwant\n%q", got, want)
	}
	if len(r.Diagnostics()) != 0 {
		t.Error(r.Diagnostics())
	}
}

func TestCSVWindows1252(t *testing.T) {
	r, ds := Open("p.csv", []byte("name;ort\nM\xfcller;K\xf6ln\n"), Options{})
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	if !r.Next() || r.Cells()[0] != "Müller" || r.Cells()[1] != "Köln" || r.Encoding != "Windows-1252" {
		t.Fatalf("%q %s", r.Cells(), r.Encoding)
	}
}

func TestCSVBrokenRowIsReportedAndSkipped(t *testing.T) {
	r, _ := Open("p.csv", []byte("a,b\n1,\"x\n2,3\n"), Options{})
	rowsOf(t, r)
	if got := errorsText(r.Diagnostics()); !strings.HasPrefix(got, "p.csv:3:5: the row cannot be read: ") {
		t.Errorf("got %q", got)
	}
	if r, ds := Open("p.csv", []byte(" \n"), Options{}); r != nil || len(ds) != 0 {
		t.Errorf("an empty file has no table and no error: %v %v", r, ds)
	}
}

func TestCSVLimits(t *testing.T) {
	head := strings.Repeat("c,", MaxColumns) + "c\n"
	if _, ds := Open("p.csv", []byte(head), Options{}); !strings.Contains(errorsText(ds), "p.csv:1: the header has 1001 columns; klartext reads at most 1000") {
		t.Errorf("got %v", ds)
	}
	var b bytes.Buffer
	b.WriteString("a\n")
	for range MaxRows + 1 {
		b.WriteString("1\n")
	}
	r, _ := Open("p.csv", b.Bytes(), Options{})
	n := 0
	for r.Next() {
		n++
	}
	if n != MaxRows || !strings.Contains(errorsText(r.Diagnostics()), "the table has more than 200000 rows") {
		t.Errorf("%d rows, %v", n, r.Diagnostics())
	}
}

func TestCellName(t *testing.T) {
	for i, want := range map[int]string{0: "A7", 25: "Z7", 26: "AA7", 51: "AZ7", 52: "BA7", 701: "ZZ7", 702: "AAA7"} {
		if got := CellName(i, 7); got != want {
			t.Errorf("%d: %s, want %s", i, got, want)
		}
	}
}

// workbook writes an .xlsx with excelize: a first sheet of notes, then the
// data sheet with the quirks real exports have.
func workbook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Hinweise")
	f.SetCellStr("Hinweise", "A1", "Bitte nicht ändern")
	f.NewSheet("Daten")
	set := func(cell string, v any) {
		if err := f.SetCellValue("Daten", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	for i, h := range []string{"ISIN", "Kosten", "Text-Zahl", "Quote", "Datum", "Formel", "Wahr"} {
		set(CellName(i, 1), h)
	}
	set("A2", "DE000A0F5UF5")
	set("B2", 0.30000000000000004)
	set("C2", "0,0125") // a number stored as text
	set("D2", 0.015)
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	f.SetCellStyle("Daten", "D2", "D2", pct)
	set("E2", 45043.0)
	date, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("[$-407]dd.mm.yyyy")})
	f.SetCellStyle("Daten", "E2", "E2", date)
	set("G2", true)
	set("A3", "XS0000000009")
	set("B3", 4.769e-05)
	// rows 4 to 9 are empty but formatted, as spreadsheets leave them
	f.SetCellStyle("Daten", "A4", "G9", pct)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func ptr(s string) *string { return &s }

func TestXLSX(t *testing.T) {
	raw := workbook(t)
	r, ds := Open("p.xlsx", raw, Options{Sheet: "Daten"})
	if len(ds) != 0 || r == nil {
		t.Fatalf("%v", ds)
	}
	if r.Sheet != "Daten" || strings.Join(r.Header, "|") != "ISIN|Kosten|Text-Zahl|Quote|Datum|Formel|Wahr" {
		t.Fatalf("%s %q", r.Sheet, r.Header)
	}
	got := strings.Join(rowsOf(t, r), "\n")
	want := "2|DE000A0F5UF5@cell A2|0.3@cell B2#n|0,0125@cell C2|0.015@cell D2#%|2023-04-27@cell E2#d|@cell F2|TRUE@cell G2#b\n" +
		"3|XS0000000009@cell A3|0.00004769@cell B3#n|@cell C3|@cell D3|@cell E3|@cell F3|@cell G3"
	if got != want {
		t.Errorf("rows\n%s\nwant\n%s", got, want)
	}
	if r.Pos(1) != (Pos{File: "p.xlsx", Line: 3, Column: 2, Index: 1, Cell: "B3"}) {
		t.Errorf("%+v", r.Pos(1))
	}
}

func TestXLSXSheetChoice(t *testing.T) {
	raw := workbook(t)
	r, _ := Open("p.xlsx", raw, Options{})
	if r.Sheet != "Hinweise" {
		t.Errorf("without a name the first sheet: %s", r.Sheet)
	}
	r, _ = Open("p.xlsx", raw, Options{Accept: func(h []string) bool { return len(h) > 0 && h[0] == "ISIN" }})
	if r == nil || r.Sheet != "Daten" {
		t.Errorf("Accept picks the first sheet it takes: %v", r)
	}
	if r, ds := Open("p.xlsx", raw, Options{Accept: func([]string) bool { return false }}); r != nil || len(ds) != 0 {
		t.Errorf("no sheet taken: %v %v", r, ds)
	}
	_, ds := Open("p.xlsx", raw, Options{Sheet: "daten"})
	if got := errorsText(ds); got != `p.xlsx: the workbook has no sheet "daten" — did you mean Daten?` {
		t.Errorf("got %s", got)
	}
}

// patch rewrites the data sheet's XML inside a workbook.
func patch(t *testing.T, raw []byte, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "xl/worksheets/sheet2.xml" {
			b = []byte(edit(string(b)))
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return out.Bytes()
}

func TestXLSXFormulasAndErrors(t *testing.T) {
	raw := patch(t, workbook(t), func(s string) string {
		s = regexp.MustCompile(`<c r="F2"[^>]*/>|<c r="F2".*?</c>`).ReplaceAllString(s, "")
		s = strings.Replace(s, `<c r="G2"`, `<c r="F2"><f>B2*100</f></c><c r="G2"`, 1)
		s = regexp.MustCompile(`<c r="B3"[^>]*>.*?</c>`).ReplaceAllString(s, `<c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C3"><f>1+1</f><v>2</v></c>`)
		s = strings.Replace(s, `</row><row r="4"`, `<c r="J2"><v>7</v></c></row><row r="4"`, 1)
		return s
	})
	r, ds := Open("p.xlsx", raw, Options{Sheet: "Daten"})
	if r == nil {
		t.Fatal(ds)
	}
	got := errorsText(append(ds, r.Diagnostics()...))
	for _, want := range []string{
		"p.xlsx:2:6: cell F2 has the formula =B2*100 but no saved value — open the workbook in the spreadsheet program and save it, so the value is stored; klartext does not calculate formulas",
		"p.xlsx:3:2: cell B3 shows the spreadsheet error #DIV/0! — correct the formula or type the value",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want\n  %s\ngot\n  %s", want, strings.ReplaceAll(got, "\n", "\n  "))
		}
	}
	rows := strings.Join(rowsOf(t, r), "\n")
	if !strings.Contains(rows, "|2@cell C3#n") {
		t.Errorf("a formula's saved value is read: %s", rows)
	}
}

func TestXLSXColumnLimit(t *testing.T) {
	f := excelize.NewFile()
	row := make([]any, MaxColumns+1)
	for i := range row {
		row[i] = "c"
	}
	f.SetSheetRow("Sheet1", "A1", &row)
	var buf bytes.Buffer
	f.Write(&buf)
	if _, ds := Open("p.xlsx", buf.Bytes(), Options{}); errorsText(ds) != "p.xlsx:1: the header row has 1001 columns; klartext reads at most 1000" {
		t.Errorf("got %v", ds)
	}
}

func TestXLSXNotAWorkbook(t *testing.T) {
	_, ds := Open("p.xlsx", []byte("id,name\n"), Options{})
	if got := errorsText(ds); got != "p.xlsx: this is not an .xlsx workbook that klartext can read — save it from the spreadsheet program as an .xlsx workbook (not .xls, .xlsb or with a password)" {
		t.Errorf("got %s", got)
	}
}

func TestFormatKind(t *testing.T) {
	for code, want := range map[string]Kind{
		"0.00%": Percent, `0.00" %"`: Number, "0.00 %": Percent, "dd.mm.yyyy": Date, "[$-407]dd/mm/yy": Date,
		"#,##0.00 [$€-407]": Number, `0.00 "Jahre"`: Number, "[h]:mm": Date, `#,##0;[Red]-#,##0`: Number,
		"General": Number, `\d0`: Number,
	} {
		if got := formatKind(code); got != want {
			t.Errorf("%s: %v, want %v", code, got, want)
		}
	}
}
