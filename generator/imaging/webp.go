package imaging

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// riffChunk is one chunk of a WebP (RIFF) file.
type riffChunk struct {
	FourCC     string
	Start, End int // the chunk's bytes, header and padding included
	Data       []byte
}

var errNotWebP = errors.New("not a WebP file")

// webpChunks splits a WebP file into its top-level chunks.
func webpChunks(data []byte) ([]riffChunk, error) {
	if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return nil, errNotWebP
	}
	size := int(binary.LittleEndian.Uint32(data[4:8]))
	if size < 4 || size > len(data)-8 {
		return nil, fmt.Errorf("the file is shorter than its header says (cut off?)")
	}
	end := 8 + size
	var out []riffChunk
	for i := 12; i < end; {
		if i+8 > end {
			return out, fmt.Errorf("the file ends inside a chunk header")
		}
		n := int(binary.LittleEndian.Uint32(data[i+4:]))
		if n < 0 || n > end-i-8 {
			return out, fmt.Errorf("the chunk at byte %d is longer than the file", i)
		}
		next := i + 8 + n + n&1
		if next > end {
			next = end
		}
		out = append(out, riffChunk{FourCC: string(data[i : i+4]), Start: i, End: next, Data: data[i+8 : i+8+n]})
		i = next
	}
	return out, nil
}

// webpKept are the chunks StripWebP keeps; ICCP, EXIF, XMP and unknown
// chunks go.
var webpKept = map[string]bool{"VP8 ": true, "VP8L": true, "VP8X": true, "ALPH": true, "ANIM": true, "ANMF": true}

// VP8X flags for the chunks StripWebP removes.
const (
	vp8xICC  = 0x20
	vp8xEXIF = 0x08
	vp8xXMP  = 0x04
)

// StripWebP rewrites a WebP without its metadata chunks; the compressed
// picture is copied byte for byte.
func StripWebP(data []byte) ([]byte, error) {
	chunks, err := webpChunks(data)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 12, len(data))
	copy(out, "RIFF\x00\x00\x00\x00WEBP")
	for _, c := range chunks {
		if !webpKept[c.FourCC] {
			continue
		}
		at := len(out)
		out = append(out, data[c.Start:c.End]...)
		if c.FourCC == "VP8X" && len(c.Data) >= 1 {
			out[at+8] &^= vp8xICC | vp8xEXIF | vp8xXMP
		}
	}
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-8))
	return out, nil
}

// webpFacts reads the orientation, ICC profile and animation flag of a
// WebP.
func webpFacts(data []byte) (exifFacts, []byte, bool) {
	f := exifFacts{Orientation: 1}
	chunks, err := webpChunks(data)
	if err != nil {
		return f, nil, false
	}
	var icc []byte
	animated := false
	for _, c := range chunks {
		switch c.FourCC {
		case "EXIF":
			p := c.Data
			if q := exifPayload(p); q != nil {
				p = q // some writers keep the JPEG header
			}
			f = readEXIF(p)
		case "ICCP":
			icc = c.Data
		case "ANIM", "ANMF":
			animated = true
		}
	}
	return f, icc, animated
}
