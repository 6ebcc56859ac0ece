package e2e

import (
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/browsercheck"
)

// TestImagesSeen: the demo's pages show images (the advisor photos, the
// branch on the about page), so the size check has something to check.
func TestImagesSeen(t *testing.T) {
	needBrowser(t)
	for _, path := range []string{"/advisors/", "/ueber-uns/"} {
		for _, vp := range []viewport{desktop, mobile} {
			v, err := browsercheck.Load(suite.browser, suite.srv.URL, page{Kind: "section", Path: path, Name: path}, vp, suite.axeSource, false)
			if err != nil {
				t.Fatal(err)
			}
			if len(v.Images) == 0 {
				t.Errorf("%s at %s: no image shown", path, vp.Name)
			}
			for _, img := range v.Images {
				// An SVG (the demo's logo) is published as it is: a
				// vector image has no WebP file.
				if !strings.HasSuffix(img.Src, ".webp") && !strings.HasSuffix(img.Src, ".svg") {
					t.Errorf("%s at %s: %s is not the WebP file", path, vp.Name, img.Src)
				}
				t.Logf("%s at %s: %s, %d px shown at %.0f px × %g", path, vp.Name, img.Src, img.Natural, img.Shown, img.DPR)
			}
		}
	}
}

func TestNegativeImageTooLarge(t *testing.T) {
	needBrowser(t)
	// The cards' photo shown at 40 px while the files are made for 96.
	public := brokenThemeFile(t, "static/css/site.css", func(s string) string {
		return s + "\n.advisor-card .advisor-photo { width: 40px; height: 40px; }\n"
	})
	srv, err := browsercheck.StartServer(public, "/")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	p := page{Kind: "section", Path: "/advisors/", Name: "advisors"}
	v, err := browsercheck.Load(suite.browser, srv.URL, p, desktop, suite.axeSource, false)
	if err != nil {
		t.Fatal(err)
	}
	wantFinding(t, browsercheck.ImageSizes(v), "/advisors/", "image-size", "-96x96-")
}
