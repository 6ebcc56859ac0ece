// Command demo-video makes the demo site's short video, the project's own:
// fifteen seconds of drawn frames (a risk scale, cost bars, scenario
// bars), a German narration spoken by espeak-ng, encoded by ffmpeg as
// MP4 (H.264, AAC) and WebM (VP9, Opus), with German and English captions,
// a chapters file and a poster — everything the ```video block of
// content/videos/kosten-verstehen.md names. Nothing is downloaded.
//
//	go run ./scripts/demo-video            # writes into content/videos/
//	go run ./scripts/demo-video -out DIR
//
// It needs ffmpeg and espeak-ng (Debian: apt-get install ffmpeg
// espeak-ng); the build and the tests do not. The files are committed, so
// this runs only when the video should change; a run with other versions
// of the tools gives slightly different bytes.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

const (
	width, height = 320, 180
	fps           = 12
	seconds       = 15.5 // the last cue ends at 15 s
	name          = "kosten-verstehen"
)

// cue is one caption, in both languages; the German one is spoken.
type cue struct {
	start, end float64
	de, en     string
}

var cues = []cue{
	{0, 2.5, "Die Risikoklasse reicht von eins bis sieben.", "The risk class goes from one to seven."},
	{2.5, 5, "Je höher, desto stärker schwankt der Wert.", "The higher it is, the more the value moves."},
	{5, 7.5, "Kosten fallen einmalig und jährlich an.", "Costs are charged once and every year."},
	{7.5, 10, "Über die Jahre addieren sie sich.", "Over the years they add up."},
	{10, 12.5, "Die Szenarien zeigen, was werden könnte.", "The scenarios show what could happen."},
	{12.5, 15, "Sie sind keine Prognose.", "They are not a forecast."},
}

var chapters = []struct {
	start float64
	title string
}{{0, "Die Risikoklasse"}, {5, "Die Kosten"}, {10, "Die Szenarien"}}

func main() {
	out := flag.String("out", filepath.Join("content", "videos"), "folder for the files")
	flag.Parse()
	if err := run(*out); err != nil {
		log.Fatal(err)
	}
}

