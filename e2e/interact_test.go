package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/klartext/klartext/generator/browsercheck"
)

// The reader's interactions: charts drawn, tables without JavaScript,
// third parties only after a click, the feedback form's fields at the
// endpoint, the sortable table. Each test reports findings naming the page
// and the rule, like TestPages.

// TestChartsRender: on a product page every chart element holds the
// picture ECharts drew (an svg, or a canvas), is shown and has a size, and
// the console stays clean. The charts are drawn as they come near the
// screen (charts.js loads ECharts then), so the test scrolls to each, as a
// reader would; before, the page has not loaded ECharts.
func TestChartsRender(t *testing.T) {
	needBrowser(t)
	p := pageWith(t, suite.public, "product", `class="chart-canvas"`, "data-chart=")
	tb := openTab(t, suite.srv.URL, p)
	if loaded := eval[bool](tb, "echarts before scrolling", `!!window.echarts || performance.getEntriesByType('resource').some(r => r.name.endsWith('/echarts.min.js'))`); loaded {
		t.Errorf("%s: ECharts was loaded before a chart came near the screen", p.Path)
	}
	tb.do("scroll to each chart", chromedp.Evaluate[chromedp.Void](`(async () => {
  for (const f of document.querySelectorAll('figure.chart')) { f.scrollIntoView(); await new Promise(r => setTimeout(r, 100)); }
})()`, chromedp.EvalAwaitPromise))
	const drawn = `Array.from(document.querySelectorAll('figure.chart .chart-canvas')).every(c => c.querySelector('svg, canvas'))`
	poll(tb, drawn) // on a time-out the state below says which chart is missing
	type chartState struct {
		Figure  string  `json:"figure"`
		Drawn   bool    `json:"drawn"`
		Hidden  bool    `json:"hidden"`
		Display string  `json:"display"`
		Width   float64 `json:"width"`
		Height  float64 `json:"height"`
	}
	states := eval[[]chartState](tb, "chart state", `Array.from(document.querySelectorAll('figure.chart')).map((f, i) => {
  const c = f.querySelector('.chart-canvas'), r = c ? c.getBoundingClientRect() : {width: 0, height: 0};
  return {figure: (f.id ? '#' + f.id : 'figure.chart[' + i + ']') + (c ? '' : ' (no .chart-canvas)'),
    drawn: !!c && !!c.querySelector('svg, canvas'), hidden: !c || c.hidden,
    display: c ? getComputedStyle(c).display : '', width: r.width, height: r.height};
})`)
	var findings []Finding
	if len(states) == 0 {
		findings = append(findings, tb.finding("chart-renders", "the page has no figure.chart"))
	}
	for _, s := range states {
		switch {
		case !s.Drawn:
			findings = append(findings, tb.finding("chart-renders", s.Figure+": its .chart-canvas holds no svg or canvas after load: ECharts drew nothing"))
		case s.Hidden || s.Display == "none":
			findings = append(findings, tb.finding("chart-renders", s.Figure+": its .chart-canvas is hidden (hidden attribute or display: none)"))
		case s.Width < 1 || s.Height < 1:
			findings = append(findings, tb.finding("chart-renders", fmt.Sprintf("%s: its .chart-canvas is %.0f×%.0f px", s.Figure, s.Width, s.Height)))
		}
	}
	t.Logf("%s: %d charts checked", p.Path, len(states))
	findings = append(findings, browsercheck.Console(tb.seen())...)
	triage(t, findings)
}

