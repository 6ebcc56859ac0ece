package e2e

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/klartext/klartext/generator/browsercheck"
)

// The search (themes/klartext/static/js/search.js): from the header's
// field to the results, by keyboard alone; the filters; the page without
// JavaScript; and what a query costs the reader on a site of 10,000 pages.

const searchPath = "/suche/"

// resultsShown is true once a query's results (or its "no results") are
// on the page.
const resultsShown = `!document.getElementById('search-form').hasAttribute('aria-busy') && document.getElementById('search-status').textContent !== ''`

// tabUntil presses Tab until js is true for document.activeElement (at
// most max times) and reports whether it got there.
func tabUntil(tb *tab, js string, max int) bool {
	for i := 0; i < max; i++ {
		tb.do("Tab", chromedp.KeyEvent(kb.Tab))
		if eval[bool](tb, "focus", `(e => `+js+`)(document.activeElement)`) {
			return true
		}
	}
	return false
}

// TestSearchFromTheHeader: a reader on a product page tabs to the header's
// search field, types a product's name and presses Enter; the search page
// shows that product first, its name marked, with its risk badge and
// costs; the count is announced in the live region; Tab reaches the result
// and Enter opens it. axe-core finds nothing on the page with results, the
// console stays clean and nothing is asked of another server.
func TestSearchFromTheHeader(t *testing.T) {
	needBrowser(t)
	p := pageWith(t, suite.public, "product", `id="site-search-q"`)
	tb := openTab(t, suite.srv.URL, p)
	if !tabUntil(tb, `e.id === 'site-search-q'`, 40) {
		t.Fatalf("%s: Tab never reached the header's search field", p.Path)
	}
	tb.do("type and submit", chromedp.KeyEvent("Tagesgeld"), chromedp.KeyEvent(kb.Enter))
	if !pollAcross(tb, `location.pathname === '`+searchPath+`' && !!document.getElementById('search-results') && `+resultsShown) {
		t.Fatalf("no results after Enter in the header's field: at %s, status %q, console %v %v", eval[string](tb, "location", `location.href`),
			eval[string](tb, "status", `(document.getElementById('search-status') || {}).textContent + ' busy=' + (document.getElementById('search-form') || {hasAttribute: () => '?'}).hasAttribute('aria-busy')`),
			tb.seen().Console, tb.seen().BrowserLog)
	}
	type state struct {
		Query, Status, StatusRole, Live, First, Title, Badge, Meta string
		Marks, Results                                             int
	}
	st := eval[state](tb, "results", `(() => {
  const first = document.querySelector('#search-results > li');
  const status = document.getElementById('search-status');
  return {Query: new URLSearchParams(location.search).get('q') || '', Status: status.textContent,
    StatusRole: status.getAttribute('role') || '', Live: status.getAttribute('aria-live') || '',
    First: first ? first.querySelector('a').getAttribute('href') : '', Title: first ? first.querySelector('a').innerHTML : '',
    Badge: first && first.querySelector('.risk-badge') ? first.querySelector('.risk-badge').textContent : '',
    Meta: first ? first.querySelector('.search-result-meta').textContent : '',
    Marks: document.querySelectorAll('#search-results mark').length, Results: document.querySelectorAll('#search-results > li').length};
})()`)
	var findings []Finding
	bad := func(detail string) { findings = append(findings, tb.finding("search", detail)) }
	if st.Query != "Tagesgeld" {
		bad(fmt.Sprintf("the search page's URL has q=%q, want Tagesgeld", st.Query))
	}
	if st.First != "/products/tagesgeld-plus/" {
		bad(fmt.Sprintf("the first result is %q, want /products/tagesgeld-plus/", st.First))
	}
	if !strings.Contains(st.Title, "<mark>Tagesgeld</mark>") {
		bad("the first result's title does not mark the word: " + st.Title)
	}
	if !strings.Contains(st.Badge, "Risikoklasse 1") || !strings.Contains(st.Meta, "%") {
		bad(fmt.Sprintf("the product result shows no risk badge or costs: badge %q, line %q", st.Badge, st.Meta))
	}
	if st.StatusRole != "status" || st.Live != "polite" || !strings.Contains(st.Status, "Treffer für „Tagesgeld“") {
		bad(fmt.Sprintf("the live region: role %q, aria-live %q, text %q", st.StatusRole, st.Live, st.Status))
	}
	if st.Marks == 0 || st.Results == 0 {
		bad(fmt.Sprintf("%d results, %d marks", st.Results, st.Marks))
	}
	axe, err := browsercheck.RunAxe(tb.ctx, suite.axeSource)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range axe {
		bad(fmt.Sprintf("axe %s (%s): %s %v", v.ID, v.Impact, v.Help, v.Nodes))
	}
	// Keyboard only: from the top of the page to the first result.
	if !tabUntil(tb, `e.matches('#search-results > li:first-child a')`, 60) {
		bad("Tab never reached the first result")
	} else {
		outline := eval[string](tb, "outline", `getComputedStyle(document.activeElement).outlineStyle`)
		if outline == "none" {
			bad("the focused result has no outline")
		}
		tb.do("open the result", chromedp.KeyEvent(kb.Enter))
		if !pollAcross(tb, `location.pathname === '/products/tagesgeld-plus/'`) {
			bad("Enter on the first result did not open it: at " + eval[string](tb, "location", `location.href`))
		}
	}
	v := tb.seen()
	findings = append(findings, browsercheck.Console(v)...)
	findings = append(findings, browsercheck.Tracking(v, suite.srv.URL, nil)...)
	triage(t, findings)
}

