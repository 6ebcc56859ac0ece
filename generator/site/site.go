// Package site is the resolved model every page renders from: the pages of
// a build as nodes with their sections and topics, products linked to
// their explainers, advisors to their stories, the feedback balance, the
// video blocks and their transcript pages. Resolve makes it from what the
// load stage read; it reads no file and no theme and writes no HTML.
package site

import (
	"cmp"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/media"
	"github.com/klartext/klartext/generator/menu"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/redirect"
)

// Node is a page of the output: a Markdown page, or one generated from data
// (a product without explainer, a topic, the topics index, the 404 page).
type Node struct {
	*content.Page
	Title   string
	Summary string    // description, or the start of the first paragraph (content.Page.Teaser)
	Date    time.Time // for sorting and feeds; zero when undated
	Topics  []string  // slugs
	Layout  string    // resolved layout below layouts/
	// Children are the pages a list page lists (sections, topics, home).
	Children []*Node
	Feedback bool // whether the page carries the feedback widget

	// Domain data, set while resolving.
	Advisor  *AdvisorInfo // advisor pages
	Story    *StoryInfo   // story pages
	Advisors []*Node      // advisors who explain this product (explainers)
	Product  *ProductInfo // product pages

	// The page's versions in the site's languages (LinkLanguages): every
	// one, itself included, in the order of languages:; where the
	// language switch leads in each other language; and, for a page whose
	// text is in another language only, that version. Empty on a site of
	// one language.
	Translations []Translation
	Switch       []Translation
	TextIn       *Translation
}

// Site is the resolved model every page renders from. Built once per build;
// every index here is built in one pass, so no page scans all others.
type Site struct {
	Root     string        // the site's root folder
	Files    *fileio.Files // content/'s files, the only way to read them
	Now      time.Time     // the build's today (Options.Now)
	Config   config.Site
	Nodes    []*Node          // every output page, sorted by URL
	BySource map[string]*Node // "content/x.md" → node
	ByURL    map[string]*Node
	Sections map[string]*Node // "products" → section node
	Topics   map[string]*Node // topic slug → topic node
	Assets   map[string]string
	Data     map[string]any
	Skipped  []Skipped
	// Withdrawn are advisors with published: false.
	Withdrawn []*content.Page
	// WithdrawnSources are their files (and a translation's original's),
	// for links to them to show as text.
	WithdrawnSources map[string]bool

	// Products maps product ids to their pages; ProductIDs is sorted.
	Products   map[string]*Node
	ProductIDs []string

	// Feedback is the feedback settings and what readers said, summed up.
	Feedback *Feedback
	// Video is the video blocks and their transcript pages (video.go);
	// VideoOrigins the providers' origins, for the CSP's frame-src.
	Video        VideoSet
	VideoOrigins []string
	// AdvisorFilters are the advisors section's filters (people.go).
	AdvisorFilters []FilterGroup
	// Search is the search page; nil when the site has none.
	Search *Node
	// Menus are the menus of site.yaml and the pages' menu: keys,
	// resolved (menus.go), by menu name; nil when none is configured.
	Menus map[string][]menu.Item
	// Redirects are the pages' old addresses (aliases:), checked, sorted
	// by old address, each once (aliases.go).
	Redirects []redirect.Redirect
	// Languages are the sites of every language of the site, the default
	// first (LinkLanguages), and LanguageIndex this one's place among
	// them; nil on a site of one language.
	Languages     []*Site
	LanguageIndex int
}

// Options are the resolve step's inputs beyond what was loaded.
type Options struct {
	Drafts     bool      // include draft: true pages
	Future     bool      // include pages dated after Now
	AllowStale bool      // a page past valid_until warns instead of failing
	Now        time.Time // the build's "today"
}

