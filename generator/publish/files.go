package publish

import (
	"bytes"
	"errors"
	"sort"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/headers"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/theme"
	"github.com/klartext/klartext/generator/video"
)

// File is a file of the site beyond the pages: its path, its owner and
// how it is made.
type File struct {
	Path   string
	Source output.Source
	// make returns the file's bytes; false when it reported an error
	// instead. nil: the path is claimed and nothing is written there (a
	// hashed asset's own name).
	make func(p *Publisher) ([]byte, bool)
}

// Publisher makes the site's files beyond the pages and writes them.
type Publisher struct {
	Site     *site.Site
	Theme    *theme.Theme
	Renderer *render.Renderer // for the 404 page and the policy in _headers
	Images   *Images          // the images Images published already are not copied again
	Writer   *output.Writer
	Diags    *diag.List
	Pages    int // pages made (the 404 page)
}

// Write makes and writes the files.
func (p *Publisher) Write(files []File) {
	for _, f := range files {
		if data, ok := f.make(p); ok {
			p.Writer.Write(f.Path, data)
		}
	}
}

// Static writes the theme's static file f again (klartext serve, after
// the file changed); false when the theme has it no more.
func (p *Publisher) Static(f string) bool {
	data, err := p.Theme.ReadStatic(f)
	if err != nil {
		return false
	}
	p.Writer.Write("/"+f, data)
	return true
}

// GeneratedFiles are the site-wide files klartext makes from the model
// (the 404 page, _headers, the sitemap, robots.txt, the feeds): what
// klartext serve makes again after the model changed.
func GeneratedFiles(s *site.Site, th *theme.Theme) []File {
	all, _ := siteFiles(s, th)
	out := all[:0]
	for _, f := range all {
		if f.Source.Origin == output.Generated {
			out = append(out, f)
		}
	}
	return out
}

