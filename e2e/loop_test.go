package e2e

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/klartext/klartext/generator/browsercheck"
	"github.com/klartext/klartext/generator/sitetest"
)

// TestFeedbackLoop closes the loop in a real browser: the demo's form, on
// a page served from 127.0.0.1, posts to a real `klartext feedback serve`
// on 127.0.0.1 — once with JavaScript (the token fetched when the reader
// begins) on a product page, and once without (the receiver's confirmation
// page) on a page with a video, stored with the video's title — and lands
// on the thank-you page (from an English page on the English one); `klartext feedback export` and a rebuild count
// both messages on /feedback/; once answered and published, the criticism
// is shown with the bank's answer on its page.
func TestFeedbackLoop(t *testing.T) {
	needBrowser(t)
	if suite.source != suite.repo {
		t.Skip("the repository has no demo site (content/) to copy")
	}
	bin := klartextBin(t)
	klartext := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(bin, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("klartext %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	root := sitetest.CopyDemo(t, suite.repo)
	public := filepath.Join(root, "public")
	site, err := browsercheck.StartServer(public, "/") // serves what the builds below write
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(site.Close)
	db := filepath.Join(t.TempDir(), "feedback.db")
	demoCSV := filepath.Join(root, "content", "data", "feedback.csv")
	klartext("feedback", "import", "csv", demoCSV, "--db", db) // the demo's history before the receiver

	recv := exec.Command(bin, "feedback", "serve", "--db", db, "--bind", "127.0.0.1", "--port", "0", "--origin", site.URL, "--min-fill", "1s")
	stdout, err := recv.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var recvLog strings.Builder
	recv.Stderr = &recvLog
	if err := recv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { recv.Process.Kill(); recv.Wait() })
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() {
		t.Fatalf("the receiver did not start: %s", recvLog.String())
	}
	m := regexp.MustCompile(`listening on (http://\S+)`).FindStringSubmatch(sc.Text())
	if m == nil {
		t.Fatalf("the receiver says %q", sc.Text())
	}
	endpoint := m[1]
	go func() {
		for sc.Scan() {
		}
	}()
	setFeedbackBlock(t, root, "feedback:\n  provider: form\n  endpoint: \""+endpoint+"\"\n  redirect: \""+site.URL+"/danke/\"\n")
	// English has its own thank-you page (languages: en's feedback: redirect:).
	sitetest.Edit(t, root, "content/site.yaml", `"https://www.rheintal-bank.test/en/danke/"`, strconv.Quote(site.URL+"/en/danke/"))
	if err := buildSite(root, public); err != nil {
		t.Fatal(err)
	}
	p := pageWith(t, public, "product", `action="`+endpoint+`"`)
	vp := pageWith(t, public, "", `action="`+endpoint+`"`, `name="video"`)
	vpHTML, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(vp.Path), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var videos []string
	for _, m := range regexp.MustCompile(`name="video" value="([^"]*)"`).FindAllStringSubmatch(string(vpHTML), -1) {
		videos = append(videos, html.UnescapeString(m[1]))
	}
	if len(videos) == 0 {
		t.Fatalf("%s names no video in its form", vp.Path)
	}

	var findings []Finding
	// With JavaScript: the script fetches the token on the first focus.
	const criticism = "Die Depotgebühr steht zu weit unten. (Schleifentest)"
	tb := openTab(t, site.URL, p)
	tb.do("fill in the form",
		chromedp.Click(chromedp.CSS(`label[for="fb-kind-criticism"]`)),
		chromedp.Click(chromedp.CSS(`label[for="fb-costs-1"]`)),
		chromedp.SendKeys(chromedp.CSS(`#fb-message`), criticism),
	)
	if !poll(tb, `document.querySelector('input[data-feedback-token]').value !== ''`) {
		t.Fatalf("no token from %s: %s", endpoint, recvLog.String())
	}
	time.Sleep(1200 * time.Millisecond) // the receiver's minimum fill time (--min-fill 1s)
	tb.do("submit", chromedp.Click(chromedp.CSS(`section.feedback-form form button[type="submit"]`)))
	if !pollAcross(tb, `location.href === `+strconv.Quote(site.URL+"/danke/")) {
		findings = append(findings, tb.finding("feedback-loop", "with JavaScript: not on the thank-you page but "+eval[string](tb, "where", `location.href`)))
	}

	// Without JavaScript: no token, so the receiver asks to confirm.
	const praise = "Ohne JavaScript gesendet, auch gut. (Schleifentest)"
	nojs := openTab(t, site.URL, vp, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	nojs.do("fill in the form",
		chromedp.Click(chromedp.CSS(`label[for="fb-kind-praise"]`)),
		chromedp.SendKeys(chromedp.CSS(`#fb-message`), praise),
		chromedp.Click(chromedp.CSS(`section.feedback-form form button[type="submit"]`)),
	)
	if !pollAcross(nojs, `document.querySelector('h1') !== null && document.querySelector('h1').textContent === 'Bitte bestätigen Sie Ihre Rückmeldung'`) {
		t.Fatalf("without JavaScript: no confirmation page at %s: %s\nreceiver: %s", eval[string](nojs, "where", `location.href`),
			eval[string](nojs, "page", `document.documentElement ? document.documentElement.outerHTML : String(document)`), recvLog.String())
	}
	time.Sleep(1200 * time.Millisecond)
	nojs.do("confirm", chromedp.Click(chromedp.CSS(`form button[type="submit"]`)))
	if !pollAcross(nojs, `location.href === `+strconv.Quote(site.URL+"/danke/")) {
		findings = append(findings, nojs.finding("feedback-loop", "without JavaScript: not on the thank-you page but "+eval[string](nojs, "where", `location.href`)))
	}

	// Both are stored, as new messages, the praise with its page's videos.
	list := klartext("feedback", "list", "--db", db, "--state", "new")
	id, videoID := "", ""
	for _, line := range strings.Split(list, "\n") {
		switch {
		case strings.Contains(line, "Schleifentest") && strings.Contains(line, "criticism") && strings.Contains(line, " "+p.Path+"  "):
			id = strings.Fields(line)[0]
		case strings.Contains(line, "Schleifentest") && strings.Contains(line, "praise") && strings.Contains(line, " "+vp.Path+" (video: "):
			videoID = strings.Fields(line)[0]
		}
	}
	if id == "" || videoID == "" || strings.Count(list, "Schleifentest") != 2 {
		t.Fatalf("the receiver did not store both messages:\n%s\n%s", list, recvLog.String())
	}
	shownVideo := klartext("feedback", "show", videoID, "--db", db)
	for _, v := range videos {
		if !strings.Contains(shownVideo, "\nvideo:     "+v+"\n") {
			findings = append(findings, nojs.finding("feedback-loop", fmt.Sprintf("the message from %s does not name the video %q:\n%s", vp.Path, v, shownVideo)))
		}
	}

	// Export and rebuild: the balance counts them (the demo has 24 praise
	// and 22 criticisms). The build's day is today: they arrived today, and
	// a build of an earlier day leaves them out as dated after it.
	klartext("feedback", "export", "--db", db, "--source", root)
	if err := buildSiteAt(root, public, time.Now()); err != nil {
		t.Fatal(err)
	}
	fp := page{Kind: "feedback", Path: "/feedback/", Name: "feedback"}
	fb := openTab(t, site.URL, fp)
	if got := eval[string](fb, "totals", `document.querySelector('.balance-total').textContent`); got != "Insgesamt 25 × Lob, 23 × Kritik, 17 × Fragen." {
		findings = append(findings, fb.finding("feedback-loop", "the balance does not count the two messages: "+got))
	}
	// Not yet published: the comment is on no page.
	if body := eval[string](openTab(t, site.URL, p), "page", `document.body.textContent`); strings.Contains(body, criticism) {
		findings = append(findings, tb.finding("feedback-loop", "the comment is shown before it was published"))
	}

	// Answer and publish; export and rebuild: shown with its answer.
	const answer = "Danke! Wir zeigen die Depotgebühr jetzt ganz oben."
	klartext("feedback", "answer", id, "--db", db, "--text", answer)
	klartext("feedback", "publish", id, "--db", db)
	klartext("feedback", "export", "--db", db, "--source", root)
	if err := buildSiteAt(root, public, time.Now()); err != nil {
		t.Fatal(err)
	}
	pg := openTab(t, site.URL, p)
	type shown struct {
		Comment string `json:"comment"`
		Answer  string `json:"answer"`
	}
	got := eval[shown](pg, "published", fmt.Sprintf(`(() => { const li = document.getElementById('feedback-%s');
  return li ? {comment: li.querySelector('.dialogue-comment').textContent.trim(), answer: (li.querySelector('.dialogue-answer') || {textContent: ''}).textContent.trim()} : {comment: '', answer: ''}; })()`, id))
	if got.Comment != criticism || !strings.HasSuffix(got.Answer, answer) {
		findings = append(findings, pg.finding("feedback-loop", fmt.Sprintf("the published message: %+v", got)))
	}
	fb = openTab(t, site.URL, fp)
	if s := eval[string](fb, "you said", `(document.querySelector('.you-said') || {textContent: ''}).textContent`); !strings.Contains(s, criticism) || !strings.Contains(s, answer) {
		findings = append(findings, fb.finding("feedback-loop", "'Sie sagten – wir haben' lacks the answered message"))
	}
	findings = append(findings, browsercheck.Console(pg.seen())...)

	// The same form in English lands on the English thank-you page.
	en := openTab(t, site.URL, page{Kind: p.Kind, Path: "/en" + p.Path, Name: p.Name})
	en.do("fill in the English form",
		chromedp.Click(chromedp.CSS(`label[for="fb-kind-question"]`)),
		chromedp.SendKeys(chromedp.CSS(`#fb-message`), "Where is the fee table? (loop test)"),
	)
	if !poll(en, `document.querySelector('input[data-feedback-token]').value !== ''`) {
		t.Fatalf("no token from %s on the English page: %s", endpoint, recvLog.String())
	}
	time.Sleep(1200 * time.Millisecond)
	en.do("submit", chromedp.Click(chromedp.CSS(`section.feedback-form form button[type="submit"]`)))
	if !pollAcross(en, `location.href === `+strconv.Quote(site.URL+"/en/danke/")) {
		findings = append(findings, en.finding("feedback-loop", "in English: not on the English thank-you page but "+eval[string](en, "where", `location.href`)))
	}
	triage(t, findings)
	if _, err := os.Stat(db); err != nil {
		t.Error(err)
	}
}
