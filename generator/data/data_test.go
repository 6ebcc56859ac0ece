package data

import (
	"bytes"
	"github.com/klartext/klartext/generator/sitetest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/frontmatter"
)

func TestParseYAMLDuplicateKeyLine(t *testing.T) {
	_, ds := ParseYAML("content/data/f.yaml", []byte("a:\n  x: 1\nb: 2\na:\n  y: 2\n"))
	if len(ds) != 1 || ds[0].Error() != `content/data/f.yaml:4: the key "a" is given twice (first on line 1) — remove or rename one of them` {
		t.Errorf("got %v", ds)
	}
}

func TestParseCSVGermanExcel(t *testing.T) {
	rows, ds := ParseCSV("content/data/z.csv", []byte("\xef\xbb\xbfa;b\r\n1,5;\"x;y\"\r\n"))
	if len(ds) != 0 || !reflect.DeepEqual(rows, []map[string]string{{"a": "1,5", "b": "x;y"}}) {
		t.Errorf("got %v %v", rows, ds)
	}
}

// A data file from German Excel in Windows-1252 reaches templates as the
// text it is; bytes that are neither UTF-8 nor Windows-1252 are an error.
func TestParseCSVWindows1252(t *testing.T) {
	rows, ds := ParseCSV("content/data/filialen.csv", []byte("ort;stra\xdfe\nK\xf6ln;Hauptstra\xdfe 1\n"))
	if len(ds) != 0 || !reflect.DeepEqual(rows, []map[string]string{{"ort": "Köln", "straße": "Hauptstraße 1"}}) {
		t.Errorf("got %v %v", rows, ds)
	}
	_, ds = ParseCSV("content/data/filialen.csv", []byte("ort\nK\x81ln\n"))
	if len(ds) != 1 || ds[0].Error() != `content/data/filialen.csv:2: line 2 is neither UTF-8 nor Windows-1252 text (byte 0x81 at byte 2) — save the file as "CSV UTF-8"` {
		t.Errorf("got %v", ds)
	}
}

// lineCount is the file's lines, plus one: a problem at the end of a file
// that ends with a line break may be named on the (empty) line after it.
func lineCount(b []byte) int { return max(bytes.Count(b, []byte("\n")), frontmatter.LineCount(b)) + 1 }

// FuzzParseCSV: no panic; every diagnostic names the file and a line of it.
func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n", "a,b\n1\n", "\xef\xbb\xbfa;b\r\n1,5;2\r\n", "a,b\n\"x\"y\",2\n",
		"a\n\"open\n", "", "\n\n", "a,a\n1,2\n", "a;b,c\n1;2\n", "a,b\r1,2\r",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		rows, ds := ParseCSV("content/data/f.csv", raw)
		for _, d := range ds {
			if d.File != "content/data/f.csv" || d.Line < 1 || d.Line > lineCount(raw) {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
		if len(ds) == 0 && len(rows) > 0 && rows[0] == nil {
			t.Fatal("nil row")
		}
	})
}

// FuzzParseYAML: no panic; every diagnostic names the file and a line of
// it, for YAML and for JSON files.
func FuzzParseYAML(f *testing.F) {
	for _, s := range []string{
		"a: 1\nb: [1, 2]\n", "a: 1\na: 2\n", "a: [1\n", "{\"a\": 1,\n\"b\": 2\n\"c\": 3}\n",
		"{\"a\": 1, \"a\": 2}", "- a\n- b: c\n", "a: &x 1\nb: *x\nc: *y\n", "\ta: 1\n", "a: \"x\n",
		"? [a]\n: b\n", "a: !!binary zz\n", "", "[", "{\"a\":\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, raw []byte, isJSON bool) {
		file := "content/data/f.yaml"
		if isJSON {
			file = "content/data/f.json"
		}
		_, ds := ParseYAML(file, raw)
		for _, d := range ds {
			if d.File != file || d.Line < 1 || d.Line > lineCount(raw) {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
	})
}

func TestUnknownDataFileIsReported(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content", "data")
	os.MkdirAll(dir, 0o755)
	for _, f := range []string{"zinsen.ymal", "README.md", "liste.xlsx"} {
		os.WriteFile(filepath.Join(dir, f), []byte("a: 1\n"), 0o644)
	}
	_, ds := Load(sitetest.ContentFiles(t, root), []string{"content/data/README.md", "content/data/liste.xlsx", "content/data/zinsen.ymal"})
	if len(ds) != 2 || ds[1].File != "content/data/zinsen.ymal" || ds[1].Severity != diag.Warning {
		t.Errorf("want one warning for the mistyped ending, got %v", ds)
	}
	if len(ds) == 2 && ds[0].Error() != "content/data/liste.xlsx: warning: this workbook is not read: a workbook in content/data/ is read when its first row holds EPT field names (00010_…, 01090_SRI, …) or when it is products.xlsx — for data that templates use, save it as CSV" {
		t.Errorf("a workbook that is no product source: %s", ds[0].Error())
	}
}

// TestTooLargeDataFileIsRefused: a file above the limit is reported with
// its size before anything is read (a sparse file stands in for 64 MB).
func TestTooLargeDataFileIsRefused(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content", "data")
	os.MkdirAll(dir, 0o755)
	f, err := os.Create(filepath.Join(dir, "export.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileBytes + 1<<20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, ds := Load(sitetest.ContentFiles(t, root), []string{"content/data/export.csv"})
	if len(ds) != 1 || ds[0].File != "content/data/export.csv" || !strings.Contains(ds[0].Message, "the file has 65 MB; the limit for a data file is 64 MB") {
		t.Errorf("want the size named against the limit, got %v", ds)
	}
}
