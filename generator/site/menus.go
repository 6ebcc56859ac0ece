package site

import (
	"sort"
	"strings"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/menu"
)

// resolveMenus reads site.yaml's menus: and the pages' menu: keys and
// resolves every entry against the pages, like a link: a pageRef names a
// published page's file, a url from the site's root a page or a file the
// site publishes. It returns nil when neither names a menu: then the
// theme shows its default navigation.
func resolveMenus(s *Site, ds *diag.List) map[string][]menu.Item {
	var entries []menu.Entry
	if s.Config.Menus != nil {
		es, eds := menu.ParseSettings(s.Config.Menus, config.File)
		ds.Add(eds...)
		entries = es
	}
	for _, n := range s.Nodes {
		if n.Page == nil || n.Meta.Reach == nil || n.Meta.Reach.Menu == nil || n.Source == "" {
			continue
		}
		es, eds := menu.ParseFrontMatter(n.Meta.Reach.Menu, n.Source, n.Meta.Line("menu", 1), strings.TrimPrefix(n.Source, "content/"))
		ds.Add(eds...)
		entries = append(entries, es...)
	}
	if entries == nil {
		return nil
	}
	kept := entries[:0]
	for _, e := range entries {
		if s.Config.MenusInherited && e.PageRef != "" && e.File == config.File && s.BySource["content/"+e.PageRef] == nil {
			continue // the page has no version in this language
		}
		if e.URL != "" && strings.HasPrefix(e.URL, "/") && !s.publishes(e.URL) {
			ds.Add(diag.Errorf(e.File, e.Line, "the menu entry's url %s is no page or file of this site", e.URL).WithKey("menus").
				WithHint("name the page by its file with pageRef:, or write the address of a page the site has (a folder's address ends with /)"))
			continue
		}
		kept = append(kept, e)
	}
	var refs []string
	for src := range s.BySource {
		refs = append(refs, strings.TrimPrefix(src, "content/"))
	}
	sort.Strings(refs)
	items, rds := menu.Resolve(kept, func(ref string) (string, string, bool) {
		n := s.BySource["content/"+ref]
		if n == nil {
			return "", "", false
		}
		return n.Title, n.URL, true
	}, refs)
	ds.Add(rds...)
	if items == nil {
		items = map[string][]menu.Item{}
	}
	return items
}

// publishes reports whether the site path p is a page or a file of the
// content the site publishes.
func (s *Site) publishes(p string) bool {
	if s.ByURL[p] != nil {
		return true
	}
	for _, u := range s.Assets {
		if u == p {
			return true
		}
	}
	return false
}