// Input is what the load stage read, everything the model is made of.
type Input struct {
	Root     string // the site's root folder
	Tree     *content.Tree
	Config   config.Site
	Products []product.Product
	// ProductSources are the data files the products were read from
	// (product.LoadFiles): klartext serve reads them again when one
	// changes.
	ProductSources []string
	Data           map[string]any
	// Feedback is the provider's settings; FeedbackEntries the export's
	// rows, nil without an export.
	Feedback        feedback.Settings
	FeedbackEntries []feedback.Entry
	// Media is what the load stage read for the pages' ```video blocks.
	Media *media.Set
	// Words are the theme's words the model names pages with; nil when
	// the theme could not be loaded: then the site has no feedback and no
	// search page.
	Words *Words
}

// Words are the theme's translations of the generated pages' names and
// addresses, and its translation file of the site's language.
type Words struct {
	// Catalog is the site language's translation file (i18n.Catalog): the
	// words the model writes itself — product types, advice models, the
	// names of languages, the video tracks' labels and transcript pages.
	Catalog           *i18n.Catalog
	FeedbackTitle     string // feedback_page_title
	SearchSlug        string // search_slug, before it is made a URL segment
	SearchTitle       string // search_title
	SearchDescription string // search_description
}

// Resolve makes the site model from what was loaded, reporting every
// problem it finds. Each step takes what the steps before it made: the
// pages, then the product pages and which story names which product, then
// the people (whose stories get their products), the videos' transcript
// pages and the search page; the feedback balance counts every page by
// its section, so it comes last. The nodes are sorted once, at the end.
func Resolve(in Input, opts Options) (*Site, []diag.Diagnostic) {
	ds := &diag.List{}
	s := assemble(in.Config, in.Root, in.Tree, opts, ds)
	s.Data = in.Data
	var words *i18n.Catalog // nil without a theme: T shows the keys, and the build has reported why
	if in.Words != nil {
		words = in.Words.Catalog
	}
	storyProducts := resolveProducts(s, in.Products, words, opts, ds)
	resolvePeople(s, storyProducts, words, ds)
	resolveVideos(s, in.Media, words, ds)
	if in.Words != nil {
		s.Search = addSearchPage(s, *in.Words, ds)
	}
	s.Feedback = resolveFeedback(s, in.Feedback, in.FeedbackEntries, in.Words, ds)
	s.Menus = resolveMenus(s, ds)
	s.Redirects = resolveAliases(s, ds)
	s.sortNodes()
	return s, ds.All()
}

// Excluded reports why the page p is left out of a build with opts: "draft",
// "future", "expired" (its expires: day has come) or "withdrawn" (an
// advisor with published: false); "" when it is published. The load
// stage reads the video files of the kept pages only.
func Excluded(p *content.Page, opts Options) string {
	switch {
	case p.Meta.Draft && !opts.Drafts:
		return "draft"
	case !p.Meta.Date.IsZero() && p.Meta.Date.After(opts.Now) && !opts.Future:
		return "future"
	case !p.Meta.Expires().IsZero() && !p.Meta.Expires().After(opts.Now):
		return "expired"
	case p.Kind == content.KindAdvisor && p.Meta.Published != nil && !*p.Meta.Published:
		return "withdrawn"
	}
	return ""
}

// Skipped is a page left out of this build, with the reason; the summary
// lists them so nothing disappears silently.
type Skipped struct {
	Source string
	Reason string // "draft", "future" or "expired"
	Date   time.Time
}

