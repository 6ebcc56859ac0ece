package e2e

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/klartext/klartext/generator/browsercheck"
	"github.com/klartext/klartext/generator/webvtt"
)

// The demo's video of the site's own, in the browser: it plays from the
// site (the WebM source where this Chromium lacks H.264), its German
// caption track loads and shows the cue of the moment, the chapter links
// seek it, nothing comes from another origin, and axe finds nothing on the
// page or on its transcript, whose text is the captions' text.

// videoPage is the first page with a player of the site's own.
func videoPage(t *testing.T) page {
	t.Helper()
	if suite.source != suite.repo {
		t.Skip("the repository has no demo site (content/) with a video")
	}
	return pageWith(t, suite.public, "", `data-video-player`, `<video controls preload="none"`)
}

type videoState struct {
	Src      string  `json:"src"`
	Time     float64 `json:"time"`
	Paused   bool    `json:"paused"`
	Track    int     `json:"track"`    // readyState of the German <track>: 2 = loaded
	Mode     string  `json:"mode"`     // of its TextTrack
	Cue      string  `json:"cue"`      // the first active cue's text
	Focused  string  `json:"focused"`  // document.activeElement's tag
	Current  string  `json:"current"`  // the chapter link marked aria-current
	Location string  `json:"location"` // location.pathname
}

const videoStateJS = `(() => { const v = document.querySelector('[data-video-player] video');
  const tr = v.querySelector('track[kind="captions"][srclang="de"]');
  const cues = tr && tr.track.activeCues;
  const cur = document.querySelector('[data-video-player] a[data-video-seek][aria-current]');
  return {src: v.currentSrc, time: v.currentTime, paused: v.paused, track: tr ? tr.readyState : -1,
    mode: tr ? tr.track.mode : '', cue: cues && cues.length ? cues[0].getCueAsHTML().textContent : '',
    focused: document.activeElement ? document.activeElement.tagName : '',
    current: cur ? cur.getAttribute('data-video-seek') : '', location: location.pathname}; })()`

func TestSelfHostedVideo(t *testing.T) {
	needBrowser(t)
	p := videoPage(t)
	p.Name = "video"

	// The page's checks: axe at both widths, keyboard, no tracking, console,
	// reflow, weight.
	b, err := loadBudget()
	if err != nil {
		t.Fatal(err)
	}
	findings, w := checkPage(t, suite.srv, p, b)
	t.Logf("%s: %d bytes (%s)", p.Path, weights(w).total(), weightSummary(w))

	tb := openTab(t, suite.srv.URL, p)
	codecs := eval[map[string]string](tb, "canPlayType", `(() => { const v = document.createElement('video');
  return {mp4: v.canPlayType('video/mp4; codecs="avc1.42E01E, mp4a.40.2"'), webm: v.canPlayType('video/webm; codecs="vp9, opus"')}; })()`)
	t.Logf("this Chromium plays MP4/H.264: %q, WebM/VP9: %q", codecs["mp4"], codecs["webm"])
	if codecs["webm"] == "" {
		t.Fatal("this Chromium cannot play WebM/VP9: the demo's WebM source must play")
	}

	// Muted, so the browser's autoplay policy allows a play() without a
	// click; the page itself never plays by itself.
	if st := eval[videoState](tb, "state", videoStateJS); !st.Paused || st.Time != 0 {
		findings = append(findings, tb.finding("video-no-autoplay", fmt.Sprintf("before anything the player is at %.2f s, paused %v", st.Time, st.Paused)))
	}
	tb.do("play", chromedp.Evaluate[chromedp.Void](`(() => { const v = document.querySelector('[data-video-player] video'); v.muted = true; v.play(); })()`))
	if !poll(tb, `document.querySelector('[data-video-player] video').currentTime > 0.7`) {
		st := eval[videoState](tb, "state", videoStateJS)
		t.Fatalf("the video does not play: %+v (requests %q)", st, tb.seen().Requests)
	}
	st := eval[videoState](tb, "state", videoStateJS)
	if !strings.HasPrefix(st.Src, suite.srv.URL+"/") {
		findings = append(findings, tb.finding("video-plays", "the video plays from "+st.Src+", not the site"))
	}
	if codecs["mp4"] == "" && !strings.HasSuffix(st.Src, ".webm") {
		findings = append(findings, tb.finding("video-plays", "without H.264 the WebM source must play, got "+st.Src))
	}

	// The caption track: loaded, shown, and its cue the one the file has
	// at that time.
	captions := readVTT(t, st.Src, "de")
	if !poll(tb, `(() => { const tr = document.querySelector('[data-video-player] track[srclang="de"]');
  return tr.readyState === 2 && tr.track.activeCues && tr.track.activeCues.length > 0; })()`) {
		st := eval[videoState](tb, "state", videoStateJS)
		findings = append(findings, tb.finding("video-captions", fmt.Sprintf("the German caption track shows no cue: %+v", st)))
	} else {
		st := eval[videoState](tb, "state", videoStateJS)
		if st.Mode != "showing" {
			findings = append(findings, tb.finding("video-captions", "the page's language's track is "+st.Mode+", want showing (default)"))
		}
		if want := cueAt(captions, st.Time); st.Cue != want {
			findings = append(findings, tb.finding("video-captions", fmt.Sprintf("at %.2f s the cue shown is %q, the file has %q", st.Time, st.Cue, want)))
		}
	}

	// The chapter links seek the player, which takes the focus; the page
	// stays.
	tb.do("pause", chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-video-player] video').pause()`))
	for _, at := range []string{"5", "10", "0"} {
		tb.do("click chapter "+at, chromedp.Click(chromedp.CSS(`[data-video-player] a[data-video-seek="`+at+`"]`)))
		js := fmt.Sprintf(`(() => { const t = document.querySelector('[data-video-player] video').currentTime; return t >= %s && t < %s + 2; })()`, at, at)
		if !poll(tb, js) {
			st := eval[videoState](tb, "state", videoStateJS)
			findings = append(findings, tb.finding("video-chapters", fmt.Sprintf("after the chapter link %s s the player is at %.2f s", at, st.Time)))
			continue
		}
		poll(tb, `!!document.querySelector('[data-video-player] a[aria-current="true"][data-video-seek="`+at+`"]')`)
		st := eval[videoState](tb, "state", videoStateJS)
		if st.Location != p.Path || st.Focused != "VIDEO" || st.Current != at {
			findings = append(findings, tb.finding("video-chapters", fmt.Sprintf("after the chapter link %s s: page %s, focus on %s, aria-current on %q", at, st.Location, st.Focused, st.Current)))
		}
	}

	for _, r := range tb.seen().Requests {
		if !strings.HasPrefix(r, suite.srv.URL+"/") && !strings.HasPrefix(r, "data:") {
			findings = append(findings, tb.finding("no-tracking", "the video page asked another origin: "+r))
		}
	}
	findings = append(findings, browsercheck.Console(tb.seen())...)
	var served []string
	for _, r := range tb.seen().Requests {
		if !strings.HasPrefix(r, "data:") { // the player's own icons
			served = append(served, r)
		}
	}
	t.Logf("%s: requests: %q", p.Path, served)
	triage(t, findings)
}

