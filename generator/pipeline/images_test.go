package pipeline

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/imaging"
	"github.com/klartext/klartext/generator/imaging/imagetest"
	"github.com/klartext/klartext/generator/publish"
	"github.com/klartext/klartext/generator/sitetest"
)

// publishedImages parses every file below dir that is an image by its
// bytes and returns their metadata by site path; it fails on a file that
// does not parse.
func publishedImages(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f := imaging.Sniff(data)
		if f.Refused() {
			t.Errorf("%s is a %s file: it must not be published", p, f)
		}
		if !f.Raster() {
			return nil
		}
		md, err := imaging.Metadata(data)
		if err != nil {
			t.Errorf("%s: %v", p, err)
		}
		rel, _ := filepath.Rel(dir, p)
		out["/"+filepath.ToSlash(rel)] = md
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// gpsSite is a site whose images carry every kind of metadata: a JPEG
// with EXIF GPS coordinates, XMP, IPTC, a comment, an ICC profile, a
// thumbnail and a second picture after its end; a turned JPEG with GPS; a
// PNG with eXIf (GPS), tEXt, iTXt, tIME and iCCP; a WebP with EXIF and
// XMP; a GIF with a comment and XMP. Some are shown, some only lie there.
func gpsSite(t *testing.T) map[string]string {
	pic := imagetest.Picture(1600, 1200)
	webp, err := imaging.Encode(imagetest.Picture(800, 600), imaging.EncWebP, 80)
	if err != nil {
		t.Fatal(err)
	}
	files := minimalSite()
	files["content/fotos/filiale.jpg"] = string(imagetest.JPEG(pic, imagetest.JPEGOptions{Orientation: 1, GPS: true, ICC: "sRGB IEC61966-2.1", Extras: true}))
	files["content/fotos/quer.jpg"] = string(imagetest.JPEG(imaging.Orient(imagetest.Picture(800, 600), 8), imagetest.JPEGOptions{Orientation: 6, GPS: true}))
	files["content/fotos/plan.png"] = string(imagetest.PNG(imagetest.Picture(900, 600), true))
	files["content/fotos/karte.webp"] = string(imagetest.WebP(webp))
	files["content/fotos/logo.gif"] = string(imagetest.GIF(imagetest.Picture(120, 80), imaging.Orient(imagetest.Picture(120, 80), 3)))
	files["content/fotos/zeichen.svg"] = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><metadata>kept: SVG is copied as it is</metadata><circle cx="5" cy="5" r="4"/></svg>`
	files["content/fotos/nur-abgelegt.jpg"] = string(imagetest.JPEG(imagetest.Picture(200, 100), imagetest.JPEGOptions{GPS: true}))
	files["content/advisors/anna.md"] = "---\nname: Anna Muster\nrole: Beraterin\nadvice_model: fee-based\nphoto: anna.jpg\nphoto_alt: Anna Muster\nphoto_focus: top\n---\nText.\n"
	files["content/advisors/anna.jpg"] = string(imagetest.JPEG(imagetest.Picture(900, 1200), imagetest.JPEGOptions{Orientation: 1, GPS: true}))
	files["content/fotos.md"] = "---\ntitle: Fotos\n---\n![Die Filiale](fotos/filiale.jpg)\n\n![Quer](fotos/quer.jpg)\n\n" +
		"![Der Plan](fotos/plan.png)\n\n![Die Karte](fotos/karte.webp)\n\n![Das Logo](fotos/logo.gif)\n\n![Ein Zeichen](fotos/zeichen.svg)\n"
	return files
}

// TestNoImageCarriesMetadata reads every image the demo and a site full of
// GPS coordinates publish and finds no metadata in any of them: not the
// variants, not the originals.
func TestNoImageCarriesMetadata(t *testing.T) {
	fixture := gpsSite(t)
	for _, f := range []string{"content/fotos/filiale.jpg", "content/fotos/plan.png", "content/fotos/karte.webp", "content/advisors/anna.jpg"} {
		md, err := imaging.Metadata([]byte(fixture[f]))
		if err != nil || !strings.Contains(strings.Join(md, " "), "GPS") && !strings.Contains(strings.Join(md, " "), "EXIF") {
			t.Fatalf("the fixture %s carries no GPS data to remove: %q, %v", f, md, err)
		}
	}
	root := writeSite(t, fixture)
	sitetest.ShareImageCache(t, root, filepath.Join("..", ".."))
	sites := map[string]string{"fixture": root, "demo": copyDemo(t)}
	for name, root := range sites {
		t.Run(name, func(t *testing.T) {
			dest := filepath.Join(root, "public")
			res := build(t, root, dest)
			if res.Diagnostics.HasErrors() {
				t.Fatalf("build: %v", res.Diagnostics.All())
			}
			images := publishedImages(t, dest)
			for p, md := range images {
				if len(md) > 0 {
					t.Errorf("%s carries %q", p, md)
				}
			}
			// Not vacuous: the originals are there, and variants of each.
			var want []string
			for src := range res.Site.Assets {
				if publish.IsImage(src) && !strings.EqualFold(filepath.Ext(src), ".svg") {
					want = append(want, res.Site.Assets[src])
				}
			}
			if len(want) < 5 {
				t.Fatalf("only %d images in the %s site", len(want), name)
			}
			for _, u := range want {
				if _, ok := images[u]; !ok {
					t.Errorf("the original %s is not published", u)
				}
			}
			if len(images) < 4*len(want) {
				t.Errorf("%d images published for %d originals: the variants are missing", len(images), len(want))
			}
		})
	}
}

// TestImagesArePublishedForTheLayout checks the HTML and the files of the
// fixture: the sizes, the crop, the orientation, the formats.
func TestImagesArePublishedForTheLayout(t *testing.T) {
	root := writeSite(t, gpsSite(t))
	sitetest.ShareImageCache(t, root, filepath.Join("..", ".."))
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	// The P3 profile of the PNG is the only remark.
	if ds := res.Diagnostics.All(); len(ds) != 1 || ds[0].Error() != `content/fotos/plan.png: warning: the image has the colour profile "Display P3"; `+
		`klartext publishes images without colour profiles, as sRGB, so its colours will look paler — export it as sRGB (in most editors: Export, colour space sRGB)` {
		t.Fatalf("diagnostics: %v", ds)
	}
	page := read(t, filepath.Join(dest, "fotos", "index.html"))
	pictures := regexp.MustCompile(`<picture>.*?</picture>`).FindAllString(page, -1)
	if len(pictures) != 4 {
		t.Fatalf("%d <picture>s, want 4 (the GIF is an <img>): %s", len(pictures), page)
	}
	jpeg := pictures[0]
	for _, want := range []string{
		`<source type="image/webp" srcset="/fotos/filiale-360x270-`,
		`.webp 360w, /fotos/filiale-704x528-`, `.webp 1408w" sizes="(min-width: 46rem) 44rem, calc(100vw - 2rem)">`,
		`<img src="/fotos/filiale-704x528-`, `.jpg 1408w" sizes=`, `alt="Die Filiale" width="1408" height="1056" loading="lazy" decoding="async">`,
	} {
		if !strings.Contains(jpeg, want) {
			t.Errorf("the JPEG's picture lacks %s:\n%s", want, jpeg)
		}
	}
	// The photo stored on its side (EXIF orientation 6) is published
	// upright: 800×600, the dark corner top left, in the variants and in
	// the original.
	if !strings.Contains(pictures[1], `/fotos/quer-360x270-`) || !strings.Contains(pictures[1], `width="800" height="600"`) {
		t.Errorf("the turned photo: %s", pictures[1])
	}
	small, _ := filepath.Glob(filepath.Join(dest, "fotos", "quer-360x270-*.jpg"))
	for _, f := range append(small, filepath.Join(dest, "fotos", "quer.jpg")) {
		data, _ := os.ReadFile(f)
		info, err := imaging.Inspect(data)
		if err != nil || info.Orientation != 1 {
			t.Fatalf("%s: %+v %v", f, info, err)
		}
		img, _ := imaging.Decode(data, info)
		if c := img.RGBAAt(img.Rect.Dx()/10, img.Rect.Dy()/10); c.R > 60 {
			t.Errorf("%s is not upright: its top left is %v", f, c)
		}
	}
	if !strings.Contains(pictures[2], `.webp 900w`) || !strings.Contains(pictures[2], `/fotos/plan-900x600-`) || !strings.Contains(pictures[2], `.png 900w`) {
		t.Errorf("the PNG gets lossless WebP and PNG up to its width: %s", pictures[2])
	}
	if !strings.Contains(page, `<img src="/fotos/logo.gif" alt="Das Logo" width="120" height="80" loading="lazy" decoding="async">`) {
		t.Error("the animated GIF is not shown as it is")
	}
	if !strings.Contains(page, `<img src="/fotos/zeichen.svg" alt="Ein Zeichen" loading="lazy" decoding="async">`) ||
		read(t, filepath.Join(dest, "fotos", "zeichen.svg")) != gpsSite(t)["content/fotos/zeichen.svg"] {
		t.Error("the SVG is not shown and copied as it is")
	}
	// Every file named in the page exists and has the size its name says.
	for _, m := range regexp.MustCompile(`/fotos/[a-z-]+-(\d+)x(\d+)-[0-9a-f]{10}\.(webp|jpg|png)`).FindAllStringSubmatch(page, -1) {
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(m[0])))
		if err != nil {
			t.Errorf("%s: %v", m[0], err)
			continue
		}
		info, err := imaging.Inspect(data)
		if err != nil || strconv.Itoa(info.Width) != m[1] || strconv.Itoa(info.Height) != m[2] {
			t.Errorf("%s is %dx%d (%v)", m[0], info.Width, info.Height, err)
		}
	}
	// The advisor: a square crop at the top (photo_focus: top), 96 and
	// 160 px at 1x and 2x; the vCard and JSON-LD name the 320 px JPEG.
	profile := read(t, filepath.Join(dest, "advisors", "anna", "index.html"))
	for _, want := range []string{`<picture class="advisor-picture"><source type="image/webp" srcset="/advisors/anna-96x96-`,
		`.webp 320w" sizes="160px"><img class="advisor-photo large" src="/advisors/anna-160x160-`, `alt="Anna Muster" width="160" height="160" decoding="async">`,
		`"image":"https://bank.test/advisors/anna-320x320-`} {
		if !strings.Contains(profile, want) {
			t.Errorf("the profile lacks %s", want)
		}
	}
	if img := regexp.MustCompile(`<img class="advisor-photo large"[^>]*>`).FindString(profile); img == "" || strings.Contains(img, "lazy") {
		t.Errorf("the profile's photo, at the top of the page, must load at once: %q", img)
	}
	if img := regexp.MustCompile(`<img class="advisor-photo"[^>]*>`).FindString(read(t, filepath.Join(dest, "advisors", "index.html"))); !strings.Contains(img, `width="96" height="96" loading="lazy"`) {
		t.Errorf("the card's photo: %q", img)
	}
	if vcard := strings.ReplaceAll(read(t, filepath.Join(dest, "advisors", "anna", "anna.vcf")), "\r\n ", ""); !regexp.MustCompile(`PHOTO.*https://bank.test/advisors/anna-320x320-[0-9a-f]{10}\.jpg`).MatchString(vcard) {
		t.Errorf("the vCard's photo: %s", vcard)
	}
	matches, _ := filepath.Glob(filepath.Join(dest, "advisors", "anna-320x320-*.jpg"))
	if len(matches) != 1 {
		t.Fatalf("the 320 px JPEG: %v", matches)
	}
	data, _ := os.ReadFile(matches[0])
	info, _ := imaging.Inspect(data)
	img, err := imaging.Decode(data, info)
	if err != nil {
		t.Fatal(err)
	}
	// imagetest.Picture has a dark square in its top left quarter: a crop
	// at the top keeps it, a centred one would not.
	if c := img.RGBAAt(20, 20); c.R > 60 {
		t.Errorf("photo_focus: top did not crop at the top (top left pixel %v)", c)
	}
}

