package build

import (
	"bytes"
	"errors"
	"html/template"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/mediainfo"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/stillframe"
	"github.com/klartext/klartext/generator/video"
	"github.com/klartext/klartext/generator/webvtt"
)

// The ```video blocks: resolved once while the site model is assembled
// (their files found, the captions and chapters validated, the transcript
// pages added to the model, the poster made), rendered from that when
// their page renders. The domain is in package video, webvtt and
// mediainfo; this file only finds the files and reports.

// KindTranscript is a transcript page the build makes from a video's
// captions, at <page>/transkript/ (English sites: /transcript/).
const KindTranscript content.Kind = "transcript"

// LargeVideo is the size of a video file above which the build warns.
const LargeVideo = 50 << 20

// videoBlock is one resolved ```video block.
type videoBlock struct {
	line   int    // file line of the block's first body line
	title  string // "" when the block failed
	html   []byte // the player or the placeholder
	origin string // a provider's origin, for the CSP's frame-src
	poster *generatedFile
}

// generatedFile is a file the build makes for a video (a poster).
type generatedFile struct {
	url  string // site path, without the base path
	data []byte
}

// pageVideos are the video blocks of one page, in order.
type pageVideos struct {
	blocks []*videoBlock
}

// videoSite is what the site model keeps of its videos.
type videoSite struct {
	pages       map[*Node]*pageVideos
	transcripts map[*Node]*video.Transcript
	assetURLs   map[string]bool // every asset's URL, for the generated files not to clash; made on first need
	extractor   *stillframe.Extractor
	findFrames  bool // look for ffmpeg (not in a dry run)
	looked      bool
	generated   map[string]bool
	words       *i18n.Catalog // the site language's words for players and transcripts
}

// resolveVideos reads the video blocks of every page that has one and
// adds their transcript pages. Only pages with a ```video fence are read.
func resolveVideos(s *Site, opts Options, words *i18n.Catalog, ds *diag.List) {
	vs := &s.video
	vs.words = words
	vs.findFrames = !opts.DryRun
	added := false
	var embeds []video.EmbedData
	for _, n := range s.Nodes { // the range keeps to the pages before the transcripts it adds
		if !n.HasVideo() {
			continue
		}
		body, err := n.ReadBody(s.Files)
		if err != nil {
			continue // reported when the page renders
		}
		transcripts := 0
		for _, b := range content.FencedBlockLines(body, "video") {
			res := &videoResolver{s: s, n: n, line: n.BodyLine + b.Line - 1, transcripts: &transcripts}
			vb := res.resolve(b.Body)
			ds.Add(res.ds...)
			if vs.pages == nil {
				vs.pages = map[*Node]*pageVideos{}
			}
			pv := vs.pages[n]
			if pv == nil {
				pv = &pageVideos{}
				vs.pages[n] = pv
			}
			pv.blocks = append(pv.blocks, vb)
			if vb.origin != "" {
				embeds = append(embeds, video.EmbedData{Origin: vb.origin})
			}
			added = added || res.added
		}
	}
	s.videoOrigins = video.FrameOrigins(embeds)
	if added {
		s.sortNodes()
	}
}

// videoFence renders a ```video block of a page from what resolveVideos
// found. A block it did not see (inside a quote or a list item, where the
// renderer finds fences the plain scan does not) is resolved now; it can
// have no page of its own.
func (r *renderer) videoFence(n *Node, body []byte, line int) ([]byte, []diag.Diagnostic) {
	if pv := r.site.video.pages[n]; pv != nil {
		for _, b := range pv.blocks {
			if b.line == line {
				return b.html, nil
			}
		}
	}
	res := &videoResolver{s: r.site, n: n, line: line, late: true}
	vb := res.resolve(body)
	return vb.html, res.ds
}

