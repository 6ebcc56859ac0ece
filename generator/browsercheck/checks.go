// Package browsercheck is the browser suite's page checks, for any built
// site: it serves the output as a static host does (Server), opens pages
// in headless Chromium (StartBrowser, Load) and checks what a reader gets —
// axe-core's WCAG 2.1 A and AA rules at 1280 and 360 px, reflow at 360 px,
// no request to another origin and no cookie, no console error, charts
// with their text alternatives, the skip link, image sizes. The checks
// return Findings; the e2e suite turns them into test failures (and proves
// each can fail), klartext check --browser into diagnostics.
//
// Nothing is downloaded: Chromium is the system's (Debian's chromium),
// axe-core the copy npm installed from a lock file (FindTools).
package browsercheck

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Finding is one broken rule on one page. The checks return findings
// instead of failing a test, so the negative tests can assert on them.
type Finding struct {
	Page   string // URL path or file
	Kind   string // page kind, when known
	Rule   string // "axe:image-alt", "no-tracking", "html-validate:no-dup-id", ...
	Detail string
}

func (f Finding) String() string {
	kind := ""
	if f.Kind != "" {
		kind = " (" + f.Kind + ")"
	}
	return fmt.Sprintf("%s%s: %s: %s", f.Page, kind, f.Rule, f.Detail)
}

// Viewport is a browser window size to check a page at.
type Viewport struct {
	Name          string
	Width, Height int64
	Mobile        bool
}

// The widths the pages are checked at: a desktop and a phone.
var (
	Desktop = Viewport{"desktop", 1280, 800, false}
	Mobile  = Viewport{"mobile", 360, 740, true}
)

// Visit is what the browser saw of one page load.
type Visit struct {
	Page     Page
	URL      string
	Viewport Viewport

	Requests   []string         // every request the page made, in order
	SetCookies []string         // Set-Cookie headers on any response
	Cookie     string           // document.cookie after load
	Console    []string         // console.error calls and uncaught exceptions
	BrowserLog []string         // errors the browser itself logs (CSP violations, failed loads)
	Weight     map[string]int64 // bytes transferred per type: html, css, js, images, other
	Axe        []AxeViolation
	Charts     []ChartProblem
	Keyboard   KeyboardResult
	Width      int64    // the viewport width the page saw, to prove the emulation applied
	Overflow   []string // elements wider than the viewport (reflow)
	Images     []ImageShown
}

// AxeViolation is one rule axe-core found broken, with the elements.
type AxeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// ChartProblem is what a chart figure lacks.
type ChartProblem struct {
	Figure  string `json:"figure"`
	Problem string `json:"problem"`
}

// KeyboardResult is where the first Tab and Enter put the focus.
type KeyboardResult struct {
	SkipLinkFocused bool   `json:"skipLinkFocused"`
	Focused         string `json:"focused"`
	Outline         string `json:"outline"`
	MainFocused     bool   `json:"mainFocused"`
	AfterEnter      string `json:"afterEnter"`
}

// weightType maps a resource to the page-weight report's columns.
func weightType(t network.ResourceType) string {
	switch t {
	case network.ResourceTypeDocument:
		return "html"
	case network.ResourceTypeStylesheet:
		return "css"
	case network.ResourceTypeScript:
		return "js"
	case network.ResourceTypeImage:
		return "images"
	}
	return "other"
}

