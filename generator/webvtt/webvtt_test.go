package webvtt

import (
	"bytes"
	"strings"
	"testing"
)

const good = "WEBVTT - Beratung\nKind: captions\n\nNOTE Untertitel der Rheintal-Bank\nzweite Zeile der Notiz\n\nSTYLE\n::cue { color: yellow }\n\nREGION\nid:unten width:40% lines:3\n\n1\n00:00.000 --> 00:02.500 align:start line:90%,end position:10%,line-left size:80% region:unten\n<v Anna Berg>Willkommen</v> bei der\n<i>Rheintal</i>-Bank &amp; Co.\n\n00:02.500 --> 00:04.000\nDie Kosten &lt;1 %\n\n00:01:00.000 --> 01:00:04.000 vertical:lr line:-1\n<c.gelb>Ende</c> <00:01:01.000>jetzt\n"

func TestParseValid(t *testing.T) {
	f, errs := Parse([]byte(good))
	if errs != nil {
		t.Fatalf("errors: %v", errs)
	}
	want := []Cue{
		{ID: "1", Start: 0, End: 2500, Settings: "align:start line:90%,end position:10%,line-left size:80% region:unten",
			Text: "<v Anna Berg>Willkommen</v> bei der\n<i>Rheintal</i>-Bank &amp; Co.", Line: 14},
		{Start: 2500, End: 4000, Text: "Die Kosten &lt;1 %", Line: 18},
		{Start: 60000, End: 3604000, Settings: "vertical:lr line:-1", Text: "<c.gelb>Ende</c> <00:01:01.000>jetzt", Line: 21},
	}
	if len(f.Cues) != len(want) {
		t.Fatalf("got %d cues: %+v", len(f.Cues), f.Cues)
	}
	for i, c := range f.Cues {
		if c != want[i] {
			t.Errorf("cue %d:\n got %+v\nwant %+v", i, c, want[i])
		}
	}
	if len(f.Regions) != 1 || f.Regions[0] != "unten" {
		t.Errorf("regions %v", f.Regions)
	}
	if errs := f.CheckTimes(3604000); errs != nil {
		t.Errorf("CheckTimes: %v", errs)
	}
}

