package video

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/webvtt"
)

func TestParseSpecValid(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want Spec
	}{
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitle: So lesen Sie das Basisinformationsblatt\ntranscript: t.md\n",
			Spec{Provider: "youtube", ID: "dQw4w9WgXcQ", Title: "So lesen Sie das Basisinformationsblatt", Transcript: "t.md"}},
		{"provider: YouTube\nid: a_b-C1d2E3f\ntitle: ' Kosten '\ntranscript: transkript.md # the prose\n",
			Spec{Provider: "youtube", ID: "a_b-C1d2E3f", Title: "Kosten", Transcript: "transkript.md"}},
		{"provider: vimeo\nid: 76979871\ntitle: \"Risiko: 1 bis 7\"\ntranscript: https://bank.example/t/\n",
			Spec{Provider: "vimeo", ID: "76979871", Title: "Risiko: 1 bis 7", Transcript: "https://bank.example/t/"}},
		{"# comment first\nprovider: vimeo\nid: '123'\ntitle: x\ncaptions: {de: x.de.vtt}\n",
			Spec{Provider: "vimeo", ID: "123", Title: "x", Captions: []Caption{{"de", Ref{"x.de.vtt", 5}}}}},
		{"provider: vimeo\nid: '123'\ntitle: x\ncaptions: none\nreason: Nur Musik.\n",
			Spec{Provider: "vimeo", ID: "123", Title: "x", NoCaptions: true, Reason: "Nur Musik."}},
		{"file: film.mp4\ntitle: Film\ncaptions:\n  de: film.de.vtt\n  en: /videos/film.en.vtt\n",
			Spec{Files: []Ref{{"film.mp4", 1}}, Title: "Film", Captions: []Caption{{"de", Ref{"film.de.vtt", 4}}, {"en", Ref{"/videos/film.en.vtt", 5}}}}},
		{"file: [film.webm, film.MP4]\ntitle: Film\nposter: film.jpg\nwidth: 640\nheight: 360\ncaptions: NONE\nreason: Kein Ton\n" +
			"chapters:\n  - 0:00 Anfang\n  - \"1:05 Die Kosten\"\n  - 1:00:00 Ende\ntranscript: t.md\n",
			Spec{Files: []Ref{{"film.webm", 1}, {"film.MP4", 1}}, Title: "Film", Poster: Ref{"film.jpg", 3}, Width: 640, Height: 360,
				NoCaptions: true, Reason: "Kein Ton", Transcript: "t.md",
				Chapters: []Chapter{{0, "Anfang", 9}, {65000, "Die Kosten", 10}, {3600000, "Ende", 11}}}},
		{"file:\n  - a.webm\n  - b.mp4\ntitle: F\ncaptions: {de: a.vtt}\nchapters: a.chapters.VTT\n",
			Spec{Files: []Ref{{"a.webm", 2}, {"b.mp4", 3}}, Title: "F", Captions: []Caption{{"de", Ref{"a.vtt", 5}}}, ChaptersFile: Ref{"a.chapters.VTT", 6}}},
	} {
		got, err := ParseSpec([]byte(tc.src))
		got.lines = nil
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseSpec(%q) =\n %+v, %v; want\n %+v", tc.src, got, err, tc.want)
		}
	}
}

