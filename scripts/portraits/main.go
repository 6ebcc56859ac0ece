// Command portraits draws the demo site's advisor photos and its branch
// picture: illustrated, deterministic, of nobody real, with what a phone
// leaves in a photo (EXIF with the camera, GPS coordinates and, for one,
// a sideways orientation; XMP), so the demo exercises the image pipeline
// as a bank's editors will.
//
//	go run ./scripts/portraits [content folder]
//	go run ./scripts/portraits -photos 200 -site /dev/shm/site200
//
// It writes the JPEGs into content/advisors/ and content/ueber-uns/; run
// it again and the files are the same bytes. With -photos N it makes a
// site for measuring instead: the demo's content and N portraits of
// 1200×1600 pixels in content/fotos/, ten on each of its pages.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/klartext/klartext/generator/imaging"
	"github.com/klartext/klartext/generator/imaging/imagetest"
)

type rgb struct{ r, g, b float64 }

func hex(v uint32) rgb { return rgb{float64(v >> 16 & 255), float64(v >> 8 & 255), float64(v & 255)} }

func (c rgb) mix(d rgb, t float64) rgb {
	return rgb{c.r + (d.r-c.r)*t, c.g + (d.g-c.g)*t, c.b + (d.b-c.b)*t}
}

func (c rgb) scale(f float64) rgb { return rgb{c.r * f, c.g * f, c.b * f} }

// canvas is a picture in floating point, painted shape by shape.
type canvas struct {
	w, h int
	px   []rgb
}

func newCanvas(w, h int) *canvas { return &canvas{w, h, make([]rgb, w*h)} }

// ellipse paints an ellipse centred at (cx, cy) with radii rx, ry (all in
// fractions of the width), turned by angle, with a soft edge; shade gives
// the colour at a point inside (u, v from -1 to 1).
func (c *canvas) ellipse(cx, cy, rx, ry, angle, soft float64, shade func(u, v float64) rgb) {
	W := float64(c.w)
	cx, cy, rx, ry = cx*W, cy*W, rx*W, ry*W
	r := math.Max(rx, ry) + soft*W + 2
	sin, cos := math.Sincos(angle)
	edge := math.Max(1, soft*W)
	for y := max(0, int(cy-r)); y < min(c.h, int(cy+r)+1); y++ {
		for x := max(0, int(cx-r)); x < min(c.w, int(cx+r)+1); x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			u, v := (dx*cos+dy*sin)/rx, (-dx*sin+dy*cos)/ry
			d := (math.Hypot(u, v) - 1) * math.Min(rx, ry)
			a := math.Max(0, math.Min(1, 0.5-d/edge))
			if a > 0 {
				i := y*c.w + x
				c.px[i] = c.px[i].mix(shade(u, v), a)
			}
		}
	}
}

func flat(col rgb) func(u, v float64) rgb { return func(u, v float64) rgb { return col } }

// rounded shades a colour darker towards the edge, lit from the upper left.
func rounded(col rgb) func(u, v float64) rgb {
	return func(u, v float64) rgb {
		d := math.Min(1, math.Hypot(u, v))
		return col.scale(1.08 - 0.22*d*d - 0.06*(u+v))
	}
}

type person struct {
	file       string
	skin, hair rgb
	jacket     rgb
	shirt      rgb
	back       [2]rgb
	longHair   bool
	bun        bool
	beard      bool
	glasses    bool
	grey       float64 // hair turned grey
}

