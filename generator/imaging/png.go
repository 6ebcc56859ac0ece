package imaging

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// pngChunk is one chunk of a PNG file.
type pngChunk struct {
	Type       string
	Start, End int // the chunk's bytes, length and CRC included
	Data       []byte
}

var errNotPNG = errors.New("not a PNG file")

// pngChunks splits a PNG file into its chunks, up to IEND; the CRCs are
// checked.
func pngChunks(data []byte) ([]pngChunk, error) {
	if len(data) < len(pngSignature) || string(data[:8]) != string(pngSignature) {
		return nil, errNotPNG
	}
	var out []pngChunk
	i := 8
	for {
		if i+12 > len(data) {
			return out, fmt.Errorf("the file ends inside a chunk (cut off?)")
		}
		n := binary.BigEndian.Uint32(data[i:])
		if n > uint32(len(data)-i-12) {
			return out, fmt.Errorf("the chunk at byte %d is longer than the file", i)
		}
		end := i + 12 + int(n)
		typ := string(data[i+4 : i+8])
		if crc32.ChecksumIEEE(data[i+4:end-4]) != binary.BigEndian.Uint32(data[end-4:]) {
			return out, fmt.Errorf("the %q chunk at byte %d is damaged (wrong checksum)", typ, i)
		}
		out = append(out, pngChunk{Type: typ, Start: i, End: end, Data: data[i+8 : end-4]})
		i = end
		if typ == "IEND" {
			return out, nil
		}
	}
}

// pngKept are the chunks that StripPNG keeps: those that make up the
// picture (with transparency, gamma and animation). Everything else goes:
// text (tEXt, zTXt, iTXt, where XMP lives too), eXIf, tIME, iCCP, and any
// private chunk.
var pngKept = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true,
	"tRNS": true, "gAMA": true, "cHRM": true, "sRGB": true, "sBIT": true, "bKGD": true, "pHYs": true,
	"acTL": true, "fcTL": true, "fdAT": true,
}

// StripPNG rewrites a PNG with only the chunks that make up the picture;
// the compressed pixels are copied byte for byte.
func StripPNG(data []byte) ([]byte, error) {
	chunks, err := pngChunks(data)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(data))
	out = append(out, pngSignature...)
	for _, c := range chunks {
		if pngKept[c.Type] {
			out = append(out, data[c.Start:c.End]...)
		}
	}
	return out, nil
}

// pngFacts reads the orientation (from eXIf) and ICC profile of a PNG.
func pngFacts(data []byte) (exifFacts, []byte, bool) {
	f := exifFacts{Orientation: 1}
	chunks, err := pngChunks(data)
	if err != nil {
		return f, nil, false
	}
	var icc []byte
	animated := false
	for _, c := range chunks {
		switch c.Type {
		case "eXIf":
			f = readEXIF(c.Data)
		case "iCCP":
			icc = iccFromPNG(c.Data)
		case "acTL":
			animated = true
		}
	}
	return f, icc, animated
}
