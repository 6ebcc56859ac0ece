package table

import (
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	umlauts1252 := "name;ort\nM\xfcller;K\xf6ln \x80 \x84Spa\xdf\x93\n" // Müller;Köln € „Spaß“
	for _, tc := range []struct {
		name, raw, named string
		text, enc, err   string
	}{
		{"ascii", "a,b\n1,2\n", "", "a,b\n1,2\n", "UTF-8", ""},
		{"utf-8", "name\nMüller\n", "", "name\nMüller\n", "UTF-8", ""},
		{"bom", "\xef\xbb\xbfname\nMüller\n", "", "name\nMüller\n", "UTF-8 with byte order mark", ""},
		{"windows-1252 detected", umlauts1252, "", "name;ort\nMüller;Köln € „Spaß“\n", "Windows-1252", ""},
		{"windows-1252 named", umlauts1252, Windows1252, "name;ort\nMüller;Köln € „Spaß“\n", "Windows-1252", ""},
		{"ascii named windows-1252", "a\n1\n", Windows1252, "a\n1\n", "Windows-1252", ""},
		{"undefined byte", "name\nA\nM\x81ller\n", "", "", "",
			`f.csv:3: line 3 is neither UTF-8 nor Windows-1252 text (byte 0x81 at byte 2) — save the file as "CSV UTF-8"`},
		{"mixed", "name\nMüller\nM\xfcller\n", "", "", "",
			`f.csv:3: line 3 is not valid UTF-8 (byte 2), but line 2 has 'ü' written in UTF-8: the file mixes two encodings — save the whole file in one encoding, best as "CSV UTF-8"`},
		{"utf-8 named, not utf-8", "name\nM\xfcller\n", UTF8, "", "",
			`f.csv:2: line 2 is not valid UTF-8 (byte 2), but the mapping file says encoding: utf-8 — save the file as "CSV UTF-8", or name its encoding (windows-1252) in the mapping file`},
		{"bom, not utf-8", "\xef\xbb\xbfname\nM\xfcller\n", "", "", "",
			`f.csv:2: line 2 is not valid UTF-8 (byte 2), but the file starts with a UTF-8 byte order mark — save the file as "CSV UTF-8", or name its encoding (windows-1252) in the mapping file`},
		{"windows-1252 named, is utf-8", "name\nMüller\n", Windows1252, "", "",
			`f.csv:2: line 2 has 'ü' written in UTF-8, but the mapping file says the file is Windows-1252 — remove encoding: windows-1252 from the mapping file`},
		{"bom, named windows-1252", "\xef\xbb\xbfname\n", Windows1252, "", "",
			`f.csv:1: the file starts with a UTF-8 byte order mark, but the mapping file says it is Windows-1252 — remove encoding: windows-1252 from the mapping file, or save the file without byte order mark`},
		{"binary", "name\nab\x00cd\n", "", "", "",
			`f.csv:2: line 2 has the control character 0x00 at byte 3, which no CSV text contains — the file is not plain text; export it again as CSV`},
		{"utf-16", "\xff\xfen\x00a\x00", "", "", "",
			`f.csv:1: the file is UTF-16 text ("Unicode-Text"), which klartext does not read — save it from the spreadsheet program as "CSV UTF-8 (durch Trennzeichen getrennt)"`},
		{"workbook", "PK\x03\x04rest", "", "", "",
			`f.csv:1: this is a spreadsheet workbook (.xlsx), not a CSV file — give the file the ending .xlsx, or save it from the spreadsheet program as CSV`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, enc, d := Decode("f.csv", []byte(tc.raw), tc.named)
			if tc.err != "" {
				if d == nil {
					t.Fatalf("want an error, got %q as %s", text, enc)
				}
				if d.Error() != tc.err {
					t.Errorf("error\n got %s\nwant %s", d.Error(), tc.err)
				}
				return
			}
			if d != nil {
				t.Fatalf("unexpected error: %s", d.Error())
			}
			if string(text) != tc.text || enc != tc.enc {
				t.Errorf("got %q as %s, want %q as %s", text, enc, tc.text, tc.enc)
			}
		})
	}
}

// Two Windows-1252 characters may form valid UTF-8 for a character of
// another script ("ß“" is DF 93, an N'Ko letter); that is no evidence of a
// UTF-8 file, and the text is read as Windows-1252.
func TestDecodeWindows1252ThatLooksLikeUTF8(t *testing.T) {
	text, enc, d := Decode("f.csv", []byte("a\n\x84Spa\xdf\x93\n"), "")
	if d != nil || enc != "Windows-1252" || string(text) != "a\n„Spaß“\n" {
		t.Fatalf("%q %s %v", text, enc, d)
	}
}

func TestEncodingName(t *testing.T) {
	for in, want := range map[string]string{"UTF-8": UTF8, "utf8": UTF8, "Windows-1252": Windows1252,
		"cp1252": Windows1252, "ANSI": Windows1252, "ISO-8859-1": Windows1252, "latin1": Windows1252} {
		if got, err := EncodingName(in); err != nil || got != want {
			t.Errorf("%s: %s %v", in, got, err)
		}
	}
	if _, err := EncodingName("ebcdic"); err == nil || !strings.Contains(err.Error(), "ebcdic") {
		t.Errorf("want an error: %v", err)
	}
}
