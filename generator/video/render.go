package video

import (
	"html/template"
	"io"
	"strings"

	"github.com/klartext/klartext/generator/locale"
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

var textsFor = map[string]texts{
	"de": {Play: "Video abspielen", Privacy: "Beim Abspielen werden Daten an %s übertragen.", Transcript: "Transkript lesen",
		Chapters: "Kapitel", NoCaptions: "Ohne Untertitel: %s", Fallback: "Ihr Browser kann dieses Video nicht abspielen.",
		Download: "Video herunterladen (%s)", TranscriptTitle: "Transkript: %s", BackToVideo: "Zum Video",
		TranscriptLang: "Das Transkript folgt den Untertiteln auf %s.", Slug: "transkript"},
	"en": {Play: "Play video", Privacy: "Playing the video sends data to %s.", Transcript: "Read the transcript",
		Chapters: "Chapters", NoCaptions: "Without captions: %s", Fallback: "Your browser cannot play this video.",
		Download: "Download the video (%s)", TranscriptTitle: "Transcript: %s", BackToVideo: "Back to the video",
		TranscriptLang: "The transcript follows the captions in %s.", Slug: "transcript"},
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

// RenderHTML writes the placeholder for d in the language lang ("de" or
// "en"; others get English, "" German):
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
func RenderHTML(w io.Writer, d EmbedData, lang string) error {
	t := textsFor[langKey(lang)]
	return placeholder.Execute(w, struct {
		D       EmbedData
		T       texts
		Privacy string
	}{d, t, strings.Replace(t.Privacy, "%s", d.Host, 1)})
}

func langKey(lang string) string {
	l := locale.Primary(lang)
	if l == "" {
		return "de"
	}
	if _, ok := textsFor[l]; ok {
		return l
	}
	return "en"
}
