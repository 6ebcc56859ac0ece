package video

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/suggest"
	"github.com/klartext/klartext/generator/webvtt"
)

// Providers are the accepted values of provider.
var Providers = []string{"vimeo", "youtube"}

// Keys are the accepted keys of a video block, sorted.
var Keys = []string{"captions", "chapters", "file", "height", "id", "poster", "provider", "reason", "title", "transcript", "width"}

// ownOnly are the keys only a video of the site's own has.
var ownOnly = []string{"chapters", "height", "poster", "width"}

// Formats maps a video file's extension to its media type: the formats a
// browser plays without a plug-in.
var Formats = map[string]string{".mp4": "video/mp4", ".webm": "video/webm"}

// PosterFormats are the image files poster: accepts.
var PosterFormats = []string{".avif", ".gif", ".jpeg", ".jpg", ".png", ".svg", ".webp"}

// MaxSide bounds width and height.
const MaxSide = 8192

// Ref is a file named in the block, as written, with the block line that
// names it.
type Ref struct {
	Path string
	Line int
}

// Caption is one language's captions.
type Caption struct {
	Lang string // "de", "en-GB"
	Ref
}

// Chapter is one entry of a chapters: list.
type Chapter struct {
	Start webvtt.Time
	Title string
	Line  int
}

// Spec is a video block as written.
type Spec struct {
	Provider string // "youtube" or "vimeo" (lower case after ParseSpec); "" for a video of the site's own
	ID       string // the provider's video id
	Files    []Ref  // the site's own video: one file per format, in the order written
	Title    string // required: the caption, the iframe's title, the transcript's heading

	Poster        Ref
	Width, Height int // 0 when not given

	Captions   []Caption // in the order written
	NoCaptions bool      // captions: none
	Reason     string    // why there are no captions (with captions: none)

	ChaptersFile Ref       // a WebVTT chapters file
	Chapters     []Chapter // or the chapters written as a list

	Transcript string // a URL or a relative .md path, kept as written

	lines map[string]int
}

// Own reports whether the block is a video of the site's own (file:).
func (s Spec) Own() bool { return len(s.Files) > 0 }

// Line is the block line of key; 0 when the key is not written.
func (s Spec) Line(key string) int { return s.lines[key] }

// Error is one problem in a video block. Line is 1-based within the fence
// body (the line after ```video is line 1), or 0 when the problem concerns
// the whole block; the caller adds the line of the opening fence to get the
// line in the file.
type Error struct {
	Line int
	Key  string // the key at fault, if any
	// Message and Hint (what to do; may be empty) are diag.Text, so that
	// the diagnostic made of the error speaks the site's language.
	Message diag.Text
	Hint    diag.Text
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	b.WriteString(e.Message.String())
	if !e.Hint.Empty() {
		b.WriteString(" — ")
		b.WriteString(e.Hint.String())
	}
	return b.String()
}

// Errors is every problem found in one block, in line order. ParseSpec's
// error is always of this type, so one build shows all of them.
type Errors []*Error

func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "; ")
}

// maxSpecBytes bounds the block, so no pathological YAML is parsed.
const maxSpecBytes = 8 << 10

var (
	youtubeID   = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	vimeoID     = regexp.MustCompile(`^[0-9]{1,12}$`)
	yamlLine    = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	typeLine    = regexp.MustCompile(`^\s*line (\d+): (.*)$`)
	langCode    = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	chapterLine = regexp.MustCompile(`^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})\s+(\S.*)$`)
)

type specParser struct {
	errs Errors
	s    Spec
}

func (p *specParser) add(line int, key string, hint diag.Text, format string, a ...any) {
	p.errs = append(p.errs, &Error{Line: line, Key: key, Message: diag.T(format, a...), Hint: hint})
}

