package imaging

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/imaging/imagetest"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head []byte
		want Format
	}{
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0}, JPEG},
		{"png", []byte("\x89PNG\r\n\x1a\n...."), PNG},
		{"gif89", []byte("GIF89a......"), GIF},
		{"gif87", []byte("GIF87a......"), GIF},
		{"webp", []byte("RIFF\x10\x00\x00\x00WEBPVP8 "), WebP},
		{"heic", imagetest.HEIC(), HEIC},
		{"heif mif1 only", []byte("\x00\x00\x00\x10ftypmif1\x00\x00\x00\x00"), HEIC},
		{"avif", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), AVIF},
		{"mp4 is not an image", []byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"), Unknown},
		{"tiff le", []byte("II*\x00\x08\x00\x00\x00"), TIFF},
		{"tiff be", []byte("MM\x00*\x00\x00\x00\x08"), TIFF},
		{"jxl", []byte{0xFF, 0x0A, 0x00}, JXL},
		{"svg", []byte("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">"), SVG},
		{"html is not svg", []byte("<!doctype html><p>hi"), Unknown},
		{"pdf", []byte("%PDF-1.7"), Unknown},
		{"empty", nil, Unknown},
		{"riff wave", []byte("RIFF\x10\x00\x00\x00WAVEfmt "), Unknown},
	}
	for _, tt := range tests {
		if got := Sniff(tt.head); got != tt.want {
			t.Errorf("%s: Sniff = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// fixtures are files with every kind of metadata, each with what Metadata
// must find in it.
func fixtures(t *testing.T) []struct {
	name string
	data []byte
	want []string
} {
	t.Helper()
	pic := imagetest.Picture(64, 48)
	webpSimple, err := Encode(pic, EncWebP, 80)
	if err != nil {
		t.Fatal(err)
	}
	return []struct {
		name string
		data []byte
		want []string
	}{
		{"jpeg", imagetest.JPEG(pic, imagetest.JPEGOptions{Orientation: 1, GPS: true, ICC: "Display P3", Extras: true}),
			[]string{"thumbnail", "EXIF GPS", "XMP", "ICC", "IPTC", "comment", "data after the end"}},
		{"png", imagetest.PNG(pic, true), []string{"tEXt", "iTXt", "eXIf GPS", "tIME", "iCCP"}},
		{"webp", imagetest.WebP(webpSimple), []string{"VP8X metadata flags", "EXIF", "XMP "}},
		{"gif", imagetest.GIF(pic), []string{"GIF extension 0xfe ", "GIF extension 0xff XMP DataXMP"}},
	}
}

func TestStripRemovesEveryKindOfMetadata(t *testing.T) {
	for _, f := range fixtures(t) {
		t.Run(f.name, func(t *testing.T) {
			got, err := Metadata(f.data)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, f.want) {
				t.Fatalf("Metadata of the fixture = %q, want %q", got, f.want)
			}
			stripped, err := Strip(f.data)
			if err != nil {
				t.Fatal(err)
			}
			if left, err := Metadata(stripped); err != nil || len(left) > 0 {
				t.Fatalf("after Strip: %q, %v", left, err)
			}
			if bytes.Contains(stripped, []byte("Mannheim")) || bytes.Contains(stripped, []byte("Hanna")) || bytes.Contains(stripped, []byte("GPS")) {
				t.Error("the stripped file still holds the fixture's text")
			}
			// The picture is the same, decoded from either file.
			a, err := Inspect(f.data)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Inspect(stripped)
			if err != nil {
				t.Fatal(err)
			}
			pa, err := Decode(f.data, a)
			if err != nil {
				t.Fatal(err)
			}
			pb, err := Decode(stripped, b)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(pa.Pix, pb.Pix) {
				t.Error("Strip changed the pixels")
			}
		})
	}
}

func TestInspect(t *testing.T) {
	pic := imagetest.Picture(64, 48)
	tests := []struct {
		name string
		data []byte
		want Info
	}{
		{"plain jpeg", imagetest.JPEG(pic, imagetest.JPEGOptions{}), Info{Format: JPEG, Width: 64, Height: 48, Orientation: 1}},
		{"turned jpeg", imagetest.JPEG(pic, imagetest.JPEGOptions{Orientation: 6}), Info{Format: JPEG, Width: 48, Height: 64, Orientation: 6}},
		{"P3 jpeg", imagetest.JPEG(pic, imagetest.JPEGOptions{ICC: "Display P3"}), Info{Format: JPEG, Width: 64, Height: 48, Orientation: 1, Profile: "Display P3"}},
		{"sRGB jpeg", imagetest.JPEG(pic, imagetest.JPEGOptions{ICC: "sRGB IEC61966-2.1"}), Info{Format: JPEG, Width: 64, Height: 48, Orientation: 1}},
		{"png", imagetest.PNG(pic, true), Info{Format: PNG, Width: 64, Height: 48, Orientation: 1, Profile: "Display P3"}},
		{"gif", imagetest.GIF(pic), Info{Format: GIF, Width: 64, Height: 48, Orientation: 1}},
	}
	for _, tt := range tests {
		got, err := Inspect(tt.data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s: Inspect = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestBadFiles(t *testing.T) {
	pic := imagetest.Picture(64, 48)
	jpg := imagetest.JPEG(imagetest.Picture(256, 192), imagetest.JPEGOptions{})
	pngData := imagetest.PNG(pic, false)
	// A PNG whose header claims 50,000 × 50,000 pixels: refused from the
	// header, before the decoder allocates 10 GB.
	bomb := append([]byte(nil), pngData...)
	copy(bomb[16:24], []byte{0, 0, 0xC3, 0x50, 0, 0, 0xC3, 0x50})
	fixCRC(bomb, 8)
	tests := []struct {
		name string
		data []byte
		kind ErrorKind
		text string
	}{
		{"heic", imagetest.HEIC(), Unsupported, "HEIC"},
		{"not an image", []byte("hello, world"), Corrupt, "not a JPEG"},
		{"truncated jpeg", jpg[:len(jpg)/2], Corrupt, "it is cut off"},
		{"jpeg header only", jpg[:20], Corrupt, "longer than the file"},
		{"png with a broken checksum", flip(pngData, len(pngData)-20), Corrupt, ""},
		{"bomb", bomb, TooLarge, "50000×50000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewPublisher(nil)
			_, err := p.Analyze(tt.data)
			var ie *Error
			if !errors.As(err, &ie) {
				t.Fatalf("Analyze: %v, want an *Error", err)
			}
			if ie.Kind != tt.kind || !strings.Contains(err.Error(), tt.text) {
				t.Errorf("got kind %d %q, want kind %d containing %q", ie.Kind, err, tt.kind, tt.text)
			}
			if tt.kind == TooLarge && p.Decodes() != 0 {
				t.Error("a picture above the limit was decoded")
			}
		})
	}
}

func flip(data []byte, at int) []byte {
	out := append([]byte(nil), data...)
	out[at] ^= 0x55
	return out
}

// fixCRC recomputes the CRC of the PNG chunk at offset.
func fixCRC(data []byte, at int) {
	n := int(data[at])<<24 | int(data[at+1])<<16 | int(data[at+2])<<8 | int(data[at+3])
	c := crc32IEEE(data[at+4 : at+8+n])
	end := at + 8 + n
	data[end], data[end+1], data[end+2], data[end+3] = byte(c>>24), byte(c>>16), byte(c>>8), byte(c)
}

func TestOrient(t *testing.T) {
	// A 3×2 picture with a different value in each pixel:
	//   a b c
	//   d e f
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i, v := range "abcdef" {
		src.Pix[4*i] = uint8(v)
	}
	tests := []struct {
		orientation int
		want        []string // rows as shown
	}{
		{1, []string{"abc", "def"}},
		{2, []string{"cba", "fed"}},
		{3, []string{"fed", "cba"}},
		{4, []string{"def", "abc"}},
		{5, []string{"ad", "be", "cf"}},
		{6, []string{"da", "eb", "fc"}},
		{7, []string{"fc", "eb", "da"}},
		{8, []string{"cf", "be", "ad"}},
	}
	for _, tt := range tests {
		got := Orient(src, tt.orientation)
		var rows []string
		for y := 0; y < got.Rect.Dy(); y++ {
			var row []byte
			for x := 0; x < got.Rect.Dx(); x++ {
				row = append(row, got.Pix[got.PixOffset(x, y)])
			}
			rows = append(rows, string(row))
		}
		if !slices.Equal(rows, tt.want) {
			t.Errorf("orientation %d: %q, want %q", tt.orientation, rows, tt.want)
		}
	}
}

func TestCropRect(t *testing.T) {
	tests := []struct {
		w, h, aw, ah int
		f            Focus
		want         image.Rectangle
	}{
		{400, 300, 1, 1, Centre, image.Rect(50, 0, 350, 300)},
		{400, 300, 1, 1, Focus{0, 0.5}, image.Rect(0, 0, 300, 300)},
		{400, 300, 1, 1, Focus{1, 0.5}, image.Rect(100, 0, 400, 300)},
		{400, 300, 1, 1, Focus{0.6, 0.5}, image.Rect(90, 0, 390, 300)},
		{300, 400, 1, 1, Centre, image.Rect(0, 50, 300, 350)},
		{300, 400, 1, 1, Focus{0.5, 0.3}, image.Rect(0, 0, 300, 300)}, // a face in the upper third: the top edge stops it
		{300, 400, 1, 1, Focus{0.5, 0.45}, image.Rect(0, 30, 300, 330)},
		{300, 300, 1, 1, Focus{0.9, 0.9}, image.Rect(0, 0, 300, 300)},
		{1600, 900, 4, 3, Centre, image.Rect(200, 0, 1400, 900)},
	}
	for _, tt := range tests {
		if got := CropRect(tt.w, tt.h, tt.aw, tt.ah, tt.f); got != tt.want {
			t.Errorf("CropRect(%d, %d, %d:%d, %v) = %v, want %v", tt.w, tt.h, tt.aw, tt.ah, tt.f, got, tt.want)
		}
	}
}

func TestWidths(t *testing.T) {
	avatar := Use{Kind: Avatar, Display: []int{96, 160}}
	content := Use{Kind: Content, Display: []int{704}}
	tests := []struct {
		u    Use
		w    int
		want []int
	}{
		{avatar, 1600, []int{96, 160, 192, 320}},
		{avatar, 200, []int{96, 160, 192, 200}},
		{avatar, 120, []int{96, 120}},
		{avatar, 50, []int{50}},
		{content, 4000, []int{360, 704, 1056, 1408}},
		{content, 1408, []int{360, 704, 1056, 1408}},
		{content, 800, []int{360, 704, 800}},
		{content, 704, []int{360, 704}},
		{content, 300, []int{300}},
	}
	for _, tt := range tests {
		if got := Widths(tt.u, tt.w); !slices.Equal(got, tt.want) {
			t.Errorf("Widths(%s, %d) = %v, want %v", tt.u, tt.w, got, tt.want)
		}
	}
}

func TestPlan(t *testing.T) {
	photo := Info{Format: JPEG, Width: 1600, Height: 1200, Orientation: 1}
	vs := Plan(photo, Use{Kind: Avatar, Display: []int{96}, Focus: Centre})
	if len(vs) != 4 {
		t.Fatalf("Plan: %v", vs)
	}
	want := []Variant{
		{96, 96, image.Rect(200, 0, 1400, 1200), EncWebP, WebPQuality},
		{96, 96, image.Rect(200, 0, 1400, 1200), EncJPEG, JPEGQuality},
		{192, 192, image.Rect(200, 0, 1400, 1200), EncWebP, WebPQuality},
		{192, 192, image.Rect(200, 0, 1400, 1200), EncJPEG, JPEGQuality},
	}
	if !slices.Equal(vs, want) {
		t.Errorf("Plan = %v, want %v", vs, want)
	}
	c := Plan(Info{Format: PNG, Width: 1000, Height: 500}, Use{Kind: Content, Display: []int{704}})
	if c[0].Enc != EncWebPLossless || c[1].Enc != EncPNG || c[len(c)-1].Width != 1000 || c[len(c)-1].Height != 500 {
		t.Errorf("Plan of a PNG: %v", c)
	}
	if Plan(Info{Format: GIF, Width: 10, Height: 10, Animated: true}, Use{Kind: Content, Display: []int{704}}) != nil {
		t.Error("an animation got variants")
	}
}

func TestPublisherOriginalIsUpright(t *testing.T) {
	pic := imagetest.Picture(64, 48) // the dark square is top left
	turned := Orient(pic, 8)         // stored turned; orientation 6 turns it back
	data := imagetest.JPEG(turned, imagetest.JPEGOptions{Orientation: 6, GPS: true})
	p := NewPublisher(nil)
	s, err := p.Analyze(data)
	if err != nil {
		t.Fatal(err)
	}
	out, err := p.Original(s, data)
	if err != nil {
		t.Fatal(err)
	}
	if md, _ := Metadata(out); len(md) > 0 {
		t.Errorf("metadata left: %q", md)
	}
	info, err := Inspect(out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Width != 64 || info.Height != 48 || info.Orientation != 1 {
		t.Fatalf("published original: %+v", info)
	}
	img, _ := Decode(out, info)
	if dark := img.RGBAAt(4, 4); dark.R > 60 {
		t.Errorf("top left of the published original is %v, want the dark square", dark)
	}
	if light := img.RGBAAt(60, 44); light.R < 120 {
		t.Errorf("bottom right is %v, want light", light)
	}
}

func TestPublisherCache(t *testing.T) {
	dir := t.TempDir()
	data := imagetest.JPEG(imagetest.Picture(400, 300), imagetest.JPEGOptions{GPS: true})
	u := Use{Kind: Avatar, Display: []int{96}, Focus: Centre}
	read := func() ([]byte, error) { return data, nil }
	run := func() (*Publisher, []File) {
		c, err := OpenCache(dir)
		if err != nil {
			t.Fatal(err)
		}
		p := NewPublisher(c)
		s, err := p.Analyze(data)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := p.Files(s, u, read, true)
		if err != nil {
			t.Fatal(err)
		}
		return p, fs
	}
	cold, first := run()
	if cold.Encodes() != 4 || cold.Decodes() != 2 {
		t.Errorf("cold: %d encodes, %d decodes; want 4 and 2 (analysis, then the variants)", cold.Encodes(), cold.Decodes())
	}
	warm, second := run()
	if warm.Encodes() != 0 || warm.Decodes() != 0 {
		t.Errorf("warm: %d encodes, %d decodes; want none", warm.Encodes(), warm.Decodes())
	}
	for i := range first {
		if first[i].Key != second[i].Key || !bytes.Equal(first[i].Data, second[i].Data) {
			t.Errorf("file %d differs between cold and warm", i)
		}
		if md, err := Metadata(first[i].Data); err != nil || len(md) > 0 {
			t.Errorf("variant %v: metadata %q, %v", first[i].Variant, md, err)
		}
		info, err := Inspect(first[i].Data)
		if err != nil || info.Width != first[i].Width || info.Height != first[i].Height {
			t.Errorf("variant %v decodes as %+v, %v", first[i].Variant, info, err)
		}
	}
	// Without producing (klartext check): the same names, nothing made.
	c, _ := OpenCache(t.TempDir())
	p := NewPublisher(c)
	s, _ := p.Analyze(data)
	names, err := p.Files(s, u, func() ([]byte, error) { t.Fatal("read called"); return nil, nil }, false)
	if err != nil || len(names) != 4 || names[0].Key != first[0].Key || names[0].Data != nil || p.Encodes() != 0 {
		t.Errorf("Files without producing: %v, %v", names, err)
	}
}

func TestEncodeTransparentJPEGOnWhite(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8)) // all transparent
	out, err := Encode(img, EncJPEG, 90)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := Inspect(out)
	dec, _ := Decode(out, info)
	if c := dec.RGBAAt(4, 4); c.R < 240 || c.G < 240 || c.B < 240 {
		t.Errorf("transparent pixels became %v in a JPEG, want white", c)
	}
}

func TestResizeAveragesFineDetail(t *testing.T) {
	// One-pixel black and white stripes shrink to grey, not to black or
	// white stripes (aliasing).
	src := image.NewRGBA(image.Rect(0, 0, 1000, 100))
	for y := 0; y < 100; y++ {
		for x := 0; x < 1000; x++ {
			v := uint8(0)
			if x%2 == 0 {
				v = 255
			}
			src.SetRGBA(x, y, color.RGBA{v, v, v, 255})
		}
	}
	out := Resize(src, src.Rect, 90, 9)
	for x := 0; x < 90; x++ {
		if c := out.RGBAAt(x, 4); c.R < 100 || c.R > 155 {
			t.Fatalf("pixel %d is %v, want grey", x, c)
		}
	}
}

func TestEncodePNGRoundTrip(t *testing.T) {
	pic := imagetest.Picture(20, 10)
	out, err := Encode(pic, EncPNG, 0)
	if err != nil {
		t.Fatal(err)
	}
	back, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if back.Bounds() != pic.Rect {
		t.Errorf("bounds %v", back.Bounds())
	}
}

func TestParseFocus(t *testing.T) {
	tests := []struct {
		in   string
		want Focus
		err  string
	}{
		{"", Centre, ""},
		{"50% 30%", Focus{0.5, 0.3}, ""},
		{"0% 100%", Focus{0, 1}, ""},
		{"12.5% 40%", Focus{0.125, 0.4}, ""},
		{"top", Focus{0.5, 0}, ""},
		{"top left", Focus{0, 0}, ""},
		{"Bottom Right", Focus{1, 1}, ""},
		{"center", Centre, ""},
		{"left center", Focus{0, 0.5}, ""},
		{"50%", Centre, "two percentages"},
		{"50% top", Centre, "two percentages"},
		{"120% 30%", Centre, "0% to 100%"},
		{"left right", Centre, "two horizontal"},
		{"oben", Centre, "not a position"},
		{"top left center", Centre, "more than two"},
	}
	for _, tt := range tests {
		got, err := ParseFocus(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseFocus(%q): error %v, want one with %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseFocus(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestDecoderPanicIsAnError(t *testing.T) {
	orig := decoders[PNG]
	defer func() { decoders[PNG] = orig }()
	decoders[PNG] = func(io.Reader) (image.Image, error) { panic("index out of range [7] with length 7") }
	_, err := NewPublisher(nil).Analyze(imagetest.PNG(imagetest.Picture(8, 8), false))
	var ie *Error
	if !errors.As(err, &ie) || ie.Kind != Corrupt || !strings.Contains(err.Error(), "decoder failed on this file: index out of range") {
		t.Fatalf("a panicking decoder gave %v", err)
	}
}
