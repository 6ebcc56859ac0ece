package publish

import (
	"fmt"
	"strings"

	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/redirect"
	"github.com/klartext/klartext/generator/site"
)

// Snippets are the web server configurations klartext build --redirects
// writes beside _redirects, by the flag's value: the file and its maker.
var Snippets = map[string]struct {
	Path string
	Make func(basePath string, rs []redirect.Redirect) []byte
}{
	"nginx":  {"/_redirects.nginx.conf", redirect.Nginx},
	"apache": {"/_redirects.apache.conf", redirect.Apache},
}

// redirectFiles are the files that answer for the pages' old addresses
// (site.Redirects): a redirect page at each, _redirects, and the snippet
// for the web server (snippet: "", or a key of Snippets). A redirect
// page is owned by the alias's line, so a clash with another file is
// reported there. A web host reads _redirects and the snippet at the
// site's root only: the default language's list every language's
// aliases (everyRedirect), another language's plan has its pages alone.
func redirectFiles(s *site.Site, snippet string) []File {
	all := s.Redirects
	if !sharesFiles(s) {
		all = everyRedirect(s)
	}
	if len(all) == 0 {
		return nil
	}
	cfg := s.Config
	out := make([]File, 0, len(s.Redirects)+2)
	for _, r := range s.Redirects {
		r := r
		p := r.From
		if strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		src := output.Source{Origin: output.Derived, File: r.File, Line: r.Line, What: "the redirect from the alias " + r.From}
		out = append(out, File{p, src, func(pub *Publisher) ([]byte, bool) {
			title := r.To
			if n := s.ByURL[r.To]; n != nil && n.Title != "" {
				title = n.Title
			}
			return redirect.Page(cfg.Language, title, cfg.AbsURL(r.To), cfg.RelURL(r.To)), true
		}})
	}
	if sharesFiles(s) {
		return out
	}
	gen := func(what string) output.Source { return output.Source{Origin: output.Generated, What: what} }
	out = append(out, File{"/_redirects", gen("the _redirects file (the pages' aliases)"), func(*Publisher) ([]byte, bool) {
		return redirect.Netlify(cfg.BasePath(), all), true
	}})
	if sn, ok := Snippets[snippet]; ok {
		out = append(out, File{sn.Path, gen(fmt.Sprintf("the %s redirects (--redirects %s)", snippet, snippet)), func(*Publisher) ([]byte, bool) {
			return sn.Make(cfg.BasePath(), all), true
		}})
	}
	return out
}

// everyRedirect are the redirects of every language of the site, each
// other language's with its folder in the old and the new address
// ("/en/about/" to "/en/ueber-uns/"); a site of one language's own.
func everyRedirect(s *site.Site) []redirect.Redirect {
	if s.Languages == nil {
		return s.Redirects
	}
	var out []redirect.Redirect
	for _, l := range s.Languages {
		folder := l.Config.LanguagePrefix
		for _, r := range l.Redirects {
			r.From, r.To = folder+r.From, folder+r.To
			out = append(out, r)
		}
	}
	return out
}
