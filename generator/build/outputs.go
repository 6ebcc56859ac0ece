package build

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
)

// writeSiteFiles writes what belongs to the site as a whole: the 404 page,
// sitemap, feeds, robots.txt, the theme's static files and the content's
// assets.
func (r *renderer) writeSiteFiles(tree *content.Tree) {
	cfg := r.site.Config
	var buf bytes.Buffer
	if l, ok := r.theme.Lookup("404.html"); ok {
		v := &PageView{Site: r.view, Kind: string(content.Kind404), Title: r.theme.Translate("not_found_title"),
			URL: relURL(cfg.BasePath(), "/404.html"), Permalink: cfg.AbsURL("/404.html"), NoIndex: true,
			Description: cfg.Description}
		if err := r.theme.Execute(&buf, l, v); err != nil {
			r.ds.Add(diag.Errorf("themes/"+cfg.Theme+"/layouts/404.html", 0, "%v", err))
		} else {
			r.write("/404.html", buf.Bytes())
			r.pages++
			r.byKind[content.Kind404]++
		}
	}
	// _headers is read by hosts such as Netlify and Cloudflare Pages; it
	// repeats the policy of the meta tag and adds what a meta tag cannot.
	r.write("/_headers", []byte("/*\n  Content-Security-Policy: "+r.view.CSP+"; frame-ancestors 'self'\n"+
		"  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n"))
	r.write("/sitemap.xml", r.sitemap())
	r.write("/robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+cfg.AbsURL("/sitemap.xml")+"\n"))
	r.write("/feed.xml", r.feed(r.site.Sections[""], r.site.Nodes))
	for name, sec := range r.site.Sections {
		if name != "" && len(sec.Children) > 0 {
			r.write(sec.URL+"feed.xml", r.feed(sec, sec.Children))
		}
	}
	statics, err := r.theme.StaticFiles()
	if err != nil {
		r.ds.Add(diag.Errorf("themes/"+cfg.Theme+"/static", 0, "%v", err))
	}
	for _, f := range statics {
		data, err := r.theme.ReadStatic(f)
		if err != nil {
			r.ds.Add(diag.Errorf("themes/"+cfg.Theme+"/static/"+f, 0, "%v", err))
			continue
		}
		r.write("/"+f, data)
	}
	for _, a := range tree.Assets {
		if _, ok := r.site.Assets[a.Source]; !ok || r.images.handles(a.Source) {
			continue // a withdrawn advisor's photo; or published without metadata by prepareImages
		}
		r.copyFile(a.URL, filepath.Join(r.sourceRoot(), filepath.FromSlash(a.Source)))
	}
}

func (r *renderer) sourceRoot() string { return r.site.Root }

// escapePath percent-encodes each segment, for XML outputs that need ASCII
// URLs ("/über-uns/" → "/%C3%BCber-uns/").
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

func (r *renderer) sitemap() []byte {
	type urlset struct {
		XMLName xml.Name     `xml:"urlset"`
		NS      string       `xml:"xmlns,attr"`
		URLs    []sitemapURL `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, n := range r.site.Nodes {
		u := sitemapURL{Loc: r.site.Config.AbsURL(escapePath(n.URL))}
		if d := latest(n.Date, n.Meta.Lastmod); !d.IsZero() {
			u.Lastmod = d.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	return marshalXML(set)
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

func (r *renderer) feed(sec *Node, pages []*Node) []byte {
	cfg := r.site.Config
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
	var dated []*Node
	for _, p := range pages {
		switch p.Kind {
		case content.KindSection, content.KindHome, content.KindTopic, content.KindTopics:
			continue
		}
		if !p.Date.IsZero() {
			dated = append(dated, p)
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
	title := cfg.Title
	selfPath := "/feed.xml"
	home := "/"
	if sec != nil && sec.URL != "/" {
		title = sec.Title + " – " + cfg.Title
		selfPath = sec.URL + "feed.xml"
		home = sec.URL
	}
	f := feed{NS: "http://www.w3.org/2005/Atom", Lang: cfg.Language, Title: title,
		Links: []link{{Href: cfg.AbsURL(escapePath(selfPath)), Rel: "self"}, {Href: cfg.AbsURL(escapePath(home))}},
		ID:    cfg.AbsURL(escapePath(home)), Author: author{Name: cfg.Title}}
	var updated time.Time
	for _, p := range dated {
		d := latest(p.Date, p.Meta.Lastmod)
		updated = latest(updated, d)
		abs := cfg.AbsURL(escapePath(p.URL))
		f.Entries = append(f.Entries, entry{Title: p.Title, Link: link{Href: abs}, ID: abs,
			Updated: d.UTC().Format(time.RFC3339), Summary: p.Summary})
	}
	if updated.IsZero() {
		updated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // deterministic for a feed with no dated entries
	}
	f.Updated = updated.UTC().Format(time.RFC3339)
	return marshalXML(f)
}

func marshalXML(v any) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic("build: marshalling XML: " + err.Error()) // only fixed types are marshalled
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}
