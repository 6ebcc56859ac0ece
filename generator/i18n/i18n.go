// Package i18n holds a language's reader-facing words: the theme's
// translation file of that language (i18n/<lang>.yaml), looked up by key.
// Every word a reader sees that is not content — the theme's templates'
// {{t "key"}}, and the words the Go packages write (feedback form, video
// placeholder, chart captions, advice models, product types) — comes from
// it, so a language is added by adding one file.
//
// A site's own file of a language (its themes/<theme>/i18n/<lang>.yaml)
// overrides the built-in file of that language key by key, as Hugo merges
// a project's translations over its theme's: it holds only the words the
// site changes (Load).
//
// Loading is strict: a language with neither a built-in nor a site file
// is an error (UnsupportedError), and so is a key the reference file has
// that neither file of the language has (Check), each naming the file,
// never a silent fallback to another language.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/themes"
)

// Dir is the translation files' folder inside a theme.
const Dir = "i18n"

// Reference is the language whose built-in file names every key a
// translation file must have.
const Reference = "de"

// Catalog is one language's words. It is read-only after Load and safe
// for concurrent use.
type Catalog struct {
	lang  string            // primary language subtag, "de"
	file  string            // the file as a message names it: "themes/klartext/i18n/de.yaml"
	texts map[string]string // key → text, fmt verbs for arguments (base's keys too)
	lines map[string]int    // key → its line in file, for the keys file has
	// base is the built-in file a site's file overrides (Load); the keys
	// file lacks come from it. nil for a file on its own.
	base *Catalog
}

// Lang is the catalog's language, its primary subtag ("de"); "" for nil.
func (c *Catalog) Lang() string {
	if c == nil {
		return ""
	}
	return c.lang
}

// File is the translation file the words came from, for messages: the
// site's own file where it has one over the built-in file.
func (c *Catalog) File() string { return c.file }

// FileOf is the file key's text came from: File, or the built-in file
// under it for a key the site's file does not have.
func (c *Catalog) FileOf(key string) string {
	if _, ok := c.lines[key]; !ok && c.base != nil {
		return c.base.FileOf(key)
	}
	return c.file
}

// T is the text of key with args filled into its fmt verbs. A key the
// file does not have shows as the key itself, so it is noticed on the
// page; Check has reported it when the catalog was loaded.
func (c *Catalog) T(key string, args ...any) string {
	if c == nil { // a build whose theme did not load, which reports why
		return key
	}
	s, ok := c.texts[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether the file has key.
func (c *Catalog) Has(key string) bool {
	if c == nil {
		return false
	}
	_, ok := c.texts[key]
	return ok
}

// Line is key's line in FileOf(key) (0 when it has none).
func (c *Catalog) Line(key string) int {
	if l, ok := c.lines[key]; ok || c.base == nil {
		return l
	}
	return c.base.Line(key)
}

// Keys are the catalog's keys, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.texts))
	for k := range c.texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Parse reads a translation file: a YAML mapping of keys to strings.
// file names it in messages.
func Parse(file, lang string, data []byte) (*Catalog, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	c := &Catalog{lang: locale.Primary(lang), file: file, texts: map[string]string{}, lines: map[string]int{}}
	if len(doc.Content) == 0 {
		return c, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: a translation file is a list of key: \"text\" lines", file, m.Line)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s:%d: the key %s needs a text in quotes", file, v.Line, k.Value)
		}
		c.texts[k.Value], c.lines[k.Value] = v.Value, k.Line
	}
	return c, nil
}

// UnsupportedError is a language the theme has no translation file for.
type UnsupportedError struct {
	Lang string   // as site.yaml writes it
	File string   // the file that is missing: "themes/klartext/i18n/fr.yaml"
	Have []string // the languages the theme has
}

func (e *UnsupportedError) Error() string { return e.Text().String() }

// Text is the error in words the build translates (a diag.Texter).
func (e *UnsupportedError) Text() diag.Text {
	return diag.T("the language %s is not supported: the theme has no translation file %s (it has %s)",
		e.Lang, e.File, strings.Join(e.Have, ", "))
}

// Hint says what to do.
func (e *UnsupportedError) Hint() diag.Text {
	return diag.T("write language: with one of %s, or add %s with every key of %s.yaml", strings.Join(e.Have, ", "), e.File, Reference)
}

