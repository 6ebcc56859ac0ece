// Package mediainfo reads what the build needs to know about a video file
// from its container header — its length and picture size — without a
// decoder and without reading the media data: MP4 (ISO base media file
// format: the moov box's mvhd, mvex/mehd for fragmented files, and the
// video track's tkhd) and WebM/Matroska (EBML: Segment → Info's
// TimecodeScale and Duration, Tracks → the video track's PixelWidth and
// PixelHeight).
//
// The parsers read box and element headers with ReadAt, skip over
// everything else, and are bounded: at most maxVisits headers, at most
// maxDepth levels, no value longer than a few bytes is read, and a size
// that runs past the file is an error. They are fuzzed.
package mediainfo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// Info is what a container tells.
type Info struct {
	Container string        // "mp4" or "webm" (a Matroska file that is not WebM is "matroska")
	Duration  time.Duration // 0 when the file does not say
	Width     int           // of the first video track; 0 when unknown
	Height    int
}

// ErrUnknown is returned for a file that is neither MP4 nor WebM/Matroska.
var ErrUnknown = errors.New("neither an MP4 nor a WebM file")

const (
	maxVisits = 10000
	maxDepth  = 8
)

// Probe reads the container header of the file of the given size.
func Probe(r io.ReaderAt, size int64) (Info, error) {
	var head [12]byte
	n, _ := r.ReadAt(head[:], 0)
	switch {
	case n >= 8 && string(head[4:8]) == "ftyp":
		return probeMP4(r, size)
	case n >= 4 && binary.BigEndian.Uint32(head[:4]) == idEBML:
		return probeEBML(r, size)
	}
	return Info{}, ErrUnknown
}

// --- MP4 ---

type mp4 struct {
	r      io.ReaderAt
	visits int
	info   Info
	// per track, while walking a trak box
	trackW, trackH int
	trackVideo     bool
	mvhdDuration   time.Duration
	mehd           uint64
	timescale      uint32
}

func probeMP4(r io.ReaderAt, size int64) (Info, error) {
	m := &mp4{r: r, info: Info{Container: "mp4"}}
	if err := m.boxes(0, size, 0, ""); err != nil {
		return Info{}, err
	}
	m.info.Duration = m.mvhdDuration
	if m.info.Duration == 0 && m.mehd > 0 && m.timescale > 0 {
		m.info.Duration = scale(m.mehd, m.timescale)
	}
	return m.info, nil
}

// scale turns a count of 1/timescale seconds into a Duration, saturating.
func scale(v uint64, timescale uint32) time.Duration {
	s := float64(v) / float64(timescale)
	if s > float64(math.MaxInt64/int64(time.Second)) {
		return 0
	}
	return time.Duration(math.Round(s * float64(time.Second)))
}

