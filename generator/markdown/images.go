package markdown

import (
	"html"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/klartext/klartext/generator/diag"
)

// Image is an image of the body whose destination is a file of the site.
type Image struct {
	Target     string // from the site root: "content/ueber-uns/filiale.jpg"
	Written    string // the destination as written
	Alt        string // the alt text, plain ("" for a decorative image)
	Decorative bool   // written ![""](…): no alt text by choice
	Title      string
	Line       int
}

// ImageFunc renders an image of the site; it returns the HTML to put in
// its place (a <picture>), or diagnostics. ok false leaves the image to
// goldmark.
type ImageFunc func(img Image) (html []byte, ds []diag.Diagnostic, ok bool)

// decorativeAlt reports whether alt text, as plain text, is only quote
// marks: ![""](x.png) is an editor saying "no alt text, on purpose". The
// typographer has turned the quotes into entities or curly ones by then.
func decorativeAlt(alt string) bool {
	alt = strings.TrimSpace(html.UnescapeString(alt))
	if alt == "" {
		return false
	}
	return strings.Trim(alt, "\"'„“”‚‘’«»‹› ") == ""
}

// altMissing is the diagnostic for an image without alt text.
func altMissing(source, dest string, line int) diag.Diagnostic {
	return diag.Errorf(source, line, "the image %q has no alt text", dest).
		WithHint(`describe it between the brackets, ![Our branch in Speyer](%s); an image that only decorates says so with ![""](%s)`, dest, dest)
}

// image checks an image's alt text and hands images of the site to
// p.Image; it reports whether the node was replaced.
func (res *Result) image(p Page, n *ast.Image, src []byte, lines *lineIndex) (ast.Node, bool) {
	line := lines.line(nodeOffset(n, src))
	dest := string(n.Destination)
	alt := plainText(n, src)
	decorative := decorativeAlt(alt)
	if strings.TrimSpace(alt) == "" {
		res.Diagnostics = append(res.Diagnostics, altMissing(p.Source, dest, line))
	}
	if dest == "" {
		return nil, false
	}
	u, err := url.Parse(dest)
	if err == nil && u.Host != "" && p.ImageAllowed != nil && !p.ImageAllowed(u) {
		res.Diagnostics = append(res.Diagnostics, diag.Errorf(p.Source, line,
			"the image %q is on another host, and the site's Content-Security-Policy does not let a page load it", dest).
			WithHint("put the image into content/ and link it by its file; a browser would show nothing there"))
		return nil, false
	}
	// From the site's root ("/bilder/a.png"): a file of content/ at that
	// path, published like one linked by its file.
	rooted := err == nil && u.Scheme == "" && u.Host == "" && strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//")
	if p.Image == nil || err != nil || u.Scheme != "" || u.Host != "" || (strings.HasPrefix(dest, "/") && !rooted) || u.Path == "" {
		return nil, false
	}
	target := path.Join(path.Dir(p.Source), u.Path)
	if rooted {
		target = path.Join("content", u.Path)
	}
	if !strings.HasPrefix(target, "content/") {
		return nil, false // resolve reports it
	}
	img := Image{Target: target, Written: dest, Alt: alt, Decorative: decorative, Title: string(n.Title), Line: line}
	if decorative {
		img.Alt = ""
	}
	out, ds, ok := p.Image(img)
	res.Diagnostics = append(res.Diagnostics, ds...)
	if !ok {
		return nil, false
	}
	return &rawInline{html: out}, true
}

// rawInline is inline HTML made by an ImageFunc.
type rawInline struct {
	ast.BaseInline
	html []byte
}

var kindRawInline = ast.NewNodeKind("KlartextRawInline")

func (b *rawInline) Kind() ast.NodeKind { return kindRawInline }

func (b *rawInline) Dump(source []byte, level int) { ast.DumpHelper(b, source, level, nil, nil) }

type rawInlineRenderer struct{}

func (rawInlineRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindRawInline, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*rawInline).html)
		}
		return ast.WalkSkipChildren, nil
	})
}
