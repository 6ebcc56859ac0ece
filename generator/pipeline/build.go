// Package pipeline orders a build's stages:
//
//	Build = load → resolve → render → publish → commit
//
// load reads the site (package load), site.Resolve makes the model, render
// renders the pages in parallel, publish makes the site's other files and
// the search index, and the staging folder is swapped in only when the
// whole build succeeded. Each stage is a function of what the stages
// before it made; klartext serve's incremental builds (Session) run the
// same stages on the last build's model with the served folder as their
// sink.
package pipeline

import (
	"path/filepath"
	"sync"
	"time"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/imaging"
	"github.com/klartext/klartext/generator/load"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/publish"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/shortcut"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/theme"
)

// Options are the build's inputs beyond the site itself.
type Options struct {
	Source     string    // site root (holds content/)
	Dest       string    // output folder; default <Source>/public
	BaseURL    string    // replaces site.yaml's baseURL when set (--baseURL: a staging build)
	Drafts     bool      // include draft: true pages
	Future     bool      // include pages dated after Now
	AllowStale bool      // a page past valid_until warns instead of failing
	Now        time.Time // the build's "today"; default time.Now()
	DryRun     bool      // validate everything, write nothing (klartext check)
	// Redirects names the web server whose redirect snippet is written
	// beside _redirects (--redirects nginx|apache; publish.Snippets);
	// "" for none.
	Redirects string
	// PlainAssets keeps the theme's CSS and JS under their own names,
	// without integrity: klartext serve's sessions, where an edited
	// stylesheet swaps in without a new page. A build names them by
	// their content (package assethash).
	PlainAssets bool
	// Off turns shortcuts off (package shortcut): shortcut.All is the
	// reference build, which a test compares to the byte with a build
	// that takes them.
	Off shortcut.Set
	// PageBudget is how long one page may take to render before the build
	// gives up on it with an error naming it; 0 is render.DefaultPageBudget.
	PageBudget time.Duration
	// Progress, when set, is called now and then while pages render with
	// the number done and the total (klartext shows it on a terminal).
	Progress func(done, total int)
}

// Result is what a build did.
type Result struct {
	Pages       int // HTML pages written
	Files       int // all files written (pages, feeds, assets, static files)
	ByKind      map[content.Kind]int
	Charts      int
	Diagnostics *diag.List
	Skipped     []site.Skipped
	Phases      []Phase
	Templates   []theme.TemplateStat
	// ImageDecodes and ImageEncodes count the image work: both are 0
	// when every image came from the cache (<site>/.klartext-cache).
	ImageDecodes, ImageEncodes int64
	Duration                   time.Duration
	Site                       *site.Site // the resolved model (for klartext check's reports)

	mu    sync.Mutex
	start time.Time
}

// Phase is the time one stage took.
type Phase struct {
	Name     string
	Duration time.Duration
}

// Build runs the whole pipeline. It returns an error only when it could not
// run at all; problems in the content are in Result.Diagnostics, and any
// error among them means nothing was written.
func Build(opts Options) (*Result, error) {
	res, _, err := full(opts, false)
	return res, err
}

// built is what a build made: the model, the theme, the output plan and
// its writer, the images, the search index, what the pages left. A
// Session keeps it for the incremental builds that follow.
type built struct {
	opts   Options
	site   *site.Site
	theme  *theme.Theme
	plan   *publish.Plan
	writer *output.Writer
	images *publish.Images
	logo   *site.Picture   // the brand's logo as published (Images.Logo); nil without one
	search *publish.Search // nil: no index is written
	record *render.Record
	shared *sharedFiles // nil but for a language that is not the default
	// The diagnostics of everything but the pages: of the load stage, of
	// resolve, and of the rest (the plan, the images, the writes), apart
	// because klartext serve's model edits load and resolve again.
	load, resolved, rest []diag.Diagnostic
	// in is what the load stage read; kept only for a Session (keepInput).
	in *site.Input
}

