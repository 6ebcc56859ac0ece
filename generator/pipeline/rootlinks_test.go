package pipeline

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/imaging/imagetest"
)

// TestRootRelativeLinks: links and images written from the site's root
// get the base path and are checked like links to files: a page's
// address (with or without its last /), a file of content/, an image of
// content/ published in its sizes.
func TestRootRelativeLinks(t *testing.T) {
	files := minimalSite()
	files["content/site.yaml"] = "title: Testbank\nbaseURL: https://bank.test/klartext/\nlanguage: de\n"
	files["content/docs/bild.jpg"] = string(imagetest.JPEG(imagetest.Picture(1600, 1000), imagetest.JPEGOptions{}))
	files["content/glossar.md"] = "---\ntitle: Glossar\n---\n## Risikoklasse\n\n[Dokumente](/docs/), [Preise](/docs/preise.pdf), [Info](/docs/info#oben), [Feed](/feed.xml?x=1), [Stil](/css/site.css)\n\n![Die Filiale](/docs/bild.jpg)\n"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.Len() != 0 {
		t.Fatal(joinDiags(res))
	}
	page := read(t, filepath.Join(dest, "glossar", "index.html"))
	for _, want := range []string{
		`<a href="/klartext/docs/">Dokumente</a>`,
		`<a href="/klartext/docs/preise.pdf">Preise</a>`,
		`<a href="/klartext/docs/info/#oben">Info</a>`,
		`<a href="/klartext/feed.xml?x=1">Feed</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	// The theme's stylesheet is written under its hashed name only.
	if !regexp.MustCompile(`<a href="/klartext/css/site\.[0-9a-f]{10}\.css">Stil</a>`).MatchString(page) {
		t.Errorf("a link to the theme's stylesheet does not lead to its hashed name")
	}
	if !regexp.MustCompile(`<img src="/klartext/docs/bild-[0-9x]+-[0-9a-f]+\.jpg"[^>]*alt="Die Filiale"`).MatchString(page) {
		t.Errorf("the image from the site's root is not published below the base path:\n%s", regexp.MustCompile(`<picture>[\s\S]*?</picture>|<img[^>]*>`).FindString(page))
	}
}

// TestRootRelativeLinkErrors: a link from the site's root to an address
// the site does not publish, and an image on a host the site's policy
// blocks, are errors at their file and line.
func TestRootRelativeLinkErrors(t *testing.T) {
	files := minimalSite()
	files["content/glossar.md"] = "---\ntitle: Glossar\n---\nText.\n\n[Produkte](/produkte/)\n\n![Logo](https://cdn.example/logo.png)\n\n![Fehlt](/bilder/fehlt.png)\n"
	root := writeSite(t, files)
	res := build(t, root, filepath.Join(root, "public"))
	wantErrors(t, res,
		`content/glossar.md:6: the link "/produkte/" points to an address this site does not publish`,
		`content/glossar.md:8: the image "https://cdn.example/logo.png" is on another host, and the site's Content-Security-Policy does not let a page load it`,
		`content/glossar.md:10:`,
	)
}
