// Package load is a build's first stage: it reads the site — its
// settings, content, product sources, template data, the feedback
// settings and export, what the pages' video blocks name, the theme —
// into what the site model is made of (site.Input) and the theme. Every
// file of the site is read through the scans of content/ and of the
// theme's folder (fileio.Scan), which refuse links out of the site and
// special files. A page keeps only what the build needs of its body
// (content.Page.Teaser, Fences): the renderer reads it again when the page
// renders.
package load

import (
	"errors"
	"path"
	"slices"
	"strings"

	"github.com/klartext/klartext/generator/assethash"
	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/data"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/feedbackexport"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/media"
	"github.com/klartext/klartext/generator/productsource"
	"github.com/klartext/klartext/generator/shortcut"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/theme"
)

// Options say what to load.
type Options struct {
	Root string // the site's folder (holds content/)
	// BaseURL, when set, replaces site.yaml's baseURL (the command line's
	// --baseURL: a staging build), checked as site.yaml's is.
	BaseURL string
	// Site says which pages the build publishes: the video files of the
	// others are not read.
	Site site.Options
	Off  shortcut.Set // the shortcuts the theme does not take
	// FindFrames takes the videos' poster frames with ffmpeg where it is
	// installed (not in a dry run).
	FindFrames bool
	// PlainAssets keeps the theme's CSS and JS under their own names,
	// without integrity (klartext serve: an edit swaps in, no page
	// changes).
	PlainAssets bool
}

// Language is one language's site as loaded: what its model is made of
// and its theme, which speaks the language (nil when it cannot be
// loaded, reported).
type Language struct {
	Input site.Input
	Theme *theme.Theme
}

// Site reads a site of one language, or the default language of a site
// of several (Sites). The theme is nil when it cannot be loaded
// (reported); then the site has no pages of the theme's words.
func Site(opts Options, ds *diag.List) (site.Input, *theme.Theme) {
	l := Sites(opts, ds)[0]
	return l.Input, l.Theme
}

// Sites reads the site once for each of its languages (site.yaml's
// languages:, the default first; one for language: alone). The data, the
// product facts, the feedback and the media are read once and shared;
// each language has its settings (config.Site.ForLanguage), its pages
// (the default's files, or the translations named by the language,
// content.Page.Lang, and the advisors every language has) and its theme.
func Sites(opts Options, ds *diag.List) []Language {
	tree, tds := content.Scan(opts.Root)
	ds.Add(tds...)
	cfg, cds := config.Load(tree.Files)
	ds.Add(cds...)
	if opts.BaseURL != "" {
		var err *config.BaseURLError
		if cfg, err = cfg.WithBaseURL(opts.BaseURL); err != nil {
			ds.Add(err.Diagnostic("", 0))
		}
	}
	codes := cfg.LanguageCodes()
	folders := make([]string, 0, len(codes))
	for _, c := range codes[1:] {
		folders = append(folders, config.LanguageFolder(c))
	}
	ds.Add(tree.LoadPages(folders)...)
	in := site.Input{Root: opts.Root, Tree: tree, Config: cfg}
	// Product sources (EPT files wherever they are, the export and its
	// mapping file) are read first; they are not template data.
	products, productFiles, pds := productsource.LoadFiles(tree.Files, tree.Data, cfg.Currency)
	ds.Add(pds...)
	in.Products, in.ProductSources = products, productFiles
	dataTree, dds := data.Load(tree.Files, without(tree.Data, productFiles))
	ds.Add(dds...)
	in.Data = dataTree
	if cfg.Feedback != nil {
		settings, fds := feedback.ParseSettings(cfg.Feedback, config.File)
		ds.Add(fds...)
		in.Feedback = settings
	}
	entries, eds := feedbackexport.Read(tree.Files, opts.Site.Now)
	ds.Add(eds...)
	in.FeedbackEntries = entries
	in.Media = loadMedia(tree, opts)
	if !cfg.Multilingual() {
		return []Language{{in, languageTheme(&in, opts, 0, ds)}}
	}
	out := make([]Language, len(codes))
	withdrawn := withdrawnAdvisors(tree)
	for i := range codes {
		li := in
		li.Config = cfg.ForLanguage(i)
		var fds []diag.Diagnostic
		li.Feedback, fds = in.Feedback.ForLanguage(cfg.Languages[i].Feedback, config.File)
		ds.Add(fds...)
		li.Tree = treeOf(tree, folders, i, withdrawn)
		li.FeedbackEntries = entriesOf(entries, li.Config.LanguagePrefix, folders)
		out[i] = Language{li, languageTheme(&li, opts, i, ds)}
	}
	return out
}

