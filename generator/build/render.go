package build

import (
	"bytes"
	"html/template"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klartext/klartext/generator/chart"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/markdown"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/theme"
)

// SiteView is what templates see of the site.
type SiteView struct {
	Title       string
	Description string
	Lang        string
	BaseURL     string
	Copyright   string
	Year        int
	Locale      string // Open Graph locale, "de_DE"
	CSP         string // Content-Security-Policy for the meta tag
	Search      string // URL of the search page; "" when the site has none
	Menu        []Link
	FooterLinks []Link
	Data        map[string]any
}

// Link is a titled URL.
type Link struct {
	Title string
	URL   string
}

// PageView is what a layout renders.
type PageView struct {
	Site        *SiteView
	Kind        string
	Section     string
	Title       string
	Description string
	URL         string // site path with the base path ("/products/x/")
	Permalink   string // absolute
	Content     template.HTML
	TOC         []markdown.Heading
	Date        time.Time
	Lastmod     time.Time
	Topics      []Link
	Pages       []*Node // the list page's entries on this page of the list
	Pager       *Pager
	Breadcrumbs []Link
	Scripts     []string // theme scripts this page needs, deferred
	MenuActive  string   // URL of the menu entry this page belongs to (aria-current); "" for none
	JSONLD      []template.JS
	NoIndex     bool

	Node    *Node        // the page in the site model (for cross-links)
	Product *ProductInfo // product pages
	// ProductFigures are the product page's figures, computed once for the
	// page: every table, chart and text of it shows these numbers.
	ProductFigures *product.Figures
	ProductText    *ProductText             // product pages: the figures formatted for the reader
	Figures        map[string]template.HTML // the same charts by kind ("risk", "costs", ...), to place them in their sections
	Balance        *BalanceView             // the feedback page
	Advisor        *AdvisorInfo             // advisor pages and advisor filter pages
	Story          *StoryInfo
	Filters        []FilterGroup // the advisors section's filters
	Search         *SearchView   // the search page

	// Feedback is the feedback widget, rendered with the theme's
	// partials/feedback.html; empty where feedback is off.
	Feedback        template.HTML
	FeedbackSummary any

	charts     []template.HTML // the page's own charts, in order
	sortable   bool            // one of them has a sortable table
	searchText string          // the body as plain text, for the search index
}

// Charts is the page's own charts (a product's, the products section's
// comparison, the feedback page's balance) in order; Figures has them by
// kind. They are joined only when a layout asks: a product layout places
// its figures one by one, and joining 30 KB per page for nothing was a
// tenth of a build's garbage.
func (v *PageView) Charts() template.HTML {
	switch len(v.charts) {
	case 0:
		return ""
	case 1:
		return v.charts[0]
	}
	size := 0
	for _, h := range v.charts {
		size += len(h)
	}
	var all strings.Builder
	all.Grow(size)
	for _, h := range v.charts {
		all.WriteString(string(h))
	}
	return template.HTML(all.String())
}

// Pager is a list page's position in its pagination.
type Pager struct {
	Number, Total int
	Prev, Next    string
}

type renderer struct {
	site  *Site
	theme *theme.Theme
	out   sink // nil: validate only (klartext check)
	ds    *diag.List
	md    *markdown.Renderer
	loc   locale.Locale
	// chartLang is loc with the words of the charts (chart.NewLang).
	chartLang chart.Lang
	view      *SiteView

	mu          sync.Mutex
	headings    map[string][]string // heading ids by source, for checkAnchors
	anchors     map[string][]markdown.AnchorLink
	pageDiags   map[string][]diag.Diagnostic // by output path
	abandoned   map[string]bool              // sources of pages the watchdog gave up on
	anchorDiags []diag.Diagnostic
	progress    func(done, total int)
	riskCache   sync.Map         // riskKey → Figure
	off         Shortcut         // the shortcuts not taken (Options.Off)
	pageBudget  time.Duration    // Options.PageBudget
	skeletons   *chart.Skeletons // product chart options; nil without ChartSkeletons
	images      *imageSet        // images.go
	pages       int
	files       int
	charts      int
	byKind      map[content.Kind]int

	// outputs owns every output path (claimOutputs); jobs are the pages
	// and siteFiles the other files that won their claims.
	outputs *output.Registry
	// outputsMu guards outputs once pages render: the sizes of images are
	// named by their content and claimed as they are made (claimLate).
	outputsMu sync.RWMutex
	jobs      []job
	siteFiles []siteFile
	search    *searchState // nil: the site has no search page
	indexing  bool         // pages rendered go into the search index
}

