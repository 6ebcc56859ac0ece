package imaging

import (
	"bytes"
	"fmt"
)

// Metadata lists the metadata a file carries, by what it is: "EXIF",
// "EXIF GPS", "XMP", "IPTC", "ICC", "comment", "thumbnail", "data after
// the end", PNG chunk types ("tEXt", "eXIf", …), WebP chunk names. An
// empty list means the file carries only its picture. It parses the
// container; it does not decode the pixels.
func Metadata(data []byte) ([]string, error) {
	var out []string
	switch Sniff(data) {
	case JPEG:
		segs, trailing, err := jpegSegments(data)
		if err != nil {
			return nil, err
		}
		for _, s := range segs {
			if keep, _ := jpegKeeps(s); keep {
				if s.Marker == 0xE0 && (s.Body[12] != 0 || s.Body[13] != 0) {
					out = append(out, "thumbnail")
				}
				continue
			}
			out = append(out, jpegSegmentName(s))
		}
		if trailing > 0 {
			out = append(out, "data after the end")
		}
	case PNG:
		chunks, err := pngChunks(data)
		if err != nil {
			return nil, err
		}
		for _, c := range chunks {
			if !pngKept[c.Type] {
				name := c.Type
				if c.Type == "eXIf" && readEXIF(c.Data).GPS {
					name += " GPS"
				}
				out = append(out, name)
			}
		}
	case WebP:
		chunks, err := webpChunks(data)
		if err != nil {
			return nil, err
		}
		for _, c := range chunks {
			if !webpKept[c.FourCC] {
				out = append(out, c.FourCC)
			}
			if c.FourCC == "VP8X" && len(c.Data) > 0 && c.Data[0]&(vp8xICC|vp8xEXIF|vp8xXMP) != 0 {
				out = append(out, "VP8X metadata flags")
			}
		}
	case GIF:
		_, blocks, err := gifBlocks(data)
		if err != nil {
			return nil, err
		}
		for _, b := range blocks {
			if !gifKeeps(b) {
				out = append(out, fmt.Sprintf("GIF extension 0x%02x %s", b.Label, b.App))
			}
		}
	default:
		return nil, fmt.Errorf("not a JPEG, PNG, WebP or GIF file")
	}
	return out, nil
}

func jpegSegmentName(s jpegSegment) string {
	switch {
	case s.Marker == 0xE1 && bytes.HasPrefix(s.Body, exifHeader):
		if readEXIF(s.Body[len(exifHeader):]).GPS {
			return "EXIF GPS"
		}
		return "EXIF"
	case s.Marker == 0xE1 && bytes.Contains(s.Body[:min(len(s.Body), 64)], []byte("ns.adobe.com/xap")):
		return "XMP"
	case s.Marker == 0xE2 && bytes.HasPrefix(s.Body, []byte("ICC_PROFILE")):
		return "ICC"
	case s.Marker == 0xED:
		return "IPTC"
	case s.Marker == 0xFE:
		return "comment"
	}
	return fmt.Sprintf("APP%d", s.Marker-0xE0)
}

// Strip rewrites a file of a raster format without its metadata, the
// compressed picture copied as it is.
func Strip(data []byte) ([]byte, error) {
	switch Sniff(data) {
	case JPEG:
		return StripJPEG(data)
	case PNG:
		return StripPNG(data)
	case WebP:
		return StripWebP(data)
	case GIF:
		return StripGIF(data)
	}
	return nil, fmt.Errorf("not a JPEG, PNG, WebP or GIF file")
}
