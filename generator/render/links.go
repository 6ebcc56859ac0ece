package render

import (
	"net/url"
	"path"
	"strings"

	"github.com/klartext/klartext/generator/assethash"
	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/grammar"
)

// resolvePath is markdown.Page.ResolvePath: a site path written from the
// site's root is the address of something the build claimed (published
// asks the output plan: a page, a file of content/, a site file, an
// alias's redirect), with the base path, or a file the default language
// publishes for every language (shared), at its address; "/produkte" is
// "/produkte/" when only the folder is published. A theme's stylesheet or
// script is written under its hashed name only (assets), so a link to its
// plain name leads there, as the asset template function does.
func resolvePath(published, shared func(string) bool, cfg config.Site, assets *assethash.Set) func(string) (string, bool) {
	return func(p string) (string, bool) {
		if a := assets.Get(p); a != nil {
			return cfg.FileURL(a.Name), true
		}
		if published(p) {
			return cfg.RelURL(p), true
		}
		if shared != nil && shared(p) {
			return cfg.FileURL(p), true
		}
		if !strings.HasSuffix(p, "/") && path.Ext(p) == "" && published(p+"/") {
			return cfg.RelURL(p + "/"), true
		}
		return "", false
	}
}

// imagePolicy is markdown.Page.ImageAllowed for the policy csp: whether
// its img-src (else default-src) lets a page load an image from u.
func imagePolicy(csp string) func(*url.URL) bool {
	pol, err := grammar.ParsePolicy(csp)
	if err != nil {
		return nil // the build reports the policy itself
	}
	sources, ok := pol.Sources["img-src"]
	if !ok {
		sources = pol.Sources["default-src"]
	}
	return func(u *url.URL) bool { return allowsImage(sources, u) }
}

// allowsImage is CSP's source matching for an image on another host,
// as far as klartext's policies write sources: *, a scheme ("https:"),
// or a host with or without its scheme ("https://img.example",
// "*.example"). 'self' is this host, which an address with a host is not
// taken to be.
func allowsImage(sources []string, u *url.URL) bool {
	scheme, host := strings.ToLower(u.Scheme), strings.ToLower(u.Hostname())
	for _, s := range sources {
		s = strings.ToLower(s)
		switch {
		case s == "*":
			if scheme == "https" || scheme == "http" {
				return true
			}
		case strings.HasSuffix(s, ":") && !strings.Contains(s, "/"):
			if strings.TrimSuffix(s, ":") == scheme {
				return true
			}
		case strings.HasPrefix(s, "'"):
		default:
			want := s
			if i := strings.Index(want, "://"); i >= 0 {
				if want[:i] != scheme {
					continue
				}
				want = want[i+3:]
			} else if scheme != "https" && scheme != "http" {
				continue
			}
			want = strings.TrimSuffix(want, "/")
			if i := strings.IndexByte(want, '/'); i >= 0 {
				want = want[:i] // a path in a source: the host is what counts here
			}
			if i := strings.LastIndexByte(want, ':'); i >= 0 {
				if want[i+1:] != u.Port() && want[i+1:] != "*" {
					continue
				}
				want = want[:i]
			}
			if want == host || strings.HasPrefix(want, "*.") && strings.HasSuffix(host, want[1:]) {
				return true
			}
		}
	}
	return false
}