// TestLineBreaksAndBOM: CRLF, CR and a byte order mark read as LF does,
// with the same line numbers.
func TestLineBreaksAndBOM(t *testing.T) {
	lf := "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\n00:03.000 --> 00:04.000\nB\n"
	for name, src := range map[string]string{
		"LF":   lf,
		"CRLF": strings.ReplaceAll(lf, "\n", "\r\n"),
		"CR":   strings.ReplaceAll(lf, "\n", "\r"),
		"BOM":  "\xef\xbb\xbf" + lf,
		"tab":  "WEBVTT\tKommentar\n\n00:01.000\t-->\t00:02.000\nA\n\n00:03.000 --> 00:04.000\nB",
	} {
		f, errs := Parse([]byte(src))
		if errs != nil || len(f.Cues) != 2 || f.Cues[1].Line != 6 || f.Cues[1].Text != "B" || f.Cues[0].End != 2000 {
			t.Errorf("%s: %+v, %v", name, f.Cues, errs)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
		has       string
	}{
		{"empty", "", 1, "does not start with WEBVTT"},
		{"no signature", "00:01.000 --> 00:02.000\nA\n", 1, "does not start with WEBVTT"},
		{"srt", "1\n00:00:01,000 --> 00:00:02,000\nA\n", 1, "SubRip"},
		{"signature glued", "WEBVTTX\n\n", 1, "does not start with WEBVTT"},
		{"lower case", "webvtt\n\n", 1, "does not start with WEBVTT"},
		{"cue in header", "WEBVTT\n00:01.000 --> 00:02.000\nA\n", 2, "inside the file's header"},
		{"comma decimals", "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nA\n", 3, "full stop before the milliseconds"},
		{"two decimals", "WEBVTT\n\n00:01.00 --> 00:02.000\nA\n", 3, `"00:01.00" is not a WebVTT time`},
		{"one-digit minutes", "WEBVTT\n\n0:01.000 --> 00:02.000\nA\n", 3, "not a WebVTT time"},
		{"one-digit hours", "WEBVTT\n\n1:00:01.000 --> 1:00:02.000\nA\n", 3, "not a WebVTT time"},
		{"60 seconds", "WEBVTT\n\n00:60.000 --> 01:02.000\nA\n", 3, `"00:60.000" is not a WebVTT time`},
		{"60 minutes", "WEBVTT\n\n60:00.000 --> 61:02.000\nA\n", 3, "not a WebVTT time"},
		{"no spaces around arrow", "WEBVTT\n\n00:01.000-->00:02.000\nA\n", 3, "spaces around -->"},
		{"missing end", "WEBVTT\n\n00:01.000 --> \nA\n", 3, `"" is not a WebVTT time`},
		{"id without timings", "WEBVTT\n\neins\nzwei\n", 3, "neither a cue nor"},
		{"missing blank line", "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n00:02.000 --> 00:03.000\nB\n", 5, "blank line is missing"},
		{"unknown setting", "WEBVTT\n\n00:01.000 --> 00:02.000 farbe:rot\nA\n", 3, `unknown cue setting "farbe"`},
		{"bad align", "WEBVTT\n\n00:01.000 --> 00:02.000 align:middle\nA\n", 3, `"middle" is not a valid value for the cue setting align`},
		{"percent over 100", "WEBVTT\n\n00:01.000 --> 00:02.000 size:120%\nA\n", 3, "size"},
		{"setting twice", "WEBVTT\n\n00:01.000 --> 00:02.000 align:start align:end\nA\n", 3, "given twice"},
		{"setting without value", "WEBVTT\n\n00:01.000 --> 00:02.000 align\nA\n", 3, `"align" is not a cue setting`},
		{"unknown region", "WEBVTT\n\n00:01.000 --> 00:02.000 region:oben\nA\n", 3, `region "oben"`},
		{"style after cue", "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\nSTYLE\n::cue {}\n", 6, "STYLE block after the first cue"},
		{"region setting", "WEBVTT\n\nREGION\nid:r hoehe:3\n", 4, `unknown region setting "hoehe"`},
		{"arrow in note", "WEBVTT\n\nNOTE eins\n00:01.000 --> 00:02.000\nA\n", 4, "NOTE comment must not hold -->"},
		{"unknown tag", "WEBVTT\n\n00:01.000 --> 00:02.000\nA <span>B</span>\n", 4, "unknown tag <span>"},
		{"unknown closing tag", "WEBVTT\n\n00:01.000 --> 00:02.000\nA </em>\n", 4, "unknown closing tag </em>"},
		{"unclosed tag", "WEBVTT\n\n00:01.000 --> 00:02.000\nx < y\n", 4, "< without a closing >"},
		{"voice without name", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v>A</v>\n", 4, "names no speaker"},
		{"invalid UTF-8", "WEBVTT\n\n00:01.000 --> 00:02.000\nGr\xfc\xdfe\n", 4, "not valid UTF-8"},
		{"NUL", "WEBVTT\n\n00:01.000 --> 00:02.000\nA\x00\n", 4, "NUL"},
		{"too large", "WEBVTT\n" + strings.Repeat("x", MaxBytes), 1, "at most"},
	} {
		_, errs := Parse([]byte(tc.src))
		if len(errs) == 0 {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if errs[0].Line != tc.line || !strings.Contains(errs[0].Error(), tc.has) {
			t.Errorf("%s: got %v; want line %d with %q", tc.name, errs, tc.line, tc.has)
		}
	}
}

// TestParseCollectsAllErrors: one run names every broken cue.
func TestParseCollectsAllErrors(t *testing.T) {
	_, errs := Parse([]byte("WEBVTT\n\n00:01.0 --> 00:02.000\nA\n\n00:03.000 --> 00:04.000 x:y\nB\n\n00:05,000 --> 00:06.000\nC\n"))
	if len(errs) != 3 || errs[0].Line != 3 || errs[1].Line != 6 || errs[2].Line != 9 {
		t.Errorf("want errors on lines 3, 6, 9: %v", errs)
	}
}

func TestCheckTimes(t *testing.T) {
	for _, tc := range []struct {
		name     string
		cues     string
		duration Time
		want     []string // "line: part of the message"
	}{
		{"in order, touching", "00:00.000 --> 00:02.000\nA\n\n00:02.000 --> 00:04.000\nB\n", 4000, nil},
		{"duration unknown", "00:00.000 --> 59:00.000\nA\n", 0, nil},
		{"backwards", "00:05.000 --> 00:06.000\nA\n\n00:01.000 --> 00:02.000\nB\n", 0,
			[]string{"6: the cue times go backwards: this cue starts at 00:01.000, before the cue on line 3 (00:05.000)"}},
		{"overlapping", "00:01.000 --> 00:04.000\nA\n\n00:03.000 --> 00:05.000\nB\n", 0,
			[]string{"6: the cue starts at 00:03.000, before the cue on line 3 ends (00:04.000): cues of one track must not overlap"}},
		{"same start", "00:01.000 --> 00:04.000\nA\n\n00:01.000 --> 00:05.000\nB\n", 0, []string{"6: the cue starts at 00:01.000, before the cue on line 3 ends"}},
		{"end before start", "00:03.000 --> 00:02.000\nA\n", 0, []string{"3: the cue ends at 00:02.000, not after it starts (00:03.000)"}},
		{"zero length", "00:03.000 --> 00:03.000\nA\n", 0, []string{"3: the cue ends at 00:03.000, not after"}},
		{"past the end", "00:00.000 --> 00:02.000\nA\n\n00:09.000 --> 00:10.001\nB\n", 10000,
			[]string{"6: the cue ends at 00:10.001, after the end of the video (00:10.000)"}},
		{"ends at the end", "00:09.000 --> 00:10.000\nB\n", 10000, nil},
		{"empty cue", "00:00.000 --> 00:02.000\n\n00:03.000 --> 00:04.000\nB\n", 0, []string{"3: the cue has no text"}},
		{"only tags", "00:00.000 --> 00:02.000\n<i> </i>\n", 0, []string{"3: the cue has no text"}},
	} {
		f, errs := Parse([]byte("WEBVTT\n\n" + tc.cues))
		if errs != nil {
			t.Fatalf("%s: %v", tc.name, errs)
		}
		got := f.CheckTimes(tc.duration)
		if len(got) != len(tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i, w := range tc.want {
			if !strings.HasPrefix(strings.TrimPrefix(got[i].Error(), "line "), w) {
				t.Errorf("%s: got %q, want %q", tc.name, got[i].Error(), w)
			}
		}
	}
	if errs := (&File{}).CheckTimes(0); len(errs) != 1 || !strings.Contains(errs[0].Message.String(), "no cues") {
		t.Errorf("a file without cues: %v", errs)
	}
}

func TestPlainTextAndVoice(t *testing.T) {
	for _, tc := range []struct{ in, text, voice string }{
		{"<v Anna Berg>Willkommen</v>\nbei <b>uns</b>", "Willkommen bei uns", "Anna Berg"},
		{"<v.laut Jonas>Hallo", "Hallo", "Jonas"},
		{"Kosten &lt;1&nbsp;% &amp; mehr &#228; &#xE4; &bogus; & x", "Kosten <1\u00a0% & mehr ä ä &bogus; & x", ""},
		{"<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby>", "漢字", ""},
		{"<c.gelb>Ende</c> <00:01.000>jetzt", "Ende jetzt", ""},
		{"  viel   Raum \n ", "viel Raum", ""},
		{"<lang en>Hello</lang> <v>", "Hello", ""},
	} {
		if got := PlainText(tc.in); got != tc.text {
			t.Errorf("PlainText(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := Voice(tc.in); got != tc.voice {
			t.Errorf("Voice(%q) = %q, want %q", tc.in, got, tc.voice)
		}
	}
}

func TestTimeFormats(t *testing.T) {
	for _, tc := range []struct {
		t                     Time
		format, short, second string
	}{
		{0, "00:00.000", "0:00", "0"},
		{12500, "00:12.500", "0:12", "12.5"},
		{3723004, "01:02:03.004", "1:02:03", "3723.004"},
	} {
		if tc.t.Format() != tc.format || tc.t.Short() != tc.short || tc.t.Seconds() != tc.second {
			t.Errorf("%d: %s %s %s", tc.t, tc.t.Format(), tc.t.Short(), tc.t.Seconds())
		}
		if back, ok := ParseTime(tc.t.Format()); !ok || back != tc.t {
			t.Errorf("ParseTime(%s) = %d, %v", tc.t.Format(), back, ok)
		}
	}
}

// FuzzParse: any input parses without panic; every error and cue names a
// line of the file; PlainText and CheckTimes take whatever Parse returns.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nA\r\n"))
	f.Add([]byte("WEBVTT\n\nNOTE x\n\n00:00:01,000 --> 1\n<v>\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, errs := Parse(src)
		lines := len(splitLines(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))) + 1
		for _, e := range errs {
			if e.Line < 1 || e.Line > lines {
				t.Fatalf("error on line %d of %d: %v", e.Line, lines, e)
			}
		}
		for _, c := range file.Cues {
			if c.Line < 1 || c.Line > lines {
				t.Fatalf("cue on line %d of %d", c.Line, lines)
			}
			_ = PlainText(c.Text)
			_ = Voice(c.Text)
		}
		for _, e := range file.CheckTimes(10000) {
			if e.Line < 1 || e.Line > lines {
				t.Fatalf("check error on line %d of %d: %v", e.Line, lines, e)
			}
		}
	})
}