// treeOf is the content of the site's i-th language: the default's
// pages, or the translations into that language and, where an advisor
// has none, the advisor's page without its text (content.Page.Untranslated):
// every language's site has every advisor's card; an advisor withdrawn in
// any language's file (withdrawn) is withdrawn in each.
func treeOf(tree *content.Tree, folders []string, i int, withdrawn map[string]bool) *content.Tree {
	t := *tree
	t.Pages = nil
	lang := ""
	if i > 0 {
		lang = folders[i-1]
	}
	translated := map[string]bool{}
	for _, p := range tree.Pages {
		if p.Lang == lang {
			t.Pages = append(t.Pages, withdrawnIn(p, withdrawn))
			translated[p.Original] = true
		}
	}
	if lang != "" {
		for _, p := range tree.Pages {
			if p.Lang == "" && p.Kind == content.KindAdvisor && !translated[p.Source] {
				t.Pages = append(t.Pages, withdrawnIn(p.UntranslatedCopy(), withdrawn))
			}
		}
		slices.SortFunc(t.Pages, func(a, b *content.Page) int { return strings.Compare(a.Source, b.Source) })
	}
	return &t
}

// withdrawnAdvisors are the advisors (by their original's file) whose page
// in any language says published: false: an advisor withdraws consent as
// a person, so the withdrawal holds for every language, whichever file an
// editor wrote it into.
func withdrawnAdvisors(tree *content.Tree) map[string]bool {
	out := map[string]bool{}
	for _, p := range tree.Pages {
		if p.Kind == content.KindAdvisor && p.Meta.Published != nil && !*p.Meta.Published {
			out[originalOf(p)] = true
		}
	}
	return out
}

// withdrawnIn is p, or for an advisor withdrawn in another language's
// file a copy of p that says published: false too.
func withdrawnIn(p *content.Page, withdrawn map[string]bool) *content.Page {
	if p.Kind != content.KindAdvisor || !withdrawn[originalOf(p)] || (p.Meta.Published != nil && !*p.Meta.Published) {
		return p
	}
	c := *p
	published := false
	c.Meta.Published = &published
	return &c
}

// originalOf is the file of p's original: p's own in the default language.
func originalOf(p *content.Page) string {
	if p.Original != "" {
		return p.Original
	}
	return p.Source
}

// entriesOf are the feedback export's rows of the pages of the language
// whose folder is prefix ("" for the default language, "/en"), with the
// paths as that language's site has them ("/en/x/" is its "/x/").
func entriesOf(entries []feedback.Entry, prefix string, folders []string) []feedback.Entry {
	if entries == nil {
		return nil
	}
	out := []feedback.Entry{}
	for _, e := range entries {
		switch rest, ok := strings.CutPrefix(e.Page, prefix+"/"); {
		case prefix != "" && ok:
			e.Page = "/" + rest
			out = append(out, e)
		case prefix == "" && !slices.ContainsFunc(folders, func(f string) bool { return strings.HasPrefix(e.Page, "/"+f+"/") }):
			out = append(out, e)
		}
	}
	return out
}

