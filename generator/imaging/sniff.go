package imaging

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// Format is an image file format as recognised by its first bytes, never
// by its name.
type Format string

const (
	Unknown Format = ""
	JPEG    Format = "jpeg"
	PNG     Format = "png"
	GIF     Format = "gif"
	WebP    Format = "webp"
	SVG     Format = "svg"
	// Formats that are recognised only to be refused with advice.
	HEIC Format = "heic" // HEIF with HEVC: the iPhone's photo format
	AVIF Format = "avif"
	TIFF Format = "tiff"
	JXL  Format = "jxl"
	BMP  Format = "bmp"
)

// SniffLen is how many leading bytes Sniff looks at.
const SniffLen = 512

// Sniff recognises the format from the file's first bytes (up to SniffLen
// of them; fewer are fine).
func Sniff(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG
	case bytes.HasPrefix(head, pngSignature):
		return PNG
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return GIF
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return WebP
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return TIFF
	case bytes.HasPrefix(head, []byte{0xFF, 0x0A}), bytes.HasPrefix(head, []byte("\x00\x00\x00\x0cJXL \r\n\x87\n")):
		return JXL
	case bytes.HasPrefix(head, []byte("BM")) && len(head) >= 26 && binary.LittleEndian.Uint32(head[2:6]) > 26:
		return BMP
	}
	if f := sniffISOBMFF(head); f != Unknown {
		return f
	}
	if looksLikeSVG(head) {
		return SVG
	}
	return Unknown
}

// sniffISOBMFF recognises HEIF and AVIF by the brands of their ftyp box:
// the major brand, then the compatible ones.
func sniffISOBMFF(head []byte) Format {
	if len(head) < 16 || string(head[4:8]) != "ftyp" {
		return Unknown
	}
	size := int(binary.BigEndian.Uint32(head[:4]))
	if size < 16 || size > len(head) {
		size = len(head)
	}
	brands := [][]byte{head[8:12]}
	for i := 16; i+4 <= size; i += 4 {
		brands = append(brands, head[i:i+4])
	}
	heic := false
	for _, b := range brands {
		switch string(b) {
		case "avif", "avis":
			return AVIF
		case "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1":
			heic = true
		}
	}
	if heic {
		return HEIC
	}
	return Unknown
}

func looksLikeSVG(head []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if !bytes.HasPrefix(t, []byte("<")) {
		return false
	}
	return bytes.Contains(head, []byte("<svg"))
}

// Raster reports whether the build decodes and re-encodes the format.
func (f Format) Raster() bool {
	switch f {
	case JPEG, PNG, GIF, WebP:
		return true
	}
	return false
}

// Refused reports whether the format is an image format that is not
// published (browsers do not show it, or klartext cannot strip it).
func (f Format) Refused() bool {
	switch f {
	case HEIC, AVIF, TIFF, JXL, BMP:
		return true
	}
	return false
}

// Name is the format's name as people write it: "JPEG", "WebP", "HEIC".
func (f Format) Name() string {
	if f == WebP {
		return "WebP"
	}
	return strings.ToUpper(string(f))
}

// MIME is the media type of the format.
func (f Format) MIME() string {
	switch f {
	case JPEG:
		return "image/jpeg"
	case SVG:
		return "image/svg+xml"
	case Unknown:
		return ""
	}
	return "image/" + string(f)
}
