package output

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Origin is what kind of thing writes an output file; it decides how the
// owner is named in a message and which of two clashing owners an error
// is reported at (the editor's file first).
type Origin uint8

const (
	// FromContent is an editor's file below content/ (a page, an asset).
	FromContent Origin = iota
	// Derived is made from a site file: a product page from its data
	// row, a vCard from an advisor's page, page 2 of a section.
	Derived
	// FromTheme is a file of the theme (the site's or the built-in one).
	FromTheme
	// Generated is made by klartext from the site as a whole (the topics
	// list, the sitemap, the feeds, _headers).
	Generated
)

// Source is the owner of an output file.
type Source struct {
	Origin Origin
	File   string // the site file it comes from, from the site root; "" for Generated and the built-in theme
	Line   int    // in File, where known (a data row)
	What   string // for Derived and Generated: "the topic page of \"kosten\""; for the built-in theme the file below it
}

// String names the source for an editor.
func (s Source) String() string {
	file := s.File
	if s.Line > 0 {
		file += ":" + strconv.Itoa(s.Line)
	}
	switch s.Origin {
	case Derived:
		return s.What + " (from " + file + ")"
	case FromTheme:
		if s.File == "" {
			return "the built-in theme's " + s.What
		}
	case Generated:
		return "generated: " + s.What
	}
	return file
}

