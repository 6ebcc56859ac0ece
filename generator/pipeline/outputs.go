package pipeline

import (
	"bytes"
	"encoding/xml"
	"errors"
	"sort"
	"time"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/theme"
)

// siteFile is a file of the site beyond the pages: its path, its owner and
// how it is made.
type siteFile struct {
	path string
	src  output.Source
	// make returns the file's bytes; false when it reported an error
	// instead.
	make func() ([]byte, bool)
}

// writeSiteFiles writes what claimOutputs kept of the site-wide files: the
// 404 page, sitemap, feeds, robots.txt, the theme's static files and the
// content's assets.
func (r *renderer) writeSiteFiles() {
	for _, f := range r.siteFiles {
		if data, ok := f.make(); ok {
			r.write(f.path, data)
		}
	}
}

// generatedFiles are the site-wide files klartext makes and the theme's
// static files, in a fixed order.
func (r *renderer) generatedFiles() []siteFile {
	cfg := r.site.Config
	gen := func(what string) output.Source { return output.Source{Origin: output.Generated, What: what} }
	var out []siteFile
	if l, ok := r.theme.Lookup("404.html"); ok {
		out = append(out, siteFile{"/404.html", gen("the 404 page"), func() ([]byte, bool) { return r.notFoundPage(l) }})
	}
	// _headers is read by hosts such as Netlify and Cloudflare Pages; it
	// repeats the policy of the meta tag and adds what a meta tag cannot.
	out = append(out,
		siteFile{"/_headers", gen("the _headers file (the Content-Security-Policy for the web host)"), func() ([]byte, bool) {
			return []byte("/*\n  Content-Security-Policy: " + r.view.CSP + "; frame-ancestors 'self'\n" +
				"  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n"), true
		}},
		siteFile{"/sitemap.xml", gen("the sitemap"), func() ([]byte, bool) { return r.sitemap(), true }},
		siteFile{"/robots.txt", gen("robots.txt"), func() ([]byte, bool) {
			return []byte("User-agent: *\nAllow: /\n\nSitemap: " + cfg.AbsURL("/sitemap.xml") + "\n"), true
		}},
		siteFile{"/feed.xml", gen("the site's Atom feed"), func() ([]byte, bool) { return r.feed(r.site.Sections[""], r.site.Nodes), true }})
	names := make([]string, 0, len(r.site.Sections))
	for name, sec := range r.site.Sections {
		if name != "" && len(sec.Children) > 0 {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		sec := r.site.Sections[name]
		out = append(out, siteFile{sec.URL + "feed.xml", gen("the Atom feed of " + sec.URL), func() ([]byte, bool) { return r.feed(sec, sec.Children), true }})
	}
	out = append(out, r.videoFiles()...)
	statics, err := r.theme.StaticFiles()
	if err != nil {
		r.ds.Add(diag.Errorf("themes/"+cfg.Theme+"/static", 0, "%v", err))
	}
	for _, f := range statics {
		src := output.Source{Origin: output.FromTheme, What: "static/" + f}
		if r.theme.Overrides("static/" + f) {
			src = output.Source{Origin: output.FromTheme, File: "themes/" + cfg.Theme + "/static/" + f}
		}
		out = append(out, siteFile{"/" + f, src, func() ([]byte, bool) {
			data, err := r.theme.ReadStatic(f)
			var tl *fileio.TooLargeError
			switch {
			case errors.As(err, &tl):
				r.ds.Add(diag.Errorf(src.File, 0, "the file has more than %d MB, the limit for a file of the theme", theme.MaxFileBytes>>20))
				return nil, false
			case err != nil:
				r.ds.Add(diag.Errorf("themes/"+cfg.Theme+"/static/"+f, 0, "%v", err))
				return nil, false
			}
			return data, true
		}})
	}
	return out
}

// assetFile is a file of content/ copied as it is.
func (r *renderer) assetFile(a content.Asset) siteFile {
	return siteFile{a.URL, output.Source{Origin: output.FromContent, File: a.Source}, func() ([]byte, bool) {
		if r.images.handles(a.Source) {
			return nil, false // published without its metadata by prepareImages
		}
		data, err := r.site.Files.ReadFile(a.Source, content.MaxAssetBytes)
		var tl *fileio.TooLargeError
		switch {
		case errors.As(err, &tl):
			r.ds.Add(diag.Errorf(a.Source, 0, "the file has more than %d MB, the limit for a file copied as it is", content.MaxAssetBytes>>20).
				WithHint("publish large files on a file server and link to them"))
			return nil, false
		case err != nil:
			r.ds.Add(diag.Errorf(a.Source, 0, "cannot copy: %v", err))
			return nil, false
		}
		return data, true
	}}
}

// notFoundPage renders the 404 page with the layout l.
func (r *renderer) notFoundPage(l string) ([]byte, bool) {
	cfg := r.site.Config
	var buf bytes.Buffer
	v := &PageView{Site: r.view, Kind: string(content.Kind404), Title: r.theme.Translate("not_found_title"),
		URL: relURL(cfg.BasePath(), "/404.html"), Permalink: cfg.AbsURL("/404.html"), NoIndex: true,
		Description: cfg.Description}
	if err := r.theme.Execute(&buf, l, v); err != nil {
		r.ds.Add(diag.Errorf("themes/"+cfg.Theme+"/layouts/404.html", 0, "%v", err))
		return nil, false
	}
	r.mu.Lock()
	r.pages++
	r.byKind[content.Kind404]++
	r.mu.Unlock()
	return buf.Bytes(), true
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
		u := sitemapURL{Loc: r.site.Config.AbsURL(n.URL)}
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

func (r *renderer) feed(sec *site.Node, pages []*site.Node) []byte {
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
	var dated []*site.Node
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
		Links: []link{{Href: cfg.AbsURL(selfPath), Rel: "self"}, {Href: cfg.AbsURL(home)}},
		ID:    cfg.AbsURL(home), Author: author{Name: cfg.Title}}
	var updated time.Time
	for _, p := range dated {
		d := latest(p.Date, p.Meta.Lastmod)
		updated = latest(updated, d)
		abs := cfg.AbsURL(p.URL)
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
