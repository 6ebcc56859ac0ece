package video

import (
	"errors"
	"strings"
	"testing"
)

func TestParseSpecValid(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want Spec
	}{
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitle: So lesen Sie das Basisinformationsblatt\n",
			Spec{"youtube", "dQw4w9WgXcQ", "So lesen Sie das Basisinformationsblatt", ""}},
		{"provider: YouTube\nid: a_b-C1d2E3f\ntitle: ' Kosten '\ntranscript: transkript.md # the prose\n",
			Spec{"youtube", "a_b-C1d2E3f", "Kosten", "transkript.md"}},
		{"provider: vimeo\nid: 76979871\ntitle: \"Risiko: 1 bis 7\"\ntranscript: https://bank.example/t/\n",
			Spec{"vimeo", "76979871", "Risiko: 1 bis 7", "https://bank.example/t/"}},
		{"# comment first\nprovider: vimeo\nid: '123'\ntitle: x\n", Spec{"vimeo", "123", "x", ""}},
	} {
		got, err := ParseSpec([]byte(tc.src))
		if err != nil || got != tc.want {
			t.Errorf("ParseSpec(%q) = %+v, %v; want %+v", tc.src, got, err, tc.want)
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
		{"provider: youtube\nid: dQw4w9WgXc\ntitle: a\n", []want{{2, "id", "not a YouTube video id"}}},
		{"provider: vimeo\nid: abc\ntitle: a\n", []want{{2, "id", "not a Vimeo video id"}}},
		{"provider: dailymotion\nid: x\ntitle: a\n", []want{{1, "provider", "not youtube or vimeo"}}},
		{"id: dQw4w9WgXcQ\ntitle: a\n", []want{{0, "provider", "needs a provider"}}},
		{"provider: youtube\ntitle: a\n", []want{{0, "id", "needs the youtube id"}}},
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitle: '  '\n", []want{{3, "title", "needs a title"}}},
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitle: a\ntranscript: javascript:alert(1)\n", []want{{4, "transcript", "not a web address"}}},
		{"provider: vimeo\n\nfoo: 1\nbar: 2\n", []want{{3, "foo", "unknown"}, {4, "bar", "unknown"}}},
		{"provider: youtube\nid: \"unterminated\ntitle: a\n", []want{{0, "", "not valid YAML"}}},
		{"provider: youtube\n  id: x\n", []want{{2, "", "not valid YAML"}}},
		{"- provider: youtube\n", []want{{1, "", "not a list of keys"}}},
		{"provider: youtube\nid: dQw4w9WgXcQ\ntitle: a\n---\nprovider: vimeo\n", []want{{0, "", "more than one YAML document"}}},
		{"title: " + strings.Repeat("x", 9000) + "\n", []want{{0, "", "longer than"}}},
		// Missing pieces are all reported at once.
		{"transcript: t.md\n", []want{{0, "provider", "provider"}, {0, "title", "title"}}},
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
	if err := RenderHTML(&b, d, lang); err != nil {
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
		if !validID(s.Provider, s.ID) || s.Title == "" {
			t.Fatalf("accepted an invalid spec: %+v", s)
		}
		d := Embed(s)
		if !strings.HasPrefix(d.EmbedURL, d.Origin+"/") || (d.Origin != "https://www.youtube-nocookie.com" && d.Origin != "https://player.vimeo.com") {
			t.Fatalf("bad embed: %+v", d)
		}
		var b strings.Builder
		if err := RenderHTML(&b, d, "de"); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(b.String()), "<script") {
			t.Fatalf("script in output: %s", b.String())
		}
	})
}
