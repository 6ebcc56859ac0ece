package media

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/sitetest"
	"github.com/klartext/klartext/generator/webvtt"
)

// TestVideo: a video file is read once and must be of the format its
// name says; what it is not is an error (a warning for Matroska named
// .webm) at the file, with what to do.
func TestVideo(t *testing.T) {
	mp4, err := os.ReadFile(filepath.Join("..", "..", "content", "videos", "kosten-verstehen.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	webm, err := os.ReadFile(filepath.Join("..", "..", "content", "videos", "kosten-verstehen.webm"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	files := map[string][]byte{
		"film.mp4": mp4, "film.webm": webm, "webm.mp4": webm, "mp4.webm": mp4,
		"text.mp4": []byte("kein Video\n"), "cut.mp4": mp4[:len(mp4)/2],
	}
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(root, "content", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := Load(sitetest.ContentFiles(t, root), root, nil, nil, false)
	for _, c := range []struct {
		file    string
		ok      bool
		problem string // the start of its one problem, an error; "" for none
		hint    string
	}{
		{"film.mp4", true, "", ""},
		{"film.webm", true, "", ""},
		{"webm.mp4", false, "the file is a WebM file, not what its name says", "rename it to end in .webm"},
		{"mp4.webm", false, "the file is an MP4 file, not what its name says", "rename it to end in .mp4"},
		{"text.mp4", false, "the file is not a video", "export the video as MP4 (H.264) or WebM"},
		{"cut.mp4", false, "the video file is broken", "export the video again; a file cut off while copying ends like this"},
		{"missing.mp4", false, "cannot read the video", ""},
	} {
		v := s.Video("content/" + c.file)
		if v.OK != c.ok {
			t.Errorf("%s: OK = %v, want %v", c.file, v.OK, c.ok)
		}
		switch {
		case c.problem == "" && len(v.Problems) > 0:
			t.Errorf("%s: %v", c.file, v.Problems)
		case c.problem != "" && (len(v.Problems) != 1 || v.Problems[0].File != "content/"+c.file || v.Problems[0].Severity != diag.Error ||
			!strings.HasPrefix(v.Problems[0].Message, c.problem) || v.Problems[0].Hint != c.hint):
			t.Errorf("%s: %v, want an error %q — %q", c.file, v.Problems, c.problem, c.hint)
		}
		if c.ok && (v.Size != int64(len(files[c.file])) || v.Info.Duration <= 0) {
			t.Errorf("%s: size %d, duration %v", c.file, v.Size, v.Info.Duration)
		}
	}
}

func TestDiagnostics(t *testing.T) {
	for _, c := range []struct {
		name string
		errs webvtt.Errors
		want []diag.JSON
	}{
		{"none", nil, nil},
		{"with and without hint", webvtt.Errors{
			{Line: 3, Message: diag.T("the cue's end is before its start"), Hint: diag.T("swap the times")},
			{Line: 7, Message: diag.T("a cue without text")},
		}, []diag.JSON{
			{Severity: "error", File: "content/v.vtt", Line: 3, Message: "the cue's end is before its start", Hint: "swap the times"},
			{Severity: "error", File: "content/v.vtt", Line: 7, Message: "a cue without text"},
		}},
	} {
		var got []diag.JSON
		for _, d := range Diagnostics("content/v.vtt", c.errs) {
			got = append(got, d.JSON())
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %#v, want %#v", c.name, got, c.want)
		}
	}
}