// TestSearchFilters: the filters narrow the results to what they say, the
// URL keeps them (a reload shows the same), and filters alone list what
// they allow.
func TestSearchFilters(t *testing.T) {
	needBrowser(t)
	tb := openTab(t, suite.srv.URL, page{Kind: "search", Path: searchPath, Name: "search"})
	var findings []Finding
	bad := func(detail string) { findings = append(findings, tb.finding("search-filters", detail)) }
	tb.do("type", chromedp.Focus(chromedp.CSS("#search-q")), chromedp.KeyEvent("Fonds"), chromedp.KeyEvent(kb.Enter))
	if !poll(tb, resultsShown) {
		t.Fatal("no results for Fonds")
	}
	type result struct{ URL, Risk, Kind string }
	const results = `Array.from(document.querySelectorAll('#search-results > li')).map(li => ({URL: li.querySelector('a').getAttribute('href'),
  Risk: (li.querySelector('.risk-badge') || {className: ''}).className.replace(/.*risk-/, ''), Kind: li.className.replace(/.*kind-/, '')}))`
	all := eval[[]result](tb, "results", results)
	choose := func(name, value string) {
		eval[bool](tb, "choose "+name, fmt.Sprintf(`(() => { const s = document.querySelector('#search-form [name=%q]'); s.value = %q;
  s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`, name, value))
		if !poll(tb, resultsShown) {
			t.Fatalf("no results after choosing %s=%s", name, value)
		}
	}
	choose("risk", "3")
	narrowed := eval[[]result](tb, "results", results)
	if len(narrowed) == 0 || len(narrowed) >= len(all) {
		bad(fmt.Sprintf("risk class at most 3: %d results of %d", len(narrowed), len(all)))
	}
	for _, r := range narrowed {
		if r.Kind != "product" || r.Risk > "3" {
			bad(fmt.Sprintf("risk class at most 3 shows %s (%s, risk %s)", r.URL, r.Kind, r.Risk))
		}
	}
	if q := eval[string](tb, "URL", `location.search`); !strings.Contains(q, "risk=3") || !strings.Contains(q, "q=Fonds") {
		bad("the URL does not keep the query and the filter: " + q)
	}
	tb.do("reload", chromedp.Reload())
	if !pollAcross(tb, resultsShown) {
		t.Fatal("no results after a reload")
	}
	if again := eval[[]result](tb, "results", results); fmt.Sprint(again) != fmt.Sprint(narrowed) {
		bad(fmt.Sprintf("after a reload: %v, before: %v", again, narrowed))
	}
	// Filters alone: an advisor who speaks Turkish.
	tb.do("clear", chromedp.Navigate(suite.srv.URL+searchPath+"?kind=advisor&lang=tr"))
	if !pollAcross(tb, resultsShown) {
		t.Fatal("no results for kind=advisor&lang=tr")
	}
	if got := eval[[]result](tb, "results", results); len(got) != 1 || got[0].URL != "/advisors/murat-yilmaz/" {
		bad(fmt.Sprintf("advisors speaking Turkish: %v", got))
	}
	if lang := eval[string](tb, "select", `document.getElementById('search-lang').value`); lang != "tr" {
		bad("the language filter does not show the URL's value: " + lang)
	}
	v := tb.seen()
	findings = append(findings, browsercheck.Console(v)...)
	findings = append(findings, browsercheck.Tracking(v, suite.srv.URL, nil)...)
	triage(t, findings)
}

