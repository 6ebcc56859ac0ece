package change

import (
	"slices"
	"strings"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/site"
)

// Reaches is whether a page read again, before (in tree, sorted by
// source) or after the edit (in pages), is in a menu, has aliases or
// expires (menu:, aliases:, expires:): menus are on every page, the
// redirect pages show the page's title, and expiry decides which pages
// exist, so such an edit is a full build's.
func Reaches(tree, pages []*content.Page) bool {
	for _, p := range pages {
		if p.Meta.Reach != nil {
			return true
		}
		if i, found := pageIndex(tree, p.Source); found && tree[i].Meta.Reach != nil {
			return true
		}
	}
	return false
}

// ReplacePages puts pages read again in the place of theirs in tree
// (sorted by source); false when one is not there.
func ReplacePages(tree *content.Tree, pages []*content.Page) bool {
	for _, p := range pages {
		i, found := pageIndex(tree.Pages, p.Source)
		if !found {
			return false
		}
		tree.Pages[i] = p
	}
	return true
}

// pageIndex finds the page read from source in pages, sorted by source.
func pageIndex(pages []*content.Page, source string) (int, bool) {
	return slices.BinarySearchFunc(pages, source, func(q *content.Page, src string) int { return strings.Compare(q.Source, src) })
}

// SamePages is whether two models have the same output pages, of the same
// kinds, in the same order: what Reads asks of the model resolved again.
func SamePages(a, b *site.Site) bool {
	return slices.EqualFunc(a.Nodes, b.Nodes, func(x, y *site.Node) bool {
		return x.URL == y.URL && x.Kind == y.Kind && x.Section == y.Section
	})
}

// ReplaceDiagnostics is ds without the diagnostics of files, with those
// of files that a new reading of them reported (with): the load stage's
// diagnostics after a model edit read pages or the product data again.
func ReplaceDiagnostics(ds []diag.Diagnostic, files map[string]bool, with []diag.Diagnostic) []diag.Diagnostic {
	ofFiles := func(d diag.Diagnostic) bool { return files[d.File] }
	out := slices.DeleteFunc(slices.Clone(ds), ofFiles)
	for _, d := range with {
		if ofFiles(d) {
			out = append(out, d)
		}
	}
	return out
}

// SameDates is whether two models with the same pages (SamePages) give
// each page the same date and lastmod: all the sitemap shows of a page
// beside its address.
func SameDates(a, b *site.Site) bool {
	return slices.EqualFunc(a.Nodes, b.Nodes, func(x, y *site.Node) bool {
		return x.Date.Equal(y.Date) && x.Meta.Lastmod.Equal(y.Meta.Lastmod)
	})
}
