// Package theme loads a theme's layouts, partials, translations and static
// files, and executes layouts looked up by page kind and section.
//
// A site overrides any file of the default theme by putting a file of the
// same name in its own themes/<name>/ folder; the rest comes from the default
// theme built into the binary.
package theme

import (
	"bytes"
	"fmt"
	"github.com/klartext/klartext/generator/assethash"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"
	"time"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/theme/internal/quick"
	"github.com/klartext/klartext/themes"
)

// Theme is a loaded theme. Execute is safe for concurrent use.
type Theme struct {
	fsys  fs.FS // overlay: the site's theme folder over the default theme
	funcs template.FuncMap
	base  *template.Template // baseof + partials, cloned per layout
	// partials is a clone of base kept for executing partials on their
	// own (base itself must never execute, or it could not be cloned).
	partials *template.Template
	words    *i18n.Catalog
	scripts  map[string][]ScriptLoad // ScriptsFile: a script's site path → the files it loads

	// Quick runs layouts and partials as quick programs where they can
	// (package quick); CachePartials lets partialCached render a fragment
	// once per key. Load turns both on; a build may turn them off before
	// the first Execute, to check they change nothing.
	Quick, CachePartials bool
	// Assets are the static stylesheets and scripts by their content's
	// name (load.Theme hashes them); nil: every file keeps its name.
	Assets *assethash.Set
	// StaticTail is appended to a static file as it is read, by its
	// path below static/: the brand colour's rule for the stylesheet
	// (load.Theme). Set before the first ReadStatic.
	StaticTail map[string][]byte

	mu       sync.Mutex
	compiled map[string]*compiled
	cached   sync.Map // partialCached: name + "\x00" + key → *cachedPartial
	// partialRunners run the partials run on their own (ExecutePartial):
	// name → *quick.Runner.
	partialRunners sync.Map
	lookups        sync.Map // Lookup: candidates joined by "\x00" → layout ("" for none)
	siteFiles      sync.Map // SiteFile: name → *siteFile

	// defines are the templates each file of the base set defined (Defines);
	// direct the partials Go code ran (Direct): name → struct{}.
	defines map[string][]string
	direct  sync.Map

	// Refused are the files of the site's theme folder that are not read:
	// symbolic links out of it, links to folders, named pipes and other
	// special files. The build reports each as an error.
	Refused []fileio.Problem
	// Problems are the translation file's missing or empty keys
	// (i18n.Check against the built-in reference file); the build
	// reports each as an error.
	Problems []diag.Diagnostic
	site     *fileio.Files // the site's theme folder; nil without one
}

// Overrides reports whether the site's own theme folder has the file
// (a path below the theme, "static/js/charts.js") rather than the
// built-in theme.
func (t *Theme) Overrides(name string) bool {
	return t.site != nil && t.site.Has(t.site.Dir()+"/"+name)
}

// OwnLayouts reports whether the site's theme folder has a file below
// layouts/ (a page layout, the base layout, a partial, a site file's
// template): what such a layout reads of the model is the site's, not
// the built-in theme's that klartext serve's model edits follow.
func (t *Theme) OwnLayouts() bool {
	if t.site == nil {
		return false
	}
	prefix := t.site.Dir() + "/layouts/"
	return slices.ContainsFunc(t.site.List(), func(f string) bool { return strings.HasPrefix(f, prefix) })
}

type cachedPartial struct {
	once sync.Once
	html template.HTML
	err  error
}

type compiled struct {
	once   sync.Once
	tmpl   *template.Template
	runner *quick.Runner
	err    error
	name   string
	nanos  atomic.Int64
	calls  atomic.Int64
}

// MaxFileBytes bounds one file of a site's theme; the largest of the
// default theme, the chart library, has about 1 MB.
const MaxFileBytes = 16 << 20

