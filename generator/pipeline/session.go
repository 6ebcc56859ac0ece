package pipeline

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/change"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/load"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/productsource"
	"github.com/klartext/klartext/generator/publish"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/site"
)

// Session rebuilds a site again and again (klartext serve). After a good
// full build it keeps the site model in memory; a change that only edits
// the body of Markdown pages re-renders just those pages and re-checks the
// links into them. Anything else, or anything unclear, is a full build:
// correctness first, a stale page is never served.
type Session struct {
	opts Options
	last *built // the last good build; nil forces a full build
}

// NewSession starts a session; the first Build is a full one.
// The session's builds keep the theme's CSS and JS under their own names
// (Options.PlainAssets): an edited stylesheet is then one file written
// again, which open pages swap in, not a new name on every page.
func NewSession(opts Options) *Session {
	opts.PlainAssets = true
	return &Session{opts: opts}
}

// Incremental reports what a Build did beyond the Result: the output paths
// it wrote, and whether it was a full build.
type Incremental struct {
	Full    bool
	Written []string // site paths of the pages rendered again (incremental builds)
}

// Build rebuilds after changes to the given files (absolute or relative to
// the working directory); nil means everything may have changed.
func (s *Session) Build(changed []string) (*Result, Incremental, error) {
	// A site of several languages is built whole: its pages link their
	// translations, which no incremental path follows (nor an edit of
	// languages:, which is one of site.yaml).
	if s.last != nil && !s.last.site.Config.Multilingual() {
		if pages := change.Bodies(s.last.site, s.opts.Source, changed); pages != nil {
			res, written := s.rerender(pages)
			return res, Incremental{Written: written}, nil
		}
		// change.Reads follows what the built-in theme's layouts read; a
		// site's own layout may read more, so its model edits build all.
		if m := change.Models(s.last.site, s.last.in.ProductSources, s.opts.Source, changed); m != nil && !s.last.theme.OwnLayouts() {
			if res, written, ok := s.remodel(m); ok {
				return res, Incremental{Written: written}, nil
			}
		}
		dir := filepath.Join(s.opts.Source, "themes", s.last.site.Config.Theme)
		if tc := change.ThemeFiles(dir, changed); tc != nil {
			if res, written, ok := s.retheme(tc); ok {
				return res, Incremental{Written: written}, nil
			}
		}
	}
	opts := s.opts
	if opts.Now.IsZero() {
		opts.Now = time.Now() // a long session moves with the calendar
	}
	res, b, err := full(opts, true)
	s.last = nil
	if err == nil && b != nil && !res.Diagnostics.HasErrors() {
		s.last = b
	}
	return res, Incremental{Full: true}, err
}

// retheme copies changed static files and re-renders the pages of changed
// layouts with the theme loaded again, into the served folder. A layout no
// page used before (a new override may change which layout pages get) is
// left to a full build.
func (s *Session) retheme(tc *change.Theme) (*Result, []string, bool) {
	b := s.last
	byLayout := map[string][]*site.Node{}
	for _, n := range b.site.Nodes {
		if l := render.Layout(b.theme, n); l != "" {
			byLayout[l] = append(byLayout[l], n)
		}
	}
	for _, l := range tc.Layouts {
		if byLayout[l] == nil {
			return nil, nil, false
		}
	}
	for _, f := range tc.Static {
		// A new static file, or one whose path another source owns, is a
		// full build's to claim.
		if src, ok := b.writer.Owner("/" + f); !ok || src.Origin != output.FromTheme {
			return nil, nil, false
		}
	}
	th, err := load.Theme(s.opts.Source, b.site.Config, s.opts.Off, !s.opts.PlainAssets)
	if err != nil {
		return nil, nil, false // the full build reports it
	}
	res, w := b.incremental(s.dest())
	pub := &publish.Publisher{Site: b.site, Theme: th, Images: b.images, Writer: w, Diags: res.Diagnostics}
	var written []string
	for _, f := range tc.Static {
		if !pub.Static(f) {
			return nil, nil, false // deleted: a full build removes it
		}
		written = append(written, "/"+f)
	}
	var jobs []render.Job
	for _, l := range tc.Layouts {
		for _, n := range byLayout[l] {
			for p := 1; p <= render.PageCount(b.site, n); p++ {
				jobs = append(jobs, render.NewJob(n, p))
				written = append(written, jobs[len(jobs)-1].Path())
			}
		}
	}
	// A layout changes no page's words: the index stays as it is.
	b.render(jobs, w, th, false, res)
	b.theme = th
	return s.finish(res, w), written, true
}

// rerender renders the changed pages into the served folder, updates the
// search index's files they touched and re-checks every anchor link.
func (s *Session) rerender(pages []change.Page) (*Result, []string) {
	b := s.last
	res, w := b.incremental(s.dest())
	var jobs []render.Job
	var written []string
	loaded := make([]*content.Page, len(pages))
	for i, p := range pages {
		p.Node.Page, loaded[i] = p.Page, p.Page
		jobs = append(jobs, render.NewJob(p.Node, 1))
		written = append(written, p.Node.URL)
	}
	replacePages(b.in.Tree, loaded) // the next model edit starts from the pages as they are now
	b.render(jobs, w, b.theme, b.search != nil, res)
	written = append(written, b.search.Changes(w)...)
	return s.finish(res, w), written
}

// incremental is the result of an incremental build and the writer into
// the served folder it writes with: the registry of the last full build,
// another sink.
func (b *built) incremental(dest string) (*Result, *output.Writer) {
	res := newResult()
	res.Site = b.site
	return res, b.writer.To(output.Live(dest))
}