// TestSearchWithoutJavaScript: the search page says what to do instead and
// links the products and the advisors' filters; the filters, useless
// without the script, are not shown.
func TestSearchWithoutJavaScript(t *testing.T) {
	needBrowser(t)
	tb := openTab(t, suite.srv.URL, page{Kind: "search", Path: searchPath + "?q=Fonds", Name: "search"}, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	type state struct {
		Text            string
		Links           []string
		FiltersShown    bool
		ResultsShown    bool
		HeaderFormShown bool
	}
	st := eval[state](tb, "page", `(() => {
  const nojs = document.getElementById('search-nojs');
  const shown = e => !!e && e.getClientRects().length > 0;
  return {Text: shown(nojs) ? nojs.textContent : '', Links: shown(nojs) ? Array.from(nojs.querySelectorAll('a')).map(a => a.getAttribute('href')) : [],
    FiltersShown: shown(document.querySelector('.search-filters')), ResultsShown: shown(document.getElementById('search-results')),
    HeaderFormShown: shown(document.querySelector('.site-search'))};
})()`)
	var findings []Finding
	bad := func(detail string) { findings = append(findings, tb.finding("search-nojs", detail)) }
	if !strings.Contains(st.Text, "Die Suche braucht JavaScript") {
		bad("the page does not say that the search needs JavaScript: " + st.Text)
	}
	for _, want := range []string{"/products/", "/advisors/", "/advisors/language/tr/"} {
		found := false
		for _, l := range st.Links {
			found = found || l == want
		}
		if !found {
			bad(fmt.Sprintf("no link to %s (links: %v)", want, st.Links))
		}
	}
	if st.FiltersShown || st.ResultsShown {
		bad(fmt.Sprintf("without JavaScript: filters shown %v, results shown %v", st.FiltersShown, st.ResultsShown))
	}
	if !st.HeaderFormShown {
		bad("the header's search form is not shown")
	}
	findings = append(findings, browsercheck.Console(tb.seen())...)
	triage(t, findings)
}

// TestSearchLargeSite builds the 10,000-page corpus (the shared corpus
// generator's, -products 5000), serves it with gzip and runs ten typical
// queries one after another in one tab of the search page, recording the
// bytes and requests each transfers and how long it took to show. The
// first query, with everything it needs (the page, its stylesheet and
// script, the index's meta data, buckets, postings and fragments), must
// transfer at most 100 KB; the times are reported, not asserted.
func TestSearchLargeSite(t *testing.T) {
	needBrowser(t)
	if testing.Short() {
		t.Skip("-short: the 10,000-page corpus takes a while to build")
	}
	site := largeCorpus(t)
	public := filepath.Join(t.TempDir(), "public")
	if err := buildSite(site, public); err != nil {
		t.Fatal(err)
	}
	srv, err := browsercheck.StartServer(public, "/")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	queries := typicalQueries(t, site)

	ctx, cancel := chromedp.NewContext(suite.browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatal(err)
	}
	var mu sync.Mutex
	type transfer struct {
		url   string
		bytes int64
	}
	urls := map[network.RequestID]string{}
	var done []transfer
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls[e.RequestID] = e.Request.URL
		case *network.EventLoadingFinished:
			done = append(done, transfer{urls[e.RequestID], int64(e.EncodedDataLength)})
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	since := func(i int) (n int, bytes int64, list []string) {
		mu.Lock()
		defer mu.Unlock()
		for _, tr := range done[i:] {
			n++
			bytes += tr.bytes
			u, _ := url.Parse(tr.url)
			list = append(list, fmt.Sprintf("%s (%d)", u.Path, tr.bytes))
		}
		return n, bytes, list
	}
	mark := func() int { mu.Lock(); defer mu.Unlock(); return len(done) }
	// Each query is measured as a first visit's would be: no cache but
	// what search.js keeps itself.
	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	}), chromedp.Navigate(srv.URL+searchPath))
	if err != nil {
		t.Fatal(err)
	}
	if !pollCtx(ctx, `!!window.performance && document.readyState === 'complete'`) {
		t.Fatal("the search page did not load")
	}
	pageReqs, pageBytes, pageList := since(0)
	t.Logf("the search page, loaded: %d requests, %d bytes: %s", pageReqs, pageBytes, strings.Join(pageList, ", "))
	var total int64
	for i, q := range queries {
		before := mark()
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf(`new Promise((resolve) => {
  const form = document.getElementById('search-form'), input = document.getElementById('search-q');
  const t0 = performance.now();
  input.value = %q;
  form.requestSubmit();
  const check = () => (`+resultsShown+` && document.querySelectorAll('#search-results > li').length > 0) ? resolve(performance.now() - t0) : requestAnimationFrame(check);
  requestAnimationFrame(check);
})`, q), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("query %q: %v", q, err)
		}
		n, bytes, list := since(before)
		if i == 0 {
			n += pageReqs
			bytes += pageBytes
			if bytes > 100*1024 {
				t.Errorf("the first query (%q) transferred %d bytes with the page, more than 100 KB", q, bytes)
			}
		}
		total += bytes
		status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('search-status').textContent`))
		t.Logf("query %2d %-28q %3d requests %7d bytes %6.0f ms  %s  [%s]", i+1, q, n, bytes, ms, status, strings.Join(list, ", "))
	}
	t.Logf("ten queries: %d bytes in all, the first with the page", total)
}

func pollCtx(ctx context.Context, js string) bool {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(guard)))
	return err == nil
}

// largeCorpus returns the 10,000-page corpus: the shared one in /dev/shm
// when it is there (read only), else one generated for the test.
func largeCorpus(t *testing.T) string {
	if fi, err := os.Stat("/dev/shm/klartext-corpus-5000/content"); err == nil && fi.IsDir() {
		return "/dev/shm/klartext-corpus-5000"
	}
	gen := filepath.Join(suite.repo, "..", "shared", "corpus", "gencorpus.go")
	if _, err := os.Stat(gen); err != nil {
		missing(t, "the corpus generator "+gen+" is missing")
	}
	out := filepath.Join(t.TempDir(), "corpus")
	cmd := exec.Command("go", "run", gen, "-products", "5000", "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, b)
	}
	return out
}

// typicalQueries are ten queries a reader of the corpus types: common
// words, a product by name and by ISIN, an advisor, a branch, a
// misspelling, a word half typed, English words, three words.
func typicalQueries(t *testing.T, site string) []string {
	f, err := os.Open(filepath.Join(site, "content", "data", "products.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 10 {
		t.Fatalf("products.csv: %v", err)
	}
	isin, name := rows[7][2], rows[7][1]
	advisor := ""
	if ents, _ := os.ReadDir(filepath.Join(site, "content", "advisors")); len(ents) > 1 {
		for _, e := range ents {
			if e.Name() != "_index.md" {
				parts := strings.Split(strings.TrimSuffix(e.Name(), ".md"), "-")
				advisor = strings.Title(parts[0]) + " " + strings.Title(parts[1])
				break
			}
		}
	}
	return []string{"Kosten", "Sparplan Rendite", "Tagesgeld", isin, name, advisor, "Köln-Ehrenfeld", "Transparnz", "Ausgabeaufschl", "volatility liquidity"}
}
