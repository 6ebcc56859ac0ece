// Package productsource is where product facts come from: FinDatEx EPT
// V2.1 files, the bank's own export (content/data/products.csv or .xlsx)
// and its mapping file products.columns.yaml, and the YAML files
// content/data/products/<id>.yaml. It reads them into product.Records,
// merges a YAML file into the row of the same id, has package product
// check each record, and tells the products apart (one id, one ISIN, one
// source). A diagnostic about a key read from a table names the column as
// the file has it (the EPT field or the bank's column, and the cell).
package productsource

import (
	"path"
	"slices"
	"strings"

	"github.com/klartext/klartext/generator/data"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/table"
)

// The bank's own product export may also be a workbook.
const XLSXFile = "content/data/products.xlsx"

// dataDir is where product sources are, relative to the site root.
const dataDir = "content/data"

// Load reads and checks all product facts among the site's files (the
// guarded scan of content/, fileio.Files); see LoadFiles.
func Load(files *fileio.Files, defaultCurrency string) ([]product.Product, []diag.Diagnostic) {
	var data []string
	for _, f := range files.List() {
		if strings.HasPrefix(f, dataDir+"/") {
			data = append(data, f)
		}
	}
	slices.Sort(data)
	products, _, ds := LoadFiles(files, data, defaultCurrency)
	return products, ds
}

// LoadFiles reads and checks the product facts among the site's data files
// (paths from the site root, as content.Tree.Data lists them). It returns
// the products sorted by id, the data files it read as product sources —
// which are not template data — and the diagnostics. defaultCurrency
// (from site.yaml) is used where a product gives none.
//
// The sources, each product read from exactly one of them:
//
//   - EPT files: any .csv or .xlsx below content/data/ whose header row
//     holds EPT field names (readEPT);
//   - the bank's own export, products.csv or products.xlsx, with the
//     content model's keys as column names, or its own names mapped by
//     products.columns.yaml (readExport);
//   - content/data/products/<id>.yaml: a product of its own, or, when its
//     id is that of a row of the files above, keys that complement and
//     override the row's.
//
// Products with errors in their facts are still returned when their id is
// usable, so that pages referring to them do not add a second wave of
// "unknown product" errors; the build must not publish while any error is
// reported.
func LoadFiles(files *fileio.Files, dataFiles []string, defaultCurrency string) ([]product.Product, []string, []diag.Diagnostic) {
	return loadFiles(files, dataFiles, defaultCurrency, nil)
}

// loadFiles is LoadFiles; with a Reading, a record equal to its last
// reading's is not typed again.
func loadFiles(files *fileio.Files, dataFiles []string, defaultCurrency string, last *Reading) ([]product.Product, []string, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	var sources []string
	diags = append(diags, product.CheckDefaultCurrency(defaultCurrency)...)
	read := func(file string) ([]byte, bool) {
		raw, err := data.ReadFile(files, file)
		if err != nil {
			diags = append(diags, diag.Errorf(file, 0, "%v", err))
			return nil, false
		}
		return raw, true
	}

	var m *mapping
	has := make(map[string]bool, len(dataFiles))
	for _, f := range dataFiles {
		has[f] = true
	}
	if has[MappingFile] {
		sources = append(sources, MappingFile)
		if raw, ok := read(MappingFile); ok {
			var ds []diag.Diagnostic
			m, ds = parseMapping(MappingFile, raw)
			diags = append(diags, ds...)
			if m != nil && !has[product.CSVFile] && !has[XLSXFile] {
				diags = append(diags, diag.Warnf(MappingFile, 0, "the mapping file maps the columns of an export, but there is no %s or %s", product.CSVFile, XLSXFile).
					WithHint("put the bank's export there, or remove the mapping file"))
			}
		}
	}

	var records []*product.Record
	for _, file := range dataFiles { // sorted, so the first of two sources is the same each time
		ext := strings.ToLower(path.Ext(file))
		if ext != ".csv" && ext != ".xlsx" || file == "content/data/feedback.csv" {
			continue
		}
		export := file == product.CSVFile || file == XLSXFile
		if !export {
			// Any other table is an EPT file or none of this package's.
			raw, err := data.ReadFile(files, file)
			if err != nil || ext == ".csv" && !eptCSV(raw) {
				continue // package data reports and reads it
			}
			r, ds := table.Open(file, raw, table.Options{Accept: IsEPTHeader})
			if r != nil && !IsEPTHeader(r.Header) || r == nil && len(ds) == 0 {
				continue
			}
			sources, diags = append(sources, file), append(diags, ds...)
			if r != nil {
				recs, ds := readEPT(r)
				records, diags = append(records, recs...), append(diags, ds...)
			}
			continue
		}
		sources = append(sources, file)
		raw, ok := read(file)
		if !ok {
			continue
		}
		opts := table.Options{}
		if m != nil {
			opts.Encoding, opts.Sheet = m.encoding, m.sheet
		}
		r, ds := table.Open(file, raw, opts)
		diags = append(diags, ds...)
		if r == nil {
			continue
		}
		var recs []*product.Record
		if IsEPTHeader(r.Header) {
			recs, ds = readEPT(r)
		} else {
			recs, ds = readExport(r, m)
		}
		records, diags = append(records, recs...), append(diags, ds...)
	}
	if m != nil && m.sheet != "" && !has[XLSXFile] {
		diags = append(diags, diag.Warnf(MappingFile, 0, "sheet: names a sheet of %s, which does not exist", XLSXFile).
			WithHint("remove the line, or put the workbook there"))
	}

	// Index the rows by id to merge YAML files into them; the first row of
	// a duplicated id wins here, the duplicate is reported by fromRecords.
	byID := make(map[string]*product.Record, len(records))
	for _, r := range records {
		if id := r.Vals[keyID].Text; id != "" {
			if _, dup := byID[id]; !dup {
				byID[id] = r
			}
		}
	}
	var yamlFiles []string
	for _, file := range dataFiles {
		if path.Dir(file) == YAMLDir && (strings.HasSuffix(file, ".yaml") || strings.HasSuffix(file, ".yml")) {
			yamlFiles = append(yamlFiles, file)
		}
	}
	slices.Sort(yamlFiles)
	for _, file := range yamlFiles {
		sources = append(sources, file)
		raw, ok := read(file)
		if !ok {
			continue
		}
		rec, ds := parseYAMLRecord(file, raw)
		diags = append(diags, ds...)
		if rec == nil {
			continue
		}
		if row, ok := byID[rec.Vals[keyID].Text]; ok {
			row.Merge(rec)
			continue
		}
		records = append(records, rec)
	}

	products, ds := fromRecords(records, defaultCurrency, last)
	return products, sources, append(diags, ds...)
}

// eptCSV reports whether a CSV file's first line holds an EPT field name,
// without decoding the whole file: the names are ASCII in any encoding.
func eptCSV(raw []byte) bool {
	line := raw
	if i := strings.IndexByte(string(raw[:min(len(raw), 1<<16)]), '\n'); i >= 0 {
		line = raw[:i]
	}
	for _, cell := range strings.FieldsFunc(string(line), func(r rune) bool { return r == ',' || r == ';' || r == '"' || r == '\ufeff' }) {
		if _, ok := eptFieldNumber(strings.TrimSpace(cell)); ok {
			return true
		}
	}
	return false
}
