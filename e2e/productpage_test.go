package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/klartext/klartext/generator/browsercheck"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/sitetest"
)

// The product page a reader understands in one minute: the summary above
// the fold on a phone, tables readable at 360 px, charts whose labels do
// not overlap, the calculator's figures equal to Go's for any amount, and a
// page that prints on two A4 pages.

// pagesWith are the pages of public's sitemap (of the kind, any when "")
// whose HTML holds needle, in the default language: the checks read its
// words (the English pages: TestEnglishPages).
func pagesWith(t *testing.T, public, kind, needle string) []page {
	t.Helper()
	locs, err := browsercheck.SitemapLocs(filepath.Join(public, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var out []page
	for _, loc := range locs {
		u, err := url.Parse(loc)
		if err != nil {
			t.Fatalf("sitemap.xml: %q: %v", loc, err)
		}
		k, _, err := browsercheck.PageInfo(public, "/", u.Path)
		if err != nil || (kind != "" && k != kind) || strings.HasPrefix(u.Path, "/en/") {
			continue // the English pages: TestEnglishPages
		}
		data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(u.Path), "index.html"))
		if err == nil && strings.Contains(string(data), needle) {
			out = append(out, page{Kind: k, Path: u.Path, Name: k})
		}
	}
	if len(out) == 0 {
		t.Fatalf("the site has no page (kind %q) with %q", kind, needle)
	}
	return out
}

