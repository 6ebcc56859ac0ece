// Package change says what a set of changed files of a built site touches,
// for klartext serve's incremental builds: only the bodies of published
// pages (Bodies), only the front matter of published pages and the
// product data (Models; Reads then says which outputs read what
// changed), only the theme's static files and page layouts (ThemeFiles),
// or anything else, which is a full build's. When in doubt
// it answers "anything else": a stale page is never served.
package change

import (
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/site"
)

// Page is a published page read again, its front matter unchanged.
type Page struct {
	Node *site.Node    // the page in the last build's model
	Page *content.Page // as it is now
}

// Bodies reads the changed files (absolute or relative to the working
// directory) again and returns them when every one is a published Markdown
// page of s, the site at root, whose front matter, and so its place in
// every list, link and index, is unchanged; nil otherwise.
func Bodies(s *site.Site, root string, changed []string) []Page {
	if len(changed) == 0 {
		return nil
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	var out []Page
	for _, c := range changed {
		abs, err := filepath.Abs(c)
		if err != nil || !strings.HasSuffix(abs, ".md") {
			return nil
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil
		}
		src := filepath.ToSlash(rel)
		n := s.BySource[src]
		if n == nil {
			return nil // new, deleted, draft, future or withdrawn: a full build decides
		}
		p, ds := content.LoadPage(s.Files, src)
		if p == nil || len(ds) > 0 {
			return nil // the full build reports it
		}
		if p.BodyLine != n.BodyLine || !reflect.DeepEqual(p.Meta, n.Meta) {
			return nil
		}
		// The list teaser comes from the first paragraph when there is no
		// description (Teaser is "" when there is one); a video block,
		// added, changed or removed, changes the page's scripts and the
		// site's CSP.
		if p.Teaser != n.Teaser || p.HasFence("video") || n.HasVideo() {
			return nil
		}
		out = append(out, Page{Node: n, Page: p})
	}
	return out
}

// Theme is a change to the site's theme folder that a full build need not
// follow: static files, page layouts, and the files of the base layout's
// set (the base layout and the partials), whose pages the session finds
// by the templates their layouts run (Users).
type Theme struct {
	Static   []string // paths below static/
	Layouts  []string // paths below layouts/ ("products/single.html")
	Partials []string // paths below layouts/: "partials/site-header.html", "_default/baseof.html"
}

// ThemeFiles classifies the changed files; nil when any of them is not a
// static file, a page layout, a partial or the base layout of the theme
// folder dir.
func ThemeFiles(dir string, changed []string) *Theme {
	if len(changed) == 0 {
		return nil
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	tc := &Theme{}
	for _, c := range changed {
		abs, err := filepath.Abs(c)
		if err != nil {
			return nil
		}
		rel, err := filepath.Rel(dir, abs)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil
		}
		rel = filepath.ToSlash(rel)
		switch {
		case strings.HasPrefix(rel, "static/"):
			tc.Static = append(tc.Static, strings.TrimPrefix(rel, "static/"))
		case rel == "layouts/_default/baseof.html" || (path.Dir(rel) == "layouts/partials" && path.Ext(rel) == ".html"):
			// The theme reads layouts/partials/*.html into the base set, not
			// a folder below it.
			tc.Partials = append(tc.Partials, strings.TrimPrefix(rel, "layouts/"))
		case strings.HasPrefix(rel, "layouts/") && !strings.HasPrefix(rel, "layouts/partials/"):
			tc.Layouts = append(tc.Layouts, strings.TrimPrefix(rel, "layouts/"))
		default:
			return nil
		}
	}
	return tc
}

// Model is an edit that changes the site model but not which pages it has:
// the front matter of published pages, or the product data. The session
// resolves the model again and re-renders what read the changed parts.
type Model struct {
	Pages    []*content.Page // the changed pages as they are now, each published in the last build
	Products bool            // a file the products were read from changed
}

// Models classifies the changed files (absolute or relative to the working
// directory) of s, the site at root whose products were read from
// productSources; nil when any of them is not a published Markdown page
// or a product source, or is one whose change a full build must follow:
// a section's or the home page's _index.md (the menu, every list's
// cascade), a page with a ```video block before or after (its scripts, the
// CSP, its transcript page), an advisor's photo settings (the photos are
// made by the full build), a page that now fails to load (the full build
// reports it).
func Models(s *site.Site, productSources []string, root string, changed []string) *Model {
	if len(changed) == 0 {
		return nil
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	sources := make(map[string]bool, len(productSources))
	for _, f := range productSources {
		sources[f] = true
	}
	m := &Model{}
	seen := map[string]bool{}
	for _, c := range changed {
		abs, err := filepath.Abs(c)
		if err != nil {
			return nil
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil
		}
		src := filepath.ToSlash(rel)
		if seen[src] {
			continue
		}
		seen[src] = true
		if sources[src] {
			m.Products = true
			continue
		}
		n := s.BySource[src]
		if n == nil || !strings.HasSuffix(src, ".md") || n.Kind == content.KindSection || n.Kind == content.KindHome {
			return nil
		}
		p, ds := content.LoadPage(s.Files, src)
		if p == nil || len(ds) > 0 || p.HasFence("video") || n.HasVideo() {
			return nil
		}
		if n.Kind == content.KindAdvisor && (p.Meta.Photo != n.Meta.Photo || p.Meta.PhotoAlt != n.Meta.PhotoAlt || p.Meta.PhotoFocus != n.Meta.PhotoFocus) {
			return nil
		}
		m.Pages = append(m.Pages, p)
	}
	return m
}

// Calls are the templates a layout runs (theme.Theme.Calls): their names,
// and whether it may run any partial (a name it computes).
type Calls struct {
	Names map[string]bool
	Any   bool
}

// Users are the layouts of calls (by layout) that run a template named in
// names, sorted: the layouts whose pages an edit of the files defining
// those names changes. A layout that may run any partial uses every one.
func Users(names []string, calls map[string]Calls) []string {
	var out []string
	for l, c := range calls {
		if c.Any || slices.ContainsFunc(names, func(n string) bool { return c.Names[n] }) {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}
