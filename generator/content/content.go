// Package content loads the content tree: it walks content/, splits and
// decodes every Markdown file's front matter, gives each page its kind and
// clean URL, and lists the data files and assets. It does not render.
package content

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/klartext/klartext/generator/fileio"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/frontmatter"
)

// Dir is the content folder below the site root.
const Dir = "content"

// MaxMarkdownBytes is the largest Markdown file the build accepts. Bank
// pages are a few kilobytes; a file beyond this is almost certainly an
// accident (an export pasted in), and refusing it keeps memory bounded.
const MaxMarkdownBytes = 8 << 20

// MaxAssetBytes bounds a file of content/ copied as it is (a PDF, an
// image, a video); larger files belong on a file server, and the build
// holds each copied file in memory once.
const MaxAssetBytes = 100 << 20

// Kind is what a page is; templates and cross-links depend on it. Each
// kind has its entry in the registry of page kinds (kinds.go).
type Kind string

const (
	KindHome    Kind = "home"
	KindSection Kind = "section"
	KindPage    Kind = "page"
	KindProduct Kind = "product" // a product explainer, or a product page built from data alone
	KindAdvisor Kind = "advisor"
	KindStory   Kind = "story"
	KindTopic   Kind = "topic"  // generated: one topic
	KindTopics  Kind = "topics" // generated: the index of topics
	Kind404     Kind = "404"
)

// Page is one Markdown source file, loaded. It keeps what the build needs
// of the body (Teaser, Fences), not the body itself: ReadBody reads it again
// when the page renders, so a build of 40,000 pages never holds the text of
// all of them.
type Page struct {
	Source   string // path from the site root, slash-separated: "content/products/x.md"
	Section  string // first folder below content/ ("products"); "" for top-level pages
	Kind     Kind
	Slug     string // the URL's last segment ("etf-welt"); "" for the home page
	URL      string // site path: "/products/etf-welt/"
	Meta     Meta
	BodyLine int // file line of the body's first line

	// Lang is the language of a translation, named by the file
	// ("ueber-uns.en.md": "en", one of site.yaml's languages: after the
	// first); "" for a page in the site's default language. Original is
	// then the file it translates ("content/ueber-uns.md"), whose kind,
	// section, slug and URL the translation has.
	Lang     string
	Original string
	// Untranslated marks a page of the default language shown in another
	// language's site because every language has one of its kind (an
	// advisor): its front matter is used, its body is not (ReadBody has
	// none), and the page says where the text is (site.Node.Translations).
	Untranslated bool

	// Teaser is the body's first paragraph as plain text, cut at a word
	// boundary after at most TeaserLength characters: the list teaser and
	// meta description of a page whose front matter has no description;
	// "" when it has one.
	Teaser string
	// Fences are the info words of the body's fenced blocks ("chart",
	// "video"), sorted, each once.
	Fences []string

	// Where the body starts in the normalized file (BOM removed, line
	// breaks as LF) and how long that is, so ReadBody can read it again.
	bodyOffset int
	normLen    int
}

// HasFence reports whether the body has a fenced block with the info word
// (HasFence("video") for a block opened by "```video").
func (p *Page) HasFence(info string) bool {
	i := sort.SearchStrings(p.Fences, info)
	return i < len(p.Fences) && p.Fences[i] == info
}

// ReadBody reads the body, the Markdown without front matter, from the
// file; a page generated from data has none. A file that changed since it
// was loaded is an error: the page would not match its front matter.
func (p *Page) ReadBody(files *fileio.Files) ([]byte, error) {
	return p.ReadBodyInto(nil, files)
}

// ReadBodyInto is ReadBody reading the file into *buf where it fits and
// leaving the memory it read into in *buf (a render worker's, reused for
// its next page: the body is valid until then).
func (p *Page) ReadBodyInto(buf *[]byte, files *fileio.Files) ([]byte, error) {
	if p.Source == "" || p.Untranslated {
		return nil, nil
	}
	var into []byte
	if buf != nil {
		into = *buf
	}
	data, err := readLimited(into, files, p.Source)
	if err != nil {
		return nil, err
	}
	if buf != nil {
		*buf = data[:0]
	}
	data = normalize(data)
	if len(data) != p.normLen {
		return nil, diag.Err("the file changed while the site was being built; build again")
	}
	return data[p.bodyOffset:], nil
}

// normalize removes a byte order mark and turns Windows line ends, and the
// lone CR of old Mac files (which YAML counts as a line break), into LF:
// one kind of line break keeps line numbers the same in front matter and
// body.
func normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data
}

