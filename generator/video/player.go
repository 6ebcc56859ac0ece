package video

import (
	"fmt"
	"html"
	"html/template"
	"io"
	"strings"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/webvtt"
)

// Source is one file of a video of the site's own.
type Source struct {
	URL  string // site path with the base path
	Type string // "video/webm"
}

// Track is a <track> of the player.
type Track struct {
	Kind    string // "captions" or "chapters"
	Lang    string
	Label   string // the language's name in the page's language
	URL     string
	Default bool // shown unless the reader turns it off: the page's language
}

// Player is what the page shows of a video of the site's own; the caller
// has resolved every file to its URL.
type Player struct {
	Title         string
	Sources       []Source // at least one
	Poster        string   // URL; "" for none
	Width, Height int
	Tracks        []Track
	Chapters      []Chapter // from the block's list or the chapters file's cues
	NoCaptions    string    // the reason, when captions: none
	Transcript    string    // URL of the transcript; "" for none
}

type playerData struct {
	P    Player
	T    texts
	Link string // the first source: chapter links and the download
	Fmt  string // its format's name, "WebM"
}

// The player: the browser's own, with its controls; nothing plays or
// loads before the reader asks (preload="none", no autoplay).
var player = template.Must(template.New("player").Parse(
	`<div class="video video-own" data-video-player>` +
		`<figure class="video-figure">` +
		`<video controls preload="none" width="{{.P.Width}}" height="{{.P.Height}}"{{with .P.Poster}} poster="{{.}}"{{end}}>` +
		`{{range .P.Sources}}<source src="{{.URL}}" type="{{.Type}}">{{end}}` +
		`{{range .P.Tracks}}<track kind="{{.Kind}}" src="{{.URL}}" srclang="{{.Lang}}" label="{{.Label}}"{{if .Default}} default{{end}}>{{end}}` +
		`<p class="video-fallback">{{.T.Fallback}} <a href="{{.Link}}" download>{{printf .T.Download .Fmt}}</a></p>` +
		`</video>` +
		`<figcaption><span class="video-title">{{.P.Title}}</span>` +
		`{{with .P.NoCaptions}} <small class="video-no-captions">{{printf $.T.NoCaptions .}}</small>{{end}}</figcaption>` +
		`</figure>` +
		`{{if .P.Chapters}}<nav class="video-chapters" aria-label="{{.T.Chapters}}: {{.P.Title}}"><ol>` +
		`{{range .P.Chapters}}<li><a href="{{$.Link}}#t={{.Start.Seconds}}" data-video-seek="{{.Start.Seconds}}">` +
		`<span class="video-chapter-time">{{.Start.Short}}</span> {{.Title}}</a></li>{{end}}` +
		`</ol></nav>{{end}}` +
		`{{with .P.Transcript}}<p class="video-transcript-link"><a class="video-transcript" href="{{.}}">{{$.T.Transcript}}</a></p>{{end}}` +
		`</div>` + "\n"))

// RenderPlayer writes the player for p in the catalog's language:
//
//	<div class="video video-own" data-video-player>
//	  <figure class="video-figure">
//	    <video controls preload="none" width="1280" height="720" poster="P">
//	      <source src="film.webm" type="video/webm"><source src="film.mp4" type="video/mp4">
//	      <track kind="captions" src="film.de.vtt" srclang="de" label="Deutsch" default>
//	      <p class="video-fallback">… <a href="film.webm" download>Video herunterladen (WebM)</a></p>
//	    </video>
//	    <figcaption><span class="video-title">Title</span>
//	      <small class="video-no-captions">Ohne Untertitel: reason</small></figcaption>
//	  </figure>
//	  <nav class="video-chapters" aria-label="Kapitel: Title"><ol>
//	    <li><a href="film.webm#t=42" data-video-seek="42"><span class="video-chapter-time">0:42</span> Die Kosten</a></li>
//	  </ol></nav>
//	  <p class="video-transcript-link"><a class="video-transcript" href="T">Transkript lesen</a></p>
//	</div>
//
// (on one line). The chapter links are media fragments on the first
// source: without JavaScript they open the file at that time;
// js/video.js makes them seek the player instead.
func RenderPlayer(w io.Writer, p Player, words *i18n.Catalog) error {
	if len(p.Sources) == 0 {
		return diag.Err("the video %q has no source", p.Title)
	}
	format := strings.ToUpper(strings.TrimPrefix(p.Sources[0].Type, "video/"))
	if format == "WEBM" {
		format = "WebM"
	}
	return player.Execute(w, playerData{P: p, T: textsOf(words), Link: p.Sources[0].URL, Fmt: format})
}

// Transcript is what the transcript page shows: the captions of one
// language as text, under the chapters' headings.
type Transcript struct {
	Title    string // the video's title
	VideoURL string // the page with the player
	Lang     string // the captions' language when it is not the page's; "" else
	LangName string // its name in the page's language
	Cues     []webvtt.Cue
	Chapters []Chapter
}

