package publish

import (
	"sort"
	"strconv"
	"strings"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedbackexport"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/theme"
)

// Plan is a build's outputs, each path with its one owner: the pages to
// render and the site's other files.
type Plan struct {
	Registry *output.Registry
	Jobs     []render.Job // in path order, the pages of one list together
	Files    []File       // the files beyond the pages, in a fixed order
	// Index is whether the search index's folder is the index's: its
	// files are named as the pages render, so the folder is claimed whole.
	Index bool
	// shared are the paths of the files every language shows alike (the
	// content's assets, the theme's static files), by output.Key: the
	// default language's plan claims and writes them, the other
	// languages' pages name its copy (Shares). nil on a site of one
	// language.
	shared map[string]bool
}

// Shares reports whether the plan writes sitePath as a file that every
// language of the site shares (a file of content/, a theme's static
// file); false on a site of one language and in another language's plan.
func (p *Plan) Shares(sitePath string) bool { return p.shared[output.Key(sitePath)] }

// sharesFiles reports whether s is the site of a language that is not the
// default: the files every language shows alike are not its to claim and
// write but the default language's (Plan.Shares, config.Site.FileURL).
func sharesFiles(s *site.Site) bool { return s.LanguageIndex > 0 }

// NewPlan registers every file the build will write with its owner
// (output.Registry) before anything is written: the pages, vCards, the
// site-wide files, the theme's static files and the content's assets
// (published, see Publishable; none in the plan of a language that is
// not the default, whose pages name the default's: sharesFiles). Two owners of one path, as the web host
// compares paths, are an error naming both; the first claim keeps the
// path and only it is made, so the report and the output are the same in
// every build. The editor's own files claim first, so a clash never hides
// their other diagnostics; then the redirects of their aliases (with the
// web server's snippet, see Snippets), then the site's files.
func NewPlan(s *site.Site, th *theme.Theme, published []content.Asset, snippet string) (*Plan, []diag.Diagnostic) {
	reg := output.NewRegistry(len(s.Nodes) + len(published) + 64)
	plan := &Plan{Registry: reg}
	if s.Languages != nil && !sharesFiles(s) {
		plan.shared = map[string]bool{}
	}
	reg.Claim("/"+output.Marker, output.Source{Origin: output.Generated, What: "klartext's output marker"})

	// Pages of the editor's files, then the generated ones.
	for _, own := range []bool{true, false} {
		for _, n := range s.Nodes {
			if (n.Source != "") != own {
				continue
			}
			src := nodeSource(n)
			for p := 1; p <= render.PageCount(s, n); p++ {
				j := render.NewJob(n, p)
				psrc := src
				if p > 1 {
					psrc = pageSource(src, p)
				}
				if !reg.Claim(j.Out, psrc) {
					continue
				}
				if p == 1 && n.Advisor != nil && n.Kind == content.KindAdvisor {
					j.VCard = reg.Claim(n.Advisor.VCardURL, output.Source{Origin: output.Derived, File: n.Source, What: "the vCard"})
				}
				plan.Jobs = append(plan.Jobs, j)
			}
		}
		if own {
			for _, a := range published {
				if reg.Claim(a.URL, output.Source{Origin: output.FromContent, File: a.Source}) {
					plan.Files = append(plan.Files, assetFile(a))
					plan.share(a.URL)
				}
			}
		}
	}
	// Jobs in path order, the pages of one list together.
	sort.SliceStable(plan.Jobs, func(i, k int) bool { return plan.Jobs[i].Out < plan.Jobs[k].Out })

	files, ds := siteFiles(s, th)
	for _, f := range append(redirectFiles(s, snippet), files...) {
		if !reg.Claim(f.Path, f.Source) {
			continue
		}
		if f.Source.Origin == output.FromTheme {
			plan.share(f.Path)
		}
		if f.make != nil {
			plan.Files = append(plan.Files, f)
		}
	}
	// The search index's files are named as the pages render (fragments)
	// and when they are all indexed (buckets): its folder is claimed whole.
	if dir := s.SearchIndexDir(); dir != "" {
		plan.Index = reg.ClaimFolder(dir, output.Source{Origin: output.Generated, What: "the search index"})
	}
	return plan, append(ds, clashDiags(reg.Clashes(), s.Config.Theme)...)
}

// share marks a claimed path as a file every language shares.
func (p *Plan) share(sitePath string) {
	if p.shared != nil {
		p.shared[output.Key(sitePath)] = true
	}
}