// sink is where rendered files go: the staging folder of a full build, or
// the live folder of an incremental one.
type sink interface {
	WriteFile(sitePath string, data []byte) error
}

func newRenderer(site *Site, th *theme.Theme, out sink, ds *diag.List) *renderer {
	cfg := site.Config
	v := &SiteView{Title: cfg.Title, Description: cfg.Description, Lang: cfg.Language, BaseURL: cfg.BaseURL,
		Copyright: cfg.Copyright, Year: site.Now.Year(), Data: site.Data, Locale: ogLocale(cfg.Language),
		CSP: feedback.CSP(site.feedback.settings, site.videoOrigins...)}
	for _, sec := range []string{"products", "advisors", "stories"} {
		if n := site.Sections[sec]; n != nil {
			v.Menu = append(v.Menu, Link{Title: n.Title, URL: relURL(cfg.BasePath(), n.URL)})
		}
	}
	if n := site.ByURL["/topics/"]; n != nil {
		v.Menu = append(v.Menu, Link{Title: th.Translate("topics"), URL: relURL(cfg.BasePath(), n.URL)})
	}
	return &renderer{site: site, theme: th, out: out, ds: ds, md: markdown.New(th.Words()), view: v, loc: locale.For(cfg.Language), chartLang: chart.NewLang(th.Words()),
		headings: map[string][]string{}, anchors: map[string][]markdown.AnchorLink{}, pageDiags: map[string][]diag.Diagnostic{},
		abandoned: map[string]bool{},
		byKind:    map[content.Kind]int{}}
}

// ogLocale turns "de" into Open Graph's "de_DE" (the region a bare
// code means, locale.Locale.Tag) and "de-AT" into "de_AT".
func ogLocale(lang string) string {
	if l := strings.ReplaceAll(lang, "-", "_"); strings.Contains(l, "_") {
		return l
	}
	return strings.ReplaceAll(locale.For(lang).Tag(), "-", "_")
}

func relURL(basePath, p string) string {
	return strings.TrimSuffix(basePath, "/") + p
}

type job struct {
	node  *Node
	page  int    // 1-based page of a paginated list
	out   string // the output file: path() + "index.html"
	vcard bool   // also write the advisor's vCard
}

func newJob(n *Node, page int) job {
	j := job{node: n, page: page}
	j.out = j.path() + "index.html"
	return j
}

// path is the site path of the job's output page.
func (j job) path() string {
	if j.page > 1 {
		return j.node.URL + "page/" + strconv.Itoa(j.page) + "/"
	}
	return j.node.URL
}

func (r *renderer) setPageDiags(path string, pd *diag.List) {
	all := pd.All()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(all) == 0 {
		delete(r.pageDiags, path)
		return
	}
	r.pageDiags[path] = all
}

// diagnostics are all diagnostics of the rendered pages and of the anchor
// checks.
func (r *renderer) diagnostics() []diag.Diagnostic {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []diag.Diagnostic
	for _, ds := range r.pageDiags {
		out = append(out, ds...)
	}
	return append(out, r.anchorDiags...)
}

// renderAll renders every page in parallel: Markdown, then the layout, then
// the file write, so no page's HTML is held longer than it takes to write it.
// A watchdog gives up on a page that takes longer than the page budget
// (Options.PageBudget): its error names the page, and a fresh worker
// renders the rest.
func (r *renderer) renderAll() {
	jobs := r.jobs
	next := make(chan job, 64)
	var wg sync.WaitGroup
	wd := &watchdog{budget: r.pageBudget, now: time.Now}
	if wd.budget <= 0 {
		wd.budget = DefaultPageBudget
	}
	worker := func(slot *pageSlot) {
		var buf bytes.Buffer
		for j := range next {
			buf.Reset()
			if !slot.begin(j, wd.now()) {
				return
			}
			r.renderPage(&buf, j, slot)
			if !slot.end() {
				return // abandoned: the watchdog counted this worker done
			}
		}
		wg.Done()
	}
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go worker(wd.newSlot())
	}
	stop := make(chan struct{})
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		tick := time.NewTicker(wd.tickEvery())
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				for _, j := range wd.overdue(wd.now()) {
					r.mu.Lock()
					r.pageDiags[j.path()] = []diag.Diagnostic{overBudget(j.node, wd.budget)}
					r.abandoned[j.node.Source] = true
					r.mu.Unlock()
					wg.Add(1)
					go worker(wd.newSlot())
					wg.Done() // the abandoned worker's
				}
			}
		}
	}()
	for i, j := range jobs {
		next <- j
		if r.progress != nil && i%256 == 0 {
			r.progress(i, len(jobs))
		}
	}
	close(next)
	wg.Wait()
	close(stop)
	<-watching
	if r.progress != nil {
		r.progress(len(jobs), len(jobs))
	}
}

