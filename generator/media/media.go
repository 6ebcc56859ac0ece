// Package media reads what the ```video blocks of a site's pages name,
// once, while the site loads: each page's blocks with their specs parsed,
// the header of every video file (package mediainfo), every caption and
// chapters file (package webvtt), and a poster frame of each video where
// ffmpeg is installed (package stillframe). The site model resolves the
// blocks from what was read (site/video.go); a problem with a file is
// kept here, with the file's name and line, and reported by the block
// that names the file.
package media

import (
	"bytes"
	"errors"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/mediainfo"
	"github.com/klartext/klartext/generator/stillframe"
	"github.com/klartext/klartext/generator/video"
	"github.com/klartext/klartext/generator/webvtt"
)

// Block is one ```video block of a page.
type Block struct {
	Line int        // file line of the block's first body line
	Spec video.Spec // as parsed; valid when Err is nil
	Err  error      // the spec's mistakes (video.Errors), lines within the block
}

// Video is what a video file's header says.
type Video struct {
	Info     mediainfo.Info
	Size     int64
	Problems []diag.Diagnostic // at the file
	OK       bool              // the file is a video of the format its name says
}

// Text is a WebVTT file (captions or chapters), parsed.
type Text struct {
	File     *webvtt.File
	Problems []diag.Diagnostic // at the file: it cannot be read, or is not valid WebVTT
}

// frame is a poster frame taken from a video.
type frame struct {
	png []byte
	err error
}

type frameKey struct {
	src string
	at  time.Duration
}

// Set is what was read for a site's video blocks. A file asked for that
// load did not read (a block the Markdown renderer finds inside a quote,
// which the plain scan does not see) is read when asked for; frames are
// taken in load only.
type Set struct {
	files     *fileio.Files
	extractor *stillframe.Extractor // nil: no ffmpeg, or not looked for

	mu     sync.Mutex
	blocks map[string][]Block // by page source
	videos map[string]*Video
	texts  map[string]*Text
	frames map[frameKey]frame
}

// Load reads the video blocks of pages (the pages the build publishes that
// have a ```video block) and every file they name that is among assets
// (the content's files). With findFrames it looks for ffmpeg and takes
// the poster frame of each video without a poster of its own.
func Load(files *fileio.Files, root string, pages []*content.Page, assets map[string]string, findFrames bool) *Set {
	s := &Set{files: files, blocks: map[string][]Block{}, videos: map[string]*Video{}, texts: map[string]*Text{}, frames: map[frameKey]frame{}}
	if len(pages) > 0 && findFrames {
		s.extractor = stillframe.Find()
	}
	for _, p := range pages {
		body, err := p.ReadBody(files)
		if err != nil {
			continue // reported when the page renders
		}
		for _, b := range content.FencedBlockLines(body, "video") {
			spec, err := video.ParseSpec(b.Body)
			blk := Block{Line: p.BodyLine + b.Line - 1, Spec: spec, Err: err}
			s.blocks[p.Source] = append(s.blocks[p.Source], blk)
			if err == nil {
				s.read(p.Source, spec, assets, root)
			}
		}
	}
	return s
}

// read reads the files a block names, as the site model will ask for
// them, and takes its poster frame.
func (s *Set) read(page string, spec video.Spec, assets map[string]string, root string) {
	named := func(r video.Ref) (string, bool) {
		src, inside := r.Source(page)
		_, ok := assets[src]
		return src, inside && ok
	}
	for _, c := range spec.Captions {
		if src, ok := named(c.Ref); ok {
			s.Text(src)
		}
	}
	if !spec.Own() {
		return
	}
	if src, ok := named(spec.ChaptersFile); ok && spec.ChaptersFile.Path != "" {
		s.Text(src)
	}
	first, d := "", time.Duration(0)
	for _, f := range spec.Files {
		src, ok := named(f)
		if !ok {
			continue
		}
		if v := s.Video(src); v.OK {
			d = max(d, v.Info.Duration)
			if first == "" {
				first = src
			}
		}
	}
	if s.extractor != nil && first != "" && spec.Poster.Path == "" {
		k := frameKey{first, stillframe.At(d)}
		if _, done := s.frames[k]; !done {
			png, err := s.extractor.Frame(filepath.Join(root, filepath.FromSlash(first)), k.at)
			s.frames[k] = frame{png, err}
		}
	}
}

