package imaging

import (
	"hash/crc32"
	"testing"

	"github.com/klartext/klartext/generator/imaging/imagetest"
)

func crc32IEEE(b []byte) uint32 { return crc32.ChecksumIEEE(b) }

func seeds(f *testing.F) {
	pic := imagetest.Picture(16, 12)
	f.Add(imagetest.JPEG(pic, imagetest.JPEGOptions{Orientation: 6, GPS: true, ICC: "Display P3", Extras: true}))
	f.Add(imagetest.PNG(pic, true))
	f.Add(imagetest.GIF(pic))
	if w, err := Encode(pic, EncWebP, 80); err == nil {
		f.Add(imagetest.WebP(w))
	}
	f.Add(imagetest.HEIC())
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xD9})
}

// FuzzStrip: the container walkers (JPEG segments, PNG chunks, WebP
// chunks, GIF blocks) never panic, and what Strip returns carries no
// metadata.
func FuzzStrip(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Metadata(data)
		out, err := Strip(data)
		if err != nil {
			return
		}
		left, err := Metadata(out)
		if err != nil {
			t.Fatalf("Strip's output does not parse: %v", err)
		}
		if len(left) > 0 {
			t.Fatalf("Strip left %q", left)
		}
	})
}

// FuzzDecode: Inspect and Decode (every decoder behind them) return an
// error for any input, never a panic, and never decode above MaxPixels.
func FuzzDecode(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Inspect(data)
		if err != nil {
			return
		}
		if info.Width*info.Height > MaxPixels {
			t.Fatalf("Inspect passed %d×%d", info.Width, info.Height)
		}
		if info.Width*info.Height > 1<<20 {
			return // a valid header of a big picture: decoding it is slow, not interesting
		}
		img, err := Decode(data, info)
		if err == nil && (img.Rect.Dx() != info.Width || img.Rect.Dy() != info.Height) {
			t.Fatalf("decoded %v, Inspect said %d×%d", img.Rect, info.Width, info.Height)
		}
	})
}

// FuzzEXIF and FuzzICC: the metadata readers take any bytes.
func FuzzEXIF(f *testing.F) {
	f.Add(imagetest.EXIF(6, true))
	f.Add(imagetest.EXIF(1, false))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := readEXIF(data).Orientation; o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	})
}

func FuzzICC(f *testing.F) {
	f.Add(imagetest.ICC("Display P3"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = iccDescription(data)
		_ = iccFromPNG(data)
	})
}
