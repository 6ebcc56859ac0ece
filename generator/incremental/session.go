// Package incremental is klartext serve's builds: after a full build
// (pipeline.Run) a Session keeps what it made and, for an edit whose
// reach package change can tell, runs the stages again for what the edit
// touched only, into the served folder. Anything else, or anything
// unclear, is a full build: correctness first, a stale page is never
// served.
package incremental

import (
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"time"

	"github.com/klartext/klartext/generator/change"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/load"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/productsource"
	"github.com/klartext/klartext/generator/publish"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/theme"
)

// Session rebuilds a site again and again (klartext serve).
type Session struct {
	opts pipeline.Options
	last *pipeline.Built // the last good build; nil forces a full build
	// goRan are the partials Go code ran with the themes of the last
	// build that retheme replaced (theme.Theme.Direct).
	goRan map[string]bool
	// products is the last reading of the product sources, which types
	// again only the records an edit changed; readingOf is the build
	// whose model holds the products it read last (nil: none does yet).
	products  productsource.Reading
	readingOf *pipeline.Built
	// charts is what the ```chart blocks of the pages read, by source,
	// with the page as loaded (a page read again is read again).
	charts map[string]pageCharts
	// chartPages are the pages of chartPagesOf, a model, with a ```chart
	// block (change.ChartPages).
	chartPages   []*site.Node
	chartPagesOf *site.Site
}