// atViewport emulates vp on a tab before it navigates (openTab's before).
func atViewport(vp viewport) chromedp.Action[chromedp.Void] {
	if vp.Mobile {
		return chromedp.EmulateViewport(vp.Width, vp.Height, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	return chromedp.EmulateViewport(vp.Width, vp.Height)
}

// navigate loads path in the tab and waits for it.
func (tb *tab) navigate(path string) {
	tb.t.Helper()
	tb.v.Page.Path = path
	tb.do("navigate", chromedp.Navigate(suite.srv.URL+path))
}

// summaryJS reads the summary block of a product page and the figures
// below it that it repeats.
const summaryJS = `(() => {
  const g = document.querySelector('section.glance');
  if (!g) return {found: false};
  const r = g.getBoundingClientRect();
  const text = (sel, root) => { const e = (root || document).querySelector(sel); return e ? e.textContent.trim() : ''; };
  const row = (i) => Array.from(document.querySelectorAll('table.costs-over-time tbody tr')[i].querySelectorAll('td')).map(td => td.textContent.trim());
  const facts = {};
  document.querySelectorAll('.product-facts dt').forEach(dt => { facts[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim(); });
  const kid = g.querySelector('a[rel=noopener]');
  return {found: true, top: r.top, bottom: r.bottom, height: innerHeight, scrollY: scrollY,
    scale: Array.from(g.querySelectorAll('.risk-scale li')).map(li => li.textContent.trim()),
    on: Array.from(g.querySelectorAll('.risk-scale li.on')).map(li => li.textContent.trim()),
    badge: text('.glance-class .visually-hidden', g), meaning: text('.risk-summary', g),
    costs: text('[data-calc-costs]', g), impact: text('[data-calc-impact]', g),
    when: text('[data-calc-label]', g), holding: text('.glance-figures div:nth-child(3) dd', g),
    kidHref: kid ? kid.getAttribute('href') : '', kidText: kid ? kid.textContent.trim() : '',
    tableCosts: row(0), tableImpact: row(1),
    tableWhen: Array.from(document.querySelectorAll('table.costs-over-time thead th')).slice(1).map(th => th.textContent.trim()),
    facts: facts};
})()`

// summaryState is summaryJS's answer (decodeSummary).
type summaryState struct {
	Found                        bool
	Top, Bottom, Height, ScrollY float64
	Scale, On                    []string
	Badge, Meaning               string
	Costs, Impact, When, Holding string
	KIDHref, KIDText             string
	TableCosts, TableImpact      []string
	TableWhen                    []string
	Facts                        map[string]string
}

// TestSummaryAboveTheFold: on every product page at 360 × 740 the summary
// block is on the first screen, whole; it draws the risk class on the 1–7
// scale (one class marked, the KID's sentence beside it) and repeats the
// costs table's last column, the holding period and the KID link of the
// facts below.
func TestSummaryAboveTheFold(t *testing.T) {
	needBrowser(t)
	for _, p := range pagesWith(t, suite.public, "product", `class="glance"`) {
		t.Run(strings.Trim(p.Path, "/"), func(t *testing.T) {
			tb := openTab(t, suite.srv.URL, p, atViewport(mobile))
			s := decodeSummary(eval[map[string]any](tb, "summary", summaryJS))
			if !s.Found {
				t.Fatalf("%s: no section.glance", p.Path)
			}
			var findings []Finding
			bad := func(format string, args ...any) {
				findings = append(findings, tb.finding("summary", fmt.Sprintf(format, args...)))
			}
			if s.Top < 0 || s.Bottom > s.Height || s.ScrollY != 0 {
				bad("the summary spans %.0f–%.0f px of a %.0f px screen (scrolled %.0f): not all of it is visible without scrolling", s.Top, s.Bottom, s.Height, s.ScrollY)
			}
			if strings.Join(s.Scale, " ") != "1 2 3 4 5 6 7" || len(s.On) != 1 {
				bad("risk scale %q with %q marked, want 1 to 7 with one marked", s.Scale, s.On)
			} else if badge := s.Facts["Risikoklasse"]; badge != s.Badge || !strings.Contains(badge, " "+s.On[0]+" von 7") {
				bad("the scale marks %s and says %q; the facts say %q", s.On[0], s.Badge, badge)
			}
			if !strings.Contains(s.Meaning, "Risikoklasse "+firstOr(s.On, "?")+" eingestuft; das ist") {
				bad("the meaning %q is not the KID's sentence for class %s", s.Meaning, firstOr(s.On, "?"))
			}
			if n := len(s.TableCosts); n == 0 || s.Costs != s.TableCosts[n-1] || s.Impact != s.TableImpact[n-1] || s.When != s.TableWhen[n-1] {
				bad("the summary says %q, %q %q; the costs table's last column %q, %q %q", s.Costs, s.Impact, s.When, lastOr(s.TableCosts), lastOr(s.TableImpact), lastOr(s.TableWhen))
			}
			if s.Holding == "" || s.Holding != s.Facts["Empfohlene Haltedauer"] {
				bad("holding period %q, the facts %q", s.Holding, s.Facts["Empfohlene Haltedauer"])
			}
			if kid := s.Facts["Basisinformationsblatt"]; kid != "" && (s.KIDText != kid || !regexp.MustCompile(`vom \d+\. \S+ \d{4}`).MatchString(s.KIDText) || s.KIDHref == "") {
				bad("the KID link %q (%q), the facts %q: want the same link with its date", s.KIDText, s.KIDHref, kid)
			}
			triage(t, findings)
		})
	}
}

func decodeSummary(m map[string]any) summaryState {
	str := func(k string) string { s, _ := m[k].(string); return s }
	num := func(k string) float64 { f, _ := m[k].(float64); return f }
	list := func(k string) []string {
		var out []string
		for _, v := range asSlice(m[k]) {
			s, _ := v.(string)
			out = append(out, s)
		}
		return out
	}
	s := summaryState{Found: m["found"] == true, Top: num("top"), Bottom: num("bottom"), Height: num("height"), ScrollY: num("scrollY"),
		Scale: list("scale"), On: list("on"), Badge: str("badge"), Meaning: str("meaning"), Costs: str("costs"), Impact: str("impact"),
		When: str("when"), Holding: str("holding"), KIDHref: str("kidHref"), KIDText: str("kidText"),
		TableCosts: list("tableCosts"), TableImpact: list("tableImpact"), TableWhen: list("tableWhen"), Facts: map[string]string{}}
	if f, ok := m["facts"].(map[string]any); ok {
		for k, v := range f {
			s.Facts[k], _ = v.(string)
		}
	}
	return s
}

func asSlice(v any) []any { s, _ := v.([]any); return s }

func firstOr(s []string, alt string) string {
	if len(s) == 0 {
		return alt
	}
	return s[0]
}

func lastOr(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}

// TestSummaryIsThePagesComputation parses every built product page: its
// summary's total costs, annual cost impact and holding period are
// product.Compute's last column for the product's facts, formatted as the
// tables print them, and the same as the page's costs table.
func TestSummaryIsThePagesComputation(t *testing.T) {
	needSetup(t)
	model := demoBuild(t)
	loc := locale.For(model.Config.Language)
	cell := regexp.MustCompile(`(?s)<table class="costs-over-time">.*?<tbody>\s*<tr><th scope="row">[^<]*</th>(.*?)</tr>\s*<tr><th scope="row">[^<]*</th>(.*?)</tr>`)
	td := regexp.MustCompile(`<td[^>]*>([^<]*)</td>`)
	checked := 0
	for _, id := range model.ProductIDs {
		n := model.Products[id]
		facts := n.Product.Facts
		data, err := os.ReadFile(filepath.Join(suite.public, filepath.FromSlash(n.URL), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		html := string(data)
		f := product.Compute(facts)
		last := f.Columns[len(f.Columns)-1]
		want := map[string]string{
			"costs":   loc.Money(last.TotalCosts, facts.Currency),
			"impact":  loc.Percent(last.AnnualImpactPct, 2),
			"holding": loc.Years(facts.RHPYears),
		}
		got := map[string]string{
			"costs":   between(html, "data-calc-costs>", "<"),
			"impact":  between(html, "data-calc-impact>", "<"),
			"holding": between(html, `<div><dt>`+"Empfohlene Haltedauer"+`</dt><dd class="glance-value">`, "<"),
		}
		for k := range want {
			if got[k] != want[k] {
				t.Errorf("%s: the summary's %s is %q, product.Compute's %q", n.URL, k, got[k], want[k])
			}
		}
		m := cell.FindStringSubmatch(html)
		if m == nil {
			t.Errorf("%s: no costs table", n.URL)
			continue
		}
		costs, impacts := td.FindAllStringSubmatch(m[1], -1), td.FindAllStringSubmatch(m[2], -1)
		if len(costs) != len(f.Columns) || costs[len(costs)-1][1] != want["costs"] || impacts[len(impacts)-1][1] != want["impact"] {
			t.Errorf("%s: the costs table's last column %v / %v, the summary %q / %q", n.URL, costs, impacts, want["costs"], want["impact"])
		}
		if !strings.Contains(html, `data-amount="`+strconv.FormatFloat(last.TotalCosts, 'g', -1, 64)+`" data-calc-costs`) {
			t.Errorf("%s: the summary's costs do not carry their exact value %v for the calculator", n.URL, last.TotalCosts)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no product page checked")
	}
	t.Logf("%d product pages' summaries checked", checked)
}

func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i+len(start):]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j]
	}
	return s
}

// demoBuild builds the suite's site again (into a temporary folder) for
// its model: the products and their facts.
func demoBuild(t *testing.T) *site.Site {
	t.Helper()
	res, err := pipeline.Build(pipeline.Options{Source: suite.source, Dest: filepath.Join(t.TempDir(), "public"), Now: buildNow})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("build: %v %v", err, res)
	}
	return res.Site
}

