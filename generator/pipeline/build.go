// Package pipeline orders a build's stages:
//
//	Build = load → resolve → render → publish → commit
//
// load reads the site (package load), site.Resolve makes the model, render
// renders the pages in parallel, publish makes the site's other files and
// the search index, and the staging folder is swapped in only when the
// whole build succeeded. Each stage is a function of what the stages
// before it made; klartext serve (package incremental) runs them again on
// what Run returns (Built), into the served folder.
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

	mu          sync.Mutex
	start, last time.Time // when the build began, when its last phase ended
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
	res, _, err := run(opts, false)
	return res, err
}

// Built is what a build made (the model, the theme, the plan and its writer,
// the images, the index, the render record, what the load stage read): a
// session of klartext serve keeps it for the incremental builds that follow.
type Built struct {
	Opts   Options // with the defaults filled in
	Site   *site.Site
	Theme  *theme.Theme
	Plan   *publish.Plan
	Writer *output.Writer
	Images *publish.Images
	Logo   *site.Picture   // the brand's logo as published (Images.Logo); nil without one
	Search *publish.Search // nil: no index is written
	Record *render.Record
	// The diagnostics of all but the pages (of the load stage, resolve, the
	// rest — plan, images, writes — and render.Placement), apart: a model
	// edit loads and resolves again, a theme edit places the charts again.
	Load, Resolved, Rest, Placement []diag.Diagnostic
	Input                           *site.Input  // what the load stage read
	shared                          *sharedFiles // nil but for a language that is not the default
}

// Run is Build that returns what it built as well (nil when the theme did
// not load), with what the load stage read (Built.Input), which Build lets
// go once the images are prepared.
//
// A site of several languages is built once per language, each into its
// folder of the one staging folder (the default's at its root), from one
// load: its sites are linked as translations (site.LinkLanguages) before
// any page renders; what Run returns is the default language's.
func Run(opts Options) (*Result, *Built, error) { return run(opts, true) }

func run(opts Options, keepInput bool) (*Result, *Built, error) {
	opts = opts.withDefaults()
	res := NewResult()
	lds := &diag.List{}
	langs := load.Sites(load.Options{Root: opts.Source, BaseURL: opts.BaseURL, Site: opts.SiteOptions(), Off: opts.Off, FindFrames: !opts.DryRun, PlainAssets: opts.PlainAssets}, lds)
	res.phase("load")
	sites := make([]*site.Site, len(langs))
	resolved := make([][]diag.Diagnostic, len(langs))
	for i, l := range langs {
		sites[i], resolved[i] = site.Resolve(l.Input, opts.SiteOptions())
	}
	site.LinkLanguages(sites, load.Words(langs))
	resolved[0] = append(resolved[0], site.FolderClashes(sites)...)
	loaded := lds.All()
	res.Diagnostics.Add(loaded...)
	once := diag.NewOnce(len(langs) > 1)
	for i, rds := range resolved {
		res.Diagnostics.Add(once.Add(rds, i == 0)...)
	}
	res.Site, res.Skipped = sites[0], sites[0].Skipped
	for _, o := range sites[1:] {
		res.Skipped = append(res.Skipped, o.Skipped...) // an English draft is skipped too
	}
	res.phase("resolve")
	if langs[0].Theme == nil {
		return res.Done(), nil, nil
	}
	out, err := output.Open(opts.Dest, opts.Source, content.Dir, opts.DryRun)
	if err != nil {
		return nil, nil, err
	}
	// What was loaded is the model's now: only the trees (for the assets
	// and images) and the themes are kept while the pages render, and
	// the whole input of the default language for a session.
	var in *site.Input
	if keepInput {
		in = &langs[0].Input
	}
	trees, themes := make([]*content.Tree, len(langs)), make([]*theme.Theme, len(langs))
	for i, l := range langs {
		trees[i], themes[i] = l.Input.Tree, l.Theme
	}
	langs = nil
	var first *Built
	for i, th := range themes {
		if th == nil {
			continue // reported: the language has no words
		}
		var sink output.Sink = out
		var shared *sharedFiles
		if i > 0 {
			sink = output.Below(out, config.LanguageFolder(sites[i].Config.Language))
			shared = &sharedFiles{first, first.Writer.To(out)}
		}
		b := buildLanguage(opts, sites[i], trees[i], th, sink, shared, res)
		if i == 0 {
			b.Load, b.Resolved, b.Input, first = loaded, resolved[0], in, b
		}
		res.Diagnostics.Add(once.Add(b.Rest, i == 0)...)
		res.Diagnostics.Add(once.Add(b.Placement, i == 0)...)
		res.Diagnostics.Add(once.Add(b.Record.Diagnostics(sites[i]), i == 0)...)
		res.Files += b.Writer.Files()
		if shared != nil {
			res.Files += shared.writer.Files()
		}
		res.Templates = append(res.Templates, th.Stats()...)
	}
	// Every language's images are the default's: its count is theirs.
	res.ImageDecodes, res.ImageEncodes = first.Images.Work()
	if err := out.Finish(!res.Diagnostics.HasErrors()); err != nil {
		return nil, nil, err
	}
	return res.Done(), first, nil
}