// videoTitles are the titles of the videos a page shows or transcribes,
// for the feedback form.
func (s *Site) videoTitles(n *Node) []string {
	if t := s.video.transcripts[n]; t != nil {
		return []string{t.Title}
	}
	var out []string
	if pv := s.video.pages[n]; pv != nil {
		for _, b := range pv.blocks {
			if b.title != "" {
				out = append(out, b.title)
			}
		}
	}
	return out
}

// transcriptBody renders a transcript page's text into v.Content.
func (r *renderer) transcriptBody(n *Node, v *PageView, pd *diag.List) {
	t := r.site.video.transcripts[n]
	if t == nil {
		return
	}
	var buf bytes.Buffer
	if err := video.RenderTranscript(&buf, *t, r.site.video.words); err != nil {
		pd.Add(diag.Errorf("", 0, "cannot render the transcript %s: %v", n.URL, err))
		return
	}
	v.Content = template.HTML(buf.String())
}

// videoFiles are the files the build makes for the site's videos (drawn
// or extracted posters), each owned by the page whose block made it.
func (r *renderer) videoFiles() []siteFile {
	var out []siteFile
	for _, n := range r.site.Nodes {
		pv := r.site.video.pages[n]
		if pv == nil {
			continue
		}
		for _, b := range pv.blocks {
			if p := b.poster; p != nil {
				out = append(out, siteFile{p.url, output.Source{Origin: output.Derived, File: n.Source, Line: b.line, What: "the video's poster"},
					func() ([]byte, bool) { return p.data, true }})
			}
		}
	}
	return out
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
	added       bool // a transcript page was added to the site
}

func (v *videoResolver) at(blockLine int) int { return v.line + max(blockLine, 1) - 1 }

func (v *videoResolver) errorf(line int, key, hint, format string, a ...any) {
	d := diag.Errorf(v.n.Source, v.at(line), format, a...).WithKey(key)
	if hint != "" {
		d = d.WithHint("%s", hint)
	}
	v.ds = append(v.ds, d)
}

func (v *videoResolver) resolve(body []byte) *videoBlock {
	spec, err := video.ParseSpec(body)
	if err != nil {
		v.ds = append(v.ds, fenceDiagnostics(v.n.Source, v.line, err)...)
		return &videoBlock{line: v.line}
	}
	v.spec = spec
	var vb *videoBlock
	if spec.Own() {
		vb = v.own()
	} else {
		vb = v.provider()
	}
	if vb == nil || hasErrors(v.ds) {
		return &videoBlock{line: v.line}
	}
	vb.line, vb.title = v.line, spec.Title
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
	if strings.HasPrefix(p, "/") {
		src = path.Join(content.Dir, p)
	} else {
		src = path.Join(path.Dir(v.n.Source), p)
	}
	if !strings.HasPrefix(src, content.Dir+"/") {
		v.errorf(ref.Line, key, "give a file inside content/", "the %s %q leads outside the content folder", what, p)
		return "", "", false
	}
	u, found := v.s.Assets[src]
	if !found {
		v.errorf(ref.Line, key, "put it beside the page, or give its path from content/ (/videos/film.mp4)", "the %s %q does not exist (%s)", what, p, src)
		return "", "", false
	}
	return src, u, true
}

func (v *videoResolver) abs(src string) string {
	return filepath.Join(v.s.Root, filepath.FromSlash(src))
}

func (v *videoResolver) url(u string) string { return relURL(v.s.Config.BasePath(), u) }

