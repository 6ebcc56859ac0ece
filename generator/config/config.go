// Package config reads the site settings, content/site.yaml.
//
// Unknown keys are errors (a typo in a setting must not silently fall back
// to a default), each naming the line and the closest known key.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/grammar"
	"github.com/klartext/klartext/generator/headers"
	"github.com/klartext/klartext/generator/suggest"
)

// File is where the settings live, relative to the site root.
const File = "content/site.yaml"

// Site is the validated site settings.
type Site struct {
	Title    string
	BaseURL  string // absolute, ends with "/"
	Language string // BCP 47, e.g. "de"
	// LanguageLine is the line of language: in site.yaml, for the error
	// of a language the theme has no translation file for.
	LanguageLine int
	// Languages are site.yaml's languages: in order, the default first;
	// nil for a site of one language (language: alone). ForLanguage
	// makes the settings of each.
	Languages []Language
	// LanguagePrefix is the folder of a language that is not the
	// default, as a site path's start ("/en"); "" for the default
	// language's settings. The feedback export tells the languages' pages
	// apart by it (their paths are the site's: "/en/ueber-uns/").
	LanguagePrefix string
	// MenusInherited is true for a language without menus: of its own,
	// which takes the top-level ones: an entry naming a page the language
	// has no version of is left out.
	MenusInherited bool
	Theme          string // default "klartext"
	Description    string
	Currency       string // default currency of product data, ISO 4217
	Pagination     int    // list page size, default 10
	Copyright      string

	// AllowRaw are the files below content/ that may be published as
	// they are although a browser or the web server would run them (raw
	// HTML, scripts, SVG with script, host configuration, .well-known/):
	// `allow_raw: [downloads/rechner.html]`, paths below content/.
	AllowRaw []Allowance

	// Feedback is the raw `feedback:` block, validated by the feedback
	// package which owns its keys; nil when absent.
	Feedback *yaml.Node

	// Menus is the raw `menus:` block (main, footer), read by the menu
	// package and resolved with the pages (site.Resolve); nil when absent:
	// then the header shows the page kinds' sections and the footer only
	// the feed.
	Menus *yaml.Node

	// Brand is the bank's name, logo and colour (brand:); zero when
	// absent: then the theme shows the title and its own colours.
	Brand Brand

	// Headers are the rules of headers: that _headers adds to klartext's
	// own (package headers checks them against those when it writes it).
	Headers []headers.Rule

	basePath string // BaseURL's path, parsed once: every link of every page uses it
	// filesPath and filesBaseURL are the default language's base path and
	// URL in the settings of another language (ForLanguage): the files
	// every language shares are published once, there (FileURL,
	// AbsFileURL). "": the site's own.
	filesPath, filesBaseURL string
}

// Allowance is one entry of allow_raw.
type Allowance struct {
	Path string // below content/, slash-separated: "downloads/rechner.html"
	Line int    // in site.yaml
}

