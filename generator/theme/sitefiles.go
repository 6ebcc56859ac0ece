package theme

import (
	"bytes"
	"encoding/xml"
	"github.com/klartext/klartext/generator/diag"
	htmltemplate "html/template"
	"io/fs"
	"path"
	"sync"
	texttemplate "text/template"
)

// SiteFiles are the files beyond the pages a theme may make with a
// template of its own, as layouts/<name>: the sitemap, robots.txt, and
// the Atom feeds (feed.xml, for the site's and each section's). Without
// one the build writes its own.
var SiteFiles = []string{"sitemap.xml", "robots.txt", "feed.xml"}

// siteFile is a site file's template, parsed once.
type siteFile struct {
	once sync.Once
	run  func(*bytes.Buffer, any) error
	err  error
}

// HasSiteFile reports whether the theme makes the site file name (one of
// SiteFiles) with a template of its own.
func (t *Theme) HasSiteFile(name string) bool {
	_, ok := t.Lookup(name)
	return ok
}

// SiteFile renders the theme's template of the site file name with data.
// A template ending in .xml is escaped as html/template escapes HTML text
// and attributes, which XML reads alike, and the build writes the XML
// declaration before it: the template starts at its root element. A
// template ending in .txt is plain text (text/template). Both have the
// template functions of the layouts.
func (t *Theme) SiteFile(name string, data any) ([]byte, error) {
	v, _ := t.siteFiles.LoadOrStore(name, &siteFile{})
	sf := v.(*siteFile)
	sf.once.Do(func() { sf.run, sf.err = t.parseSiteFile(name) })
	if sf.err != nil {
		return nil, sf.err
	}
	var buf bytes.Buffer
	if path.Ext(name) == ".xml" {
		buf.WriteString(xml.Header)
	}
	start := buf.Len()
	if err := sf.run(&buf, data); err != nil {
		return nil, err
	}
	if path.Ext(name) == ".xml" && bytes.HasPrefix(bytes.TrimSpace(buf.Bytes()[start:]), []byte("&lt;?xml")) {
		return nil, diag.Err("the template writes an XML declaration, which the build writes itself: start the template at its root element")
	}
	return buf.Bytes(), nil
}

func (t *Theme) parseSiteFile(name string) (func(*bytes.Buffer, any) error, error) {
	src, err := fs.ReadFile(t.fsys, "layouts/"+name)
	if err != nil {
		return nil, err
	}
	if path.Ext(name) == ".txt" {
		tmpl, err := texttemplate.New(name).Funcs(texttemplate.FuncMap(t.funcs)).Parse(string(src))
		if err != nil {
			return nil, err
		}
		return func(b *bytes.Buffer, data any) error { return tmpl.Execute(b, data) }, nil
	}
	tmpl, err := htmltemplate.New(name).Funcs(t.funcs).Parse(string(src))
	if err != nil {
		return nil, err
	}
	return func(b *bytes.Buffer, data any) error { return tmpl.Execute(b, data) }, nil
}
