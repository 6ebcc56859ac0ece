package publish

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"math"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/imaging"
	"github.com/klartext/klartext/generator/markdown"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/site"
)

// The image sizes of the default theme's layout, in CSS pixels: the
// advisor photo on cards and on the profile (site.css .advisor-photo), and
// the text column that Markdown images fill at most (.prose, 44rem).
var (
	avatarSizes  = []int{96, 160}
	contentWidth = 704
	// contentSizes tells the browser how wide a content image shows:
	// the text column, or the viewport less the page's padding.
	contentSizes = "(min-width: 46rem) 44rem, calc(100vw - 2rem)"
)

// MaxImageBytes is the largest image file read: a phone photo has a few
// megabytes.
const MaxImageBytes = 64 << 20

// imageExtensions mark the assets the image pipeline reads; what they
// are is decided by their bytes (a HEIC photo renamed .jpg is still one).
var imageExtensions = map[string]bool{
	".jpg": true, ".jpeg": true, ".jpe": true, ".png": true, ".gif": true, ".webp": true,
	".heic": true, ".heif": true, ".avif": true, ".tif": true, ".tiff": true, ".jxl": true, ".bmp": true,
}

// IsImage reports whether the image pipeline reads the file, by its
// ending: a raster image (published without metadata, in the sizes the
// pages need) or an SVG (checked, published as it is).
func IsImage(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return imageExtensions[ext] || ext == ".svg"
}

func newAdvisorPhoto(card, profile site.Picture, alt string) *site.AdvisorPhoto {
	return &site.AdvisorPhoto{Card: card, Profile: profile,
		CardHTML:    template.HTML(pictureTag(card, alt, "", [2]string{"advisor-picture", "advisor-photo"}, true)),
		ProfileHTML: template.HTML(pictureTag(profile, alt, "", [2]string{"advisor-picture", "advisor-photo large"}, false))}
}

// Images is a build's images. PrepareImages, before the pages render,
// reads every image of content/ (once per content: see imaging.Cache),
// publishes it at its own address without metadata and makes the advisor
// photos; Markdown images are made while their pages render (For). Each
// use of an image is made once per build, also by the incremental builds
// of klartext serve, which keep the set.
type Images struct {
	site    *site.Site
	files   *fileio.Files // the site's files, read through the guard
	produce bool          // false for klartext check: name the files, make none
	pub     *imaging.Publisher
	sources map[string]*imageSource // by source path; read-only once prepared
	uses    *imageUses
	// into writes the files of the images for the set of a language
	// that is not the default (ForLanguage): a writer of the default
	// language's plan, whose copy every language shows. nil: the writer
	// For is given.
	into *output.Writer
}

// imageUses are the uses of the images made in a build, each once, by
// image and use: shared by the sets of every language.
type imageUses struct {
	mu sync.Mutex
	m  map[string]*imageUse
}

type imageSource struct {
	source, url string
	src         imaging.Source
	svg         bool  // a vector image: copied as it is, with the other assets
	err         error // why it cannot be published
	referenced  atomic.Bool
}

// imageUse is one use of one image, made once per build.
type imageUse struct {
	once  sync.Once
	files []imaging.File // Data dropped once written
	err   error
}

// handles reports whether PrepareImages published the asset; the others
// are copied as they are.
func (is *Images) handles(source string) bool {
	if is == nil {
		return false
	}
	s := is.sources[source]
	return s != nil && !s.svg
}

