package browsercheck

import "fmt"

// ImageShown is one image as the browser shows it.
type ImageShown struct {
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
func ImageSizes(v *Visit) []Finding {
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
