package product

import (
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/suggest"
	"github.com/klartext/klartext/generator/table"
)

// The files product facts are read from, relative to the site root.
const (
	CSVFile = "content/data/products.csv"
	YAMLDir = "content/data/products"
)

// rawValue is one key's value as written, before it is typed and checked.
type rawValue struct {
	text  string
	given bool // false: the column or key is absent, or the cell is empty
	// unusable: given, but in a form already reported (a YAML list where a
	// single value belongs); it is neither checked again nor "missing".
	unusable bool
	pos      Position
	// decimalComma: the value comes from a semicolon-separated CSV, where a
	// German spreadsheet writes 1,20 for 1.20.
	decimalComma bool
}

// rawRecord is one product as written in one place (a CSV row or a YAML file).
type rawRecord struct {
	vals    [numKeys]rawValue
	sources []Position
	row     *tableRow // the file's columns, for a record read from an EPT file, a workbook or through a mapping file
}

// merge lays the keys given in over on top of r's. This is how a YAML file
// complements the CSV row with the same id: keys it gives override the row's,
// keys it leaves out (or leaves empty) keep the row's value.
func (r *rawRecord) merge(over *rawRecord) {
	for k := range over.vals {
		if over.vals[k].given {
			r.vals[k] = over.vals[k]
		}
	}
	r.sources = append(r.sources, over.sources...)
}

// ParseCSV reads a products CSV export (see Load) and checks every row on its
// own. file is the name diagnostics use.
func ParseCSV(file string, r io.Reader, defaultCurrency string) ([]Product, []diag.Diagnostic) {
	diags := checkDefaultCurrency(defaultCurrency)
	recs, ds := parseCSVRecords(file, r)
	products, bs := buildAll(recs, defaultCurrency)
	return products, append(append(diags, ds...), bs...)
}

// ParseYAML reads one product's YAML file (see Load). file is the name
// diagnostics use; its base name without extension is the default id.
func ParseYAML(file string, data []byte, defaultCurrency string) ([]Product, []diag.Diagnostic) {
	diags := checkDefaultCurrency(defaultCurrency)
	rec, ds := parseYAMLRecord(file, data)
	diags = append(diags, ds...)
	if rec == nil {
		return nil, diags
	}
	products, bs := buildAll([]*rawRecord{rec}, defaultCurrency)
	return products, append(diags, bs...)
}

// buildAll types and checks records, drops the ones without a usable id and
// the second of a duplicated id, and sorts by id.
func buildAll(records []*rawRecord, defaultCurrency string) ([]Product, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	products := make([]Product, 0, len(records))
	first := make(map[string]Position, len(records))
	isins := make(map[string]int, len(records)) // ISIN → index in products
	// Sorting the records (pointers) rather than the products (large
	// structs) yields the products in id order; the sort is stable, so of
	// a duplicated id the first in the sources is kept.
	records = slices.Clone(records)
	slices.SortStableFunc(records, func(a, b *rawRecord) int { return strings.Compare(a.vals[keyID].text, b.vals[keyID].text) })
	for _, rec := range records {
		p, ds, idOK := build(rec, defaultCurrency)
		var kds []diag.Diagnostic
		p.KIDCompositionPct, kds = kidComposition(rec)
		ds = append(ds, kds...)
		annotate(ds, rec)
		diags = append(diags, ds...)
		if !hasError(ds) {
			// The KID's own figures against the model's, with the same
			// EPT field or bank column in the message as every other rule.
			checks := append(CrossCheckKID(p), checkKIDComposition(p, rec)...)
			annotate(checks, rec)
			diags = append(diags, checks...)
		}
		if !idOK {
			continue
		}
		if rec.row != nil {
			p.columns = rec.row.origin
		}
		if prev, dup := first[p.ID]; dup {
			at := p.KeyPosition("id")
			diags = append(diags, diag.Diagnostic{
				Severity: diag.Error, File: at.File, Line: at.Line, Column: at.Column, Key: "id",
				Message: fmt.Sprintf("duplicate product id %q: it is already used at %s", p.ID, prev.String()),
				Hint:    "every product needs its own id; rename one of them or remove the duplicate",
			})
			continue
		}
		if j, dup := isins[p.ISIN]; dup && p.ISIN != "" {
			at, prev := p.KeyPosition("isin"), products[j].KeyPosition("isin")
			diags = append(diags, diag.Diagnostic{
				Severity: diag.Error, File: at.File, Line: at.Line, Column: at.Column, Key: "isin",
				Message: fmt.Sprintf("the ISIN %s is also the product %q's, at %s: one product, one source", p.ISIN, products[j].ID, prev.String()),
				Hint:    "remove one of the two rows; to add to a product's facts, write them in content/data/products/<id>.yaml"})
			continue
		}
		first[p.ID] = p.KeyPosition("id")
		if p.ISIN != "" {
			isins[p.ISIN] = len(products)
		}
		products = append(products, p)
	}
	return products, diags
}