// TestVideoChapterLinksWithoutJavaScript: a chapter link is a media
// fragment on the video file, which the browser opens at that time.
func TestVideoChapterLinksWithoutJavaScript(t *testing.T) {
	needBrowser(t)
	p := videoPage(t)
	html, err := os.ReadFile(filepath.Join(suite.public, filepath.FromSlash(p.Path), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<a href="([^"#]+)#t=([0-9.]+)" data-video-seek="([0-9.]+)">`).FindAllStringSubmatch(string(html), -1)
	if len(m) < 2 {
		t.Fatalf("no chapter links with media fragments in %s", p.Path)
	}
	link := m[1] // the second chapter: not at 0
	resp, err := http.Head(suite.srv.URL + link[1])
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "video/") {
		t.Fatalf("the chapter link's file %s: status %d, %s", link[1], resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	tb := openTab(t, suite.srv.URL, page{Kind: "media", Path: link[1] + "#t=" + link[2], Name: "media"})
	if !poll(tb, `(() => { const v = document.querySelector('video'); return !!v && v.readyState >= 1 && Math.abs(v.currentTime - `+link[2]+`) < 0.5; })()`) {
		t.Errorf("opening %s#t=%s does not start the video at %s s", link[1], link[2], link[2])
	}
}

// TestTranscriptMatchesCaptions: the transcript page the build made says
// what the caption track says, cue by cue, and passes the page checks.
func TestTranscriptMatchesCaptions(t *testing.T) {
	needBrowser(t)
	p := videoPage(t)
	tb := openTab(t, suite.srv.URL, p)
	href := eval[string](tb, "transcript link", `(() => { const a = document.querySelector('[data-video-player] a.video-transcript'); return a ? a.getAttribute('href') : ''; })()`)
	if href == "" {
		t.Fatal("the video has no transcript link")
	}
	if !poll(tb, `(() => { const tr = document.querySelector('[data-video-player] track[srclang="de"]'); return tr.readyState === 2 && tr.track.cues.length > 0; })()`) {
		t.Fatal("the German caption track does not load")
	}
	cues := eval[[]string](tb, "cues", `Array.from(document.querySelector('[data-video-player] track[srclang="de"]').track.cues).map(c => c.getCueAsHTML().textContent.replace(/\s+/g, ' ').trim())`)

	tr := openTab(t, suite.srv.URL, page{Kind: "transcript", Path: href, Name: "transcript"})
	text := eval[[]string](tr, "transcript", `Array.from(document.querySelectorAll('.transcript .transcript-text')).map(s => s.textContent.replace(/\s+/g, ' ').trim())`)
	if strings.Join(text, "\n") != strings.Join(cues, "\n") {
		t.Errorf("the transcript %s differs from the captions:\ntranscript:\n  %s\ncaptions:\n  %s", href, strings.Join(text, "\n  "), strings.Join(cues, "\n  "))
	}
	if kind := eval[string](tr, "kind", `document.body.className`); !strings.Contains(kind, "kind-transcript") {
		t.Errorf("the transcript page's body is %q", kind)
	}
	b, err := loadBudget()
	if err != nil {
		t.Fatal(err)
	}
	findings, _ := checkPage(t, suite.srv, page{Kind: "transcript", Path: href, Name: "transcript"}, b)
	triage(t, findings)
}

// readVTT parses the captions file of the language beside the video the
// browser plays.
func readVTT(t *testing.T, src, lang string) []webvtt.Cue {
	t.Helper()
	rel := strings.TrimPrefix(src, suite.srv.URL)
	base := strings.TrimSuffix(rel, filepath.Ext(rel))
	data, err := os.ReadFile(filepath.Join(suite.public, filepath.FromSlash(base+"."+lang+".vtt")))
	if err != nil {
		t.Fatal(err)
	}
	f, errs := webvtt.Parse(data)
	if errs != nil {
		t.Fatal(errs)
	}
	return f.Cues
}

// cueAt is the text of the cue shown at the time (seconds).
func cueAt(cues []webvtt.Cue, at float64) string {
	ms := webvtt.Time(at * 1000)
	for _, c := range cues {
		if c.Start <= ms && ms < c.End {
			return webvtt.PlainText(c.Text)
		}
	}
	return ""
}
