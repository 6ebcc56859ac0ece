package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// jpegSegment is one marker segment of a JPEG file. For a start of scan,
// it includes the entropy-coded data that follows the header.
type jpegSegment struct {
	Marker     byte
	Start, End int // the segment's bytes, marker included: data[Start:End]
	Body       []byte
}

var errNotJPEG = errors.New("not a JPEG file")

// jpegSegments splits a JPEG file into its segments, from SOI to EOI.
// trailing is the number of bytes after EOI: phones append more pictures
// there (the Multi-Picture Format's depth maps and gain maps, each with
// EXIF data of its own).
func jpegSegments(data []byte) (segs []jpegSegment, trailing int, err error) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, 0, errNotJPEG
	}
	segs = append(segs, jpegSegment{Marker: 0xD8, Start: 0, End: 2})
	i := 2
	for {
		// Markers may be preceded by any number of 0xFF fill bytes.
		start := i
		if i >= len(data) || data[i] != 0xFF {
			return segs, 0, fmt.Errorf("expected a marker at byte %d", i)
		}
		for i < len(data) && data[i] == 0xFF {
			i++
		}
		if i >= len(data) {
			return segs, 0, fmt.Errorf("the file ends inside a marker")
		}
		m := data[i]
		i++
		switch {
		case m == 0xD9: // EOI
			segs = append(segs, jpegSegment{Marker: m, Start: start, End: i})
			return segs, len(data) - i, nil
		case m == 0x01 || (m >= 0xD0 && m <= 0xD7): // TEM, RSTn: no length
			segs = append(segs, jpegSegment{Marker: m, Start: start, End: i})
			continue
		case m == 0x00:
			return segs, 0, fmt.Errorf("stray data at byte %d", start)
		}
		if i+2 > len(data) {
			return segs, 0, fmt.Errorf("the file ends inside a segment header")
		}
		n := int(binary.BigEndian.Uint16(data[i:]))
		if n < 2 || i+n > len(data) {
			return segs, 0, fmt.Errorf("the segment at byte %d is longer than the file", start)
		}
		body := data[i+2 : i+n]
		i += n
		if m == 0xDA { // SOS: entropy-coded data up to the next real marker
			for {
				j := bytes.IndexByte(data[i:], 0xFF)
				if j < 0 {
					return segs, 0, fmt.Errorf("the file ends inside the picture: it is cut off (an incomplete download or copy?)")
				}
				i += j
				if i+1 >= len(data) {
					return segs, 0, fmt.Errorf("the file ends inside the picture: it is cut off (an incomplete download or copy?)")
				}
				if next := data[i+1]; next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF {
					i += 2
					if next == 0xFF {
						i-- // fill byte: look again from the second 0xFF
					}
					continue
				}
				break
			}
		}
		segs = append(segs, jpegSegment{Marker: m, Start: start, End: i, Body: body})
	}
}

// jpegKeeps reports whether a segment survives StripJPEG, and with which
// body. Everything that is not needed to show the picture goes: APP1
// (EXIF, XMP), APP2 (ICC, the Multi-Picture index), APP13 (IPTC), the
// other application segments and comments. APP0 (JFIF) stays without its
// thumbnail, APP14 (Adobe) stays because it says how to read the colours.
func jpegKeeps(s jpegSegment) (keep bool, body []byte) {
	switch {
	case s.Marker == 0xE0:
		if len(s.Body) >= 14 && bytes.HasPrefix(s.Body, []byte("JFIF\x00")) {
			b := append([]byte(nil), s.Body[:14]...)
			b[12], b[13] = 0, 0 // no thumbnail
			return true, b
		}
		return false, nil
	case s.Marker == 0xEE:
		return bytes.HasPrefix(s.Body, []byte("Adobe")), s.Body
	case s.Marker >= 0xE1 && s.Marker <= 0xEF, s.Marker == 0xFE:
		return false, nil
	}
	return true, nil
}

// StripJPEG rewrites a JPEG without its metadata segments and without
// anything after its end marker; the compressed picture is copied byte for
// byte. It does not apply the orientation: see Info.Orientation.
func StripJPEG(data []byte) ([]byte, error) {
	segs, _, err := jpegSegments(data)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(data))
	for _, s := range segs {
		keep, body := jpegKeeps(s)
		if !keep {
			continue
		}
		if body == nil || len(body) == len(s.Body) {
			out = append(out, data[s.Start:s.End]...)
			continue
		}
		out = append(out, 0xFF, s.Marker, byte((len(body)+2)>>8), byte(len(body)+2))
		out = append(out, body...)
	}
	return out, nil
}

// jpegFacts reads the orientation, GPS presence and ICC profile of a JPEG.
func jpegFacts(data []byte) (exifFacts, []byte) {
	f := exifFacts{Orientation: 1}
	segs, _, err := jpegSegments(data)
	if err != nil {
		return f, nil
	}
	var icc []byte
	for _, s := range segs {
		switch s.Marker {
		case 0xE1:
			if p := exifPayload(s.Body); p != nil {
				f = readEXIF(p)
			}
		case 0xE2:
			// ICC_PROFILE\0, sequence number, count, then a chunk of
			// the profile; the chunks are concatenated in order.
			if bytes.HasPrefix(s.Body, []byte("ICC_PROFILE\x00")) && len(s.Body) > 14 {
				icc = append(icc, s.Body[14:]...)
			}
		case 0xDA:
			return f, icc
		}
	}
	return f, icc
}
