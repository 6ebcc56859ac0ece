// Package build ties the pipeline together: load (settings, content, data),
// resolve (the site model and its references), render (Markdown and
// templates, in parallel) and write (into a staging folder, swapped in only
// when the whole build succeeded). The stages are plain functions over plain
// data; this package only orders them.
package build

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/klartext/klartext/generator/chart"
	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/data"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/imaging"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/product"
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
	// Off turns shortcuts off (shortcuts.go): AllShortcuts is the
	// reference build, which a test compares to the byte with a build
	// that takes them.
	Off Shortcut
	// PageBudget is how long one page may take to render before the build
	// gives up on it with an error naming it; 0 is DefaultPageBudget.
	PageBudget time.Duration
	// Progress, when set, is called now and then while pages render with
	// the number done and the total (klartext shows it on a terminal).
	Progress func(done, total int)
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
	Skipped     []Skipped
	Phases      []Phase
	Templates   []theme.TemplateStat
	// ImageDecodes and ImageEncodes count the image work: both are 0
	// when every image came from the cache (<site>/.klartext-cache).
	ImageDecodes, ImageEncodes int64
	Duration                   time.Duration
	Site                       *Site // the resolved model (for klartext check's reports)
}

// Build runs the whole pipeline. It returns an error only when it could not
// run at all; problems in the content are in Result.Diagnostics, and any
// error among them means nothing was written.
func Build(opts Options) (*Result, error) {
	res, _, err := full(opts)
	return res, err
}

// loadTheme loads the site's theme with the shortcuts of opts.
func loadTheme(opts Options, cfg config.Site) (*theme.Theme, error) {
	th, err := theme.Load(opts.Source, cfg.Theme, cfg.Language, funcs(cfg))
	if err == nil {
		th.Quick, th.CachePartials = opts.on(QuickTemplates), opts.on(PartialCache)
	}
	return th, err
}

// state is what a full build leaves for incremental ones.
type state struct {
	site      *Site
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
	// Every file of the site is read through the scans of content/ and
	// of the theme's folder (fileio.Scan), which refuse links out of the
	// site and special files.
	tree, tds := content.Load(opts.Source)
	ds.Add(tds...)
	cfg, cds := config.Load(tree.Files)
	ds.Add(cds...)
	// Product sources (EPT files wherever they are, the export and its
	// mapping file) are read first; they are not template data.
	products, productFiles, pds := product.LoadFiles(tree.Files, tree.Data, cfg.Currency)
	ds.Add(pds...)
	dataTree, dds := data.Load(tree.Files, without(tree.Data, productFiles))
	ds.Add(dds...)
	fb, feedbackRows := loadFeedback(tree.Files, cfg, opts.Now, ds)
	th, err := loadTheme(opts, cfg)
	var unsupported *i18n.UnsupportedError
	switch {
	case errors.As(err, &unsupported):
		ds.Add(diag.Errorf(config.File, cfg.LanguageLine, "%v", err).WithHint("%s", unsupported.Hint()).WithKey("language"))
	case err != nil:
		ds.Add(diag.Errorf("themes/"+cfg.Theme, 0, "%v", err))
	default:
		for _, p := range th.Refused {
			ds.Add(p.Diagnostic())
		}
		ds.Add(th.Problems...)
	}
	if !locale.Known(cfg.Language) && unsupported == nil {
		ds.Add(diag.Errorf(config.File, cfg.LanguageLine, "the language %s has no number and date formats in klartext (there are de and en)", cfg.Language).
			WithKey("language").WithHint("write language: de or en, or add the language's formats to generator/locale"))
	}
	phase("load", t0)

	t0 = time.Now()
	site := assemble(cfg, tree, opts, ds)
	site.Data = dataTree
	site.feedback = fb
	resolveProducts(site, products, th.Words(), opts, ds)
	resolvePeople(site, th.Words(), ds)
	fb.computeBalance(site, feedbackRows)
	if th != nil {
		fb.addFeedbackPage(site, th.Translate("feedback_page_title"))
	}
	fb.checkPages(site, feedbackRows, ds)
	res.Site = site
	res.Skipped = site.Skipped
	resolveVideos(site, opts, th.Words(), ds)
	var search *searchState
	if th != nil {
		if search = addSearchPage(site, th, ds); search != nil {
			search.start(site)
		}
	}
	phase("resolve", t0)

	if th == nil {
		res.Duration = time.Since(start)
		return res, nil, nil
	}

	var stage *output.Staging
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
	r := newRenderer(site, th, out, ds)
	r.progress = opts.Progress
	r.off = opts.Off
	r.pageBudget = opts.PageBudget
	if search != nil {
		r.search, r.indexing = search, !opts.DryRun
		r.view.Search = relURL(cfg.BasePath(), search.page.URL)
	}
	if opts.on(ChartSkeletons) {
		r.skeletons = &chart.Skeletons{}
	}
	r.claimOutputs(publishable(cfg, tree.Files, site.publishedAssets(tree), ds))

	t0 = time.Now()
	r.prepareImages(tree, filepath.Join(opts.Source, imaging.CacheDir), ds)
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
	st := &state{site: site, renderer: r, baseDiags: ds.All()}
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

// without returns files less the ones in drop (both sorted or not).
func without(files, drop []string) []string {
	if len(drop) == 0 {
		return files
	}
	skip := make(map[string]bool, len(drop))
	for _, f := range drop {
		skip[f] = true
	}
	out := make([]string, 0, len(files))
	for _, f := range files {
		if !skip[f] {
			out = append(out, f)
		}
	}
	return out
}
