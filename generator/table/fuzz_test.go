package table

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzCSV feeds arbitrary bytes to the CSV reader. Whatever the bytes, it
// must not panic; decoded text is valid UTF-8; valid UTF-8 comes back as
// it was; text read as Windows-1252 encodes back to the same bytes (no
// byte was lost or guessed); every cell's place lies inside the file.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{"id,name\na,b\n", "\xef\xbb\xbfid;name\na;M\xfcller\n", "a\n\"x\n", "name\nM\x81\n",
		"a;b\n1,5;\"2\n3\"\n;;\n", "x\nMüller\nM\xfcller\n", "\xff\xfea\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, enc, d := Decode("f.csv", raw, "")
		if d == nil {
			if !utf8.Valid(text) {
				t.Fatalf("decoded text is not UTF-8: %q", text)
			}
			switch enc {
			case "UTF-8":
				if !bytes.Equal(text, raw) {
					t.Fatalf("UTF-8 changed: %q -> %q", raw, text)
				}
			case "Windows-1252":
				if back := encode1252(t, text); !bytes.Equal(back, raw) {
					t.Fatalf("Windows-1252 does not round-trip: %q -> %q -> %q", raw, text, back)
				}
			}
		}
		r, _ := Open("f.csv", raw, Options{})
		if r == nil {
			return
		}
		lines := bytes.Count(text, []byte("\n")) + 1
		for r.Next() {
			for i := range r.Cells() {
				if p := r.Pos(i); p.Line < 1 || p.Line > lines || p.Column < 1 {
					t.Fatalf("cell %d at %+v outside the file of %d lines", i, p, lines)
				}
			}
		}
	})
}

func encode1252(t *testing.T, text []byte) []byte {
	var out []byte
	for _, r := range string(text) {
		switch {
		case r < 0x80 || r >= 0xA0 && r <= 0xFF:
			out = append(out, byte(r))
		default:
			found := false
			for i, c := range cp1252 {
				if c == r && c != 0 {
					out, found = append(out, byte(0x80+i)), true
				}
			}
			if !found {
				t.Fatalf("%q is not Windows-1252", r)
			}
		}
	}
	return out
}