// siteFiles are the site-wide files klartext makes and the theme's static
// files, in a fixed order.
func siteFiles(s *site.Site, th *theme.Theme) ([]File, []diag.Diagnostic) {
	cfg := s.Config
	gen := func(what string) output.Source { return output.Source{Origin: output.Generated, What: what} }
	var out []File
	var ds []diag.Diagnostic
	// The files a web host or a crawler reads at the site's root only are
	// the default language's; they cover the other languages' folders
	// too (the sitemap lists their pages, _headers their addresses).
	if s.LanguageIndex == 0 {
		l, notFound := th.Lookup(content.LayoutsFor(content.Kind404, "")...)
		if notFound {
			out = append(out, File{"/404.html", gen("the 404 page"), func(p *Publisher) ([]byte, bool) { return p.notFoundPage(l) }})
		}
		// _headers is read by hosts such as Netlify and Cloudflare Pages; it
		// repeats the policy of the meta tag and adds what a meta tag cannot.
		out = append(out,
			File{"/_headers", gen("the _headers file (the Content-Security-Policy for the web host)"), func(p *Publisher) ([]byte, bool) {
				data, ds := headers.File(headers.Site{CSP: p.Renderer.SiteView().CSP, RelURL: cfg.RelURL,
					Pages: pagePaths(s, notFound), Hashed: th.Assets.Names(), Extra: cfg.Headers, File: config.File})
				p.Diags.Add(ds...)
				return data, true
			}},
			File{"/sitemap.xml", gen("the sitemap"), func(p *Publisher) ([]byte, bool) { return p.sitemap() }},
			File{"/robots.txt", gen("robots.txt"), func(p *Publisher) ([]byte, bool) { return p.robots() }})
	}
	out = append(out, File{"/feed.xml", gen("the site's Atom feed"), func(p *Publisher) ([]byte, bool) { return p.feed(p.Site.Sections[""], p.Site.Nodes) }})
	names := make([]string, 0, len(s.Sections))
	for name, sec := range s.Sections {
		if name != "" && len(sec.Children) > 0 {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		sec := s.Sections[name]
		out = append(out, File{sec.URL + "feed.xml", gen("the Atom feed of " + sec.URL), func(p *Publisher) ([]byte, bool) { return p.feed(sec, sec.Children) }})
	}
	out = append(out, posterFiles(s)...)
	if sharesFiles(s) {
		return out, ds // the theme's files are the default language's
	}
	statics, err := th.StaticFiles()
	if err != nil {
		ds = append(ds, diag.Errorf("themes/"+cfg.Theme+"/static", 0, "%v", err))
	}
	for _, f := range statics {
		src := output.Source{Origin: output.FromTheme, What: "static/" + f}
		if th.Overrides("static/" + f) {
			src = output.Source{Origin: output.FromTheme, File: "themes/" + cfg.Theme + "/static/" + f}
		}
		if a := th.Assets.Get("/" + f); a != nil {
			// Read and hashed once, by the load stage. Its own name stays
			// the theme's, written or not: a file of content/ there would
			// answer pages cached before the build.
			out = append(out, File{a.Name, src, func(*Publisher) ([]byte, bool) { return a.Data, true }},
				File{Path: "/" + f, Source: src})
			continue
		}
		out = append(out, File{"/" + f, src, func(p *Publisher) ([]byte, bool) {
			data, err := p.Theme.ReadStatic(f)
			var tl *fileio.TooLargeError
			switch {
			case errors.As(err, &tl):
				p.Diags.Add(diag.Errorf(src.File, 0, "the file has more than %d MB, the limit for a file of the theme", theme.MaxFileBytes>>20))
				return nil, false
			case err != nil:
				p.Diags.Add(diag.Errorf("themes/"+cfg.Theme+"/static/"+f, 0, "%v", err))
				return nil, false
			}
			return data, true
		}})
	}
	return out, ds
}

// pagePaths are the site paths of the pages the build writes (a list's
// further pages are below its own): the short cache's rules of _headers
// cover them.
func pagePaths(s *site.Site, notFound bool) []string {
	sites := s.Languages
	if sites == nil {
		sites = []*site.Site{s}
	}
	var out []string
	for _, l := range sites {
		// Another language's addresses are below its folder, /<code>/.
		folder := l.Config.LanguagePrefix
		for _, n := range l.Nodes {
			out = append(out, folder+n.URL)
		}
		for _, r := range l.Redirects {
			out = append(out, folder+r.From)
		}
	}
	if notFound {
		out = append(out, "/404.html")
	}
	return out
}

// assetFile is a file of content/ copied as it is.
func assetFile(a content.Asset) File {
	return File{a.URL, output.Source{Origin: output.FromContent, File: a.Source}, func(p *Publisher) ([]byte, bool) {
		if p.Images.handles(a.Source) {
			return nil, false // published without its metadata by PrepareImages
		}
		data, err := p.Site.Files.ReadFile(a.Source, content.MaxAssetBytes)
		var tl *fileio.TooLargeError
		switch {
		case errors.As(err, &tl):
			p.Diags.Add(diag.Errorf(a.Source, 0, "the file has more than %d MB, the limit for a file copied as it is", content.MaxAssetBytes>>20).
				WithHint("publish large files on a file server and link to them"))
			return nil, false
		case err != nil:
			p.Diags.Add(diag.Errorf(a.Source, 0, "cannot copy: %v", err))
			return nil, false
		}
		return data, true
	}}
}

// posterFiles are the files the build makes for the site's videos (drawn
// or extracted posters), each owned by the page whose block made it. A
// frame taken of a video is the same in every language: the default
// language's plan has those of every language's pages, once each.
func posterFiles(s *site.Site) []File {
	sites := []*site.Site{s}
	if s.Languages != nil && !sharesFiles(s) {
		sites = s.Languages
	}
	var out []File
	seen := map[string]bool{}
	for i, l := range sites {
		for _, n := range l.Nodes {
			pv := l.Video.Pages[n]
			if pv == nil {
				continue
			}
			for _, b := range pv.Blocks {
				poster := b.Poster
				switch {
				case poster == nil, seen[poster.URL]:
					continue
				case sharesFiles(s) && poster.Frame != nil:
					continue // the default language's plan has it
				case i > 0 && poster.Frame == nil:
					continue // drawn in another language's words: its own
				}
				seen[poster.URL] = true
				out = append(out, File{poster.URL, output.Source{Origin: output.Derived, File: n.Source, Line: b.Line, What: "the video's poster"},
					func(*Publisher) ([]byte, bool) { return posterData(poster), true }})
			}
		}
	}
	return out
}

// posterData is the poster's image: the frame taken of the video, or a
// placeholder drawn with its title.
func posterData(p *site.Poster) []byte {
	if p.Frame != nil {
		return p.Frame
	}
	return video.PosterSVG(p.Title, p.Width, p.Height)
}

// notFoundPage renders the 404 page with the layout l.
func (p *Publisher) notFoundPage(l string) ([]byte, bool) {
	var buf bytes.Buffer
	if err := p.Renderer.NotFound(&buf, l); err != nil {
		p.Diags.Add(diag.Errorf("themes/"+p.Site.Config.Theme+"/layouts/404.html", 0, "%v", err))
		return nil, false
	}
	p.Pages++
	return buf.Bytes(), true
}