func TestParseSpecErrors(t *testing.T) {
	type want struct {
		line int
		key  string
		has  string
	}
	for _, tc := range []struct {
		src  string
		want []want
	}{
		{"", []want{{0, "", "empty"}}},
		{"  \n# only a comment\n", []want{{0, "", "empty"}}},
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitel: Kosten\n", []want{{3, "titel", `unknown key "titel"`}}},
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitle: a\ntitle: b\n", []want{{4, "title", "twice (first on line 3)"}}},
		{"provider: youtube\nid: [a, b]\ntitle: a\n", []want{{2, "id", "single text value"}}},
		{"provider: youtube\nid:\ntitle: a\n", []want{{2, "id", "single text value"}}},
		{"provider: youtube\nid: dQw4w9WgXc\ntitle: a\ntranscript: t.md\n", []want{{2, "id", "not a YouTube video id"}}},
		{"provider: vimeo\nid: abc\ntitle: a\ntranscript: t.md\n", []want{{2, "id", "not a Vimeo video id"}}},
		{"provider: dailymotion\nid: x\ntitle: a\n", []want{{1, "provider", "not youtube or vimeo"}}},
		{"id: dQw4w9WgXcQ\ntitle: a\n", []want{{0, "provider", "needs a file or a provider"}}},
		{"provider: youtube\ntitle: a\ntranscript: t.md\n", []want{{0, "id", "needs the youtube id"}}},
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitle: '  '\ntranscript: t.md\n", []want{{3, "title", "needs a title"}}},
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitle: a\ntranscript: javascript:alert(1)\n", []want{{4, "transcript", "not a web address"}}},
		{"provider: vimeo\n\nfoo: 1\nbar: 2\n", []want{{3, "foo", "unknown"}, {4, "bar", "unknown"}}},
		{"provider: youtube\nid: \"unterminated\ntitle: a\n", []want{{0, "", "not valid YAML"}}},
		{"provider: youtube\n  id: x\n", []want{{2, "", "not valid YAML"}}},
		{"- provider: youtube\n", []want{{1, "", "not a list of keys"}}},
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitle: a\n---\nprovider: vimeo\n", []want{{0, "", "more than one YAML document"}}},
		{"title: " + strings.Repeat("x", 9000) + "\n", []want{{0, "", "longer than"}}},
		// Missing pieces are all reported at once.
		{"transcript: t.md\n", []want{{0, "title", "title"}, {0, "provider", "provider"}}},
		// A provider's video needs a transcript.
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitle: a\n", []want{{0, "transcript", "cannot see YouTube's captions, so the video needs a transcript"}}},
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitle: a\ncaptions: none\n", []want{{4, "reason", "captions: none needs a reason"}}},
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitle: a\ntranscript: t.md\nposter: p.jpg\n", []want{{5, "poster", "poster is for a video of the site's own"}}},
		// A video of the site's own.
		{"file: film.mp4\ntitle: a\n", []want{{0, "captions", "the video has no captions, which the law requires"}}},
		{"file: film.mp4\ntitle: a\ncaptions:\n", []want{{3, "captions", "captions must be none or the WebVTT file of each language"}}},
		{"file: film.mp4\ntitle: a\ncaptions: {}\n", []want{{3, "captions", "captions must be none"}}},
		{"file: film.mp4\ntitle: a\ncaptions: keine\n", []want{{3, "captions", "captions must be none"}}},
		{"file: film.mp4\ntitle: a\ncaptions: {de: film.srt}\n", []want{{3, "captions", `"film.srt" is not a WebVTT file`}}},
		{"file: film.mp4\ntitle: a\ncaptions: {Deutsch: film.vtt}\n", []want{{3, "captions", `"Deutsch" is not a language code`}}},
		{"file: film.mp4\ntitle: a\ncaptions:\n  de: a.vtt\n  de: b.vtt\n", []want{{5, "captions", "given twice (first on line 4)"}}},
		{"file: film.mp4\ntitle: a\ncaptions: {de: [a.vtt]}\n", []want{{3, "captions", "single text value"}}},
		{"file: film.mp4\ntitle: a\ncaptions: none\n", []want{{3, "reason", "needs a reason"}}},
		{"file: film.mp4\ntitle: a\ncaptions: {de: a.vtt}\nreason: x\n", []want{{4, "reason", "the video has captions"}}},
		{"file: film.mov\ntitle: a\ncaptions: {de: a.vtt}\n", []want{{1, "file", `"film.mov" is not MP4 (.mp4) or WebM (.webm)`}}},
		{"file: [a.mp4, b.mp4]\ntitle: a\ncaptions: {de: a.vtt}\n", []want{{1, "file", `"a.mp4" and "b.mp4" are both mp4 files`}}},
		{"file: []\ntitle: a\ncaptions: {de: a.vtt}\n", []want{{1, "file", "a text value or a list"}}},
		{"file: https://cdn.example/a.mp4\ntitle: a\ncaptions: {de: a.vtt}\n", []want{{1, "file", "is not a file path"}}},
		{"file: a.mp4\nprovider: youtube\nid: dQw4w9WgXcQ\ntitle: a\ncaptions: {de: a.vtt}\n", []want{{2, "provider", "both file and provider"}}},
		{"file: a.mp4\ntitle: a\ncaptions: {de: a.vtt}\nwidth: 640\n", []want{{4, "height", "gives width but not height"}}},
		{"file: a.mp4\ntitle: a\ncaptions: {de: a.vtt}\nwidth: 0\nheight: 9000\n", []want{{4, "width", "not a number of pixels"}, {5, "height", "not a number of pixels"}}},
		{"file: a.mp4\ntitle: a\ncaptions: {de: a.vtt}\nposter: a.pdf\n", []want{{4, "poster", "is not an image file"}}},
		{"file: a.mp4\ntitle: a\ncaptions: {de: a.vtt}\nchapters: a.txt\n", []want{{4, "chapters", "not a WebVTT file"}}},
		{"file: a.mp4\ntitle: a\ncaptions: {de: a.vtt}\nchapters:\n  - Anfang\n  - 0:70 Mitte\n", []want{{5, "chapters", `"Anfang" is not a chapter`}, {6, "chapters", `"0:70 " is not a time`}}},
		{"file: a.mp4\ntitle: a\ncaptions: {de: a.vtt}\nchapters: [1:00 B, 0:30 A]\n", []want{{4, "chapters", `"A" starts at 0:30, not after the one above it (1:00)`}}},
	} {
		_, err := ParseSpec([]byte(tc.src))
		var es Errors
		if !errors.As(err, &es) {
			t.Errorf("ParseSpec(%q): error %v is not Errors", tc.src, err)
			continue
		}
		if len(es) != len(tc.want) {
			t.Errorf("ParseSpec(%q): %d errors (%v), want %d", tc.src, len(es), es, len(tc.want))
			continue
		}
		for i, w := range tc.want {
			e := es[i]
			if (w.line != 0 && e.Line != w.line) || e.Key != w.key || !strings.Contains(e.Error(), w.has) {
				t.Errorf("ParseSpec(%q)[%d] = line %d key %q %q; want line %d key %q containing %q", tc.src, i, e.Line, e.Key, e.Error(), w.line, w.key, w.has)
			}
		}
	}
}