// ParseSpec reads the YAML body of a ```video block (without the fence
// lines). Unknown keys, duplicate keys, values of the wrong shape, a
// missing title, a block that is neither the site's own file nor a
// provider's video, an id that does not fit the provider, captions
// missing or a file of the wrong kind are errors; the error is an Errors
// value with the line of each problem. The provider is accepted in any
// case ("YouTube") and returned lower case; all values are trimmed. Files
// are not looked at: that is the caller's part.
func ParseSpec(src []byte) (Spec, error) {
	p := &specParser{s: Spec{lines: map[string]int{}}}
	if len(src) > maxSpecBytes {
		p.add(0, "", diag.T("a video block has a dozen short lines"), "the video block is longer than %d bytes", maxSpecBytes)
		return Spec{}, p.errs
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.add(0, "", diag.T("write file (or provider and id), title and captions, one per line"), "the video block is empty")
			return Spec{}, p.errs
		}
		return Spec{}, Errors{yamlError(err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		p.add(extra.Line, "", diag.T("remove the --- line"), "the video block holds more than one YAML document")
		return Spec{}, p.errs
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		p.add(root.Line, "", diag.T("write the video's keys as `key: value` lines"), "the video block is not a list of keys")
		return Spec{}, p.errs
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		p.key(root.Content[i], root.Content[i+1])
	}
	if len(p.errs) > 0 {
		return Spec{}, p.errs
	}
	p.check()
	if len(p.errs) > 0 {
		return Spec{}, p.errs
	}
	return p.s, nil
}

// key reads one key and its value.
func (p *specParser) key(k, v *yaml.Node) {
	key := k.Value
	switch {
	case !slices.Contains(Keys, key):
		hint := suggest.Hint(key, Keys)
		if hint.Empty() {
			hint = diag.T("the keys are %s", strings.Join(Keys, ", "))
		}
		p.add(k.Line, key, hint, "unknown key %q in the video block", key)
		return
	case p.s.lines[key] != 0:
		p.add(k.Line, key, diag.Text{}, "%s is given twice (first on line %d)", key, p.s.lines[key])
		return
	}
	p.s.lines[key] = k.Line
	s := &p.s
	switch key {
	case "file":
		for _, n := range p.texts(key, v, diag.T("write one file (file: film.mp4) or a list of the same video's formats (file: [film.webm, film.mp4])")) {
			s.Files = append(s.Files, Ref{n.Value, n.Line})
		}
	case "captions":
		p.captions(v)
	case "chapters":
		p.chapters(v)
	case "width", "height":
		if n, ok := p.text(key, v); ok {
			px, err := strconv.Atoi(n)
			if err != nil || px < 1 || px > MaxSide {
				p.add(v.Line, key, diag.T("write the size in pixels, e.g. width: 1280 and height: 720"), "%s %q is not a number of pixels from 1 to %d", key, n, MaxSide)
			} else if key == "width" {
				s.Width = px
			} else {
				s.Height = px
			}
		}
	default:
		n, ok := p.text(key, v)
		if !ok {
			return
		}
		switch key {
		case "provider":
			s.Provider = strings.ToLower(n)
		case "id":
			s.ID = n
		case "title":
			s.Title = n
		case "poster":
			s.Poster = Ref{n, v.Line}
		case "reason":
			s.Reason = n
		case "transcript":
			s.Transcript = n
		}
	}
}

// text is a single text value, trimmed.
func (p *specParser) text(key string, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		p.add(v.Line, key, diag.Text{}, "%s must be a single text value", key)
		return "", false
	}
	return strings.TrimSpace(v.Value), true
}

// texts is one text value or a list of them.
func (p *specParser) texts(key string, v *yaml.Node, hint diag.Text) []*yaml.Node {
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag != "!!null" && strings.TrimSpace(v.Value) != "":
		v.Value = strings.TrimSpace(v.Value)
		return []*yaml.Node{v}
	case v.Kind == yaml.SequenceNode && len(v.Content) > 0:
		for _, n := range v.Content {
			if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
				p.add(n.Line, key, hint, "each entry of %s must be a text value", key)
				return nil
			}
			n.Value = strings.TrimSpace(n.Value)
		}
		return v.Content
	}
	p.add(v.Line, key, hint, "%s must be a text value or a list of them", key)
	return nil
}

func (p *specParser) captions(v *yaml.Node) {
	hint := diag.T("write captions: followed by a line per language (  de: film.de.vtt), or captions: none and reason: why the video needs none")
	switch {
	case v.Kind == yaml.ScalarNode && strings.EqualFold(strings.TrimSpace(v.Value), "none"):
		p.s.NoCaptions = true
		return
	case v.Kind != yaml.MappingNode || len(v.Content) == 0:
		p.add(v.Line, "captions", hint, "captions must be none or the WebVTT file of each language")
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, f := v.Content[i], v.Content[i+1]
		lang := strings.TrimSpace(k.Value)
		if !langCode.MatchString(lang) {
			p.add(k.Line, "captions", diag.T("write the language as a code: de, en, tr, en-GB"), "%q is not a language code", lang)
			continue
		}
		if first, ok := seen[lang]; ok {
			p.add(k.Line, "captions", diag.Text{}, "the captions in %q are given twice (first on line %d)", lang, first)
			continue
		}
		seen[lang] = k.Line
		file, ok := p.text("captions", f)
		if !ok {
			continue
		}
		if !strings.EqualFold(path.Ext(file), ".vtt") {
			p.add(f.Line, "captions", diag.T("captions are WebVTT files (.vtt); convert SubRip (.srt) files to WebVTT"), "the captions file %q is not a WebVTT file (.vtt)", file)
			continue
		}
		p.s.Captions = append(p.s.Captions, Caption{Lang: lang, Ref: Ref{file, f.Line}})
	}
}