// Load opens p in a new tab at the viewport, waits until load + 1 s and
// records requests, cookies, console errors and the bytes per type; then it
// runs axe-core, the chart check and (withKeyboard) the keyboard check.
func Load(parent context.Context, base string, p Page, vp Viewport, axeSource string, withKeyboard bool) (*Visit, error) {
	ctx, cancel := chromedp.NewContext(parent)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		return nil, err
	}
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()

	v := &Visit{Page: p, URL: base + p.Path, Viewport: vp, Weight: map[string]int64{}}
	var mu sync.Mutex
	if err := Listen(ctx, v, &mu); err != nil {
		return v, err
	}
	vpOpts := []chromedp.EmulateViewportOption{}
	if vp.Mobile {
		vpOpts = append(vpOpts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			// Every page is measured as a first visit.
			if _, err := cdp.Call(ctx, t, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, t, cdplog.Enable, cdp.Empty{})
			return err
		}),
		chromedp.EmulateViewport(vp.Width, vp.Height, vpOpts...),
		chromedp.Navigate(v.URL),
		chromedp.Sleep(time.Second),
	)
	if err != nil {
		return v, fmt.Errorf("%s at %s: %v", v.URL, vp.Name, err)
	}
	// The weight is the first load's; the keyboard check reloads the page.
	mu.Lock()
	loaded := map[string]int64{}
	for k, n := range v.Weight {
		loaded[k] = n
	}
	mu.Unlock()
	// On a phone the layout viewport grows with content that is too wide
	// (that is the reflow check's business); the device width is
	// screen.width there.
	widthJS := `window.innerWidth`
	if vp.Mobile {
		widthJS = `screen.width`
	}
	if v.Width, err = chromedp.Run(ctx, chromedp.Evaluate[int64](widthJS)); err != nil {
		return v, fmt.Errorf("%s: %s: %v", v.URL, widthJS, err)
	}
	if v.Overflow, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(overflowJS, vp.Width))); err != nil {
		return v, fmt.Errorf("%s: reflow check: %v", v.URL, err)
	}
	if v.Cookie, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie`)); err != nil {
		return v, fmt.Errorf("%s: document.cookie: %v", v.URL, err)
	}
	if v.Axe, err = RunAxe(ctx, axeSource); err != nil {
		return v, fmt.Errorf("%s: axe-core: %v", v.URL, err)
	}
	if v.Charts, err = chromedp.Run(ctx, chromedp.Evaluate[[]ChartProblem](chartsJS)); err != nil {
		return v, fmt.Errorf("%s: chart check: %v", v.URL, err)
	}
	if v.Images, err = chromedp.Run(ctx, chromedp.Evaluate[[]ImageShown](imagesJS, chromedp.EvalAwaitPromise)); err != nil {
		return v, fmt.Errorf("%s: image sizes: %v", v.URL, err)
	}
	if withKeyboard {
		if v.Keyboard, err = keyboard(ctx); err != nil {
			return v, fmt.Errorf("%s: keyboard check: %v", v.URL, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	v.Weight = loaded
	return v, nil
}

// Listen records on v what the tab of ctx does from now on: every request
// it makes (attempts, too), Set-Cookie headers, the bytes per type, console
// errors, uncaught exceptions and the errors the browser logs. mu guards v.
func Listen(ctx context.Context, v *Visit, mu *sync.Mutex) error {
	types := map[network.RequestID]string{}
	return chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			v.Requests = append(v.Requests, e.Request.URL)
			types[e.RequestID] = weightType(e.Type)
		case *network.EventResponseReceived:
			types[e.RequestID] = weightType(e.Type)
			v.SetCookies = append(v.SetCookies, setCookies(e.Response.Headers)...)
		case *network.EventResponseReceivedExtraInfo:
			v.SetCookies = append(v.SetCookies, setCookies(e.Headers)...)
		case *network.EventLoadingFinished:
			t, ok := types[e.RequestID]
			if !ok {
				t = "other"
			}
			v.Weight[t] += int64(e.EncodedDataLength)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range e.Args {
					if len(a.Value) > 0 {
						parts = append(parts, string(a.Value))
					} else {
						parts = append(parts, a.Description)
					}
				}
				v.Console = append(v.Console, "console.error: "+strings.Join(parts, " "))
			}
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				where := e.Entry.URL
				if where != "" {
					where = " (" + where + ")"
				}
				v.BrowserLog = append(v.BrowserLog, string(e.Entry.Source)+": "+e.Entry.Text+where)
			}
		case *runtime.EventExceptionThrown:
			msg := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil && e.ExceptionDetails.Exception.Description != "" {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			v.Console = append(v.Console, "uncaught exception: "+msg)
		}
	})
}

func setCookies(h network.Headers) []string {
	var out []string
	for k, val := range h {
		if strings.EqualFold(k, "set-cookie") {
			out = append(out, fmt.Sprint(val))
		}
	}
	return out
}

const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa']}})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ' ' + (n.html || '').slice(0, 160))})))`

