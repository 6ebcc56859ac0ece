package pipeline

// The catalogue of badinput_test.go for videos of the site's own: broken
// captions and missing files fail the build with the file and line, and
// the previous output stays.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoWebM is the demo's real video (15.508 s, 320×180), the file a test
// site publishes.
func demoWebM(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "content", "videos", "kosten-verstehen.webm"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// videoPage is a page with a video block whose body is block (the block's
// first line is line 7 of content/film.md).
func videoPage(block string) string {
	return "---\ntitle: Film\n---\nText.\n\n```video\n" + block + "```\n"
}

const goodBlock = "file: film.webm\ntitle: Film\ncaptions:\n  de: film.de.vtt\n"

const goodCaptions = "WEBVTT\n\n00:00.000 --> 00:04.000\nErster Satz.\n\n00:04.000 --> 00:08.000\nZweiter Satz.\n"

// brokenVideo writes a video page with the block and captions, the webm
// beside it.
func brokenVideo(t *testing.T, block, captions string) func(root string) {
	webm := demoWebM(t)
	return func(root string) {
		put(t, "content/film.webm", webm)(root)
		put(t, "content/film.de.vtt", captions)(root)
		put(t, "content/film.md", videoPage(block))(root)
	}
}

func TestBadInputVideoOverlappingCues(t *testing.T) {
	refused(t, brokenVideo(t, goodBlock, "WEBVTT\n\n00:01.000 --> 00:04.000\nA\n\n00:03.000 --> 00:05.000\nB\n"),
		"content/film.de.vtt:6: the cue starts at 00:03.000, before the cue on line 3 ends (00:04.000): cues of one track must not overlap — "+
			"end the cue above sooner, or merge both into one cue with a line per speaker (<v Anna>…)")
}

func TestBadInputVideoBackwardsCues(t *testing.T) {
	refused(t, brokenVideo(t, goodBlock, "WEBVTT\n\n00:05.000 --> 00:06.000\nA\n\n00:01.000 --> 00:02.000\nB\n"),
		"content/film.de.vtt:6: the cue times go backwards: this cue starts at 00:01.000, before the cue on line 3 (00:05.000) — order the cues by time")
}

func TestBadInputVideoCueEndsBeforeItStarts(t *testing.T) {
	refused(t, brokenVideo(t, goodBlock, "WEBVTT\n\n00:05.000 --> 00:04.000\nA\n"),
		"content/film.de.vtt:3: the cue ends at 00:04.000, not after it starts (00:05.000) — the second time is when the cue disappears")
}

func TestBadInputVideoCuePastTheEnd(t *testing.T) {
	refused(t, brokenVideo(t, goodBlock, goodCaptions+"\n00:14.000 --> 00:20.000\nDritter Satz.\n"),
		"content/film.de.vtt:9: the cue ends at 00:20.000, after the end of the video (00:15.508) — "+
			"the captions must fit the video: check the times, or whether they belong to another cut of it")
}

func TestBadInputVideoEmptyCue(t *testing.T) {
	refused(t, brokenVideo(t, goodBlock, "WEBVTT\n\n00:01.000 --> 00:02.000\n\n00:03.000 --> 00:04.000\nB\n"),
		"content/film.de.vtt:3: the cue has no text — write the cue's text under its times, or remove the cue")
}

func TestBadInputVideoCaptionSyntax(t *testing.T) {
	res := refused(t, brokenVideo(t, goodBlock, "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nA\n\n00:03.000 --> 00:04.000 align:middle\nB\n"),
		`content/film.de.vtt:3: "00:00:01,000" is not a WebVTT time — `+
			"WebVTT writes a full stop before the milliseconds (00:00:01.000), not a comma as SubRip (.srt) does")
	if want := `content/film.de.vtt:6: "middle" is not a valid value for the cue setting align`; !strings.Contains(joinDiags(res), want) {
		t.Errorf("every broken cue is reported; want %s in\n%s", want, joinDiags(res))
	}
}

func TestBadInputVideoMissingCaptionsFile(t *testing.T) {
	refused(t, brokenVideo(t, "file: film.webm\ntitle: Film\ncaptions:\n  de: film.de.vtt\n  en: film.en.vtt\n", goodCaptions),
		`content/film.md:11: the captions file "film.en.vtt" does not exist (content/film.en.vtt) — `+
			"put it beside the page, or give its path from content/ (/videos/film.mp4)")
}

func TestBadInputVideoCaptionsMissing(t *testing.T) {
	refused(t, brokenVideo(t, "file: film.webm\ntitle: Film\n", goodCaptions),
		"content/film.md:7: the video has no captions, which the law requires for a video with speech (WCAG 2.1, 1.2.2) — "+
			"add captions: with a WebVTT file per language (  de: film.de.vtt), or captions: none and reason: why the video needs none (no speech)")
}

func TestBadInputVideoNoCaptionsWithoutReason(t *testing.T) {
	refused(t, brokenVideo(t, "file: film.webm\ntitle: Film\ncaptions: none\n", goodCaptions),
		`content/film.md:9: captions: none needs a reason, which the page shows — say why the video needs no captions, e.g. reason: "Das Video hat keinen Ton."`)
}

func TestBadInputVideoMissingFile(t *testing.T) {
	refused(t, brokenVideo(t, "file: [film.webm, film.mp4]\ntitle: Film\ncaptions:\n  de: film.de.vtt\n", goodCaptions),
		`content/film.md:7: the video file "film.mp4" does not exist (content/film.mp4) — `+
			"put it beside the page, or give its path from content/ (/videos/film.mp4)")
}

func TestBadInputVideoNotAVideo(t *testing.T) {
	refused(t, func(root string) {
		brokenVideo(t, "file: film.mp4\ntitle: Film\ncaptions:\n  de: film.de.vtt\n", goodCaptions)(root)
		put(t, "content/film.mp4", "Dies ist kein Video.\n")(root)
	}, "content/film.mp4: the file is not a video: neither an MP4 nor a WebM file — export the video as MP4 (H.264) or WebM")
}

func TestBadInputVideoWrongExtension(t *testing.T) {
	webm := demoWebM(t)
	refused(t, func(root string) {
		brokenVideo(t, "file: film.mp4\ntitle: Film\ncaptions:\n  de: film.de.vtt\n", goodCaptions)(root)
		put(t, "content/film.mp4", webm)(root)
	}, "content/film.mp4: the file is a WebM file, not what its name says — rename it to end in .webm")
}

func TestBadInputVideoChapterPastTheEnd(t *testing.T) {
	refused(t, brokenVideo(t, goodBlock+"chapters:\n  - 0:00 Anfang\n  - 0:20 Später\n", goodCaptions),
		`content/film.md:13: the chapter "Später" starts at 0:20, after the end of the video (0:15) — `+
			"check the time, or whether the list belongs to another cut of the video")
}

func TestBadInputVideoProviderWithoutTranscript(t *testing.T) {
	refused(t, put(t, "content/film.md", videoPage("provider: youtube\nid: Rt7kQm2xWbE\ntitle: Kurs\n")),
		"content/film.md:7: the build cannot see YouTube's captions, so the video needs a transcript (WCAG 2.1, 1.2.2 and 1.2.3) — "+
			"write transcript: with a page (transkript.md) or an address, or give the captions as WebVTT files (captions: {de: film.de.vtt}) and the build makes the transcript")
}

func TestBadInputVideoTranscriptURLTaken(t *testing.T) {
	refused(t, func(root string) {
		brokenVideo(t, goodBlock, goodCaptions)(root)
		put(t, "content/film/transkript.md", "---\ntitle: Schon da\n---\n")(root)
	}, "content/film.md:9: the transcript page the build makes for this video would replace content/film/transkript.md (/film/transkript/) — "+
		"give transcript: with that page, or rename it")
}

// TestBadInputVideoLargeFileWarns: a video above LargeVideo builds, with a
// warning that names the figure. The file is sparse: an MP4 header and a
// media box running to the end of a 60 MB file.
func TestBadInputVideoLargeFileWarns(t *testing.T) {
	files := minimalSite()
	files["content/film.md"] = videoPage("file: film.mp4\ntitle: Film\nwidth: 640\nheight: 360\ncaptions:\n  de: film.de.vtt\n")
	files["content/film.de.vtt"] = goodCaptions
	root := writeSite(t, files)
	f, err := os.Create(filepath.Join(root, "content", "film.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	// ftyp, then an mdat box of size 0: "to the end of the file".
	if _, err := f.Write([]byte("\x00\x00\x00\x10ftypisom\x00\x00\x02\x00\x00\x00\x00\x00mdat")); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(60 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	res := build(t, root, filepath.Join(root, "public"))
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	want := "content/film.md:7: warning: the video file content/film.mp4 has 60.0 MB; above 50 MB it loads slowly on a phone — " +
		"encode it smaller: at 720p and about 1.5 Mbit/s a minute has some 11 MB"
	if !strings.Contains(joinDiags(res), want+"\n") {
		t.Errorf("want\n  %s\ngot\n  %s", want, joinDiags(res))
	}
}
