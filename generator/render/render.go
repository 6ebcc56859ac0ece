// Package render renders one page of the site model: its Markdown (with
// the ```chart and ```video blocks and the site's images), its charts, its
// list and feedback widget, then the theme's layout. What a page needs of
// the rest of the build comes in through Env; what it leaves for the rest
// (its files, diagnostics, headings and anchor links, the entry for the
// search index) goes out in a Page. Run renders many pages in parallel
// under the page watchdog; Record keeps what the pages left for the
// site-wide checks. Nothing here writes a file.
package render

import (
	"bytes"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/klartext/klartext/generator/chart"
	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/markdown"
	"github.com/klartext/klartext/generator/menu"
	"github.com/klartext/klartext/generator/pagebuf"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/search/index"
	"github.com/klartext/klartext/generator/shortcut"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/theme"
)

// Env is what every page of a build renders with.
type Env struct {
	Site  *site.Site
	Theme *theme.Theme
	Off   shortcut.Set // the shortcuts not taken
	// Images renders the site's images in Markdown (publish.Images).
	Images Images
	// Index asks for each page's entry for the search index (Page.Doc):
	// the site has a search page and its index is being written.
	Index bool
	// Logo is the published logo of site.yaml's brand (publish.Images'
	// Logo); nil without one.
	Logo *site.Picture
	// Published reports whether the output plan claimed a site path: a
	// Markdown link from the site's root ("/produkte/") must name one.
	// nil leaves such links unchecked.
	Published func(sitePath string) bool
	// Shared reports whether the default language publishes a site path
	// as a file every language shares (a file of content/, a theme's
	// static file: config.Site.FileURL), for the pages of another
	// language; nil on the default language's.
	Shared func(sitePath string) bool
}

// Images renders a page's Markdown images: the image set of the build,
// which makes each image's sizes once and writes them as they are made.
type Images interface {
	Markdown(n *site.Node) markdown.ImageFunc
}

// Renderer renders the pages of one site model with one theme. Its caches
// (risk charts, chart skeletons, the prepared feedback form) live as long
// as it does. Page is safe for concurrent use.
type Renderer struct {
	env      Env
	site     *site.Site
	theme    *theme.Theme
	feedback *feedbackView
	md       *markdown.Renderer
	loc      locale.Locale
	words    *i18n.Catalog // the site language's translation file (theme.Words)
	// chartLang is loc with the charts' words (chart.NewLang), made once.
	chartLang chart.Lang
	view      *SiteView
	search    *SearchView // the search page's filters; nil without a search page
	riskCache sync.Map    // riskKey → Figure
	skeletons *chart.Skeletons
	// imageAllowed is the site's policy for images on other hosts
	// (markdown.Page.ImageAllowed).
	imageAllowed func(*url.URL) bool
	// mainItems and footerItems are the menus SiteView's Menu and
	// FooterLinks render, for the entry each page marks.
	mainItems, footerItems []menu.Item
}

// New prepares the rendering of s's pages with env.
func New(env Env) *Renderer {
	s, th := env.Site, env.Theme
	cfg := s.Config
	v := &SiteView{Title: cfg.Title, Description: cfg.Description, Lang: cfg.Language, BaseURL: cfg.BaseURL,
		Copyright: cfg.Copyright, Owner: cfg.Owner(), Brand: brandView(cfg.Brand, env.Logo), Year: s.Now.Year(), Data: s.Data, Locale: ogLocale(cfg.Language),
		CSP: feedback.CSP(s.Feedback.Settings, s.VideoOrigins...)}
	r := &Renderer{env: env, site: s, theme: th, feedback: &feedbackView{Feedback: s.Feedback}, md: markdown.New(th.Words()),
		view: v, loc: locale.For(cfg.Language), words: th.Words(), chartLang: chart.NewLang(th.Words())}
	r.mainItems, r.footerItems = menus(s, th)
	r.imageAllowed = imagePolicy(v.CSP)
	v.Menu, v.FooterLinks = links(cfg, r.mainItems), links(cfg, r.footerItems)
	if s.Search != nil {
		v.Search = cfg.RelURL(s.Search.URL)
		r.search = searchView(s)
	}
	if env.Off.Takes(shortcut.ChartSkeletons) {
		r.skeletons = &chart.Skeletons{}
	}
	return r
}