// Asset is a file copied as it is.
type Asset struct {
	Source string // from the site root: "content/advisors/anna.jpg"
	URL    string // "/advisors/anna.jpg"
}

// Tree is the loaded content.
type Tree struct {
	Files  *fileio.Files // every file of content/ that may be read
	Pages  []*Page       // sorted by Source
	Assets []Asset       // sorted by Source
	Data   []string      // data files, from the site root, sorted

	md []string // the Markdown files, sorted, for LoadPages
}

// Load walks root/content and loads its pages, all in the site's one
// language (Scan, then LoadPages). It returns everything it could load
// and a diagnostic for each file it could not; every later read of the
// site's content goes through Tree.Files.
func Load(root string) (*Tree, []diag.Diagnostic) {
	t, ds := Scan(root)
	return t, append(ds, t.LoadPages(nil)...)
}

// Scan walks root/content and sorts its files into pages to load, data
// files and assets; LoadPages loads the pages once the site's languages
// are known (site.yaml is one of the files scanned).
func Scan(root string) (*Tree, []diag.Diagnostic) {
	var ds []diag.Diagnostic
	var mdFiles []string
	files, problems, err := fileio.Scan(root, Dir, notContent)
	t := &Tree{Files: files}
	if err == nil && !files.Exists() {
		err = diag.Err("%s does not exist", filepath.Join(root, Dir))
	}
	if err != nil {
		return t, []diag.Diagnostic{diag.Errorf(Dir, 0, "the content folder cannot be read: %v", err).
			WithHint("run klartext in the site's root folder or pass --source")}
	}
	for _, pr := range problems {
		ds = append(ds, pr.Diagnostic())
	}
	for _, slash := range files.List() {
		inner := strings.TrimPrefix(slash, Dir+"/")
		switch {
		case inner == "site.yaml":
		case strings.HasPrefix(inner, "data/"):
			t.Data = append(t.Data, slash)
		case strings.HasSuffix(inner, ".md"):
			mdFiles = append(mdFiles, slash)
		default:
			t.Assets = append(t.Assets, Asset{Source: slash, URL: "/" + inner})
		}
	}
	sort.Strings(mdFiles)
	t.md = mdFiles
	return t, ds
}

// LoadPages loads the Markdown files Scan found. translations are the
// site's languages after the default: a file named with one of them
// before .md ("ueber-uns.en.md") is a translation (Page.Lang).
func (t *Tree) LoadPages(translations []string) []diag.Diagnostic {
	var ds []diag.Diagnostic
	files, mdFiles := t.Files, t.md
	pages := make([]*Page, len(mdFiles))
	pageDiags := make([][]diag.Diagnostic, len(mdFiles))
	// Workers take the next file by counting, not from a channel: a page
	// loads in some 30 µs, and a hand-over per page kept a core waiting.
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(mdFiles); i = int(next.Add(1) - 1) {
				pages[i], pageDiags[i] = loadPage(files, mdFiles[i], translations)
			}
		}()
	}
	wg.Wait()
	for i, p := range pages {
		ds = append(ds, pageDiags[i]...)
		if p != nil {
			t.Pages = append(t.Pages, p)
		}
	}
	return ds
}

// WellKnown is the folder below content/ for files that prove control of
// the bank's domain (security.txt, app links, certificate challenges): the
// one hidden folder that is read; the build publishes its files only by
// name (allow_raw in site.yaml).
const WellKnown = ".well-known"

// notContent says which names are not the site's: hidden files and
// folders (.git, .DS_Store) and editor backups ("seite.md~"), except
// content/.well-known/.
func notContent(rel string, d fs.DirEntry) bool {
	if rel == Dir+"/"+WellKnown && d.IsDir() {
		return false
	}
	return fileio.Hidden(d.Name())
}

// LoadPage reads and decodes one Markdown file of files (source is from
// the site root, "content/x.md").
func LoadPage(files *fileio.Files, source string) (*Page, []diag.Diagnostic) {
	return loadPage(files, source, nil)
}

