package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/imaging/imagetest"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/stillframe"
)

// siteWithVideo is minimalSite with a feedback form and a page with a video
// of the site's own; language is the site's.
func siteWithVideo(t *testing.T, language, block string) map[string]string {
	files := minimalSite()
	files["content/site.yaml"] = "title: Testbank\nbaseURL: https://bank.test/\nlanguage: " + language +
		"\nfeedback:\n  provider: form\n  endpoint: https://feedback.bank.test/submit\n"
	files["content/film.md"] = videoPage(block)
	files["content/film.webm"] = demoWebM(t)
	files["content/film.de.vtt"] = goodCaptions
	files["content/film.en.vtt"] = "WEBVTT\n\n00:00.000 --> 00:04.000\n<v Anna>First &amp; foremost.\n\n00:04.000 --> 00:08.000\nSecond.\n"
	return files
}

func buildVideoSite(t *testing.T, files map[string]string) (*Result, string) {
	t.Helper()
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	return res, dest
}

// TestVideoOwnPlayer: the page shows the browser's player with its
// sources, captions per language (labelled in the page's language, the
// page's own shown by default), the size read from the file, chapter links
// that are media fragments, and a link to the transcript page the build
// made from the German captions; the feedback form names the video; the
// CSP allows media from the site only.
func TestVideoOwnPlayer(t *testing.T) {
	t.Setenv(stillframe.Env, "off")
	res, dest := buildVideoSite(t, siteWithVideo(t, "de",
		"file: film.webm\ntitle: Film & Fernsehen\ncaptions:\n  de: film.de.vtt\n  en: film.en.vtt\nchapters: [\"0:00 Anfang\", \"0:04 Mitte\"]\n"))
	page := read(t, filepath.Join(dest, "film", "index.html"))
	for _, want := range []string{
		`<video controls preload="none" width="320" height="180" poster="/film.poster.svg">`,
		`<source src="/film.webm" type="video/webm">`,
		`<track kind="captions" src="/film.de.vtt" srclang="de" label="Deutsch" default>`,
		`<track kind="captions" src="/film.en.vtt" srclang="en" label="Englisch">`,
		`<a href="/film.webm#t=4" data-video-seek="4"><span class="video-chapter-time">0:04</span> Mitte</a>`,
		`<a class="video-transcript" href="/film/transkript/">Transkript lesen</a>`,
		`<input type="hidden" name="video" value="Film &amp; Fernsehen">`,
		`Hat Ihnen das Video geholfen?`,
		`<script src="/js/video.js" defer></script>`,
		`media-src &#39;self&#39;`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the video page lacks %s", want)
		}
	}
	if !strings.Contains(read(t, filepath.Join(dest, "_headers")), "media-src 'self';") {
		t.Error("the CSP must allow media from the site only")
	}
	if strings.Contains(page, "autoplay") {
		t.Error("the player must not autoplay")
	}
	tr := read(t, filepath.Join(dest, "film", "transkript", "index.html"))
	for _, want := range []string{
		"<title>Transkript: Film &amp; Fernsehen – Testbank</title>",
		`<a href="/film/">Zum Video: Film &amp; Fernsehen</a>`,
		`<h2 id="t-4"><span class="transcript-time">0:04</span> Mitte</h2>`,
		`<span class="transcript-text">Erster Satz.</span>`,
		`<span class="transcript-text">Zweiter Satz.</span>`,
		`<input type="hidden" name="video" value="Film &amp; Fernsehen">`,
		`class="kind-transcript"`,
	} {
		if !strings.Contains(tr, want) {
			t.Errorf("the transcript page lacks %s", want)
		}
	}
	if n := res.Site.ByURL["/film/transkript/"]; n == nil || n.Kind != site.KindTranscript {
		t.Errorf("the transcript is a page of the site: %+v", n)
	}
	if !strings.Contains(read(t, filepath.Join(dest, "sitemap.xml")), "https://bank.test/film/transkript/") {
		t.Error("the transcript page is in the sitemap")
	}
	for _, f := range []string{"film.webm", "film.de.vtt", "film.en.vtt"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("%s is not published: %v", f, err)
		}
	}
	svg := read(t, filepath.Join(dest, "film.poster.svg"))
	if !strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"`) || !strings.Contains(svg, "Film &amp; Fernsehen") {
		t.Errorf("the drawn poster:\n%s", svg)
	}
	// A page without a video keeps the form rendered once, without the field.
	if other := read(t, filepath.Join(dest, "glossar", "index.html")); strings.Contains(other, `name="video"`) || strings.Contains(other, "Video geholfen") {
		t.Error("a page without a video names one in its form")
	}
}