// TestNoJavaScriptTablesShowFigures: with JavaScript off, a product page
// still shows every chart's table and the costs-over-time table, the empty
// chart elements stay hidden, and the page has its heading.
func TestNoJavaScriptTablesShowFigures(t *testing.T) {
	needBrowser(t)
	p := pageWith(t, suite.public, "product", "data-chart=", `class="costs-over-time"`)
	tb := openTab(t, suite.srv.URL, p, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	type tableState struct {
		Name    string `json:"name"`
		Shown   bool   `json:"shown"`
		Rows    int    `json:"rows"`
		Filled  int    `json:"filled"`
		Canvas  string `json:"canvas"` // "hidden", "shown", "drawn" or "none"
		IsChart bool   `json:"isChart"`
	}
	type pageState struct {
		Scripts bool         `json:"scripts"` // did any page script run?
		H1      string       `json:"h1"`
		Tables  []tableState `json:"tables"`
	}
	st := eval[pageState](tb, "no-JavaScript state", `(() => {
  const shown = e => { if (!e || !e.getClientRects().length) return false;
    const cs = getComputedStyle(e), r = e.getBoundingClientRect();
    return cs.visibility !== 'hidden' && r.width > 0 && r.height > 0; };
  const rows = t => Array.from(t ? t.tBodies : []).flatMap(b => Array.from(b.rows));
  const table = (name, t, canvas, isChart) => ({name, shown: shown(t), rows: rows(t).length,
    filled: rows(t).filter(r => r.textContent.trim() !== '').length, isChart,
    canvas: !canvas ? 'none' : canvas.querySelector('svg, canvas') ? 'drawn' : (canvas.hasAttribute('hidden') && !shown(canvas)) ? 'hidden' : 'shown'});
  const tables = Array.from(document.querySelectorAll('figure.chart')).map((f, i) =>
    table((f.id ? '#' + f.id : 'figure.chart[' + i + ']') + ' table', f.querySelector('table'), f.querySelector('.chart-canvas'), true));
  document.querySelectorAll('table.costs-over-time').forEach((t, i) => tables.push(table('table.costs-over-time[' + i + ']', t, null, false)));
  const h1 = document.querySelector('h1');
  return {scripts: !!document.querySelector('.chart-canvas svg, .chart-canvas canvas, th > button.sort-button'),
    h1: h1 ? h1.textContent.trim() : '', tables};
})()`)
	var findings []Finding
	if st.Scripts {
		t.Fatalf("%s: a chart was drawn although JavaScript is off: the test did not turn scripts off", p.Path)
	}
	if st.H1 == "" {
		findings = append(findings, tb.finding("no-js:heading", "without JavaScript the page has no h1 with text"))
	}
	charts, costs := 0, 0
	for _, s := range st.Tables {
		if s.IsChart {
			charts++
		} else {
			costs++
		}
		switch {
		case s.Rows == 0:
			findings = append(findings, tb.finding("no-js:chart-table", s.Name+": missing or without body rows"))
		case !s.Shown:
			findings = append(findings, tb.finding("no-js:chart-table", s.Name+": not visible without JavaScript"))
		case s.Filled < s.Rows:
			findings = append(findings, tb.finding("no-js:chart-table", fmt.Sprintf("%s: %d of %d rows are empty", s.Name, s.Rows-s.Filled, s.Rows)))
		}
		if s.IsChart && s.Canvas != "hidden" {
			findings = append(findings, tb.finding("no-js:chart-canvas", s.Name+": the chart element without JavaScript is "+s.Canvas+", not hidden"))
		}
	}
	if charts == 0 {
		findings = append(findings, tb.finding("no-js:chart-table", "the page has no figure.chart"))
	}
	if costs == 0 {
		findings = append(findings, tb.finding("no-js:chart-table", "the page has no table.costs-over-time"))
	}
	t.Logf("%s without JavaScript: h1 %q, %d chart tables, %d costs tables", p.Path, st.H1, charts, costs)
	findings = append(findings, browsercheck.Console(tb.seen())...)
	triage(t, findings)
}

// TestVideoLoadsOnlyAfterClick: the story with a video requests nothing
// from another server until the reader clicks the video link; then the
// player's iframe is there and the browser asks the video host for it
// (the request is recorded; it cannot leave the machine).
func TestVideoLoadsOnlyAfterClick(t *testing.T) {
	needBrowser(t)
	const host = "https://www.youtube-nocookie.com"
	p := pageWith(t, suite.public, "", `data-video-embed="`+host+`/embed/`, `class="video-link"`)
	before := len(suite.srv.Requests())
	tb := openTab(t, suite.srv.URL, p)
	tb.do("settle", chromedp.Sleep(settle))
	var findings []Finding
	for _, f := range browsercheck.Tracking(tb.seen(), suite.srv.URL, suite.srv.Requests()[before:]) {
		f.Detail = "before the click: " + f.Detail
		findings = append(findings, f)
	}
	findings = append(findings, browsercheck.Console(tb.seen())...)
	if n := eval[int](tb, "iframes", `document.querySelectorAll('iframe').length`); n != 0 {
		findings = append(findings, tb.finding("video-after-click", fmt.Sprintf("before the click the page has %d iframe(s)", n)))
	}
	triage(t, findings) // reported even when the click fails below
	findings = nil

	tb.do("click the video link", chromedp.Click(chromedp.CSS(`figure.video[data-video-embed] a.video-link`)))
	if !poll(tb, `!!document.querySelector('figure.video iframe')`) {
		findings = append(findings, tb.finding("video-after-click", "no iframe in figure.video after clicking a.video-link"))
	} else if src := eval[string](tb, "iframe src", `document.querySelector('figure.video iframe').getAttribute('src') || ''`); !strings.HasPrefix(src, host+"/embed/") {
		findings = append(findings, tb.finding("video-after-click", fmt.Sprintf("the player's iframe has src %q, want %s/embed/…", src, host)))
	}
	if !tb.waitRequest(host + "/") {
		findings = append(findings, tb.finding("video-after-click", "after the click the browser did not request anything from "+host))
	}
	for _, r := range tb.seen().Requests {
		if !strings.HasPrefix(r, suite.srv.URL+"/") && !strings.HasPrefix(r, host+"/") && !strings.HasPrefix(r, "data:") {
			findings = append(findings, tb.finding("no-tracking", "after the click: request to another origin than the video host: "+r))
		}
	}
	if c := eval[string](tb, "document.cookie", `document.cookie`); c != "" {
		findings = append(findings, tb.finding("no-cookies", fmt.Sprintf("after the click document.cookie is %q", c)))
	}
	t.Logf("%s: requests: %q", p.Path, tb.seen().Requests)
	triage(t, findings)
}

// TestIssoLoadsOnlyAfterConsent: with isso as the feedback provider a
// product page requests nothing from the comment server until the reader
// clicks the consent button; then the browser asks for isso's script. No
// cookie and no localStorage entry (the "remember" box stays unticked).
func TestIssoLoadsOnlyAfterConsent(t *testing.T) {
	needBrowser(t)
	const host = "https://comments.example.test"
	srv, public := demoWithFeedback(t, "feedback:\n  provider: isso\n  host: "+host+"/isso/\n")
	p := pageWith(t, public, "product", `data-provider="isso"`)
	tb := openTab(t, srv.URL, p)
	tb.do("settle", chromedp.Sleep(settle))

	var findings []Finding
	for _, f := range browsercheck.Tracking(tb.seen(), srv.URL, srv.Requests()) {
		f.Detail = "before the consent click: " + f.Detail
		findings = append(findings, f)
	}
	findings = append(findings, browsercheck.Console(tb.seen())...)
	type consentState struct {
		Section  bool `json:"section"`
		Shown    bool `json:"shown"`
		Ticked   bool `json:"ticked"`
		Storage  int  `json:"storage"`
		Children int  `json:"children"`
	}
	const stateJS = `(() => { const s = document.querySelector('section.feedback-embed[data-provider]');
  const b = s && s.querySelector('.feedback-load'), r = s && s.querySelector('.feedback-remember'), m = s && s.querySelector('.feedback-mount');
  return {section: !!s, shown: !!b && b.getClientRects().length > 0, ticked: !!r && r.checked,
    storage: localStorage.length, children: m ? m.children.length : -1}; })()`
	st := eval[consentState](tb, "consent state", stateJS)
	if st.Children != 0 {
		findings = append(findings, tb.finding("feedback-after-consent", fmt.Sprintf("before the click .feedback-mount has %d element(s): the provider loaded without consent", st.Children)))
	}
	var stop string
	switch {
	case !st.Section:
		stop = "no section.feedback-embed[data-provider] (provider isso)"
	case !st.Shown:
		stop = "the consent button .feedback-load in section.feedback-embed is not shown"
	case st.Ticked:
		stop = "the remember checkbox .feedback-remember is ticked before the reader touched it"
	}
	if stop != "" {
		findings = append(findings, tb.finding("feedback-after-consent", stop))
	}
	triage(t, findings) // reported even when the click cannot happen
	if stop != "" {
		t.FailNow()
	}
	findings = nil

	tb.do("click the consent button", chromedp.Click(chromedp.CSS(`section.feedback-embed .feedback-load`)))
	want := host + "/isso/js/embed.min.js"
	if !tb.waitRequest(want) {
		findings = append(findings, tb.finding("feedback-after-consent", "after the consent click the browser did not request "+want))
	}
	for _, r := range tb.seen().Requests {
		if !strings.HasPrefix(r, srv.URL+"/") && !strings.HasPrefix(r, host+"/") && !strings.HasPrefix(r, "data:") {
			findings = append(findings, tb.finding("no-tracking", "after the consent click: request to another origin than the comment server: "+r))
		}
	}
	after := eval[consentState](tb, "state after the click", stateJS)
	if after.Storage != 0 {
		findings = append(findings, tb.finding("no-storage", fmt.Sprintf("after the consent click (remember unticked) localStorage has %d entr(ies): %s", after.Storage,
			eval[string](tb, "localStorage", `JSON.stringify(Object.assign({}, localStorage))`))))
	}
	v := tb.seen()
	v.Cookie = eval[string](tb, "document.cookie", `document.cookie`)
	for _, f := range browsercheck.Tracking(v, srv.URL, srv.Requests()) {
		if f.Rule != "no-tracking" { // the click asked for the comment server
			f.Detail = "after the consent click: " + f.Detail
			findings = append(findings, f)
		}
	}
	cookies, err := chromedp.Call(tb.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{srv.URL + "/", host + "/"}})
	if err != nil {
		t.Fatalf("%s: Network.getCookies: %v", p.Path, err)
	}
	for _, c := range cookies.Cookies {
		findings = append(findings, tb.finding("no-cookies", fmt.Sprintf("after the consent click the browser holds the cookie %s for %s", c.Name, c.Domain)))
	}
	findings = append(findings, withoutFailedLoadsOf(browsercheck.Console(tb.seen()), host)...)
	triage(t, findings)
}