// TestWithdrawnAdvisorsPhotoIsNotPublished: published: false means no
// photo, in any size, and not the original either.
func TestWithdrawnAdvisorsPhotoIsNotPublished(t *testing.T) {
	files := minimalSite()
	files["content/advisors/bert.md"] = "---\nname: Bert Beispiel\nrole: Berater\nadvice_model: fee-based\nphoto: bert.jpg\nphoto_alt: Bert\npublished: false\n---\nText.\n"
	files["content/advisors/bert.jpg"] = string(imagetest.JPEG(imagetest.Picture(400, 400), imagetest.JPEGOptions{GPS: true}))
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(res.Diagnostics.All())
	}
	if left, _ := filepath.Glob(filepath.Join(dest, "advisors", "bert*")); len(left) > 0 {
		t.Errorf("the withdrawn advisor's photo is published: %v", left)
	}
}

// TestWarmRebuildDoesNoImageWork builds the demo twice with a fresh cache:
// the second build decodes and encodes nothing and writes the same bytes.
func TestWarmRebuildDoesNoImageWork(t *testing.T) {
	root := copyDemo(t)
	sitetest.FreshImageCache(t, root)
	// klartext check on an empty cache decodes each image once to check
	// it, and encodes nothing.
	checked, err := Build(Options{Source: root, DryRun: true, Now: testNow})
	// The demo's raster images: four advisor photos, the branch drawing
	// and the video's poster.
	if err != nil || checked.ImageEncodes != 0 || checked.ImageDecodes != 6 {
		t.Errorf("check: %v, %d encodes, %d decodes; want 0 and the demo's 6 images", err, checked.ImageEncodes, checked.ImageDecodes)
	}
	cold := build(t, root, filepath.Join(root, "public"))
	if cold.Diagnostics.HasErrors() {
		t.Fatal(cold.Diagnostics.All())
	}
	if cold.ImageEncodes == 0 || cold.ImageDecodes == 0 {
		t.Fatalf("the cold build made no images (%d encodes, %d decodes)", cold.ImageEncodes, cold.ImageDecodes)
	}
	first := tree(t, filepath.Join(root, "public"))
	warm := build(t, root, filepath.Join(root, "public"))
	if warm.ImageEncodes != 0 || warm.ImageDecodes != 0 {
		t.Errorf("the warm build did image work: %d encodes, %d decodes", warm.ImageEncodes, warm.ImageDecodes)
	}
	if second := tree(t, filepath.Join(root, "public")); second != first {
		t.Error("the warm build wrote other files than the cold one")
	}
	// klartext check, with the cache warm, makes nothing either.
	res, err := Build(Options{Source: root, DryRun: true, Now: testNow})
	if err != nil || res.ImageEncodes != 0 || res.ImageDecodes != 0 {
		t.Errorf("check: %v, %d encodes, %d decodes", err, res.ImageEncodes, res.ImageDecodes)
	}
	// A changed photo is made again, alone, under new addresses.
	photo := filepath.Join(root, "content", "advisors", "murat-yilmaz.jpg")
	data, err := os.ReadFile(photo)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := imaging.Inspect(data)
	img, _ := imaging.Decode(data, info)
	img.Pix[0] ^= 0xff
	if err := os.WriteFile(photo, imagetest.JPEG(img, imagetest.JPEGOptions{}), 0o644); err != nil {
		t.Fatal(err)
	}
	oldCard := regexp.MustCompile(`/advisors/murat-yilmaz-96x96-[0-9a-f]+\.webp`).FindString(read(t, filepath.Join(root, "public", "advisors", "index.html")))
	again := build(t, root, filepath.Join(root, "public"))
	if again.ImageEncodes != 8 {
		t.Errorf("a changed advisor photo: %d encodes, want its 8 files (4 sizes, WebP and JPEG) and nothing else", again.ImageEncodes)
	}
	newCard := regexp.MustCompile(`/advisors/murat-yilmaz-96x96-[0-9a-f]+\.webp`).FindString(read(t, filepath.Join(root, "public", "advisors", "index.html")))
	if oldCard == "" || newCard == "" || oldCard == newCard {
		t.Errorf("the changed photo's address: before %q, after %q", oldCard, newCard)
	}
}
