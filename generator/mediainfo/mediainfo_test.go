package mediainfo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// --- MP4 builders ---

func box(typ string, parts ...[]byte) []byte {
	body := bytes.Join(parts, nil)
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	return append(append(b, typ...), body...)
}

func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func mvhd0(timescale, duration uint32) []byte {
	return box("mvhd", []byte{0, 0, 0, 0}, u32(1), u32(2), u32(timescale), u32(duration), make([]byte, 80))
}

func mvhd1(timescale uint32, duration uint64) []byte {
	return box("mvhd", []byte{1, 0, 0, 0}, u64(1), u64(2), u32(timescale), u64(duration), make([]byte, 80))
}

func tkhd(version byte, w, h uint32) []byte {
	fields := make([]byte, 20)
	if version == 1 {
		fields = make([]byte, 32)
	}
	return box("tkhd", []byte{version, 0, 0, 3}, fields, make([]byte, 8+2+2+2+2+36), u32(w<<16), u32(h<<16))
}

func trak(handler string, th []byte) []byte {
	return box("trak", th, box("mdia", box("mdhd", make([]byte, 24)), box("hdlr", make([]byte, 4), make([]byte, 4), []byte(handler), make([]byte, 13))))
}

var ftyp = box("ftyp", []byte("isom"), u32(512), []byte("isomiso2avc1mp41"))

func TestProbeMP4(t *testing.T) {
	audio := trak("soun", tkhd(0, 0, 0))
	video := trak("vide", tkhd(0, 1280, 720))
	for _, tc := range []struct {
		name string
		file []byte
		want Info
	}{
		{"moov after mdat", bytes.Join([][]byte{ftyp, box("mdat", make([]byte, 1000)), box("moov", mvhd0(1000, 9500), audio, video)}, nil),
			Info{"mp4", 9500 * time.Millisecond, 1280, 720}},
		{"version 1 headers", bytes.Join([][]byte{ftyp, box("moov", mvhd1(90000, 90000*3), trak("vide", tkhd(1, 320, 180)))}, nil),
			Info{"mp4", 3 * time.Second, 320, 180}},
		{"fragmented: mehd", bytes.Join([][]byte{ftyp, box("moov", mvhd0(1000, 0), box("mvex", box("mehd", []byte{0, 0, 0, 0}, u32(4200))), video)}, nil),
			Info{"mp4", 4200 * time.Millisecond, 1280, 720}},
		{"unknown duration", bytes.Join([][]byte{ftyp, box("moov", mvhd0(1000, math.MaxUint32))}, nil), Info{"mp4", 0, 0, 0}},
		{"no moov", ftyp, Info{"mp4", 0, 0, 0}},
		{"a 64-bit box size", bytes.Join([][]byte{ftyp, append(append(u32(1), "free"...), u64(16)...), box("moov", mvhd0(600, 600))}, nil),
			Info{"mp4", time.Second, 0, 0}},
		{"last box to the end (size 0)", bytes.Join([][]byte{ftyp, box("moov", mvhd0(10, 25)), append(u32(0), "mdat"...), make([]byte, 50)}, nil),
			Info{"mp4", 2500 * time.Millisecond, 0, 0}},
	} {
		got, err := Probe(bytes.NewReader(tc.file), int64(len(tc.file)))
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
}

func TestProbeMP4Broken(t *testing.T) {
	moov := box("moov", mvhd0(1000, 1000))
	for _, tc := range []struct {
		name string
		file []byte
		has  string
	}{
		{"box larger than the file", append(ftyp, append(u32(1000), "moov"...)...), "does not fit the file"},
		{"box smaller than its header", append(ftyp, append(u32(4), "moov"...)...), "does not fit the file"},
		{"truncated mvhd", append(ftyp, box("moov", box("mvhd", []byte{0, 0, 0, 0}, u32(1)))...), "mvhd box is too short"},
		{"truncated", append(ftyp, moov[:len(moov)-4]...), "does not fit the file"},
		{"stray bytes", append(ftyp, 1, 2, 3), "stray bytes"},
	} {
		_, err := Probe(bytes.NewReader(tc.file), int64(len(tc.file)))
		if err == nil || !strings.Contains(err.Error(), tc.has) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.has)
		}
	}
}

// --- EBML builders ---

func vintSize(n int) []byte {
	// 8-byte sizes always: simple and valid.
	return append([]byte{0x01}, binary.BigEndian.AppendUint64(nil, uint64(n))[1:]...)
}

func el(id uint32, parts ...[]byte) []byte {
	body := bytes.Join(parts, nil)
	var idb []byte
	switch {
	case id > 0xFFFFFF:
		idb = u32(id)
	case id > 0xFFFF:
		idb = u32(id)[1:]
	case id > 0xFF:
		idb = u32(id)[2:]
	default:
		idb = []byte{byte(id)}
	}
	return append(append(idb, vintSize(len(body))...), body...)
}

func uintEl(id uint32, v uint64) []byte {
	b := binary.BigEndian.AppendUint64(nil, v)
	for len(b) > 1 && b[0] == 0 {
		b = b[1:]
	}
	return el(id, b)
}

func header(doctype string) []byte {
	return el(idEBML, uintEl(0x4286, 1), el(idDocType, []byte(doctype)))
}

