// Package imagetest writes image files for tests: pictures with every kind
// of metadata a camera or an editor leaves in them (EXIF with GPS
// coordinates, XMP, IPTC, comments, ICC profiles, PNG text chunks, data
// after the end), made by this code so the tests need no downloaded
// photos.
package imagetest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
)

// Picture is a w×h test pattern: gradients with a dark square in the top
// left corner, so a turned or flipped picture can be told from the upright
// one.
func Picture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{uint8(40 + 180*x/max(1, w-1)), uint8(60 + 150*y/max(1, h-1)), 150, 255}
			if x < w/4 && y < h/4 {
				c = color.RGBA{10, 10, 10, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// GPS are the coordinates the fixtures carry (a bank branch in Mannheim).
var GPS = [2][3]uint32{{49, 29, 20}, {8, 28, 0}}

// EXIF is a TIFF structure (little-endian) with the camera's make, the
// orientation, and — when gps — a GPS IFD with latitude and longitude.
func EXIF(orientation int, gps bool) []byte {
	le := binary.LittleEndian
	var b []byte
	b = append(b, 'I', 'I', 42, 0, 8, 0, 0, 0)
	type entry struct {
		tag, typ uint16
		count    uint32
		value    uint32
	}
	n := 2
	if gps {
		n = 3
	}
	// IFD0 at 8: n entries, then the next-IFD offset; data after it.
	ifd0End := 8 + 2 + 12*n + 4
	makeOff := ifd0End
	makeStr := []byte("KlartextCam\x00")
	gpsOff := makeOff + len(makeStr)
	entries := []entry{
		{0x010F, 2, uint32(len(makeStr)), uint32(makeOff)}, // Make, ASCII
		{0x0112, 3, 1, uint32(orientation)},                // Orientation, SHORT
	}
	if gps {
		entries = append(entries, entry{0x8825, 4, 1, uint32(gpsOff)}) // GPSInfo, LONG
	}
	b = le.AppendUint16(b, uint16(len(entries)))
	for _, e := range entries {
		b = le.AppendUint16(b, e.tag)
		b = le.AppendUint16(b, e.typ)
		b = le.AppendUint32(b, e.count)
		b = le.AppendUint32(b, e.value)
	}
	b = le.AppendUint32(b, 0)
	b = append(b, makeStr...)
	if gps {
		// GPS IFD: LatitudeRef, Latitude, LongitudeRef, Longitude.
		const entries = 4
		dataOff := gpsOff + 2 + 12*entries + 4
		b = le.AppendUint16(b, entries)
		put := func(tag, typ uint16, count, value uint32) {
			b = le.AppendUint16(b, tag)
			b = le.AppendUint16(b, typ)
			b = le.AppendUint32(b, count)
			b = le.AppendUint32(b, value)
		}
		put(1, 2, 2, uint32('N'))
		put(2, 5, 3, uint32(dataOff))
		put(3, 2, 2, uint32('E'))
		put(4, 5, 3, uint32(dataOff+24))
		b = le.AppendUint32(b, 0)
		for _, c := range GPS {
			for _, v := range c {
				b = le.AppendUint32(b, v)
				b = le.AppendUint32(b, 1)
			}
		}
	}
	return b
}

// XMP is an XMP packet with a location and a creator.
const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="49,29.33N" exif:GPSLongitude="8,28.00E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`

// ICC is a minimal ICC profile header and 'desc' tag naming itself name.
func ICC(name string) []byte {
	be := binary.BigEndian
	desc := []byte("desc\x00\x00\x00\x00")
	desc = be.AppendUint32(desc, uint32(len(name)+1))
	desc = append(desc, name...)
	desc = append(desc, 0)
	p := make([]byte, 128)
	copy(p[36:], "acsp")
	p = be.AppendUint32(p, 1)
	p = append(p, "desc"...)
	p = be.AppendUint32(p, uint32(128+4+12))
	p = be.AppendUint32(p, uint32(len(desc)))
	p = append(p, desc...)
	be.PutUint32(p[0:], uint32(len(p)))
	return p
}

func segment(marker byte, body []byte) []byte {
	s := []byte{0xFF, marker, byte((len(body) + 2) >> 8), byte(len(body) + 2)}
	return append(s, body...)
}

// JPEGOptions say what a fixture JPEG carries.
type JPEGOptions struct {
	Orientation int    // EXIF orientation; 0 for none
	GPS         bool   // EXIF GPS IFD and XMP with a location
	ICC         string // an ICC profile of that name; "" for none
	Extras      bool   // IPTC, a comment, a JFIF thumbnail and a second picture after the end
}

// JPEG encodes img and adds metadata as opts say.
func JPEG(img image.Image, opts JPEGOptions) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err)
	}
	enc := b.Bytes()
	out := append([]byte(nil), enc[:2]...)
	if opts.Extras {
		jfif := []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x01\x01")
		out = append(out, segment(0xE0, append(jfif, 1, 2, 3))...) // a 1×1 thumbnail
	}
	if opts.Orientation != 0 || opts.GPS {
		o := opts.Orientation
		if o == 0 {
			o = 1
		}
		out = append(out, segment(0xE1, append([]byte("Exif\x00\x00"), EXIF(o, opts.GPS)...))...)
	}
	if opts.GPS {
		out = append(out, segment(0xE1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), XMP...))...)
	}
	if opts.ICC != "" {
		out = append(out, segment(0xE2, append([]byte("ICC_PROFILE\x00\x01\x01"), ICC(opts.ICC)...))...)
	}
	if opts.Extras {
		out = append(out, segment(0xED, []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0a\x1c\x02\x50\x00\x05Hanna"))...)
		out = append(out, segment(0xFE, []byte("taken at the Mannheim branch"))...)
	}
	out = append(out, enc[2:]...)
	if opts.Extras {
		out = append(out, enc...) // a second picture after the end, as the Multi-Picture Format appends them
	}
	return out
}

func chunk(typ string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// PNG encodes img and adds tEXt, iTXt (XMP), eXIf (with GPS when gps),
// tIME and iCCP chunks before the image data.
func PNG(img image.Image, gps bool) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	enc := b.Bytes()
	ihdrEnd := 8 + 12 + 13
	out := append([]byte(nil), enc[:ihdrEnd]...)
	out = append(out, chunk("tEXt", []byte("Author\x00Hanna Beispiel"))...)
	out = append(out, chunk("iTXt", append([]byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"), XMP...))...)
	out = append(out, chunk("eXIf", EXIF(1, gps))...)
	out = append(out, chunk("tIME", []byte{0x07, 0xEA, 3, 1, 12, 0, 0})...)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(ICC("Display P3"))
	zw.Close()
	out = append(out, chunk("iCCP", append([]byte("Display P3\x00\x00"), z.Bytes()...))...)
	return append(out, enc[ihdrEnd:]...)
}

// WebP wraps a simple (VP8 or VP8L) WebP file in the extended format and
// adds EXIF (with GPS) and XMP chunks.
func WebP(simple []byte) []byte {
	le := binary.LittleEndian
	if len(simple) < 30 || string(simple[12:16]) == "VP8X" {
		panic("imagetest.WebP wants a simple WebP file")
	}
	cfgW, cfgH := webpSize(simple)
	vp8x := make([]byte, 10)
	vp8x[0] = 0x08 | 0x04 // EXIF and XMP
	put24 := func(b []byte, v int) { b[0], b[1], b[2] = byte(v), byte(v>>8), byte(v>>16) }
	put24(vp8x[4:], cfgW-1)
	put24(vp8x[7:], cfgH-1)
	riff := func(fourcc string, data []byte) []byte {
		c := append([]byte(fourcc), le.AppendUint32(nil, uint32(len(data)))...)
		c = append(c, data...)
		if len(data)%2 == 1 {
			c = append(c, 0)
		}
		return c
	}
	body := []byte("WEBP")
	body = append(body, riff("VP8X", vp8x)...)
	body = append(body, simple[12:]...)
	body = append(body, riff("EXIF", EXIF(1, true))...)
	body = append(body, riff("XMP ", []byte(XMP))...)
	return append(append([]byte("RIFF"), le.AppendUint32(nil, uint32(len(body)))...), body...)
}

func webpSize(simple []byte) (int, int) {
	switch string(simple[12:16]) {
	case "VP8 ":
		// frame tag (3), start code (3), then 14-bit width and height
		d := simple[20:]
		return int(binary.LittleEndian.Uint16(d[6:]) & 0x3fff), int(binary.LittleEndian.Uint16(d[8:]) & 0x3fff)
	case "VP8L":
		d := simple[21:]
		bits := binary.LittleEndian.Uint32(d)
		return int(bits&0x3fff) + 1, int(bits>>14&0x3fff) + 1
	}
	panic("unknown WebP chunk " + string(simple[12:16]))
}

// GIF encodes the frames (one: a still picture; more: an animation,
// looping) with a comment and an XMP application extension.
func GIF(frames ...image.Image) []byte {
	var b bytes.Buffer
	if len(frames) == 1 {
		if err := gif.Encode(&b, frames[0], nil); err != nil {
			panic(err)
		}
	} else {
		anim := &gif.GIF{}
		for _, f := range frames {
			p := image.NewPaletted(f.Bounds(), palette.Plan9)
			draw.FloydSteinberg.Draw(p, p.Rect, f, image.Point{})
			anim.Image = append(anim.Image, p)
			anim.Delay = append(anim.Delay, 50)
		}
		if err := gif.EncodeAll(&b, anim); err != nil {
			panic(err)
		}
	}
	enc := b.Bytes()
	head := 13
	if enc[10]&0x80 != 0 {
		head += 3 << (uint(enc[10]&7) + 1)
	}
	out := append([]byte(nil), enc[:head]...)
	comment := "taken at the Mannheim branch"
	out = append(out, 0x21, 0xFE, byte(len(comment)))
	out = append(out, comment...)
	out = append(out, 0)
	out = append(out, 0x21, 0xFF, 11)
	out = append(out, "XMP DataXMP"...)
	for x := []byte(XMP); len(x) > 0; {
		n := min(255, len(x))
		out = append(out, byte(n))
		out = append(out, x[:n]...)
		x = x[n:]
	}
	out = append(out, 0)
	return append(out, enc[head:]...)
}

// HEIC is the start of an iPhone photo: an ftyp box with the heic brand.
func HEIC() []byte {
	b := []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
	return append(b, make([]byte, 64)...)
}

// Photo is a photograph-like w×h picture: detail at every scale (1/f
// noise in colour, as in foliage, fabric and skin) with sensor grain, so
// encoders and resamplers see what a phone photo shows them. The same
// seed gives the same picture.
func Photo(w, h int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, 1))
	type grid struct {
		n int
		v []float64
	}
	var octs []grid
	for n := 4; n <= 1024; n *= 2 {
		g := grid{n, make([]float64, (n+1)*(n+1)*3)}
		for i := range g.v {
			g.v[i] = r.Float64()*2 - 1
		}
		octs = append(octs, g)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var c [3]float64
			amp := 1.0
			for _, g := range octs {
				fx := float64(x) / float64(w) * float64(g.n)
				fy := float64(y) / float64(h) * float64(g.n)
				ix, iy := int(fx), int(fy)
				tx, ty := fx-float64(ix), fy-float64(iy)
				tx, ty = tx*tx*(3-2*tx), ty*ty*(3-2*ty)
				for k := 0; k < 3; k++ {
					at := func(a, b int) float64 { return g.v[(b*(g.n+1)+a)*3+k] }
					c[k] += amp * (at(ix, iy)*(1-tx)*(1-ty) + at(ix+1, iy)*tx*(1-ty) + at(ix, iy+1)*(1-tx)*ty + at(ix+1, iy+1)*tx*ty)
				}
				amp *= 0.62
			}
			base := [3]float64{120 + 60*float64(y)/float64(h), 110, 100 - 30*float64(y)/float64(h)}
			var px [3]uint8
			for k := 0; k < 3; k++ {
				px[k] = uint8(math.Max(0, math.Min(255, base[k]+c[k]*55+r.NormFloat64()*3)))
			}
			img.SetRGBA(x, y, color.RGBA{px[0], px[1], px[2], 255})
		}
	}
	return img
}
