package e2e

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/chromedp"

	"github.com/klartext/klartext/generator/browsercheck"
	"github.com/klartext/klartext/generator/sitetest"
)

// Helpers of the interaction tests (interact_test.go): a tab to click
// around in while its requests are recorded, site copies with another
// site.yaml, and finding a page by what its HTML holds.

// guard bounds every wait of the interaction tests. It only keeps a broken
// page from hanging the run; no test asserts on how long anything takes.
const guard = 10 * time.Second

// settle is how long a test lets a page go on after load before it looks
// at what the page requested (the page tests wait load + 1 s).
const settle = 500 * time.Millisecond

// tab is one page in a tab of its own. Like load, it records every
// request the page makes (attempts, too) and what it logs; unlike load it
// runs no checks, so a test can click and look again.
type tab struct {
	t   *testing.T
	ctx context.Context
	mu  sync.Mutex
	v   *visit
}

// openTab opens base+p.Path in a new tab at the desktop size, after the
// before actions (run on the blank tab, e.g. to turn JavaScript off), and
// returns once the page has loaded. The tab closes when the test ends.
func openTab(t *testing.T, base string, p page, before ...chromedp.Action[chromedp.Void]) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(suite.browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatalf("%s: opening a tab: %v", p.Path, err)
	}
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelT)
	tb := &tab{t: t, ctx: ctx, v: &visit{Page: p, URL: base + p.Path, Viewport: desktop, Weight: map[string]int64{}}}
	if err := browsercheck.Listen(ctx, tb.v, &tb.mu); err != nil {
		t.Fatalf("%s: %v", p.Path, err)
	}
	steps := append([]chromedp.Action[chromedp.Void]{
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, cdplog.Enable, cdp.Empty{})
			return err
		}),
		chromedp.EmulateViewport(desktop.Width, desktop.Height),
	}, before...)
	steps = append(steps, chromedp.Navigate(tb.v.URL))
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", tb.v.URL, err)
	}
	return tb
}

// do runs actions in the tab (at most guard: a selector that matches
// nothing would wait forever) and stops the test on an error.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, guard)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %s: %v", tb.v.Page.Path, what, err)
	}
}

// seen returns a copy of what the tab recorded so far.
func (tb *tab) seen() *visit {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	c := *tb.v
	c.Requests = append([]string(nil), tb.v.Requests...)
	c.SetCookies = append([]string(nil), tb.v.SetCookies...)
	c.Console = append([]string(nil), tb.v.Console...)
	c.BrowserLog = append([]string(nil), tb.v.BrowserLog...)
	return &c
}

// waitRequest waits (at most guard) until the tab has requested a URL with
// the prefix and reports whether it did.
func (tb *tab) waitRequest(prefix string) bool {
	deadline := time.Now().Add(guard)
	for {
		for _, r := range tb.seen().Requests {
			if strings.HasPrefix(r, prefix) {
				return true
			}
		}
		if time.Now().After(deadline) || tb.ctx.Err() != nil {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// eval evaluates js in the tab and stops the test on an error.
func eval[T any](tb *tab, what, js string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, guard)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		tb.t.Fatalf("%s: %s: %v", tb.v.Page.Path, what, err)
	}
	return v
}

// poll waits (at most guard) until js is true in the tab; false when it
// never was. The caller reports what is missing.
func poll(tb *tab, js string) bool {
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(guard)))
	return err == nil
}

// finding is a Finding on the tab's page.
func (tb *tab) finding(rule, detail string) Finding {
	return Finding{Page: tb.v.Page.Path, Kind: tb.v.Page.Kind, Rule: rule, Detail: detail}
}

// withoutFailedLoadsOf drops the console findings of requests to origin
// that failed: the browser logs one for every request that cannot leave
// the machine, and the test asked for that request.
func withoutFailedLoadsOf(findings []Finding, origin string) []Finding {
	var out []Finding
	for _, f := range findings {
		if f.Rule == "no-console-errors" && strings.HasPrefix(f.Detail, "browser: network: ") && strings.Contains(f.Detail, "("+origin+"/") {
			continue
		}
		out = append(out, f)
	}
	return out
}

// pageWith returns the first page in public's sitemap of the kind (any
// kind when "") whose HTML contains every needle; the test fails when
// there is none.
func pageWith(t *testing.T, public, kind string, needles ...string) page {
	t.Helper()
	locs, err := browsercheck.SitemapLocs(filepath.Join(public, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range locs {
		u, err := url.Parse(loc)
		if err != nil {
			t.Fatalf("sitemap.xml: %q: %v", loc, err)
		}
		p := u.Path
		k, _, err := browsercheck.PageInfo(public, "/", p)
		if err != nil || (kind != "" && k != kind) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(p), "index.html"))
		if err != nil {
			continue
		}
		all := true
		for _, n := range needles {
			all = all && strings.Contains(string(data), n)
		}
		if all {
			return page{Kind: k, Path: p, Name: k}
		}
	}
	t.Fatalf("the site has no page (kind %q) with %q", kind, needles)
	return page{}
}

var feedbackBlock = regexp.MustCompile(`(?m)^feedback:[ \t]*\n(?:[ \t]+.*(?:\n|$)|[ \t]*\n)*`)

// demoWithFeedback builds a copy of the demo site whose site.yaml has
// block (starting "feedback:") instead of its feedback block, serves it
// and returns the server and the output folder.
func demoWithFeedback(t *testing.T, block string) (*server, string) {
	t.Helper()
	if suite.source != suite.repo {
		t.Skip("the repository has no demo site (content/) to copy")
	}
	root := sitetest.CopyDemo(t, suite.repo)
	setFeedbackBlock(t, root, block)
	return buildAndServe(t, root)
}

// buildAndServe builds the site at root into root/public and serves it
// until the test ends.
func buildAndServe(t *testing.T, root string) (*server, string) {
	t.Helper()
	public := filepath.Join(root, "public")
	if err := buildSite(root, public); err != nil {
		t.Fatal(err)
	}
	srv, err := browsercheck.StartServer(public, "/")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv, public
}

// setFeedbackBlock replaces the feedback block of the site's site.yaml.
func setFeedbackBlock(t *testing.T, root, block string) {
	t.Helper()
	file := filepath.Join(root, "content", "site.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !feedbackBlock.Match(data) {
		t.Fatalf("content/site.yaml has no feedback block to replace:\n%s", data)
	}
	edited := feedbackBlock.ReplaceAllLiteralString(string(data), strings.TrimRight(block, "\n")+"\n")
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pollAcross is poll across a navigation: a poll started on the page
// that is being left ends with it, so it is tried again until guard.
func pollAcross(tb *tab, js string) bool {
	deadline := time.Now().Add(guard)
	for time.Now().Before(deadline) {
		if poll(tb, js) {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}
