// Package data loads the data files under content/data/ (CSV, YAML, JSON)
// for templates, with errors naming the file and line (CSV: the row's line).
//
// Files that a domain package owns and validates itself (the product facts
// and the feedback export) are not loaded here; see Owned.
package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/klartext/klartext/generator/fileio"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/frontmatter"
	"github.com/klartext/klartext/generator/table"
)

// MaxFileBytes bounds one data file; product exports of 40,000 rows are a
// few megabytes.
const MaxFileBytes = 64 << 20

// Owned reports whether a data file (from the site root) is read by a
// domain package rather than loaded generically: the bank's product export
// and its mapping file, the per-product files and the feedback export.
// EPT files, which package product recognises by their header wherever
// they are, are left out by the build before it calls Load.
func Owned(source string) bool {
	switch source {
	case "content/data/products.csv", "content/data/products.xlsx", "content/data/products.columns.yaml",
		"content/data/feedback.csv":
		return true
	}
	return strings.HasPrefix(source, "content/data/products/")
}

// Load reads the given data files (paths from the site root) into a tree
// keyed by path below content/data without extension: data/rates.yaml is
// .Data.rates, data/branches/berlin.json is .Data.branches.berlin.
func Load(files *fileio.Files, sources []string) (map[string]any, []diag.Diagnostic) {
	tree := map[string]any{}
	var ds []diag.Diagnostic
	keys := map[string]string{} // key → the file that gave it
	for _, src := range sources {
		if Owned(src) {
			continue
		}
		ext := strings.ToLower(path.Ext(src))
		if ext != ".csv" && ext != ".yaml" && ext != ".yml" && ext != ".json" {
			// Notes (README.md, .txt) are neither data nor published; any
			// other file is most likely a data file with a mistyped ending.
			switch {
			case ext == ".xlsx":
				ds = append(ds, diag.Warnf(src, 0, "this workbook is not read: a workbook in content/data/ is read when its first row holds EPT field names (00010_…, 01090_SRI, …) or when it is products.xlsx").
					WithHint("for data that templates use, save it as CSV"))
			case ext != ".md" && ext != ".txt":
				ds = append(ds, diag.Warnf(src, 0, "this file is not read: data files end in .csv, .yaml, .yml or .json").
					WithHint("rename it, or move it out of content/data/ if it is not data"))
			}
			continue
		}
		raw, err := ReadFile(files, src)
		if err != nil {
			ds = append(ds, diag.Errorf(src, 0, "%v", err))
			continue
		}
		var v any
		var fileDiags []diag.Diagnostic
		if ext == ".csv" {
			v, fileDiags = ParseCSV(src, raw)
		} else {
			v, fileDiags = ParseYAML(src, raw)
		}
		ds = append(ds, fileDiags...)
		if len(fileDiags) > 0 {
			continue
		}
		key := strings.TrimSuffix(strings.TrimPrefix(src, "content/data/"), path.Ext(src))
		if other := clash(keys, key); other != "" {
			ds = append(ds, diag.Errorf(src, 0, "this file and %s both want the name .Data.%s",
				other, strings.ReplaceAll(key, "/", ".")).
				WithHint("rename one of them; templates could only see one"))
			continue
		}
		keys[key] = src
		insert(tree, strings.Split(key, "/"), v)
	}
	return tree, ds
}

func insert(tree map[string]any, keys []string, v any) {
	for _, k := range keys[:len(keys)-1] {
		sub, ok := tree[k].(map[string]any)
		if !ok {
			sub = map[string]any{}
			tree[k] = sub
		}
		tree = sub
	}
	tree[keys[len(keys)-1]] = v
}

// clash returns the file that already took key, or a name that is both a
// file and a folder (data/a.yaml and data/a/b.yaml), or "".
func clash(keys map[string]string, key string) string {
	if other, ok := keys[key]; ok {
		return other
	}
	for k, other := range keys {
		if strings.HasPrefix(key, k+"/") || strings.HasPrefix(k, key+"/") {
			return other
		}
	}
	return ""
}

// ReadFile reads a data file (source from the site root) of at most
// MaxFileBytes, with an error an editor can act on; the domain packages
// read their files through it too.
func ReadFile(files *fileio.Files, source string) ([]byte, error) {
	data, err := files.ReadFile(source, MaxFileBytes)
	var tl *fileio.TooLargeError
	switch {
	case errors.As(err, &tl):
		size := "more than " + strconv.Itoa(MaxFileBytes>>20)
		if tl.Size >= 0 {
			size = strconv.FormatInt(tl.Size>>20, 10)
		}
		return nil, diag.Err("the file has %s MB; the limit for a data file is %d MB", size, MaxFileBytes>>20)
	case err != nil:
		return nil, diag.Err("cannot read: %v", err)
	}
	return data, nil
}

// ParseCSV reads a CSV file with a header row into a list of rows keyed by
// column name. The file may be UTF-8 or Windows-1252 (table.Decode).
func ParseCSV(file string, raw []byte) ([]map[string]string, []diag.Diagnostic) {
	text, _, d := table.Decode(file, raw, "")
	if d != nil {
		return nil, []diag.Diagnostic{*d}
	}
	r, _ := table.CSVReader(text)
	var ds []diag.Diagnostic
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, []diag.Diagnostic{diag.Errorf(file, 1, "the CSV file is empty").WithHint("the first line must name the columns")}
	}
	if err != nil {
		return nil, []diag.Diagnostic{csvError(file, err)}
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			ds = append(ds, csvError(file, err))
			break
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			ds = append(ds, diag.Errorf(file, line, "this row has %s, but the header names %d columns", plural(len(rec), "value", "values"), len(header)).
				WithHint("check for a missing or extra separator, or a value with a comma that needs quotes"))
			continue
		}
		row := make(map[string]string, len(header))
		for i, h := range header {
			row[strings.TrimSpace(h)] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows, ds
}

func csvError(file string, err error) diag.Diagnostic {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return diag.Errorf(file, pe.Line, "malformed CSV: %v", pe.Err).
			WithHint("a value containing quotes must be quoted and its quotes doubled")
	}
	return diag.Errorf(file, 0, "cannot read CSV: %v", err)
}

// ParseYAML reads a YAML or JSON file; duplicate keys are errors. A file
// whose name ends in .json is checked by encoding/json first, whose errors
// point at the offending byte (yaml.v3 names the start of the enclosing
// object instead). Lines are taken from yaml.v3's messages as
// frontmatter.YAMLError corrects them.
func ParseYAML(file string, raw []byte) (any, []diag.Diagnostic) {
	if strings.EqualFold(path.Ext(file), ".json") {
		if e := frontmatter.JSONError(raw); e != nil {
			return nil, []diag.Diagnostic{diag.Errorf(file, e.Line, "%s", e.Msg).WithHint("%s", e.Hint)}
		}
	}
	var v any
	if err := yaml.Unmarshal(raw, &v); err != nil {
		e := frontmatter.YAMLError(raw, err)
		d := diag.Errorf(file, e.Line, "malformed data: %s", e.Msg)
		if e.Hint.String() != "" {
			d = diag.Errorf(file, e.Line, "%s", e.Msg).WithHint("%s", e.Hint)
		}
		return nil, []diag.Diagnostic{d}
	}
	return v, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
