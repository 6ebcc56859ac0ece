package site

import (
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
)

// KindSearch is the search page: /suche/ on a German site, /search/ on
// others (the theme's translation search_slug).
const KindSearch = content.KindSearch

// addSearchPage adds the search page to the site, named in the theme's
// words. A page of the site's
// own at its URL keeps it, with a warning: the site then has no search.
func addSearchPage(s *Site, w Words, ds *diag.List) *Node {
	slug := content.Slugify(w.SearchSlug)
	if slug == "" || slug == "search-slug" {
		slug = "search"
	}
	url := "/" + slug + "/"
	if other := s.ByURL[url]; other != nil {
		ds.Add(diag.Warnf(other.Source, 1, "this page has the search page's URL %s, so the site has no search", url).
			WithHint("rename the file, or change search_slug in the theme's i18n/%s.yaml", s.Config.Language))
		return nil
	}
	n := &Node{Page: &content.Page{Kind: KindSearch, Section: "search", Slug: slug, URL: url},
		Title: w.SearchTitle, Summary: w.SearchDescription}
	s.add(n)
	return n
}

// SearchIndexDir is the site path of the search index's folder
// ("/suche/index/"); "" when the site has no search page.
func (s *Site) SearchIndexDir() string {
	if s.Search == nil {
		return ""
	}
	return s.Search.URL + "index/"
}

// Searchable reports whether a page goes into the search index (its kind's
// rule: every page but the generated lists of other pages, the 404 page and
// the search page).
func Searchable(n *Node) bool {
	d := n.Kind.Def()
	return d != nil && d.Search
}