// sharedFiles are, for the site of a language that is not the default,
// the files every language shares: the default language's build, which
// published them once at its address, and a writer of its plan for the
// sizes of images that only this language's pages show.
type sharedFiles struct {
	def    *Built
	writer *output.Writer
}

// buildLanguage renders and publishes the site of one language into sink:
// the plan, the images, the pages, the site's files, the search index.
// shared is nil for the default language (or the one of the site).
func buildLanguage(opts Options, s *site.Site, tree *content.Tree, th *theme.Theme, sink output.Sink, shared *sharedFiles, res *Result) *Built {
	ds := &diag.List{}         // the rest's
	var assets []content.Asset // another language's are the default's (shared)
	if shared == nil {
		assets = publish.Publishable(s.Config, s.Files, s.PublishedAssets(tree), ds)
	}
	plan, pds := publish.NewPlan(s, th, assets, opts.Redirects)
	ds.Add(pds...)
	b := &Built{Opts: opts, Site: s, Theme: th, Plan: plan, Writer: output.NewWriter(plan.Registry, sink), Record: render.NewRecord(),
		Placement: render.Placement(s, th), shared: shared}
	if plan.Index && !opts.DryRun {
		b.Search = publish.NewSearch(s)
	}
	if shared == nil {
		b.Images = publish.PrepareImages(s, tree, filepath.Join(opts.Source, imaging.CacheDir), !opts.DryRun, b.Writer, ds)
	} else {
		b.Images = shared.def.Images.ForLanguage(s, shared.writer, ds)
	}
	var logoDiags []diag.Diagnostic
	b.Logo, logoDiags = b.Images.Logo(s.Config.Brand)
	ds.Add(logoDiags...)
	res.phase("images")

	r := b.Render(plan.Jobs, b.Writer, th, b.Search != nil, res)
	b.Images.Report(ds)
	res.phase("render")

	pub := &publish.Publisher{Site: s, Theme: th, Renderer: r, Images: b.Images, Writer: b.Writer, Diags: ds}
	pub.Write(plan.Files)
	b.Search.Write(b.Writer)
	res.Pages += pub.Pages
	res.ByKind[content.Kind404] += pub.Pages
	res.phase("write")

	ds.Add(b.Writer.Diagnostics()...)
	if shared != nil {
		ds.Add(shared.writer.Diagnostics()...)
	}
	b.Rest = ds.All()
	return b
}

// Render renders the jobs with the theme th into w: each page's files
// written, its entry handed to the search index (with index), what it
// left kept in the record and counted in res.
func (b *Built) Render(jobs []render.Job, w *output.Writer, th *theme.Theme, index bool, res *Result) *render.Renderer {
	env := render.Env{Site: b.Site, Theme: th, Off: b.Opts.Off, Images: b.Images.For(w), Logo: b.Logo, Index: index,
		Published: func(p string) bool { _, ok := w.Owner(p); return ok }}
	if b.shared != nil {
		env.Shared = b.shared.def.Plan.Shares
	}
	r := render.New(env)
	render.Run(r, jobs, render.RunOptions{Budget: b.Opts.PageBudget, Progress: b.Opts.Progress}, func(p *render.Page) {
		if p.VCard != nil {
			w.Write(p.Job.Node.Advisor.VCardURL, p.VCard)
		}
		if p.HTML != nil {
			w.Write(p.Job.Out, p.HTML)
			if index {
				b.Search.Add(p, w)
			}
		}
		b.Record.Add(p)
		res.count(p)
	})
	return r
}

// SiteOptions are the options of the resolve stage.
func (o Options) SiteOptions() site.Options {
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

// NewResult is an empty result, its clock started.
func NewResult() *Result {
	now := time.Now()
	return &Result{Diagnostics: &diag.List{}, ByKind: map[content.Kind]int{}, start: now, last: now}
}

// phase records the time since the last phase ended.
func (res *Result) phase(name string) {
	now := time.Now()
	res.Phases = append(res.Phases, Phase{name, now.Sub(res.last)})
	res.last = now
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

// Done stops the result's clock.
func (res *Result) Done() *Result {
	res.Duration = time.Since(res.start)
	return res
}
