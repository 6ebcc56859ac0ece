// Package stillframe takes one frame of a video as a PNG image, for the
// poster of a video whose block names none, with ffmpeg when the machine
// has it. ffmpeg is optional: the build works without it (and then draws
// a placeholder), and klartext never downloads it.
//
// The program is the one named by the environment variable KLARTEXT_FFMPEG
// (a path), else "ffmpeg" on the PATH; KLARTEXT_FFMPEG=off turns the
// extraction off. It runs with no standard input, a time limit and a
// bound on its output.
package stillframe

import (
	"bytes"
	"context"
	"errors"
	"github.com/klartext/klartext/generator/diag"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Env is the environment variable that names the program or turns it off.
const Env = "KLARTEXT_FFMPEG"

// Timeout bounds one extraction; MaxBytes its output.
const (
	Timeout  = 30 * time.Second
	MaxBytes = 32 << 20
)

// Extractor runs ffmpeg.
type Extractor struct {
	Path string
}

// Find returns the extractor the environment names, or nil when there is
// none (not installed, or KLARTEXT_FFMPEG=off).
func Find() *Extractor {
	name := os.Getenv(Env)
	switch strings.ToLower(name) {
	case "off", "none", "0", "false":
		return nil
	case "":
		name = "ffmpeg"
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return nil
	}
	return &Extractor{Path: p}
}

// At is where a poster frame is taken: two seconds in, or the middle of a
// shorter video (0 when its length is unknown).
func At(duration time.Duration) time.Duration {
	if duration <= 0 {
		return 0
	}
	return min(2*time.Second, duration/2)
}

// Frame returns the frame of the video file at the time, as PNG.
func (e *Extractor) Frame(file string, at time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, e.Path, "-nostdin", "-hide_banner", "-loglevel", "error",
		"-ss", strconv.FormatFloat(at.Seconds(), 'f', 3, 64), "-i", file,
		"-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "-")
	var out, stderr limited
	out.max, stderr.max = MaxBytes, 4096
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err := cmd.Run()
	switch {
	case ctx.Err() != nil:
		return nil, diag.Err("%s took longer than %v", e.Path, Timeout)
	case out.over:
		return nil, diag.Err("%s wrote more than %d bytes", e.Path, MaxBytes)
	case err != nil:
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, diag.Err("%s: %s", e.Path, msg)
	}
	png := out.Bytes()
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		return nil, diag.Err("%s wrote no PNG image", e.Path)
	}
	return png, nil
}

// limited is a buffer that stops taking bytes past max. It does not embed
// bytes.Buffer: io.Copy would use the buffer's ReadFrom and pass by Write.
type limited struct {
	buf  bytes.Buffer
	max  int
	over bool
}

func (l *limited) Write(p []byte) (int, error) {
	if l.buf.Len()+len(p) > l.max {
		l.over = true
		return 0, errors.New("output too large")
	}
	return l.buf.Write(p)
}

func (l *limited) Bytes() []byte  { return l.buf.Bytes() }
func (l *limited) String() string { return l.buf.String() }
