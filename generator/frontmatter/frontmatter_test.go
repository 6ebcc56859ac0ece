package frontmatter

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestYAMLErrorLines(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		line int
		msg  string
	}{
		// Parser errors: yaml.v3 says 0-based line 1 for a flow list opened
		// on line 2, and the problem's line when it opens on line 1.
		{"title: X\ntopics: [a\n", 2, "did not find expected ',' or ']'"},
		{"topics: [a\n", 1, "did not find expected ',' or ']'"},
		{"title: X\nmap: {a: 1\n\n", 2, "did not find expected ',' or '}'"},
		{"a:\n  - b\n c: d\n", 3, "did not find expected key"},
		// Scanner errors are 1-based already.
		{"title: X\ndescription: a: b\n", 2, "mapping values are not allowed in this context"},
		{"title: X\n\tdraft: true\n", 2, "found a tab character that violates indentation"},
		{"title: X\nlist:\n  - a\n  b\n", 4, "could not find expected ':'"},
		{"a: 1\ntitle: \"open\nmore\n", 2, "found unexpected end of stream"},
		{"title: \"open\n", 1, "found unexpected end of stream"},
		// Duplicate keys.
		{"a: 1\nb: 2\na: 3\n", 3, `the key "a" is given twice (first on line 1)`},
	} {
		var v any
		err := unmarshalAny([]byte(tc.raw), &v)
		if err == nil {
			t.Errorf("%q: no error", tc.raw)
			continue
		}
		e := YAMLError([]byte(tc.raw), err)
		if e.Line != tc.line || e.Msg.String() != tc.msg {
			t.Errorf("%q: got line %d %q, want line %d %q (yaml.v3: %v)", tc.raw, e.Line, e.Msg, tc.line, tc.msg, err)
		}
	}
}

func TestSplitSilentCases(t *testing.T) {
	d, err := Split([]byte("\xef\xbb\xbf---\ntitle: X\n---\nBody\n"))
	if err != nil || d.Format != YAML || string(d.Body) != "Body\n" || d.BodyLine != 4 {
		t.Errorf("BOM: %+v %v", d, err)
	}
	_, err = Split([]byte("---\ntitle: X\nBody\n"))
	var fe *Error
	if !errors.As(err, &fe) || fe.Line != 1 {
		t.Errorf("unclosed: %v", err)
	}
	d, err = Split([]byte("\n\n+++\ntitle = \"X\"\n+++\nBody\n"))
	if err != nil || d.Format != TOML || d.RawLine != 4 || d.BodyLine != 6 {
		t.Errorf("TOML after blank lines: %+v %v", d, err)
	}
}

// FuzzSplit: Split and Decode never panic, and every error is an *Error
// with a line inside the file.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: X\n---\nBody\n",
		"---\ntitle: [x\n---\n",
		"---\ntitle: X\n",
		"\xef\xbb\xbf---\r\ntitle: X\r\n---\r\n",
		"+++\ntitle = \"X\"\ndate = 2026-03-01\n+++\nBody\n",
		"+++\ntitle = \n+++\n",
		"{\n\"title\": \"X\",\n\"topics\": [\"a\"]\n}\n\nBody\n",
		"{\n\"title\": \"X\"\n\"a\": 1\n}\n\n",
		"---\na: &x [1]\nb: *x\nc: *y\n---\n",
		"---\n- a\n- b\n---\n",
		"---\n---\n",
		"no front matter at all",
		"---\na: b: c\n\tx\n---\n",
		"---\n? [a, b]\n: c\n---\n",
		"+++\n[table]\nkey = 1\n[[arr]]\nx = 1\n+++\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 2
		check := func(what string, err error) {
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("%s: error is %T, not *Error: %v", what, err, err)
			}
			if fe.Line < 1 || fe.Line > lines {
				t.Fatalf("%s: line %d outside the file (%d lines): %v", what, fe.Line, lines, err)
			}
		}
		d, err := Split(data)
		ref, refErr := split(data, false)
		if (err == nil) != (refErr == nil) || !reflect.DeepEqual(d, ref) {
			t.Fatalf("Split differs from adrg reading the whole file:\n%+v %v\n%+v %v", d, err, ref, refErr)
		}
		if err != nil {
			check("Split", err)
			return
		}
		if d.BodyLine < 1 || (d.Format != "" && d.RawLine < 1) {
			t.Fatalf("lines: %+v", d)
		}
		if _, err := d.Decode(); err != nil {
			check("Decode", err)
		}
	})
}

func unmarshalAny(raw []byte, v *any) error { return yaml.Unmarshal(raw, v) }
