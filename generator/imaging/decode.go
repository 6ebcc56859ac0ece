package imaging

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	xwebp "golang.org/x/image/webp"
)

// MaxPixels is the largest picture decoded, checked from the file's header
// before any pixel is read: a 40-megapixel photo takes 160 MB decoded, and
// a small file that claims a huge picture (a decompression bomb) must not
// take the machine's memory.
const MaxPixels = 40_000_000

// Info is what the build knows of an image without holding its pixels.
type Info struct {
	Format        Format
	Width, Height int  // as shown: the orientation applied
	Orientation   int  // EXIF orientation, 1–8
	Alpha         bool // some pixel is not opaque
	Animated      bool // GIF, APNG or WebP with more than one frame: published as it is
	Profile       string
	// Profile is the name of the ICC colour profile when it is not sRGB
	// ("Display P3"): the published files have no profile, so the
	// colours look paler than in the original.
}

// ErrorKind says what is wrong with an image file.
type ErrorKind int

const (
	Corrupt     ErrorKind = iota // the file is damaged or not what it claims to be
	TooLarge                     // more than MaxPixels
	Unsupported                  // a format klartext does not publish
)

// Error is a problem with one image file.
type Error struct {
	Kind   ErrorKind
	Format Format // for Unsupported: which
	Err    error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func corrupt(format string, args ...any) error {
	return &Error{Kind: Corrupt, Err: fmt.Errorf(format, args...)}
}

// Inspect reads what the containers say — format, size, orientation, ICC
// profile, animation — without decoding the pixels. Alpha is not known
// yet (Analyze decodes).
func Inspect(data []byte) (Info, error) {
	f := Sniff(data)
	info := Info{Format: f, Orientation: 1}
	if f.Refused() {
		return info, &Error{Kind: Unsupported, Format: f, Err: fmt.Errorf("%s files are not published", f.Name())}
	}
	if !f.Raster() {
		return info, corrupt("the file is not a JPEG, PNG, WebP or GIF image")
	}
	if err := walk(f, data); err != nil {
		return info, corrupt("the %s file is damaged: %v", f.Name(), err)
	}
	var facts exifFacts
	var icc []byte
	var cfg image.Config
	var err error
	r := bytes.NewReader(data)
	switch f {
	case JPEG:
		facts, icc = jpegFacts(data)
		cfg, err = jpeg.DecodeConfig(r)
	case PNG:
		facts, icc, info.Animated = pngFacts(data)
		cfg, err = png.DecodeConfig(r)
	case WebP:
		facts, icc, info.Animated = webpFacts(data)
		if info.Animated {
			cfg, err = webpCanvas(data)
		} else {
			cfg, err = xwebp.DecodeConfig(r)
		}
	case GIF:
		facts.Orientation = 1
		cfg, err = gif.DecodeConfig(r)
		if err == nil {
			_, blocks, berr := gifBlocks(data)
			if berr != nil {
				err = berr
			}
			frames := 0
			for _, b := range blocks {
				if b.Kind == 0x2C {
					frames++
				}
			}
			info.Animated = frames > 1
			if frames*cfg.Width*cfg.Height > MaxPixels {
				return info, &Error{Kind: TooLarge, Err: fmt.Errorf("the animation has %d frames of %d×%d pixels, more than klartext decodes (%d megapixels)",
					frames, cfg.Width, cfg.Height, MaxPixels/1_000_000)}
			}
		}
	}
	if err != nil {
		return info, corrupt("the %s file cannot be read: %v", f.Name(), err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return info, corrupt("the %s file says its picture is %d×%d pixels", f.Name(), cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return info, &Error{Kind: TooLarge, Err: fmt.Errorf("the picture is %d×%d pixels, more than klartext decodes (%d megapixels)",
			cfg.Width, cfg.Height, MaxPixels/1_000_000)}
	}
	info.Orientation = facts.Orientation
	info.Width, info.Height = cfg.Width, cfg.Height
	if info.Orientation >= 5 {
		info.Width, info.Height = cfg.Height, cfg.Width
	}
	if len(icc) > 0 {
		if d := iccDescription(icc); !isSRGB(d) {
			info.Profile = d
			if d == "" {
				info.Profile = "unnamed"
			}
		}
	}
	return info, nil
}

// walk checks a file's container, segment by segment: a cut-off file is
// named as such here, where a decoder says "short Huffman data".
func walk(f Format, data []byte) error {
	var err error
	switch f {
	case JPEG:
		_, _, err = jpegSegments(data)
	case PNG:
		_, err = pngChunks(data)
	case WebP:
		_, err = webpChunks(data)
	case GIF:
		_, _, err = gifBlocks(data)
	}
	return err
}

// webpCanvas is the canvas size of an extended (VP8X) WebP.
func webpCanvas(data []byte) (image.Config, error) {
	chunks, err := webpChunks(data)
	if err != nil {
		return image.Config{}, err
	}
	for _, c := range chunks {
		if c.FourCC == "VP8X" && len(c.Data) >= 10 {
			d := c.Data
			w := 1 + int(d[4]) | int(d[5])<<8 | int(d[6])<<16
			h := 1 + int(d[7]) | int(d[8])<<8 | int(d[9])<<16
			return image.Config{Width: w, Height: h}, nil
		}
	}
	return image.Config{}, errors.New("an animated WebP without a VP8X header")
}

// decoders are the pixel decoders by format; a variable so a test can
// put a panicking one in.
var decoders = map[Format]func(io.Reader) (image.Image, error){
	JPEG: jpeg.Decode, PNG: png.Decode, WebP: xwebp.Decode, GIF: gif.Decode,
}

// Decode decodes the picture into RGBA with the orientation applied. The
// size was checked by Inspect; a panic of a decoder on hostile input is
// an error, not a crash.
func Decode(data []byte, info Info) (img *image.RGBA, err error) {
	defer func() {
		if p := recover(); p != nil {
			img, err = nil, corrupt("the %s decoder failed on this file: %v", info.Format.Name(), p)
		}
	}()
	dec := decoders[info.Format]
	if dec == nil {
		return nil, corrupt("cannot decode %s", info.Format.Name())
	}
	m, err := dec(bytes.NewReader(data))
	if err != nil {
		return nil, corrupt("the %s file is damaged: %v", info.Format.Name(), err)
	}
	rgba, ok := m.(*image.RGBA)
	if !ok || rgba.Rect.Min != (image.Point{}) {
		b := m.Bounds()
		rgba = image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(rgba, rgba.Rect, m, b.Min, draw.Src)
	}
	return Orient(rgba, info.Orientation), nil
}