// boxes walks the boxes from off to end inside the box of type parent.
func (m *mp4) boxes(off, end int64, depth int, parent string) error {
	if depth > maxDepth {
		return errors.New("MP4: boxes nested too deep")
	}
	for off < end {
		if m.visits++; m.visits > maxVisits {
			return errors.New("MP4: too many boxes")
		}
		var h [16]byte
		if end-off < 8 {
			return fmt.Errorf("MP4: %d stray bytes at offset %d", end-off, off)
		}
		if _, err := m.r.ReadAt(h[:8], off); err != nil {
			return fmt.Errorf("MP4: cannot read the box at offset %d: %w", off, err)
		}
		size := int64(binary.BigEndian.Uint32(h[:4]))
		typ := string(h[4:8])
		hdr := int64(8)
		switch size {
		case 1:
			if _, err := m.r.ReadAt(h[8:16], off+8); err != nil {
				return fmt.Errorf("MP4: cannot read the size of the %q box at offset %d", typ, off)
			}
			large := binary.BigEndian.Uint64(h[8:16])
			if large > math.MaxInt64 {
				return fmt.Errorf("MP4: the %q box at offset %d is larger than the file", typ, off)
			}
			size, hdr = int64(large), 16
		case 0:
			size = end - off // to the end of the file
		}
		if size < hdr || size > end-off {
			return fmt.Errorf("MP4: the %q box at offset %d has a size (%d) that does not fit the file", typ, off, size)
		}
		body, bodyEnd := off+hdr, off+size
		switch {
		case typ == "moov" && parent == "", typ == "mvex" && parent == "moov", typ == "mdia" && parent == "trak":
			if err := m.boxes(body, bodyEnd, depth+1, typ); err != nil {
				return err
			}
		case typ == "trak" && parent == "moov":
			m.trackW, m.trackH, m.trackVideo = 0, 0, false
			if err := m.boxes(body, bodyEnd, depth+1, typ); err != nil {
				return err
			}
			if m.trackVideo && m.info.Width == 0 && m.trackW > 0 && m.trackH > 0 {
				m.info.Width, m.info.Height = m.trackW, m.trackH
			}
		case typ == "mvhd" && parent == "moov":
			if err := m.mvhd(body, bodyEnd); err != nil {
				return err
			}
		case typ == "mehd" && parent == "mvex":
			if err := m.mehdBox(body, bodyEnd); err != nil {
				return err
			}
		case typ == "tkhd" && parent == "trak":
			if err := m.tkhd(body, bodyEnd); err != nil {
				return err
			}
		case typ == "hdlr" && parent == "mdia":
			var b [12]byte
			if bodyEnd-body >= 12 {
				if _, err := m.r.ReadAt(b[:], body); err == nil && string(b[8:12]) == "vide" {
					m.trackVideo = true
				}
			}
		}
		off = bodyEnd
	}
	return nil
}

// read reads exactly len(b) bytes at off, inside a box ending at end.
func (m *mp4) read(b []byte, off, end int64, what string) error {
	if end-off < int64(len(b)) {
		return fmt.Errorf("MP4: the %s box is too short", what)
	}
	if _, err := m.r.ReadAt(b, off); err != nil {
		return fmt.Errorf("MP4: cannot read the %s box: %w", what, err)
	}
	return nil
}

func (m *mp4) mvhd(off, end int64) error {
	var b [32]byte
	if err := m.read(b[:1], off, end, "mvhd"); err != nil {
		return err
	}
	var ts uint32
	var d uint64
	unknown := false
	if b[0] == 1 {
		if err := m.read(b[:32], off, end, "mvhd"); err != nil {
			return err
		}
		ts = binary.BigEndian.Uint32(b[20:24])
		d = binary.BigEndian.Uint64(b[24:32])
		unknown = d == math.MaxUint64
	} else {
		if err := m.read(b[:20], off, end, "mvhd"); err != nil {
			return err
		}
		ts = binary.BigEndian.Uint32(b[12:16])
		d = uint64(binary.BigEndian.Uint32(b[16:20]))
		unknown = d == math.MaxUint32
	}
	m.timescale = ts
	if ts > 0 && !unknown {
		m.mvhdDuration = scale(d, ts)
	}
	return nil
}

func (m *mp4) mehdBox(off, end int64) error {
	var b [12]byte
	if err := m.read(b[:1], off, end, "mehd"); err != nil {
		return err
	}
	if b[0] == 1 {
		if err := m.read(b[:12], off, end, "mehd"); err != nil {
			return err
		}
		m.mehd = binary.BigEndian.Uint64(b[4:12])
	} else {
		if err := m.read(b[:8], off, end, "mehd"); err != nil {
			return err
		}
		m.mehd = uint64(binary.BigEndian.Uint32(b[4:8]))
	}
	return nil
}

// tkhd reads the track's presentation size (16.16 fixed point), which
// sits after version-dependent fields, 52 bytes of reserved fields, layer,
// volume and the matrix.
func (m *mp4) tkhd(off, end int64) error {
	var v [1]byte
	if err := m.read(v[:], off, end, "tkhd"); err != nil {
		return err
	}
	at := int64(4 + 20) // version/flags, then v0: creation, modification, track id, reserved, duration
	if v[0] == 1 {
		at = 4 + 32
	}
	at += 8 + 2 + 2 + 2 + 2 + 36 // reserved, layer, alternate group, volume, reserved, matrix
	var b [8]byte
	if err := m.read(b[:], off+at, end, "tkhd"); err != nil {
		return err
	}
	m.trackW = int(binary.BigEndian.Uint32(b[:4]) >> 16)
	m.trackH = int(binary.BigEndian.Uint32(b[4:]) >> 16)
	return nil
}

