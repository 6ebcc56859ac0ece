package productsource

import (
	"fmt"
	"slices"
	"strings"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/suggest"
	"github.com/klartext/klartext/generator/table"
)

// ---- a bank's export: products.csv or products.xlsx ----

// readExport reads the rows of a product export. Its columns are the
// content model's keys, or, with a mapping file, the bank's own names.
func readExport(r *table.Reader, m *mapping) ([]*product.Record, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	file := r.File
	var origin *product.ColumnOrigin
	if m != nil || r.Format == table.XLSX {
		origin = newOrigin(file, r.Format == table.XLSX, false)
	}
	// columns[i] is the key of column i, or -1 for a column that is
	// ignored or reported as unknown (so the other errors still show).
	columns := make([]product.Key, len(r.Header))
	seen := make(map[product.Key]int, len(r.Header))
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
		k, ok := product.KeyNamed(name)
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
				d.Hint = "the columns are: " + strings.Join(product.Keys(), ", ") +
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
			origin.Col[k], origin.Name[k] = i, name
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
	for k := range product.NumKeys { // in key order, as the required keys are listed
		if !k.Required() {
			continue
		}
		if _, ok := seen[k]; !ok && !(k == keyID && idFromISIN) {
			d := diag.Diagnostic{Severity: diag.Error, File: file, Line: 1, Key: k.Name(),
				Message: fmt.Sprintf("the header has no %q column, which every product needs", k.Name()),
				Hint:    "add the column to the first row"}
			if m != nil {
				d.Message = fmt.Sprintf("no column is mapped to %q, which every product needs", k.Name())
				d.Hint = fmt.Sprintf("add the column to the export and map it in %s", m.file)
			}
			diags = append(diags, d)
			fatal = fatal || k == keyID
		}
	}
	if fatal {
		return nil, diags // without ids the rows cannot be told apart
	}

	var records []*product.Record
	for r.Next() {
		row := r.Cells()
		line := r.Line()
		if len(row) != len(r.Header) {
			diags = append(diags, diag.Diagnostic{Severity: diag.Error, File: file, Line: line,
				Message: fmt.Sprintf("row has %d fields, the header has %d", len(row), len(r.Header)),
				Hint:    "every row needs one value per column; check for a missing or extra separator or an unquoted separator inside a value"})
			continue
		}
		rec := &product.Record{Sources: []product.Position{{File: file, Line: line}}}
		if origin != nil {
			rec.Row = &product.TableRow{Origin: origin}
		}
		for i, text := range row {
			k := columns[i]
			if k < 0 {
				continue
			}
			line, col := r.At(i)
			v := product.Value{Text: text, Given: text != "", Pos: product.Position{File: file, Line: line, Column: col},
				DecimalComma: r.DecimalComma}
			if v.Given && isPercentKey(k) {
				diags = percentCell(diags, &v, rec, k, r.Kind(i), m, origin)
			}
			rec.Vals[k] = v
		}
		if idFromISIN && rec.Vals[keyISIN].Given {
			isin := rec.Vals[keyISIN]
			rec.Vals[keyID] = product.Value{Text: idFromCode(isin.Text), Given: true, Pos: isin.Pos}
		}
		records = append(records, rec)
	}
	return records, append(diags, r.Diagnostics()...)
}

// isPercentKey reports whether the key's values are percentages.
func isPercentKey(k product.Key) bool { return strings.HasSuffix(k.Name(), "_pct") }

// percentCell reads a percentage cell of an export: a percent sign is an
// error that says what to write; a fraction (the mapping file's percent:
// fraction, or a workbook cell formatted as a percentage, which holds the
// fraction it shows as percent) is turned into percent.
func percentCell(diags []diag.Diagnostic, v *product.Value, rec *product.Record, k product.Key, kind table.Kind, m *mapping, origin *product.ColumnOrigin) []diag.Diagnostic {
	fraction := m != nil && m.fraction
	if num, ok := percentSign(v.Text); ok {
		r, _ := parseDecimal(num, true)
		want := numberLike(r, num, v.DecimalComma)
		why := "the column is in percent: " + want + " means " + num + " %"
		if fraction {
			want = numberLike(r.Quo(r, hundred), num, v.DecimalComma)
			why = fmt.Sprintf("%s says percent: fraction, so %s means %s %%", m.file, want, num)
		}
		d := diag.Diagnostic{Severity: diag.Error, File: v.Pos.File, Line: v.Pos.Line, Column: v.Pos.Column, Key: k.Name(),
			Message: fmt.Sprintf("%s %q has a percent sign", k.Name(), v.Text),
			Hint:    fmt.Sprintf("write %s (%s)", want, why)}
		if origin != nil {
			d.Message += " (" + where(origin, k, v.Pos.Line, "") + ")"
		}
		v.Unusable = true
		return append(diags, d)
	}
	if !fraction && kind != table.Percent {
		return diags
	}
	pct, ok := percentOf(v.Text, v.DecimalComma)
	if !ok {
		if kind == table.Percent {
			return diags
		}
		d := diag.Diagnostic{Severity: diag.Error, File: v.Pos.File, Line: v.Pos.Line, Column: v.Pos.Column, Key: k.Name(),
			Message: fmt.Sprintf("%s %q is not a number", k.Name(), v.Text),
			Hint:    fmt.Sprintf("write a decimal fraction such as 0.012 for 1.2 %% (%s says percent: fraction)", m.file)}
		if origin != nil {
			d.Message += " (" + where(origin, k, v.Pos.Line, "") + ")"
		}
		v.Unusable = true
		return append(diags, d)
	}
	if rec.Row != nil {
		rec.Row.Written[k] = v.Text
	}
	v.Text, v.DecimalComma = pct, false
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