// NewSession starts a session; the first Build is a full one.
// The session's builds keep the theme's CSS and JS under their own names
// (Options.PlainAssets): an edited stylesheet is then one file written
// again, which open pages swap in, not a new name on every page.
func NewSession(opts pipeline.Options) *Session {
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
func (s *Session) Build(changed []string) (*pipeline.Result, Incremental, error) {
	// A site of several languages is built whole: its pages link their
	// translations, which no incremental path follows (nor an edit of
	// languages:, which is one of site.yaml).
	if b := s.last; b != nil && !b.Site.Config.Multilingual() {
		if pages := change.Bodies(b.Site, s.opts.Source, changed); pages != nil {
			res, written := s.rerender(pages)
			return res, Incremental{Written: written}, nil
		}
		// change.Reads follows what the built-in theme's layouts read; a
		// site's own layout may read more, so its model edits build all.
		if m := change.Models(b.Site, b.Input.ProductSources, s.opts.Source, changed); m != nil && !b.Theme.OwnLayouts() {
			if res, written, ok := s.remodel(m); ok {
				return res, Incremental{Written: written}, nil
			}
		}
		if tc := change.ThemeFiles(themeDir(b), changed); tc != nil {
			if res, written, ok := s.retheme(tc); ok {
				return res, Incremental{Written: written}, nil
			}
		}
	}
	opts := s.opts
	if opts.Now.IsZero() {
		opts.Now = time.Now() // a long session moves with the calendar
	}
	res, b, err := pipeline.Run(opts)
	s.last, s.goRan, s.charts = nil, map[string]bool{}, nil
	if err == nil && b != nil && !res.Diagnostics.HasErrors() {
		s.last = b
	}
	return res, Incremental{Full: true}, err
}

// rerender renders the changed pages into the served folder, updates the
// search index's files they touched and re-checks every anchor link.
func (s *Session) rerender(pages []change.Page) (*pipeline.Result, []string) {
	b := s.last
	res, w := start(b)
	var jobs []render.Job
	var written []string
	loaded := make([]*content.Page, len(pages))
	for i, p := range pages {
		p.Node.Page, loaded[i] = p.Page, p.Page
		jobs = append(jobs, render.NewJob(p.Node, 1))
		written = append(written, p.Node.URL)
	}
	change.ReplacePages(b.Input.Tree, loaded) // the next model edit starts from the pages as they are now
	s.chartPagesOf = nil                      // a body may have a chart block now
	b.Render(jobs, w, b.Theme, b.Search != nil, res)
	written = append(written, b.Search.Changes(w)...)
	return s.finish(res, w), written
}

// retheme copies changed static files and re-renders, with the theme
// loaded again, the pages of changed layouts and of the layouts that run
// a changed partial or the base layout (partialUsers), into the served
// folder. A layout no page used before (a new override may change which
// layout pages get) is left to a full build.
func (s *Session) retheme(tc *change.Theme) (*pipeline.Result, []string, bool) {
	b := s.last
	byLayout := map[string][]*site.Node{}
	for _, n := range b.Site.Nodes {
		if l := render.Layout(b.Theme, n); l != "" {
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
		if src, ok := b.Writer.Owner("/" + f); !ok || src.Origin != output.FromTheme {
			return nil, nil, false
		}
	}
	th, err := load.Theme(s.opts.Source, b.Site.Config, s.opts.Off, !s.opts.PlainAssets)
	if err != nil {
		return nil, nil, false // the full build reports it
	}
	layouts, notFound := slices.Clone(tc.Layouts), false
	if len(tc.Partials) > 0 {
		l404, _ := b.Theme.Lookup(content.LayoutsFor(content.Kind404, "")...)
		users, ok := s.partialUsers(th, tc.Partials, append(slices.Collect(maps.Keys(byLayout)), l404))
		if !ok {
			return nil, nil, false
		}
		for _, l := range users {
			switch {
			case l == l404:
				notFound = true
			case !slices.Contains(layouts, l):
				layouts = append(layouts, l)
			}
		}
	}
	res, w := start(b)
	pub := &publish.Publisher{Site: b.Site, Theme: th, Images: b.Images, Writer: w, Diags: res.Diagnostics}
	var written []string
	for _, f := range tc.Static {
		if !pub.Static(f) {
			return nil, nil, false // deleted: a full build removes it
		}
		written = append(written, "/"+f)
	}
	var jobs []render.Job
	for _, l := range layouts {
		jobs = appendJobs(jobs, b.Site, byLayout[l], nil)
	}
	// Where the product layout places the charts may have moved; asked
	// before the layouts run.
	b.Placement = render.Placement(b.Site, th)
	// A layout changes no page's words: the index stays as it is.
	pub.Renderer = b.Render(jobs, w, th, false, res)
	written = append(written, paths(jobs)...)
	if notFound {
		pub.Write(slices.DeleteFunc(publish.GeneratedFiles(b.Site, th), func(f publish.File) bool { return f.Path != "/404.html" }))
		res.Pages += pub.Pages
		written = append(written, "/404.html")
	}
	for _, d := range b.Theme.Direct() {
		s.goRan[d] = true
	}
	b.Theme = th
	return s.finish(res, w), written, true
}

// partialUsers are the layouts (of layouts) that run a template the
// edited files of the base set define, in the last theme or in th, the
// theme loaded again. Not ok, a full build's, where that cannot be told:
// a file new or gone, a partial that Go code ran (the feedback form: its
// pages are not its layouts'), a site file's template of the theme's own
// (it may call partialCached too), a layout that does not parse.
func (s *Session) partialUsers(th *theme.Theme, files, layouts []string) ([]string, bool) {
	last := s.last.Theme
	var names []string
	for _, f := range files {
		o, n := last.Defines(f), th.Defines(f)
		if o == nil || n == nil {
			return nil, false
		}
		names = append(append(names, o...), n...)
	}
	direct := last.Direct()
	if slices.ContainsFunc(names, func(n string) bool { return s.goRan[n] || slices.Contains(direct, n) }) {
		return nil, false
	}
	for _, f := range theme.SiteFiles {
		if last.HasSiteFile(f) || th.HasSiteFile(f) {
			return nil, false
		}
	}
	calls := map[string]change.Calls{}
	for _, l := range layouts {
		if l == "" {
			continue
		}
		c := change.Calls{Names: map[string]bool{}}
		for _, t := range []*theme.Theme{last, th} {
			ns, any, err := t.Calls(l)
			if err != nil {
				return nil, false
			}
			maps.Copy(c.Names, ns)
			c.Any = c.Any || any
		}
		calls[l] = c
	}
	return change.Users(names, calls), true
}

// remodel loads the changed pages and the product data again, resolves
// the model again and renders the outputs that read what changed
// (change.Reads), the site files made from the model and the search
// index's changed files. Not ok — a full build follows — when the new
// model has other pages than the last, or any error: the full build
// reports it.
func (s *Session) remodel(m *change.Model) (*pipeline.Result, []string, bool) {
	b := s.last
	in := *b.Input
	tree := *in.Tree
	tree.Pages = slices.Clone(tree.Pages)
	if change.Reaches(tree.Pages, m.Pages) || !change.ReplacePages(&tree, m.Pages) {
		return nil, nil, false
	}
	edited := map[string]bool{}
	for _, p := range m.Pages {
		edited[p.Source] = true
	}
	in.Tree = &tree
	loaded := change.ReplaceDiagnostics(b.Load, edited, nil)
	if m.Products {
		synced := s.readingOf == b // the reading's last products are the model's
		products, sources, pds := s.products.Load(tree.Files, tree.Data, in.Config.Currency)
		s.readingOf = nil // until the model is made of them
		if len(m.Pages) == 0 {
			if res, written, ok := s.refigure(products, sources, pds, synced); ok {
				return res, written, true
			}
		}
		if !slices.Equal(sources, in.ProductSources) {
			return nil, nil, false
		}
		from := map[string]bool{}
		for _, f := range sources {
			from[f] = true
		}
		loaded = change.ReplaceDiagnostics(loaded, from, pds)
		in.Products = products
	}
	opts := b.Opts
	if s.opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	ns, rds := site.Resolve(in, opts.SiteOptions())
	// Menus are on every page and redirects are files of the plan: an edit
	// that changes them (menu:, aliases:, a title a menu shows) is a full
	// build.
	if hasErrors(loaded) || hasErrors(rds) || !change.SamePages(b.Site, ns) || !reflect.DeepEqual(b.Site.Menus, ns.Menus) ||
		!reflect.DeepEqual(b.Site.Redirects, ns.Redirects) || !b.Search.Rebind(ns) {
		return nil, nil, false
	}
	for i, n := range ns.Nodes {
		if o := b.Site.Nodes[i]; n.Advisor != nil && o.Advisor != nil {
			n.Advisor.Photo, n.Advisor.PhotoURL = o.Advisor.Photo, o.Advisor.PhotoURL // made by the full build's images
		}
	}
	outs, ok := change.Reads(b.Site, ns, edited, m.Products)
	if !ok {
		b.Search.Rebind(b.Site)
		return nil, nil, false
	}
	sameDates := change.SameDates(b.Site, ns)
	b.Input, b.Site, b.Opts.Now, b.Load, b.Resolved = &in, ns, opts.Now, loaded, rds
	if m.Products {
		s.readingOf = b
	}
	b.Theme.ForgetCached()
	res, w := start(b)
	jobs := outputJobs(b, outs)
	r := b.Render(jobs, w, b.Theme, b.Search != nil, res)
	files := publish.GeneratedFiles(ns, b.Theme)
	if sameDates && !b.Theme.HasSiteFile("sitemap.xml") {
		// The sitemap shows each page's address, date and lastmod only.
		files = slices.DeleteFunc(files, func(f publish.File) bool { return f.Path == "/sitemap.xml" })
	}
	pub := &publish.Publisher{Site: ns, Theme: b.Theme, Renderer: r, Images: b.Images, Writer: w, Diags: res.Diagnostics}
	pub.Write(files)
	written := paths(jobs)
	for _, f := range files {
		written = append(written, f.Path)
	}
	written = append(written, b.Search.Changes(w)...)
	return s.finish(res, w), written, true
}

// outputJobs are the jobs of the outputs of b's model, an advisor's
// vCard made again as the plan claimed it.
func outputJobs(b *pipeline.Built, outs []change.Output) []render.Job {
	var jobs []render.Job
	for _, o := range outs {
		jobs = appendJobs(jobs, b.Site, []*site.Node{o.Node}, o.Pages)
	}
	for i, j := range jobs {
		if a := j.Node.Advisor; j.Number == 1 && a != nil && j.Node.Kind == content.KindAdvisor {
			_, jobs[i].VCard = b.Writer.Owner(a.VCardURL)
		}
	}
	return jobs
}

// appendJobs appends the jobs of the nodes' pages to jobs: the pages
// numbered (1-based), or, with nil, every page of each node's list.
func appendJobs(jobs []render.Job, s *site.Site, nodes []*site.Node, pages []int) []render.Job {
	for _, n := range nodes {
		ps := pages
		if ps == nil {
			for p := 1; p <= render.PageCount(s, n); p++ {
				ps = append(ps, p)
			}
		}
		for _, p := range ps {
			jobs = append(jobs, render.NewJob(n, p))
		}
	}
	return jobs
}

// paths are the site paths of the jobs' pages.
func paths(jobs []render.Job) []string {
	out := make([]string, len(jobs))
	for i, j := range jobs {
		out[i] = j.Path()
	}
	return out
}

func hasErrors(ds []diag.Diagnostic) bool {
	return slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Severity == diag.Error })
}

// start is the result of an incremental build and the writer into the
// served folder it writes with: the registry of the last full build,
// another sink.
func start(b *pipeline.Built) (*pipeline.Result, *output.Writer) {
	res := pipeline.NewResult()
	res.Site = b.Site
	return res, b.Writer.To(output.Live(b.Opts.Dest))
}

// finish adds the diagnostics of the last full build but its pages', of
// every page as rendered now, and of the writes; after an error the next
// change builds everything, so nothing stays half-known.
func (s *Session) finish(res *pipeline.Result, w *output.Writer) *pipeline.Result {
	res.Diagnostics.Add(s.last.Load...)
	res.Diagnostics.Add(s.last.Resolved...)
	res.Diagnostics.Add(s.last.Rest...)
	res.Diagnostics.Add(s.last.Placement...)
	res.Diagnostics.Add(s.last.Record.Diagnostics(s.last.Site)...)
	res.Diagnostics.Add(w.Diagnostics()...)
	if res.Diagnostics.HasErrors() {
		s.last = nil
	}
	return res.Done()
}

// themeDir is the site's theme folder.
func themeDir(b *pipeline.Built) string {
	return filepath.Join(b.Opts.Source, "themes", b.Site.Config.Theme)
}