func loadPage(files *fileio.Files, source string, translations []string) (*Page, []diag.Diagnostic) {
	data, err := readLimited(nil, files, source)
	if err != nil {
		return nil, []diag.Diagnostic{diag.Errorf(source, 0, "%v", err)}
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))) == 0 {
		return nil, []diag.Diagnostic{diag.Errorf(source, 0, "the file is empty").
			WithHint("add front matter with at least a title, or delete the file")}
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		return nil, []diag.Diagnostic{diag.Errorf(source, line, "the file is not valid UTF-8 text").
			WithHint("save it as UTF-8 in your editor (it may have been written as Latin-1 or Windows-1252)")}
	}
	data = normalize(data)
	doc, err := frontmatter.Split(data)
	if err != nil {
		return nil, []diag.Diagnostic{fmError(source, err)}
	}
	node, err := doc.Decode()
	if err != nil {
		return nil, []diag.Diagnostic{fmError(source, err)}
	}
	p := classify(source)
	if original, lang := TranslationOf(source, translations); lang != "" {
		p = classify(original)
		p.Source, p.Lang, p.Original = source, lang, original
	}
	meta, ds := decodeMeta(source, p.Kind, node)
	p.Meta = meta
	if meta.Description == "" {
		p.Teaser = teaser(doc.Body, TeaserLength)
	}
	p.Fences = fenceWords(doc.Body)
	p.BodyLine = doc.BodyLine
	p.normLen = len(data)
	p.bodyOffset = len(data) - len(doc.Body) // the body is the text's tail
	return p, ds
}

func fmError(source string, err error) diag.Diagnostic {
	if fe, ok := err.(*frontmatter.Error); ok {
		d := diag.Errorf(source, fe.Line, "%s", fe.Msg)
		if fe.Hint.String() != "" {
			d = d.WithHint("%s", fe.Hint)
		}
		return d
	}
	return diag.Errorf(source, 1, "%v", err)
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func readLimited(buf []byte, files *fileio.Files, source string) ([]byte, error) {
	data, err := files.ReadFileInto(buf, source, MaxMarkdownBytes)
	var tl *fileio.TooLargeError
	switch {
	case errors.As(err, &tl) && tl.Size >= 0:
		return nil, diag.Err("the file has %d MB; the limit for a Markdown page is %d MB — split it into several pages",
			tl.Size>>20, MaxMarkdownBytes>>20)
	case errors.As(err, &tl):
		return nil, diag.Err("the file has more than %d MB, the limit for a Markdown page — split it into several pages", MaxMarkdownBytes>>20)
	case err != nil:
		return nil, diag.Err("cannot read: %v", err)
	}
	return data, nil
}

// UntranslatedCopy is a copy of p, a page of the default language, for
// another language's site: front matter only (Page.Untranslated).
func (p *Page) UntranslatedCopy() *Page {
	c := *p
	c.Untranslated, c.Teaser, c.Fences = true, "", nil
	return &c
}

// TranslationOf says whether source is a translation: its name ends in
// ".<lang>.md" for one of langs ("content/ueber-uns.en.md", "en"); then it
// returns the original's name ("content/ueber-uns.md") and the language,
// else "" twice.
func TranslationOf(source string, langs []string) (original, lang string) {
	stem, ok := strings.CutSuffix(source, ".md")
	if !ok {
		return "", ""
	}
	for _, l := range langs {
		if base, ok := strings.CutSuffix(stem, "."+l); ok && path.Base(base) != "" && !strings.HasSuffix(base, "/") {
			return base + ".md", l
		}
	}
	return "", ""
}

// classify derives kind, section, slug and URL from the source path alone,
// so links can be resolved before any page is rendered.
func classify(source string) *Page {
	inner := strings.TrimSuffix(strings.TrimPrefix(source, Dir+"/"), ".md")
	dir, file := path.Split(inner)
	dir = strings.TrimSuffix(dir, "/")
	p := &Page{Source: source}
	if dir != "" {
		p.Section = strings.SplitN(dir, "/", 2)[0]
	}
	segs := []string{}
	for _, s := range strings.Split(dir, "/") {
		if s != "" {
			segs = append(segs, Slugify(s))
		}
	}
	switch {
	case file == "_index" && dir == "":
		p.Kind = KindHome
	case file == "_index":
		p.Kind = KindSection
		p.Slug = segs[len(segs)-1]
	default:
		p.Kind = KindPage
		if k := FolderKind(dir); k != nil {
			p.Kind = k.Kind
		}
		p.Slug = Slugify(file)
		segs = append(segs, p.Slug)
	}
	p.URL = "/"
	if len(segs) > 0 {
		p.URL = "/" + strings.Join(segs, "/") + "/"
	}
	return p
}

// Slugify turns a file or folder name into a URL segment: lower case,
// spaces and underscores as hyphens, letters (Umlauts included) and digits
// kept, everything else dropped. "Über uns" becomes "über-uns".
func Slugify(s string) string {
	// A name typed on a Mac is decomposed ("U" and a combining
	// diaeresis), whose mark is no letter: composed first, "Über" keeps
	// its Umlaut whichever system saved the file.
	s = norm.NFC.String(s)
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '_' || r == '.':
			hyphen = true
		}
	}
	return b.String()
}
