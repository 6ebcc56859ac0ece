package pipeline

import (
	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/data"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/media"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/shortcut"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/theme"
)

// load reads the site: settings, content, product sources, template data,
// the feedback settings and export, the theme. Every file of the site is
// read through the scans of content/ and of the theme's folder
// (fileio.Scan), which refuse links out of the site and special files.
// The theme is nil when it cannot be loaded (reported).
func load(opts Options, ds *diag.List) (site.Input, *theme.Theme) {
	tree, tds := content.Load(opts.Source)
	ds.Add(tds...)
	cfg, cds := config.Load(tree.Files)
	ds.Add(cds...)
	in := site.Input{Root: opts.Source, Tree: tree, Config: cfg}
	// Product sources (EPT files wherever they are, the export and its
	// mapping file) are read first; they are not template data.
	products, productFiles, pds := product.LoadFiles(tree.Files, tree.Data, cfg.Currency)
	ds.Add(pds...)
	in.Products = products
	dataTree, dds := data.Load(tree.Files, without(tree.Data, productFiles))
	ds.Add(dds...)
	in.Data = dataTree
	if cfg.Feedback != nil {
		settings, fds := feedback.ParseSettings(cfg.Feedback, config.File)
		ds.Add(fds...)
		in.Feedback = settings
	}
	entries, eds := feedback.ReadExport(tree.Files, opts.Now)
	ds.Add(eds...)
	in.FeedbackEntries = entries
	in.Media = loadMedia(tree, opts)
	th, err := loadTheme(opts, cfg)
	if err != nil {
		ds.Add(diag.Errorf("themes/"+cfg.Theme, 0, "%v", err))
		return in, nil
	}
	for _, p := range th.Refused {
		ds.Add(p.Diagnostic())
	}
	in.Words = &site.Words{FeedbackTitle: th.Translate("feedback_page_title"), SearchSlug: th.Translate("search_slug"),
		SearchTitle: th.Translate("search_title"), SearchDescription: th.Translate("search_description")}
	return in, th
}

// loadMedia reads what the ```video blocks of the published pages name
// (package media); a dry run takes no poster frames.
func loadMedia(tree *content.Tree, opts Options) *media.Set {
	var pages []*content.Page
	for _, p := range tree.Pages {
		if p.HasFence("video") && site.Excluded(p, opts.siteOptions()) == "" {
			pages = append(pages, p)
		}
	}
	assets := make(map[string]string, len(tree.Assets))
	for _, a := range tree.Assets {
		assets[a.Source] = a.URL
	}
	return media.Load(tree.Files, opts.Source, pages, assets, !opts.DryRun)
}

// loadTheme loads the site's theme with the shortcuts of opts.
func loadTheme(opts Options, cfg config.Site) (*theme.Theme, error) {
	th, err := theme.Load(opts.Source, cfg.Theme, cfg.Language, render.Funcs(cfg))
	if err == nil {
		th.Quick, th.CachePartials = opts.Off.Takes(shortcut.QuickTemplates), opts.Off.Takes(shortcut.PartialCache)
	}
	return th, err
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
