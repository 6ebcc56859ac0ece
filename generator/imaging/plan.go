package imaging

import (
	"fmt"
	"image"
	"slices"
	"strconv"
	"strings"
)

// UseKind is how a layout shows an image.
type UseKind int

const (
	// Avatar is a square crop shown at fixed sizes (the advisor photo:
	// 96 px on cards, 160 px on the profile); each size is published at
	// 1× and 2×.
	Avatar UseKind = iota + 1
	// Content is an image in the text, as wide as the text at most and
	// narrower on a phone; published in a few widths up to twice the
	// text's width.
	Content
)

// Use is one way the site shows an image.
type Use struct {
	Kind    UseKind
	Display []int // CSS pixels: the avatar's sizes, or the content's largest width
	Focus   Focus // what an avatar's crop keeps in view
}

func (u Use) String() string {
	ds := make([]string, len(u.Display))
	for i, d := range u.Display {
		ds[i] = strconv.Itoa(d)
	}
	if u.Kind == Avatar {
		return fmt.Sprintf("avatar %s focus %.4f,%.4f", strings.Join(ds, ","), u.Focus.X, u.Focus.Y)
	}
	return "content " + strings.Join(ds, ",")
}

// Largest is the largest display size of the use.
func (u Use) Largest() int {
	if len(u.Display) == 0 {
		return 0
	}
	return slices.Max(u.Display)
}

// Variant is one published file made from an image.
type Variant struct {
	Width, Height int
	Crop          image.Rectangle // the part of the upright picture it shows
	Enc           Encoding
	Quality       int
}

func (v Variant) String() string {
	return fmt.Sprintf("%dx%d crop %d,%d,%d,%d %s q%d", v.Width, v.Height,
		v.Crop.Min.X, v.Crop.Min.Y, v.Crop.Max.X, v.Crop.Max.Y, v.Enc, v.Quality)
}

// ContentMinWidth is the narrowest content variant: a phone's text width.
const ContentMinWidth = 360

// Widths are the pixel widths a use publishes of a picture w pixels wide
// (of the crop's width, for an avatar): each display size at 1× and 2×,
// for content also the phone's width and 1.5×, none wider than the
// picture; the picture's own width closes the list when it is narrower
// than the largest wanted.
func Widths(u Use, w int) []int {
	var want []int
	switch u.Kind {
	case Avatar:
		for _, d := range u.Display {
			want = append(want, d, 2*d)
		}
	case Content:
		d := u.Largest()
		want = []int{ContentMinWidth, d, d * 3 / 2, 2 * d}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	var out []int
	for _, x := range want {
		if x > 0 && x <= w {
			out = append(out, x)
		}
	}
	if len(want) > 0 && (len(out) == 0 || (out[len(out)-1] < w && out[len(out)-1] < want[len(want)-1])) {
		out = append(out, w)
	}
	return out
}

// Encodings are the files published per width: WebP and the fallback for
// browsers without it. Photographs (JPEG, opaque WebP) get lossy WebP and
// JPEG; drawings and screenshots (PNG, GIF) and anything transparent get
// lossless WebP (lossy for transparent photos) and PNG.
func Encodings(info Info) []Encoding {
	switch {
	case info.Format == PNG || info.Format == GIF:
		return []Encoding{EncWebPLossless, EncPNG}
	case info.Alpha:
		return []Encoding{EncWebP, EncPNG}
	}
	return []Encoding{EncWebP, EncJPEG}
}

// Plan lists the files a use of the picture publishes, smallest first,
// WebP before the fallback at each width. An animated picture is published
// as it is, without variants: Plan returns nil.
func Plan(info Info, u Use) []Variant {
	if info.Animated || info.Width <= 0 || info.Height <= 0 {
		return nil
	}
	crop := image.Rect(0, 0, info.Width, info.Height)
	if u.Kind == Avatar {
		crop = CropRect(info.Width, info.Height, 1, 1, u.Focus)
	}
	var out []Variant
	for _, w := range Widths(u, crop.Dx()) {
		h := max(1, (w*crop.Dy()+crop.Dx()/2)/crop.Dx())
		for _, e := range Encodings(info) {
			q := 0
			switch e {
			case EncWebP:
				q = WebPQuality
			case EncJPEG:
				q = JPEGQuality
			}
			out = append(out, Variant{Width: w, Height: h, Crop: crop, Enc: e, Quality: q})
		}
	}
	return out
}

// Upright is the file that replaces an original whose EXIF orientation is
// not 1: the picture turned, in its own format, at full size. Stripping
// the tag alone would show it on its side.
func Upright(info Info) Variant {
	v := Variant{Width: info.Width, Height: info.Height, Crop: image.Rect(0, 0, info.Width, info.Height)}
	switch info.Format {
	case JPEG:
		v.Enc, v.Quality = EncJPEG, JPEGOriginalQuality
	case WebP:
		v.Enc, v.Quality = EncWebP, 90
	default:
		v.Enc = EncPNG
	}
	return v
}