// tablesJS lists, for every table of the page, the words broken inside a
// cell (a column narrower than its longest word) and the words that stick
// out of their cell; and whether the page scrolls sideways.
const tablesJS = `(() => {
  const out = [];
  const de = document.documentElement;
  if (de.scrollWidth > innerWidth + 1) out.push('the page scrolls sideways: it is ' + de.scrollWidth + ' px wide in a ' + innerWidth + ' px viewport');
  let cells = 0;
  document.querySelectorAll('table').forEach((tbl, ti) => {
    const name = 'table' + (tbl.className ? '.' + tbl.className.trim().split(/\s+/).join('.') : '') + '[' + ti + ']';
    tbl.querySelectorAll('th, td').forEach((cell) => {
      const head = cell.closest('thead');
      if (head && getComputedStyle(head).position === 'absolute') return; // visually hidden: the stacked rows show its words
      const cs = getComputedStyle(cell);
      if (cs.display === 'none' || cs.visibility === 'hidden') return;
      cells++;
      const box = cell.getBoundingClientRect();
      const left = box.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft) - 1;
      const right = box.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight) + 1;
      const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const re = /[^ \t\n\r\f\u2010-]+[\u2010-]?/g; // a word; a break after a hyphen is allowed
        let m;
        while ((m = re.exec(n.nodeValue))) {
          const r = document.createRange();
          r.setStart(n, m.index);
          r.setEnd(n, m.index + m[0].length);
          const rects = Array.from(r.getClientRects()).filter((x) => x.width > 0.5);
          if (rects.length > 1 && new Set(rects.map((x) => Math.round(x.top))).size > 1) {
            out.push(name + ': "' + m[0] + '" is broken across lines in a cell ' + Math.round(box.width) + ' px wide');
          } else if (rects.length && (rects[0].left < left || rects[rects.length - 1].right > right)) {
            out.push(name + ': "' + m[0] + '" sticks out of its cell (' + Math.round(rects[0].left) + '–' + Math.round(rects[rects.length - 1].right) + ' px, the cell ' + Math.round(left) + '–' + Math.round(right) + ')');
          }
          if (out.length > 20) return;
        }
      }
    });
  });
  return {problems: out, cells: cells};
})()`