func TestProbeWebM(t *testing.T) {
	info := el(idInfo, uintEl(idTimecodeScale, 1000000), el(idDuration, u64(math.Float64bits(9480))))
	tracks := el(idTracks,
		el(idTrackEntry, uintEl(idTrackType, 2)),
		el(idTrackEntry, uintEl(idTrackType, 1), el(idVideo, uintEl(idPixelWidth, 640), uintEl(idPixelHeight, 360))))
	cluster := el(idCluster, make([]byte, 100))
	unknownSegment := append(append(u32(idSegment), 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), append(info, cluster...)...)
	for _, tc := range []struct {
		name string
		file []byte
		want Info
	}{
		{"webm", append(header("webm"), el(idSegment, el(0x114D9B74, make([]byte, 20)), info, tracks, cluster)...),
			Info{"webm", 9480 * time.Millisecond, 640, 360}},
		{"float32 duration, other scale", append(header("matroska"), el(idSegment, el(idInfo, uintEl(idTimecodeScale, 100000), el(idDuration, u32(math.Float32bits(25)))))...),
			Info{"matroska", 2500 * time.Microsecond, 0, 0}},
		{"a scale of 256 (a trailing zero byte)", append(header("webm"), el(idSegment, el(idInfo, uintEl(idTimecodeScale, 256), el(idDuration, u64(math.Float64bits(1e6)))))...),
			Info{"webm", 256 * time.Millisecond, 0, 0}},
		{"segment of unknown size (live)", append(header("webm"), unknownSegment...), Info{"webm", 9480 * time.Millisecond, 0, 0}},
		{"no duration", append(header("webm"), el(idSegment, el(idInfo, uintEl(idTimecodeScale, 1000000)))...), Info{"webm", 0, 0, 0}},
		{"doctype padded", append(header("webm\x00\x00"), el(idSegment)...), Info{"webm", 0, 0, 0}},
	} {
		got, err := Probe(bytes.NewReader(tc.file), int64(len(tc.file)))
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
}

func TestProbeWebMBroken(t *testing.T) {
	for _, tc := range []struct {
		name string
		file []byte
		has  string
	}{
		{"not webm", append(header("mkv-ish"), el(idSegment)...), `"mkv-ish" is not WebM`},
		{"no doctype", el(idEBML, uintEl(0x4286, 1)), "names no document type"},
		{"element past its parent", append(header("webm"), append(u32(idSegment), 0x81, 0x1F)...), "runs past its parent"},
		{"size past the file", append(header("webm"), append(u32(idSegment), 0x88)...), "does not fit the file"},
		{"duration of 3 bytes", append(header("webm"), el(idSegment, el(idInfo, el(idDuration, []byte{1, 2, 3})))...), "4- or 8-byte float"},
		{"huge doctype", el(idEBML, el(idDocType, make([]byte, 100))), "longer than 32 bytes"},
		{"zero byte id", append(header("webm"), 0, 0), "invalid number"},
	} {
		_, err := Probe(bytes.NewReader(tc.file), int64(len(tc.file)))
		if err == nil || !strings.Contains(err.Error(), tc.has) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.has)
		}
	}
}

func TestProbeUnknown(t *testing.T) {
	for _, f := range [][]byte{nil, []byte("GIF89a"), []byte("WEBVTT\n\n"), []byte("\x00\x00\x00\x18moov")} {
		if _, err := Probe(bytes.NewReader(f), int64(len(f))); !errors.Is(err, ErrUnknown) {
			t.Errorf("%q: %v", f, err)
		}
	}
}

// TestProbeBounded: a file of a million empty boxes stops at maxVisits
// instead of walking them all.
func TestProbeBounded(t *testing.T) {
	free := box("free")
	f := append(append([]byte(nil), ftyp...), bytes.Repeat(free, maxVisits+10)...)
	if _, err := Probe(bytes.NewReader(f), int64(len(f))); err == nil || !strings.Contains(err.Error(), "too many boxes") {
		t.Errorf("got %v", err)
	}
	deep := box("free")
	for i := 0; i < 20; i++ {
		deep = box("moov", deep)
	}
	f = append(append([]byte(nil), ftyp...), deep...)
	if _, err := Probe(bytes.NewReader(f), int64(len(f))); err != nil {
		t.Errorf("nested moov boxes are skipped below the top: %v", err)
	}
}

// FuzzProbe: any bytes probe without panic and with sane figures.
func FuzzProbe(f *testing.F) {
	f.Add(bytes.Join([][]byte{ftyp, box("moov", mvhd0(1000, 9500), trak("vide", tkhd(0, 1280, 720)))}, nil))
	f.Add(append(header("webm"), el(idSegment, el(idInfo, uintEl(idTimecodeScale, 1000000), el(idDuration, u64(math.Float64bits(9480)))))...))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Probe(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		if info.Duration < 0 || info.Width < 0 || info.Height < 0 {
			t.Fatalf("%+v", info)
		}
	})
}

// TestProbeDemoVideos reads the demo's video, as ffmpeg wrote it
// (scripts/demo-video): ffprobe gives 15.5 s and 15.508 s, 320×180.
func TestProbeDemoVideos(t *testing.T) {
	for file, want := range map[string]Info{
		"kosten-verstehen.mp4":  {"mp4", 15500 * time.Millisecond, 320, 180},
		"kosten-verstehen.webm": {"webm", 15508 * time.Millisecond, 320, 180},
	} {
		f, err := os.Open(filepath.Join("..", "..", "content", "videos", file))
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := f.Stat()
		got, err := Probe(f, fi.Size())
		f.Close()
		if err != nil || got != want {
			t.Errorf("%s: got %+v, %v; want %+v", file, got, err, want)
		}
	}
}