// Load reads the theme name for lang. siteRoot may hold themes/<name>/ with
// overrides; a name other than the default must exist there. The site's
// folder is read only through fileio.Scan's checks, like content/.
func Load(siteRoot, name, lang string, funcs template.FuncMap) (*Theme, error) {
	def, err := fs.Sub(themes.Default, themes.DefaultName)
	if err != nil {
		return nil, err
	}
	var layers []fs.FS
	var own fs.FS // the site's theme folder, nil without one
	dir := "themes/" + name
	files, refused, err := fileio.Scan(siteRoot, dir, func(_ string, d fs.DirEntry) bool { return fileio.Hidden(d.Name()) })
	switch {
	case err != nil:
		return nil, err
	case files.Exists():
		own = files.Sub(dir, MaxFileBytes)
		layers = append(layers, own)
	case name == themes.DefaultName:
		files = nil // the built-in theme alone
	default:
		return nil, diag.Err("theme %q not found: there is no folder themes/%s in the site", name, name)
	}
	layers = append(layers, def)
	t := &Theme{fsys: overlay(layers), funcs: funcs, compiled: map[string]*compiled{}, Quick: true, CachePartials: true, Refused: refused, site: files}
	// The site's translation file of lang holds the words it changes,
	// over the built-in file of lang (not replacing it as other files do).
	words, err := i18n.Load(own, dir, lang)
	if err != nil {
		return nil, err // an *i18n.UnsupportedError for a language without a file
	}
	t.words, t.Problems = words, i18n.Check(words, i18n.ReferenceCatalog())
	t.funcs["t"] = t.Translate
	t.funcs["partialCached"] = t.partialCached
	if t.scripts, err = readScripts(t.fsys); err != nil {
		return nil, err
	}
	t.funcs["assetAttrs"] = t.assetAttrs
	if err := t.parseBase(); err != nil {
		return nil, err
	}
	return t, nil
}

// FS is the merged theme file system (for static files).
func (t *Theme) FS() fs.FS { return t.fsys }

// Words is the site language's catalog, the translation file the
// theme's templates and the Go packages take their words from.
// A nil theme (one that did not load) has none.
func (t *Theme) Words() *i18n.Catalog {
	if t == nil {
		return nil
	}
	return t.words
}

// Translate returns the theme's text for key in the site language (the
// template function t). A missing key shows as the key itself; Load has
// reported it in Problems.
func (t *Theme) Translate(key string, args ...any) string { return t.words.T(key, args...) }

func (t *Theme) parseBase() error {
	base := template.New("").Funcs(t.funcs)
	files := []string{"layouts/_default/baseof.html"}
	partials, _ := fs.Glob(t.fsys, "layouts/partials/*.html")
	files = append(files, partials...)
	t.defines = map[string][]string{}
	trees := map[string]*parse.Tree{}
	for _, f := range files {
		src, err := fs.ReadFile(t.fsys, f)
		if err != nil {
			return fmt.Errorf("theme: %s: %v", f, err)
		}
		name := strings.TrimPrefix(f, "layouts/")
		if _, err := base.New(name).Parse(string(src)); err != nil {
			return fmt.Errorf("theme: %v", err)
		}
		// What the file defined: the templates whose tree it made.
		for _, x := range base.Templates() {
			if x.Tree != nil && trees[x.Name()] != x.Tree {
				trees[x.Name()] = x.Tree
				t.defines[name] = append(t.defines[name], x.Name())
			}
		}
		slices.Sort(t.defines[name])
	}
	t.base = base
	clone, err := base.Clone()
	if err != nil {
		return err
	}
	t.partials = clone
	return nil
}

// partialCached runs a partial once per build for each key and returns its
// HTML every time after: for fragments that are the same on many pages
// (the site header per active menu entry, the footer), which a large site
// would otherwise execute tens of thousands of times. The partial's output
// must depend only on the key and site-wide data — the first page's data
// renders it. Without CachePartials it renders on every call.
func (t *Theme) partialCached(name, key string, data any) (template.HTML, error) {
	if !t.CachePartials {
		var b bytes.Buffer
		err := t.partialRunner(name).Execute(&b, data)
		return template.HTML(b.String()), err
	}
	k := name + "\x00" + key
	v, ok := t.cached.Load(k)
	if !ok {
		v, _ = t.cached.LoadOrStore(k, &cachedPartial{})
	}
	c := v.(*cachedPartial)
	c.once.Do(func() {
		var b bytes.Buffer
		c.err = t.partialRunner(name).Execute(&b, data)
		c.html = template.HTML(b.String())
	})
	return c.html, c.err
}

// ForgetCached drops the fragments partialCached kept: klartext serve
// calls it when the model changed, since a fragment shows the data of the
// first page that rendered it.
func (t *Theme) ForgetCached() {
	t.cached.Range(func(k, _ any) bool {
		t.cached.Delete(k)
		return true
	})
}

// ExecutePartial runs one partial ("partials/feedback.html") with data;
// into a bytes.Buffer as a quick program where it can. The theme notes
// the name (Direct): a page shows what Go code ran, whatever its layout.
func (t *Theme) ExecutePartial(w io.Writer, name string, data any) error {
	t.direct.LoadOrStore(name, struct{}{})
	return t.partialRunner(name).Execute(w, data)
}

// partialRunner runs a partial on its own.
func (t *Theme) partialRunner(name string) *quick.Runner {
	if r, ok := t.partialRunners.Load(name); ok {
		return r.(*quick.Runner)
	}
	run := func(w io.Writer, data any) error { return t.partials.ExecuteTemplate(w, name, data) }
	r, _ := t.partialRunners.LoadOrStore(name, t.newRunner(run, t.partials, name))
	return r.(*quick.Runner)
}

