// Package video reads a ```video fenced block in Markdown and renders it:
// a video of the site's own as the browser's player with captions,
// chapters and a transcript, or a YouTube/Vimeo video as a
// privacy-friendly placeholder.
//
// A video of the site's own:
//
//	```video
//	file: [beratung-etf.webm, beratung-etf.mp4]  # one file or several formats of it, in the order the browser tries them
//	title: So lesen Sie das Basisinformationsblatt
//	poster: beratung-etf.jpg      # optional: a still; else a frame ffmpeg extracts, else a drawn placeholder
//	width: 1280                    # optional when the file says
//	height: 720
//	captions:                      # required: WebVTT per language, or none with a reason
//	  de: beratung-etf.de.vtt
//	  en: beratung-etf.en.vtt
//	chapters: beratung-etf.chapters.vtt   # or a list: ["0:00 Begrüßung", "0:42 Die Kosten"]
//	transcript: transkript.md      # optional: else the build makes one from the captions
//	```
//
// The player is <video controls preload="none"> with a <source> per file,
// a <track kind="captions"> per language, the poster and the size; no
// autoplay, no script but the theme's js/video.js, which makes the chapter
// links seek the player (without JavaScript they are media fragments,
// film.webm#t=42, that open the file at that time).
//
// A YouTube or Vimeo video:
//
//	```video
//	provider: youtube          # youtube | vimeo
//	id: dQw4w9WgXcQ            # the video's id, not its URL
//	title: So lesen Sie das Basisinformationsblatt
//	transcript: transkript-basisinfo.md   # or captions: {de: x.de.vtt}, from which the build makes the transcript
//	```
//
// It is a plain link to the video that works without JavaScript, which
// js/video.js turns into the embedded player on click. Nothing is loaded
// from the video host before the reader clicks (no thumbnail, no iframe),
// and the embed uses YouTube's no-cookie domain or Vimeo's do-not-track
// flag. The build cannot see the provider's captions, so such a video
// needs a transcript (or captions to make one from), unless it says
// captions: none with a reason.
//
// The theme's CSS draws both; the classes are listed at RenderHTML,
// RenderPlayer and RenderTranscript.
package video

import (
	"net/url"
	"slices"
	"strings"

	"github.com/klartext/klartext/generator/diag"
)

// safeLink accepts an http(s) URL or a relative reference (a path with an
// optional #fragment); other schemes (javascript:, data:) are refused.
func safeLink(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "":
		return u.Host == "" && u.Opaque == ""
	case "http", "https":
		return u.Host != ""
	}
	return false
}

func validID(provider, id string) bool {
	switch provider {
	case "youtube":
		return youtubeID.MatchString(id)
	case "vimeo":
		return vimeoID.MatchString(id)
	}
	return false
}

func providerName(p string) string {
	if p == "youtube" {
		return "YouTube"
	}
	return "Vimeo"
}

// idHint says what a valid id looks like, and names the id when the
// editor pasted the video's address instead.
func idHint(provider, id string) diag.Text {
	if u, err := url.Parse(id); err == nil && u.Host != "" {
		var cand string
		switch provider {
		case "youtube":
			cand = u.Query().Get("v")
			if cand == "" {
				cand = lastSegment(u.Path)
			}
		case "vimeo":
			cand = lastSegment(u.Path)
		}
		if validID(provider, cand) {
			return diag.T("write only the id: id: %s", cand)
		}
	}
	if provider == "youtube" {
		return diag.T("a YouTube id has 11 letters, digits, - or _, as after v= in the video's address")
	}
	return diag.T("a Vimeo id is the number at the end of the video's address")
}

func lastSegment(p string) string {
	p = strings.TrimRight(p, "/")
	return p[strings.LastIndex(p, "/")+1:]
}

// EmbedData is what the page needs to show a video.
type EmbedData struct {
	Provider   string // "youtube" or "vimeo"
	WatchURL   string // the video on the host's own site; the link without JavaScript
	EmbedURL   string // the player, loaded only after a click
	Origin     string // scheme and host of EmbedURL, for the CSP's frame-src
	Host       string // the host named in the privacy note
	Title      string
	Transcript string // as written in the block; the caller resolves a .md path to its page URL
	NoCaptions string // the reason, when the block says captions: none
}

// Embed returns the URLs for a spec that ParseSpec accepted. YouTube videos
// play from youtube-nocookie.com, Vimeo videos with dnt=1; both autoplay,
// since the reader already clicked play on the placeholder.
func Embed(s Spec) EmbedData {
	d := EmbedData{Provider: s.Provider, Title: s.Title, Transcript: s.Transcript}
	if s.NoCaptions {
		d.NoCaptions = s.Reason
	}
	id := url.PathEscape(s.ID)
	switch s.Provider {
	case "vimeo":
		d.WatchURL = "https://vimeo.com/" + id
		d.EmbedURL = "https://player.vimeo.com/video/" + id + "?dnt=1&autoplay=1"
		d.Origin = "https://player.vimeo.com"
		d.Host = "vimeo.com"
	default:
		d.WatchURL = "https://www.youtube.com/watch?v=" + url.QueryEscape(s.ID)
		d.EmbedURL = "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1"
		d.Origin = "https://www.youtube-nocookie.com"
		d.Host = "youtube-nocookie.com"
	}
	return d
}

// FrameOrigins returns the origins a page's Content-Security-Policy must
// allow in frame-src for these videos, sorted and without duplicates.
func FrameOrigins(ds []EmbedData) []string {
	var out []string
	for _, d := range ds {
		if d.Origin != "" && !slices.Contains(out, d.Origin) {
			out = append(out, d.Origin)
		}
	}
	slices.Sort(out)
	return out
}