// own resolves a video of the site's own.
func (v *videoResolver) own() *videoBlock {
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
		info, size, ok := v.probe(src)
		if !ok {
			continue
		}
		if size > LargeVideo {
			v.ds = append(v.ds, diag.Warnf(v.n.Source, v.at(f.Line), "the video file %s has %.1f MB; above %d MB it loads slowly on a phone",
				src, float64(size)/(1<<20), LargeVideo>>20).WithKey("file").
				WithHint("encode it smaller: at 720p and about 1.5 Mbit/s a minute has some 11 MB"))
		}
		duration = max(duration, info.Duration)
		if p.Width == 0 && info.Width > 0 {
			p.Width, p.Height = info.Width, info.Height
		}
		p.Sources = append(p.Sources, video.Source{URL: v.url(u), Type: video.Formats[strings.ToLower(path.Ext(src))]})
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
		t := video.Track{Kind: "captions", Lang: cf.lang, Label: v.s.video.words.LanguageName(cf.lang), URL: v.url(cf.url)}
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
			p.Tracks = append(p.Tracks, video.Track{Kind: "chapters", Lang: locale.Primary(lang), Label: video.ChaptersLabel(v.s.video.words), URL: v.url(u)})
		}
	}
	vb := &videoBlock{}
	p.Poster, vb.poster = v.poster(firstSrc, firstURL, duration, p.Width, p.Height)
	p.Transcript = v.transcript(captions, p.Chapters)
	if hasErrors(v.ds) {
		return nil
	}
	var buf bytes.Buffer
	if err := video.RenderPlayer(&buf, p, v.s.video.words); err != nil {
		v.errorf(0, "", "", "cannot render the video: %v", err)
		return nil
	}
	vb.html = buf.Bytes()
	return vb
}

// probe reads the container header of a video file; the file must be of
// the format its name says.
func (v *videoResolver) probe(src string) (mediainfo.Info, int64, bool) {
	// Read through the site's guarded reader (no link out of the site, no
	// special file, bounded): the header probe reads from memory.
	data, err := v.s.Files.ReadFile(src, MaxAssetBytes)
	var tooLarge *fileio.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		v.ds = append(v.ds, diag.Errorf(src, 0, "the file has more than %d MB, the limit for a file copied as it is", MaxAssetBytes>>20).
			WithHint("publish large files on a file server and link to them"))
		return mediainfo.Info{}, 0, false
	case err != nil:
		v.ds = append(v.ds, diag.Errorf(src, 0, "cannot read the video: %v", err))
		return mediainfo.Info{}, 0, false
	}
	info, err := mediainfo.Probe(bytes.NewReader(data), int64(len(data)))
	ext := strings.ToLower(path.Ext(src))
	switch {
	case errors.Is(err, mediainfo.ErrUnknown):
		v.ds = append(v.ds, diag.Errorf(src, 0, "the file is not a video: %v", err).
			WithHint("export the video as MP4 (H.264) or WebM"))
		return info, 0, false
	case err != nil:
		v.ds = append(v.ds, diag.Errorf(src, 0, "the video file is broken: %v", err).
			WithHint("export the video again; a file cut off while copying ends like this"))
		return info, 0, false
	case ext == ".mp4" && info.Container != "mp4", ext == ".webm" && info.Container == "mp4":
		v.ds = append(v.ds, diag.Errorf(src, 0, "the file is %s, not what its name says", containerName(info.Container)).
			WithHint("rename it to end in .%s", map[string]string{"mp4": "mp4", "webm": "webm", "matroska": "mkv"}[info.Container]))
		return info, 0, false
	case ext == ".webm" && info.Container == "matroska":
		v.ds = append(v.ds, diag.Warnf(src, 0, "the file is Matroska, not WebM: some browsers will not play it").
			WithHint("write it as WebM (VP9 or AV1 video, Opus audio), e.g. ffmpeg -i in.mkv -c:v libvpx-vp9 -c:a libopus out.webm"))
	}
	return info, int64(len(data)), true
}