func TestParseSpecHints(t *testing.T) {
	for _, tc := range []struct{ src, hint string }{
		{"provider: youtube\nid: https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10\ntitle: a\n", "id: dQw4w9WgXcQ"},
		{"provider: youtube\nid: https://youtu.be/dQw4w9WgXcQ\ntitle: a\n", "id: dQw4w9WgXcQ"},
		{"provider: vimeo\nid: https://vimeo.com/76979871\ntitle: a\n", "id: 76979871"},
		{"provider: youtub\nid: x\ntitle: a\n", "did you mean youtube?"},
		{"provider: vimeo\nid: 1\ntranscipt: t.md\ntitle: a\n", "did you mean transcript?"},
	} {
		_, err := ParseSpec([]byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.hint) {
			t.Errorf("ParseSpec(%q) = %v, want hint %q", tc.src, err, tc.hint)
		}
	}
}

func TestEmbed(t *testing.T) {
	yt := Embed(Spec{Provider: "youtube", ID: "dQw4w9WgXcQ", Title: "T", Transcript: "t.md"})
	want := EmbedData{
		Provider:   "youtube",
		WatchURL:   "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
		EmbedURL:   "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
		Origin:     "https://www.youtube-nocookie.com",
		Host:       "youtube-nocookie.com",
		Title:      "T",
		Transcript: "t.md",
	}
	if yt != want {
		t.Errorf("youtube: %+v", yt)
	}
	vm := Embed(Spec{Provider: "vimeo", ID: "76979871", Title: "T"})
	want = EmbedData{
		Provider: "vimeo",
		WatchURL: "https://vimeo.com/76979871",
		EmbedURL: "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
		Origin:   "https://player.vimeo.com",
		Host:     "vimeo.com",
		Title:    "T",
	}
	if vm != want {
		t.Errorf("vimeo: %+v", vm)
	}
	if got := FrameOrigins([]EmbedData{yt, vm, yt}); strings.Join(got, " ") != "https://player.vimeo.com https://www.youtube-nocookie.com" {
		t.Errorf("FrameOrigins = %v", got)
	}
}

