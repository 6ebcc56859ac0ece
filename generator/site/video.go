package site

import (
	"errors"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/media"
	"github.com/klartext/klartext/generator/stillframe"
	"github.com/klartext/klartext/generator/video"
	"github.com/klartext/klartext/generator/webvtt"
)

// The ```video blocks: read by the load stage (package media: the blocks,
// the files' headers, the captions, the poster frames), resolved here once
// while the site model is made (the files found, the captions and chapters
// checked against the video, the transcript pages added to the model, the
// poster chosen), and rendered from that when their page renders
// (render.Player). The domain is in package video, webvtt and mediainfo;
// this file only finds the files and reports.

// KindTranscript is a transcript page the build makes from a video's
// captions, at <page>/transkript/ (English sites: /transcript/).
const KindTranscript = content.KindTranscript

// LargeVideo is the size of a video file above which the build warns.
const LargeVideo = 50 << 20

// VideoBlock is one resolved ```video block: a video of the site's own
// (Player) or a provider's placeholder (Embed); neither when it failed.
type VideoBlock struct {
	Line   int    // file line of the block's first body line
	Title  string // "" when the block failed
	Player *video.Player
	Embed  *video.EmbedData
	Poster *Poster // the poster the build makes for it; nil for none
}

// Poster is an image the build makes for a video: a frame of it taken
// with ffmpeg (Frame, PNG), or else a placeholder drawn with the video's
// title in its size.
type Poster struct {
	URL           string // site path, without the base path
	Frame         []byte
	Title         string
	Width, Height int
}

// PageVideos are the video blocks of one page, in order.
type PageVideos struct {
	Blocks []*VideoBlock
}

// VideoSet is what the site model keeps of its videos.
type VideoSet struct {
	Pages       map[*Node]*PageVideos
	Transcripts map[*Node]*video.Transcript
	media       *media.Set      // what the load stage read
	assetURLs   map[string]bool // every asset's URL, for the generated files not to clash; made on first need
	generated   map[string]bool
	words       *i18n.Catalog // the site language's words for players and transcripts
}

// resolveVideos resolves the video blocks the load stage read of every
// page that has one and adds their transcript pages; words are the site
// language's, for the caption tracks' labels.
func resolveVideos(s *Site, m *media.Set, words *i18n.Catalog, ds *diag.List) {
	vs := &s.Video
	vs.media = m
	vs.words = words
	var embeds []video.EmbedData
	for _, n := range s.Nodes { // the range keeps to the pages before the transcripts it adds
		if !n.HasVideo() {
			continue
		}
		transcripts := 0
		for _, b := range m.Blocks(n.Source) {
			res := &videoResolver{s: s, n: n, line: b.Line, transcripts: &transcripts}
			vb := res.resolve(b.Spec, b.Err)
			ds.Add(res.ds...)
			if vs.Pages == nil {
				vs.Pages = map[*Node]*PageVideos{}
			}
			pv := vs.Pages[n]
			if pv == nil {
				pv = &PageVideos{}
				vs.Pages[n] = pv
			}
			pv.Blocks = append(pv.Blocks, vb)
			if vb.Embed != nil {
				embeds = append(embeds, *vb.Embed)
			}
		}
	}
	s.VideoOrigins = video.FrameOrigins(embeds)
}

// VideoTitles are the titles of the videos a page shows or transcribes,
// for the feedback form.
func (s *Site) VideoTitles(n *Node) []string {
	if t := s.Video.Transcripts[n]; t != nil {
		return []string{t.Title}
	}
	var out []string
	if pv := s.Video.Pages[n]; pv != nil {
		for _, b := range pv.Blocks {
			if b.Title != "" {
				out = append(out, b.Title)
			}
		}
	}
	return out
}

// ResolveLateVideo resolves a ```video block that the Markdown renderer
// found but the plain scan did not (inside a quote or a list item): it can
// have no file or page of its own, which is an error where it needs one.
// The caption files it names are read now.
func ResolveLateVideo(s *Site, n *Node, body []byte, line int) (*VideoBlock, []diag.Diagnostic) {
	res := &videoResolver{s: s, n: n, line: line, late: true}
	spec, err := video.ParseSpec(body)
	vb := res.resolve(spec, err)
	return vb, res.ds
}

// videoResolver resolves one block.
type videoResolver struct {
	s           *Site
	n           *Node
	line        int  // file line of the block's first body line
	late        bool // found only while rendering: no page or file of its own can be added
	transcripts *int // transcript pages of this page so far
	spec        video.Spec
	ds          []diag.Diagnostic
}