// PrepareImages reads the site's images and publishes the originals and
// the advisor photos with w, in parallel (produce false: it names their
// files and makes none, for klartext check). A site without images opens
// no cache.
func PrepareImages(s *site.Site, tree *content.Tree, cacheRoot string, produce bool, w *output.Writer, ds *diag.List) *Images {
	is := &Images{site: s, files: s.Files, produce: produce,
		sources: map[string]*imageSource{}, uses: &imageUses{m: map[string]*imageUse{}}}
	var todo []*imageSource
	for _, a := range tree.Assets {
		if _, ok := s.Assets[a.Source]; !ok {
			continue // a withdrawn advisor's photo
		}
		if IsImage(a.Source) {
			src := &imageSource{source: a.Source, url: a.URL}
			is.sources[a.Source] = src
			todo = append(todo, src)
		}
	}
	if len(todo) == 0 {
		return is
	}
	var cache *imaging.Cache
	if cacheRoot != "" {
		c, err := imaging.OpenCache(cacheRoot)
		if err != nil {
			ds.Add(diag.Warnf("", 0, "cannot use the image cache: %v", err).
				WithHint("images are made again on every build; check that %s can be written", cacheRoot))
		} else {
			cache = c
		}
	}
	is.pub = imaging.NewPublisher(cache)
	parallel(len(todo), func(i int) { is.prepare(todo[i], w, ds) })
	is.advisorPhotos(w, ds)
	return is
}

// ForLanguage is the set of the site of a language that is not the
// default, s: the default language's images (is), published once at its
// address, which every language's pages name (config.Site.FileURL), and
// the photos of s's advisors. The sizes its pages need are written with
// into, a writer of the default language's plan (output.Writer.To).
func (is *Images) ForLanguage(s *site.Site, into *output.Writer, ds *diag.List) *Images {
	l := *is
	l.site, l.into = s, into
	if len(l.sources) > 0 {
		l.advisorPhotos(into, ds)
	}
	return &l
}

// advisorPhotos makes the photos of the site's advisors, in parallel.
func (is *Images) advisorPhotos(w *output.Writer, ds *diag.List) {
	var advisors []*site.Node
	for _, n := range is.site.Nodes {
		if n.Kind == content.KindAdvisor && n.Advisor != nil && n.Meta.Photo != "" {
			advisors = append(advisors, n)
		}
	}
	parallel(len(advisors), func(i int) { is.advisorPhoto(advisors[i], w, ds) })
}