func (r *renderer) pageCount(n *Node) int {
	if !paginated(n) || len(n.Children) == 0 {
		return 1
	}
	size := r.site.Config.Pagination
	return (len(n.Children) + size - 1) / size
}

func paginated(n *Node) bool {
	switch n.Kind {
	case content.KindSection, content.KindTopic:
		return n.Section != "products" && n.Section != "advisors"
	}
	return false
}

// renderPage renders one page of the output. Its diagnostics are kept per
// output path, so an incremental rebuild replaces exactly those of the
// pages it renders again.
//
// slot is the worker's, for the watchdog (nil when there is none): a page
// it abandoned writes neither files nor diagnostics.
func (r *renderer) renderPage(buf *bytes.Buffer, j job, slot *pageSlot) {
	n := j.node
	pd := &diag.List{}
	path := j.path()
	defer slot.do(func() { r.setPageDiags(path, pd) })
	v := r.pageView(j, pd)
	if j.vcard {
		vcf := advisorVCard(r.site, n)
		slot.do(func() { r.write(n.Advisor.VCardURL, vcf) })
	}
	layout := r.layoutFor(n)
	if layout == "" {
		pd.Add(diag.Errorf(n.Source, 0, "the theme has no layout for a %s page", n.Kind))
		return
	}
	if err := r.theme.Execute(buf, layout, v); err != nil {
		pd.Add(diag.Errorf("themes/"+r.site.Config.Theme+"/layouts/"+layout, 0, "rendering %s: %v", n.URL, err))
		return
	}
	slot.do(func() {
		r.write(j.out, buf.Bytes())
		r.indexPage(j, v)
		r.mu.Lock()
		r.pages++
		if j.page == 1 {
			r.byKind[n.Kind]++
		}
		r.mu.Unlock()
	})
}

// pageView is what the page's layout gets: its Markdown rendered, its
// charts drawn, its lists, scripts and feedback widget.
func (r *renderer) pageView(j job, pd *diag.List) *PageView {
	n := j.node
	cfg := r.site.Config
	v := &PageView{Site: r.view, Kind: string(n.Kind), Section: n.Section, Title: n.Title,
		Description: n.Summary, Date: n.Date, Lastmod: n.Meta.Lastmod}
	path := j.path()
	v.NoIndex = j.page > 1
	v.URL = relURL(cfg.BasePath(), path)
	for _, m := range r.view.Menu {
		if strings.HasPrefix(v.URL, m.URL) && len(m.URL) > len(v.MenuActive) {
			v.MenuActive = m.URL
		}
	}
	v.Permalink = cfg.AbsURL(path)
	if v.Description == "" {
		v.Description = cfg.Description
	}
	for _, t := range n.Topics {
		if tn := r.site.Topics[t]; tn != nil {
			v.Topics = append(v.Topics, Link{Title: tn.Title, URL: relURL(cfg.BasePath(), tn.URL)})
		}
	}
	if n.Kind == content.KindTopics {
		v.Title = r.theme.Translate("topics")
	}
	if n.Kind == content.KindTopic {
		v.Title = r.theme.Translate("topic_title", n.Title)
	}
	v.Node, v.Advisor, v.Story, v.Product = n, n.Advisor, n.Story, n.Product
	if n.Product != nil {
		// The one computation of the page's figures (before the body, whose
		// chart fences may show them too).
		v.ProductFigures = product.Compute(n.Product.Facts)
		v.ProductText = productText(n.Product, v.ProductFigures, n.Meta, r.loc, r.theme)
	}
	if j.page == 1 {
		r.renderBody(n, v, pd)
		r.transcriptBody(n, v, pd)
	}
	r.list(v, n, j.page)
	r.renderCharts(n, v, pd)
	if len(v.charts) > 0 || strings.Contains(string(v.Content), `data-chart=`) {
		v.Scripts = append(v.Scripts, chartScripts...)
	}
	if v.sortable || strings.Contains(string(v.Content), "data-sortable") {
		v.Scripts = append(v.Scripts, "/js/sortable.js")
	}
	if j.page == 1 && n.HasVideo() {
		v.Scripts = append(v.Scripts, "/js/video.js")
	}
	if n.Advisor != nil && n.Kind == content.KindAdvisor {
		v.JSONLD = append(v.JSONLD, advisorJSONLD(r.site, n))
	}
	if n.Section == "advisors" && (n.Kind == content.KindSection || n.Kind == kindAdvisorFilter) {
		v.Filters = r.site.advisorFilters
		v.Scripts = append(v.Scripts, "/js/advisors.js")
	}
	r.searchPageView(n, v)
	fh, err := r.site.feedback.widgetHTML(n, r.site, r.theme, r.on(FeedbackForm))
	if err != nil {
		pd.Add(diag.Errorf("themes/"+cfg.Theme+"/layouts/partials/feedback.html", 0, "%v", err))
	}
	v.Feedback = fh
	if fh != "" {
		v.FeedbackSummary = r.site.feedback.summary(n, r.theme.Words())
		if js := r.site.feedback.script(); js != "" {
			v.Scripts = append(v.Scripts, js)
		}
	}
	if n.Section != "" && n.Kind != content.KindSection {
		if sec := r.site.Sections[n.Section]; sec != nil {
			v.Breadcrumbs = append(v.Breadcrumbs, Link{Title: sec.Title, URL: relURL(cfg.BasePath(), sec.URL)})
		}
	}
	return v
}

