package product

import (
	"github.com/klartext/klartext/generator/table"
)

// ColumnOrigin says, for all rows of one tabular file, which column each
// key was read from, so that a problem found later (the content model's
// rules in build, the figures) names the column as the file has it: the
// EPT field, or the bank's own column name, and the workbook cell.
type ColumnOrigin struct {
	File string
	EPT  bool
	XLSX bool
	Col  [NumKeys]int    // the column's index; -1 when the file has none
	Name [NumKeys]string // its header as written (EPT: the field or fields)
}

// TableRow is what a record read from a tabular file keeps of it.
type TableRow struct {
	Origin *ColumnOrigin
	// Written is the cell's text where the value was converted (an EPT
	// fraction into percent); "" where the value is the text as written.
	Written [NumKeys]string
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
	if o.XLSX && o.Col[k] >= 0 {
		cell = table.CellName(o.Col[k], int(a.line))
	}
	return o.Name[k], cell
}
