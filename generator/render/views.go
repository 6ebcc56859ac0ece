package render

import (
	"html/template"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/markdown"
	"github.com/klartext/klartext/generator/pagebuf"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/site"
)

// SiteView is what templates see of the site.
type SiteView struct {
	Title       string
	Description string
	Lang        string
	BaseURL     string
	Copyright   string
	Owner       string     // the bank's name (config.Site.Owner): brand.name, else Title
	Brand       *BrandView // the header's logo and name; nil without either
	Year        int
	Locale      string // Open Graph locale, "de_DE"
	CSP         string // Content-Security-Policy for the meta tag
	Search      string // URL of the search page; "" when the site has none
	Menu        []Link
	FooterLinks []Link
	Data        map[string]any
}

// BrandView is site.yaml's brand as the header shows it: the logo
// (nil without one) and the bank's name ("" without one).
type BrandView struct {
	Name string
	Logo *LogoView
}

// LogoView is the logo's img: its published file, alternative text and
// size in pixels.
type LogoView struct {
	Src, Alt      string
	Width, Height int
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
	Pages       []*site.Node // the list page's entries on this page of the list
	Pager       *Pager
	Breadcrumbs []Link
	Scripts     []string // theme scripts this page needs, deferred
	MenuActive  string   // URL of the main menu's entry this page belongs to (aria-current); "" for none
	// FooterActive is the URL of the footer's link to this page
	// (aria-current); "" for none.
	FooterActive string
	JSONLD       []template.JS
	NoIndex      bool

	Node    *site.Node        // the page in the site model (for cross-links)
	Product *site.ProductInfo // product pages
	// ProductFigures are the product page's figures, computed once for the
	// page: every table, chart and text of it shows these numbers.
	ProductFigures *product.Figures
	ProductText    *ProductText             // product pages: the figures formatted for the reader
	Figures        map[string]template.HTML // the same charts by kind ("risk", "costs", ...), to place them in their sections
	Balance        *BalanceView             // the feedback page
	Advisor        *site.AdvisorInfo        // advisor pages and advisor filter pages
	Story          *site.StoryInfo
	Filters        []site.FilterGroup // the advisors section's filters
	Search         *SearchView        // the search page

	// Feedback is the feedback widget, rendered with the theme's
	// partials/feedback.html; empty where feedback is off.
	Feedback        template.HTML
	FeedbackSummary any

	charts      []template.HTML // the page's own charts, in order
	fenceCharts int             // charts drawn by the body's ```chart blocks
	sortable    bool            // one of the page's charts has a sortable table
	searchText  string          // the body as plain text, for the search index
	// parts holds the page's HTML pieces (its Markdown, charts and
	// feedback form) until the page is written (package pagebuf).
	parts *pagebuf.Buffer
}

// Alternates are the page's versions in the site's languages for its
// hreflang links: none on a site of one language, for a page that has
// no other version, or on the second and later pages of a list (whose
// versions are the lists' first pages).
func (v *PageView) Alternates() []site.Translation {
	if v.Node == nil || len(v.Node.Translations) < 2 || v.Pager != nil && v.Pager.Number > 1 {
		return nil
	}
	return v.Node.Translations
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