// renderBody renders the page's Markdown into v.Content and records its
// headings and anchor links for the link check.
func (r *renderer) renderBody(n *Node, v *PageView, pd *diag.List) {
	if n.Page.Source == "" {
		return
	}
	body, err := n.ReadBody(r.site.Files)
	if err != nil {
		pd.Add(diag.Errorf(n.Source, 0, "%v", err))
		return
	}
	if len(body) == 0 {
		return
	}
	res := r.md.Render(r.markdownPage(n, v), body)
	pd.Add(res.Diagnostics...)
	for _, u := range res.UnlinkedRefs {
		pd.Add(diag.Warnf(n.Source, u.Line, "the link to %s is shown as text: the advisor withdrew consent (published: false)", u.Target).
			WithHint("remove the link, or ask the advisor again"))
	}
	v.Content = template.HTML(res.HTML)
	v.TOC = res.Headings
	v.searchText = res.Text
	r.mu.Lock()
	r.headings[n.Source] = markdown.HeadingIDs(res.Headings) // not their text: kept for every page
	if len(res.AnchorLinks) > 0 {
		r.anchors[n.Source] = res.AnchorLinks
	} else {
		delete(r.anchors, n.Source)
	}
	r.mu.Unlock()
}

// renderCharts draws the page's own charts: a product's four, the
// products section's comparison, the feedback page's balance.
func (r *renderer) renderCharts(n *Node, v *PageView, pd *diag.List) {
	var figs []Figure
	switch {
	case n.Product != nil:
		figs = r.productCharts(n, v.ProductFigures)
	case n.Kind == content.KindSection && n.Section == "products" && len(r.site.ProductIDs) > 0:
		if f, err := r.comparison(chartKey(n), 1, "", nil); err == nil {
			figs = append(figs, f)
		} else {
			file := n.Source // the section's _index.md; else the products come from the data alone
			if file == "" {
				file = product.CSVFile
			}
			pd.Add(diag.Errorf(file, 0, "cannot draw the product comparison: %v", err))
		}
	case n.Kind == KindFeedback:
		figs = r.feedbackFigures("feedback", 1)
		v.Balance = r.site.feedback.balanceView(r.site, r.loc, r.theme.Words())
	}
	if len(figs) == 0 {
		return
	}
	v.Figures = make(map[string]template.HTML, len(figs))
	v.charts = make([]template.HTML, 0, len(figs))
	for _, f := range figs {
		h, err := r.figureHTML(f)
		if err != nil {
			pd.Add(diag.Errorf(n.Source, 0, "cannot render the charts of %s: %v", n.URL, err))
			continue
		}
		v.Figures[f.Kind] += h
		v.charts = append(v.charts, h)
		v.sortable = v.sortable || f.Table.Sortable
	}
	r.mu.Lock()
	r.charts += len(figs)
	r.mu.Unlock()
}