// Load reads lang's words for a site: the built-in theme's translation
// file of lang, with the site's own file of that language over it key by
// key. site is the site's theme folder (nil without one), shown that
// folder as a message names it ("themes/klartext"). Without a site file
// the words are the built-in file's; a language with neither file is an
// *UnsupportedError. Check then reports a key neither file has.
func Load(site fs.FS, shown, lang string) (*Catalog, error) {
	primary := locale.Primary(lang)
	file := path.Join(shown, Dir, primary+".yaml")
	base, _ := Builtin(primary) // nil for a language without a built-in file
	var data []byte
	if site != nil && primary != "" {
		var err error
		if data, err = fs.ReadFile(site, path.Join(Dir, primary+".yaml")); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
	}
	switch {
	case data == nil && base == nil:
		have := Languages(builtinFS())
		if site != nil {
			have = union(have, Languages(site))
		}
		return nil, &UnsupportedError{Lang: lang, File: file, Have: have}
	case data == nil:
		return base, nil
	}
	own, err := Parse(file, primary, data)
	if err != nil || base == nil {
		return own, err
	}
	texts := make(map[string]string, len(base.texts)+len(own.texts))
	for k, v := range base.texts {
		texts[k] = v
	}
	for k, v := range own.texts {
		texts[k] = v
	}
	return &Catalog{lang: primary, file: file, texts: texts, lines: own.lines, base: base}, nil
}

// union is a and b, sorted, each once.
func union(a, b []string) []string {
	out := append(append([]string{}, a...), b...)
	sort.Strings(out)
	return slices.Compact(out)
}

// load reads lang's file; named says how messages name a file of Dir.
func load(fsys fs.FS, named func(string) string, lang string) (*Catalog, error) {
	primary := locale.Primary(lang)
	file := named(primary + ".yaml")
	data, err := fs.ReadFile(fsys, path.Join(Dir, primary+".yaml"))
	if err != nil || primary == "" {
		return nil, &UnsupportedError{Lang: lang, File: file, Have: Languages(fsys)}
	}
	return Parse(file, primary, data)
}

// Languages are the languages fsys has a translation file for, sorted.
func Languages(fsys fs.FS) []string {
	names, _ := fs.Glob(fsys, Dir+"/*.yaml")
	var out []string
	for _, n := range names {
		out = append(out, strings.TrimSuffix(path.Base(n), ".yaml"))
	}
	sort.Strings(out)
	return out
}

// Check reports every key of ref that c lacks (neither a site's file nor
// the built-in file under it has it), each as an error naming the key and
// c's file, and an empty text where ref has one, on its line in the file
// it came from.
func Check(c, ref *Catalog) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for _, k := range ref.Keys() {
		s, ok := c.texts[k]
		switch {
		case !ok:
			ds = append(ds, diag.Errorf(c.file, 0, "the translation key %s is missing", k).
				WithHint("add %s: with its %s text (%s has %q)", k, c.lang, ref.file, ref.texts[k]))
		case strings.TrimSpace(s) == "" && strings.TrimSpace(ref.texts[k]) != "":
			ds = append(ds, diag.Errorf(c.FileOf(k), c.Line(k), "the translation key %s is empty", k).
				WithHint("write its %s text (%s has %q)", c.lang, ref.file, ref.texts[k]))
		}
	}
	return ds
}

// Builtin is lang's catalog of the built-in theme, for what runs without
// a site (the feedback receiver's pages), the reference file every build
// checks against, and tests. Each is read once; catalogs are read-only.
func Builtin(lang string) (*Catalog, error) {
	primary := locale.Primary(lang)
	if c, ok := builtins.Load(primary); ok {
		return c.(*Catalog), nil
	}
	c, err := load(builtinFS(), func(name string) string { return "the built-in theme's " + Dir + "/" + name }, primary)
	if err != nil {
		var u *UnsupportedError
		if errors.As(err, &u) {
			u.Lang = lang
		}
		return nil, err
	}
	builtins.Store(primary, c)
	return c, nil
}

var builtins sync.Map // primary language subtag → *Catalog

// builtinFS is the built-in theme's folder.
func builtinFS() fs.FS {
	fsys, err := fs.Sub(themes.Default, themes.DefaultName)
	if err != nil {
		panic("i18n: the built-in theme: " + err.Error()) // a constant, valid path into the embedded files
	}
	return fsys
}

// ReferenceCatalog is the built-in theme's reference file, the keys every
// translation file must have.
func ReferenceCatalog() *Catalog {
	c, err := Builtin(Reference)
	if err != nil {
		panic("i18n: the built-in theme has no " + Reference + ".yaml: " + err.Error())
	}
	return c
}

// MustBuiltin is Builtin for a language the built-in theme has (tests,
// package defaults); it panics for another.
func MustBuiltin(lang string) *Catalog {
	c, err := Builtin(lang)
	if err != nil {
		panic(err)
	}
	return c
}