func run(out string) error {
	for _, tool := range []string{"ffmpeg", "espeak-ng"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s is missing: apt-get install ffmpeg espeak-ng", tool)
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "demo-video-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// The frames, once, for both encodings.
	raw := filepath.Join(tmp, "frames.rgb")
	var frames bytes.Buffer
	n := int(seconds * fps)
	for i := 0; i < n; i++ {
		frames.Write(rgb(frame(float64(i) / fps)))
	}
	if err := os.WriteFile(raw, frames.Bytes(), 0o644); err != nil {
		return err
	}
	var poster bytes.Buffer
	if err := jpeg.Encode(&poster, frame(8.5), &jpeg.Options{Quality: 85}); err != nil {
		return err
	}

	// The narration: each cue spoken into its slot, faster where it would
	// not fit.
	args := []string{"-nostdin", "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24",
		"-s", fmt.Sprintf("%dx%d", width, height), "-r", strconv.Itoa(fps), "-i", raw}
	var filter strings.Builder
	for i, c := range cues {
		wav := filepath.Join(tmp, fmt.Sprintf("cue%d.wav", i))
		if err := speak(c.de, wav, c.end-c.start-0.15); err != nil {
			return err
		}
		args = append(args, "-i", wav)
		ms := int(c.start * 1000)
		fmt.Fprintf(&filter, "[%d:a]aresample=48000,adelay=%d|%d[a%d];", i+1, ms, ms, i)
	}
	for i := range cues {
		fmt.Fprintf(&filter, "[a%d]", i)
	}
	fmt.Fprintf(&filter, "amix=inputs=%d:normalize=0,apad,atrim=0:%g[a]", len(cues), seconds)
	args = append(args, "-filter_complex", filter.String(), "-map", "0:v", "-map", "[a]", "-t", fmt.Sprint(seconds),
		"-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact")

	mp4 := append(append([]string(nil), args...), "-c:v", "libx264", "-profile:v", "baseline", "-level", "3.0", "-pix_fmt", "yuv420p",
		"-preset", "veryslow", "-crf", "30", "-c:a", "aac", "-b:a", "32k", "-ac", "1", "-movflags", "+faststart", filepath.Join(out, name+".mp4"))
	webm := append(append([]string(nil), args...), "-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p", "-crf", "42", "-b:v", "0",
		"-row-mt", "1", "-c:a", "libopus", "-b:a", "24k", "-ac", "1", filepath.Join(out, name+".webm"))
	for _, a := range [][]string{webm, mp4} {
		if msg, err := exec.Command("ffmpeg", a...).CombinedOutput(); err != nil {
			return fmt.Errorf("ffmpeg: %v\n%s", err, msg)
		}
	}

	files := map[string][]byte{
		name + ".jpg":         poster.Bytes(),
		name + ".de.vtt":      captions(func(c cue) string { return c.de }),
		name + ".en.vtt":      captions(func(c cue) string { return c.en }),
		name + ".kapitel.vtt": chapterFile(),
	}
	for f, data := range files {
		if err := os.WriteFile(filepath.Join(out, f), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// speak writes text as German speech into wav, no longer than limit
// seconds.
func speak(text, wav string, limit float64) error {
	for speed := 160; speed <= 320; speed += 20 {
		if msg, err := exec.Command("espeak-ng", "-v", "de", "-s", strconv.Itoa(speed), "-w", wav, text).CombinedOutput(); err != nil {
			return fmt.Errorf("espeak-ng: %v\n%s", err, msg)
		}
		d, err := wavSeconds(wav)
		if err != nil {
			return err
		}
		if d <= limit {
			return nil
		}
	}
	return fmt.Errorf("%q does not fit into %.2f s", text, limit)
}

// wavSeconds reads a WAV file's length from its header.
func wavSeconds(file string) (float64, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return 0, err
	}
	if len(b) < 44 || string(b[:4]) != "RIFF" {
		return 0, fmt.Errorf("%s is not a WAV file", file)
	}
	byteRate := binary.LittleEndian.Uint32(b[28:32])
	for off := 12; off+8 <= len(b); {
		size := int(binary.LittleEndian.Uint32(b[off+4 : off+8]))
		if string(b[off:off+4]) == "data" {
			if size > len(b)-off-8 || size == 0x7fffffff || size < 0 {
				size = len(b) - off - 8 // streamed: the size is not filled in
			}
			return float64(size) / float64(byteRate), nil
		}
		off += 8 + size
	}
	return 0, fmt.Errorf("%s has no data chunk", file)
}

func stamp(s float64) string {
	ms := int(s*1000 + 0.5)
	return fmt.Sprintf("%02d:%02d.%03d", ms/60000, ms/1000%60, ms%1000)
}

func captions(text func(cue) string) []byte {
	var b strings.Builder
	b.WriteString("WEBVTT\n\nNOTE Made by scripts/demo-video; edit the cues there.\n")
	for _, c := range cues {
		fmt.Fprintf(&b, "\n%s --> %s\n<v Sprecher>%s\n", stamp(c.start), stamp(c.end), text(c))
	}
	return []byte(b.String())
}

func chapterFile() []byte {
	var b strings.Builder
	b.WriteString("WEBVTT\n\nNOTE Made by scripts/demo-video.\n")
	for i, c := range chapters {
		end := seconds
		if i+1 < len(chapters) {
			end = chapters[i+1].start
		}
		fmt.Fprintf(&b, "\n%s --> %s\n%s\n", stamp(c.start), stamp(end), c.title)
	}
	return []byte(b.String())
}

// --- drawing ---

var (
	paper   = color.RGBA{0xf3, 0xf5, 0xf7, 0xff}
	accent  = color.RGBA{0x0b, 0x5c, 0x8a, 0xff}
	ink     = color.RGBA{0x1a, 0x1f, 0x24, 0xff}
	light   = color.RGBA{0xc9, 0xd0, 0xd6, 0xff}
	orange  = color.RGBA{0xc2, 0x4e, 0x00, 0xff}
	red     = color.RGBA{0x9b, 0x2c, 0x2c, 0xff}
	green   = color.RGBA{0x1d, 0x6b, 0x3a, 0xff}
	skyblue = color.RGBA{0x5b, 0x9b, 0xc4, 0xff}
)

func fill(img *image.RGBA, x0, y0, x1, y1 int, c color.RGBA) {
	for y := max(y0, 0); y < min(y1, height); y++ {
		for x := max(x0, 0); x < min(x1, width); x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

func disc(img *image.RGBA, cx, cy, r int, c color.RGBA) {
	for y := -r; y <= r; y++ {
		for x := -r; x <= r; x++ {
			if x*x+y*y <= r*r {
				img.SetRGBA(cx+x, cy+y, c)
			}
		}
	}
}

// ease goes from 0 to 1 over [a, b].
func ease(t, a, b float64) float64 {
	switch {
	case t <= a:
		return 0
	case t >= b:
		return 1
	}
	x := (t - a) / (b - a)
	return x * x * (3 - 2*x)
}

// frame draws the picture at t seconds.
func frame(t float64) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	fill(img, 0, 0, width, height, paper)
	fill(img, 0, 0, width, 24, accent)
	chapter := 0
	for i, c := range chapters {
		if t >= c.start {
			chapter = i
		}
	}
	for i := range chapters {
		c := light
		if i == chapter {
			c = paper
		}
		disc(img, width/2-24+24*i, 12, 6, c)
	}
	switch chapter {
	case 0: // the risk scale 1–7, the marker walking up to 4
		mark := 1 + int(ease(t, 0.5, 4)*3+0.5)
		for k := 1; k <= 7; k++ {
			x := 20 + (k-1)*42
			c := light
			if k <= mark {
				c = skyblue
			}
			if k == mark {
				c = orange
			}
			h := 20 + k*12
			fill(img, x, 150-h, x+34, 150, c)
		}
		fill(img, 16, 150, 304, 153, ink)
	case 1: // costs over five years: one-off (dark) plus yearly (light), growing
		for y := 0; y < 5; y++ {
			grow := ease(t, 5.3+float64(y)*0.8, 6.1+float64(y)*0.8)
			x := 30 + y*55
			once := int(30 * grow)
			yearly := int(float64(12*(y+1)) * grow)
			fill(img, x, 150-once, x+40, 150, accent)
			fill(img, x, 150-once-yearly, x+40, 150-once, skyblue)
		}
		fill(img, 20, 150, 300, 153, ink)
	default: // four scenarios around a base line
		base := 100
		vals := []float64{-45, -10, 25, 60}
		cols := []color.RGBA{red, orange, skyblue, green}
		for k, v := range vals {
			g := ease(t, 10.3+float64(k)*0.5, 11.3+float64(k)*0.5)
			h := int(v * g)
			x := 40 + k*65
			if h >= 0 {
				fill(img, x, base-h, x+45, base, cols[k])
			} else {
				fill(img, x, base, x+45, base-h, cols[k])
			}
		}
		fill(img, 20, base, 300, base+2, ink)
	}
	// A progress line at the bottom.
	fill(img, 0, height-4, int(float64(width)*t/seconds), height, accent)
	return img
}

func rgb(img *image.RGBA) []byte {
	out := make([]byte, 0, width*height*3)
	for i := 0; i < len(img.Pix); i += 4 {
		out = append(out, img.Pix[i], img.Pix[i+1], img.Pix[i+2])
	}
	return out
}
