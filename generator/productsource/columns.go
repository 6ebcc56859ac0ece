package productsource

import (
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/table"
)

// newOrigin is the origin of a file's columns, none of them known yet.
func newOrigin(file string, xlsx, ept bool) *product.ColumnOrigin {
	o := &product.ColumnOrigin{File: file, XLSX: xlsx, EPT: ept}
	for i := range o.Col {
		o.Col[i] = -1
	}
	return o
}

// where describes where key k of a row at line came from, for a message:
// `EPT field 03010_One_Off_Cost_Portfolio_Entry_Cost, cell BV7, written
// 0.05` or `column "Risikoklasse (SRI)", cell D5`. It is "" when there is
// nothing to add to the line and the key's name.
func where(o *product.ColumnOrigin, k product.Key, line int, written string) diag.Text {
	var parts []diag.Text
	name := o.Name[k]
	switch {
	case name == "":
		return diag.Text{}
	case o.EPT && o.Col[k] < 0:
		parts = append(parts, diag.T("EPT field %s, which the file does not have", name))
	case o.EPT:
		parts = append(parts, diag.T("EPT field %s", name))
	default:
		parts = append(parts, diag.T("column %q", name))
	}
	if c := o.Col[k]; c >= 0 {
		if o.XLSX {
			parts = append(parts, diag.T("cell %s", table.CellName(c, line)))
		} else {
			parts = append(parts, diag.T("column %d", c+1))
		}
	}
	if written != "" {
		parts = append(parts, diag.T("written %s", written))
	}
	w := parts[0]
	for _, p := range parts[1:] {
		w = diag.T("%s, %s", w, p)
	}
	return w
}

// annotate adds to each diagnostic about a key of rec's tabular row where
// the value came from.
func annotate(ds []diag.Diagnostic, rec *product.Record) {
	if rec.Row == nil {
		return
	}
	o := rec.Row.Origin
	for i := range ds {
		d := &ds[i]
		k, ok := product.KeyNamed(d.Key)
		if !ok || d.File != o.File || rec.Vals[k].Pos.File != "" && rec.Vals[k].Pos.File != o.File {
			continue
		}
		line := d.Line
		if line == 0 && len(rec.Sources) > 0 {
			line = rec.Sources[0].Line
		}
		if w := where(o, k, line, rec.Row.Written[k]); !w.Empty() {
			*d = d.WithPlace(w)
		}
	}
}
