package product

import (
	"strconv"

	"github.com/klartext/klartext/generator/diag"
)

// Value is one key's value as written, before it is typed and checked.
type Value struct {
	Text  string
	Given bool // false: the column or key is absent, or the cell is empty
	// Unusable: given, but in a form already reported (a YAML list where a
	// single value belongs); it is neither checked again nor "missing".
	Unusable bool
	Pos      Position
	// DecimalComma: the value comes from a semicolon-separated CSV, where a
	// German spreadsheet writes 1,20 for 1.20.
	DecimalComma bool
}

// Record is one product as written in one place (a CSV row, an EPT row or
// a YAML file): what a reader of a source (package productsource) hands to
// FromRecord.
type Record struct {
	Vals    [NumKeys]Value
	Sources []Position
	Row     *TableRow // the file's columns, for a record read from an EPT file, a workbook or through a mapping file
}

// Merge lays the keys given in over on top of r's. This is how a YAML file
// complements the CSV row with the same id: keys it gives override the row's,
// keys it leaves out (or leaves empty) keep the row's value.
func (r *Record) Merge(over *Record) {
	for k := range over.Vals {
		if over.Vals[k].Given {
			r.Vals[k] = over.Vals[k]
		}
	}
	r.Sources = append(r.Sources, over.Sources...)
}

// ID is the record's id as written.
func (r *Record) ID() string { return r.Vals[keyID].Text }

// FromRecord types and checks one record against the content model and
// cross-checks the KID's own figures. Its diagnostics name the key and
// its place; the column as a table names it (rec.Row) is the reader's to
// add. idOK reports
// whether the product has a usable id, so it can be returned and referred
// to; telling products apart (duplicate ids and ISINs) is the reader's.
func FromRecord(rec *Record, defaultCurrency string) (p Product, diags []diag.Diagnostic, idOK bool) {
	p, diags, idOK = build(rec, defaultCurrency)
	var kds []diag.Diagnostic
	p.KIDCompositionPct, kds = kidComposition(rec)
	diags = append(diags, kds...)
	if !hasError(diags) {
		// The KID's own figures against the model's.
		diags = append(diags, CrossCheckKID(p)...)
		diags = append(diags, checkKIDComposition(p, rec)...)
	}
	if idOK && rec.Row != nil {
		p.columns = rec.Row.Origin
	}
	return p, diags, idOK
}

// String writes the position as "file:line".
func (p Position) String() string {
	if p.Line > 0 {
		return p.File + ":" + strconv.Itoa(p.Line)
	}
	return p.File
}

// ---- numbers ----

// parseNumber reads a decimal number strictly: an optional sign, digits and
// at most one decimal separator with digits on both sides or either side.
// No exponents, no thousands separators, no "NaN" or "Inf". With
// decimalComma (a semicolon-separated CSV) a comma or a point may be the
// decimal separator; otherwise only a point.
func parseNumber(s string, decimalComma bool) (float64, bool) {
	if s == "" {
		return 0, false
	}
	b := []byte(s)
	i := 0
	if b[0] == '+' || b[0] == '-' {
		i++
	}
	digits, seps := 0, 0
	for j := i; j < len(b); j++ {
		switch c := b[j]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || (c == ',' && decimalComma):
			seps++
			b[j] = '.'
		default:
			return 0, false
		}
	}
	if digits == 0 || seps > 1 {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil { // out of range
		return 0, false
	}
	return v, true
}
