package productsource

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/suggest"
	"github.com/klartext/klartext/generator/table"
)

// MappingFile maps the column names of a bank's own product export
// (products.csv or products.xlsx) to the content model's keys.
const MappingFile = "content/data/products.columns.yaml"

// mapping is the content of MappingFile.
type mapping struct {
	file     string
	columns  map[string]product.Key // column name as written → key
	lines    map[string]int         // line of each column's entry
	ignore   map[string]bool
	encoding string // table.UTF8, table.Windows1252, or "" to detect
	sheet    string
	fraction bool // percentages are written as fractions (0.012 for 1.2 %)
}

var mappingKeys = []string{"columns", "encoding", "ignore", "percent", "sheet"}

// parseMapping reads the mapping file:
//
//	columns:                  # column name in the export: key
//	  ISIN: isin
//	  Risikoklasse (SRI): sri
//	ignore: [WKN, Bemerkung]  # columns that are no product facts
//	encoding: windows-1252    # of products.csv: utf-8 or windows-1252; default: detected
//	sheet: Produkte           # of products.xlsx; default: the first sheet
//	percent: fraction         # percent (1.20 means 1.20 %, the default) or fraction (0.012 means 1.20 %)
func parseMapping(file string, data []byte) (*mapping, []diag.Diagnostic) {
	var ds []diag.Diagnostic
	errAt := func(n *yaml.Node, key string, hint diag.Text, format string, a ...any) {
		d := diag.Errorf(file, n.Line, format, a...).WithColumn(n.Column).WithKey(key)
		if !hint.Empty() {
			d = d.WithHint("%s", hint)
		}
		ds = append(ds, d)
	}
	var doc yaml.Node
	if err := safeYAMLUnmarshal(data, &doc); err != nil {
		line, msg := yamlErrorLine(err)
		return nil, []diag.Diagnostic{diag.Errorf(file, line, "the YAML cannot be read: %s", msg).WithHint("check indentation and quoting at that line")}
	}
	m := &mapping{file: file, columns: map[string]product.Key{}, lines: map[string]int{}, ignore: map[string]bool{}}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return m, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		errAt(root, "", diag.T("write columns: followed by one line per column, such as   ISIN: isin"),
			"the mapping file must be a list of keys (columns:, ignore:, encoding:, sheet:, percent:)")
		return nil, ds
	}
	scalar := func(n *yaml.Node, key string) (string, bool) {
		if n.Kind != yaml.ScalarNode {
			errAt(n, key, diag.Text{}, "%s must be a single value", key)
			return "", false
		}
		return strings.TrimSpace(n.Value), true
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		kn, vn := root.Content[i], root.Content[i+1]
		switch kn.Value {
		case "columns":
			if vn.Kind != yaml.MappingNode {
				errAt(vn, "columns", diag.T("write one line per column below columns:, such as   ISIN: isin"), "columns must list the export's column names with their keys")
				continue
			}
			taken := map[product.Key]string{}
			for j := 0; j+1 < len(vn.Content); j += 2 {
				cn, tn := vn.Content[j], vn.Content[j+1]
				col := strings.TrimSpace(cn.Value)
				target, ok := scalar(tn, col)
				if !ok {
					continue
				}
				if _, dup := m.columns[col]; dup {
					errAt(cn, col, diag.T("remove one of them"), "the column %q is mapped twice", col)
					continue
				}
				k, ok := product.KeyNamed(target)
				if !ok {
					hint := suggest.Hint(target, sortedKeyNames)
					if hint.Empty() {
						hint = diag.T("the keys are: %s", strings.Join(product.Keys(), ", "))
					}
					errAt(tn, col, hint, "the column %q is mapped to %q, which is no product key", col, target)
					continue
				}
				if other, dup := taken[k]; dup {
					errAt(cn, col, diag.T("map each key from one column"), "the columns %q and %q are both mapped to %s", other, col, target)
					continue
				}
				taken[k] = col
				m.columns[col] = k
				m.lines[col] = cn.Line
			}
		case "ignore":
			if vn.Kind != yaml.SequenceNode {
				errAt(vn, "ignore", diag.T("write a list, such as   ignore: [WKN, Bemerkung]"), "ignore must be a list of column names")
				continue
			}
			for _, n := range vn.Content {
				if s, ok := scalar(n, "ignore"); ok {
					m.ignore[s] = true
				}
			}
		case "encoding":
			if s, ok := scalar(vn, "encoding"); ok {
				enc, err := table.EncodingName(s)
				if err != nil {
					errAt(vn, "encoding", diag.T("write utf-8 or windows-1252 (what German Excel writes), or leave the line out to detect it"), "%v", err)
					continue
				}
				m.encoding = enc
			}
		case "sheet":
			if s, ok := scalar(vn, "sheet"); ok {
				m.sheet = s
			}
		case "percent":
			if s, ok := scalar(vn, "percent"); ok {
				switch s {
				case "percent":
				case "fraction":
					m.fraction = true
				default:
					errAt(vn, "percent", diag.T("write percent (1.20 means 1.20 %%) or fraction (0.012 means 1.20 %%)"), "percent must be percent or fraction, not %q", s)
				}
			}
		default:
			hint := suggest.Hint(kn.Value, mappingKeys)
			if hint.Empty() {
				hint = diag.T("the keys are: %s", strings.Join(mappingKeys, ", "))
			}
			errAt(kn, kn.Value, hint, "unknown key %q in the mapping file", kn.Value)
		}
	}
	return m, ds
}

// unmapped reports the mapped columns that file's header does not have,
// at the mapping file's line, with the closest header name.
func (m *mapping) unmapped(file string, header []string) []diag.Diagnostic {
	have := make(map[string]bool, len(header))
	for _, h := range header {
		have[h] = true
	}
	var missing []string
	for col := range m.columns {
		if !have[col] {
			missing = append(missing, col)
		}
	}
	slices.Sort(missing)
	var ds []diag.Diagnostic
	sorted := slices.Sorted(slices.Values(header))
	for _, col := range missing {
		hint := suggest.Hint(col, sorted)
		if hint.Empty() {
			hint = diag.T("the file's columns are: %s", strings.Join(header, ", "))
		}
		ds = append(ds, diag.Errorf(m.file, m.lines[col], "the column %q is mapped, but %s has no such column", col, file).
			WithKey(col).WithHint("%s", hint))
	}
	return ds
}
