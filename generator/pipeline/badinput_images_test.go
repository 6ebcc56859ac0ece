package pipeline

// The catalogue of broken input (badinput_test.go), for images: each bad
// case builds the minimal site, breaks it, and checks the exact diagnostic
// (file, line, message, what to do), that the build failed and that the
// previous output is untouched.

import (
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/imaging/imagetest"
	"github.com/klartext/klartext/generator/publish"
)

// all combines changes.
func all(changes ...func(root string)) func(root string) {
	return func(root string) {
		for _, c := range changes {
			c(root)
		}
	}
}

// imagePage is a page that shows file at line 6.
func imagePage(t *testing.T, alt, file string) func(root string) {
	return put(t, "content/bild.md", "---\ntitle: Bild\n---\nText.\n\n!["+alt+"]("+file+")\n")
}

var (
	goodJPEG = string(imagetest.JPEG(imagetest.Picture(800, 600), imagetest.JPEGOptions{GPS: true}))
	// truncated inside the compressed picture: the header reads, the
	// pixels do not
	damagedJPEG = goodJPEG[:len(goodJPEG)*2/3]
)

// bombPNG claims 50,000 × 50,000 pixels (10 GB decoded) in a few hundred
// bytes.
func bombPNG() string {
	data := imagetest.PNG(imagetest.Picture(8, 8), false)
	copy(data[16:24], []byte{0, 0, 0xC3, 0x50, 0, 0, 0xC3, 0x50})
	setPNGChunkCRC(data, 8)
	return string(data)
}

func TestBadInputImageWithoutAltText(t *testing.T) {
	refused(t, all(put(t, "content/foto.jpg", goodJPEG), imagePage(t, "", "foto.jpg")),
		`content/bild.md:6: the image "foto.jpg" has no alt text — describe it between the brackets, `+
			`![Our branch in Speyer](foto.jpg); an image that only decorates says so with ![""](foto.jpg)`)
}

func TestBadInputImageWithoutAltTextOutsideTheSite(t *testing.T) {
	refused(t, imagePage(t, " ", "https://example.org/logo.png"),
		`content/bild.md:6: the image "https://example.org/logo.png" has no alt text — describe it between the brackets, `+
			`![Our branch in Speyer](https://example.org/logo.png); an image that only decorates says so with ![""](https://example.org/logo.png)`)
}

func TestBadInputDamagedImage(t *testing.T) {
	refused(t, all(put(t, "content/foto.jpg", damagedJPEG), imagePage(t, "Die Filiale", "foto.jpg")),
		`content/bild.md:6: the image "foto.jpg" cannot be published: the JPEG file is damaged: the file ends inside the picture: it is cut off (an incomplete download or copy?) — `+
			`open it in an image editor and save it again as JPEG or PNG, or replace it`)
}

func TestBadInputDamagedImageNoPageShows(t *testing.T) {
	res := refused(t, put(t, "content/docs/scan.jpg", damagedJPEG),
		`content/docs/scan.jpg: the image cannot be published: the JPEG file is damaged: the file ends inside the picture: it is cut off (an incomplete download or copy?) — `+
			`open it in an image editor and save it again as JPEG or PNG, or replace it`)
	if n := len(res.Diagnostics.Errors()); n != 1 {
		t.Errorf("%d errors, want the one: %s", n, joinDiags(res))
	}
}

func TestBadInputNotAnImageNamedJPEG(t *testing.T) {
	refused(t, all(put(t, "content/foto.jpg", "<html>a web page saved as foto.jpg</html>"), imagePage(t, "Foto", "foto.jpg")),
		`content/bild.md:6: the image "foto.jpg" cannot be published: the file is not a JPEG, PNG, WebP or GIF image — `+
			`open it in an image editor and save it again as JPEG or PNG, or replace it`)
}

func TestBadInputHEICPhoto(t *testing.T) {
	// An iPhone photo renamed .jpg is still a HEIC photo: the bytes decide.
	refused(t, all(put(t, "content/foto.jpg", string(imagetest.HEIC())), imagePage(t, "Die Filiale", "foto.jpg")),
		`content/bild.md:6: the image "foto.jpg" is a HEIC photo (the iPhone's format), which most browsers cannot show and klartext cannot convert — `+
			`export it as JPEG (on the iPhone: Settings › Camera › Formats › Most Compatible, or share it with Options › Automatic) and use the .jpg`)
}

func TestBadInputHEICNoPageShows(t *testing.T) {
	refused(t, put(t, "content/fotos/IMG_0042.HEIC", string(imagetest.HEIC())),
		`content/fotos/IMG_0042.HEIC: the image is a HEIC photo (the iPhone's format), which most browsers cannot show and klartext cannot convert — `+
			`export it as JPEG (on the iPhone: Settings › Camera › Formats › Most Compatible, or share it with Options › Automatic) and use the .jpg`)
}

func TestBadInputTIFF(t *testing.T) {
	refused(t, put(t, "content/scan.tif", "II*\x00\x08\x00\x00\x00\x00\x00"),
		`content/scan.tif: the image is a TIFF file, which klartext does not publish — save it as JPEG (photos) or PNG (drawings, screenshots)`)
}

