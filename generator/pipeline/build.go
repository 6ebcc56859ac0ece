// Package pipeline ties the pipeline together: load (settings, content, data),
// resolve (the site model and its references), render (Markdown and
// templates, in parallel) and write (into a staging folder, swapped in only
// when the whole build succeeded). The stages are plain functions over plain
// data; this package only orders them.
package pipeline

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/klartext/klartext/generator/chart"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/imaging"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/shortcut"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/theme"
)

// Options are the build's inputs beyond the site itself.
type Options struct {
	Source     string    // site root (holds content/)
	Dest       string    // output folder; default <Source>/public
	Drafts     bool      // include draft: true pages
	Future     bool      // include pages dated after Now
	AllowStale bool      // a page past valid_until warns instead of failing
	Now        time.Time // the build's "today"; default time.Now()
	DryRun     bool      // validate everything, write nothing (klartext check)
	// Off turns shortcuts off (package shortcut): shortcut.All is the
	// reference build, which a test compares to the byte with a build
	// that takes them.
	Off shortcut.Set
	// PageBudget is how long one page may take to render before the build
	// gives up on it with an error naming it; 0 is DefaultPageBudget.
	PageBudget time.Duration
	// Progress, when set, is called now and then while pages render with
	// the number done and the total (klartext shows it on a terminal).
	Progress func(done, total int)
}

// siteOptions are the options of the resolve stage.
func (o Options) siteOptions() site.Options {
	return site.Options{Drafts: o.Drafts, Future: o.Future, AllowStale: o.AllowStale, Now: o.Now}
}

// Phase is the time one stage took.
type Phase struct {
	Name     string
	Duration time.Duration
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
}

// Build runs the whole pipeline. It returns an error only when it could not
// run at all; problems in the content are in Result.Diagnostics, and any
// error among them means nothing was written.
func Build(opts Options) (*Result, error) {
	res, _, err := full(opts)
	return res, err
}

// state is what a full build leaves for incremental ones.
type state struct {
	site      *site.Site
	renderer  *renderer
	baseDiags []diag.Diagnostic // of loading, resolving and the site-wide files
}

// full runs the whole pipeline and returns its state.
func full(opts Options) (*Result, *state, error) {
	start := time.Now()
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	res := &Result{Diagnostics: &diag.List{}, ByKind: map[content.Kind]int{}}
	ds := res.Diagnostics
	phase := func(name string, t0 time.Time) {
		res.Phases = append(res.Phases, Phase{name, time.Since(t0)})
	}

	t0 := time.Now()
	in, th := load(opts, ds)
	phase("load", t0)

	t0 = time.Now()
	s, rds := site.Resolve(in, opts.siteOptions())
	ds.Add(rds...)
	res.Site = s
	res.Skipped = s.Skipped
	var search *searchState
	if s.Search != nil {
		search = newSearchState(s)
	}
	phase("resolve", t0)

	if th == nil {
		res.Duration = time.Since(start)
		return res, nil, nil
	}

	var stage *output.Staging
	var err error
	if !opts.DryRun {
		if err := output.CheckOverlap(opts.Dest, opts.Source, content.Dir); err != nil {
			return nil, nil, err
		}
		stage, err = output.Begin(opts.Dest)
		if err != nil {
			return nil, nil, err
		}
	}
	var out sink
	if stage != nil {
		out = stage
	}
	r := newRenderer(s, th, out, ds)
	r.progress = opts.Progress
	r.off = opts.Off
	r.pageBudget = opts.PageBudget
	if search != nil {
		r.search, r.indexing = search, !opts.DryRun
		r.view.Search = s.Config.RelURL(search.page.URL)
	}
	if opts.Off.Takes(shortcut.ChartSkeletons) {
		r.skeletons = &chart.Skeletons{}
	}
	r.claimOutputs(publishable(s.Config, s.Files, s.PublishedAssets(in.Tree), ds))

	t0 = time.Now()
	r.prepareImages(in.Tree, filepath.Join(opts.Source, imaging.CacheDir), ds)
	phase("images", t0)

	t0 = time.Now()
	r.renderAll()
	r.checkAnchors()
	r.reportImages(ds)
	phase("render", t0)

	t0 = time.Now()
	r.writeSiteFiles()
	r.writeSearchIndex()
	phase("write", t0)
	st := &state{site: s, renderer: r, baseDiags: ds.All()}
	ds.Add(r.diagnostics()...)
	res.Pages, res.Files, res.ByKind, res.Charts = r.pages, r.files, r.byKind, r.charts
	res.Templates = th.Stats()
	if pub := r.images.publisher(); pub != nil {
		res.ImageDecodes, res.ImageEncodes = pub.Decodes(), pub.Encodes()
	}

	if stage != nil {
		if ds.HasErrors() {
			if err := stage.Abort(); err != nil {
				return nil, nil, fmt.Errorf("cannot remove the staging folder: %w", err)
			}
		} else if err := stage.Commit(); err != nil {
			_ = stage.Abort()
			return nil, nil, err
		}
	}
	res.Duration = time.Since(start)
	return res, st, nil
}