// Key is a site path as a web host compares it: "/x/" is "/x/index.html",
// letter case does not count (hosts on case-insensitive file systems, and
// the archives a site is uploaded as, keep only one of "/A.pdf" and
// "/a.pdf"), and Unicode is compared in NFC ("Ü" typed on a Mac is U+0055
// U+0308, elsewhere U+00DC). Most paths are lower-case ASCII already and
// cost one pass and no allocation.
func Key(sitePath string) string {
	if strings.HasSuffix(sitePath, "/") {
		sitePath += "index.html"
	}
	upper := false
	for i := 0; i < len(sitePath); i++ {
		c := sitePath[i]
		if c >= 0x80 {
			return norm.NFC.String(strings.Map(fold, norm.NFC.String(sitePath)))
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if upper {
		return strings.ToLower(sitePath)
	}
	return sitePath
}

// fold maps a rune to one representative of its simple case folding:
// "ẞ" and "ß", "Σ", "σ" and "ς", "K" and the Kelvin sign are one each.
func fold(r rune) rune { return unicode.ToLower(unicode.ToUpper(r)) }

// Registry is the owner of every output path of a build: each file the
// build writes is claimed with its source before anything is written, so
// two sources that would write one file (as the host compares paths) are
// an error naming both, never a silent winner. A claim costs one map
// insert and the folder's lookup; it is not safe for concurrent use.
type Registry struct {
	claims  []claim
	files   map[string]int32 // Key → the file's claim
	dirs    map[string]int32 // Key of a folder → the claim of the first file below it
	folders []folderClaim    // folders owned as a whole (ClaimFolder); a few at most
	clashes []Clash
}

// folderClaim is a folder whose every file belongs to one claim: files
// whose names are known only once the pages have rendered (the search
// index), written from several goroutines.
type folderClaim struct {
	key   string // Key of the folder, with a trailing slash
	claim int32
}

type claim struct {
	path string
	src  Source
}

// Clash is a claim refused: Path (by Src) is the path OtherPath (by
// Other) claimed already, as the host compares them; with Folder, one of
// them is a file where the other needs a folder of the same name.
type Clash struct {
	Path, OtherPath string
	Src, Other      Source
	Folder          bool
}

// NewRegistry returns a registry with room for about n files.
func NewRegistry(n int) *Registry {
	return &Registry{claims: make([]claim, 0, n), files: make(map[string]int32, n), dirs: make(map[string]int32, n)}
}

// Claim registers sitePath ("/products/x/index.html") as src's. It reports
// false, and records the clash, when the path was claimed already or a
// file stands where it needs a folder; the first claim keeps the path.
func (r *Registry) Claim(sitePath string, src Source) bool {
	k := Key(sitePath)
	clash := func(other int32, folder bool) bool {
		o := r.claims[other]
		r.clashes = append(r.clashes, Clash{Path: sitePath, Src: src, OtherPath: o.path, Other: o.src, Folder: folder})
		return false
	}
	if prev, ok := r.files[k]; ok {
		return clash(prev, false)
	}
	for _, f := range r.folders {
		if strings.HasPrefix(k, f.key) {
			return clash(f.claim, true)
		}
	}
	if below, ok := r.dirs[k]; ok {
		return clash(below, true)
	}
	// The folders the file needs, up to the first one known already
	// (every folder above that one is known too).
	top := len(k)
	for i := strings.LastIndexByte(k, '/'); i > 0; i = strings.LastIndexByte(k[:i], '/') {
		if _, ok := r.dirs[k[:i]]; ok {
			break
		}
		if f, ok := r.files[k[:i]]; ok {
			return clash(f, true)
		}
		top = i
	}
	c := int32(len(r.claims))
	r.claims = append(r.claims, claim{sitePath, src})
	for i := strings.LastIndexByte(k, '/'); i >= top; i = strings.LastIndexByte(k[:i], '/') {
		r.dirs[k[:i]] = c
	}
	r.files[k] = c
	return true
}

// ClaimFolder registers the folder dir ("/suche/index/") and every file
// below it as src's, for files whose names are known only when they are
// written. It reports false, and records the clash, when a file was
// claimed below it or where it needs the folder; later claims below it
// clash too. Owner is then safe to call for paths below it while
// nothing else is claimed.
func (r *Registry) ClaimFolder(dir string, src Source) bool {
	dir = strings.TrimSuffix(dir, "/")
	k := strings.TrimSuffix(Key(dir+"/"), "index.html")
	clash := func(other int32) bool {
		o := r.claims[other]
		r.clashes = append(r.clashes, Clash{Path: dir + "/", Src: src, OtherPath: o.path, Other: o.src, Folder: true})
		return false
	}
	if below, ok := r.dirs[strings.TrimSuffix(k, "/")]; ok {
		return clash(below)
	}
	for _, f := range r.folders {
		if strings.HasPrefix(k, f.key) || strings.HasPrefix(f.key, k) {
			return clash(f.claim)
		}
	}
	// A file where the folder or a folder above it would be.
	for i := len(k) - 1; i > 0; i = strings.LastIndexByte(k[:i], '/') {
		if f, ok := r.files[k[:i]]; ok {
			return clash(f)
		}
	}
	c := int32(len(r.claims))
	r.claims = append(r.claims, claim{dir + "/", src})
	r.folders = append(r.folders, folderClaim{key: k, claim: c})
	for i := len(k) - 1; i > 0; i = strings.LastIndexByte(k[:i], '/') {
		if _, ok := r.dirs[k[:i]]; ok {
			break
		}
		r.dirs[k[:i]] = c
	}
	return true
}

// ClaimOne is Claim that returns the clash it records, for a claim made
// on its own (claims made as files are produced).
func (r *Registry) ClaimOne(sitePath string, src Source) (Clash, bool) {
	if r.Claim(sitePath, src) {
		return Clash{}, true
	}
	return r.clashes[len(r.clashes)-1], false
}

// Owner is the source that claimed sitePath, as the host compares paths.
func (r *Registry) Owner(sitePath string) (Source, bool) {
	k := Key(sitePath)
	if c, ok := r.files[k]; ok {
		return r.claims[c].src, true
	}
	for _, f := range r.folders {
		if strings.HasPrefix(k, f.key) {
			return r.claims[f.claim].src, true
		}
	}
	return Source{}, false
}

// Len is the number of files claimed.
func (r *Registry) Len() int { return len(r.files) }

// Clashes are the refused claims, sorted by path and source, so a report
// reads the same in every build.
func (r *Registry) Clashes() []Clash {
	out := append([]Clash(nil), r.clashes...)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Src.String() < b.Src.String()
	})
	return out
}
