package imaging

import (
	"bytes"
	"encoding/binary"
)

// exifHeader starts the EXIF data of a JPEG APP1 segment.
var exifHeader = []byte("Exif\x00\x00")

// exifFacts is what the build needs of EXIF data: how the picture is to be
// turned, and whether it says where it was taken.
type exifFacts struct {
	Orientation int  // 1–8; 1 when absent or invalid
	GPS         bool // a GPS IFD is referenced
}

// readEXIF reads a TIFF structure (the payload of an EXIF block without its
// "Exif\0\0" header). Anything malformed reads as orientation 1: a broken
// EXIF block is removed anyway, and must not stop the build.
func readEXIF(tiff []byte) exifFacts {
	f := exifFacts{Orientation: 1}
	if len(tiff) < 8 {
		return f
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return f
	}
	if bo.Uint16(tiff[2:4]) != 42 {
		return f
	}
	ifd := int(bo.Uint32(tiff[4:8]))
	if ifd < 8 || ifd+2 > len(tiff) {
		return f
	}
	n := int(bo.Uint16(tiff[ifd:]))
	for i := 0; i < n; i++ {
		e := ifd + 2 + 12*i
		if e+12 > len(tiff) {
			break
		}
		tag, typ := bo.Uint16(tiff[e:]), bo.Uint16(tiff[e+2:])
		switch {
		case tag == 0x0112 && typ == 3: // Orientation, SHORT
			if o := int(bo.Uint16(tiff[e+8:])); o >= 1 && o <= 8 {
				f.Orientation = o
			}
		case tag == 0x8825: // GPSInfo IFD pointer
			f.GPS = true
		}
	}
	return f
}

// exifPayload is the TIFF structure of an APP1 segment's body, or nil when
// the segment holds something else (XMP).
func exifPayload(app1 []byte) []byte {
	if bytes.HasPrefix(app1, exifHeader) {
		return app1[len(exifHeader):]
	}
	return nil
}