// TestTablesReadable: every page with a table, at 360 and at 1280 px: no
// word is broken inside a table cell or sticks out of it (no column is
// narrower than its longest word), and the page does not scroll sideways.
// A table too wide for a phone stacks its rows (site.css) or scrolls in
// its own box.
func TestTablesReadable(t *testing.T) {
	needBrowser(t)
	pages := pagesWith(t, suite.public, "", "<table")
	for _, vp := range []viewport{mobile, desktop} {
		t.Run(vp.Name, func(t *testing.T) {
			tb := openTab(t, suite.srv.URL, pages[0], atViewport(vp))
			var findings []Finding
			cells := 0
			for _, p := range pages {
				tb.navigate(p.Path)
				type result struct {
					Problems []string `json:"problems"`
					Cells    int      `json:"cells"`
				}
				r := eval[result](tb, "tables", tablesJS)
				cells += r.Cells
				for _, pr := range r.Problems {
					findings = append(findings, Finding{Page: p.Path, Kind: p.Kind, Rule: "table-readable", Detail: pr + " at " + vp.Name})
				}
			}
			t.Logf("%s: %d pages, %d table cells", vp.Name, len(pages), cells)
			triage(t, findings)
		})
	}
}

// overlapJS draws every chart of the page (scrolling to each: charts.js
// draws a chart as it comes near the screen) and lists the text boxes of
// a chart's SVG that overlap another or leave the chart.
const overlapJS = `(async () => {
  // Each chart is drawn when it comes near the screen: wait at each until
  // it is (a busy machine may not paint a frame within a fixed pause).
  for (const f of document.querySelectorAll('figure.chart')) {
    f.scrollIntoView();
    const until = Date.now() + 3000;
    do { await new Promise((r) => setTimeout(r, 50)); } while (Date.now() < until && f.querySelector('.chart-canvas') && !f.querySelector('.chart-canvas svg'));
  }
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline && !Array.from(document.querySelectorAll('figure.chart .chart-canvas')).every((c) => c.querySelector('svg'))) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const out = [];
  let charts = 0, texts = 0;
  document.querySelectorAll('figure.chart').forEach((fig) => {
    const svg = fig.querySelector('.chart-canvas svg');
    if (!svg) { out.push((fig.id || 'figure.chart') + ': not drawn'); return; }
    charts++;
    const boxes = [];
    svg.querySelectorAll('text').forEach((t) => {
      const r = t.getBoundingClientRect(), cs = getComputedStyle(t);
      if (r.width < 1 || r.height < 1 || cs.visibility === 'hidden' || cs.display === 'none' || t.closest('[opacity="0"]') || t.getAttribute('fill-opacity') === '0') return;
      boxes.push({t: t.textContent, r: r});
    });
    texts += boxes.length;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r, b = boxes[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) out.push(fig.id + ': "' + boxes[i].t + '" overlaps "' + boxes[j].t + '"');
      }
    }
    const s = svg.getBoundingClientRect();
    boxes.forEach((b) => {
      if (b.r.left < s.left - 1 || b.r.right > s.right + 1 || b.r.top < s.top - 1 || b.r.bottom > s.bottom + 1) out.push(fig.id + ': "' + b.t + '" reaches outside the chart');
    });
  });
  return {problems: out, charts: charts, texts: texts};
})()`

// TestChartLabelsDoNotOverlap: every chart of every page with charts, at
// 360 and at 1280 px: no two of the texts ECharts drew (axis labels, bar
// labels, titles, the legend) overlap, and none reaches outside its chart.
func TestChartLabelsDoNotOverlap(t *testing.T) {
	needBrowser(t)
	pages := pagesWith(t, suite.public, "", `class="chart-canvas"`)
	for _, vp := range []viewport{mobile, desktop} {
		t.Run(vp.Name, func(t *testing.T) {
			tb := openTab(t, suite.srv.URL, pages[0], atViewport(vp))
			var findings []Finding
			charts, texts := 0, 0
			for _, p := range pages {
				tb.navigate(p.Path)
				type result struct {
					Problems []string `json:"problems"`
					Charts   int      `json:"charts"`
					Texts    int      `json:"texts"`
				}
				ctx, cancel := context.WithTimeout(tb.ctx, 3*guard)
				r, err := chromedp.Run(ctx, chromedp.Evaluate[result](overlapJS, chromedp.EvalAwaitPromise))
				cancel()
				if err != nil {
					t.Fatalf("%s: %v", p.Path, err)
				}
				charts, texts = charts+r.Charts, texts+r.Texts
				for _, pr := range r.Problems {
					findings = append(findings, Finding{Page: p.Path, Kind: p.Kind, Rule: "chart-labels", Detail: pr + " at " + vp.Name})
				}
			}
			t.Logf("%s: %d pages, %d charts, %d texts", vp.Name, len(pages), charts, texts)
			if charts == 0 {
				t.Error("no chart drawn")
			}
			triage(t, findings)
		})
	}
}

// pdfPages counts the pages of a PDF that Chromium printed.
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}