// assemble builds the site model from the loaded tree: it filters drafts and
// future pages, adds generated pages and indexes everything once.
func assemble(cfg config.Site, root string, tree *content.Tree, opts Options, ds *diag.List) *Site {
	s := &Site{
		Root:     root,
		Files:    tree.Files,
		Now:      opts.Now,
		Config:   cfg,
		BySource: map[string]*Node{},
		ByURL:    map[string]*Node{},
		Sections: map[string]*Node{},
		Topics:   map[string]*Node{},
		Assets:   map[string]string{},
	}
	for _, a := range tree.Assets {
		s.Assets[a.Source] = a.URL
	}
	var kept []*content.Page
	for _, p := range tree.Pages {
		switch Excluded(p, opts) {
		case "draft":
			s.Skipped = append(s.Skipped, Skipped{Source: p.Source, Reason: "draft"})
		case "future":
			s.Skipped = append(s.Skipped, Skipped{Source: p.Source, Reason: "future", Date: p.Meta.Date})
		case "expired":
			s.Skipped = append(s.Skipped, Skipped{Source: p.Source, Reason: "expired", Date: p.Meta.Expires()})
		case "withdrawn":
			// Consent withdrawn: no page, no vCard, no photo; references
			// to the advisor are reported by resolvePeople.
			s.Withdrawn = append(s.Withdrawn, p)
			if s.WithdrawnSources == nil {
				s.WithdrawnSources = map[string]bool{}
			}
			s.WithdrawnSources[p.Source] = true
			if p.Original != "" {
				// A translation's links name the original's file.
				s.WithdrawnSources[p.Original] = true
			}
			if p.Meta.Photo != "" {
				delete(s.Assets, path.Join(path.Dir(p.Source), p.Meta.Photo))
			}
		default:
			kept = append(kept, p)
		}
	}
	// The pages made from files are in URL order from the start: the
	// steps that follow meet them in that order (the first explainer of a
	// product keeps it, the first page of a video writes its poster).
	slices.SortStableFunc(kept, func(a, b *content.Page) int { return strings.Compare(a.URL, b.URL) })
	for _, p := range kept {
		n := &Node{Page: p, Title: p.Meta.Title, Date: p.Meta.Date, Feedback: true}
		if n.Title == "" && p.Kind == content.KindAdvisor {
			n.Title = p.Meta.Name
		}
		if n.Title == "" && p.Kind != content.KindProduct {
			ds.Add(diag.Errorf(p.Source, 1, "the page has no title").WithHint("add title: to the front matter"))
		}
		if !p.Meta.Lastmod.IsZero() && n.Date.IsZero() {
			n.Date = p.Meta.Lastmod
		}
		n.Summary = p.Meta.Description
		if n.Summary == "" {
			n.Summary = p.Teaser
		}
		for i, t := range p.Meta.Topics {
			slug := content.Slugify(t)
			if slug == "" {
				ds.Add(diag.Errorf(p.Source, p.Meta.Line("topics."+strconv.Itoa(i), 1), "the topic %q has no letters or digits", t))
				continue
			}
			if len(slug) > maxSlugBytes {
				ds.Add(tooLongForAddress(p.Source, p.Meta.Line("topics."+strconv.Itoa(i), 1), "topic"))
				continue
			}
			n.Topics = append(n.Topics, slug)
		}
		s.add(n)
		if p.Kind == content.KindSection || p.Kind == content.KindHome {
			s.Sections[p.Section] = n
		}
	}
	// A folder with pages but no _index.md still gets a section page.
	for _, n := range s.Nodes {
		if n.Section != "" && s.Sections[n.Section] == nil {
			sec := &Node{Page: &content.Page{Source: "", Section: n.Section, Kind: content.KindSection,
				Slug: n.Section, URL: "/" + content.Slugify(n.Section) + "/"}, Title: titleCase(n.Section), Feedback: true}
			s.Sections[n.Section] = sec
			s.add(sec)
		}
	}
	if s.Sections[""] == nil {
		home := &Node{Page: &content.Page{Kind: content.KindHome, URL: "/"}, Title: cfg.Title, Feedback: true}
		s.Sections[""] = home
		s.add(home)
	}
	s.addTopics()
	cascadeFeedback(s)
	s.linkChildren()
	return s
}

// maxSlugBytes bounds a URL segment made from a value (a topic, an
// advisor's branch, language or specialty): it becomes a folder name, which
// file systems limit to 255 bytes.
const maxSlugBytes = 200

func tooLongForAddress(file string, line int, what string) diag.Diagnostic {
	return diag.Errorf(file, line, "the %s is too long to be part of an address (more than %d bytes as a URL segment)", what, maxSlugBytes).
		WithHint("shorten it")
}