// remodel loads the changed pages and the product data again, resolves
// the model again and renders the outputs that read what changed
// (change.Reads), the site files made from the model and the search
// index's changed files. Not ok — a full build follows — when the new
// model has other pages than the last, or any error: the full build
// reports it.
func (s *Session) remodel(m *change.Model) (*Result, []string, bool) {
	b := s.last
	in := *b.in
	tree := *in.Tree
	tree.Pages = slices.Clone(tree.Pages)
	if reaches(tree.Pages, m.Pages) || !replacePages(&tree, m.Pages) {
		return nil, nil, false
	}
	edited := map[string]bool{}
	for _, p := range m.Pages {
		edited[p.Source] = true
	}
	in.Tree = &tree
	loaded := slices.DeleteFunc(slices.Clone(b.load), func(d diag.Diagnostic) bool { return edited[d.File] })
	if m.Products {
		products, sources, pds := productsource.LoadFiles(tree.Files, tree.Data, in.Config.Currency)
		if !slices.Equal(sources, in.ProductSources) {
			return nil, nil, false
		}
		from := map[string]bool{}
		for _, f := range sources {
			from[f] = true
		}
		inSources := func(d diag.Diagnostic) bool { return from[d.File] }
		loaded = append(slices.DeleteFunc(loaded, inSources), slices.DeleteFunc(pds, func(d diag.Diagnostic) bool { return !inSources(d) })...)
		in.Products = products
	}
	opts := b.opts
	if s.opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	ns, rds := site.Resolve(in, opts.siteOptions())
	// Menus are on every page and redirects are files of the plan: an edit
	// that changes them (menu:, aliases:, a title a menu shows) is a full
	// build.
	if hasErrors(loaded) || hasErrors(rds) || !samePages(b.site, ns) || !reflect.DeepEqual(b.site.Menus, ns.Menus) ||
		!reflect.DeepEqual(b.site.Redirects, ns.Redirects) || !b.search.Rebind(ns) {
		return nil, nil, false
	}
	for i, n := range ns.Nodes {
		if o := b.site.Nodes[i]; n.Advisor != nil && o.Advisor != nil {
			n.Advisor.Photo, n.Advisor.PhotoURL = o.Advisor.Photo, o.Advisor.PhotoURL // made by the full build's images
		}
	}
	outs, ok := change.Reads(b.site, ns, edited, m.Products)
	if !ok {
		b.search.Rebind(b.site)
		return nil, nil, false
	}
	b.in, b.site, b.opts.Now, b.load, b.resolved = &in, ns, opts.Now, loaded, rds
	b.theme.ForgetCached()
	res, w := b.incremental(s.dest())
	var jobs []render.Job
	var written []string
	for _, o := range outs {
		pages := o.Pages
		if pages == nil {
			for p := 1; p <= render.PageCount(ns, o.Node); p++ {
				pages = append(pages, p)
			}
		}
		for _, p := range pages {
			j := render.NewJob(o.Node, p)
			if a := o.Node.Advisor; p == 1 && a != nil && o.Node.Kind == content.KindAdvisor {
				_, j.VCard = b.writer.Owner(a.VCardURL) // as the plan claimed it
			}
			jobs = append(jobs, j)
			written = append(written, j.Path())
		}
	}
	r := b.render(jobs, w, b.theme, b.search != nil, res)
	files := publish.GeneratedFiles(ns, b.theme)
	pub := &publish.Publisher{Site: ns, Theme: b.theme, Renderer: r, Images: b.images, Writer: w, Diags: res.Diagnostics}
	pub.Write(files)
	for _, f := range files {
		written = append(written, f.Path)
	}
	written = append(written, b.search.Changes(w)...)
	return s.finish(res, w), written, true
}

// reaches is whether a page read again, before or after the edit, is in
// a menu, has aliases or expires (menu:, aliases:, expires:): menus are
// on every page, the redirect pages show the page's title, and expiry
// decides which pages exist, so such an edit is a full build's.
func reaches(tree, pages []*content.Page) bool {
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

// replacePages puts pages read again in the place of theirs in tree
// (sorted by source); false when one is not there.
func replacePages(tree *content.Tree, pages []*content.Page) bool {
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

// samePages is whether two models have the same output pages, of the same
// kinds.
func samePages(a, b *site.Site) bool {
	return slices.EqualFunc(a.Nodes, b.Nodes, func(x, y *site.Node) bool {
		return x.URL == y.URL && x.Kind == y.Kind && x.Section == y.Section
	})
}

func hasErrors(ds []diag.Diagnostic) bool {
	return slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Severity == diag.Error })
}

// finish adds the diagnostics of the last full build but its pages', of
// every page as rendered now, and of the writes; after an error the next
// change builds everything, so nothing stays half-known.
func (s *Session) finish(res *Result, w *output.Writer) *Result {
	res.Diagnostics.Add(s.last.load...)
	res.Diagnostics.Add(s.last.resolved...)
	res.Diagnostics.Add(s.last.rest...)
	res.Diagnostics.Add(s.last.record.Diagnostics(s.last.site)...)
	res.Diagnostics.Add(w.Diagnostics()...)
	if res.Diagnostics.HasErrors() {
		s.last = nil
	}
	return res.done()
}

func (s *Session) dest() string {
	if s.opts.Dest != "" {
		return s.opts.Dest
	}
	return filepath.Join(s.opts.Source, "public")
}