// --- WebM / Matroska (EBML) ---

const (
	idEBML          = 0x1A45DFA3
	idDocType       = 0x4282
	idSegment       = 0x18538067
	idInfo          = 0x1549A966
	idTimecodeScale = 0x2AD7B1
	idDuration      = 0x4489
	idTracks        = 0x1654AE6B
	idTrackEntry    = 0xAE
	idTrackType     = 0x83
	idVideo         = 0xE0
	idPixelWidth    = 0xB0
	idPixelHeight   = 0xBA
	idCluster       = 0x1F43B675
)

type ebml struct {
	r      io.ReaderAt
	visits int
	info   Info
	scale  uint64 // ns per timecode unit
	dur    float64
	hasDur bool
	// per track entry
	trackType      uint64
	trackW, trackH uint64
}

func probeEBML(r io.ReaderAt, size int64) (Info, error) {
	e := &ebml{r: r, scale: 1000000}
	if err := e.elements(0, size, 0, 0); err != nil {
		return Info{}, err
	}
	switch e.info.Container {
	case "":
		return Info{}, errors.New("EBML: the header names no document type")
	case "webm", "matroska":
	default:
		return Info{}, fmt.Errorf("EBML: the document type %q is not WebM", e.info.Container)
	}
	if e.hasDur && e.dur > 0 {
		ns := e.dur * float64(e.scale)
		if ns < float64(math.MaxInt64) {
			e.info.Duration = time.Duration(math.Round(ns))
		}
	}
	return e.info, nil
}

// vint reads an EBML variable-length integer at off: its value (with the
// length marker kept for ids, removed for sizes), its length, and whether
// a size is "unknown" (all value bits set).
func (e *ebml) vint(off, end int64, keepMarker bool) (v uint64, n int, unknown bool, err error) {
	var b [8]byte
	if off >= end {
		return 0, 0, false, errors.New("EBML: an element header runs past its parent")
	}
	if _, err := e.r.ReadAt(b[:1], off); err != nil {
		return 0, 0, false, fmt.Errorf("EBML: cannot read at offset %d: %w", off, err)
	}
	first := b[0]
	if first == 0 {
		return 0, 0, false, fmt.Errorf("EBML: invalid number at offset %d", off)
	}
	n = 1
	for mask := byte(0x80); first&mask == 0; mask >>= 1 {
		n++
	}
	if keepMarker && n > 4 {
		return 0, 0, false, fmt.Errorf("EBML: invalid element id at offset %d", off)
	}
	if int64(n) > end-off {
		return 0, 0, false, errors.New("EBML: an element header runs past its parent")
	}
	if n > 1 {
		if _, err := e.r.ReadAt(b[1:n], off+1); err != nil {
			return 0, 0, false, fmt.Errorf("EBML: cannot read at offset %d: %w", off, err)
		}
	}
	if !keepMarker {
		b[0] &= 0xFF >> n
	}
	allOnes := b[0] == 0xFF>>n
	for i := 0; i < n; i++ {
		v = v<<8 | uint64(b[i])
		if i > 0 && b[i] != 0xFF {
			allOnes = false
		}
	}
	return v, n, !keepMarker && allOnes, nil
}

