package sitetest

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/klartext/klartext/generator/table"
)

// Workbook writes a CSV table (such as an EPT file) as an .xlsx workbook
// the way exports from manufacturers' portals and spreadsheets look: a
// sheet of notes first and the table on the sheet "EPT", numbers as number
// cells — except in the columns of asText, where they are stored as text
// with a decimal comma —, the cost fields (030…) formatted as percentages,
// and ten formatted empty rows after the last row.
func Workbook(t testing.TB, csvData []byte, asText map[string]bool) []byte {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(csvData)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("the CSV cannot be read: %v", err)
	}
	header := recs[0]
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Hinweise")
	f.SetCellStr("Hinweise", "A1", "EPT V2.1, erzeugt für den Vertrieb; die Daten stehen auf dem Blatt EPT")
	f.NewSheet("EPT")
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10})
	for i, h := range header {
		f.SetCellStr("EPT", table.CellName(i, 1), h)
	}
	for r, rec := range recs[1:] {
		for i, v := range rec {
			cell := table.CellName(i, r+2)
			x, err := strconv.ParseFloat(v, 64)
			switch {
			case v == "":
			case err == nil && asText[header[i]]:
				f.SetCellStr("EPT", cell, strings.Replace(v, ".", ",", 1))
			case err == nil:
				f.SetCellFloat("EPT", cell, x, -1, 64)
				if strings.HasPrefix(header[i], "030") {
					f.SetCellStyle("EPT", cell, cell, pct)
				}
			default:
				f.SetCellStr("EPT", cell, v)
			}
		}
	}
	last := len(recs) + 10
	f.SetCellStyle("EPT", table.CellName(0, len(recs)+1), table.CellName(len(header)-1, last), pct)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