// nodeSource is who owns a page: its Markdown file, or what generated it.
func nodeSource(n *site.Node) output.Source {
	if n.Source != "" {
		return output.Source{Origin: output.FromContent, File: n.Source}
	}
	gen := func(what string) output.Source { return output.Source{Origin: output.Generated, What: what} }
	switch n.Kind {
	case content.KindHome:
		return gen("the home page")
	case content.KindSection:
		// A folder without _index.md: the section page comes from its
		// pages; name one, so a clash is reported at an editor's file.
		first := ""
		for _, c := range n.Children {
			if c.Source != "" && (first == "" || c.Source < first) {
				first = c.Source
			}
		}
		if first != "" {
			return output.Source{Origin: output.Derived, File: first, What: "the section page of content/" + n.Section + "/"}
		}
		return gen("the section page of content/" + n.Section + "/")
	case content.KindTopics:
		return gen("the topics list")
	case content.KindTopic:
		return gen("the topic page of " + strconv.Quote(n.Slug))
	case site.KindAdvisorFilter:
		return gen("the advisor filter page " + n.URL)
	case site.KindFeedback:
		return output.Source{Origin: output.Derived, File: feedbackexport.File, What: "the feedback page"}
	case content.KindProduct:
		if n.Product != nil {
			pos := n.Product.Facts.Source()
			return output.Source{Origin: output.Derived, File: pos.File, Line: pos.Line, What: "the product page of " + strconv.Quote(n.Slug)}
		}
	}
	return gen("the page " + n.URL)
}

// pageSource is the owner of page p (2, 3, …) of a paginated list.
func pageSource(first output.Source, p int) output.Source {
	what := "page " + strconv.Itoa(p)
	if first.Origin == output.FromContent {
		return output.Source{Origin: output.Derived, File: first.File, What: what}
	}
	first.What = what + " of " + first.What
	return first
}

// clashDiags turns refused claims into errors at the editor's file where
// one of the two is theirs, with what to do.
func clashDiags(clashes []output.Clash, themeName string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, c := range clashes {
		a, b, pa, pb := c.Src, c.Other, c.Path, c.OtherPath
		// Report at the higher-ranked source: the editor's file, then a
		// derived page, the theme, the generated; ties by name.
		if b.Origin < a.Origin || b.Origin == a.Origin && b.String() > a.String() {
			a, b, pa, pb = b, a, pb, pa
		}
		var d diag.Diagnostic
		switch {
		case c.Folder:
			file, folder, fileOwner, folderOwner := pa, pb, a, b
			if len(pa) > len(pb) {
				file, folder, fileOwner, folderOwner = pb, pa, b, a
			}
			d = diag.Errorf(a.File, a.Line, "%s writes the file %s, but %s needs a folder of that name for %s",
				describe(fileOwner, a), file, describe(folderOwner, a), folder).
				WithHint("rename the folder or the file; a name cannot be both on the web server")
		default:
			where := displayPath(pb)
			if pa != pb {
				where = displayPath(pa) + " and " + displayPath(pb) + " (the same address on a web host, which does not tell letter case, /x/ and /x/index.html, or Unicode normalisations apart)"
			}
			d = diag.Errorf(a.File, a.Line, "%s and %s both map to the URL %s", describe(a, a), b, where).WithHint("%s", clashHint(a, b, pb, themeName))
		}
		if a.File == "" { // two generated files: report at the site settings
			d.File = "content/site.yaml"
		}
		out = append(out, d)
	}
	return out
}

// describe names a source in a message reported at subject's file.
func describe(s, subject output.Source) string {
	if s == subject && s.Origin == output.FromContent {
		if strings.HasSuffix(s.File, ".md") {
			return "this page"
		}
		return "this file"
	}
	return s.String()
}

// displayPath shows a page's path as its URL ("/a-b/").
func displayPath(p string) string { return strings.TrimSuffix(p, "index.html") }

func clashHint(a, b output.Source, path, themeName string) string {
	switch {
	case a.Origin == output.FromContent && b.Origin == output.FromTheme:
		return "content/ cannot replace a theme file; put your version at themes/" + themeName + "/static" + path + ", or rename this file"
	case a.Origin == output.FromContent && b.Origin == output.Generated:
		return "klartext generates this address itself; rename or move this file"
	case a.Origin == output.FromContent && b.Origin == output.Derived:
		return "klartext generates that address from " + b.File + "; rename or move this file"
	case a.Origin == output.Derived && b.Origin == output.Generated:
		return "klartext generates this address itself; rename or move " + a.File
	}
	return "rename one of the files"
}