// String writes the position as "file:line".
func (p Position) String() string {
	if p.Line > 0 {
		return p.File + ":" + strconv.Itoa(p.Line)
	}
	return p.File
}

// ---- CSV ----

// parseCSVRecords reads a products CSV export into raw records (readExport):
// UTF-8 or Windows-1252, ';' as separator with decimal commas, as German
// spreadsheets export it (see package table).
func parseCSVRecords(file string, r io.Reader) ([]*rawRecord, []diag.Diagnostic) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, []diag.Diagnostic{diag.Errorf(file, 0, "cannot read the product file: %v", err)}
	}
	t, ds := table.OpenCSV(file, raw, table.Options{})
	if t == nil {
		return nil, ds
	}
	return readExport(t, nil)
}

// ---- YAML ----

// parseYAMLRecord reads one product's YAML file. It returns nil when the file
// gives nothing usable (a syntax error, not a mapping).
func parseYAMLRecord(file string, data []byte) (rec *rawRecord, diags []diag.Diagnostic) {
	base := path.Base(file)
	defaultID := strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")

	var doc yaml.Node
	if err := safeYAMLUnmarshal(data, &doc); err != nil {
		line, msg := yamlErrorLine(err)
		return nil, []diag.Diagnostic{{Severity: diag.Error, File: file, Line: line,
			Message: "the YAML cannot be read: " + msg,
			Hint:    "check indentation and quoting at that line"}}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, []diag.Diagnostic{{Severity: diag.Error, File: file,
			Message: "the product file is empty",
			Hint:    "write the product's keys (name, type, sri, rhp_years, ...) or delete the file"}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, []diag.Diagnostic{{Severity: diag.Error, File: file, Line: root.Line,
			Message: "the product file must be a list of keys and values (name: ..., sri: ...)"}}
	}

	rec = &rawRecord{sources: []Position{{File: file, Line: 1}}}
	firstLine := make(map[string]int, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		kn, vn := root.Content[i], root.Content[i+1]
		at := Position{File: file, Line: kn.Line, Column: kn.Column}
		name := kn.Value
		if kn.Kind != yaml.ScalarNode {
			diags = append(diags, diag.Diagnostic{Severity: diag.Error, File: file, Line: kn.Line, Column: kn.Column,
				Message: "a key must be a plain name"})
			continue
		}
		if prev, dup := firstLine[name]; dup {
			diags = append(diags, diag.Diagnostic{Severity: diag.Error, File: file, Line: kn.Line, Column: kn.Column, Key: name,
				Message: fmt.Sprintf("key %q is given twice (first on line %d)", name, prev),
				Hint:    "remove one of them"})
			continue
		}
		firstLine[name] = kn.Line
		k, ok := keyByName[name]
		if !ok {
			hint := suggest.Hint(name, sortedKeyNames)
			if hint == "" {
				hint = "the keys are: " + strings.Join(keyNames[:], ", ")
			}
			diags = append(diags, diag.Diagnostic{Severity: diag.Error, File: file, Line: kn.Line, Column: kn.Column, Key: name,
				Message: fmt.Sprintf("unknown key %q", name), Hint: hint})
			continue
		}
		for vn.Kind == yaml.AliasNode && vn.Alias != nil {
			vn = vn.Alias
		}
		if vn.Kind != yaml.ScalarNode {
			diags = append(diags, diag.Diagnostic{Severity: diag.Error, File: file, Line: kn.Line, Column: kn.Column, Key: name,
				Message: fmt.Sprintf("%s must be a single value, not a list or a group of keys", name)})
			rec.vals[k] = rawValue{given: true, unusable: true, pos: at}
			continue
		}
		text := strings.TrimSpace(vn.Value)
		if vn.Tag == "!!null" {
			text = ""
		}
		rec.vals[k] = rawValue{text: text, given: text != "", pos: at}
	}

	idv := &rec.vals[keyID]
	switch {
	case idv.unusable:
		return nil, diags
	case !idv.given:
		idv.text, idv.given, idv.pos = defaultID, true, Position{File: file}
	case idv.text != defaultID:
		diags = append(diags, diag.Diagnostic{Severity: diag.Error, File: file, Line: idv.pos.Line, Column: idv.pos.Column, Key: "id",
			Message: fmt.Sprintf("id %q does not match the file name %q", idv.text, base),
			Hint:    fmt.Sprintf("rename the file to %s.yaml, or remove the id line (it defaults to the file name)", idv.text)})
		return nil, diags
	}
	return rec, diags
}

// safeYAMLUnmarshal turns a panic inside the YAML library into an error, so
// a malformed file is a diagnostic and never stops the build.
func safeYAMLUnmarshal(data []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return yaml.Unmarshal(data, n)
}

// yamlErrorLine takes "yaml: line 3: did not find ..." apart into 3 and the
// rest, so the diagnostic carries the line like all others.
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, after, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				return n, after
			}
		}
	}
	return 0, msg
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