func TestBadInputDecompressionBomb(t *testing.T) {
	refused(t, all(put(t, "content/plan.png", bombPNG()), imagePage(t, "Der Plan", "plan.png")),
		`content/bild.md:6: the image "plan.png" is too large: the picture is 50000×50000 pixels, more than klartext decodes (40 megapixels) — `+
			`scale it down (a photo of 4000×3000 pixels is plenty); klartext makes the sizes the pages need`)
}

const advisorPage = "---\nname: Anna Muster\nrole: Beraterin\nadvice_model: fee-based\nphoto: anna.jpg\nphoto_alt: Anna Muster\n%s---\nText.\n"

func TestBadInputDamagedAdvisorPhoto(t *testing.T) {
	refused(t, all(put(t, "content/advisors/anna.jpg", damagedJPEG), put(t, "content/advisors/anna.md", strings.Replace(advisorPage, "%s", "", 1))),
		`content/advisors/anna.md:5: the image "anna.jpg" cannot be published: the JPEG file is damaged: the file ends inside the picture: it is cut off (an incomplete download or copy?) — `+
			`open it in an image editor and save it again as JPEG or PNG, or replace it`)
}

func TestBadInputPhotoFocus(t *testing.T) {
	refused(t, all(put(t, "content/advisors/anna.jpg", goodJPEG), put(t, "content/advisors/anna.md", strings.Replace(advisorPage, "%s", "photo_focus: oben\n", 1))),
		`content/advisors/anna.md:7: photo_focus: "oben" is not a position (left, right, top, bottom, center, or percentages like "50% 30%") — `+
			`write where the face is, across then down: "50% 30%" (centre, a third from the top), or "top"`)
}

func TestBadInputSmallImagesWarn(t *testing.T) {
	small := string(imagetest.JPEG(imagetest.Picture(300, 200), imagetest.JPEGOptions{}))
	res, dest := builds(t, map[string]string{
		"content/bild.md":           "---\ntitle: Bild\n---\nText.\n\n![Klein](klein.jpg)\n\nZierde: ![\"\"](klein.jpg)\n",
		"content/klein.jpg":         small,
		"content/advisors/anna.md":  strings.Replace(advisorPage, "%s", "", 1),
		"content/advisors/anna.jpg": string(imagetest.JPEG(imagetest.Picture(150, 120), imagetest.JPEGOptions{})),
	})
	want := []string{
		`content/advisors/anna.md:5: warning: the photo "anna.jpg" is 150×120 pixels; the profile shows it at 160×160, 320×320 on sharp screens, so it will look blurred — use a photo at least 320 pixels on its shorter side`,
		`content/bild.md:6: warning: the image "klein.jpg" is 300 pixels wide; the text column is 704, 1408 on sharp screens, so it shows small or blurred — use an image at least 1408 pixels wide`,
		`content/bild.md:8: warning: the image "klein.jpg" is 300 pixels wide; the text column is 704, 1408 on sharp screens, so it shows small or blurred — use an image at least 1408 pixels wide`,
	}
	got := strings.Split(strings.TrimSpace(joinDiags(res)), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	page := read(t, filepath.Join(dest, "bild", "index.html"))
	if !strings.Contains(page, `alt="Klein" width="300" height="200"`) || !strings.Contains(page, `alt="" width="300" height="200"`) {
		t.Errorf("the small image, and its decorative use with alt=\"\": %s", page)
	}
	if strings.Contains(page, "-704x") {
		t.Error("a 300 px image was enlarged")
	}
}

func TestBadInputLargeImageResizedWithoutComplaint(t *testing.T) {
	res, dest := builds(t, map[string]string{
		"content/bild.md":   "---\ntitle: Bild\n---\n![Groß](gross.jpg)\n",
		"content/gross.jpg": string(imagetest.JPEG(imagetest.Picture(3200, 1800), imagetest.JPEGOptions{GPS: true})),
	})
	if res.Diagnostics.Len() != 0 {
		t.Errorf("a large image is resized without a word: %s", joinDiags(res))
	}
	if !strings.Contains(read(t, filepath.Join(dest, "bild", "index.html")), `width="1408" height="792"`) {
		t.Error("the 3200 px image is not published at 1408 px at most")
	}
}

// setPNGChunkCRC recomputes the checksum of the PNG chunk at offset.
func setPNGChunkCRC(data []byte, at int) {
	n := int(data[at])<<24 | int(data[at+1])<<16 | int(data[at+2])<<8 | int(data[at+3])
	sum := crc32.ChecksumIEEE(data[at+4 : at+8+n])
	end := at + 8 + n
	data[end], data[end+1], data[end+2], data[end+3] = byte(sum>>24), byte(sum>>16), byte(sum>>8), byte(sum)
}

func TestBadInputHugeImageFile(t *testing.T) {
	// A sparse file: 65 MB that take no room, refused before reading.
	huge := func(root string) {
		p := filepath.Join(root, "content", "riesig.jpg")
		if err := os.WriteFile(p, []byte(goodJPEG), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, publish.MaxImageBytes+1); err != nil {
			t.Fatal(err)
		}
	}
	refused(t, all(huge, imagePage(t, "Riesig", "riesig.jpg")),
		`content/bild.md:6: the image "riesig.jpg" is too large: the file has more than 64 MB — `+
			`scale it down (a photo of 4000×3000 pixels is plenty); klartext makes the sizes the pages need`)
}
