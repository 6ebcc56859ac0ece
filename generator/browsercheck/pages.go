package browsercheck

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Page is one URL of the site with its kind.
type Page struct {
	Kind string // home, section, product, advisor, story, topic, feedback, 404, ...
	Path string // URL path, with the base path: "/stories/", "/klartext/stories/"
	Name string // test and report name: the kind, or kind+scripts for a page visited for its scripts
}

// Kinds are the kinds the checks visit first, in order; a kind the site
// does not have is left out. Other kinds the site has follow in
// alphabetical order.
var Kinds = []string{"home", "section", "product", "advisor", "story", "topic", "feedback", "404"}

// NotFoundPath is the address below the base path the checks ask for to
// see the site's 404 page; no site has a page there.
const NotFoundPath = "klartext-check-no-such-page/"

var (
	bodyKind  = regexp.MustCompile(`<body[^>]*class="[^"]*\bkind-([a-z0-9-]+)`)
	scriptSrc = regexp.MustCompile(`<script[^>]*\ssrc="([^"]+)"`)
)

// DiscoverPages reads the sitemap.xml of the built site in public and
// picks the first page of every kind; the kind comes from the page's body
// class (kind-product, ...), so no slug is named here. The section is
// stories/ when there is one. Then, for every set of scripts no chosen
// page loads, the first page that loads it is added too, so every script
// of the theme runs in the browser once. basePath is the path of the
// site's baseURL ("/" or "/klartext/", as the sitemap has it).
func DiscoverPages(public, basePath string) ([]Page, error) {
	locs, err := SitemapLocs(filepath.Join(public, "sitemap.xml"))
	if err != nil {
		return nil, err
	}
	type info struct {
		path, kind, scripts string
	}
	var all []info
	first := map[string]info{}
	for _, loc := range locs {
		u, err := url.Parse(loc)
		if err != nil {
			return nil, fmt.Errorf("sitemap.xml: %q: %v", loc, err)
		}
		kind, scripts, err := PageInfo(public, basePath, u.Path)
		if err != nil {
			return nil, err
		}
		rel := sitePath(basePath, u.Path)
		if rel == "/feedback/" {
			kind = "feedback"
		}
		in := info{u.Path, kind, strings.Join(scripts, " ")}
		all = append(all, in)
		if _, ok := first[kind]; !ok || (kind == "section" && rel == "/stories/") {
			first[kind] = in
		}
	}
	var out []Page
	covered := map[string]bool{}
	pick := func(in info, name string) {
		out = append(out, Page{Kind: in.kind, Path: in.path, Name: name})
		covered[in.scripts] = true
	}
	var others []string
	for k := range first {
		if !slices.Contains(Kinds, k) {
			others = append(others, k)
		}
	}
	sort.Strings(others)
	for _, k := range append(slices.Clone(Kinds), others...) {
		if k == "404" {
			p, err := url.PathUnescape(basePath)
			if err != nil {
				p = basePath
			}
			out = append(out, Page{Kind: "404", Path: strings.TrimSuffix(p, "/") + "/" + NotFoundPath, Name: "404"})
			continue
		}
		if in, ok := first[k]; ok {
			pick(in, k)
		}
	}
	for _, in := range all {
		if !covered[in.scripts] {
			var names []string
			for _, s := range strings.Fields(in.scripts) {
				names = append(names, strings.TrimSuffix(path.Base(s), ".js"))
			}
			pick(in, in.kind+"+"+strings.Join(names, "+"))
		}
	}
	return out, nil
}

// sitePath is a URL path without the base path, rooted at "/".
func sitePath(basePath, p string) string {
	base, err := url.PathUnescape(basePath)
	if err != nil {
		base = basePath
	}
	return "/" + strings.TrimPrefix(p, strings.TrimSuffix(base, "/")+"/")
}

// PageInfo reads the kind-* class of a page's body and the scripts it
// loads; urlPath is the page's URL path as the sitemap has it.
func PageInfo(public, basePath, urlPath string) (kind string, scripts []string, err error) {
	data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(sitePath(basePath, urlPath)), "index.html"))
	if err != nil {
		return "", nil, fmt.Errorf("sitemap.xml lists %s, but: %v", urlPath, err)
	}
	m := bodyKind.FindSubmatch(data)
	if m == nil {
		return "", nil, fmt.Errorf("%s: no <body class=\"kind-...\">: the checks choose a page of each kind by it, as the default theme's baseof.html writes it", urlPath)
	}
	for _, s := range scriptSrc.FindAllSubmatch(data, -1) {
		scripts = append(scripts, string(s[1]))
	}
	sort.Strings(scripts)
	return string(m[1]), slices.Compact(scripts), nil
}

// SitemapLocs returns the sitemap's <loc> values.
func SitemapLocs(file string) ([]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var set struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("sitemap.xml: %v", err)
	}
	var out []string
	for _, u := range set.URLs {
		out = append(out, u.Loc)
	}
	return out, nil
}