func (p *specParser) chapters(v *yaml.Node) {
	hint := diag.T(`write chapters: film.chapters.vtt, or a list of "m:ss Title" entries`)
	if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
		file := strings.TrimSpace(v.Value)
		if !strings.EqualFold(path.Ext(file), ".vtt") {
			p.add(v.Line, "chapters", hint, "the chapters file %q is not a WebVTT file (.vtt)", file)
			return
		}
		p.s.ChaptersFile = Ref{file, v.Line}
		return
	}
	entries := p.texts("chapters", v, hint)
	for _, n := range entries {
		m := chapterLine.FindStringSubmatch(n.Value)
		if m == nil {
			p.add(n.Line, "chapters", diag.T(`write the start and the title, e.g. "1:05 Die Kosten"`), "%q is not a chapter (start time and title)", n.Value)
			continue
		}
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		sec, _ := strconv.Atoi(m[3])
		if sec > 59 || m[1] != "" && mi > 59 {
			p.add(n.Line, "chapters", diag.T("minutes and seconds go from 00 to 59"), "%q is not a time", strings.TrimSuffix(n.Value, m[4]))
			continue
		}
		c := Chapter{Start: webvtt.Time((h*3600 + mi*60 + sec) * 1000), Title: strings.TrimSpace(m[4]), Line: n.Line}
		if k := len(p.s.Chapters); k > 0 && c.Start <= p.s.Chapters[k-1].Start {
			p.add(n.Line, "chapters", diag.T("list the chapters in the order of the video"), "the chapter %q starts at %s, not after the one above it (%s)",
				c.Title, c.Start.Short(), p.s.Chapters[k-1].Start.Short())
			continue
		}
		p.s.Chapters = append(p.s.Chapters, c)
	}
}

// check applies the rules between keys.
func (p *specParser) check() {
	s := &p.s
	line := s.Line
	if s.Title == "" {
		p.add(line("title"), "title", diag.T("the title names the video for screen readers, in the caption and on the transcript"), "the video block needs a title")
	}
	if s.Transcript != "" && !safeLink(s.Transcript) {
		p.add(line("transcript"), "transcript", diag.T("write an https:// address or the path of a Markdown file, e.g. transkript.md"), "transcript %q is not a web address or a file path", s.Transcript)
	}
	switch {
	case s.Own() && (s.Provider != "" || s.ID != ""):
		k := "provider"
		if s.Provider == "" {
			k = "id"
		}
		p.add(line(k), k, diag.T("a video is either a file of the site's own or on YouTube or Vimeo: remove file, or provider and id"), "the video block has both file and %s", k)
		return
	case s.Own():
		p.checkOwn()
	default:
		p.checkProvider()
	}
	if s.NoCaptions && s.Reason == "" {
		p.add(line("captions"), "reason", diag.T(`say why the video needs no captions, e.g. reason: "Das Video hat keinen Ton."`), "captions: none needs a reason, which the page shows")
	}
	if s.Reason != "" && !s.NoCaptions {
		p.add(line("reason"), "reason", diag.T("reason: says why a video has no captions; remove it, or write captions: none"), "reason is given, but the video has captions")
	}
}

