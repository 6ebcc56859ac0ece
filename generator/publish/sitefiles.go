package publish

import (
	"bytes"
	"encoding/xml"
	"sort"
	"time"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/site"
)

// The sitemap, robots.txt and the Atom feeds: made from a view each, by
// the theme's template where it has one (layouts/sitemap.xml, robots.txt,
// feed.xml; theme.SiteFiles), else written as below.

// SitemapView is what a theme's layouts/sitemap.xml gets: every page.
type SitemapView struct {
	Site *render.SiteView
	URLs []SitemapURL
}

// SitemapURL is a page of the sitemap: its absolute address and the day
// it last changed ("" when undated).
type SitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
	// Alternates are the page's versions in the site's languages, itself
	// included, and x-default (the default language's); none on a site
	// of one language.
	Alternates []SitemapAlternate `xml:"xhtml:link"`
}

// SitemapAlternate is one xhtml:link of a sitemap entry (Google's
// hreflang in sitemaps).
type SitemapAlternate struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// RobotsView is what a theme's layouts/robots.txt gets.
type RobotsView struct {
	Site    *render.SiteView
	Sitemap string // the sitemap's absolute address
}

// FeedView is what a theme's layouts/feed.xml gets, for the site's feed
// and each section's: the newest dated pages, at most feedSize.
type FeedView struct {
	Site    *render.SiteView
	Title   string // the site's title, or "<section> – <site>"
	Lang    string
	Self    string // the feed's absolute address
	Home    string // the absolute address of the page it is the feed of
	ID      string
	Updated string // RFC 3339, of the newest entry
	Author  string
	Entries []FeedEntry
}

// FeedEntry is a page of a feed.
type FeedEntry struct {
	Title, Link, ID, Updated, Summary string
}

// fromTheme is the site file made by the theme's template when it has
// one, else by builtIn.
func (p *Publisher) fromTheme(name string, view any, builtIn func() []byte) ([]byte, bool) {
	if !p.Theme.HasSiteFile(name) {
		return builtIn(), true
	}
	data, err := p.Theme.SiteFile(name, view)
	if err != nil {
		p.Diags.Add(diag.Errorf("themes/"+p.Site.Config.Theme+"/layouts/"+name, 0, "%v", err))
		return nil, false
	}
	return data, true
}

func (p *Publisher) sitemap() ([]byte, bool) {
	v := SitemapView{Site: p.Renderer.SiteView()}
	sites := p.Site.Languages
	if sites == nil {
		sites = []*site.Site{p.Site}
	}
	for _, s := range sites {
		for _, n := range s.Nodes {
			u := SitemapURL{Loc: s.Config.AbsURL(n.URL)}
			if d := latest(n.Date, n.Meta.Lastmod); !d.IsZero() {
				u.Lastmod = d.Format("2006-01-02")
			}
			u.Alternates = sitemapAlternates(n)
			v.URLs = append(v.URLs, u)
		}
	}
	return p.fromTheme("sitemap.xml", v, func() []byte {
		type urlset struct {
			XMLName xml.Name     `xml:"urlset"`
			NS      string       `xml:"xmlns,attr"`
			XHTML   string       `xml:"xmlns:xhtml,attr,omitempty"`
			URLs    []SitemapURL `xml:"url"`
		}
		set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: v.URLs}
		if len(sites) > 1 {
			set.XHTML = "http://www.w3.org/1999/xhtml"
		}
		return marshalXML(set)
	})
}

// sitemapAlternates are the xhtml:link entries of n: its
// versions (hreflang) and the default language's (x-default).
func sitemapAlternates(n *site.Node) []SitemapAlternate {
	if len(n.Translations) < 2 {
		return nil
	}
	out := make([]SitemapAlternate, 0, len(n.Translations)+1)
	for _, t := range n.Translations {
		out = append(out, SitemapAlternate{"alternate", t.Lang, t.Abs})
	}
	if d := n.XDefault(); d != nil {
		out = append(out, SitemapAlternate{"alternate", "x-default", d.Abs})
	}
	return out
}

func (p *Publisher) robots() ([]byte, bool) {
	v := RobotsView{Site: p.Renderer.SiteView(), Sitemap: p.Site.Config.AbsURL("/sitemap.xml")}
	return p.fromTheme("robots.txt", v, func() []byte {
		return []byte("User-agent: *\nAllow: /\n\nSitemap: " + v.Sitemap + "\n")
	})
}

func latest(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}

// feedSize is how many entries a feed holds: the newest.
const feedSize = 20

// feed is the Atom feed of sec (the home page: the site's) over pages.
func (p *Publisher) feed(sec *site.Node, pages []*site.Node) ([]byte, bool) {
	cfg := p.Site.Config
	var dated []*site.Node
	for _, n := range pages {
		if d := n.Kind.Def(); d != nil && d.List {
			continue // a list is no entry of a feed
		}
		if !n.Date.IsZero() {
			dated = append(dated, n)
		}
	}
	sort.SliceStable(dated, func(i, j int) bool {
		if !dated[i].Date.Equal(dated[j].Date) {
			return dated[i].Date.After(dated[j].Date)
		}
		return dated[i].URL < dated[j].URL
	})
	if len(dated) > feedSize {
		dated = dated[:feedSize]
	}
	v := FeedView{Site: p.Renderer.SiteView(), Title: cfg.Title, Lang: cfg.Language, Self: cfg.AbsURL("/feed.xml"),
		Home: cfg.AbsURL("/"), Author: cfg.Owner()}
	if sec != nil && sec.URL != "/" {
		v.Title, v.Self, v.Home = sec.Title+" – "+cfg.Title, cfg.AbsURL(sec.URL+"feed.xml"), cfg.AbsURL(sec.URL)
	}
	v.ID = v.Home
	var updated time.Time
	for _, n := range dated {
		d := latest(n.Date, n.Meta.Lastmod)
		updated = latest(updated, d)
		abs := cfg.AbsURL(n.URL)
		v.Entries = append(v.Entries, FeedEntry{Title: n.Title, Link: abs, ID: abs, Updated: d.UTC().Format(time.RFC3339), Summary: n.Summary})
	}
	if updated.IsZero() {
		updated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // deterministic for a feed with no dated entries
	}
	v.Updated = updated.UTC().Format(time.RFC3339)
	return p.fromTheme("feed.xml", v, func() []byte { return atom(v) })
}

// atom is the feed as the build writes it without a template.
func atom(v FeedView) []byte {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		Link    link   `xml:"link"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary,omitempty"`
	}
	type author struct {
		Name string `xml:"name"`
	}
	type feed struct {
		XMLName xml.Name `xml:"feed"`
		NS      string   `xml:"xmlns,attr"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		Links   []link   `xml:"link"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Author  author   `xml:"author"`
		Entries []entry  `xml:"entry"`
	}
	f := feed{NS: "http://www.w3.org/2005/Atom", Lang: v.Lang, Title: v.Title,
		Links: []link{{Href: v.Self, Rel: "self"}, {Href: v.Home}}, ID: v.ID, Updated: v.Updated, Author: author{Name: v.Author}}
	for _, e := range v.Entries {
		f.Entries = append(f.Entries, entry{Title: e.Title, Link: link{Href: e.Link}, ID: e.ID, Updated: e.Updated, Summary: e.Summary})
	}
	return marshalXML(f)
}

func marshalXML(v any) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic("publish: marshalling XML: " + err.Error()) // only fixed types are marshalled
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}
