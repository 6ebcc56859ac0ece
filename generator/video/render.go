package video

import (
	"html/template"
	"io"
	"strings"

	"github.com/klartext/klartext/generator/i18n"
)

type texts struct {
	Play, Privacy, Transcript string
	Chapters                  string // the chapter list's label: "Kapitel"
	NoCaptions                string // "Ohne Untertitel: %s" (the reason)
	Fallback                  string // inside <video>, for browsers without it
	Download                  string // "Video herunterladen (%s)" (the format)
	TranscriptTitle           string // "Transkript: %s" (the video's title)
	BackToVideo               string // on the transcript page
	TranscriptLang            string // "Das Transkript folgt den Untertiteln auf %s." (the language's name)
	Slug                      string // the transcript page's URL segment
}

// textsOf are the words of the catalog's language (the keys video_*);
// the templates print them with {{.T.Play}}.
func textsOf(words *i18n.Catalog) texts {
	return texts{Play: words.T("video_play"), Privacy: words.T("video_privacy"), Transcript: words.T("video_transcript"),
		Chapters: words.T("video_chapters"), NoCaptions: words.T("video_no_captions"), Fallback: words.T("video_fallback"),
		Download: words.T("video_download"), TranscriptTitle: words.T("video_transcript_title"), BackToVideo: words.T("video_back"),
		TranscriptLang: words.T("video_transcript_lang"), Slug: words.T("video_transcript_slug")}
}

// The placeholder. No element loads anything from the video host: the
// play button is drawn by CSS, the link is an ordinary link to the video's
// page, and js/video.js swaps in the iframe on click.
var placeholder = template.Must(template.New("video").Parse(
	`<figure class="video video-{{.D.Provider}}" data-video-embed="{{.D.EmbedURL}}" data-video-title="{{.D.Title}}">` +
		`<div class="video-frame">` +
		`<a class="video-link" href="{{.D.WatchURL}}">` +
		`<span class="video-play" aria-hidden="true"></span>` +
		`<span class="video-link-text">{{.T.Play}}: {{.D.Title}}</span>` +
		`</a>` +
		`</div>` +
		`<figcaption>` +
		`<span class="video-title">{{.D.Title}}</span> ` +
		`<small class="video-privacy">{{.Privacy}}</small>` +
		`{{with .D.NoCaptions}} <small class="video-no-captions">{{printf $.T.NoCaptions .}}</small>{{end}}` +
		`{{if .D.Transcript}} <a class="video-transcript" href="{{.D.Transcript}}">{{.T.Transcript}}</a>{{end}}` +
		`</figcaption>` +
		`</figure>` + "\n"))

// RenderHTML writes the placeholder for d in the catalog's language:
//
//	<figure class="video video-youtube" data-video-embed="EmbedURL" data-video-title="Title">
//	  <div class="video-frame"><a class="video-link" href="WatchURL">
//	    <span class="video-play" aria-hidden="true"></span>
//	    <span class="video-link-text">Video abspielen: Title</span></a></div>
//	  <figcaption><span class="video-title">Title</span>
//	    <small class="video-privacy">Beim Abspielen werden Daten an youtube-nocookie.com übertragen.</small>
//	    <a class="video-transcript" href="Transcript">Transkript lesen</a></figcaption>
//	</figure>
//
// (on one line). All text is HTML-escaped by html/template, and a
// transcript URL with an unsafe scheme (javascript:) is replaced. The
// caller resolves a transcript written as a .md path to the page's URL
// before calling.
func RenderHTML(w io.Writer, d EmbedData, words *i18n.Catalog) error {
	t := textsOf(words)
	return placeholder.Execute(w, struct {
		D       EmbedData
		T       texts
		Privacy string
	}{d, t, strings.Replace(t.Privacy, "%s", d.Host, 1)})
}