func containerName(c string) string {
	switch c {
	case "mp4":
		return "an MP4 file"
	case "webm":
		return "a WebM file"
	}
	return "a Matroska file"
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

// vtt reads and checks a WebVTT file; its errors name the file and line.
func (v *videoResolver) vtt(ref video.Ref, key, what string, dur webvtt.Time) (*webvtt.File, string, bool) {
	src, u, ok := v.file(ref, key, what)
	if !ok {
		return nil, "", false
	}
	data, err := v.s.Files.ReadFile(src, webvtt.MaxBytes)
	var tooLarge *fileio.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		v.ds = append(v.ds, diag.Errorf(src, 0, "the file is larger than %d MB, the limit for a WebVTT file", webvtt.MaxBytes>>20))
		return nil, "", false
	case err != nil:
		v.ds = append(v.ds, diag.Errorf(src, 0, "cannot read: %v", err))
		return nil, "", false
	}
	f, errs := webvtt.Parse(data)
	if errs == nil {
		errs = f.CheckTimes(dur)
	}
	for _, e := range errs {
		d := diag.Errorf(src, e.Line, "%s", e.Message)
		if e.Hint != "" {
			d = d.WithHint("%s", e.Hint)
		}
		v.ds = append(v.ds, d)
	}
	return f, u, errs == nil
}

// poster is the poster's URL: the block's own, else a frame ffmpeg takes
// (when it is there), else a drawn placeholder; and the file the build
// must write for it.
func (v *videoResolver) poster(firstSrc, firstURL string, d time.Duration, w, h int) (string, *generatedFile) {
	vs := &v.s.video
	if ref := v.spec.Poster; ref.Path != "" {
		if _, u, ok := v.file(ref, "poster", "poster"); ok {
			return v.url(u), nil
		}
		return "", nil
	}
	base := strings.TrimSuffix(firstURL, path.Ext(firstURL)) + ".poster"
	if vs.findFrames && !vs.looked {
		vs.extractor, vs.looked = stillframe.Find(), true
	}
	var g *generatedFile
	if vs.extractor != nil {
		png, err := vs.extractor.Frame(v.abs(firstSrc), stillframe.At(d))
		if err == nil {
			g = &generatedFile{url: base + ".png", data: png}
		} else {
			v.ds = append(v.ds, diag.Warnf(v.n.Source, v.at(v.spec.Line("file")), "no poster frame could be taken from %s (%v): the page shows a drawn placeholder", firstSrc, err).
				WithHint("give poster: with an image"))
		}
	}
	if g == nil {
		g = &generatedFile{url: base + ".svg", data: video.PosterSVG(v.spec.Title, w, h)}
	}
	if vs.assetURLs == nil {
		vs.assetURLs, vs.generated = map[string]bool{}, map[string]bool{}
		for _, u := range v.s.Assets {
			vs.assetURLs[u] = true
		}
	}
	if vs.assetURLs[g.url] {
		v.errorf(v.spec.Line("file"), "poster", "give poster: "+path.Base(g.url)+", or rename that file",
			"the poster the build makes for the video would replace the file %s", g.url)
		return "", nil
	}
	if vs.generated[g.url] {
		return v.url(g.url), nil // the same video on another page: written once
	}
	vs.generated[g.url] = true
	return v.url(g.url), g
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
	slug := video.TranscriptSlug(s.video.words)
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
		t.Lang, t.LangName = c.lang, s.video.words.LanguageName(c.lang)
	}
	title := video.TranscriptTitle(spec.Title, s.video.words)
	tn := &Node{Page: &content.Page{Kind: KindTranscript, Section: n.Section, Slug: slug, URL: url},
		Title: title, Summary: title, Feedback: n.Feedback}
	s.add(tn)
	if s.video.transcripts == nil {
		s.video.transcripts = map[*Node]*video.Transcript{}
	}
	s.video.transcripts[tn] = t
	v.added = true
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
func (v *videoResolver) provider() *videoBlock {
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
	var buf bytes.Buffer
	if err := video.RenderHTML(&buf, d, v.s.video.words); err != nil {
		v.errorf(0, "", "", "cannot render the video: %v", err)
		return nil
	}
	return &videoBlock{html: buf.Bytes(), origin: d.Origin}
}