// brandView is what the header shows of the brand; nil when it has
// neither a name nor a logo to show (a brand colour alone changes only
// the stylesheet).
func brandView(b config.Brand, logo *site.Picture) *BrandView {
	var v BrandView
	v.Name = b.Name
	if logo != nil {
		v.Logo = &LogoView{Src: logo.Src, Alt: b.LogoAlt, Width: logo.Width, Height: logo.Height}
	}
	if v.Name == "" && v.Logo == nil {
		return nil
	}
	return &v
}

// menus are the main menu and the footer's links: the site's menus
// (site.Menus) where it configures them; without a main menu, the
// section pages of the page kinds' folders and the pages of the
// generated kinds the registry puts in it (content.KindDef.Menu), in its
// order; without a footer menu, none (the footer links the feed).
func menus(s *site.Site, th *theme.Theme) (main, footer []menu.Item) {
	main, ok := s.Menus["main"]
	if !ok {
		main = defaultMenu(s, th)
	}
	return main, s.Menus["footer"]
}

func defaultMenu(s *site.Site, th *theme.Theme) []menu.Item {
	var out []menu.Item
	for _, d := range content.Kinds() {
		switch {
		case !d.Menu:
		case d.Folder != "":
			if n := s.Sections[d.Folder]; n != nil {
				out = append(out, menu.Item{Name: n.Title, URL: n.URL})
			}
		default:
			for _, n := range s.Nodes {
				if n.Kind == d.Kind {
					out = append(out, menu.Item{Name: title(th, n), URL: n.URL})
					break
				}
			}
		}
	}
	return out
}

// links are a menu's items as the theme renders them: site paths with
// the base path, addresses as they are.
func links(cfg config.Site, items []menu.Item) []Link {
	out := make([]Link, len(items))
	for i, it := range items {
		out[i] = Link{Title: it.Name, URL: it.URL}
		if !it.External {
			out[i].URL = cfg.RelURL(it.URL)
		}
	}
	return out
}

// active is the link (of ls, made by links from items) of the main menu
// to mark as the page at sitePath's: itself, or the section it is in; ""
// for none. The footer marks a link to the page itself only (pageView).
func active(ls []Link, items []menu.Item, sitePath string) string {
	if i := menu.Active(items, sitePath); i >= 0 {
		return ls[i].URL
	}
	return ""
}

// title is the page's title, or for a generated page without one its
// kind's in the theme's words.
func title(th *theme.Theme, n *site.Node) string {
	if d := n.Kind.Def(); n.Title == "" && d != nil && d.TitleKey != "" {
		return th.Translate(d.TitleKey)
	}
	return n.Title
}

// ogLocale turns "de" into Open Graph's "de_DE" (the region a bare
// code means, locale.Locale.Tag) and "de-AT" into "de_AT".
func ogLocale(lang string) string {
	if l := strings.ReplaceAll(lang, "-", "_"); strings.Contains(l, "_") {
		return l
	}
	return strings.ReplaceAll(locale.For(lang).Tag(), "-", "_")
}

// Job is one page of the output: a node, and for a paginated list which
// of its pages.
type Job struct {
	Node   *site.Node
	Number int    // 1-based page of a paginated list
	Out    string // the output file: Path() + "index.html"
	VCard  bool   // also make the advisor's vCard
}

// NewJob is the job of page number of n.
func NewJob(n *site.Node, number int) Job {
	j := Job{Node: n, Number: number}
	j.Out = j.Path() + "index.html"
	return j
}

// Path is the site path of the job's output page.
func (j Job) Path() string {
	if j.Number > 1 {
		return j.Node.URL + "page/" + strconv.Itoa(j.Number) + "/"
	}
	return j.Node.URL
}

// PageCount is how many pages n's list has on site s.
func PageCount(s *site.Site, n *site.Node) int {
	if !paginated(n) || len(n.Children) == 0 {
		return 1
	}
	size := s.Config.Pagination
	return (len(n.Children) + size - 1) / size
}

func paginated(n *site.Node) bool { return content.Paginated(n.Kind, n.Section) }

