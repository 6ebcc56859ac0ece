package productsource

import (
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/suggest"
	"github.com/klartext/klartext/generator/table"
)

// YAMLDir holds the products' own YAML files, relative to the site root.
const YAMLDir = "content/data/products"

// ParseCSV reads a products CSV export (see Load) and checks every row on its
// own. file is the name diagnostics use.
func ParseCSV(file string, r io.Reader, defaultCurrency string) ([]product.Product, []diag.Diagnostic) {
	diags := product.CheckDefaultCurrency(defaultCurrency)
	recs, ds := parseCSVRecords(file, r)
	products, bs := fromRecords(recs, defaultCurrency, nil)
	return products, append(append(diags, ds...), bs...)
}

// ParseYAML reads one product's YAML file (see Load). file is the name
// diagnostics use; its base name without extension is the default id.
func ParseYAML(file string, data []byte, defaultCurrency string) ([]product.Product, []diag.Diagnostic) {
	diags := product.CheckDefaultCurrency(defaultCurrency)
	rec, ds := parseYAMLRecord(file, data)
	diags = append(diags, ds...)
	if rec == nil {
		return nil, diags
	}
	products, bs := fromRecords([]*product.Record{rec}, defaultCurrency, nil)
	return products, append(diags, bs...)
}

// ---- CSV ----

// parseCSVRecords reads a products CSV export into records (readExport):
// UTF-8 or Windows-1252, ';' as separator with decimal commas, as German
// spreadsheets export it (see package table).
func parseCSVRecords(file string, r io.Reader) ([]*product.Record, []diag.Diagnostic) {
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
func parseYAMLRecord(file string, data []byte) (rec *product.Record, diags []diag.Diagnostic) {
	base := path.Base(file)
	defaultID := strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")

	var doc yaml.Node
	if err := safeYAMLUnmarshal(data, &doc); err != nil {
		line, msg := yamlErrorLine(err)
		return nil, []diag.Diagnostic{diag.Errorf(file, line, "the YAML cannot be read: %s", msg).
			WithHint("check indentation and quoting at that line")}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, []diag.Diagnostic{diag.Errorf(file, 0, "the product file is empty").
			WithHint("write the product's keys (name, type, sri, rhp_years, ...) or delete the file")}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, []diag.Diagnostic{diag.Errorf(file, root.Line, "the product file must be a list of keys and values (name: ..., sri: ...)")}
	}

	rec = &product.Record{Sources: []product.Position{{File: file, Line: 1}}}
	firstLine := make(map[string]int, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		kn, vn := root.Content[i], root.Content[i+1]
		at := product.Position{File: file, Line: kn.Line, Column: kn.Column}
		name := kn.Value
		if kn.Kind != yaml.ScalarNode {
			diags = append(diags, diag.Errorf(file, kn.Line, "a key must be a plain name").WithColumn(kn.Column))
			continue
		}
		if prev, dup := firstLine[name]; dup {
			diags = append(diags, diag.Errorf(file, kn.Line, "key %q is given twice (first on line %d)", name, prev).
				WithColumn(kn.Column).WithKey(name).WithHint("remove one of them"))
			continue
		}
		firstLine[name] = kn.Line
		k, ok := product.KeyNamed(name)
		if !ok {
			hint := suggest.Hint(name, sortedKeyNames)
			if hint.Empty() {
				hint = diag.T("the keys are: %s", strings.Join(product.Keys(), ", "))
			}
			diags = append(diags, diag.Errorf(file, kn.Line, "unknown key %q", name).WithColumn(kn.Column).WithKey(name).WithHint("%s", hint))
			continue
		}
		for vn.Kind == yaml.AliasNode && vn.Alias != nil {
			vn = vn.Alias
		}
		if vn.Kind != yaml.ScalarNode {
			diags = append(diags, diag.Errorf(file, kn.Line, "%s must be a single value, not a list or a group of keys", name).WithColumn(kn.Column).WithKey(name))
			rec.Vals[k] = product.Value{Given: true, Unusable: true, Pos: at}
			continue
		}
		text := strings.TrimSpace(vn.Value)
		if vn.Tag == "!!null" {
			text = ""
		}
		rec.Vals[k] = product.Value{Text: text, Given: text != "", Pos: at}
	}

	idv := &rec.Vals[keyID]
	switch {
	case idv.Unusable:
		return nil, diags
	case !idv.Given:
		idv.Text, idv.Given, idv.Pos = defaultID, true, product.Position{File: file}
	case idv.Text != defaultID:
		diags = append(diags, diag.Errorf(file, idv.Pos.Line, "id %q does not match the file name %q", idv.Text, base).WithColumn(idv.Pos.Column).WithKey("id").
			WithHint("rename the file to %s.yaml, or remove the id line (it defaults to the file name)", idv.Text))
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
