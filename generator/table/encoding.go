package table

import (
	"bytes"
	"unicode/utf8"

	"github.com/klartext/klartext/generator/diag"
)

// The encodings a CSV file may be in, as a mapping file names them.
const (
	UTF8        = "utf-8"
	Windows1252 = "windows-1252"
)

var utf8BOM = []byte("\xef\xbb\xbf")

// Decode returns the text of a CSV file as UTF-8 without byte order mark,
// and the encoding it was read in, as a reader would name it ("UTF-8",
// "UTF-8 with byte order mark", "Windows-1252").
//
// named is the encoding the site says the file is in (UTF8, Windows1252),
// or "" to detect it: a byte order mark or valid UTF-8 is UTF-8; anything
// else is Windows-1252 — what German Excel writes as "CSV (Trennzeichen-
// getrennt)" — when it is plausible Windows-1252 text. Nothing is read
// "somehow": a file that is neither, a file that mixes UTF-8 text with
// bytes that are not UTF-8, a workbook or UTF-16 text with a .csv name, and
// control characters that no text file has are errors naming the line.
func Decode(file string, raw []byte, named string) ([]byte, string, *diag.Diagnostic) {
	fail := func(line int, hint, format string, a ...any) ([]byte, string, *diag.Diagnostic) {
		d := diag.Errorf(file, line, format, a...).WithHint("%s", hint)
		return nil, "", &d
	}
	switch {
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")):
		return fail(1, "give the file the ending .xlsx, or save it from the spreadsheet program as CSV",
			"this is a spreadsheet workbook (.xlsx), not a CSV file")
	case bytes.HasPrefix(raw, []byte("\xd0\xcf\x11\xe0")):
		return fail(1, `save it from the spreadsheet program as "CSV UTF-8" or as an .xlsx workbook`,
			"this is an old Excel workbook (.xls), not a CSV file")
	case bytes.HasPrefix(raw, []byte("\xff\xfe")) || bytes.HasPrefix(raw, []byte("\xfe\xff")):
		return fail(1, `save it from the spreadsheet program as "CSV UTF-8 (durch Trennzeichen getrennt)"`,
			`the file is UTF-16 text ("Unicode-Text"), which klartext does not read`)
	}
	if line, col, b, ok := controlByte(raw); ok {
		return fail(line, "the file is not plain text; export it again as CSV",
			"line %d has the control character 0x%02X at byte %d, which no CSV text contains", line, b, col)
	}
	bom := bytes.HasPrefix(raw, utf8BOM)
	body := bytes.TrimPrefix(raw, utf8BOM)
	switch named {
	case "", UTF8, Windows1252:
	default:
		return fail(1, "write utf-8 or windows-1252", "unknown encoding %q", named)
	}
	if bom || named == UTF8 {
		if named == Windows1252 {
			return fail(1, "remove encoding: windows-1252 from the mapping file, or save the file without byte order mark",
				"the file starts with a UTF-8 byte order mark, but the mapping file says it is Windows-1252")
		}
		if line, col, ok := invalidUTF8(body); ok {
			why := "the file starts with a UTF-8 byte order mark"
			if !bom {
				why = "the mapping file says encoding: utf-8"
			}
			return fail(line, `save the file as "CSV UTF-8", or name its encoding (windows-1252) in the mapping file`,
				"line %d is not valid UTF-8 (byte %d), but %s", line, col, why)
		}
		if bom {
			return body, "UTF-8 with byte order mark", nil
		}
		return body, "UTF-8", nil
	}
	if named == "" && utf8.Valid(body) {
		return body, "UTF-8", nil
	}
	// Windows-1252, named or detected.
	if line, r, ok := utf8Text(body); ok {
		if named == Windows1252 {
			return fail(line, "remove encoding: windows-1252 from the mapping file",
				"line %d has %q written in UTF-8, but the mapping file says the file is Windows-1252", line, r)
		}
		bad, col, _ := invalidUTF8(body)
		return fail(bad, `save the whole file in one encoding, best as "CSV UTF-8"`,
			"line %d is not valid UTF-8 (byte %d), but line %d has %q written in UTF-8: the file mixes two encodings", bad, col, line, r)
	}
	if line, col, b, ok := undefined1252(body); ok {
		return fail(line, `save the file as "CSV UTF-8"`,
			"line %d is neither UTF-8 nor Windows-1252 text (byte 0x%02X at byte %d)", line, b, col)
	}
	return decode1252(body), "Windows-1252", nil
}

// controlByte finds a byte below 0x20 other than tab, line feed and
// carriage return (a NUL in a binary file, a form feed); line and col are
// 1-based.
func controlByte(raw []byte) (line, col int, b byte, ok bool) {
	line, start := 1, 0
	for i, c := range raw {
		switch {
		case c == '\n':
			line, start = line+1, i+1
		case c < 0x20 && c != '\t' && c != '\r':
			return line, i - start + 1, c, true
		}
	}
	return 0, 0, 0, false
}

// invalidUTF8 finds the first byte that is not part of valid UTF-8.
func invalidUTF8(b []byte) (line, col int, ok bool) {
	line, start := 1, 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				line, start = line+1, i+1
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return line, i - start + 1, true
		}
		i += n
	}
	return 0, 0, false
}

// utf8Text finds a multi-byte UTF-8 sequence that stands for a character a
// Western European text has (Latin letters with accents and Umlauts,
// typographic punctuation, the euro sign, ™): evidence that the file was
// written as UTF-8. A sequence that decodes to another script is not taken
// as evidence, since two Windows-1252 characters such as "ß“" (DF 93) happen
// to form valid UTF-8 for an N'Ko letter.
func utf8Text(b []byte) (line int, r rune, ok bool) {
	line = 1
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				line++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if n > 1 && westernRune(r) {
			return line, r, true
		}
		if n < 1 {
			n = 1
		}
		i += n
	}
	return 0, 0, false
}

func westernRune(r rune) bool {
	return r >= 0xA0 && r <= 0x17F || // Latin-1 letters and signs, Latin Extended-A
		r >= 0x2010 && r <= 0x203A || // dashes, quotes, ellipsis
		r >= 0x20A0 && r <= 0x20CF || // currency signs (€)
		r == 0x2122 // ™
}

// cp1252 maps the bytes 0x80 to 0x9F, where Windows-1252 differs from
// ISO 8859-1; 0 marks the five bytes it leaves undefined. The other bytes
// are the code points of the same number.
var cp1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

func undefined1252(b []byte) (line, col int, c byte, ok bool) {
	line, start := 1, 0
	for i, c := range b {
		if c == '\n' {
			line, start = line+1, i+1
		}
		if c >= 0x80 && c <= 0x9F && cp1252[c-0x80] == 0 {
			return line, i - start + 1, c, true
		}
	}
	return 0, 0, 0, false
}

func decode1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xA0:
			out = utf8.AppendRune(out, cp1252[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}

// EncodingName checks an encoding as a mapping file writes it and returns
// its canonical name (UTF8, Windows1252). Aliases are accepted as
// spreadsheet programs and editors name them ("UTF8", "cp1252", "ANSI");
// ISO 8859-1 ("latin1") is read as Windows-1252, as browsers do, since the
// two differ only where ISO 8859-1 has control characters.
func EncodingName(s string) (string, error) {
	switch norm(s) {
	case "utf8":
		return UTF8, nil
	case "windows1252", "cp1252", "ansi", "westerneuropeanwindows", "latin1", "iso88591":
		return Windows1252, nil
	}
	return "", diag.Err("unknown encoding %q", s)
}

func norm(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	return string(b)
}