func (p *specParser) checkOwn() {
	s := &p.s
	seen := map[string]string{}
	for _, f := range s.Files {
		ext := strings.ToLower(path.Ext(f.Path))
		if _, ok := Formats[ext]; !ok {
			p.add(f.Line, "file", diag.T("convert it to MP4 (H.264) and WebM, which every browser plays, e.g. with ffmpeg"),
				"the video file %q is not MP4 (.mp4) or WebM (.webm)", f.Path)
			continue
		}
		if other, ok := seen[ext]; ok {
			p.add(f.Line, "file", diag.T("give one file per format"), "%q and %q are both %s files", other, f.Path, strings.TrimPrefix(ext, "."))
			continue
		}
		seen[ext] = f.Path
		if !fileRef(f.Path) {
			p.add(f.Line, "file", diag.T("write the file's name beside the page (film.mp4) or its path from content/ (/videos/film.mp4)"), "%q is not a file path", f.Path)
		}
	}
	for _, r := range append([]Ref{s.Poster, s.ChaptersFile}, captionRefs(s.Captions)...) {
		if r.Path != "" && !fileRef(r.Path) {
			p.add(r.Line, "", diag.T("write the file's name beside the page or its path from content/"), "%q is not a file path", r.Path)
		}
	}
	if s.Poster.Path != "" && !slices.Contains(PosterFormats, strings.ToLower(path.Ext(s.Poster.Path))) {
		p.add(s.Poster.Line, "poster", diag.T("use a JPEG, PNG, WebP, AVIF, GIF or SVG image"), "the poster %q is not an image file", s.Poster.Path)
	}
	if (s.Width == 0) != (s.Height == 0) {
		k := "width"
		if s.Height == 0 {
			k = "height"
		}
		p.add(s.Line(map[string]string{"width": "height", "height": "width"}[k]), k, diag.T("give both width and height, or neither (then the file's own size is used)"), "the video block gives %s but not %s",
			map[string]string{"width": "height", "height": "width"}[k], k)
	}
	if len(s.Captions) == 0 && !s.NoCaptions && s.Line("captions") == 0 {
		p.add(0, "captions", diag.T("add captions: with a WebVTT file per language (  de: film.de.vtt), or captions: none and reason: why the video needs none (no speech)"),
			"the video has no captions, which the law requires for a video with speech (WCAG 2.1, 1.2.2)")
	}
}

func (p *specParser) checkProvider() {
	s := &p.s
	line := s.Line
	switch s.Provider {
	case "youtube", "vimeo":
		if s.ID == "" {
			p.add(line("id"), "id", diag.T("copy it from the video's address"), "the video block needs the %s id", s.Provider)
		} else if !validID(s.Provider, s.ID) {
			p.add(line("id"), "id", idHint(s.Provider, s.ID), "%q is not a %s video id", s.ID, providerName(s.Provider))
		}
	case "":
		p.add(line("provider"), "provider", diag.T("write file: film.mp4 for a video of the site's own, or provider: youtube (or vimeo) and id:"), "the video block needs a file or a provider")
		return
	default:
		hint := suggest.Hint(s.Provider, Providers)
		if hint.Empty() {
			hint = diag.T("write youtube or vimeo")
		}
		p.add(line("provider"), "provider", hint, "provider %q is not youtube or vimeo", s.Provider)
		return
	}
	for _, k := range ownOnly {
		if line(k) != 0 {
			p.add(line(k), k, diag.T("remove it: the provider's player decides"), "%s is for a video of the site's own (file:), not one on %s", k, providerName(s.Provider))
		}
	}
	for _, c := range s.Captions {
		if !fileRef(c.Path) {
			p.add(c.Line, "captions", diag.T("write the file's name beside the page or its path from content/"), "%q is not a file path", c.Path)
		}
	}
	if s.Transcript == "" && len(s.Captions) == 0 && !s.NoCaptions {
		p.add(0, "transcript", diag.T("write transcript: with a page (transkript.md) or an address, or give the captions as WebVTT files (captions: {de: film.de.vtt}) and the build makes the transcript"),
			"the build cannot see %s's captions, so the video needs a transcript (WCAG 2.1, 1.2.2 and 1.2.3)", providerName(s.Provider))
	}
}

func captionRefs(cs []Caption) []Ref {
	out := make([]Ref, len(cs))
	for i, c := range cs {
		out[i] = c.Ref
	}
	return out
}

// fileRef accepts a relative path or one from content/ ("/videos/x.mp4"):
// no scheme, no query or fragment, no backslash.
func fileRef(s string) bool {
	return s != "" && !strings.ContainsAny(s, `?#\`) && !strings.Contains(s, "://") && !strings.HasPrefix(s, "//") && safeLink(s)
}

// yamlError turns a yaml.v3 error into an Error with its line.
func yamlError(err error) *Error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{Line: n, Message: diag.T("the video block is not valid YAML: %s", m[2])}
	}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		if m := typeLine.FindStringSubmatch(te.Errors[0]); m != nil {
			n, _ := strconv.Atoi(m[1])
			return &Error{Line: n, Message: diag.T("the video block: %s", m[2])}
		}
	}
	return &Error{Message: diag.T("the video block is not valid YAML: %s", strings.TrimPrefix(msg, "yaml: "))}
}

// Source is the file a block on the page source names: beside the page,
// or from the content folder when the path starts with "/"; inside is
// false when the path leads out of the content folder.
func (r Ref) Source(page string) (src string, inside bool) {
	if strings.HasPrefix(r.Path, "/") {
		src = path.Join(content.Dir, r.Path)
	} else {
		src = path.Join(path.Dir(page), r.Path)
	}
	return src, strings.HasPrefix(src, content.Dir+"/")
}