// elements walks the elements from off to end; parent is the id of the
// element they are in (0 at the top).
func (e *ebml) elements(off, end int64, depth int, parent uint64) error {
	if depth > maxDepth {
		return errors.New("EBML: elements nested too deep")
	}
	for off < end {
		if e.visits++; e.visits > maxVisits {
			return errors.New("EBML: too many elements")
		}
		id, n, _, err := e.vint(off, end, true)
		if err != nil {
			return err
		}
		size, m, unknown, err := e.vint(off+int64(n), end, false)
		if err != nil {
			return err
		}
		body := off + int64(n) + int64(m)
		bodyEnd := end
		if !unknown {
			if size > uint64(end-body) {
				return fmt.Errorf("EBML: the element %X at offset %d has a size (%d) that does not fit the file", id, off, size)
			}
			bodyEnd = body + int64(size)
		} else if id != idSegment && id != idCluster {
			return fmt.Errorf("EBML: the element %X at offset %d has an unknown size", id, off)
		}
		switch {
		case id == idEBML && parent == 0, id == idInfo && parent == idSegment, id == idTracks && parent == idSegment:
			if err := e.elements(body, bodyEnd, depth+1, id); err != nil {
				return err
			}
		case id == idSegment && parent == 0:
			return e.elements(body, bodyEnd, depth+1, id) // one segment is all a file has
		case id == idCluster:
			return nil // the media data: Info and Tracks come before it
		case id == idTrackEntry && parent == idTracks:
			e.trackType, e.trackW, e.trackH = 0, 0, 0
			if err := e.elements(body, bodyEnd, depth+1, id); err != nil {
				return err
			}
			if e.trackType == 1 && e.info.Width == 0 && e.trackW > 0 && e.trackH > 0 && e.trackW < 1<<20 && e.trackH < 1<<20 {
				e.info.Width, e.info.Height = int(e.trackW), int(e.trackH)
			}
		case id == idVideo && parent == idTrackEntry:
			if err := e.elements(body, bodyEnd, depth+1, id); err != nil {
				return err
			}
		case id == idDocType && parent == idEBML:
			s, err := e.bytes(body, bodyEnd, 32)
			if err != nil {
				return err
			}
			e.info.Container = strings.TrimRight(string(s), "\x00") // text, maybe padded with NULs
		case id == idTimecodeScale && parent == idInfo:
			if e.scale, err = e.uint(body, bodyEnd); err != nil {
				return err
			}
			if e.scale == 0 {
				e.scale = 1000000
			}
		case id == idDuration && parent == idInfo:
			if e.dur, err = e.float(body, bodyEnd); err != nil {
				return err
			}
			e.hasDur = !math.IsNaN(e.dur) && !math.IsInf(e.dur, 0)
		case id == idTrackType && parent == idTrackEntry:
			if e.trackType, err = e.uint(body, bodyEnd); err != nil {
				return err
			}
		case id == idPixelWidth && parent == idVideo:
			if e.trackW, err = e.uint(body, bodyEnd); err != nil {
				return err
			}
		case id == idPixelHeight && parent == idVideo:
			if e.trackH, err = e.uint(body, bodyEnd); err != nil {
				return err
			}
		}
		off = bodyEnd
	}
	return nil
}

// bytes reads a short value (at most limit bytes).
func (e *ebml) bytes(off, end int64, limit int) ([]byte, error) {
	if end-off > int64(limit) {
		return nil, fmt.Errorf("EBML: a value at offset %d is longer than %d bytes", off, limit)
	}
	b := make([]byte, end-off)
	if _, err := e.r.ReadAt(b, off); err != nil {
		return nil, fmt.Errorf("EBML: cannot read at offset %d: %w", off, err)
	}
	return b, nil
}

func (e *ebml) uint(off, end int64) (uint64, error) {
	b, err := e.bytes(off, end, 8)
	if err != nil {
		return 0, err
	}
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v, nil
}

func (e *ebml) float(off, end int64) (float64, error) {
	var b [8]byte
	switch end - off {
	case 0:
		return 0, nil
	case 4:
		if _, err := e.r.ReadAt(b[:4], off); err != nil {
			return 0, err
		}
		return float64(math.Float32frombits(binary.BigEndian.Uint32(b[:4]))), nil
	case 8:
		if _, err := e.r.ReadAt(b[:], off); err != nil {
			return 0, err
		}
		return math.Float64frombits(binary.BigEndian.Uint64(b[:])), nil
	}
	return 0, fmt.Errorf("EBML: the duration at offset %d is not a 4- or 8-byte float", off)
}