// printJS reads, under print emulation, what a printed product page shows.
const printJS = `(() => {
  const shown = (sel) => Array.from(document.querySelectorAll(sel)).some((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');
  return {
    summary: shown('section.glance'), costs: shown('table.costs-over-time'), composition: shown('figure.chart-costs table'),
    scenarios: shown('figure.chart-scenarios table'), review: /Zuletzt geprüft|keine ausführliche Erklärung/.test(document.querySelector('footer.review').innerText),
    kid: shown('footer.review .print-only') || !document.querySelector('.product-facts a[rel=noopener]'),
    facts: shown('.product-facts'), scale: shown('.glance .risk-scale'),
    nav: shown('header.site-header, nav, .breadcrumbs'), feedback: shown('.feedback-area, form'), controls: shown('main input, main select, main button, main textarea'),
    calculator: shown('section.calc'), charts: shown('.chart-canvas'), explainer: shown('.explainer'),
  };
})()`

// hiddenInPrint are printJS's parts that a printed product page leaves
// out; the others it shows.
var hiddenInPrint = map[string]bool{"nav": true, "feedback": true, "controls": true, "calculator": true, "charts": true, "explainer": true}

// TestPrintFitsTwoPages: every product page printed on A4 (Chromium's
// Page.printToPDF) has at most two pages; under print emulation it shows
// the summary, the facts, the risk scale, the costs, composition and
// scenario tables, the review and the KID's address, and no navigation,
// feedback form, calculator, control, chart drawing or explainer.
func TestPrintFitsTwoPages(t *testing.T) {
	needBrowser(t)
	pages := pagesWith(t, suite.public, "product", `class="glance"`)
	tb := openTab(t, suite.srv.URL, pages[0])
	var findings []Finding
	for _, p := range pages {
		tb.navigate(p.Path)
		pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
		if err != nil {
			t.Fatalf("%s: printing: %v", p.Path, err)
		}
		n := pdfPages(pdf)
		if n < 1 || n > 2 {
			findings = append(findings, Finding{Page: p.Path, Kind: p.Kind, Rule: "print", Detail: fmt.Sprintf("prints on %d A4 pages, want at most 2", n)})
		}
		tb.do("print media", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}))
		st := eval[map[string]bool](tb, "printed", printJS)
		tb.do("screen media", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
			return err
		}))
		var keys []string
		for k := range st {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			want := !hiddenInPrint[k]
			if st[k] != want {
				findings = append(findings, Finding{Page: p.Path, Kind: p.Kind, Rule: "print", Detail: fmt.Sprintf("printed, %s is shown: %v, want %v", k, st[k], want)})
			}
		}
		t.Logf("%s: %d pages", p.Path, n)
	}
	triage(t, findings)
}

// fixtureSite is a copy of the demo with the EPT fixture's 27 share classes
// among its products, built and served; it returns the server and the
// site's model.
func fixtureSite(t *testing.T) (*server, *site.Site) {
	t.Helper()
	if suite.source != suite.repo {
		t.Skip("the repository has no demo site (content/) to copy")
	}
	root := sitetest.CopyDemo(t, suite.repo)
	ept, err := os.ReadFile(filepath.Join(suite.repo, "generator", "productsource", "testdata", "ept", "pimco-ept-v21.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "content", "data", "ept")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pimco.csv"), ept, 0o644); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(t.TempDir(), "public")
	res, err := pipeline.Build(pipeline.Options{Source: root, Dest: public, Now: buildNow})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("build with the EPT fixture: %v %v", err, res.Diagnostics.All())
	}
	srv, err := browsercheck.StartServer(public, "/")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv, res.Site
}

// calcJS reads every amount the calculator changes, in page order: its
// exact value for 10,000 and its text, whether it is a line of the
// composition, the percentages of the costs table and the sentences with
// amounts in them.
const calcJS = `(() => {
  const a = document.querySelector('article.product');
  return {
    amounts: Array.from(a.querySelectorAll('.glance [data-amount], .calc-scope [data-amount]')).map((el) => ({
      v: el.getAttribute('data-amount') || el.getAttribute('data-sort'), text: el.textContent, comp: !!el.closest('figure.chart-costs')})),
    impacts: Array.from(a.querySelectorAll('table.costs-over-time tbody tr:nth-child(2) td, [data-calc-impact]')).map((el) => el.textContent),
    texts: Array.from(a.querySelectorAll('.glance [data-in-text], .calc-scope [data-in-text]')).map((el) => ({v: el.getAttribute('data-in-text'), text: el.textContent})),
    formula: (a.querySelector('.calc-formula') || {}).textContent || '',
    shown: !!a.querySelector('form.calc-form:not([hidden])'),
  };
})()`

