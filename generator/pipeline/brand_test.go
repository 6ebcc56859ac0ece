package pipeline

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/imaging/imagetest"
	"github.com/klartext/klartext/themes"
)

func brandSite(brand string) map[string]string {
	files := minimalSite()
	files["content/site.yaml"] += brand
	files["content/brand/logo.png"] = string(imagetest.PNG(imagetest.Picture(240, 80), false))
	files["content/brand/mark.svg"] = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" fill="#0b5c8a"/></svg>`
	return files
}

// publishedStylesheet is the published site.css of a build (under its hashed name).
func publishedStylesheet(t *testing.T, dest, page string) string {
	t.Helper()
	m := regexp.MustCompile(`<link rel="stylesheet" href="(/css/site\.[0-9a-f]+\.css)" integrity="sha384-`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page links no hashed stylesheet")
	}
	return read(t, filepath.Join(dest, m[1]))
}

// TestBrandInTheHeader: the bank's logo (alt, width, height) and name in
// the header of every page, the name in the footer's copyright, the
// colour as --accent in the hashed stylesheet; nothing inline.
func TestBrandInTheHeader(t *testing.T) {
	root := writeSite(t, brandSite("brand:\n  name: Musterbank eG\n  logo: brand/logo.png\n  alt: Musterbank\n  color: '#1D6B3A'\n"))
	dest := filepath.Join(t.TempDir(), "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	for _, p := range []string{"index.html", "glossar/index.html", "docs/info/index.html"} {
		page := read(t, filepath.Join(dest, p))
		if want := `<a class="site-title" href="/"><img class="site-logo" src="/brand/logo.png" alt="Musterbank" width="240" height="80"><span>Musterbank eG</span></a>`; !strings.Contains(page, want) {
			t.Errorf("%s: no %s in the header", p, want)
		}
		if !regexp.MustCompile(`<p>© \d{4} Musterbank eG</p>`).MatchString(page) {
			t.Errorf("%s: the footer does not name the bank", p)
		}
		if strings.Contains(page, "style=") || strings.Contains(page, "<style") {
			t.Errorf("%s: inline style, which the CSP blocks", p)
		}
	}
	page := read(t, filepath.Join(dest, "index.html"))
	css := publishedStylesheet(t, dest, page)
	if !strings.HasSuffix(css, ":root { --accent: #1d6b3a; }\n") || !strings.Contains(css, ".site-logo {") {
		t.Errorf("the stylesheet does not end with the brand: %q", css[max(0, len(css)-200):])
	}
	if _, err := os.Stat(filepath.Join(dest, "brand", "logo.png")); err != nil {
		t.Errorf("the logo is not published: %v", err)
	}
	if feed := read(t, filepath.Join(dest, "feed.xml")); !strings.Contains(feed, "<name>Musterbank eG</name>") {
		t.Error("the feed's author is not the bank")
	}
}

