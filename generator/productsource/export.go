package productsource

import (
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
			d := diag.Errorf(file, 1, "unknown column %q in the header", name)
			if name == "" {
				d = diag.Errorf(file, 1, "column %d has no name in the header", i+1)
			}
			d = d.WithColumn(col).WithKey(name)
			switch h := suggest.Hint(name, candidates); {
			case !h.Empty():
				d = d.WithHint("%s", h)
			case m != nil:
				d = d.WithHint("map it to a key in %s (columns:), or list it under ignore: there", m.file)
			default:
				d = d.WithHint("the columns are: %s; a bank's own column names are mapped to them in %s", strings.Join(product.Keys(), ", "), MappingFile)
			}
			diags = append(diags, d)
			continue
		}
		if j, dup := seen[k]; dup {
			columns[i] = -1
			diags = append(diags, diag.Errorf(file, 1, "column %q appears twice in the header (columns %d and %d)", name, j+1, i+1).
				WithColumn(col).WithKey(name).WithHint("remove one of them"))
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
			d := diag.Errorf(file, 1, "the header has no %q column, which every product needs", k.Name()).
				WithHint("add the column to the first row")
			if m != nil {
				d = diag.Errorf(file, 1, "no column is mapped to %q, which every product needs", k.Name()).
					WithHint("add the column to the export and map it in %s", m.file)
			}
			d = d.WithKey(k.Name())
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
			diags = append(diags, diag.Errorf(file, line, "row has %d fields, the header has %d", len(row), len(r.Header)).
				WithHint("every row needs one value per column; check for a missing or extra separator or an unquoted separator inside a value"))
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
		why := diag.T("the column is in percent: %s means %s %%", want, num)
		if fraction {
			want = numberLike(r.Quo(r, hundred), num, v.DecimalComma)
			why = diag.T("%s says percent: fraction, so %s means %s %%", m.file, want, num)
		}
		d := diag.Errorf(v.Pos.File, v.Pos.Line, "%s %q has a percent sign", k.Name(), v.Text).WithColumn(v.Pos.Column).WithKey(k.Name()).
			WithHint("write %s (%s)", want, why)
		if origin != nil {
			d = d.WithPlace(where(origin, k, v.Pos.Line, ""))
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
		d := diag.Errorf(v.Pos.File, v.Pos.Line, "%s %q is not a number", k.Name(), v.Text).WithColumn(v.Pos.Column).WithKey(k.Name()).
			WithHint("write a decimal fraction such as 0.012 for 1.2 %% (%s says percent: fraction)", m.file)
		if origin != nil {
			d = d.WithPlace(where(origin, k, v.Pos.Line, ""))
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