type calcAmount struct {
	V    string `json:"v"`
	Text string `json:"text"`
	Comp bool   `json:"comp"`
}

type calcState struct {
	Amounts []calcAmount `json:"amounts"`
	Impacts []string     `json:"impacts"`
	Texts   []calcAmount `json:"texts"`
	Formula string       `json:"formula"`
	Shown   bool         `json:"shown"`
}

// TestCalculator: on the page of every product of the demo and of the EPT
// fixture, the reader types an amount; every amount the page shows then
// equals product.ComputeFor for that amount, formatted as the Go side
// formats (the figure found by its exact value for 10,000), the
// percentages stay, the sentences name the amount; for 5,000 every amount
// is exactly half of its 10,000 value (before rounding to cents). The
// period choice moves the summary to another column. Without JavaScript
// the page says its figures are for 10,000.
func TestCalculator(t *testing.T) {
	needBrowser(t)
	srv, model := fixtureSite(t)
	loc := locale.For(model.Config.Language)
	amounts := []struct {
		typed string
		v     float64
	}{{"5.000", 5000}, {"12345,67", 12345.67}, {"1", 1}, {"250.000,5", 250000.5}}
	var first page
	checked := 0
	for _, id := range model.ProductIDs {
		n := model.Products[id]
		p := page{Kind: "product", Path: n.URL, Name: "product"}
		if first.Path == "" {
			first = p
		}
		facts := n.Product.Facts
		base := product.Compute(facts)
		money := func(v float64) string { return loc.Money(v, facts.Currency) }
		tb := openTab(t, srv.URL, p)
		before := eval[calcState](tb, "before", calcJS)
		if !before.Shown {
			t.Errorf("%s: the calculator's form is not shown", p.Path)
			continue
		}
		byValue := map[float64][]int{} // exact value for 10,000 → indexes into Figures.Amounts
		for i, v := range base.Amounts() {
			byValue[v] = append(byValue[v], i)
		}
		for _, a := range amounts {
			tb.do("type "+a.typed, chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector('#calc-amount'); i.value = `+strconv.Quote(a.typed)+`; i.dispatchEvent(new Event('input')); })()`))
			after := eval[calcState](tb, "after "+a.typed, calcJS)
			f := product.ComputeFor(facts, a.v)
			want := f.Amounts()
			var comp []string
			for _, l := range f.Composition.Lines {
				comp = append(comp, money(l.Amount))
			}
			comp = append(comp, money(f.Composition.TotalCosts))
			ci := 0
			for i, el := range after.Amounts {
				v, err := strconv.ParseFloat(el.V, 64)
				if err != nil {
					t.Errorf("%s: amount %d has no exact value (%q)", p.Path, i, el.V)
					continue
				}
				if el.Comp {
					if ci >= len(comp) || el.Text != comp[ci] {
						t.Errorf("%s for %s: composition line %d shows %q, ComputeFor %q", p.Path, a.typed, ci, el.Text, comp[min(ci, len(comp)-1)])
					}
					ci++
					continue
				}
				idx, ok := byValue[v]
				if !ok {
					t.Errorf("%s: %q (exact %v) is no amount of product.Compute", p.Path, before.Amounts[i].Text, v)
					continue
				}
				if w := money(want[idx[0]]); el.Text != w {
					t.Errorf("%s for %s: %q (%s for 10,000) shows %q, ComputeFor %q", p.Path, a.typed, before.Amounts[i].Text, el.V, el.Text, w)
				}
				if a.v == 5000 && el.Text != money(v/2) {
					t.Errorf("%s for 5.000: %q is not half of %v: %q", p.Path, el.Text, v, money(v/2))
				}
			}
			if ci != len(comp) {
				t.Errorf("%s: %d composition lines shown, ComputeFor has %d", p.Path, ci, len(comp))
			}
			if strings.Join(after.Impacts, "|") != strings.Join(before.Impacts, "|") {
				t.Errorf("%s for %s: the percentages changed: %q, before %q", p.Path, a.typed, after.Impacts, before.Impacts)
			}
			for _, x := range after.Texts {
				v, _ := strconv.ParseFloat(x.V, 64)
				if w := money(v * (a.v / product.ExampleInvestment)); !strings.Contains(x.Text, w) {
					t.Errorf("%s for %s: %q does not name %q", p.Path, a.typed, x.Text, w)
				}
			}
			if !strings.Contains(after.Formula, money(a.v)) || !strings.Contains(after.Formula, money(product.ExampleInvestment)) {
				t.Errorf("%s for %s: the formula %q does not state the amounts", p.Path, a.typed, after.Formula)
			}
		}
		if len(base.Columns) > 1 {
			tb.do("first column", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('#calc-period'); s.selectedIndex = 0; s.dispatchEvent(new Event('change')); })()`))
			got := eval[string](tb, "summary costs", `document.querySelector('[data-calc-costs]').textContent + '|' + document.querySelector('[data-calc-impact]').textContent`)
			f := product.ComputeFor(facts, amounts[len(amounts)-1].v)
			// The percentage is the page's own (for 10,000): it does not
			// depend on the amount, and ComputeFor's may differ in the last
			// bits of a float64.
			if w := money(f.Columns[0].TotalCosts) + "|" + loc.Percent(base.Columns[0].AnnualImpactPct, 2); got != w {
				t.Errorf("%s: the summary for the first column says %q, want %q", p.Path, got, w)
			}
		}
		triage(t, browsercheck.Console(tb.seen()))
		checked++
	}
	if checked < 30 {
		t.Errorf("%d product pages checked, want the demo's and the fixture's", checked)
	}
	t.Logf("%d product pages, %d amounts each", checked, len(amounts))

	// ?amount= in the address fills the field in.
	asked := openTab(t, srv.URL, page{Kind: first.Kind, Path: first.Path + "?amount=5000", Name: first.Name})
	got := eval[string](asked, "?amount=5000", `document.querySelector('#calc-amount').value + '|' + document.querySelector('[data-calc-costs]').textContent`)
	f := product.Compute(model.Products[model.ProductIDs[0]].Product.Facts)
	if w := "5000|" + loc.Money(f.Columns[len(f.Columns)-1].TotalCosts/2, model.Products[model.ProductIDs[0]].Product.Facts.Currency); got != w {
		t.Errorf("%s?amount=5000: %q, want %q", first.Path, got, w)
	}

	tb := openTab(t, srv.URL, first, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	st := eval[map[string]any](tb, "without JavaScript", `({note: (() => { const e = document.querySelector('.calc-nojs'); return e && e.getClientRects().length ? e.textContent : ''; })(),
  form: !!document.querySelector('form.calc-form:not([hidden])')})`)
	if note, _ := st["note"].(string); !strings.Contains(note, loc.Money(product.ExampleInvestment, "EUR")) || st["form"] != false {
		t.Errorf("%s without JavaScript: note %q, form shown %v: want the note naming %s and no form", first.Path, note, st["form"], loc.Money(product.ExampleInvestment, "EUR"))
	}
}