// TestBrandSVGLogoAndNameOnly: an SVG logo takes its size from its
// viewBox; a logo without name shows the logo alone, its alt the link's
// text.
func TestBrandSVGLogo(t *testing.T) {
	root := writeSite(t, brandSite("brand:\n  logo: brand/mark.svg\n  alt: Musterbank\n"))
	dest := filepath.Join(t.TempDir(), "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	page := read(t, filepath.Join(dest, "index.html"))
	if want := `<a class="site-title" href="/"><img class="site-logo" src="/brand/mark.svg" alt="Musterbank" width="120" height="40"></a>`; !strings.Contains(page, want) {
		t.Errorf("no %s in the header", want)
	}
	if !regexp.MustCompile(`<p>© \d{4} Testbank</p>`).MatchString(page) {
		t.Error("without brand.name the footer names the title")
	}
}

// TestBrandErrors: every bad brand is an error at its line of site.yaml,
// all in one build, and the previous output stays.
func TestBrandErrors(t *testing.T) {
	files := brandSite("brand:\n  name: Musterbank\n  logo: brand/fehlt.png\n  alt: M\n  color: '#777777'\n  slogan: x\n")
	files["content/brand/nosize.svg"] = `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>`
	res := build(t, writeSite(t, files), filepath.Join(t.TempDir(), "public"))
	wantErrors(t, res,
		"content/site.yaml:6: the logo content/brand/fehlt.png does not exist",
		"content/site.yaml:8: the brand colour #777777 has a contrast of 4.47:1 with #ffffff as the links' colour on the page's background; WCAG AA needs at least 4.5:1",
		"content/site.yaml:8: the brand colour #777777 has a contrast of 4.09:1 with #f3f5f7",
		`content/site.yaml:9: unknown setting "slogan" in brand`)

	files["content/site.yaml"] = minimalSite()["content/site.yaml"] + "brand:\n  logo: brand/nosize.svg\n  alt: M\n"
	res = build(t, writeSite(t, files), filepath.Join(t.TempDir(), "public"))
	wantErrors(t, res, "content/site.yaml:5: the SVG logo brand/nosize.svg has no size")

	files["content/site.yaml"] = minimalSite()["content/site.yaml"] + "brand:\n  logo: docs/preise.pdf\n  alt: M\n"
	res = build(t, writeSite(t, files), filepath.Join(t.TempDir(), "public"))
	wantErrors(t, res, "content/site.yaml:5: the logo docs/preise.pdf is not an image")
}

// TestNoBrandChangesNothing: without brand: the header shows the title,
// the footer names it, and the stylesheet is the theme's file byte for
// byte; an empty brand: builds the very same files.
func TestNoBrandChangesNothing(t *testing.T) {
	plain := filepath.Join(t.TempDir(), "public")
	res := build(t, writeSite(t, minimalSite()), plain)
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	page := read(t, filepath.Join(plain, "index.html"))
	if !strings.Contains(page, `<a class="site-title" href="/">Testbank</a>`) || strings.Contains(page, "site-logo") {
		t.Error("without a brand the header is not the title alone")
	}
	theirs, err := fs.ReadFile(themes.Default, "klartext/static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	if publishedStylesheet(t, plain, page) != string(theirs) {
		t.Error("without a brand the stylesheet is not the theme's")
	}
	files := minimalSite()
	files["content/site.yaml"] += "brand: {}\n"
	empty := filepath.Join(t.TempDir(), "public")
	if res := build(t, writeSite(t, files), empty); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	if tree(t, plain) != tree(t, empty) {
		t.Error("an empty brand: changed the output")
	}
}

// TestDemoBrand: the demo's bank is the advisors' employer in their vCards
// and schema.org data, its logo in every header; a brand colour below AA
// fails the build and leaves the previous output as it was.
func TestDemoBrand(t *testing.T) {
	root := copyDemo(t)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	page := read(t, filepath.Join(dest, "advisors", "jonas-weber", "index.html"))
	for _, want := range []string{
		`<img class="site-logo" src="/brand/logo.svg" alt="Rheintal Genossenschaftsbank" width="120" height="40"><span>Rheintal Genossenschaftsbank eG</span>`,
		`"worksFor":{"@type":"Organization","name":"Rheintal Genossenschaftsbank eG"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the advisor's page has no %s", want)
		}
	}
	if vcf := read(t, filepath.Join(dest, "advisors", "jonas-weber", "jonas-weber.vcf")); !strings.Contains(vcf, "\r\nORG:Rheintal Genossenschaftsbank eG;") {
		t.Errorf("the vCard's ORG is not the bank:\n%s", vcf)
	}
	res := failedEdit(t, "content/site.yaml", `color: "#1f5f3f"`, `color: "#4a9a6a"`)
	line := 1 + strings.Count(strings.Split(read(t, filepath.Join(root, "content", "site.yaml")), `color: "#1f5f3f"`)[0], "\n")
	wantErrors(t, res, fmt.Sprintf(`content/site.yaml:%d: the brand colour #4a9a6a has a contrast of`, line), "WCAG AA needs at least 4.5:1")
}
