package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// imageShown is one image as the browser shows it.
type imageShown struct {
	Src     string  `json:"src"`     // the file it chose (currentSrc)
	Natural int     `json:"natural"` // its width in pixels
	Shown   float64 `json:"shown"`   // the width it is shown at, in CSS pixels
	DPR     float64 `json:"dpr"`
}

// imagesJS loads every image at once (lazy ones too), waits for them and
// reports the file each chose, its width in pixels and the width it shows
// at. The file's width is read from a plain Image of it: an <img> with a
// srcset reports naturalWidth corrected by the descriptor, which hides
// exactly what this check looks for.
const imagesJS = `(async () => {
  const imgs = Array.from(document.images);
  imgs.forEach(i => { i.loading = 'eager'; });
  await Promise.all(imgs.map(i => i.complete ? null : new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })));
  const out = [];
  for (const i of imgs) {
    const shown = i.getBoundingClientRect().width;
    if (!i.currentSrc || shown === 0) continue;
    const file = new Image();
    file.src = i.currentSrc;
    try { await file.decode(); } catch (e) { continue; }
    out.push({src: i.currentSrc, natural: file.naturalWidth, shown: shown, dpr: window.devicePixelRatio});
  }
  return out;
})()`

// checkImageSizes finds images served more than twice as wide as they
// show (times the screen's pixel density): the layout's sizes and the
// published widths disagree, and readers download pixels nobody sees.
func checkImageSizes(v *visit) []Finding {
	var out []Finding
	for _, img := range v.Images {
		if need := img.Shown * img.DPR; float64(img.Natural) > 2*need+1 {
			out = append(out, Finding{Page: v.Page.Path, Kind: v.Page.Kind, Rule: "image-size",
				Detail: fmt.Sprintf("%s is %d px wide, shown at %.0f px × %g at %s: more than twice the pixels needed",
					img.Src, img.Natural, img.Shown, img.DPR, v.Viewport.Name)})
		}
	}
	return out
}

// TestImagesSeen: the demo's pages show images (the advisor photos, the
// branch on the about page), so the size check has something to check.
func TestImagesSeen(t *testing.T) {
	needBrowser(t)
	for _, path := range []string{"/advisors/", "/ueber-uns/"} {
		for _, vp := range []viewport{desktop, mobile} {
			v, err := load(suite.browser, suite.srv.URL, page{Kind: "section", Path: path, Name: path}, vp, suite.axeSource, false)
			if err != nil {
				t.Fatal(err)
			}
			if len(v.Images) == 0 {
				t.Errorf("%s at %s: no image shown", path, vp.Name)
			}
			for _, img := range v.Images {
				if !strings.HasSuffix(img.Src, ".webp") {
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
	srv, err := startServer(public)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	p := page{Kind: "section", Path: "/advisors/", Name: "advisors"}
	v, err := load(suite.browser, srv.URL, p, desktop, suite.axeSource, false)
	if err != nil {
		t.Fatal(err)
	}
	wantFinding(t, checkImageSizes(v), "/advisors/", "image-size", "-96x96-")
}