// full runs the whole pipeline and returns what it built, with what the
// load stage read when keepInput (a Session's model edits start from it).
// A site of several languages is built once per language, each into its
// folder of the one staging folder (the default's at its root), from one
// load: its sites are linked as translations (site.LinkLanguages) before
// any page renders; what it returns is the default language's.
func full(opts Options, keepInput bool) (*Result, *built, error) {
	opts = opts.withDefaults()
	res := newResult()
	lds := &diag.List{}
	langs := load.Sites(load.Options{Root: opts.Source, BaseURL: opts.BaseURL, Site: opts.siteOptions(), Off: opts.Off, FindFrames: !opts.DryRun, PlainAssets: opts.PlainAssets}, lds)
	sites := make([]*site.Site, len(langs))
	resolved := make([][]diag.Diagnostic, len(langs))
	res.phase("load")
	for i, l := range langs {
		sites[i], resolved[i] = site.Resolve(l.Input, opts.siteOptions())
	}
	linkLanguages(sites, langs)
	resolved[0] = append(resolved[0], site.FolderClashes(sites)...)
	loaded := lds.All()
	res.Diagnostics.Add(loaded...)
	var once once
	if len(langs) > 1 {
		once = map[string]bool{}
	}
	for i, rds := range resolved {
		res.Diagnostics.Add(once.add(rds, i == 0)...)
	}
	s := sites[0]
	res.Site, res.Skipped = s, s.Skipped
	for _, o := range sites[1:] {
		res.Skipped = append(res.Skipped, o.Skipped...) // an English draft is skipped too
	}
	res.phase("resolve")
	if langs[0].Theme == nil {
		return res.done(), nil, nil
	}
	out, err := output.Open(opts.Dest, opts.Source, content.Dir, opts.DryRun)
	if err != nil {
		return nil, nil, err
	}
	// What was loaded is the model's now: only the trees (for the assets
	// and images) and the themes are kept while the pages render, and
	// the whole input of the default language for a Session.
	var in *site.Input
	if keepInput {
		in = &langs[0].Input
	}
	trees, themes := make([]*content.Tree, len(langs)), make([]*theme.Theme, len(langs))
	for i, l := range langs {
		trees[i], themes[i] = l.Input.Tree, l.Theme
	}
	langs = nil
	var first *built
	for i, th := range themes {
		if th == nil {
			continue // reported: the language has no words
		}
		var sink output.Sink = out
		var shared *sharedFiles
		if i > 0 {
			sink = output.Below(out, config.LanguageFolder(sites[i].Config.Language))
			shared = &sharedFiles{first, first.writer.To(out)}
		}
		b := buildLanguage(opts, sites[i], trees[i], th, sink, shared, res)
		if i == 0 {
			b.load, b.resolved, b.in, first = loaded, resolved[0], in, b
		}
		res.Diagnostics.Add(once.add(b.rest, i == 0)...)
		res.Diagnostics.Add(once.add(b.record.Diagnostics(sites[i]), i == 0)...)
		res.Files += b.writer.Files()
		if shared != nil {
			res.Files += shared.writer.Files()
		}
		res.Templates = append(res.Templates, th.Stats()...)
	}
	// Every language's images are the default's: its count is theirs.
	res.ImageDecodes, res.ImageEncodes = first.images.Work()
	if err := out.Finish(!res.Diagnostics.HasErrors()); err != nil {
		return nil, nil, err
	}
	return res.done(), first, nil
}

// sharedFiles are, for the site of a language that is not the default,
// the files every language shares: the default language's build, which
// published them once at its address, and a writer of its plan for the
// sizes of images that only this language's pages show.
type sharedFiles struct {
	def    *built
	writer *output.Writer
}

// buildLanguage renders and publishes the site of one language into sink:
// the plan, the images, the pages, the site's files, the search index.
// shared is nil for the default language (or the one of the site).
func buildLanguage(opts Options, s *site.Site, tree *content.Tree, th *theme.Theme, sink output.Sink, shared *sharedFiles, res *Result) *built {
	ds := &diag.List{}         // the rest's
	var assets []content.Asset // another language's are the default's (shared)
	if shared == nil {
		assets = publish.Publishable(s.Config, s.Files, s.PublishedAssets(tree), ds)
	}
	plan, pds := publish.NewPlan(s, th, assets, opts.Redirects)
	ds.Add(pds...)
	ds.Add(render.Placement(s, th)...)
	b := &built{opts: opts, site: s, theme: th, plan: plan, writer: output.NewWriter(plan.Registry, sink), record: render.NewRecord(), shared: shared}
	if plan.Index && !opts.DryRun {
		b.search = publish.NewSearch(s)
	}
	if shared == nil {
		b.images = publish.PrepareImages(s, tree, filepath.Join(opts.Source, imaging.CacheDir), !opts.DryRun, b.writer, ds)
	} else {
		b.images = shared.def.images.ForLanguage(s, shared.writer, ds)
	}
	var logoDiags []diag.Diagnostic
	b.logo, logoDiags = b.images.Logo(s.Config.Brand)
	ds.Add(logoDiags...)
	res.phase("images")

	r := b.render(plan.Jobs, b.writer, th, b.search != nil, res)
	b.images.Report(ds)
	res.phase("render")

	pub := &publish.Publisher{Site: s, Theme: th, Renderer: r, Images: b.images, Writer: b.writer, Diags: ds}
	pub.Write(plan.Files)
	b.search.Write(b.writer)
	res.Pages += pub.Pages
	res.ByKind[content.Kind404] += pub.Pages
	res.phase("write")

	ds.Add(b.writer.Diagnostics()...)
	if shared != nil {
		ds.Add(shared.writer.Diagnostics()...)
	}
	b.rest = ds.All()
	return b
}