func render(t *testing.T, d EmbedData, lang string) string {
	t.Helper()
	var b strings.Builder
	if err := RenderHTML(&b, d, i18n.MustBuiltin(lang)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestRenderHTML(t *testing.T) {
	d := Embed(Spec{Provider: "vimeo", ID: "76979871", Title: "Kosten & Risiken", Transcript: "/videos/kosten/"})
	got := render(t, d, "de")
	for _, want := range []string{
		`<figure class="video video-vimeo" data-video-embed="https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=1" data-video-title="Kosten &amp; Risiken">`,
		`<a class="video-link" href="https://vimeo.com/76979871">`,
		`<span class="video-play" aria-hidden="true"></span>`,
		`Video abspielen: Kosten &amp; Risiken`,
		`<small class="video-privacy">Beim Abspielen werden Daten an vimeo.com übertragen.</small>`,
		`<a class="video-transcript" href="/videos/kosten/">Transkript lesen</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	yt := render(t, Embed(Spec{Provider: "youtube", ID: "dQw4w9WgXcQ", Title: "x"}), "en")
	for _, want := range []string{"Playing the video sends data to youtube-nocookie.com.", "Play video: x"} {
		if !strings.Contains(yt, want) {
			t.Errorf("missing %s in\n%s", want, yt)
		}
	}
	if strings.Contains(yt, "video-transcript") {
		t.Errorf("transcript link without a transcript")
	}
	// Nothing is loaded from the host before a click.
	for _, bad := range []string{"<img", "<iframe", "<script", "src=", "ytimg", "vimeocdn"} {
		if strings.Contains(got+yt, bad) {
			t.Errorf("placeholder contains %q", bad)
		}
	}
}

func TestRenderHTMLEscapes(t *testing.T) {
	d := Embed(Spec{Provider: "youtube", ID: "dQw4w9WgXcQ",
		Title:      `"><script>alert(1)</script>`,
		Transcript: "javascript:alert(1)"})
	got := render(t, d, "de")
	if strings.Contains(got, "<script") || strings.Contains(got, `"><script`) {
		t.Errorf("title not escaped:\n%s", got)
	}
	if !strings.Contains(got, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(got, `data-video-title="&#34;&gt;&lt;script&gt;`) {
		t.Errorf("escaped title missing:\n%s", got)
	}
	if strings.Contains(got, "javascript:") {
		t.Errorf("unsafe transcript URL kept:\n%s", got)
	}
}

func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{
		"provider: youtube\nid: dQw4w9WgXcQ\ntitle: T\n",
		"provider: vimeo\nid: 76979871\ntitle: T\ntranscript: t.md\n",
		"file: [a.webm, a.mp4]\ntitle: T\ncaptions: {de: a.de.vtt}\nchapters: [0:00 A, 1:00 B]\nwidth: 1\nheight: 2\n",
		"file: a.mp4\ntitle: T\ncaptions: none\nreason: r\n",
		"provider: youtube\nid: x\n",
		"titel: [\n",
		"- a\n- b\n",
		"&a [*a]\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := ParseSpec(src)
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error %v is not a non-empty Errors", err)
			}
			for _, e := range es {
				if e.Line < 0 {
					t.Fatalf("negative line: %v", e)
				}
			}
			return
		}
		if s.Title == "" {
			t.Fatalf("accepted a spec without title: %+v", s)
		}
		if s.Own() {
			if len(s.Captions) == 0 && !s.NoCaptions || s.NoCaptions && s.Reason == "" {
				t.Fatalf("accepted a video without captions: %+v", s)
			}
			return
		}
		if !validID(s.Provider, s.ID) {
			t.Fatalf("accepted an invalid id: %+v", s)
		}
		d := Embed(s)
		if !strings.HasPrefix(d.EmbedURL, d.Origin+"/") || (d.Origin != "https://www.youtube-nocookie.com" && d.Origin != "https://player.vimeo.com") {
			t.Fatalf("bad embed: %+v", d)
		}
		var b strings.Builder
		if err := RenderHTML(&b, d, i18n.MustBuiltin("de")); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(b.String()), "<script") {
			t.Fatalf("script in output: %s", b.String())
		}
	})
}

