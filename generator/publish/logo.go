package publish

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/site"
)

// Logo is site.yaml's brand.logo as the header shows it: its published
// file (a raster image without metadata at its own address, an SVG as it
// is) and its size in pixels, for the img's width and height; nil without
// a logo or when it cannot be shown (then the diagnostics, at logo:'s
// line, say why). A missing file is config's to report.
func (is *Images) Logo(b config.Brand) (*site.Picture, []diag.Diagnostic) {
	if is == nil || b.Logo == "" {
		return nil, nil
	}
	at := func(d diag.Diagnostic) []diag.Diagnostic { return []diag.Diagnostic{d.WithKey("brand.logo")} }
	s := is.sources[b.LogoSource()]
	if s == nil {
		if _, ok := is.site.Assets[b.LogoSource()]; ok {
			return nil, at(diag.Errorf(config.File, b.LogoLine, "the logo %s is not an image", b.Logo).
				WithHint("use a PNG, SVG, WebP, GIF or JPEG file"))
		}
		return nil, nil
	}
	s.referenced.Store(true)
	if s.err != nil {
		return nil, at(imageError(config.File, b.LogoLine, b.Logo, s.err))
	}
	pic := &site.Picture{Src: is.site.Config.FileURL(s.url)}
	if !s.svg {
		pic.Width, pic.Height = s.src.Info.Width, s.src.Info.Height
		return pic, nil
	}
	data, err := is.files.ReadFile(s.source, MaxImageBytes)
	if err != nil {
		return nil, at(imageError(config.File, b.LogoLine, b.Logo, err))
	}
	w, h, ok := svgSize(data)
	if !ok {
		return nil, at(diag.Errorf(config.File, b.LogoLine, "the SVG logo %s has no size: its <svg> has neither width and height in pixels nor a viewBox", b.Logo).
			WithHint(`add viewBox="0 0 WIDTH HEIGHT" to its <svg> element (vector programs write it when exporting)`))
	}
	pic.Width, pic.Height = w, h
	return pic, nil
}

// svgSize is an SVG's size in pixels from its root element: width and
// height when both are plain numbers or px, else the viewBox's.
func svgSize(data []byte) (w, h int, ok bool) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			return 0, 0, false
		}
		el, isStart := tok.(xml.StartElement)
		if !isStart {
			continue
		}
		if el.Name.Local != "svg" {
			return 0, 0, false
		}
		var width, height, viewBox string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				width = a.Value
			case "height":
				height = a.Value
			case "viewBox":
				viewBox = a.Value
			}
		}
		if w, ok := pixels(width); ok {
			if h, ok := pixels(height); ok {
				return w, h, true
			}
		}
		f := strings.FieldsFunc(viewBox, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' })
		if len(f) == 4 {
			if w, ok := pixels(f[2]); ok {
				if h, ok := pixels(f[3]); ok {
					return w, h, true
				}
			}
		}
		return 0, 0, false
	}
}

// pixels reads "120", "120px" or "120.5" as whole pixels (rounded, at
// least 1).
func pixels(s string) (int, bool) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "px"), 64)
	if err != nil || v <= 0 || v > 1e5 {
		return 0, false
	}
	return max(1, int(math.Round(v))), true
}
