package imaging

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"strings"
	"unicode/utf16"
)

// iccDescription is the name an ICC profile gives itself ("sRGB
// IEC61966-2.1", "Display P3"), from its 'desc' tag; "" when it has none
// that can be read.
func iccDescription(p []byte) string {
	if len(p) < 132 {
		return ""
	}
	n := int(binary.BigEndian.Uint32(p[128:]))
	for i := 0; i < n && i < 100; i++ {
		t := 132 + 12*i
		if t+12 > len(p) {
			return ""
		}
		if string(p[t:t+4]) != "desc" {
			continue
		}
		off, size := int(binary.BigEndian.Uint32(p[t+4:])), int(binary.BigEndian.Uint32(p[t+8:]))
		if off < 0 || size < 12 || off > len(p)-size {
			return ""
		}
		return descText(p[off : off+size])
	}
	return ""
}

func descText(tag []byte) string {
	switch string(tag[:4]) {
	case "desc": // ICC v2 textDescriptionType: ASCII count, ASCII
		n := int(binary.BigEndian.Uint32(tag[8:]))
		if n <= 0 || n > len(tag)-12 {
			return ""
		}
		return strings.TrimRight(string(tag[12:12+n]), "\x00")
	case "mluc": // ICC v4: records of UTF-16BE strings; the first one
		if len(tag) < 28 || binary.BigEndian.Uint32(tag[8:]) == 0 {
			return ""
		}
		n, off := int(binary.BigEndian.Uint32(tag[20:])), int(binary.BigEndian.Uint32(tag[24:]))
		if n <= 0 || off < 0 || off > len(tag)-n || n%2 != 0 {
			return ""
		}
		u := make([]uint16, n/2)
		for i := range u {
			u[i] = binary.BigEndian.Uint16(tag[off+2*i:])
		}
		return strings.TrimRight(string(utf16.Decode(u)), "\x00")
	}
	return ""
}

// iccFromPNG inflates the profile of an iCCP chunk (name, NUL, method,
// zlib data), reading at most 4 MB.
func iccFromPNG(chunk []byte) []byte {
	i := bytes.IndexByte(chunk, 0)
	if i < 0 || i+2 > len(chunk) {
		return nil
	}
	z, err := zlib.NewReader(bytes.NewReader(chunk[i+2:]))
	if err != nil {
		return nil
	}
	p, _ := io.ReadAll(io.LimitReader(z, 4<<20))
	return p
}

// isSRGB reports whether a profile's name says it is sRGB, the colour
// space that pixels without a profile are shown in.
func isSRGB(desc string) bool {
	return strings.Contains(strings.ToLower(desc), "srgb")
}