// linkLanguages links the pages of a site of several languages, each
// language named in itself by its theme's words.
func linkLanguages(sites []*site.Site, langs []load.Language) {
	if len(sites) < 2 {
		return
	}
	words := make([]site.LanguageWords, len(langs))
	for i, l := range langs {
		if l.Theme == nil {
			return // reported: the build fails
		}
		words[i] = site.LanguageWords{Catalog: l.Theme.Words(), NoPage: l.Theme.Translate("language_no_page")}
	}
	site.LinkLanguages(sites, words)
}

// once keeps a diagnostic that the sites of several languages report
// alike (a product's data, a file every language reads) from being
// reported once per language: the default language's are all kept, the
// others' only where the default's had none alike.
type once map[string]bool

func (o once) add(ds []diag.Diagnostic, first bool) []diag.Diagnostic {
	if o == nil {
		return ds // a site of one language
	}
	out := ds[:0:0]
	for _, d := range ds {
		k := d.Severity.String() + "\x00" + d.Error()
		if first || !o[k] {
			o[k] = true
			out = append(out, d)
		}
	}
	return out
}

// render renders the jobs with the theme th into w: each page's files
// written, its entry handed to the search index (with index), what it
// left kept in the record and counted in res.
func (b *built) render(jobs []render.Job, w *output.Writer, th *theme.Theme, index bool, res *Result) *render.Renderer {
	env := render.Env{Site: b.site, Theme: th, Off: b.opts.Off, Images: b.images.For(w), Logo: b.logo, Index: index,
		Published: func(p string) bool { _, ok := w.Owner(p); return ok }}
	if b.shared != nil {
		env.Shared = b.shared.def.plan.Shares
	}
	r := render.New(env)
	render.Run(r, jobs, render.RunOptions{Budget: b.opts.PageBudget, Progress: b.opts.Progress}, func(p *render.Page) {
		if p.VCard != nil {
			w.Write(p.Job.Node.Advisor.VCardURL, p.VCard)
		}
		if p.HTML != nil {
			w.Write(p.Job.Out, p.HTML)
			if index {
				b.search.Add(p, w)
			}
		}
		b.record.Add(p)
		res.count(p)
	})
	return r
}

// siteOptions are the options of the resolve stage.
func (o Options) siteOptions() site.Options {
	return site.Options{Drafts: o.Drafts, Future: o.Future, AllowStale: o.AllowStale, Now: o.Now}
}

func (o Options) withDefaults() Options {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Source == "" {
		o.Source = "."
	}
	if o.Dest == "" {
		o.Dest = filepath.Join(o.Source, "public")
	}
	return o
}

func newResult() *Result {
	return &Result{Diagnostics: &diag.List{}, ByKind: map[content.Kind]int{}, start: time.Now()}
}

// phase records the time since the last phase ended.
func (res *Result) phase(name string) {
	since := res.start
	for _, p := range res.Phases {
		since = since.Add(p.Duration)
	}
	res.Phases = append(res.Phases, Phase{name, time.Since(since)})
}

// count counts a rendered page.
func (res *Result) count(p *render.Page) {
	res.mu.Lock()
	defer res.mu.Unlock()
	res.Charts += p.Charts
	if p.HTML != nil {
		res.Pages++
		if p.Job.Number == 1 {
			res.ByKind[p.Job.Node.Kind]++
		}
	}
}

func (res *Result) done() *Result {
	res.Duration = time.Since(res.start)
	return res
}