func portrait(p person, seed uint64) *image.RGBA {
	const w, h = 1200, 1600
	c := newCanvas(w, h)
	rng := rand.New(rand.NewPCG(seed, 7))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c.px[y*w+x] = p.back[0].mix(p.back[1], float64(y)/h)
		}
	}
	// An office behind, out of focus.
	for i := 0; i < 14; i++ {
		col := p.back[0].mix(hex(0xf4efe4), rng.Float64()*0.6)
		c.ellipse(rng.Float64(), rng.Float64()*0.9, 0.05+rng.Float64()*0.12, 0.05+rng.Float64()*0.12, 0, 0.06, flat(col))
	}
	hair := p.hair.mix(hex(0xc9c6c0), p.grey)
	if p.longHair {
		c.ellipse(0.5, 0.56, 0.30, 0.42, 0, 0.01, rounded(hair.scale(0.9)))
	}
	c.ellipse(0.5, 1.28, 0.62, 0.42, 0, 0.004, rounded(p.jacket))              // shoulders
	c.ellipse(0.5, 1.06, 0.13, 0.24, 0, 0.003, rounded(p.shirt))               // shirt
	c.ellipse(0.5, 0.80, 0.095, 0.16, 0, 0.004, rounded(p.skin.scale(0.88)))   // neck
	c.ellipse(0.285, 0.52, 0.035, 0.06, 0, 0.003, rounded(p.skin.scale(0.93))) // ears
	c.ellipse(0.715, 0.52, 0.035, 0.06, 0, 0.003, rounded(p.skin.scale(0.93))) //
	c.ellipse(0.5, 0.5, 0.215, 0.28, 0, 0.003, rounded(p.skin))                // face
	c.ellipse(0.5, 0.335, 0.235, 0.15, 0, 0.004, rounded(hair))                // hair on top
	c.ellipse(0.40, 0.375, 0.15, 0.055, -0.35, 0.004, rounded(hair))           // fringe
	if p.bun {
		c.ellipse(0.5, 0.18, 0.09, 0.07, 0, 0.004, rounded(hair))
	}
	if p.beard {
		c.ellipse(0.5, 0.66, 0.18, 0.13, 0, 0.012, rounded(hair.scale(0.85).mix(p.skin, 0.25)))
	}
	for _, ex := range []float64{0.415, 0.585} {
		c.ellipse(ex, 0.455, 0.055, 0.012, 0, 0.003, flat(hair.scale(0.7)))     // brow
		c.ellipse(ex, 0.5, 0.04, 0.02, 0, 0.002, flat(hex(0xf3f1ec)))           // eye
		c.ellipse(ex, 0.5, 0.016, 0.017, 0, 0.002, flat(hex(0x3b2a20)))         // iris
		c.ellipse(ex+0.005, 0.495, 0.004, 0.004, 0, 0.001, flat(hex(0xffffff))) // light
		if p.glasses {
			c.ellipse(ex, 0.5, 0.068, 0.05, 0, 0.002, func(u, v float64) rgb { return hex(0x2a2a2a) })
			c.ellipse(ex, 0.5, 0.061, 0.043, 0, 0.002, func(u, v float64) rgb { return p.skin.mix(hex(0xf3f1ec), 0.3) })
			c.ellipse(ex, 0.5, 0.04, 0.02, 0, 0.002, flat(hex(0xf3f1ec)))
			c.ellipse(ex, 0.5, 0.016, 0.017, 0, 0.002, flat(hex(0x3b2a20)))
		}
	}
	c.ellipse(0.5, 0.585, 0.03, 0.05, 0, 0.012, flat(p.skin.scale(0.86)))               // nose
	c.ellipse(0.5, 0.66, 0.065, 0.016, 0, 0.004, flat(p.skin.mix(hex(0xa8433f), 0.55))) // mouth

	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)/w-0.5, float64(y)/h-0.45
			vignette := 1 - 0.35*(dx*dx+dy*dy)
			q := c.px[y*w+x].scale(vignette)
			n := rng.NormFloat64() * 2.5 // sensor grain
			img.SetRGBA(x, y, color.RGBA{clamp(q.r + n), clamp(q.g + n), clamp(q.b + n), 255})
		}
	}
	return img
}

// branch is the picture of the Speyer branch for the "about us" page.
func branch() *image.RGBA {
	const w, h = 2400, 1600
	c := newCanvas(w, h)
	rng := rand.New(rand.NewPCG(42, 7))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c.px[y*w+x] = hex(0x9cc3e6).mix(hex(0xe8f0f6), float64(y)/h)
		}
	}
	for i := 0; i < 5; i++ { // clouds
		x, y := rng.Float64(), 0.05+rng.Float64()*0.15
		for k := 0; k < 4; k++ {
			c.ellipse(x+float64(k)*0.03, y+rng.Float64()*0.01, 0.05, 0.025, 0, 0.01, flat(hex(0xffffff)))
		}
	}
	c.ellipse(0.5, 0.95, 0.9, 0.25, 0, 0.002, rounded(hex(0x7d9a5a))) // lawn
	// The building: a wall of rows of windows, a roof, a door.
	wall := hex(0xe9dcc3)
	for y := int(0.28 * w); y < int(0.60*w); y++ {
		for x := int(0.18 * w); x < int(0.82*w); x++ {
			if y < h {
				c.px[y*w+x] = wall.scale(0.96 + 0.04*math.Sin(float64(x)/9))
			}
		}
	}
	c.ellipse(0.5, 0.30, 0.36, 0.09, 0, 0.002, rounded(hex(0x9b3b2e))) // roof
	for row := 0; row < 3; row++ {
		for col := 0; col < 7; col++ {
			x, y := 0.24+float64(col)*0.087, 0.36+float64(row)*0.075
			if row == 2 && col == 3 {
				c.ellipse(x, y+0.03, 0.03, 0.06, 0, 0.001, rounded(hex(0x5a3b28))) // door
				continue
			}
			c.ellipse(x, y, 0.022, 0.028, 0, 0.001, rounded(hex(0x4f6f8f)))
		}
	}
	for i := 0; i < 9; i++ { // trees
		x := 0.05 + float64(i)*0.11 + rng.Float64()*0.03
		if x > 0.15 && x < 0.85 && i%3 != 0 {
			continue
		}
		c.ellipse(x, 0.55, 0.006, 0.05, 0, 0.001, flat(hex(0x5b4030)))
		c.ellipse(x, 0.47, 0.05, 0.07, 0, 0.004, rounded(hex(0x3f7a3a).mix(hex(0x6a9a4a), rng.Float64())))
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i, q := range c.px {
		n := rng.NormFloat64() * 2
		img.Pix[4*i], img.Pix[4*i+1], img.Pix[4*i+2], img.Pix[4*i+3] = clamp(q.r+n), clamp(q.g+n), clamp(q.b+n), 255
	}
	return img
}

