package diag

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscapeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"content/über uns.md", "content/über uns.md"},
		{"a\nb", `a\nb`},
		{"x\r\n::error file=a::b", `x\r\n::error file=a::b`},
		{"tab\there", `tab\there`},
		{"esc \x1b[2J", `esc \x1b[2J`},
		{"nul \x00 del \x7f", `nul \x00 del \x7f`},
		{"c1 \u0085 nel", `c1 \u0085 nel`},
		{"ls \u2028 ps \u2029", `ls \u2028 ps \u2029`},
		{"rlo \u202egnp.exe", `rlo \u202egnp.exe`},
		{"isolate \u2066x\u2069", `isolate \u2066x\u2069`},
		{"mark \u200f\u061c", `mark \u200f\u061c`},
		{"latin1 Gr\xfc\xdfe", `latin1 Gr\xfc\xdfe`},
		{`quoted "a\nb" stays`, `quoted "a\nb" stays`},
		{"", ""},
	} {
		if got := EscapeText(tc.in); got != tc.want {
			t.Errorf("EscapeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDiagnosticErrorIsOneLine: a file name, message or hint with a
// newline and a workflow command in it prints as one line.
func TestDiagnosticErrorIsOneLine(t *testing.T) {
	d := Errorf("content/x\n::error file=a.md::pwned.md", 2, "bad value %s", "v\r\n::warning::x").WithHint("fix\n::notice::it")
	got := d.Error()
	want := `content/x\n::error file=a.md::pwned.md:2: bad value v\r\n::warning::x — fix\n::notice::it`
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// FuzzEscapeText: the escaped text is valid UTF-8 on one line, holds no
// character EscapeText promises to escape, and text without such
// characters is left as it is.
func FuzzEscapeText(f *testing.F) {
	for _, s := range []string{"plain", "a\nb", "\x1b[31m", "\u202e", "\xff\xfe", "ü\u2028", `\n`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := EscapeText(s)
		if !utf8.ValidString(out) {
			t.Fatalf("not UTF-8: %q", out)
		}
		clean := true
		for i, r := range s {
			if r < 0x20 || r == 0x7f || unsafeRune(r) || (r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) {
				clean = false
			}
		}
		for _, r := range out {
			if r < 0x20 || r == 0x7f || unsafeRune(r) {
				t.Fatalf("EscapeText(%q) = %q keeps %U", s, out, r)
			}
		}
		if clean && out != s {
			t.Fatalf("EscapeText changed clean text %q to %q", s, out)
		}
	})
}