// TestVideoEnglishSite: on an English site the transcript is at
// /transcript/, made from the English captions, and the labels are
// English.
func TestVideoEnglishSite(t *testing.T) {
	t.Setenv(stillframe.Env, "off")
	_, dest := buildVideoSite(t, siteWithVideo(t, "en", "file: film.webm\ntitle: Film\ncaptions:\n  de: film.de.vtt\n  en: film.en.vtt\n"))
	page := read(t, filepath.Join(dest, "film", "index.html"))
	for _, want := range []string{`label="German"`, `srclang="en" label="English" default`, `href="/film/transcript/">Read the transcript</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	tr := read(t, filepath.Join(dest, "film", "transcript", "index.html"))
	if !strings.Contains(tr, `<b class="transcript-voice">Anna:</b> <span class="transcript-text">First &amp; foremost.</span>`) {
		t.Errorf("the English transcript:\n%s", tr)
	}
}

// TestVideoTranscriptInAnotherLanguage: without captions in the page's
// language the transcript uses the first ones given and says so.
func TestVideoTranscriptInAnotherLanguage(t *testing.T) {
	t.Setenv(stillframe.Env, "off")
	_, dest := buildVideoSite(t, siteWithVideo(t, "de", "file: film.webm\ntitle: Film\ncaptions:\n  en: film.en.vtt\n"))
	tr := read(t, filepath.Join(dest, "film", "transkript", "index.html"))
	for _, want := range []string{`<p class="transcript-lang">Das Transkript folgt den Untertiteln auf Englisch.</p>`, `<div class="transcript" lang="en">`} {
		if !strings.Contains(tr, want) {
			t.Errorf("the transcript lacks %s", want)
		}
	}
	if strings.Contains(read(t, filepath.Join(dest, "film", "index.html")), " default>") {
		t.Error("no track is the default when none is in the page's language")
	}
}

// TestVideoNoCaptions: captions: none with a reason builds; the page
// states the reason, and there is no transcript page.
func TestVideoNoCaptions(t *testing.T) {
	t.Setenv(stillframe.Env, "off")
	_, dest := buildVideoSite(t, siteWithVideo(t, "de", "file: film.webm\ntitle: Film\ncaptions: none\nreason: Das Video zeigt nur Bilder, ohne Ton.\n"))
	page := read(t, filepath.Join(dest, "film", "index.html"))
	if !strings.Contains(page, `<small class="video-no-captions">Ohne Untertitel: Das Video zeigt nur Bilder, ohne Ton.</small>`) {
		t.Error("the page must state why the video has no captions")
	}
	if strings.Contains(page, "<track") || strings.Contains(page, "video-transcript") {
		t.Error("no track and no transcript link without captions")
	}
	if _, err := os.Stat(filepath.Join(dest, "film", "transkript")); err == nil {
		t.Error("no transcript page without captions")
	}
}

// TestVideoPosterFromFrameExtractor: without poster: the build takes a
// frame with the program KLARTEXT_FFMPEG names (a stand-in here, writing
// a known PNG), and publishes it as the poster.
func TestVideoPosterFromFrameExtractor(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "ffmpeg")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nprintf '\\211PNG\\r\\n\\032\\nBILD'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(stillframe.Env, fake)
	_, dest := buildVideoSite(t, siteWithVideo(t, "de", goodBlock))
	if !strings.Contains(read(t, filepath.Join(dest, "film", "index.html")), `poster="/film.poster.png"`) {
		t.Error("the page must use the extracted frame")
	}
	if got := read(t, filepath.Join(dest, "film.poster.png")); got != "\x89PNG\r\n\x1a\nBILD" {
		t.Errorf("poster %q", got)
	}
	// A failing extractor warns and falls back to the drawn poster.
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho kaputt >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	res, dest := buildVideoSite(t, siteWithVideo(t, "de", goodBlock))
	if !strings.Contains(read(t, filepath.Join(dest, "film", "index.html")), `poster="/film.poster.svg"`) ||
		!strings.Contains(joinDiags(res), "warning: no poster frame could be taken from content/film.webm") {
		t.Errorf("a failed extraction: %s", joinDiags(res))
	}
}

// TestVideoPosterGiven: poster: is used as it is, and nothing is drawn.
func TestVideoPosterGiven(t *testing.T) {
	files := siteWithVideo(t, "de", goodBlock+"poster: /bilder/standbild.jpg\n")
	files["content/bilder/standbild.jpg"] = string(imagetest.JPEG(imagetest.Picture(320, 180), imagetest.JPEGOptions{}))
	_, dest := buildVideoSite(t, files)
	if !strings.Contains(read(t, filepath.Join(dest, "film", "index.html")), `poster="/bilder/standbild.jpg"`) {
		t.Error("the given poster")
	}
	if _, err := os.Stat(filepath.Join(dest, "film.poster.svg")); err == nil {
		t.Error("a drawn poster besides the given one")
	}
}

// TestVideoChaptersFileAndTwoVideos: a chapters file becomes the chapter
// links and a chapters track; a second video on the page gets its
// transcript at transkript-2/.
func TestVideoChaptersFileAndTwoVideos(t *testing.T) {
	t.Setenv(stillframe.Env, "off")
	files := siteWithVideo(t, "de", goodBlock+"chapters: film.kapitel.vtt\n")
	files["content/film.kapitel.vtt"] = "WEBVTT\n\n00:00.000 --> 00:06.000\nDer Anfang\n\n00:06.000 --> 00:15.000\nDas <i>Ende</i>\n"
	files["content/film.md"] += "\nUnd noch einmal:\n\n```video\nfile: film.webm\ntitle: Zweiter Film\ncaptions: {de: film.de.vtt}\n```\n"
	_, dest := buildVideoSite(t, files)
	page := read(t, filepath.Join(dest, "film", "index.html"))
	for _, want := range []string{
		`<track kind="chapters" src="/film.kapitel.vtt" srclang="de" label="Kapitel">`,
		`<a href="/film.webm#t=6" data-video-seek="6"><span class="video-chapter-time">0:06</span> Das Ende</a>`,
		`href="/film/transkript/">`, `href="/film/transkript-2/">`,
		`<input type="hidden" name="video" value="Film">`, `<input type="hidden" name="video" value="Zweiter Film">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if !strings.Contains(read(t, filepath.Join(dest, "film", "transkript-2", "index.html")), "Transkript: Zweiter Film") {
		t.Error("the second video's transcript")
	}
}