func (r *renderer) list(v *PageView, n *Node, page int) {
	if len(n.Children) == 0 {
		return
	}
	if !paginated(n) {
		v.Pages = n.Children
		return
	}
	size := r.site.Config.Pagination
	total := (len(n.Children) + size - 1) / size
	lo, hi := (page-1)*size, min(page*size, len(n.Children))
	v.Pages = n.Children[lo:hi]
	v.Pager = &Pager{Number: page, Total: total}
	base := relURL(r.site.Config.BasePath(), n.URL)
	if page > 1 {
		v.Pager.Prev = base
		if page > 2 {
			v.Pager.Prev = base + "page/" + strconv.Itoa(page-1) + "/"
		}
	}
	if page < total {
		v.Pager.Next = base + "page/" + strconv.Itoa(page+1) + "/"
	}
}

// layoutFor looks the layout up by section and kind: products/single.html,
// then _default/single.html; the home page is index.html.
func (r *renderer) layoutFor(n *Node) string {
	var cands []string
	switch n.Kind {
	case content.KindHome:
		cands = []string{"index.html", "_default/list.html"}
	case content.KindSection, kindAdvisorFilter:
		cands = []string{n.Section + "/list.html", "_default/list.html"}
	case content.KindTopics:
		cands = []string{"topics/list.html", "_default/list.html"}
	case content.KindTopic:
		cands = []string{"topics/single.html", "_default/list.html"}
	case KindFeedback:
		cands = []string{"feedback/list.html", "_default/list.html"}
	case KindTranscript:
		cands = []string{"transcript/single.html", "_default/single.html"}
	default:
		if n.Section != "" {
			cands = append(cands, n.Section+"/single.html")
		}
		cands = append(cands, "_default/single.html")
	}
	l, _ := r.theme.Lookup(cands...)
	return l
}

func (r *renderer) markdownPage(n *Node, v *PageView) markdown.Page {
	base := r.site.Config.BasePath()
	return markdown.Page{
		Source:   n.Source,
		BodyLine: n.BodyLine,
		ResolvePage: func(src string) (string, bool) {
			if t := r.site.BySource[src]; t != nil {
				return relURL(base, t.URL), true
			}
			return "", false
		},
		Unlinked: func(src string) bool { return r.site.withdrawnSources[src] },
		ResolveFile: func(src string) (string, bool) {
			if u, ok := r.site.Assets[src]; ok {
				return relURL(base, u), true
			}
			return "", false
		},
		Fences: r.fences(n, v),
		Text:   r.indexing,
		Image:  r.markdownImage(n),
	}
}

// checkAnchors verifies links into other pages' headings, now that every
// page's headings are known.
func (r *renderer) checkAnchors() {
	r.anchorDiags = nil
	for src, links := range r.anchors {
		for _, a := range links {
			hs, rendered := r.headings[a.Target]
			if !rendered && r.abandoned[a.Target] {
				continue // reported as over its budget
			}
			if !rendered {
				if t := r.site.BySource[a.Target]; t == nil {
					continue // a missing target page was reported already
				}
			}
			if !slices.Contains(hs, a.Anchor) {
				r.anchorDiags = append(r.anchorDiags, markdown.MissingAnchor(src, a, hs))
			}
		}
	}
}

// write writes one file that claimOutputs registered; a path without an
// owner is klartext's own mistake and fails the build rather than write a
// file nobody answers for.
func (r *renderer) write(sitePath string, data []byte) {
	r.outputsMu.RLock()
	_, ok := r.outputs.Owner(sitePath)
	r.outputsMu.RUnlock()
	if !ok {
		r.ds.Add(diag.Errorf("", 0, "internal error: %s is written without being registered (output.Registry); please report this", sitePath))
		return
	}
	r.mu.Lock()
	r.files++
	r.mu.Unlock()
	if r.out == nil {
		return
	}
	if err := r.out.WriteFile(sitePath, data); err != nil {
		r.ds.Add(diag.Errorf("", 0, "cannot write %s: %v", sitePath, err))
	}
}