// PublishedAssets are the content's assets that remain after assemble:
// not the photo of an advisor who withdrew consent.
func (s *Site) PublishedAssets(tree *content.Tree) []content.Asset {
	out := make([]content.Asset, 0, len(tree.Assets))
	for _, a := range tree.Assets {
		if _, ok := s.Assets[a.Source]; ok {
			out = append(out, a)
		}
	}
	return out
}

// HasVideo is whether the page's body has a ```video block (the page loads
// video.js, and the site's CSP allows the video's host).
func (n *Node) HasVideo() bool { return n.Page != nil && n.HasFence("video") }

func (s *Site) add(n *Node) {
	s.Nodes = append(s.Nodes, n)
	if n.Source != "" {
		s.BySource[n.Source] = n
	}
	if n.Lang != "" {
		s.BySource[n.Original] = n // links and menus name the original's file
	}
	s.ByURL[n.URL] = n
}

func (s *Site) addTopics() {
	byTopic := map[string][]*Node{}
	for _, n := range s.Nodes {
		for _, t := range n.Topics {
			byTopic[t] = append(byTopic[t], n)
		}
	}
	if len(byTopic) == 0 {
		return
	}
	index := &Node{Page: &content.Page{Kind: content.KindTopics, Section: "topics", Slug: "topics", URL: "/topics/"}, Feedback: true}
	s.add(index)
	names := make([]string, 0, len(byTopic))
	for t := range byTopic {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		tn := &Node{Page: &content.Page{Kind: content.KindTopic, Section: "topics", Slug: t, URL: "/topics/" + t + "/"},
			Title: titleCase(t), Children: byTopic[t], Feedback: true}
		s.Topics[t] = tn
		s.add(tn)
		index.Children = append(index.Children, tn)
	}
}

// cascadeFeedback applies `feedback: false` from a section's _index.md to
// the section's pages, unless a page says otherwise itself.
func cascadeFeedback(s *Site) {
	for _, n := range s.Nodes {
		n.Feedback = s.feedbackOn(n)
	}
}

// feedbackOn is whether a page carries the feedback widget: its own
// `feedback:`, else its section's, else on.
func (s *Site) feedbackOn(n *Node) bool {
	if n.Meta.Feedback != nil {
		return *n.Meta.Feedback
	}
	if sec := s.Sections[n.Section]; sec != nil && sec != n && sec.Meta.Feedback != nil {
		return *sec.Meta.Feedback
	}
	return n.Feedback
}

func (s *Site) sortNodes() {
	slices.SortStableFunc(s.Nodes, byURL)
}

// linkChildren gives every section its pages, newest first, then by weight
// and title, in one pass over all pages.
func (s *Site) linkChildren() {
	for _, n := range s.Nodes {
		if d := n.Kind.Def(); d != nil && d.List {
			continue // a list is no entry of another
		}
		if sec := s.Sections[n.Section]; sec != nil && sec != n {
			sec.Children = append(sec.Children, n)
		}
	}
	for _, n := range s.Nodes {
		SortPages(n.Children)
	}
}

// SortPages orders pages by weight, then newest first, then title, then URL.
// (slices' generic sort: sort.SliceStable's reflection was a tenth of
// resolving the model again in klartext serve.)
func SortPages(ps []*Node) {
	slices.SortStableFunc(ps, func(a, b *Node) int {
		if c := cmp.Compare(a.Meta.Weight, b.Meta.Weight); c != 0 {
			return c
		}
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		if c := strings.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return strings.Compare(a.URL, b.URL)
	})
}

func byURL(a, b *Node) int { return strings.Compare(a.URL, b.URL) }

func byTitle(a, b *Node) int { return strings.Compare(a.Title, b.Title) }

func titleCase(s string) string {
	s = strings.ReplaceAll(s, "-", " ")
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// startOfDay is midnight of t's day, in t's location.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}
