package imaging

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"runtime"

	"github.com/gen2brain/webp"
)

// Encoder settings. WebP is libwebp (through WebAssembly, see the
// package's go.mod entry); JPEG and PNG are Go's own encoders.
const (
	JPEGQuality         = 82 // fallback JPEGs: the size of Go's q75 hardly differs, blocking shows less
	JPEGOriginalQuality = 92 // an original re-encoded only to turn it upright
	WebPQuality         = 80 // lossy WebP of photographs
	WebPMethod          = 4  // libwebp's default effort (0 fastest … 6 smallest)
)

// codecVersion names everything that changes the bytes of an encoded
// file; it is part of every cache key, so a new encoder or setting never
// serves an old file.
func codecVersion() string {
	lib := "wasm"
	if webp.Dynamic() == nil {
		lib = "shared" // gen2brain/webp found a system libwebp and uses it
	}
	return fmt.Sprintf("v1 %s webp-0.5.5-%s q%d m%d jpeg-q%d/%d box+catmullrom", runtime.Version(), lib,
		WebPQuality, WebPMethod, JPEGQuality, JPEGOriginalQuality)
}

// Encoding is a published file's format.
type Encoding string

const (
	EncWebP         Encoding = "webp"          // lossy
	EncWebPLossless Encoding = "webp-lossless" // for PNG sources: drawings, screenshots
	EncJPEG         Encoding = "jpeg"
	EncPNG          Encoding = "png"
)

// Ext is the file name extension of the encoding.
func (e Encoding) Ext() string {
	switch e {
	case EncWebP, EncWebPLossless:
		return "webp"
	case EncJPEG:
		return "jpg"
	}
	return "png"
}

// MIME is the media type of the encoding.
func (e Encoding) MIME() string {
	switch e {
	case EncWebP, EncWebPLossless:
		return "image/webp"
	case EncJPEG:
		return "image/jpeg"
	}
	return "image/png"
}

// Encode encodes a picture. quality applies to JPEG and lossy WebP.
func Encode(img image.Image, enc Encoding, quality int) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("the %s encoder failed: %v", enc, p)
		}
	}()
	var b bytes.Buffer
	switch enc {
	case EncJPEG:
		err = jpeg.Encode(&b, opaque(img), &jpeg.Options{Quality: quality})
	case EncPNG:
		e := png.Encoder{CompressionLevel: png.BestCompression}
		err = e.Encode(&b, img)
	case EncWebP:
		err = webp.Encode(&b, img, webp.Options{Quality: quality, Method: WebPMethod})
	case EncWebPLossless:
		err = webp.Encode(&b, img, webp.Options{Lossless: true, Method: WebPMethod})
	default:
		err = fmt.Errorf("unknown encoding %q", enc)
	}
	if err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// opaque lays a picture with transparency on white for JPEG, which has
// none (Go's encoder would otherwise show transparent pixels black).
func opaque(img image.Image) image.Image {
	rgba, ok := img.(*image.RGBA)
	if !ok || rgba.Opaque() {
		return img
	}
	out := image.NewRGBA(rgba.Rect)
	for i := 0; i < len(rgba.Pix); i += 4 {
		a := 255 - uint32(rgba.Pix[i+3])
		out.Pix[i] = uint8(uint32(rgba.Pix[i]) + a)
		out.Pix[i+1] = uint8(uint32(rgba.Pix[i+1]) + a)
		out.Pix[i+2] = uint8(uint32(rgba.Pix[i+2]) + a)
		out.Pix[i+3] = 255
	}
	return out
}
