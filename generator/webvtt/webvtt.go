// Package webvtt reads WebVTT caption and chapter files (W3C WebVTT, the
// format of HTML's <track>) and checks them the way a conformance checker
// would, so a broken file fails the build instead of failing silently in
// the reader's browser, where a track with a syntax error simply shows
// nothing.
//
// What is read: the "WEBVTT" signature line (after an optional byte order
// mark) and the header lines under it; blocks separated by blank lines;
// NOTE comments, STYLE and REGION blocks (before the first cue only, as
// the specification requires); cues with an optional identifier, the
// timings "hh:mm:ss.ttt --> hh:mm:ss.ttt" (hours optional, at least two
// digits when given; minutes and seconds 00–59; exactly three decimals),
// the cue settings (vertical, line, position, size, align, region) and the
// cue text with its tags (c, i, b, u, ruby, rt, v, lang, timestamps) and
// character references. Line breaks may be LF, CRLF or CR.
//
// Beyond the syntax, CheckTimes applies klartext's rules for a track of
// captions or chapters: every cue ends after it starts, no cue starts
// before the one above it (the specification requires this order too),
// cues do not overlap, no cue has empty text, and no cue runs past the
// video's end. Overlapping cues are legal WebVTT, but a caption track is
// read as one sequence: overlapping cues stack on the screen and a
// transcript made from them repeats or interleaves sentences; two people
// speaking at once belong in one cue with a line per speaker.
//
// Every problem is an *Error with the file's line; Parse collects them all.
// The package knows no file names and does no I/O.
package webvtt

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/klartext/klartext/generator/diag"
)

// MaxBytes is the largest file Parse reads: a two-hour film's captions
// are some 150 KB.
const MaxBytes = 4 << 20

// Time is a position in the media in milliseconds, WebVTT's resolution.
type Time int64

// Format writes t as WebVTT does: "mm:ss.ttt" below an hour,
// "hh:mm:ss.ttt" from one.
func (t Time) Format() string {
	ms := int64(t)
	h, m, s, f := ms/3600000, ms/60000%60, ms/1000%60, ms%1000
	if h > 0 {
		return fmt.Sprintf("%02d:%02d:%02d.%03d", h, m, s, f)
	}
	return fmt.Sprintf("%02d:%02d.%03d", m, s, f)
}

// Short writes t for readers: "0:12", "1:02:03" (whole seconds, rounded
// down).
func (t Time) Short() string {
	s := int64(t) / 1000
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// Seconds is t in seconds, for a media fragment (#t=12.5): no trailing
// zeros.
func (t Time) Seconds() string {
	return strconv.FormatFloat(float64(t)/1000, 'f', -1, 64)
}

// Cue is one cue of the file.
type Cue struct {
	ID         string
	Start, End Time
	Settings   string // as written, after the end time
	Text       string // the cue text, its lines joined by "\n", tags kept
	Line       int    // the line of the timings
}

// File is a parsed WebVTT file.
type File struct {
	Cues    []Cue
	Regions []string // the ids of its REGION blocks
}

// Error is one problem, on a line of the file (1-based).
type Error struct {
	Line int
	// Message and Hint (what to do; may be empty) are diag.Text, so that
	// the diagnostic made of the error speaks the site's language.
	Message diag.Text
	Hint    diag.Text
}

func (e *Error) Error() string {
	s := "line " + strconv.Itoa(e.Line) + ": " + e.Message.String()
	if !e.Hint.Empty() {
		s += " — " + e.Hint.String()
	}
	return s
}

// Errors is every problem of a file, in line order.
type Errors []*Error

func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "; ")
}

// maxErrors bounds what one broken file reports: past it, the rest is
// likely the same mistake.
const maxErrors = 50

// Parse reads a WebVTT file. It returns what it could read and every
// syntax problem; a nil Errors means the file is valid.
func Parse(src []byte) (*File, Errors) {
	p := &parser{f: &File{}}
	p.parse(src)
	return p.f, p.errs
}