// RunAxe injects axe-core's source into the page (no URL is loaded for it)
// and runs it for WCAG 2.1 A and AA.
func RunAxe(ctx context.Context, axeSource string) ([]AxeViolation, error) {
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axeSource+"\n;typeof axe === 'object'"))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("axe-core did not load")
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]AxeViolation](axeRun, chromedp.EvalAwaitPromise))
}

// overflowJS lists the outermost elements that reach past the viewport
// width (%d), which makes a phone scroll sideways (WCAG 1.4.10 Reflow).
const overflowJS = `(() => { const w = %d, out = [];
  const wide = e => e.getBoundingClientRect().right > w + 1;
  for (const e of document.querySelectorAll('body *')) {
    if (!wide(e) || (e.parentElement && e.parentElement !== document.body && wide(e.parentElement))) continue;
    if (e.closest('.table-scroll, pre') && e.closest('.table-scroll, pre') !== e) continue; // scrolls inside its box
    const cs = getComputedStyle(e);
    if (cs.position === 'absolute' || cs.position === 'fixed' || cs.visibility === 'hidden') continue;
    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +
      ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ' px)');
    if (out.length >= 5) break;
  }
  return out; })()`

// Reflow reports the elements that reach past the viewport (WCAG 1.4.10).
func Reflow(v *Visit) []Finding {
	var out []Finding
	for _, e := range v.Overflow {
		out = append(out, Finding{Page: v.Page.Path, Kind: v.Page.Kind, Rule: "reflow",
			Detail: fmt.Sprintf("%s is wider than the %d px %s viewport: the page scrolls sideways (WCAG 1.4.10)", e, v.Viewport.Width, v.Viewport.Name)})
	}
	return out
}

// chartsJS lists what a chart figure lacks: a caption, an aria-label on its
// chart element, a table with the numbers.
const chartsJS = `Array.from(document.querySelectorAll('figure.chart')).flatMap((f, i) => {
  const name = f.id ? '#' + f.id : 'figure.chart[' + i + ']';
  const out = [];
  const cap = f.querySelector('figcaption');
  if (!cap || !cap.textContent.trim()) out.push({figure: name, problem: 'no figcaption'});
  const el = f.querySelector('.chart-canvas, [role=img], svg, canvas');
  if (!el || !(el.getAttribute('aria-label') || '').trim()) out.push({figure: name, problem: 'the chart element has no aria-label'});
  if (!f.querySelector('table')) out.push({figure: name, problem: 'no <table> with the numbers'});
  return out;
})`

