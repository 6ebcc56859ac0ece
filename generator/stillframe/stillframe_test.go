package stillframe

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fake writes a shell script standing in for ffmpeg and returns its path.
func fake(t *testing.T, script string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "ffmpeg")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFind(t *testing.T) {
	p := fake(t, "exit 0\n")
	t.Setenv(Env, p)
	if e := Find(); e == nil || e.Path != p {
		t.Errorf("KLARTEXT_FFMPEG=%s: got %+v", p, e)
	}
	t.Setenv(Env, "off")
	if e := Find(); e != nil {
		t.Errorf("off: got %+v", e)
	}
	t.Setenv(Env, filepath.Join(t.TempDir(), "fehlt"))
	if e := Find(); e != nil {
		t.Errorf("a missing program: got %+v", e)
	}
	t.Setenv(Env, "")
	t.Setenv("PATH", t.TempDir())
	if e := Find(); e != nil {
		t.Errorf("no ffmpeg on the PATH: got %+v", e)
	}
}

func TestAt(t *testing.T) {
	for d, want := range map[time.Duration]time.Duration{0: 0, time.Second: 500 * time.Millisecond, time.Minute: 2 * time.Second} {
		if got := At(d); got != want {
			t.Errorf("At(%v) = %v, want %v", d, got, want)
		}
	}
}

// TestFrameArguments: the program gets the time, the file and a request
// for one PNG on its standard output, and its PNG is returned.
func TestFrameArguments(t *testing.T) {
	args := filepath.Join(t.TempDir(), "args")
	e := &Extractor{Path: fake(t, `echo "$@" > `+args+"\nprintf '\\211PNG\\r\\n\\032\\nrest'\n")}
	png, err := e.Frame("/site/film.webm", 1500*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if string(png) != "\x89PNG\r\n\x1a\nrest" {
		t.Errorf("got %q", png)
	}
	got, _ := os.ReadFile(args)
	want := "-nostdin -hide_banner -loglevel error -ss 1.500 -i /site/film.webm -frames:v 1 -f image2pipe -c:v png -\n"
	if string(got) != want {
		t.Errorf("arguments\n got %q\nwant %q", got, want)
	}
}

func TestFrameFailures(t *testing.T) {
	for _, tc := range []struct{ script, has string }{
		{"echo 'film.webm: Invalid data found' >&2\nexit 1\n", "Invalid data found"},
		{"exit 3\n", "exit status 3"},
		{"echo 'GIF89a'\n", "wrote no PNG image"},
		{"head -c 40000000 /dev/zero\n", "wrote more than"},
	} {
		_, err := (&Extractor{Path: fake(t, tc.script)}).Frame("x.mp4", 0)
		if err == nil || !strings.Contains(err.Error(), tc.has) {
			t.Errorf("%q: got %v, want %q", tc.script, err, tc.has)
		}
	}
}

// TestFrameRealFFmpeg takes a frame of a video ffmpeg makes itself, where
// ffmpeg is installed (it is optional: scripts/demo-video needs it, the
// build does not).
func TestFrameRealFFmpeg(t *testing.T) {
	bin, err := exec.LookPath("ffmpeg")
	if err != nil {
		t.Skip("ffmpeg is not installed; the fake-program tests cover the contract")
	}
	film := filepath.Join(t.TempDir(), "test.webm")
	if out, err := exec.Command(bin, "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=64x36:rate=5:duration=1",
		"-c:v", "libvpx-vp9", film).CombinedOutput(); err != nil {
		t.Skipf("this ffmpeg cannot make a test video: %v %s", err, out)
	}
	png, err := (&Extractor{Path: bin}).Frame(film, At(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 100 {
		t.Errorf("a %d-byte PNG", len(png))
	}
}