type transcriptGroup struct {
	Chapter *Chapter
	ID      string
	Cues    []transcriptCue
}

type transcriptCue struct {
	Start webvtt.Time
	Voice string // the speaker, where it changes
	Text  string
}

var transcript = template.Must(template.New("transcript").Parse(
	`<p class="transcript-back"><a href="{{.D.VideoURL}}">{{.T.BackToVideo}}: {{.D.Title}}</a></p>` + "\n" +
		`{{with .D.LangName}}<p class="transcript-lang">{{printf $.T.TranscriptLang .}}</p>` + "\n{{end}}" +
		`<div class="transcript"{{with .D.Lang}} lang="{{.}}"{{end}}>` + "\n" +
		`{{range .G}}{{with .Chapter}}<h2 id="{{$.ID}}{{.Start.Seconds}}"><span class="transcript-time">{{.Start.Short}}</span> {{.Title}}</h2>` + "\n{{end}}" +
		`{{range .Cues}}<p class="transcript-cue"><span class="transcript-time">{{.Start.Short}}</span> ` +
		`{{with .Voice}}<b class="transcript-voice">{{.}}:</b> {{end}}<span class="transcript-text">{{.Text}}</span></p>` + "\n{{end}}{{end}}" +
		`</div>` + "\n"))

// RenderTranscript writes the transcript page's body in the language
// of words: a link back to the video, then per chapter a heading (id
// "t-<seconds>") and per cue a paragraph — <p class="transcript-cue"> with
// span.transcript-time, b.transcript-voice where the speaker changes, and
// span.transcript-text, the cue's text without its tags.
func RenderTranscript(w io.Writer, d Transcript, words *i18n.Catalog) error {
	var groups []transcriptGroup
	cur := &transcriptGroup{}
	next := 0 // the next chapter
	voice := ""
	for _, c := range d.Cues {
		for next < len(d.Chapters) && d.Chapters[next].Start <= c.Start {
			if cur.Chapter != nil || len(cur.Cues) > 0 {
				groups = append(groups, *cur)
			}
			cur = &transcriptGroup{Chapter: &d.Chapters[next]}
			next++
		}
		tc := transcriptCue{Start: c.Start, Text: webvtt.PlainText(c.Text)}
		if v := webvtt.Voice(c.Text); v != "" && v != voice {
			tc.Voice, voice = v, v
		}
		cur.Cues = append(cur.Cues, tc)
	}
	if cur.Chapter != nil || len(cur.Cues) > 0 {
		groups = append(groups, *cur)
	}
	for ; next < len(d.Chapters); next++ { // chapters after the last cue
		groups = append(groups, transcriptGroup{Chapter: &d.Chapters[next]})
	}
	return transcript.Execute(w, struct {
		D  Transcript
		T  texts
		G  []transcriptGroup
		ID string
	}{d, textsOf(words), groups, "t-"})
}

// TranscriptTitle is the transcript page's title in the catalog's language.
func TranscriptTitle(videoTitle string, words *i18n.Catalog) string {
	return words.T("video_transcript_title", videoTitle)
}

// ChaptersLabel names a chapters track in the catalog's language.
func ChaptersLabel(words *i18n.Catalog) string { return words.T("video_chapters") }

// TranscriptSlug is the transcript page's URL segment below the video's
// page in the catalog's language: "transkript" on a German site, "transcript"
// else.
func TranscriptSlug(words *i18n.Catalog) string { return words.T("video_transcript_slug") }

// PosterSVG draws the placeholder poster of a video without one: the
// title on a dark ground with a play sign, width × height, deterministic.
func PosterSVG(title string, width, height int) []byte {
	if width <= 0 || height <= 0 {
		width, height = 1280, 720
	}
	font := max(width/24, 12)
	perLine := max(int(float64(width)*0.8/(float64(font)*0.55)), 8)
	lines := wrap(title, perLine)
	if len(lines) > 4 {
		lines = append(lines[:3], lines[3]+" …")
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">`, width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#24313d"/>`, width, height)
	r := height / 8
	cx, cy := width/2, height/3
	fmt.Fprintf(&b, `<circle cx="%d" cy="%d" r="%d" fill="#3d5566"/>`, cx, cy, r)
	fmt.Fprintf(&b, `<path d="M%d %dL%d %dL%d %dZ" fill="#ffffff"/>`, cx-r/3, cy-r/2, cx+r/2, cy, cx-r/3, cy+r/2)
	y := cy + r + font*3/2
	for _, l := range lines {
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#ffffff" font-family="sans-serif" font-size="%d" text-anchor="middle">%s</text>`,
			cx, y, font, html.EscapeString(l))
		y += font * 5 / 4
	}
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

// wrap breaks s into lines of at most n runes at spaces (a longer word
// gets a line of its own).
func wrap(s string, n int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = w
		case len([]rune(cur))+1+len([]rune(w)) <= n:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