// Page is what rendering one job made and left for the rest of the build.
type Page struct {
	Job         Job
	HTML        []byte // the page; nil when it could not be rendered (see Diagnostics). Valid until the worker's next page.
	VCard       []byte // the advisor's vCard, for Job.VCard
	Diagnostics []diag.Diagnostic
	Charts      int // charts drawn
	// Body is whether the page's Markdown was rendered: then Headings are
	// its heading IDs and Anchors its links to other pages' headings,
	// for Record's check.
	Body     bool
	Headings []string
	Anchors  []markdown.AnchorLink
	// Doc is the page's entry for the search index (Env.Index, the first
	// page of a list only); nil for none.
	Doc *index.Doc
	// Abandoned is a page the watchdog gave up on (Run): nothing of it is
	// written, and Diagnostics say why.
	Abandoned bool
}

// Page renders one job into buf; the page's HTML is buf's bytes.
func (r *Renderer) Page(buf *bytes.Buffer, j Job) *Page {
	return r.page(buf, &pagebuf.Buffer{}, j)
}

// page renders one job into buf, its HTML pieces written into parts,
// which the caller may reset once the page is written.
func (r *Renderer) page(buf *bytes.Buffer, parts *pagebuf.Buffer, j Job) *Page {
	n := j.Node
	pd := &diag.List{}
	out := &Page{Job: j}
	v := r.pageView(j, parts, out, pd)
	if j.VCard {
		out.VCard = advisorVCard(r.site, n)
	}
	defer func() { out.Diagnostics = pd.All() }()
	layout := r.Layout(n)
	if layout == "" {
		pd.Add(diag.Errorf(n.Source, 0, "the theme has no layout for a %s page", n.Kind))
		return out
	}
	if err := r.theme.Execute(buf, layout, v); err != nil {
		pd.Add(diag.Errorf("themes/"+r.site.Config.Theme+"/layouts/"+layout, 0, "rendering %s: %v", n.URL, err))
		return out
	}
	out.HTML = buf.Bytes()
	if r.env.Index && j.Number == 1 && r.site.Search != nil {
		out.Doc = r.searchDoc(n, v)
	}
	return out
}

// View is what the layout of job j gets, and the problems making it met
// (for benchmarks of the layouts alone).
func (r *Renderer) View(j Job) (*PageView, []diag.Diagnostic) {
	pd := &diag.List{}
	v := r.pageView(j, &pagebuf.Buffer{}, &Page{Job: j}, pd)
	return v, pd.All()
}