// newRunner runs the template name of set, which run executes in
// html/template; without Quick html/template runs every call.
func (t *Theme) newRunner(run func(io.Writer, any) error, set *template.Template, name string) *quick.Runner {
	if !t.Quick {
		set = nil
	}
	return quick.New(run, set, name, t.funcs)
}

// Lookup returns the first of the candidate layouts (paths below layouts/,
// such as "products/single.html") that exists.
//
// Results are remembered: every page asks, and a site's own theme folder
// would otherwise cost file system calls per page.
func (t *Theme) Lookup(candidates ...string) (string, bool) {
	key := strings.Join(candidates, "\x00")
	if l, ok := t.lookups.Load(key); ok {
		return l.(string), l.(string) != ""
	}
	found := ""
	for _, c := range candidates {
		if _, err := fs.Stat(t.fsys, "layouts/"+c); err == nil {
			found = c
			break
		}
	}
	t.lookups.Store(key, found)
	return found, found != ""
}

// Execute runs a layout with data. A layout that defines "main" is wrapped
// in _default/baseof.html; one that does not is a complete document.
func (t *Theme) Execute(w io.Writer, layout string, data any) error {
	c := t.layout(layout)
	if c.err != nil {
		return c.err
	}
	start := time.Now()
	err := c.runner.Execute(w, data)
	c.nanos.Add(int64(time.Since(start)))
	c.calls.Add(1)
	return err
}

// layout is the layout parsed, once.
func (t *Theme) layout(layout string) *compiled {
	c := t.get(layout)
	c.once.Do(func() {
		c.tmpl, c.err = t.parse(layout)
		if c.err == nil {
			c.runner = t.newRunner(c.tmpl.Execute, c.tmpl, c.tmpl.Name())
		}
	})
	return c
}

func (t *Theme) get(layout string) *compiled {
	t.mu.Lock()
	defer t.mu.Unlock()
	c := t.compiled[layout]
	if c == nil {
		c = &compiled{name: layout}
		t.compiled[layout] = c
	}
	return c
}

// parse parses a layout in a clone of the base set: the template to run,
// the base layout where the layout defines "main".
func (t *Theme) parse(layout string) (*template.Template, error) {
	src, err := fs.ReadFile(t.fsys, "layouts/"+layout)
	if err != nil {
		return nil, fmt.Errorf("theme: layout %s: %v", layout, err)
	}
	set, err := t.base.Clone()
	if err != nil {
		return nil, err
	}
	tmpl, err := set.New(layout).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("theme: %v", err)
	}
	if tmpl.Lookup("main") != nil && bytes.Contains(src, []byte(`define "main"`)) {
		tmpl = set.Lookup("_default/baseof.html")
	}
	return tmpl, nil
}

// TemplateStat is the time spent in one layout over a build.
type TemplateStat struct {
	Layout string
	Calls  int64
	Total  time.Duration
	// First counts the calls html/template ran before the layout's quick
	// program was compiled from the template it escaped (package quick):
	// one, unless several pages started at once or the first failed.
	First int64
	// Slow counts the calls html/template ran after those: all of them
	// where the layout has no program, else those with a value the
	// program does not cover, or an error.
	Slow int64
	// WhyNot says why the layout has no quick program, or why
	// html/template ran a page the program handed over; "" where quick
	// execution is off.
	WhyNot string
}

// Stats returns the time per layout, slowest first.
func (t *Theme) Stats() []TemplateStat {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []TemplateStat
	for _, c := range t.compiled {
		st := TemplateStat{Layout: c.name, Calls: c.calls.Load(), Total: time.Duration(c.nanos.Load())}
		if c.runner != nil {
			st.First, st.Slow, st.WhyNot = c.runner.First(), c.runner.Slow(), c.runner.WhyNot()
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		return out[i].Layout < out[j].Layout
	})
	return out
}

// StaticFiles lists the theme's static files (paths below static/), sorted.
func (t *Theme) StaticFiles() ([]string, error) {
	var out []string
	err := fs.WalkDir(t.fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" {
				return fs.SkipDir
			}
			return err
		}
		if !d.IsDir() {
			out = append(out, strings.TrimPrefix(p, "static/"))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// ReadStatic reads a static file (path below static/).
func (t *Theme) ReadStatic(name string) ([]byte, error) {
	data, err := fs.ReadFile(t.fsys, path.Join("static", name))
	if tail := t.StaticTail[name]; err == nil && tail != nil {
		data = append(data, tail...)
	}
	return data, err
}