func (v *videoResolver) at(blockLine int) int { return v.line + max(blockLine, 1) - 1 }

func (v *videoResolver) errorf(line int, key, hint, format string, a ...any) {
	d := diag.Errorf(v.n.Source, v.at(line), format, a...).WithKey(key)
	if hint != "" {
		d = d.WithHint("%s", hint)
	}
	v.ds = append(v.ds, d)
}

func (v *videoResolver) resolve(spec video.Spec, err error) *VideoBlock {
	if err != nil {
		v.ds = append(v.ds, fenceDiagnostics(v.n.Source, v.line, err)...)
		return &VideoBlock{Line: v.line}
	}
	v.spec = spec
	var vb *VideoBlock
	if spec.Own() {
		vb = v.own()
	} else {
		vb = v.provider()
	}
	if vb == nil || hasErrors(v.ds) {
		return &VideoBlock{Line: v.line}
	}
	vb.Line, vb.Title = v.line, spec.Title
	return vb
}

func hasErrors(ds []diag.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

// file finds a file the block names: beside the page, or from content/
// when it starts with "/". It returns its source path and its URL.
func (v *videoResolver) file(ref video.Ref, key, what string) (src, url string, ok bool) {
	p := ref.Path
	src, inside := ref.Source(v.n.Source)
	u, found := v.s.Assets[src]
	if !inside {
		v.errorf(ref.Line, key, "give a file inside content/", "the %s %q leads outside the content folder", what, p)
		return "", "", false
	}
	if !found {
		v.errorf(ref.Line, key, "put it beside the page, or give its path from content/ (/videos/film.mp4)", "the %s %q does not exist (%s)", what, p, src)
		return "", "", false
	}
	return src, u, true
}

// url is the address of a page or a file the build makes for this
// language (a drawn poster carries the block's title in its words).
func (v *videoResolver) url(u string) string { return v.s.Config.RelURL(u) }

// fileURL is the address of a file of content/ (a video, its captions and
// chapters, a poster given): the one copy every language shares.
func (v *videoResolver) fileURL(u string) string { return v.s.Config.FileURL(u) }

// own resolves a video of the site's own.
func (v *videoResolver) own() *VideoBlock {
	s, spec := v.s, v.spec
	if v.late {
		v.errorf(0, "file", "move the ```video block out of the quote or list, to the start of a line", "a video of the site's own cannot stand inside a quote or a list")
		return nil
	}
	lang := s.Config.Language
	p := video.Player{Title: spec.Title, Width: spec.Width, Height: spec.Height}
	var duration time.Duration
	var firstSrc, firstURL string
	for _, f := range spec.Files {
		src, u, ok := v.file(f, "file", "video file")
		if !ok {
			continue
		}
		file, ok := v.probe(src)
		if !ok {
			continue
		}
		info := file.Info
		if file.Size > LargeVideo {
			v.ds = append(v.ds, diag.Warnf(v.n.Source, v.at(f.Line), "the video file %s has %.1f MB; above %d MB it loads slowly on a phone",
				src, float64(file.Size)/(1<<20), LargeVideo>>20).WithKey("file").
				WithHint("encode it smaller: at 720p and about 1.5 Mbit/s a minute has some 11 MB"))
		}
		duration = max(duration, info.Duration)
		if p.Width == 0 && info.Width > 0 {
			p.Width, p.Height = info.Width, info.Height
		}
		p.Sources = append(p.Sources, video.Source{URL: v.fileURL(u), Type: video.Formats[strings.ToLower(path.Ext(src))]})
		if firstSrc == "" {
			firstSrc, firstURL = src, u
		}
	}
	if firstSrc == "" {
		return nil
	}
	if p.Width == 0 {
		v.errorf(0, "width", "give width: and height: in pixels", "the size of the video is not known: %s does not say", firstSrc)
	}
	dur := webvtt.Time((duration + time.Millisecond - 1) / time.Millisecond)
	var captions []captionFile
	for _, c := range spec.Captions {
		if cf, ok := v.captions(c, dur); ok {
			captions = append(captions, cf)
		}
	}
	defaultLang := ""
	for _, cf := range captions {
		t := video.Track{Kind: "captions", Lang: cf.lang, Label: v.s.Video.words.LanguageName(cf.lang), URL: v.fileURL(cf.url)}
		if defaultLang == "" && locale.Primary(cf.lang) == locale.Primary(lang) {
			t.Default, defaultLang = true, cf.lang
		}
		p.Tracks = append(p.Tracks, t)
	}
	if spec.NoCaptions {
		p.NoCaptions = spec.Reason
	}
	p.Chapters = spec.Chapters
	for _, c := range spec.Chapters {
		if dur > 0 && c.Start >= dur {
			v.errorf(c.Line, "chapters", "check the time, or whether the list belongs to another cut of the video",
				"the chapter %q starts at %s, after the end of the video (%s)", c.Title, c.Start.Short(), dur.Short())
		}
	}
	if ref := spec.ChaptersFile; ref.Path != "" {
		if f, u, ok := v.vtt(ref, "chapters", "chapters file", dur); ok {
			for _, c := range f.Cues {
				p.Chapters = append(p.Chapters, video.Chapter{Start: c.Start, Title: webvtt.PlainText(c.Text), Line: c.Line})
			}
			p.Tracks = append(p.Tracks, video.Track{Kind: "chapters", Lang: locale.Primary(lang), Label: video.ChaptersLabel(v.s.Video.words), URL: v.fileURL(u)})
		}
	}
	vb := &VideoBlock{Player: &p}
	p.Poster, vb.Poster = v.poster(firstSrc, firstURL, duration, p.Width, p.Height)
	p.Transcript = v.transcript(captions, p.Chapters)
	if hasErrors(v.ds) {
		return nil
	}
	return vb
}

// probe is the header of a video file, as the load stage read it; its
// problems are reported by every block that names it.
func (v *videoResolver) probe(src string) (media.Video, bool) {
	f := v.s.Video.media.Video(src)
	v.ds = append(v.ds, f.Problems...)
	return f, f.OK
}

// captionFile is a validated caption file.
type captionFile struct {
	lang string
	url  string
	cues []webvtt.Cue
}

func (v *videoResolver) captions(c video.Caption, dur webvtt.Time) (captionFile, bool) {
	if !locale.KnownLanguage(c.Lang) {
		v.ds = append(v.ds, diag.Warnf(v.n.Source, v.at(c.Line), "the language code %q is not known: the player names it by its code", c.Lang).WithKey("captions"))
	}
	f, u, ok := v.vtt(c.Ref, "captions", "captions file", dur)
	if !ok {
		return captionFile{}, false
	}
	return captionFile{lang: c.Lang, url: u, cues: f.Cues}, true
}

// vtt is a WebVTT file the block names, as the load stage read it,
// checked against the video's length; its errors name the file and line.
func (v *videoResolver) vtt(ref video.Ref, key, what string, dur webvtt.Time) (*webvtt.File, string, bool) {
	src, u, ok := v.file(ref, key, what)
	if !ok {
		return nil, "", false
	}
	t := v.s.Video.media.Text(src)
	if len(t.Problems) > 0 {
		v.ds = append(v.ds, t.Problems...)
		return nil, "", false
	}
	errs := t.File.CheckTimes(dur)
	v.ds = append(v.ds, media.Diagnostics(src, errs)...)
	return t.File, u, errs == nil
}

// poster is the poster's URL: the block's own, else a frame ffmpeg takes
// (when it is there), else a drawn placeholder; and the file the build
// must write for it.
func (v *videoResolver) poster(firstSrc, firstURL string, d time.Duration, w, h int) (string, *Poster) {
	vs := &v.s.Video
	if ref := v.spec.Poster; ref.Path != "" {
		if _, u, ok := v.file(ref, "poster", "poster"); ok {
			return v.fileURL(u), nil
		}
		return "", nil
	}
	base := strings.TrimSuffix(firstURL, path.Ext(firstURL)) + ".poster"
	var g *Poster
	if png, err, taken := vs.media.Frame(firstSrc, stillframe.At(d)); taken {
		if err == nil {
			g = &Poster{URL: base + ".png", Frame: png}
		} else {
			v.ds = append(v.ds, diag.Warnf(v.n.Source, v.at(v.spec.Line("file")), "no poster frame could be taken from %s (%v): the page shows a drawn placeholder", firstSrc, err).
				WithHint("give poster: with an image"))
		}
	}
	if g == nil {
		g = &Poster{URL: base + ".svg", Title: v.spec.Title, Width: w, Height: h}
	}
	if vs.assetURLs == nil {
		vs.assetURLs, vs.generated = map[string]bool{}, map[string]bool{}
		for _, u := range v.s.Assets {
			vs.assetURLs[u] = true
		}
	}
	if vs.assetURLs[g.URL] {
		v.errorf(v.spec.Line("file"), "poster", "give poster: "+path.Base(g.URL)+", or rename that file",
			"the poster the build makes for the video would replace the file %s", g.URL)
		return "", nil
	}
	// A frame of the video is the same in every language: published once,
	// at the default language's address (publish's posterFiles); a drawn
	// poster carries the title in this language's words: its own.
	u := v.url(g.URL)
	if g.Frame != nil {
		u = v.fileURL(g.URL)
	}
	if vs.generated[g.URL] {
		return u, nil // the same video on another page: written once
	}
	vs.generated[g.URL] = true
	return u, g
}

// transcript is the transcript's URL: the block's transcript: (a page or
// an address), else a page the build makes from the captions in the
// page's language (else the first given); "" when there are no captions.
func (v *videoResolver) transcript(captions []captionFile, chapters []video.Chapter) string {
	s, n, spec := v.s, v.n, v.spec
	if t := spec.Transcript; t != "" {
		file, anchor, _ := strings.Cut(t, "#")
		if !strings.HasSuffix(file, ".md") {
			return t
		}
		target := s.BySource[path.Join(path.Dir(n.Source), file)]
		if target == nil {
			v.errorf(spec.Line("transcript"), "transcript", "links are relative to this file's folder", "the transcript %q does not exist", t)
			return ""
		}
		u := v.url(target.URL)
		if anchor != "" {
			u += "#" + anchor
		}
		return u
	}
	if len(captions) == 0 {
		return ""
	}
	if v.late {
		v.errorf(0, "transcript", "move the ```video block out of the quote or list, or give transcript:", "the video stands inside a quote or a list, where the build cannot make its transcript page")
		return ""
	}
	lang := s.Config.Language
	c := captions[0]
	for _, cf := range captions {
		if locale.Primary(cf.lang) == locale.Primary(lang) {
			c = cf
			break
		}
	}
	*v.transcripts++
	slug := video.TranscriptSlug(s.Video.words)
	if *v.transcripts > 1 {
		slug += "-" + strconv.Itoa(*v.transcripts)
	}
	url := n.URL + slug + "/"
	if other := s.ByURL[url]; other != nil {
		v.errorf(spec.Line("captions"), "transcript", "give transcript: with that page, or rename it",
			"the transcript page the build makes for this video would replace %s (%s)", orGenerated(other.Source), url)
		return ""
	}
	t := &video.Transcript{Title: spec.Title, VideoURL: v.url(n.URL), Cues: c.cues, Chapters: chapters}
	if locale.Primary(c.lang) != locale.Primary(lang) {
		t.Lang, t.LangName = c.lang, s.Video.words.LanguageName(c.lang)
	}
	title := video.TranscriptTitle(spec.Title, s.Video.words)
	tn := &Node{Page: &content.Page{Kind: KindTranscript, Section: n.Section, Slug: slug, URL: url},
		Title: title, Summary: title, Feedback: n.Feedback}
	s.add(tn)
	if s.Video.Transcripts == nil {
		s.Video.Transcripts = map[*Node]*video.Transcript{}
	}
	s.Video.Transcripts[tn] = t
	return v.url(url)
}

func orGenerated(src string) string {
	if src == "" {
		return "a page the build makes"
	}
	return src
}

// provider resolves a YouTube or Vimeo video. Captions given as files are
// checked and make the transcript page; the provider's player shows its
// own.
func (v *videoResolver) provider() *VideoBlock {
	d := video.Embed(v.spec)
	var captions []captionFile
	for _, c := range v.spec.Captions {
		if cf, ok := v.captions(c, 0); ok {
			captions = append(captions, cf)
		}
	}
	d.Transcript = v.transcript(captions, nil)
	if hasErrors(v.ds) {
		return nil
	}
	return &VideoBlock{Embed: &d}
}

// fenceDiagnostics turns a fence parser's errors (lines counted inside the
// fence) into diagnostics with the file's lines.
func fenceDiagnostics(source string, line int, err error) []diag.Diagnostic {
	var ves video.Errors
	if errors.As(err, &ves) {
		var out []diag.Diagnostic
		for _, e := range ves {
			d := diag.Errorf(source, line+max(e.Line, 1)-1, "%s", e.Message).WithKey(e.Key)
			if !e.Hint.Empty() {
				d = d.WithHint("%s", e.Hint)
			}
			out = append(out, d)
		}
		return out
	}
	return []diag.Diagnostic{diag.Errorf(source, line, "%v", err)}
}
