package product

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/data"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/suggest"
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

// Load reads and checks all product facts of the site at siteRoot: the CSV
// export and the per-product YAML files, either of which may be absent.
// defaultCurrency (from site.yaml) is used where a product gives none.
//
// A YAML file whose id is also in the CSV complements that row: each key the
// YAML file gives replaces the row's value, the others stay as in the row.
// A YAML file whose id is not in the CSV is a product of its own.
//
// The products come back sorted by id. Products with errors in their facts
// are still returned when their id is usable, so that pages referring to
// them do not add a second wave of "unknown product" errors; the build must
// not publish while any error is reported.
func Load(files *fileio.Files, defaultCurrency string) ([]Product, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	diags = append(diags, checkDefaultCurrency(defaultCurrency)...)

	var records []*rawRecord
	raw, err := data.ReadFile(files, CSVFile)
	switch {
	case err == nil:
		recs, ds := parseCSVRecords(CSVFile, bytes.NewReader(raw))
		records, diags = recs, append(diags, ds...)
	case !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fileio.ErrRefused):
		diags = append(diags, diag.Errorf(CSVFile, 0, "cannot read the product file: %v", err))
	}

	// Index the CSV rows by id to merge YAML files into them; the first row
	// of a duplicated id wins here, the duplicate is reported below.
	byID := make(map[string]*rawRecord, len(records))
	for _, r := range records {
		if id := r.vals[keyID].text; id != "" {
			if _, dup := byID[id]; !dup {
				byID[id] = r
			}
		}
	}

	for _, file := range files.In(YAMLDir) { // sorted by name
		if !(strings.HasSuffix(file, ".yaml") || strings.HasSuffix(file, ".yml")) {
			continue
		}
		raw, err := data.ReadFile(files, file)
		if errors.Is(err, fileio.ErrRefused) {
			continue
		}
		if err != nil {
			diags = append(diags, diag.Errorf(file, 0, "cannot read the product file: %v", err))
			continue
		}
		rec, ds := parseYAMLRecord(file, raw)
		diags = append(diags, ds...)
		if rec == nil {
			continue
		}
		if row, ok := byID[rec.vals[keyID].text]; ok {
			row.merge(rec)
			continue
		}
		records = append(records, rec)
	}

	products, ds := buildAll(records, defaultCurrency)
	return products, append(diags, ds...)
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
	isins := make(map[string]Position, len(records))
	for _, rec := range records {
		p, ds, idOK := build(rec, defaultCurrency)
		diags = append(diags, ds...)
		if p.ISIN != "" {
			at := p.KeyPosition("isin")
			if prev, dup := isins[p.ISIN]; dup {
				diags = append(diags, duplicateISIN(p, at, prev))
			} else {
				isins[p.ISIN] = at
			}
		}
		if !hasError(ds) {
			diags = append(diags, CrossCheckKID(p)...)
		}
		if !idOK {
			continue
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
		first[p.ID] = p.KeyPosition("id")
		products = append(products, p)
	}
	slices.SortFunc(products, func(a, b Product) int { return strings.Compare(a.ID, b.ID) })
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

// parseCSVRecords reads the CSV into raw records. It accepts what a German
// spreadsheet exports: a UTF-8 byte order mark, ';' as separator (detected
// from the header line) and, with ';', decimal commas.
func parseCSVRecords(file string, r io.Reader) ([]*rawRecord, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, []diag.Diagnostic{diag.Errorf(file, 0, "cannot read the product file: %v", err)}
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))) == 0 {
		return nil, nil // an empty export has no products; not an error
	}
	cr, _ := data.CSVReader(raw)
	sep := cr.Comma
	cr.FieldsPerRecord = -1 // row lengths are checked here, with a better message
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err != nil {
		return nil, []diag.Diagnostic{csvErrorDiag(file, err)}
	}
	// columns[i] is the key of column i, or -1 for a column that is reported
	// as unknown (and then ignored, so the other errors still show).
	columns := make([]key, len(header))
	seen := make(map[key]int, len(header))
	for i, name := range header {
		name = strings.TrimSpace(name)
		_, col := cr.FieldPos(i)
		k, ok := keyByName[name]
		if !ok {
			columns[i] = -1
			d := diag.Diagnostic{Severity: diag.Error, File: file, Line: 1, Column: col, Key: name,
				Message: fmt.Sprintf("unknown column %q in the header", name)}
			if name == "" {
				d.Message = fmt.Sprintf("column %d has no name in the header", i+1)
			}
			d.Hint = suggest.Hint(name, sortedKeyNames)
			if d.Hint == "" {
				d.Hint = "the columns are: " + strings.Join(keyNames[:], ", ")
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
	}
	fatal := false
	for _, k := range requiredKeys {
		if _, ok := seen[k]; !ok {
			diags = append(diags, diag.Diagnostic{Severity: diag.Error, File: file, Line: 1, Key: keyNames[k],
				Message: fmt.Sprintf("the header has no %q column, which every product needs", keyNames[k]),
				Hint:    "add the column to the first row"})
			fatal = fatal || k == keyID
		}
	}
	if fatal {
		return nil, diags // without ids the rows cannot be told apart
	}

	var records []*rawRecord
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			diags = append(diags, csvErrorDiag(file, err))
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				continue // the reader goes on after the broken row
			}
			break
		}
		line, _ := cr.FieldPos(0)
		if allEmpty(row) {
			continue // spreadsheets export trailing rows of empty cells (";;;;")
		}
		if len(row) != len(header) {
			diags = append(diags, diag.Diagnostic{Severity: diag.Error, File: file, Line: line,
				Message: fmt.Sprintf("row has %d fields, the header has %d", len(row), len(header)),
				Hint:    "every row needs one value per column; check for a missing or extra separator or an unquoted separator inside a value"})
			continue
		}
		rec := &rawRecord{sources: []Position{{File: file, Line: line}}}
		for i, cell := range row {
			k := columns[i]
			if k < 0 {
				continue
			}
			fl, fc := cr.FieldPos(i)
			text := strings.TrimSpace(cell)
			rec.vals[k] = rawValue{text: text, given: text != "", pos: Position{File: file, Line: fl, Column: fc},
				decimalComma: sep == ';'}
		}
		records = append(records, rec)
	}
	return records, diags
}

func allEmpty(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func csvErrorDiag(file string, err error) diag.Diagnostic {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return diag.Diagnostic{Severity: diag.Error, File: file, Line: pe.Line, Column: pe.Column,
			Message: "the row cannot be read: " + pe.Err.Error(),
			Hint:    `a value containing quotes or the separator must be put in double quotes, with inner quotes doubled ("")`}
	}
	return diag.Errorf(file, 0, "cannot read the product file: %v", err)
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
