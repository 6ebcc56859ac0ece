package product

import (
	"fmt"
	"slices"
	"strings"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/suggest"
	"github.com/klartext/klartext/generator/table"
)

// columnOrigin says, for all rows of one tabular file, which column each
// key was read from, so that a problem found later (the content model's
// rules in build, the figures) names the column as the file has it: the
// EPT field, or the bank's own column name, and the workbook cell.
type columnOrigin struct {
	file string
	ept  bool
	xlsx bool
	col  [numKeys]int    // the column's index; -1 when the file has none
	name [numKeys]string // its header as written (EPT: the field or fields)
}

// tableRow is what a record read from a tabular file keeps of it.
type tableRow struct {
	origin *columnOrigin
	// written is the cell's text where the value was converted (an EPT
	// fraction into percent); "" where the value is the text as written.
	written [numKeys]string
}

func newOrigin(file string, xlsx, ept bool) *columnOrigin {
	o := &columnOrigin{file: file, xlsx: xlsx, ept: ept}
	for i := range o.col {
		o.col[i] = -1
	}
	return o
}

// where describes where key k of a row at line came from, for a message:
// `EPT field 03010_One_Off_Cost_Portfolio_Entry_Cost, cell BV7, written
// 0.05` or `column "Risikoklasse (SRI)", cell D5`. It is "" when there is
// nothing to add to the line and the key's name.
func (o *columnOrigin) where(k key, line int, written string) string {
	var parts []string
	name := o.name[k]
	switch {
	case name == "":
		return ""
	case o.ept && o.col[k] < 0:
		parts = append(parts, "EPT field "+name+", which the file does not have")
	case o.ept:
		parts = append(parts, "EPT field "+name)
	default:
		parts = append(parts, fmt.Sprintf("column %q", name))
	}
	if c := o.col[k]; c >= 0 {
		if o.xlsx {
			parts = append(parts, "cell "+table.CellName(c, line))
		} else {
			parts = append(parts, fmt.Sprintf("column %d", c+1))
		}
	}
	if written != "" {
		parts = append(parts, "written "+written)
	}
	return strings.Join(parts, ", ")
}

// annotate adds to each diagnostic about a key of rec's tabular row where
// the value came from.
func annotate(ds []diag.Diagnostic, rec *rawRecord) {
	if rec.row == nil {
		return
	}
	o := rec.row.origin
	for i := range ds {
		d := &ds[i]
		k, ok := keyByName[d.Key]
		if !ok || d.File != o.file || rec.vals[k].pos.File != "" && rec.vals[k].pos.File != o.file {
			continue
		}
		line := d.Line
		if line == 0 && len(rec.sources) > 0 {
			line = rec.sources[0].Line
		}
		if w := o.where(k, line, rec.row.written[k]); w != "" {
			d.Message += " (" + w + ")"
		}
	}
}

// KeyColumn is the column a product's key was read from, as the file
// names it — the EPT field (03010_One_Off_Cost_Portfolio_Entry_Cost) or
// the bank's own column name — and, in a workbook, the cell ("BV7"). Both
// are "" when the key was not read from a tabular file with such names (a
// YAML file, a products.csv with the content model's column names).
func (p Product) KeyColumn(key string) (column, cell string) {
	k, ok := keyByName[key]
	if !ok || p.columns == nil {
		return "", ""
	}
	a, ok := p.at(k)
	if !ok || a.source != 1 {
		return "", ""
	}
	o := p.columns
	if o.xlsx && o.col[k] >= 0 {
		cell = table.CellName(o.col[k], int(a.line))
	}
	return o.name[k], cell
}

// ---- a bank's export: products.csv or products.xlsx ----