// BasePath is the path part of BaseURL ("/" or "/bank/"), which every
// site-internal link starts with.
func (s Site) BasePath() string {
	if s.basePath != "" {
		return s.basePath
	}
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// RelURL prefixes a site path ("/products/x/") with the base path: the
// address of a page or file as the site's own pages link to it.
func (s Site) RelURL(path string) string {
	return strings.TrimSuffix(s.BasePath(), "/") + path
}

// FileURL prefixes the site path of a file every language shows alike —
// a theme's static file, a file of content/, an image and its sizes —
// with the default language's base path: such a file is published once,
// at the default language's address, and every language's pages name
// that copy. On the default language's settings it is RelURL.
func (s Site) FileURL(path string) string {
	if s.filesPath == "" {
		return s.RelURL(path)
	}
	return strings.TrimSuffix(s.filesPath, "/") + path
}

// AbsFileURL is the absolute address of a file every language shares
// (FileURL): the default language's base URL and the file's site path.
func (s Site) AbsFileURL(path string) string {
	if s.filesBaseURL == "" {
		return s.AbsURL(path)
	}
	return grammar.URI(strings.TrimSuffix(s.filesBaseURL, "/") + path)
}

// AbsURL joins the base URL and a site path ("/products/x/"), percent-
// encoded per RFC 3986: "/über-uns/" is written "/%C3%BCber-uns/" in the
// sitemap, the feeds, vCards, schema.org data and canonical links alike.
func (s Site) AbsURL(path string) string {
	return grammar.URI(strings.TrimSuffix(s.BaseURL, "/") + path)
}

// Keys are the settings of site.yaml.
func Keys() []string { return append([]string(nil), keys...) }

var keys = []string{"title", "baseURL", "language", "theme", "description", "currency", "pagination", "copyright", "feedback", "allow_raw", "menus", "brand", "headers", "languages"}

// MaxFileBytes bounds site.yaml; settings are a few hundred bytes.
const MaxFileBytes = 1 << 20

// Load reads content/site.yaml from the site's content files. Without it
// (or when it cannot be read) the settings are the defaults, so that the
// build reports the one missing file and not, after it, a theme "" that
// does not exist.
func Load(files *fileio.Files) (Site, []diag.Diagnostic) {
	data, err := files.ReadFile(File, MaxFileBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return Defaults(), []diag.Diagnostic{diag.Errorf(File, 0, "the site settings file is missing").
			WithHint("create %s with at least title, baseURL and language", File)}
	}
	if errors.Is(err, fileio.ErrRefused) {
		return Defaults(), nil // the scan said why
	}
	var tl *fileio.TooLargeError
	if errors.As(err, &tl) {
		return Defaults(), []diag.Diagnostic{diag.Errorf(File, 0, "the file has more than %d MB, the limit for the site settings", MaxFileBytes>>20).
			WithHint("site.yaml holds settings only; data belongs in content/data/")}
	}
	if err != nil {
		return Defaults(), []diag.Diagnostic{diag.Errorf(File, 0, "cannot read: %v", err)}
	}
	s, ds := Parse(data)
	return s, append(ds, checkLogo(s.Brand, files)...)
}

// Defaults are the settings site.yaml's keys start from.
func Defaults() Site {
	return Site{Theme: "klartext", Currency: "EUR", Pagination: 10, Language: "en"}
}

// Parse validates the settings text.
func Parse(data []byte) (Site, []diag.Diagnostic) {
	s := Defaults()
	var ds []diag.Diagnostic
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return s, []diag.Diagnostic{diag.Errorf(File, yamlErrLine(err), "malformed YAML: %v", err)}
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return s, []diag.Diagnostic{diag.Errorf(File, 1, "the settings must be keys and values (title: ...)")}
	}
	root := doc.Content[0]
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		seen[k.Value] = true
		str := func(dst *string) {
			if v.Kind != yaml.ScalarNode {
				ds = append(ds, diag.Errorf(File, v.Line, "%s must be text", k.Value).WithKey(k.Value))
				return
			}
			*dst = strings.TrimSpace(v.Value)
		}
		switch k.Value {
		case "title":
			str(&s.Title)
		case "baseURL":
			str(&s.BaseURL)
		case "language":
			str(&s.Language)
		case "theme":
			str(&s.Theme)
		case "description":
			str(&s.Description)
		case "currency":
			str(&s.Currency)
		case "copyright":
			str(&s.Copyright)
		case "pagination":
			if err := v.Decode(&s.Pagination); err != nil || s.Pagination < 1 {
				ds = append(ds, diag.Errorf(File, v.Line, "pagination must be a whole number of at least 1, got %q", v.Value).WithKey("pagination"))
				s.Pagination = 10
			}
		case "feedback":
			s.Feedback = v
		case "menus":
			s.Menus = v
		case "brand":
			var bds []diag.Diagnostic
			s.Brand, bds = parseBrand(v)
			ds = append(ds, bds...)
		case "headers":
			var hds []diag.Diagnostic
			s.Headers, hds = headers.Parse(v, File)
			ds = append(ds, hds...)
		case "languages":
			var lds []diag.Diagnostic
			s.Languages, lds = parseLanguages(v)
			ds = append(ds, lds...)
		case "allow_raw":
			var ads []diag.Diagnostic
			s.AllowRaw, ads = parseAllowRaw(v)
			ds = append(ds, ads...)
		default:
			ds = append(ds, unknownKey(diag.Errorf(File, k.Line, "unknown setting %q", k.Value).WithKey(k.Value), k.Value, keys, "known settings are"))
		}
	}
	line := func(key string) int {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == key {
				return root.Content[i+1].Line
			}
		}
		return 1
	}
	if len(s.Languages) > 0 {
		// languages: names the default language; language: beside it
		// must agree.
		first := s.Languages[0].Code
		if seen["language"] && !strings.EqualFold(s.Language, first) {
			ds = append(ds, diag.Errorf(File, line("language"), "language: %s differs from the first of languages:, %s, which is the default language", s.Language, first).
				WithKey("language").WithHint("remove language: (languages: names the default first), or make both the same"))
		}
		s.Language = first
		seen["language"] = true
		if len(s.Languages) == 1 {
			// One language: the site is as with language: alone, with
			// the entry's words.
			s = s.ForLanguage(0)
			s.Languages = nil
		}
	}
	for _, req := range []string{"title", "baseURL", "language"} {
		if !seen[req] {
			ds = append(ds, diag.Errorf(File, 1, "the setting %q is missing", req).WithKey(req))
		}
	}
	if seen["baseURL"] {
		// The base URL starts every canonical link, the sitemap's and the
		// feeds' addresses and robots.txt: it is checked as a web address
		// and kept percent-encoded (RFC 3986), so they are too.
		if u, err := NormalizeBaseURL(s.BaseURL); err != nil {
			ds = append(ds, err.Diagnostic(File, line("baseURL")))
		} else {
			s.BaseURL = u
		}
	}
	s.basePath = s.BasePath()
	s.LanguageLine = line("language")
	if len(s.Languages) > 0 {
		s.LanguageLine = s.Languages[0].Line
	}
	if grammar.LanguageTag(s.Language) != nil {
		ds = append(ds, diag.Errorf(File, line("language"), "language must be a language code like de or en-GB, got %q", s.Language).WithKey("language"))
	}
	if len(s.Currency) != 3 || strings.ToUpper(s.Currency) != s.Currency {
		ds = append(ds, diag.Errorf(File, line("currency"), "currency must be an ISO 4217 code like EUR, got %q", s.Currency).WithKey("currency"))
	}
	if s.Theme == "" || strings.ContainsAny(s.Theme, `/\.`) {
		ds = append(ds, diag.Errorf(File, line("theme"), "theme must be a plain folder name under themes/, got %q", s.Theme).WithKey("theme"))
		s.Theme = "klartext"
	}
	return s, ds
}

