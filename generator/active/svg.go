package active

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/klartext/klartext/generator/diag"
)

// CheckSVG reports why an SVG file would run script when opened on its
// own (as /logo.svg in the browser's address bar it is a document of the
// bank's origin, not a picture); nil for a picture. It reads the XML
// itself and refuses
//   - the elements that run or embed code: script, foreignObject (HTML
//     inside), handler and listener (SVG Tiny, XML Events), iframe,
//     embed, object; and any element of the XHTML namespace;
//   - event attributes (onload, onclick, …);
//   - links and animations that lead to code: an href (any namespace)
//     whose scheme is javascript:, vbscript: or data: other than a
//     raster image; set/animate of an href or an event attribute;
//     xml:base;
//   - a DOCTYPE (its entities can hide any of the above) and processing
//     instructions other than the XML declaration (an XSLT stylesheet
//     turns the file into HTML);
//   - text that is not well-formed XML: what the check cannot read, the
//     browser must not get to read differently.
//
// Editor metadata (Inkscape's, RDF) and style elements are pictures'
// business and pass.
func CheckSVG(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.Entity = nil // only the five predefined entities
	for {
		tok, err := dec.Token() // checks nesting and resolves namespaces
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return diag.Err("it is not well-formed XML (%v)", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				return diag.Err("it has a DOCTYPE, whose entities can hide script")
			}
		case xml.ProcInst:
			if t.Target != "xml" {
				return diag.Err("it has the processing instruction <?%s?>, which can turn it into a page with script", t.Target)
			}
		case xml.StartElement:
			if err := checkElement(t); err != nil {
				return err
			}
		}
	}
}

var codeElements = map[string]bool{
	"script": true, "foreignobject": true, "handler": true, "listener": true,
	"iframe": true, "embed": true, "object": true,
}

const xhtmlNS = "http://www.w3.org/1999/xhtml"

// checkElement checks one start tag (names with their namespaces
// resolved).
func checkElement(t xml.StartElement) error {
	local := strings.ToLower(t.Name.Local)
	if codeElements[local] {
		return diag.Err("it has a <%s> element", t.Name.Local)
	}
	if t.Name.Space == xhtmlNS {
		return diag.Err("it has the HTML element <%s>, which runs as HTML", t.Name.Local)
	}
	for _, a := range t.Attr {
		name := strings.ToLower(a.Name.Local)
		space := strings.ToLower(a.Name.Space)
		switch {
		case (space == "xmlns" || space == "" && name == "xmlns") && strings.Contains(strings.ToLower(a.Value), "www.w3.org/1999/xhtml"):
			return diag.Err("it declares the XHTML namespace, whose elements run as HTML")
		case space == "xmlns" || space == "" && name == "xmlns":
			continue
		case strings.HasPrefix(name, "on"):
			return diag.Err("the <%s> element has the event attribute %s", t.Name.Local, a.Name.Local)
		case (space == "xml" || space == "http://www.w3.org/xml/1998/namespace") && name == "base":
			return diag.Err("the <%s> element has xml:base, which can turn its links into code", t.Name.Local)
		case name == "href" && codeURL(a.Value):
			return diag.Err("the <%s> element links to %q", t.Name.Local, short(a.Value))
		case name == "attributename" && (local == "set" || strings.HasPrefix(local, "animate")):
			v := strings.ToLower(strings.TrimSpace(a.Value))
			if i := strings.IndexByte(v, ':'); i >= 0 {
				v = v[i+1:]
			}
			if v == "href" || strings.HasPrefix(v, "on") {
				return diag.Err("the <%s> element animates %s, which can make it run code", t.Name.Local, a.Value)
			}
		}
	}
	return nil
}

// codeURL reports whether a link runs code: its scheme, with the spaces and
// control characters a browser ignores removed, is javascript:, vbscript:
// or data: other than a PNG, JPEG, GIF or WebP image.
func codeURL(v string) bool {
	var b strings.Builder
	for _, r := range v {
		if r > ' ' {
			b.WriteRune(r)
		}
	}
	u := strings.ToLower(b.String())
	switch {
	case strings.HasPrefix(u, "javascript:"), strings.HasPrefix(u, "vbscript:"):
		return true
	case strings.HasPrefix(u, "data:"):
		for _, ok := range []string{"data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"} {
			if strings.HasPrefix(u, ok+";") || strings.HasPrefix(u, ok+",") {
				return false
			}
		}
		return true
	}
	return false
}

func short(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