// compareJS reads the comparison that js/compare.js drew.
const compareJS = `(() => {
  const t = document.querySelector('.compare-result table');
  const chosen = Array.from(document.querySelectorAll('.compare-form select')).map((s) => s.value);
  if (!t) return {drawn: false, message: (document.querySelector('.compare-result') || {}).textContent || '', chosen: chosen};
  const rows = {};
  t.querySelectorAll('tbody tr').forEach((tr) => { rows[tr.querySelector('th').textContent.trim()] = Array.from(tr.querySelectorAll('td')).map((td) => td.textContent.trim()); });
  return {drawn: true, products: Array.from(t.querySelectorAll('thead th a')).map((a) => a.textContent.trim()),
    links: Array.from(t.querySelectorAll('thead th a')).map((a) => a.getAttribute('href')), rows: rows,
    search: location.search, hash: location.hash, chosen: chosen};
})()`

type compareState struct {
	Drawn    bool                `json:"drawn"`
	Message  string              `json:"message"`
	Products []string            `json:"products"`
	Links    []string            `json:"links"`
	Rows     map[string][]string `json:"rows"`
	Search   string              `json:"search"`
	Hash     string              `json:"hash"`
	Chosen   []string            `json:"chosen"`
}

// TestCompareProducts: a product page links to the comparison with itself
// chosen; choosing a second product on the products page shows both side
// by side — their risk classes, holding periods, costs at the holding
// period and scenarios as product.Compute has them — and writes the
// choice into the address, which, opened again, shows the same; at 360 px
// the comparison's table is readable like every other. Without
// JavaScript the products page says the comparison table serves.
func TestCompareProducts(t *testing.T) {
	needBrowser(t)
	model := demoBuild(t)
	loc := locale.For(model.Config.Language)
	a, b := model.Products[model.ProductIDs[0]], model.Products[model.ProductIDs[len(model.ProductIDs)-1]]
	tb := openTab(t, suite.srv.URL, page{Kind: "product", Path: a.URL, Name: "product"})
	href := eval[string](tb, "the compare link", `(document.querySelector('.compare-link a') || {}).href || ''`)
	if !strings.HasPrefix(href, suite.srv.URL+"/products/?compare=") {
		t.Fatalf("%s: the compare link goes to %q", a.URL, href)
	}
	tb.navigate(strings.TrimPrefix(href, suite.srv.URL))
	if !poll(tb, `location.pathname === '/products/' && !!document.querySelector('.compare-form:not([hidden])')`) {
		t.Fatalf("%s: the compare link did not lead to the products page's comparison", a.URL)
	}
	st := eval[compareState](tb, "after the link", compareJS)
	if len(st.Chosen) != 3 || st.Chosen[0] != a.Product.Facts.ID || st.Chosen[1] != "" {
		t.Errorf("%s's compare link chose %q, want it first", a.URL, st.Chosen)
	}
	tb.do("choose a second product", chromedp.Evaluate[chromedp.Void](`(() => { document.querySelector('#compare-2').value = `+strconv.Quote(b.Product.Facts.ID)+`; })()`),
		chromedp.Click(chromedp.CSS(`.compare-form button[type=submit]`)))
	if !poll(tb, `!!document.querySelector('.compare-result table')`) {
		t.Fatalf("no comparison drawn: %+v", eval[compareState](tb, "state", compareJS))
	}
	check := func(st compareState, where string) {
		t.Helper()
		if !st.Drawn || strings.Join(st.Products, "|") != a.Title+"|"+b.Title {
			t.Fatalf("%s: the comparison shows %q, want %q and %q", where, st.Products, a.Title, b.Title)
		}
		for i, n := range []*site.Node{a, b} {
			facts := n.Product.Facts
			f := product.Compute(facts)
			last := f.Columns[len(f.Columns)-1]
			want := map[string]string{
				"Risikoklasse":          n.Product.RiskBadge,
				"Empfohlene Haltedauer": loc.Years(facts.RHPYears),
				"Kosten insgesamt am Ende der empfohlenen Haltedauer":      loc.Money(last.TotalCosts, facts.Currency) + " (Ausstieg nach " + loc.YearsAfter(last.Years) + ")",
				"Jährliche Auswirkungen der Kosten am Ende der Haltedauer": loc.Percent(last.AnnualImpactPct, 2) + " pro Jahr",
			}
			for _, s := range f.Scenarios {
				want[product.ScenarioLabel(s.Key, "de")+" am Ende der Haltedauer"] = loc.Money(s.AtRHP.Value, facts.Currency) + " (" + loc.Percent(s.AtRHP.ReturnPct, 1) + " pro Jahr)"
			}
			for row, w := range want {
				got := st.Rows[row]
				if len(got) != 2 || !strings.HasPrefix(got[i], w) {
					t.Errorf("%s: %s of %s is %q, want %q", where, row, n.Title, got, w)
				}
			}
			if st.Links[i] != n.URL {
				t.Errorf("%s: %s links %q, want %q", where, n.Title, st.Links[i], n.URL)
			}
		}
	}
	st = eval[compareState](tb, "comparison", compareJS)
	check(st, "after choosing")
	wantSearch := "?compare=" + url.QueryEscape(a.Product.Facts.ID) + "," + url.QueryEscape(b.Product.Facts.ID)
	if st.Search != wantSearch || st.Hash != "#vergleich" {
		t.Errorf("the address keeps %q%q, want %q#vergleich", st.Search, st.Hash, wantSearch)
	}
	shared := page{Kind: "section", Path: "/products/" + st.Search + st.Hash, Name: "section"}
	for _, vp := range []viewport{desktop, mobile} {
		again := openTab(t, suite.srv.URL, shared, atViewport(vp))
		if !poll(again, `!!document.querySelector('.compare-result table')`) {
			t.Fatalf("the shared address %s at %s shows no comparison", shared.Path, vp.Name)
		}
		check(eval[compareState](again, "shared", compareJS), "the shared address at "+vp.Name)
		type result struct {
			Problems []string `json:"problems"`
		}
		for _, pr := range eval[result](again, "tables", tablesJS).Problems {
			t.Errorf("the shared address at %s: %s", vp.Name, pr)
		}
		triage(t, append(browsercheck.Console(again.seen()), browsercheck.Tracking(again.seen(), suite.srv.URL, nil)...))
	}

	nojs := openTab(t, suite.srv.URL, page{Kind: "section", Path: "/products/", Name: "section"}, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	if s := eval[string](nojs, "without JavaScript", `(() => { const n = document.querySelector('.compare-nojs'); const f = document.querySelector('.compare-form');
  return (n && n.getClientRects().length ? 'note ' : '') + (f && f.getClientRects().length ? 'form ' : '') + (document.querySelector('figure.chart-comparison table tbody tr') ? 'table' : ''); })()`); s != "note table" {
		t.Errorf("the products page without JavaScript shows %q, want the note and the comparison table, no form", s)
	}
}
