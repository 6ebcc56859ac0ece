package imaging

import (
	"errors"
	"fmt"
)

// gifBlock is one block of a GIF file after its header: an extension, an
// image (descriptor, colour table and data) or the trailer.
type gifBlock struct {
	Kind       byte   // 0x21 extension, 0x2C image, 0x3B trailer
	Label      byte   // an extension's label
	App        string // an application extension's identifier
	Start, End int
}

var errNotGIF = errors.New("not a GIF file")

// gifBlocks splits a GIF file after its screen descriptor and global
// colour table (header is the length of those).
func gifBlocks(data []byte) (header int, blocks []gifBlock, err error) {
	if len(data) < 13 || (string(data[:6]) != "GIF87a" && string(data[:6]) != "GIF89a") {
		return 0, nil, errNotGIF
	}
	i := 13
	if data[10]&0x80 != 0 {
		i += 3 << (uint(data[10]&7) + 1)
	}
	if i > len(data) {
		return 0, nil, fmt.Errorf("the file ends inside the colour table")
	}
	header = i
	subBlocks := func(i int) (int, error) {
		for {
			if i >= len(data) {
				return i, fmt.Errorf("the file ends inside a block (cut off?)")
			}
			n := int(data[i])
			i += 1 + n
			if n == 0 {
				return i, nil
			}
		}
	}
	for i < len(data) {
		start := i
		switch data[i] {
		case 0x3B:
			return header, append(blocks, gifBlock{Kind: 0x3B, Start: i, End: i + 1}), nil
		case 0x21:
			if i+2 > len(data) {
				return header, blocks, fmt.Errorf("the file ends inside an extension")
			}
			b := gifBlock{Kind: 0x21, Label: data[i+1], Start: start}
			if b.Label == 0xFF && i+3 < len(data) && int(data[i+2]) <= len(data)-i-3 {
				b.App = string(data[i+3 : i+3+int(data[i+2])])
			}
			if i, err = subBlocks(i + 2); err != nil {
				return header, blocks, err
			}
			b.End = i
			blocks = append(blocks, b)
		case 0x2C:
			if i+10 > len(data) {
				return header, blocks, fmt.Errorf("the file ends inside an image descriptor")
			}
			flags := data[i+9]
			i += 10
			if flags&0x80 != 0 {
				i += 3 << (uint(flags&7) + 1)
			}
			i++ // LZW minimum code size
			if i, err = subBlocks(i); err != nil {
				return header, blocks, err
			}
			blocks = append(blocks, gifBlock{Kind: 0x2C, Start: start, End: i})
		default:
			return header, blocks, fmt.Errorf("unknown block 0x%02x at byte %d", data[i], i)
		}
	}
	return header, blocks, fmt.Errorf("the file has no end marker (cut off?)")
}

// gifKeeps: images, graphic control extensions (delays, transparency) and
// the looping extension stay; comments, plain text and other application
// extensions (XMP) go.
func gifKeeps(b gifBlock) bool {
	switch b.Kind {
	case 0x2C, 0x3B:
		return true
	}
	switch b.Label {
	case 0xF9:
		return true
	case 0xFF:
		return b.App == "NETSCAPE2.0" || b.App == "ANIMEXTS1.0"
	}
	return false
}

// StripGIF rewrites a GIF without comments and metadata extensions; the
// pictures are copied byte for byte.
func StripGIF(data []byte) ([]byte, error) {
	header, blocks, err := gifBlocks(data)
	if err != nil {
		return nil, err
	}
	out := append(make([]byte, 0, len(data)), data[:header]...)
	for _, b := range blocks {
		if gifKeeps(b) {
			out = append(out, data[b.Start:b.End]...)
		}
	}
	return out, nil
}