// parseAllowRaw reads allow_raw: a list of paths below content/, each
// named exactly (no patterns: every file a browser would run is chosen
// one by one).
func parseAllowRaw(v *yaml.Node) ([]Allowance, []diag.Diagnostic) {
	if v.Kind != yaml.SequenceNode {
		return nil, []diag.Diagnostic{diag.Errorf(File, v.Line, "allow_raw must be a list of files below content/, like [downloads/rechner.html]").WithKey("allow_raw")}
	}
	var out []Allowance
	var ds []diag.Diagnostic
	seen := map[string]int{}
	for _, e := range v.Content {
		p := strings.TrimSpace(e.Value)
		switch {
		case e.Kind != yaml.ScalarNode || p == "":
			ds = append(ds, diag.Errorf(File, e.Line, "each entry of allow_raw must be a file name below content/").WithKey("allow_raw"))
			continue
		case !belowContent(p):
			ds = append(ds, diag.Errorf(File, e.Line, "allow_raw names %q; write the path below content/ with forward slashes, without patterns, ../ or a leading /", p).
				WithKey("allow_raw").WithHint("for content/downloads/rechner.html write downloads/rechner.html"))
			continue
		}
		if first, dup := seen[p]; dup {
			ds = append(ds, diag.Errorf(File, e.Line, "allow_raw names %s twice (first on line %d)", p, first).WithKey("allow_raw"))
			continue
		}
		seen[p] = e.Line
		out = append(out, Allowance{Path: p, Line: e.Line})
	}
	return out, ds
}

// unknownKey adds to d, the error of an unknown key, the closest known
// key, or else the list of them after intro.
func unknownKey(d diag.Diagnostic, key string, known []string, intro string) diag.Diagnostic {
	if h := suggest.Hint(key, known); !h.Empty() {
		return d.WithHint("%s", h)
	}
	return d.WithHint("%s %s", intro, strings.Join(known, ", "))
}

// belowContent reports whether p names a file below content/ as
// site.yaml writes one: forward slashes, no patterns, no ../, no leading
// / or content/.
func belowContent(p string) bool {
	return p != "" && p != "." && !strings.ContainsAny(p, `\*?[`) && !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "content/") &&
		path.Clean(p) == p && !strings.HasPrefix(p, "../")
}

func yamlErrLine(err error) int {
	var n int
	if _, e := fmt.Sscanf(err.Error(), "yaml: line %d:", &n); e == nil {
		return n
	}
	return 1
}