// TestFormSubmitsEveryField: the feedback form, pointed at a server of the
// test, sends every field the reader filled in and every hidden one, and
// the token js/feedback-form.js fetched from the endpoint (a GET with
// Accept: application/json) once the reader began.
func TestFormSubmitsEveryField(t *testing.T) {
	needBrowser(t)
	posts := make(chan url.Values, 1)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	const token = "token-of-the-test"
	endpoint := &http.Server{ReadHeaderTimeout: guard, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Path == "/submit" && r.Header.Get("Accept") == "application/json" {
			w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"token":%q}`, token)
			return
		}
		if r.Method != http.MethodPost || r.URL.Path != "/submit" {
			http.NotFound(w, r)
			return
		}
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		select {
		case posts <- r.PostForm:
		default:
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html><html lang=de><title>Danke</title><p>Danke.</p></html>")
	})}
	go endpoint.Serve(ln)
	t.Cleanup(func() { endpoint.Close() })

	origin := "http://" + ln.Addr().String()
	const redirect = "https://www.rheintal-bank.test/danke/"
	srv, public := demoWithFeedback(t, "feedback:\n  provider: form\n  endpoint: \""+origin+"/submit\"\n  redirect: \""+redirect+"\"\n")
	p := pageWith(t, public, "product", `action="`+origin+`/submit"`)
	baseURL := siteBaseURL(t, filepath.Join(filepath.Dir(public), "content", "site.yaml"))

	tb := openTab(t, srv.URL, p)
	title := eval[string](tb, "h1", `(document.querySelector('main h1') || {textContent: ''}).textContent.trim()`)
	const comment = "Die Kosten sind gut erklärt – aber wo steht der Ausgabeaufschlag?"
	const email = "leserin@example.test"
	tb.do("fill in the form",
		chromedp.Click(chromedp.CSS(`label[for="fb-kind-criticism"]`)),
		chromedp.Click(chromedp.CSS(`label[for="fb-costs-2"]`)),
		chromedp.Click(chromedp.CSS(`label[for="fb-transparency-4"]`)),
		chromedp.SendKeys(chromedp.CSS(`#fb-message`), comment),
		chromedp.SendKeys(chromedp.CSS(`#fb-email`), email),
	)
	var findings []Finding
	if !poll(tb, `document.querySelector('input[data-feedback-token]').value !== ''`) {
		findings = append(findings, tb.finding("feedback-form", "js/feedback-form.js never filled in the token from "+origin+"/submit"))
	}
	findings = append(findings, browsercheck.Console(tb.seen())...)
	tb.do("submit", chromedp.Click(chromedp.CSS(`section.feedback-form form button[type="submit"]`)))

	var got url.Values
	select {
	case got = <-posts:
	case <-time.After(guard):
		findings = append(findings, tb.finding("feedback-form", "the endpoint "+origin+"/submit never got the form's POST"))
		findings = append(findings, browsercheck.Console(tb.seen())...)
		triage(t, findings)
		return
	}
	want := map[string]string{
		"kind": "criticism", "costs": "2", "transparency": "4",
		"conditions": "", "service": "", "interaction": "",
		"comment": comment, "email": email, "website": "",
		"page": p.Path, "url": strings.TrimSuffix(baseURL, "/") + p.Path, "title": title,
		"redirect": redirect, "token": token,
	}
	for _, k := range sortedKeys(want) {
		vals, ok := got[k]
		switch {
		case !ok:
			findings = append(findings, tb.finding("feedback-form", "the POST has no field "+k))
		case len(vals) != 1:
			findings = append(findings, tb.finding("feedback-form", fmt.Sprintf("the POST has the field %s %d times: %q", k, len(vals), vals)))
		case vals[0] != want[k]:
			findings = append(findings, tb.finding("feedback-form", fmt.Sprintf("field %s: got %q, want %q", k, vals[0], want[k])))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Logf("%s: the POST has a field the test does not know: %s=%q", p.Path, k, got[k])
		}
	}
	t.Logf("%s: the endpoint got %d fields", p.Path, len(got))
	triage(t, findings)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var baseURLLine = regexp.MustCompile(`(?m)^baseURL:\s*"?([^"\s]+)"?\s*$`)

// siteBaseURL reads baseURL from a site.yaml.
func siteBaseURL(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m := baseURLLine.FindSubmatch(data)
	if m == nil {
		t.Fatalf("%s has no baseURL line", file)
	}
	return string(m[1])
}

// TestSortableTable: a click on a column's header button of the products'
// table[data-sortable] sorts the rows by that column (data-sort, else the
// text), ascending, a second click descending, and aria-sort says so on
// that header only.
func TestSortableTable(t *testing.T) {
	needBrowser(t)
	p := pageWith(t, suite.public, "", "<table", "data-sortable")
	tb := openTab(t, suite.srv.URL, p)
	if !eval[bool](tb, "sort buttons", `!!document.querySelector('table[data-sortable] th button')`) {
		t.Skipf("%s: table[data-sortable] has no th button: js/sortable.js is not on this branch (or did not run)", p.Path)
	}
	type sortState struct {
		Rows     []string `json:"rows"`     // each row's text
		AriaSort []string `json:"ariaSort"` // each header's aria-sort
		Order    string   `json:"order"`    // "", or where the column is out of the wanted order
	}
	// state reads the table; with dir "ascending"/"descending" it checks
	// that column col is in that order by the contract's keys.
	const stateJS = `((col, dir) => {
  const table = document.querySelector('table[data-sortable]');
  const rows = Array.from(table.tBodies[0].rows);
  const key = c => { const s = c.getAttribute('data-sort');
    return s !== null && s !== '' && !isNaN(Number(s)) ? Number(s) : c.textContent.trim().toLowerCase(); };
  const cmp = (a, b) => typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), document.documentElement.lang || undefined);
  let order = '';
  if (dir) for (let i = 1; i < rows.length && !order; i++) {
    const a = key(rows[i-1].cells[col]), b = key(rows[i].cells[col]), d = cmp(a, b);
    if (dir === 'ascending' ? d > 0 : d < 0) order = 'row ' + i + ' (' + JSON.stringify(a) + ') before row ' + (i+1) + ' (' + JSON.stringify(b) + ')';
  }
  return {rows: rows.map(r => r.textContent.replace(/\s+/g, ' ').trim()),
    ariaSort: Array.from(table.tHead.rows[0].cells).map(th => th.getAttribute('aria-sort') || ''), order};
})`
	initial := eval[sortState](tb, "table", stateJS+`(0, '')`)
	if len(initial.Rows) < 2 {
		t.Fatalf("%s: table[data-sortable] has %d rows: nothing to sort", p.Path, len(initial.Rows))
	}
	var findings []Finding
	firstChanged := false
	for col := range initial.AriaSort {
		for _, dir := range []string{"ascending", "descending"} {
			btn := fmt.Sprintf(`table[data-sortable] thead tr > :nth-child(%d) button`, col+1)
			tb.do("click "+btn, chromedp.Click(chromedp.CSS(btn)))
			st := eval[sortState](tb, "table after a click", fmt.Sprintf("%s(%d, %q)", stateJS, col, dir))
			name := fmt.Sprintf("column %d, %s", col+1, dir)
			if st.Order != "" {
				findings = append(findings, tb.finding("sortable", name+": not sorted: "+st.Order))
			}
			for i, a := range st.AriaSort {
				w := ""
				if i == col {
					w = dir
				}
				if a != w {
					findings = append(findings, tb.finding("sortable", fmt.Sprintf("%s: header %d has aria-sort %q, want %q", name, i+1, a, w)))
				}
			}
			if !sameRows(st.Rows, initial.Rows) {
				findings = append(findings, tb.finding("sortable", name+": the sort lost or changed rows"))
			}
			if st.Rows[0] != initial.Rows[0] {
				firstChanged = true
			}
		}
	}
	if !firstChanged {
		findings = append(findings, tb.finding("sortable", fmt.Sprintf("no header click changed the first row (%q)", initial.Rows[0])))
	}
	t.Logf("%s: %d columns × 2 directions sorted, %d rows", p.Path, len(initial.AriaSort), len(initial.Rows))
	findings = append(findings, browsercheck.Console(tb.seen())...)
	triage(t, findings)
}

// sameRows reports whether a and b hold the same rows in any order.
func sameRows(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	n := map[string]int{}
	for _, r := range a {
		n[r]++
	}
	for _, r := range b {
		n[r]--
	}
	for _, c := range n {
		if c != 0 {
			return false
		}
	}
	return true
}