// languageTheme loads the theme of the site's i-th language into in (its
// words); the theme's own problems are reported once, with the default
// language's.
func languageTheme(in *site.Input, opts Options, i int, ds *diag.List) *theme.Theme {
	cfg := in.Config
	th, err := Theme(opts.Root, cfg, opts.Off, !opts.PlainAssets)
	var unsupported *i18n.UnsupportedError
	switch {
	case errors.As(err, &unsupported):
		ds.Add(diag.Errorf(config.File, cfg.LanguageLine, "%v", err).WithHint("%s", unsupported.Hint()).WithKey(languageKey(cfg)))
		return nil // said once: a language without words has no formats either
	case err != nil:
		var scripts *theme.ScriptsError
		switch {
		case i > 0: // said with the default language's
		case errors.As(err, &scripts):
			ds.Add(diag.Errorf(path.Join("themes", cfg.Theme, theme.ScriptsFile), scripts.Line, "%v", scripts.Err).
				WithHint("each script's path, below it name: file for each file it loads (see the default theme's %s)", theme.ScriptsFile))
		default:
			ds.Add(diag.Errorf("themes/"+cfg.Theme, 0, "%v", err))
		}
		return nil
	}
	// A language the theme has words for may still lack formats.
	if !locale.Known(cfg.Language) {
		ds.Add(diag.Errorf(config.File, cfg.LanguageLine, "the language %s has no number and date formats in klartext (there are de and en)", cfg.Language).
			WithKey(languageKey(cfg)).WithHint("write language: de or en, or add the language's formats to generator/locale"))
	}
	if i == 0 {
		for _, p := range th.Refused {
			ds.Add(p.Diagnostic())
		}
		ds.Add(th.Problems...)
		ds.Add(checkThemeBrand(cfg.Brand, th)...)
	}
	in.Words = &site.Words{Catalog: th.Words(), FeedbackTitle: th.Translate("feedback_page_title"), SearchSlug: th.Translate("search_slug"),
		SearchTitle: th.Translate("search_title"), SearchDescription: th.Translate("search_description")}
	return th
}

// languageKey is the setting that names the site's languages.
func languageKey(cfg config.Site) string {
	if cfg.Multilingual() {
		return "languages"
	}
	return "language"
}

// loadMedia reads what the ```video blocks of the published pages name
// (package media).
func loadMedia(tree *content.Tree, opts Options) *media.Set {
	var pages []*content.Page
	for _, p := range tree.Pages {
		if p.HasFence("video") && site.Excluded(p, opts.Site) == "" {
			pages = append(pages, p)
		}
	}
	assets := make(map[string]string, len(tree.Assets))
	for _, a := range tree.Assets {
		assets[a.Source] = a.URL
	}
	return media.Load(tree.Files, opts.Root, pages, assets, opts.FindFrames)
}

// Theme loads the site's theme (the one site.yaml names, below root) with
// the template functions of package render and the shortcuts off turns
// off. With hash, its stylesheets and scripts are read and hashed once
// (Theme.Assets): pages reference them by their content's name, publish
// writes them so.
func Theme(root string, cfg config.Site, off shortcut.Set, hash bool) (*theme.Theme, error) {
	var assets *assethash.Set
	if hash {
		assets = &assethash.Set{}
	}
	th, err := theme.Load(root, cfg.Theme, cfg.Language, Funcs(cfg, assets))
	if err != nil {
		return th, err
	}
	th.Quick, th.CachePartials = off.Takes(shortcut.QuickTemplates), off.Takes(shortcut.PartialCache)
	th.StaticTail = brandTail(cfg.Brand)
	if assets != nil {
		statics, _ := th.StaticFiles() // an error is the publish stage's to report
		for _, f := range statics {
			if !assethash.Hashes(f) {
				continue
			}
			// A file that cannot be read keeps its name: publish reads it
			// again and reports why.
			if data, err := th.ReadStatic(f); err == nil {
				assets.Add("/"+f, data)
			}
		}
		th.Assets = assets
	}
	return th, nil
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

// Words are the words each language of a site of several is linked to the
// others with (site.LinkLanguages): its theme's translation file and what
// it says of a page without a version in it. Nil when a language's theme
// did not load (reported: the build fails) or the site has one language.
func Words(langs []Language) []site.LanguageWords {
	if len(langs) < 2 {
		return nil
	}
	words := make([]site.LanguageWords, len(langs))
	for i, l := range langs {
		if l.Theme == nil {
			return nil
		}
		words[i] = site.LanguageWords{Catalog: l.Theme.Words(), NoPage: l.Theme.Translate("language_no_page")}
	}
	return words
}