// Blocks are the video blocks of the page source, in order.
func (s *Set) Blocks(source string) []Block {
	if s == nil {
		return nil
	}
	return s.blocks[source]
}

// Frame is the poster frame load took of the video file src at the time
// at; taken is false when none was (ffmpeg is not installed, or the build
// does not look for it).
func (s *Set) Frame(src string, at time.Duration) (png []byte, err error, taken bool) {
	if s == nil {
		return nil, nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.frames[frameKey{src, at}]
	return f.png, f.err, ok
}

// Video is the header of the video file src, read through the site's
// guarded reader (no link out of the site, no special file, bounded); the
// file must be of the format its name says.
func (s *Set) Video(src string) Video { return once(s, s.videos, src, probe) }

// once is what read makes of the file src, read the first time it is
// asked for and kept in m.
func once[T any](s *Set, m map[string]*T, src string, read func(*fileio.Files, string) T) T {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v := m[src]; v != nil {
		return *v
	}
	v := read(s.files, src)
	m[src] = &v
	return v
}

func probe(files *fileio.Files, src string) Video {
	data, err := files.ReadFile(src, content.MaxAssetBytes)
	var tooLarge *fileio.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return Video{Problems: []diag.Diagnostic{diag.Errorf(src, 0, "the file has more than %d MB, the limit for a file copied as it is", content.MaxAssetBytes>>20).
			WithHint("publish large files on a file server and link to them")}}
	case err != nil:
		return Video{Problems: []diag.Diagnostic{diag.Errorf(src, 0, "cannot read the video: %v", err)}}
	}
	info, err := mediainfo.Probe(bytes.NewReader(data), int64(len(data)))
	ext := strings.ToLower(path.Ext(src))
	switch {
	case errors.Is(err, mediainfo.ErrUnknown):
		return Video{Info: info, Problems: []diag.Diagnostic{diag.Errorf(src, 0, "the file is not a video: %v", err).
			WithHint("export the video as MP4 (H.264) or WebM")}}
	case err != nil:
		return Video{Info: info, Problems: []diag.Diagnostic{diag.Errorf(src, 0, "the video file is broken: %v", err).
			WithHint("export the video again; a file cut off while copying ends like this")}}
	case ext == ".mp4" && info.Container != "mp4", ext == ".webm" && info.Container == "mp4":
		return Video{Info: info, Problems: []diag.Diagnostic{diag.Errorf(src, 0, "the file is %s, not what its name says", containerName(info.Container)).
			WithHint("rename it to end in .%s", map[string]string{"mp4": "mp4", "webm": "webm", "matroska": "mkv"}[info.Container])}}
	}
	v := Video{Info: info, Size: int64(len(data)), OK: true}
	if ext == ".webm" && info.Container == "matroska" {
		v.Problems = []diag.Diagnostic{diag.Warnf(src, 0, "the file is Matroska, not WebM: some browsers will not play it").
			WithHint("write it as WebM (VP9 or AV1 video, Opus audio), e.g. ffmpeg -i in.mkv -c:v libvpx-vp9 -c:a libopus out.webm")}
	}
	return v
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

// Text is the WebVTT file src, read and parsed; its errors name the file
// and line. Whether its cues fit the video is the block's to check
// (webvtt.File.CheckTimes).
func (s *Set) Text(src string) Text { return once(s, s.texts, src, readText) }

func readText(files *fileio.Files, src string) Text {
	data, err := files.ReadFile(src, webvtt.MaxBytes)
	var tooLarge *fileio.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return Text{Problems: []diag.Diagnostic{diag.Errorf(src, 0, "the file is larger than %d MB, the limit for a WebVTT file", webvtt.MaxBytes>>20)}}
	case err != nil:
		return Text{Problems: []diag.Diagnostic{diag.Errorf(src, 0, "cannot read: %v", err)}}
	}
	f, errs := webvtt.Parse(data)
	return Text{File: f, Problems: Diagnostics(src, errs)}
}

// Diagnostics are a WebVTT file's errors, at the file's lines.
func Diagnostics(src string, errs webvtt.Errors) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, e := range errs {
		d := diag.Errorf(src, e.Line, "%s", e.Message)
		if !e.Hint.Empty() {
			d = d.WithHint("%s", e.Hint)
		}
		out = append(out, d)
	}
	return out
}