// parallel runs f(0) … f(n-1) on as many goroutines as the build renders
// with.
func parallel(n int, f func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// prepareImage analyses one image and publishes it at its own address
// without metadata.
func (is *Images) prepare(s *imageSource, w *output.Writer, ds *diag.List) {
	data, err := is.files.ReadFile(s.source, MaxImageBytes)
	if err != nil {
		var tl *fileio.TooLargeError
		if errors.As(err, &tl) {
			err = &imaging.Error{Kind: imaging.TooLarge, Err: diag.Err("the file has more than %d MB", MaxImageBytes>>20)}
		}
		s.err = err
		return
	}
	// An .svg file is taken as one unless its bytes say it is a picture
	// of another kind (the <svg> tag may come after a long XML prologue).
	f := imaging.Sniff(data[:min(len(data), imaging.SniffLen)])
	if f == imaging.SVG || (f == imaging.Unknown && strings.EqualFold(path.Ext(s.source), ".svg")) {
		s.svg = true
		return
	}
	if s.src, err = is.pub.Analyze(data); err != nil {
		s.err = err
		return
	}
	if p := s.src.Info.Profile; p != "" {
		ds.Add(diag.Warnf(s.source, 0, "the image has the colour profile %q; klartext publishes images without colour profiles, as sRGB, so its colours will look paler", p).
			WithHint("export it as sRGB (in most editors: Export, colour space sRGB)"))
	}
	if !is.produce {
		return
	}
	out, err := is.pub.Original(s.src, data)
	if err != nil {
		s.err = err
		return
	}
	w.Write(s.url, out)
}

// Report reports the images that cannot be published and that no page
// shows (a page that shows one reports it at its line).
func (is *Images) Report(ds *diag.List) {
	var bad []*imageSource
	for _, s := range is.sources {
		if s.err != nil && !s.referenced.Load() {
			bad = append(bad, s)
		}
	}
	sort.Slice(bad, func(i, j int) bool { return bad[i].source < bad[j].source })
	for _, s := range bad {
		ds.Add(imageError(s.source, 0, "", s.err))
	}
}

// imageError is the diagnostic for an image that cannot be published, at
// the file and line that shows it (or at the image file itself).
func imageError(file string, line int, written string, err error) diag.Diagnostic {
	what := "the image"
	if written != "" {
		what = fmt.Sprintf("the image %q", written)
	}
	var ie *imaging.Error
	if !errors.As(err, &ie) {
		return diag.Errorf(file, line, "%s cannot be read: %v", what, err)
	}
	switch ie.Kind {
	case imaging.Unsupported:
		if ie.Format == imaging.HEIC {
			return diag.Errorf(file, line, "%s is a HEIC photo (the iPhone's format), which most browsers cannot show and klartext cannot convert", what).
				WithHint("export it as JPEG (on the iPhone: Settings › Camera › Formats › Most Compatible, or share it with Options › Automatic) and use the .jpg")
		}
		return diag.Errorf(file, line, "%s is a %s file, which klartext does not publish", what, ie.Format.Name()).
			WithHint("save it as JPEG (photos) or PNG (drawings, screenshots)")
	case imaging.TooLarge:
		return diag.Errorf(file, line, "%s is too large: %v", what, ie).
			WithHint("scale it down (a photo of 4000×3000 pixels is plenty); klartext makes the sizes the pages need")
	}
	return diag.Errorf(file, line, "%s cannot be published: %v", what, ie).
		WithHint("open it in an image editor and save it again as JPEG or PNG, or replace it")
}

// files makes (once per build) and publishes the files of one use of an
// image.
func (is *Images) make(s *imageSource, u imaging.Use, write func(string, []byte)) ([]imaging.File, error) {
	key := s.source + "\x00" + u.String()
	is.uses.mu.Lock()
	use := is.uses.m[key]
	if use == nil {
		use = &imageUse{}
		is.uses.m[key] = use
	}
	is.uses.mu.Unlock()
	use.once.Do(func() {
		read := func() ([]byte, error) { return is.files.ReadFile(s.source, MaxImageBytes) }
		use.files, use.err = is.pub.Files(s.src, u, read, is.produce)
		for i := range use.files {
			if f := &use.files[i]; f.Data != nil {
				write(is.fileURL(s, f), f.Data)
				f.Data = nil
			}
		}
	})
	return use.files, use.err
}

// fileWriter writes the files of an image's sizes with w, each claimed as
// it is made (its name holds its content's address) by the image's
// source; a clash is reported at once, naming both owners. Another
// language's set writes with the default language's writer (into).
func (is *Images) fileWriter(s *imageSource, w *output.Writer) func(string, []byte) {
	if is.into != nil {
		w = is.into
	}
	return func(url string, data []byte) {
		clash, ok := w.ClaimLate(url, output.Source{Origin: output.Derived, File: s.source, What: "a size of the image"})
		if !ok {
			w.Report(clashDiags([]output.Clash{clash}, is.site.Config.Theme)...)
			return
		}
		w.Write(url, data)
	}
}

// fileURL is where a file of an image is published: beside the original,
// named by its size and content address ("lea-96x96-3f9a1c2b7d.webp"),
// so a changed photo gets new addresses and nothing stale is cached.
func (is *Images) fileURL(s *imageSource, f *imaging.File) string {
	dir, name := path.Split(s.url)
	stem := strings.TrimSuffix(name, path.Ext(name))
	return fmt.Sprintf("%s%s-%dx%d-%s.%s", dir, stem, f.Width, f.Height, f.Key[:10], f.Enc.Ext())
}

// advisorPhoto makes an advisor's photo in the card's and the profile's
// sizes, cropped square around photo_focus.
func (is *Images) advisorPhoto(n *site.Node, w *output.Writer, ds *diag.List) {
	m := n.Meta
	s := is.sources[path.Join(path.Dir(n.Source), m.Photo)]
	if s == nil {
		return // a missing photo is reported by resolvePeople; another file type shows as it is
	}
	s.referenced.Store(true)
	line := m.Line("photo", 1)
	if s.err != nil {
		ds.Add(imageError(n.Source, line, m.Photo, s.err).WithKey("photo"))
		n.Advisor.PhotoURL = ""
		return
	}
	if s.svg {
		pic := site.Picture{Src: is.site.Config.FileURL(s.url), Type: "image/svg+xml"}
		card, profile := pic, pic
		card.Width, card.Height, profile.Width, profile.Height = avatarSizes[0], avatarSizes[0], avatarSizes[1], avatarSizes[1]
		n.Advisor.Photo = newAdvisorPhoto(card, profile, m.PhotoAlt)
		return
	}
	focus, err := imaging.ParseFocus(m.PhotoFocus)
	if err != nil {
		ds.Add(diag.Errorf(n.Source, m.Line("photo_focus", line), "photo_focus: %v", err).WithKey("photo_focus").
			WithHint(`write where the face is, across then down: "50%% 30%%" (centre, a third from the top), or "top"`))
	}
	info := s.src.Info
	if info.Animated {
		ds.Add(diag.Errorf(n.Source, line, "the photo %q is an animation", m.Photo).WithKey("photo").
			WithHint("use a still photo (JPEG or PNG)"))
		n.Advisor.PhotoURL = ""
		return
	}
	use := imaging.Use{Kind: imaging.Avatar, Display: avatarSizes, Focus: focus}
	files, err := is.make(s, use, is.fileWriter(s, w))
	if err != nil {
		ds.Add(imageError(n.Source, line, m.Photo, err).WithKey("photo"))
		n.Advisor.PhotoURL = ""
		return
	}
	if side := min(info.Width, info.Height); side < use.Largest() {
		ds.Add(diag.Warnf(n.Source, line, "the photo %q is %d×%d pixels; the profile shows it at %d×%d, %d×%d on sharp screens, so it will look blurred",
			m.Photo, info.Width, info.Height, use.Largest(), use.Largest(), 2*use.Largest(), 2*use.Largest()).WithKey("photo").
			WithHint("use a photo at least %d pixels on its shorter side", 2*use.Largest()))
	}
	n.Advisor.Photo = newAdvisorPhoto(is.squarePicture(s, files, avatarSizes[0]), is.squarePicture(s, files, avatarSizes[1]), m.PhotoAlt)
	// vCard and JSON-LD name one photo: the largest fallback.
	for i := len(files) - 1; i >= 0; i-- {
		if !isWebP(files[i].Enc) {
			n.Advisor.PhotoURL = is.fileURL(s, &files[i])
			break
		}
	}
}

func isWebP(e imaging.Encoding) bool { return e.Ext() == "webp" }

// picture lists the files up to maxWidth pixels wide with width
// descriptors and sizes, so the browser takes the one for the width it
// shows the image at and its screen's density (html/template lets only
// whole numbers through as descriptors: "1.2x" is not an option). src, for
// browsers that ignore srcset, is the narrowest fallback at least display
// pixels wide, else the widest; width and height are the widest's.
func (is *Images) picture(s *imageSource, files []imaging.File, display, maxWidth int, sizes string) site.Picture {
	p := site.Picture{Sizes: sizes}
	var fallback, webp []string
	widest := ""
	for i := range files {
		f := &files[i]
		if f.Width > maxWidth {
			continue
		}
		u := is.site.Config.FileURL(is.fileURL(s, f))
		entry := u + " " + strconv.Itoa(f.Width) + "w"
		if isWebP(f.Enc) {
			webp = append(webp, entry)
			continue
		}
		fallback = append(fallback, entry)
		p.Width, p.Height, p.Type, widest = f.Width, f.Height, f.Enc.MIME(), u
		if p.Src == "" && f.Width >= display {
			p.Src = u
		}
	}
	if p.Src == "" {
		p.Src = widest
	}
	p.Srcset, p.WebP = strings.Join(fallback, ", "), strings.Join(webp, ", ")
	return p
}

// squarePicture is an avatar shown at d×d CSS pixels: the files up to 2d.
func (is *Images) squarePicture(s *imageSource, files []imaging.File, d int) site.Picture {
	p := is.picture(s, files, d, 2*d, strconv.Itoa(d)+"px")
	p.Width, p.Height = d, d
	return p
}

// For is the set as the pages rendered into w show it (render.Images).
func (is *Images) For(w *output.Writer) render.Images { return imagesInto{is, w} }

type imagesInto struct {
	is *Images
	w  *output.Writer
}

// Markdown renders the Markdown images of a page: a <picture> with the
// image's widths in WebP and JPEG or PNG, its size, and lazy loading.
func (in imagesInto) Markdown(n *site.Node) markdown.ImageFunc {
	is := in.is
	return func(img markdown.Image) ([]byte, []diag.Diagnostic, bool) {
		s := is.sources[img.Target]
		if s == nil {
			if _, ok := is.site.Assets[img.Target]; ok {
				return nil, []diag.Diagnostic{diag.Errorf(n.Source, img.Line, "%q is not an image that pages can show", img.Written).
					WithHint("use a JPEG, PNG, GIF, WebP or SVG file")}, false
			}
			return nil, nil, false // a missing file is reported as for links
		}
		s.referenced.Store(true)
		if s.err != nil {
			return nil, []diag.Diagnostic{imageError(n.Source, img.Line, img.Written, s.err)}, true
		}
		if s.svg {
			return pictureTag(site.Picture{Src: is.site.Config.FileURL(s.url)}, img.Alt, img.Title, [2]string{}, true), nil, true
		}
		info := s.src.Info
		if info.Animated {
			return pictureTag(site.Picture{Src: is.site.Config.FileURL(s.url), Width: info.Width, Height: info.Height}, img.Alt, img.Title, [2]string{}, true), nil, true
		}
		files, err := is.make(s, imaging.Use{Kind: imaging.Content, Display: []int{contentWidth}}, is.fileWriter(s, in.w))
		if err != nil {
			return nil, []diag.Diagnostic{imageError(n.Source, img.Line, img.Written, err)}, true
		}
		var ds []diag.Diagnostic
		if info.Width < contentWidth {
			ds = append(ds, diag.Warnf(n.Source, img.Line, "the image %q is %d pixels wide; the text column is %d, %d on sharp screens, so it shows small or blurred",
				img.Written, info.Width, contentWidth, 2*contentWidth).WithHint("use an image at least %d pixels wide", 2*contentWidth))
		}
		return pictureTag(is.picture(s, files, contentWidth, math.MaxInt, contentSizes), img.Alt, img.Title, [2]string{}, true), ds, true
	}
}

// pictureTag is the HTML of a picture: WebP first, the fallback in the
// <img> with its size; class is the <picture>'s and the <img>'s. lazy defers loading until the image comes near the
// viewport: right for everything but what a page shows at its top.
func pictureTag(p site.Picture, alt, title string, class [2]string, lazy bool) []byte {
	var b strings.Builder
	if p.WebP != "" {
		b.WriteString(`<picture`)
		if class[0] != "" {
			fmt.Fprintf(&b, ` class="%s"`, html.EscapeString(class[0]))
		}
		fmt.Fprintf(&b, `><source type="image/webp" srcset="%s" sizes="%s">`, html.EscapeString(p.WebP), html.EscapeString(p.Sizes))
	}
	b.WriteString(`<img`)
	if class[1] != "" {
		fmt.Fprintf(&b, ` class="%s"`, html.EscapeString(class[1]))
	}
	fmt.Fprintf(&b, ` src="%s"`, html.EscapeString(p.Src))
	if p.Srcset != "" {
		fmt.Fprintf(&b, ` srcset="%s" sizes="%s"`, html.EscapeString(p.Srcset), html.EscapeString(p.Sizes))
	}
	fmt.Fprintf(&b, ` alt="%s"`, html.EscapeString(alt))
	if title != "" {
		fmt.Fprintf(&b, ` title="%s"`, html.EscapeString(title))
	}
	if p.Width > 0 {
		fmt.Fprintf(&b, ` width="%d" height="%d"`, p.Width, p.Height)
	}
	if lazy {
		b.WriteString(` loading="lazy"`)
	}
	b.WriteString(` decoding="async">`)
	if p.WebP != "" {
		b.WriteString(`</picture>`)
	}
	return []byte(b.String())
}

// Work is how many images were decoded and encoded: both are 0 when every
// image came from the cache (<site>/.klartext-cache). The sets of every
// language (ForLanguage) count the same work: ask one.
func (is *Images) Work() (decodes, encodes int64) {
	if is == nil || is.pub == nil {
		return 0, 0
	}
	return is.pub.Decodes(), is.pub.Encodes()
}