func TestRenderHTMLNoCaptions(t *testing.T) {
	d := Embed(Spec{Provider: "youtube", ID: "dQw4w9WgXcQ", Title: "x", NoCaptions: true, Reason: "Nur Musik & Bilder."})
	if got := render(t, d, "de"); !strings.Contains(got, `<small class="video-no-captions">Ohne Untertitel: Nur Musik &amp; Bilder.</small>`) {
		t.Errorf("the reason for no captions is not stated:\n%s", got)
	}
}

func TestRenderPlayer(t *testing.T) {
	p := Player{
		Title:   `Kosten <verstehen>`,
		Sources: []Source{{"/ratgeber/film.webm", "video/webm"}, {"/ratgeber/film.mp4", "video/mp4"}},
		Poster:  "/ratgeber/film.jpg", Width: 640, Height: 360,
		Tracks: []Track{{Kind: "captions", Lang: "de", Label: "Deutsch", URL: "/ratgeber/film.de.vtt", Default: true},
			{Kind: "captions", Lang: "en", Label: "Englisch", URL: "/ratgeber/film.en.vtt"}},
		Chapters:   []Chapter{{0, "Anfang", 1}, {4500, "Die Kosten", 2}},
		Transcript: "/ratgeber/transkript/",
	}
	var b strings.Builder
	if err := RenderPlayer(&b, p, i18n.MustBuiltin("de")); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		`<div class="video video-own" data-video-player><figure class="video-figure">`,
		`<video controls preload="none" width="640" height="360" poster="/ratgeber/film.jpg">`,
		`<source src="/ratgeber/film.webm" type="video/webm"><source src="/ratgeber/film.mp4" type="video/mp4">`,
		`<track kind="captions" src="/ratgeber/film.de.vtt" srclang="de" label="Deutsch" default>`,
		`<track kind="captions" src="/ratgeber/film.en.vtt" srclang="en" label="Englisch">`,
		`<a href="/ratgeber/film.webm" download>Video herunterladen (WebM)</a>`,
		`<figcaption><span class="video-title">Kosten &lt;verstehen&gt;</span></figcaption>`,
		`<nav class="video-chapters" aria-label="Kapitel: Kosten &lt;verstehen&gt;"><ol>`,
		`<li><a href="/ratgeber/film.webm#t=0" data-video-seek="0"><span class="video-chapter-time">0:00</span> Anfang</a></li>`,
		`<li><a href="/ratgeber/film.webm#t=4.5" data-video-seek="4.5"><span class="video-chapter-time">0:04</span> Die Kosten</a></li>`,
		`<p class="video-transcript-link"><a class="video-transcript" href="/ratgeber/transkript/">Transkript lesen</a></p>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	for _, bad := range []string{"autoplay", "<script", "<iframe", "http"} {
		if strings.Contains(got, bad) {
			t.Errorf("the player has %q:\n%s", bad, got)
		}
	}
	b.Reset()
	p.Chapters, p.Transcript, p.Poster, p.NoCaptions, p.Tracks = nil, "", "", "Das Video hat keinen Ton.", nil
	p.Sources = p.Sources[1:]
	if err := RenderPlayer(&b, p, i18n.MustBuiltin("en")); err != nil {
		t.Fatal(err)
	}
	got = b.String()
	for _, want := range []string{`<small class="video-no-captions">Without captions: Das Video hat keinen Ton.</small>`, `Download the video (MP4)`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	for _, bad := range []string{"poster=", "<nav", "<track", "video-transcript"} {
		if strings.Contains(got, bad) {
			t.Errorf("has %q without its data:\n%s", bad, got)
		}
	}
	if err := RenderPlayer(&b, Player{Title: "x"}, i18n.MustBuiltin("de")); err == nil {
		t.Error("a player without a source must be refused")
	}
}

func TestRenderTranscript(t *testing.T) {
	d := Transcript{
		Title: "Kosten", VideoURL: "/ratgeber/kosten/", Lang: "en", LangName: "Englisch",
		Cues: []webvtt.Cue{
			{Start: 0, Text: "<v Anna>Hello &amp; welcome"},
			{Start: 2000, Text: "<v Anna>Costs\nmatter"},
			{Start: 5000, Text: "<v Jonas>Risk <i>too</i>"},
		},
		Chapters: []Chapter{{Start: 2000, Title: "Costs"}, {Start: 9000, Title: "End"}},
	}
	var b strings.Builder
	if err := RenderTranscript(&b, d, i18n.MustBuiltin("de")); err != nil {
		t.Fatal(err)
	}
	want := `<p class="transcript-back"><a href="/ratgeber/kosten/">Zum Video: Kosten</a></p>
<p class="transcript-lang">Das Transkript folgt den Untertiteln auf Englisch.</p>
<div class="transcript" lang="en">
<p class="transcript-cue"><span class="transcript-time">0:00</span> <b class="transcript-voice">Anna:</b> <span class="transcript-text">Hello &amp; welcome</span></p>
<h2 id="t-2"><span class="transcript-time">0:02</span> Costs</h2>
<p class="transcript-cue"><span class="transcript-time">0:02</span> <span class="transcript-text">Costs matter</span></p>
<p class="transcript-cue"><span class="transcript-time">0:05</span> <b class="transcript-voice">Jonas:</b> <span class="transcript-text">Risk too</span></p>
<h2 id="t-9"><span class="transcript-time">0:09</span> End</h2>
</div>
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if TranscriptTitle("Kosten", i18n.MustBuiltin("de")) != "Transkript: Kosten" || TranscriptSlug(i18n.MustBuiltin("de")) != "transkript" || TranscriptSlug(i18n.MustBuiltin("en-GB")) != "transcript" {
		t.Error("transcript title or slug")
	}
}

