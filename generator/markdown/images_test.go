package markdown

import (
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/i18n"
)

func TestImagesAltTextAndHook(t *testing.T) {
	var got []Image
	p := testPage("content/ueber-uns.md")
	p.Image = func(img Image) ([]byte, []diag.Diagnostic, bool) {
		got = append(got, img)
		return []byte(`<picture data-target="` + img.Target + `"></picture>`), nil, true
	}
	src := "Text.\n\n![Die Filiale in Speyer](bilder/filiale.jpg \"Speyer\")\n\n![](ohne-alt.png)\n\n" +
		"Zierde: ![\"\"](ornament.png)\n\n![Fremd](https://example.org/x.png)\n"
	res := New(i18n.MustBuiltin("de")).Render(p, []byte(src))
	html := string(res.HTML)
	if !strings.Contains(html, `<picture data-target="content/bilder/filiale.jpg"></picture>`) {
		t.Errorf("the hook's HTML is missing: %s", html)
	}
	if len(got) != 3 {
		t.Fatalf("hook called for %d images, want 3 (the external one is not the site's): %+v", len(got), got)
	}
	want := []Image{
		{Target: "content/bilder/filiale.jpg", Written: "bilder/filiale.jpg", Alt: "Die Filiale in Speyer", Title: "Speyer", Line: 7},
		{Target: "content/ohne-alt.png", Written: "ohne-alt.png", Line: 9},
		{Target: "content/ornament.png", Written: "ornament.png", Decorative: true, Line: 11},
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("image %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	var errs []string
	for _, d := range res.Diagnostics {
		errs = append(errs, d.Error())
	}
	if len(errs) != 1 || !strings.Contains(errs[0], `content/ueber-uns.md:9: the image "ohne-alt.png" has no alt text`) ||
		!strings.Contains(errs[0], `![""](ohne-alt.png)`) {
		t.Errorf("diagnostics: %q", errs)
	}
}

func TestDecorativeAlt(t *testing.T) {
	for alt, want := range map[string]bool{
		`""`: true, "&bdquo;&ldquo;": true, "„“": true, "''": true, "« »": true,
		"": false, " ": false, `"Foto"`: false, "-": false,
	} {
		if got := decorativeAlt(alt); got != want {
			t.Errorf("decorativeAlt(%q) = %v, want %v", alt, got, want)
		}
	}
}