func clamp(v float64) uint8 { return uint8(math.Max(0, math.Min(255, math.Round(v)))) }

func main() {
	photos := flag.Int("photos", 0, "make a site with this many photos for measuring (with -site)")
	site := flag.String("site", "", "the folder of the site that -photos makes")
	flag.Parse()
	if *photos > 0 {
		benchSite(*site, *photos)
		return
	}
	dir := "content"
	if flag.NArg() > 0 {
		dir = flag.Arg(0)
	}
	people := []person{
		{file: "advisors/lea-hoffmann.jpg", skin: hex(0xe6b89c), hair: hex(0x2b1d16), jacket: hex(0x2f6b4f), shirt: hex(0xf2f0ea),
			back: [2]rgb{hex(0xb9c4c9), hex(0x7d8b91)}, longHair: true},
		{file: "advisors/jonas-weber.jpg", skin: hex(0xf0c8a8), hair: hex(0x8a5a32), jacket: hex(0x3a4a6b), shirt: hex(0xdfe7ef),
			back: [2]rgb{hex(0xd8d2c4), hex(0x9a9484)}},
		{file: "advisors/katharina-brandt.jpg", skin: hex(0xeec3a6), hair: hex(0x6b5a4a), jacket: hex(0x7a2f3f), shirt: hex(0xf5efe6),
			back: [2]rgb{hex(0xc9d3c0), hex(0x86907c)}, bun: true, glasses: true, grey: 0.65},
		{file: "advisors/murat-yilmaz.jpg", skin: hex(0xc98e6a), hair: hex(0x1d1714), jacket: hex(0x33373d), shirt: hex(0xe9eef2),
			back: [2]rgb{hex(0xc4ccd6), hex(0x7f8894)}, beard: true},
	}
	for i, p := range people {
		img := portrait(p, uint64(i+1))
		opts := imagetest.JPEGOptions{Orientation: 1, GPS: true}
		if p.file == "advisors/jonas-weber.jpg" {
			// Held sideways: the pixels lie on their side and EXIF says
			// to turn them, as phones save it.
			img = imaging.Orient(img, 8)
			opts.Orientation = 6
		}
		write(filepath.Join(dir, p.file), imagetest.JPEG(img, opts))
	}
	write(filepath.Join(dir, "ueber-uns/filiale-speyer.jpg"), imagetest.JPEG(branch(), imagetest.JPEGOptions{Orientation: 1, GPS: true}))
}

// benchSite copies the demo's content to dir and adds n photos of people
// who differ in skin, hair, clothes and background, ten to a page.
func benchSite(dir string, n int) {
	if dir == "" {
		panic("-photos needs -site")
	}
	if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
		panic(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("content")); err != nil {
		panic(err)
	}
	skins := []uint32{0xf0c8a8, 0xe6b89c, 0xc98e6a, 0x9a6a4a, 0x6b4630}
	hairs := []uint32{0x2b1d16, 0x8a5a32, 0x1d1714, 0xb08a50, 0x6b5a4a}
	jackets := []uint32{0x2f6b4f, 0x3a4a6b, 0x7a2f3f, 0x33373d, 0x8a6a2f}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := person{skin: hex(skins[i%5]), hair: hex(hairs[i/5%5]), jacket: hex(jackets[i/25%5]), shirt: hex(0xf2f0ea),
					back:     [2]rgb{hex(0xb9c4c9).mix(hex(0xd8d2c4), float64(i%7)/6), hex(0x7d8b91)},
					longHair: i%2 == 0, beard: i%3 == 0 && i%2 == 1, glasses: i%4 == 1, grey: float64(i%5) / 8}
				data := imagetest.JPEG(portrait(p, uint64(100+i)), imagetest.JPEGOptions{Orientation: 1, GPS: true})
				write(filepath.Join(dir, "content", "fotos", fmt.Sprintf("%03d.jpg", i)), data)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	for page := 0; page*10 < n; page++ {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: \"Fotos %d\"\n---\n", page+1)
		for i := page * 10; i < min(n, page*10+10); i++ {
			fmt.Fprintf(&b, "![Porträt Nummer %d](%03d.jpg)\n\n", i, i)
		}
		if err := os.WriteFile(filepath.Join(dir, "content", "fotos", fmt.Sprintf("seite-%02d.md", page+1)), []byte(b.String()), 0o644); err != nil {
			panic(err)
		}
	}
}

func write(p string, data []byte) {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		panic(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		panic(err)
	}
	fmt.Printf("%s: %d KB\n", p, len(data)>>10)
}