type parser struct {
	f       *File
	errs    Errors
	cueSeen bool
}

func (p *parser) errorf(line int, hint diag.Text, format string, a ...any) {
	if len(p.errs) < maxErrors {
		p.errs = append(p.errs, &Error{Line: line, Message: diag.T(format, a...), Hint: hint})
	}
}

func (p *parser) parse(src []byte) {
	if len(src) > MaxBytes {
		p.errorf(1, diag.T("split the captions into several files, one per video"), "the file has %d bytes; a WebVTT file may have at most %d", len(src), MaxBytes)
		return
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	lines := splitLines(src)
	for i, l := range lines {
		if !utf8.ValidString(l) {
			p.errorf(i+1, diag.T("save the file as UTF-8; WebVTT has no other encoding"), "the line is not valid UTF-8 text")
			return
		}
		if strings.IndexByte(l, 0) >= 0 {
			p.errorf(i+1, diag.T("remove the NUL character"), "the line holds a NUL character")
			return
		}
	}
	if len(lines) == 0 || !signature(lines[0]) {
		hint := diag.T(`the first line must be WEBVTT (then a blank line, then the cues)`)
		if len(lines) > 0 && strings.Contains(lines[0], "-->") || len(lines) > 1 && strings.Contains(lines[1], "-->") {
			hint = diag.T("the first line must be WEBVTT (then a blank line, then the cues); a file of numbered cues with commas in the times (00:00:01,000) is SubRip (.srt): convert it to WebVTT")
		}
		p.errorf(1, hint, "the file does not start with WEBVTT")
		return
	}
	// The header: lines under the signature up to the first blank line.
	i := 1
	for ; i < len(lines) && lines[i] != ""; i++ {
		if strings.Contains(lines[i], "-->") {
			p.errorf(i+1, diag.T("leave a blank line after the WEBVTT line"), "a cue begins inside the file's header")
			return
		}
	}
	for i < len(lines) {
		for i < len(lines) && lines[i] == "" {
			i++
		}
		start := i
		for i < len(lines) && lines[i] != "" {
			i++
		}
		if start < i {
			p.block(lines[start:i], start+1)
		}
	}
}

// splitLines splits at LF, CRLF and CR.
func splitLines(src []byte) []string {
	var out []string
	for len(src) > 0 {
		j := bytes.IndexAny(src, "\r\n")
		if j < 0 {
			out = append(out, string(src))
			break
		}
		out = append(out, string(src[:j]))
		if src[j] == '\r' && j+1 < len(src) && src[j+1] == '\n' {
			j++
		}
		src = src[j+1:]
	}
	return out
}

func signature(l string) bool {
	rest, ok := strings.CutPrefix(l, "WEBVTT")
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// keyword reports whether line is word alone or word followed by a space,
// a tab (NOTE text), the way the specification recognises NOTE, STYLE and
// REGION.
func keyword(line, word string) bool {
	rest, ok := strings.CutPrefix(line, word)
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// block reads one block; first is the file line of its first line.
func (p *parser) block(b []string, first int) {
	switch {
	case keyword(b[0], "NOTE"):
		p.noArrow(b, first, diag.T("a NOTE comment must not hold -->"), diag.T("leave a blank line between the note and the cue"))
		return
	case keyword(b[0], "STYLE"):
		p.headerBlock(b, first, "STYLE")
		return
	case keyword(b[0], "REGION"):
		if p.headerBlock(b, first, "REGION") {
			p.region(b, first)
		}
		return
	}
	var c Cue
	timing := 0
	if !strings.Contains(b[0], "-->") {
		c.ID = b[0]
		timing = 1
		if len(b) == 1 || !strings.Contains(b[1], "-->") {
			p.errorf(first, diag.T("a cue is an optional name, then a line like 00:01.000 --> 00:04.000, then its text"),
				"this block is neither a cue nor a NOTE, STYLE or REGION block")
			return
		}
	}
	c.Line = first + timing
	if !p.timings(b[timing], c.Line, &c) {
		return
	}
	text := b[timing+1:]
	for k, l := range text {
		if strings.Contains(l, "-->") {
			p.errorf(c.Line+1+k, diag.T("leave a blank line before every cue"), "the cue text holds -->: a blank line is missing before the next cue")
			return
		}
	}
	c.Text = strings.Join(text, "\n")
	for k, l := range text {
		p.cueText(l, c.Line+1+k)
	}
	p.cueSeen = true
	p.f.Cues = append(p.f.Cues, c)
}

func (p *parser) noArrow(b []string, first int, msg, hint diag.Text) {
	for k, l := range b {
		if strings.Contains(l, "-->") {
			p.errorf(first+k, hint, "%s", msg)
			return
		}
	}
}

// headerBlock checks a STYLE or REGION block: before the first cue, no
// "-->" inside.
func (p *parser) headerBlock(b []string, first int, name string) bool {
	if p.cueSeen {
		p.errorf(first, diag.T("move it above the first cue, or remove it"), "a %s block after the first cue is ignored by browsers", name)
		return false
	}
	for k, l := range b {
		if strings.Contains(l, "-->") {
			p.errorf(first+k, diag.T("leave a blank line between the block and the cue"), "a %s block must not hold -->", name)
			return false
		}
	}
	return true
}

// region records the id of a REGION block and checks its settings.
func (p *parser) region(b []string, first int) {
	for k, l := range b[1:] {
		for _, f := range strings.Fields(l) {
			name, value, ok := strings.Cut(f, ":")
			if !ok || value == "" {
				p.errorf(first+1+k, diag.T("write each region setting as name:value"), "%q is not a region setting", f)
				continue
			}
			switch name {
			case "id":
				if strings.Contains(value, "-->") {
					p.errorf(first+1+k, diag.Text{}, "a region id must not hold -->")
				}
				p.f.Regions = append(p.f.Regions, value)
			case "width", "regionanchor", "viewportanchor", "lines", "scroll":
			default:
				p.errorf(first+1+k, diag.T("the region settings are id, width, lines, regionanchor, viewportanchor and scroll"), "unknown region setting %q", name)
			}
		}
	}
}

// timings reads "start --> end settings" into c.
func (p *parser) timings(l string, line int, c *Cue) bool {
	left, right, _ := strings.Cut(l, "-->")
	startText := strings.TrimRight(left, " \t")
	if startText == left || !strings.HasPrefix(right, " ") && !strings.HasPrefix(right, "\t") {
		p.errorf(line, diag.T("write a space on each side of the arrow: 00:01.000 --> 00:04.000"), "the cue timings need spaces around -->")
		return false
	}
	right = strings.TrimLeft(right, " \t")
	endText, settings := right, ""
	if i := strings.IndexAny(right, " \t"); i >= 0 {
		endText, settings = right[:i], right[i+1:]
	}
	start, ok1 := p.timestamp(startText, line)
	end, ok2 := p.timestamp(endText, line)
	if !ok1 || !ok2 {
		return false
	}
	c.Start, c.End = start, end
	c.Settings = strings.TrimSpace(settings)
	p.settings(c.Settings, line)
	return true
}

// ParseTime reads a WebVTT timestamp: "mm:ss.ttt" or "hh:mm:ss.ttt".
func ParseTime(s string) (Time, bool) {
	parts := strings.Split(s, ":")
	if len(parts) != 2 && len(parts) != 3 {
		return 0, false
	}
	var h int64
	if len(parts) == 3 {
		if len(parts[0]) < 2 || !digits(parts[0]) {
			return 0, false
		}
		v, err := strconv.ParseInt(parts[0], 10, 64)
		if err != nil || v > 1<<32 {
			return 0, false
		}
		h = v
		parts = parts[1:]
	}
	m, sec := parts[0], parts[1]
	if len(m) != 2 || !digits(m) || len(sec) != 6 || sec[2] != '.' || !digits(sec[:2]) || !digits(sec[3:]) {
		return 0, false
	}
	mi, _ := strconv.Atoi(m)
	si, _ := strconv.Atoi(sec[:2])
	ms, _ := strconv.Atoi(sec[3:])
	if mi > 59 || si > 59 {
		return 0, false
	}
	return Time(h*3600000 + int64(mi)*60000 + int64(si)*1000 + int64(ms)), true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (p *parser) timestamp(s string, line int) (Time, bool) {
	t, ok := ParseTime(s)
	if ok {
		return t, true
	}
	hint := diag.T("write mm:ss.ttt or hh:mm:ss.ttt, with two digits for minutes and seconds (00–59) and three decimals, e.g. 00:01.500")
	if strings.Contains(s, ",") {
		hint = diag.T("WebVTT writes a full stop before the milliseconds (00:00:01.000), not a comma as SubRip (.srt) does")
	}
	p.errorf(line, hint, "%q is not a WebVTT time", s)
	return 0, false
}

// settings checks the cue settings.
func (p *parser) settings(s string, line int) {
	seen := map[string]bool{}
	for _, f := range strings.Fields(s) {
		name, value, ok := strings.Cut(f, ":")
		if !ok || value == "" {
			p.errorf(line, diag.T("write each cue setting as name:value, e.g. align:start"), "%q is not a cue setting", f)
			continue
		}
		if seen[name] {
			p.errorf(line, diag.Text{}, "the cue setting %s is given twice", name)
			continue
		}
		seen[name] = true
		valid := true
		switch name {
		case "vertical":
			valid = value == "rl" || value == "lr"
		case "line":
			v, align, _ := strings.Cut(value, ",")
			valid = (percentage(v) || number(v)) && (align == "" && !strings.HasSuffix(value, ",") || align == "start" || align == "center" || align == "end")
		case "position":
			v, align, _ := strings.Cut(value, ",")
			valid = percentage(v) && (align == "" && !strings.HasSuffix(value, ",") || align == "line-left" || align == "center" || align == "line-right")
		case "size":
			valid = percentage(value)
		case "align":
			valid = value == "start" || value == "center" || value == "end" || value == "left" || value == "right"
		case "region":
			if !contains(p.f.Regions, value) {
				p.errorf(line, diag.T("define it in a REGION block above the first cue"), "the cue names the region %q, which the file does not define", value)
			}
			continue
		default:
			p.errorf(line, diag.T("the cue settings are vertical, line, position, size, align and region"), "unknown cue setting %q", name)
			continue
		}
		if !valid {
			p.errorf(line, settingHint[name], "%q is not a valid value for the cue setting %s", value, name)
		}
	}
}

var settingHint = map[string]diag.Text{
	"vertical": diag.T("write vertical:rl or vertical:lr"),
	"line":     diag.T("write a line number (line:-1) or a percentage (line:90%%), optionally with ,start ,center or ,end"),
	"position": diag.T("write a percentage (position:10%%), optionally with ,line-left ,center or ,line-right"),
	"size":     diag.T("write a percentage from 0%% to 100%%"),
	"align":    diag.T("write start, center, end, left or right"),
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// percentage is "d+(.d+)?%" from 0 to 100.
func percentage(s string) bool {
	v, ok := strings.CutSuffix(s, "%")
	if !ok || !decimal(v) {
		return false
	}
	f, err := strconv.ParseFloat(v, 64)
	return err == nil && f <= 100
}

func decimal(s string) bool {
	a, b, dot := strings.Cut(s, ".")
	return digits(a) && (!dot || digits(b))
}

// number is an optionally negative integer or decimal (line:-1).
func number(s string) bool {
	return decimal(strings.TrimPrefix(s, "-"))
}

// knownTags are the cue text tags; v and lang take an annotation.
var knownTags = map[string]bool{"c": true, "i": true, "b": true, "u": true, "ruby": true, "rt": true, "v": true, "lang": true}

// cueText checks the tags of one line of cue text.
func (p *parser) cueText(l string, line int) {
	for {
		i := strings.IndexByte(l, '<')
		if i < 0 {
			return
		}
		l = l[i+1:]
		j := strings.IndexByte(l, '>')
		if j < 0 {
			p.errorf(line, diag.T("close the tag with >, or write &lt; for a < in the text"), "the cue text has a < without a closing >")
			return
		}
		tag := l[:j]
		l = l[j+1:]
		if name, ok := strings.CutPrefix(tag, "/"); ok {
			if !knownTags[name] {
				p.errorf(line, diag.T("the tags are c, i, b, u, ruby, rt, v and lang"), "unknown closing tag </%s> in the cue text", name)
			}
			continue
		}
		if _, ok := ParseTime(tag); ok {
			continue // a timestamp inside the cue (karaoke style)
		}
		name := tag
		annotation := ""
		if k := strings.IndexAny(tag, " \t"); k >= 0 {
			name, annotation = tag[:k], strings.TrimSpace(tag[k:])
		}
		name, _, _ = strings.Cut(name, ".") // classes: <c.yellow>
		switch {
		case !knownTags[name]:
			p.errorf(line, diag.T("the tags are c, i, b, u, ruby, rt, v and lang; write &lt; for a < in the text"), "unknown tag <%s> in the cue text", tag)
		case name == "v" && annotation == "":
			p.errorf(line, diag.T("name the speaker: <v Anna Berg>"), "the voice tag <v> names no speaker")
		case name == "lang" && annotation == "":
			p.errorf(line, diag.T("give the language: <lang en>"), "the tag <lang> names no language")
		}
	}
}

// CheckTimes applies the rules of a caption or chapter track to f's cues
// (see the package comment). duration is the video's length; 0 when it is
// not known, and then nothing is checked against it.
func (f *File) CheckTimes(duration Time) Errors {
	var errs Errors
	add := func(line int, hint diag.Text, format string, a ...any) {
		if len(errs) < maxErrors {
			errs = append(errs, &Error{Line: line, Message: diag.T(format, a...), Hint: hint})
		}
	}
	if len(f.Cues) == 0 {
		add(1, diag.T("add the cues, each a line like 00:01.000 --> 00:04.000 and its text"), "the file has no cues")
		return errs
	}
	for i, c := range f.Cues {
		if c.End <= c.Start {
			add(c.Line, diag.T("the second time is when the cue disappears"), "the cue ends at %s, not after it starts (%s)", c.End.Format(), c.Start.Format())
		}
		if PlainText(c.Text) == "" {
			add(c.Line, diag.T("write the cue's text under its times, or remove the cue"), "the cue has no text")
		}
		if duration > 0 && c.End > duration {
			add(c.Line, diag.T("the captions must fit the video: check the times, or whether they belong to another cut of it"),
				"the cue ends at %s, after the end of the video (%s)", c.End.Format(), duration.Format())
		}
		if i == 0 {
			continue
		}
		prev := f.Cues[i-1]
		switch {
		case c.Start < prev.Start:
			add(c.Line, diag.T("order the cues by time"), "the cue times go backwards: this cue starts at %s, before the cue on line %d (%s)",
				c.Start.Format(), prev.Line, prev.Start.Format())
		case c.Start < prev.End:
			add(c.Line, diag.T("end the cue above sooner, or merge both into one cue with a line per speaker (<v Anna>…)"),
				"the cue starts at %s, before the cue on line %d ends (%s): cues of one track must not overlap",
				c.Start.Format(), prev.Line, prev.End.Format())
		}
	}
	return errs
}