func TestPosterSVG(t *testing.T) {
	svg := string(PosterSVG(`Kosten & Risiken <einfach> erklärt, in drei Minuten und mit vielen Worten mehr als eine Zeile fasst`, 640, 360))
	if !strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">`) ||
		!strings.Contains(svg, "Kosten &amp; Risiken &lt;einfach&gt;") || strings.Count(svg, "<text") < 2 {
		t.Errorf("poster:\n%s", svg)
	}
	if string(PosterSVG("x", 640, 360)) != string(PosterSVG("x", 640, 360)) {
		t.Error("not deterministic")
	}
	if !strings.Contains(string(PosterSVG("x", 0, 0)), `width="1280"`) {
		t.Error("no size: the default 1280×720")
	}
}
func TestRefSource(t *testing.T) {
	for _, tc := range []struct {
		page, path, src string
		inside          bool
	}{
		{"content/stories/a.md", "film.mp4", "content/stories/film.mp4", true},
		{"content/stories/a.md", "/videos/film.mp4", "content/videos/film.mp4", true},
		{"content/a.md", "../film.mp4", "film.mp4", false},
		{"content/stories/a.md", "/../../etc/passwd", "../etc/passwd", false},
	} {
		src, inside := Ref{Path: tc.path}.Source(tc.page)
		if src != tc.src || inside != tc.inside {
			t.Errorf("Source(%q, %q) = %q, %v; want %q, %v", tc.page, tc.path, src, inside, tc.src, tc.inside)
		}
	}
}