// keyboard presses Tab once from the top of a fresh load and checks the
// skip link has focus, visibly; then Enter, which must move focus into
// #main.
func keyboard(ctx context.Context) (KeyboardResult, error) {
	const focused = `(() => { const a = document.activeElement;
  return {skipLinkFocused: !!a && a.classList.contains('skip-link'),
    focused: a ? a.tagName.toLowerCase() + (a.className ? '.' + a.className : '') : '',
    outline: a ? getComputedStyle(a).outlineStyle : ''}; })()`
	const inMain = `(() => { const a = document.activeElement, m = document.getElementById('main');
  return {mainFocused: !!m && !!a && (a === m || m.contains(a)),
    afterEnter: a ? a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') : ''}; })()`
	var out KeyboardResult
	err := chromedp.Do(ctx,
		chromedp.Reload(),
		chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()`),
		chromedp.KeyEvent(kb.Tab),
	)
	if err != nil {
		return out, err
	}
	if out, err = chromedp.Run(ctx, chromedp.Evaluate[KeyboardResult](focused)); err != nil || !out.SkipLinkFocused {
		return out, err
	}
	err = chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.Sleep(200*time.Millisecond))
	if err != nil {
		return out, err
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[KeyboardResult](inMain))
	out.MainFocused, out.AfterEnter = after.MainFocused, after.AfterEnter
	return out, err
}

// Checks over a visit. Each returns the findings; none fails a test.

// Axe reports axe-core's violations, and a viewport the emulation missed.
func Axe(v *Visit) []Finding {
	var out []Finding
	if v.Width != v.Viewport.Width {
		out = append(out, Finding{Page: v.Page.Path, Kind: v.Page.Kind, Rule: "viewport",
			Detail: fmt.Sprintf("the page's viewport is %d px wide, not the %s width %d: the check did not run at that width", v.Width, v.Viewport.Name, v.Viewport.Width)})
	}
	for _, a := range v.Axe {
		out = append(out, Finding{Page: v.Page.Path, Kind: v.Page.Kind, Rule: "axe:" + a.ID,
			Detail: fmt.Sprintf("%s at %s (%s): %s", a.Help, v.Viewport.Name, a.Impact, strings.Join(a.Nodes, ", "))})
	}
	return out
}

// Charts reports chart figures without their caption, label or table.
func Charts(v *Visit) []Finding {
	var out []Finding
	for _, c := range v.Charts {
		out = append(out, Finding{Page: v.Page.Path, Kind: v.Page.Kind, Rule: "chart-alternatives",
			Detail: c.Figure + ": " + c.Problem})
	}
	return out
}

// Keyboard reports a skip link that is not first, has no visible focus
// or does not lead into #main.
func Keyboard(v *Visit) []Finding {
	f := func(rule, detail string) []Finding {
		return []Finding{{Page: v.Page.Path, Kind: v.Page.Kind, Rule: rule, Detail: detail}}
	}
	k := v.Keyboard
	switch {
	case !k.SkipLinkFocused:
		return f("keyboard:skip-link-first", "the first Tab focused "+quoteOr(k.Focused, "nothing")+", not a.skip-link")
	case k.Outline == "none" || k.Outline == "":
		return f("keyboard:focus-visible", "the focused skip link has outline-style "+quoteOr(k.Outline, "(empty)"))
	case !k.MainFocused:
		return f("keyboard:skip-link-target", "after Enter on the skip link, focus is on "+quoteOr(k.AfterEnter, "nothing")+", not in #main")
	}
	return nil
}

func quoteOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return fmt.Sprintf("%q", s)
}

// checkTracking flags every request to another origin than the site's
// (even one that failed), any cookie set by a response or script, and any
// Cookie header the server received.
func Tracking(v *Visit, siteOrigin string, serverReqs []Request) []Finding {
	var out []Finding
	add := func(rule, detail string) {
		out = append(out, Finding{Page: v.Page.Path, Kind: v.Page.Kind, Rule: rule, Detail: detail})
	}
	for _, r := range v.Requests {
		u, err := url.Parse(r)
		if err != nil {
			add("no-tracking", "unparsable request URL "+r)
			continue
		}
		switch u.Scheme {
		case "data", "blob", "about":
			continue
		}
		if u.Scheme+"://"+u.Host != siteOrigin {
			add("no-tracking", "request to another origin: "+r)
		}
	}
	for _, c := range v.SetCookies {
		add("no-cookies", "a response sets a cookie: "+c)
	}
	if v.Cookie != "" {
		add("no-cookies", "document.cookie is "+fmt.Sprintf("%q", v.Cookie))
	}
	for _, r := range serverReqs {
		if r.Cookie != "" {
			add("no-cookies", "the browser sent Cookie: "+r.Cookie+" for "+r.Path)
		}
	}
	return out
}

// Console reports console errors, uncaught exceptions and the errors the
// browser logs (a CSP violation, a failed load).
func Console(v *Visit) []Finding {
	var out []Finding
	for _, c := range v.Console {
		out = append(out, Finding{Page: v.Page.Path, Kind: v.Page.Kind, Rule: "no-console-errors", Detail: c + " at " + v.Viewport.Name})
	}
	for _, c := range v.BrowserLog {
		if v.Page.Kind == "404" && strings.HasPrefix(c, "network: ") && strings.HasSuffix(c, "("+v.URL+")") {
			continue // the 404 page itself answers 404, as it should
		}
		out = append(out, Finding{Page: v.Page.Path, Kind: v.Page.Kind, Rule: "no-console-errors", Detail: "browser: " + c + " at " + v.Viewport.Name})
	}
	return out
}