// readExport reads the rows of a product export. Its columns are the
// content model's keys, or, with a mapping file, the bank's own names.
func readExport(r *table.Reader, m *mapping) ([]*rawRecord, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	file := r.File
	var origin *columnOrigin
	if m != nil || r.Format == table.XLSX {
		origin = newOrigin(file, r.Format == table.XLSX, false)
	}
	// columns[i] is the key of column i, or -1 for a column that is
	// ignored or reported as unknown (so the other errors still show).
	columns := make([]key, len(r.Header))
	seen := make(map[key]int, len(r.Header))
	var candidates []string // sorted, so the suggestion is the same each time
	if m != nil {
		for c := range m.columns {
			candidates = append(candidates, c)
		}
		slices.Sort(candidates)
	}
	candidates = append(candidates, sortedKeyNames...)
	for i, name := range r.Header {
		col := r.HeaderPos(i).Column
		k, ok := keyByName[name]
		if m != nil {
			if mk, mapped := m.columns[name]; mapped {
				k, ok = mk, true
			} else if m.ignore[name] {
				columns[i] = -1
				continue
			}
		}
		if !ok {
			columns[i] = -1
			d := diag.Diagnostic{Severity: diag.Error, File: file, Line: 1, Column: col, Key: name,
				Message: fmt.Sprintf("unknown column %q in the header", name)}
			if name == "" {
				d.Message = fmt.Sprintf("column %d has no name in the header", i+1)
			}
			d.Hint = suggest.Hint(name, candidates)
			switch {
			case d.Hint != "":
			case m != nil:
				d.Hint = fmt.Sprintf("map it to a key in %s (columns:), or list it under ignore: there", m.file)
			default:
				d.Hint = "the columns are: " + strings.Join(keyNames[:], ", ") +
					"; a bank's own column names are mapped to them in " + MappingFile
			}
			diags = append(diags, d)
			continue
		}
		if j, dup := seen[k]; dup {
			columns[i] = -1
			diags = append(diags, diag.Diagnostic{Severity: diag.Error, File: file, Line: 1, Column: col, Key: name,
				Message: fmt.Sprintf("column %q appears twice in the header (columns %d and %d)", name, j+1, i+1),
				Hint:    "remove one of them"})
			continue
		}
		seen[k] = i
		columns[i] = k
		if origin != nil {
			origin.col[k], origin.name[k] = i, name
		}
	}
	if m != nil {
		diags = append(diags, m.unmapped(file, r.Header)...)
	}
	// Through a mapping file an export may leave out the id: a product is
	// then known by its lower-cased ISIN, as an EPT row is.
	_, hasID := seen[keyID]
	_, hasISIN := seen[keyISIN]
	idFromISIN := !hasID && hasISIN && m != nil
	fatal := false
	for _, k := range requiredKeys {
		if _, ok := seen[k]; !ok && !(k == keyID && idFromISIN) {
			d := diag.Diagnostic{Severity: diag.Error, File: file, Line: 1, Key: keyNames[k],
				Message: fmt.Sprintf("the header has no %q column, which every product needs", keyNames[k]),
				Hint:    "add the column to the first row"}
			if m != nil {
				d.Message = fmt.Sprintf("no column is mapped to %q, which every product needs", keyNames[k])
				d.Hint = fmt.Sprintf("add the column to the export and map it in %s", m.file)
			}
			diags = append(diags, d)
			fatal = fatal || k == keyID
		}
	}
	if fatal {
		return nil, diags // without ids the rows cannot be told apart
	}

	var records []*rawRecord
	for r.Next() {
		row := r.Cells()
		line := r.Line()
		if len(row) != len(r.Header) {
			diags = append(diags, diag.Diagnostic{Severity: diag.Error, File: file, Line: line,
				Message: fmt.Sprintf("row has %d fields, the header has %d", len(row), len(r.Header)),
				Hint:    "every row needs one value per column; check for a missing or extra separator or an unquoted separator inside a value"})
			continue
		}
		rec := &rawRecord{sources: []Position{{File: file, Line: line}}}
		if origin != nil {
			rec.row = &tableRow{origin: origin}
		}
		for i, text := range row {
			k := columns[i]
			if k < 0 {
				continue
			}
			line, col := r.At(i)
			v := rawValue{text: text, given: text != "", pos: Position{File: file, Line: line, Column: col},
				decimalComma: r.DecimalComma}
			if v.given && isPercentKey(k) {
				diags = percentCell(diags, &v, rec, k, r.Kind(i), m, origin)
			}
			rec.vals[k] = v
		}
		if idFromISIN && rec.vals[keyISIN].given {
			isin := rec.vals[keyISIN]
			rec.vals[keyID] = rawValue{text: idFromCode(isin.text), given: true, pos: isin.pos}
		}
		records = append(records, rec)
	}
	return records, append(diags, r.Diagnostics()...)
}

// isPercentKey reports whether the key's values are percentages.
func isPercentKey(k key) bool { return strings.HasSuffix(keyNames[k], "_pct") }

// percentCell reads a percentage cell of an export: a percent sign is an
// error that says what to write; a fraction (the mapping file's percent:
// fraction, or a workbook cell formatted as a percentage, which holds the
// fraction it shows as percent) is turned into percent.
func percentCell(diags []diag.Diagnostic, v *rawValue, rec *rawRecord, k key, kind table.Kind, m *mapping, origin *columnOrigin) []diag.Diagnostic {
	fraction := m != nil && m.fraction
	if num, ok := percentSign(v.text); ok {
		r, _ := parseDecimal(num, true)
		want := numberLike(r, num, v.decimalComma)
		why := "the column is in percent: " + want + " means " + num + " %"
		if fraction {
			want = numberLike(r.Quo(r, hundred), num, v.decimalComma)
			why = fmt.Sprintf("%s says percent: fraction, so %s means %s %%", m.file, want, num)
		}
		d := diag.Diagnostic{Severity: diag.Error, File: v.pos.File, Line: v.pos.Line, Column: v.pos.Column, Key: keyNames[k],
			Message: fmt.Sprintf("%s %q has a percent sign", keyNames[k], v.text),
			Hint:    fmt.Sprintf("write %s (%s)", want, why)}
		if origin != nil {
			d.Message += " (" + origin.where(k, v.pos.Line, "") + ")"
		}
		v.unusable = true
		return append(diags, d)
	}
	if !fraction && kind != table.Percent {
		return diags
	}
	pct, ok := percentOf(v.text, v.decimalComma)
	if !ok {
		if kind == table.Percent {
			return diags
		}
		d := diag.Diagnostic{Severity: diag.Error, File: v.pos.File, Line: v.pos.Line, Column: v.pos.Column, Key: keyNames[k],
			Message: fmt.Sprintf("%s %q is not a number", keyNames[k], v.text),
			Hint:    fmt.Sprintf("write a decimal fraction such as 0.012 for 1.2 %% (%s says percent: fraction)", m.file)}
		if origin != nil {
			d.Message += " (" + origin.where(k, v.pos.Line, "") + ")"
		}
		v.unusable = true
		return append(diags, d)
	}
	if rec.row != nil {
		rec.row.written[k] = v.text
	}
	v.text, v.decimalComma = pct, false
	return diags
}

// idFromCode is the product id of a share class known by a code (an
// ISIN): lower-cased, and anything but letters and digits a hyphen, so the
// id is a valid slug whatever the code holds.
func idFromCode(code string) string {
	var b strings.Builder
	hyphen := false
	for _, c := range strings.ToLower(code) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
			hyphen = false
		} else if !hyphen && b.Len() > 0 {
			b.WriteByte('-')
			hyphen = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
