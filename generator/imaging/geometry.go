package imaging

import (
	"fmt"
	"image"
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
)

// Orient turns and flips a picture as its EXIF orientation (1–8) says,
// so that it shows upright without the tag.
func Orient(src *image.RGBA, orientation int) *image.RGBA {
	if orientation < 2 || orientation > 8 {
		return src
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dw, dh := w, h
	if orientation >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < dh; y++ {
		for x := 0; x < dw; x++ {
			var sx, sy int
			switch orientation {
			case 2: // mirrored
				sx, sy = w-1-x, y
			case 3: // turned 180°
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored upside down
				sx, sy = x, h-1-y
			case 5: // mirrored along the main diagonal
				sx, sy = y, x
			case 6: // to be turned 90° clockwise
				sx, sy = y, h-1-x
			case 7: // mirrored along the other diagonal
				sx, sy = w-1-y, h-1-x
			case 8: // to be turned 90° counter-clockwise
				sx, sy = w-1-y, x
			}
			copy(dst.Pix[dst.PixOffset(x, y):][:4], src.Pix[src.PixOffset(sx, sy):][:4])
		}
	}
	return dst
}

// Focus is a focal point as fractions of the width and height (0.5, 0.5
// is the centre): the part of a picture a crop keeps in view.
type Focus struct{ X, Y float64 }

// Centre is the default focus.
var Centre = Focus{0.5, 0.5}

// CropRect is the largest rectangle of the aspect aw:ah inside a w×h
// picture, placed as close to centring the focus as the edges allow.
func CropRect(w, h, aw, ah int, f Focus) image.Rectangle {
	cw, ch := w, h
	if w*ah > h*aw { // wider than wanted
		cw = max(1, int(math.Round(float64(h)*float64(aw)/float64(ah))))
	} else {
		ch = max(1, int(math.Round(float64(w)*float64(ah)/float64(aw))))
	}
	x := clampInt(int(math.Round(f.X*float64(w)-float64(cw)/2)), 0, w-cw)
	y := clampInt(int(math.Round(f.Y*float64(h)-float64(ch)/2)), 0, h-ch)
	return image.Rect(x, y, x+cw, y+ch)
}

func clampInt(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// Resize scales the part r of src to w×h pixels. A large reduction is
// first averaged down by a whole factor to at least twice the target (a
// box filter: fast, and free of the aliasing that skipping pixels gives),
// then Catmull-Rom does the rest; see BenchmarkResize for why.
func Resize(src *image.RGBA, r image.Rectangle, w, h int) *image.RGBA {
	sub := src.SubImage(r).(*image.RGBA)
	if k := min(r.Dx()/(2*w), r.Dy()/(2*h)); k >= 2 {
		sub = boxShrink(sub, k)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if sub.Rect.Dx() == w && sub.Rect.Dy() == h {
		draw.Copy(dst, image.Point{}, sub, sub.Rect, draw.Src, nil)
		return dst
	}
	draw.CatmullRom.Scale(dst, dst.Rect, sub, sub.Rect, draw.Src, nil)
	return dst
}

// boxShrink averages each k×k block of src into one pixel; the last
// columns and rows that do not fill a block are left out (fewer than k
// pixels of a picture at least 2k times larger than the target).
func boxShrink(src *image.RGBA, k int) *image.RGBA {
	w, h := src.Rect.Dx()/k, src.Rect.Dy()/k
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	sums := make([]uint32, 4*w)
	n := uint32(k * k)
	for y := 0; y < h; y++ {
		clear(sums)
		for yy := 0; yy < k; yy++ {
			row := src.Pix[src.PixOffset(src.Rect.Min.X, src.Rect.Min.Y+y*k+yy):]
			for x := 0; x < w; x++ {
				s := sums[4*x : 4*x+4 : 4*x+4]
				p := row[4*x*k : 4*(x+1)*k : 4*(x+1)*k]
				for i := 0; i < len(p); i += 4 {
					s[0] += uint32(p[i])
					s[1] += uint32(p[i+1])
					s[2] += uint32(p[i+2])
					s[3] += uint32(p[i+3])
				}
			}
		}
		out := dst.Pix[y*dst.Stride:]
		for i, s := range sums {
			out[i] = uint8((s + n/2) / n)
		}
	}
	return dst
}

// ParseFocus reads a focal point as an editor writes it: two percentages,
// across then down ("50% 30%": the middle, a third from the top), or the
// words left, right, top, bottom and center (one or two of them, "top",
// "top left"). "" is the centre.
func ParseFocus(s string) (Focus, error) {
	f := Centre
	fields := strings.Fields(strings.ToLower(s))
	if len(fields) == 0 {
		return f, nil
	}
	if len(fields) > 2 {
		return f, fmt.Errorf("%q has more than two parts", s)
	}
	if strings.HasSuffix(fields[0], "%") {
		if len(fields) != 2 || !strings.HasSuffix(fields[1], "%") {
			return f, fmt.Errorf("%q needs two percentages, across then down, like \"50%% 30%%\"", s)
		}
		for i, p := range fields {
			v, err := strconv.ParseFloat(strings.TrimSuffix(p, "%"), 64)
			if err != nil || v < 0 || v > 100 {
				return f, fmt.Errorf("%q is not a percentage from 0%% to 100%%", p)
			}
			if i == 0 {
				f.X = v / 100
			} else {
				f.Y = v / 100
			}
		}
		return f, nil
	}
	seenX, seenY := false, false
	for _, w := range fields {
		switch w {
		case "left", "right":
			if seenX {
				return f, fmt.Errorf("%q names two horizontal positions", s)
			}
			seenX, f.X = true, map[string]float64{"left": 0, "right": 1}[w]
		case "top", "bottom":
			if seenY {
				return f, fmt.Errorf("%q names two vertical positions", s)
			}
			seenY, f.Y = true, map[string]float64{"top": 0, "bottom": 1}[w]
		case "center", "centre":
		default:
			return f, fmt.Errorf("%q is not a position (left, right, top, bottom, center, or percentages like \"50%% 30%%\")", w)
		}
	}
	return f, nil
}