// pageView is what the page's layout gets: its Markdown rendered, its
// charts drawn, its lists, scripts and feedback widget.
func (r *Renderer) pageView(j Job, parts *pagebuf.Buffer, out *Page, pd *diag.List) *PageView {
	n := j.Node
	cfg := r.site.Config
	v := &PageView{Site: r.view, Kind: string(n.Kind), Section: n.Section, Title: title(r.theme, n),
		Description: n.Summary, Date: n.Date, Lastmod: n.Meta.Lastmod, parts: parts}
	path := j.Path()
	v.NoIndex = j.Number > 1
	v.URL = cfg.RelURL(path)
	v.MenuActive = active(r.view.Menu, r.mainItems, path)
	for i, it := range r.footerItems {
		if !it.External && it.URL == path {
			v.FooterActive = r.view.FooterLinks[i].URL
		}
	}
	v.Permalink = cfg.AbsURL(path)
	if v.Description == "" {
		v.Description = cfg.Description
	}
	for _, t := range n.Topics {
		if tn := r.site.Topics[t]; tn != nil {
			v.Topics = append(v.Topics, Link{Title: tn.Title, URL: cfg.RelURL(tn.URL)})
		}
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
	if j.Number == 1 {
		r.renderBody(n, v, out, pd)
		r.transcriptBody(n, v, pd)
	}
	r.list(v, n, j.Number)
	r.renderCharts(n, v, out, pd)
	out.Charts += v.fenceCharts
	if len(v.charts) > 0 || v.fenceCharts > 0 {
		v.Scripts = append(v.Scripts, chartScripts...)
	}
	if v.sortable {
		v.Scripts = append(v.Scripts, "/js/sortable.js")
	}
	if j.Number == 1 && n.HasVideo() {
		v.Scripts = append(v.Scripts, "/js/video.js")
	}
	if n.Advisor != nil && n.Kind == content.KindAdvisor {
		v.JSONLD = append(v.JSONLD, advisorJSONLD(r.site, n))
	}
	if n.Section == "advisors" && (n.Kind == content.KindSection || n.Kind == site.KindAdvisorFilter) {
		v.Filters = r.site.AdvisorFilters
		v.Scripts = append(v.Scripts, "/js/advisors.js")
	}
	if n.Kind == site.KindSearch && r.search != nil {
		v.Search = r.search
		v.Scripts = append(v.Scripts, "/js/search.js")
	}
	fh, err := r.feedback.widgetHTML(parts, n, r.site, r.theme, r.env.Off.Takes(shortcut.FeedbackForm))
	if err != nil {
		pd.Add(diag.Errorf("themes/"+cfg.Theme+"/layouts/partials/feedback.html", 0, "%v", err))
	}
	v.Feedback = fh
	if fh != "" {
		v.FeedbackSummary = r.feedback.summary(n, r.words)
		if js := r.feedback.Settings.Script(); js != "" {
			v.Scripts = append(v.Scripts, js)
		}
	}
	if n.Section != "" && n.Kind != content.KindSection {
		if sec := r.site.Sections[n.Section]; sec != nil {
			v.Breadcrumbs = append(v.Breadcrumbs, Link{Title: sec.Title, URL: cfg.RelURL(sec.URL)})
		}
	}
	return v
}

// renderBody renders the page's Markdown into v.Content and keeps its
// headings and anchor links for the link check.
func (r *Renderer) renderBody(n *site.Node, v *PageView, out *Page, pd *diag.List) {
	if n.Page.Source == "" {
		return
	}
	body, err := n.ReadBodyInto(&v.parts.File, r.site.Files)
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
	out.Body = true
	out.Headings = markdown.HeadingIDs(res.Headings) // not their text: kept for every page
	out.Anchors = res.AnchorLinks
}

func (r *Renderer) list(v *PageView, n *site.Node, page int) {
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
	base := r.site.Config.RelURL(n.URL)
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

// Layout is the layout n renders with.
func (r *Renderer) Layout(n *site.Node) string { return Layout(r.theme, n) }

// Layout looks the layout of n up in th by its kind and section
// (content.LayoutsFor: products/single.html, then _default/single.html;
// the home page's index.html). "" when the theme has none.
func Layout(th *theme.Theme, n *site.Node) string {
	l, _ := th.Lookup(content.LayoutsFor(n.Kind, n.Section)...)
	return l
}

func (r *Renderer) markdownPage(n *site.Node, v *PageView) markdown.Page {
	cfg := r.site.Config
	p := markdown.Page{
		Source:      n.Source,
		BodyLine:    n.BodyLine,
		ResolvePage: r.site.PageURL,
		Unlinked:    func(src string) bool { return r.site.WithdrawnSources[src] },
		ResolveFile: func(src string) (string, bool) {
			if u, ok := r.site.Assets[src]; ok {
				return cfg.FileURL(u), true // published once, for every language
			}
			return "", false
		},
		Fences:       r.fences(n, v),
		Text:         r.env.Index,
		ImageAllowed: r.imageAllowed,
		Out:          v.parts,
	}
	if r.env.Published != nil {
		p.ResolvePath = resolvePath(r.env.Published, r.env.Shared, cfg, r.theme.Assets)
	}
	if r.env.Images != nil {
		p.Image = r.env.Images.Markdown(n)
	}
	return p
}

// SiteView is what every page's templates see of the site.
func (r *Renderer) SiteView() *SiteView { return r.view }

// NotFound renders the 404 page with the layout.
func (r *Renderer) NotFound(buf *bytes.Buffer, layout string) error {
	cfg := r.site.Config
	v := &PageView{Site: r.view, Kind: string(content.Kind404), Title: r.theme.Translate("not_found_title"),
		URL: cfg.RelURL("/404.html"), Permalink: cfg.AbsURL("/404.html"), NoIndex: true,
		Description: cfg.Description}
	return r.theme.Execute(buf, layout, v)
}
