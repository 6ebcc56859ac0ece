// Package active decides which files an editor may not publish as they
// are: files that a browser runs as the bank's own site (HTML, scripts,
// WebAssembly, XML, SVG with script), that a web server runs (PHP and
// other server-side scripts), or that configure the web host (_headers,
// _redirects, .well-known/). Such a file in content/ would bypass the
// theme's layouts and the Content-Security-Policy; the build refuses it
// unless site.yaml names it in allow_raw.
//
// The decision is by the file name's ending, as the web host decides the
// type it serves (klartext's _headers sets nosniff, so a browser does not
// guess otherwise), and for SVG by its content: an SVG without script is
// a picture and is published.
package active

import (
	"path"
	"strings"

	"github.com/klartext/klartext/generator/diag"
)

// Kind says why a file is active; "" for a file published as it is.
type Kind string

const (
	None          Kind = ""
	HTML          Kind = "html"
	Script        Kind = "script"
	Wasm          Kind = "wasm"
	XML           Kind = "xml"
	SVG           Kind = "svg" // checked by CheckSVG; active only with script
	SVGWithScript Kind = "svg-script"
	Server        Kind = "server"
	HostConfig    Kind = "host-config"
	WellKnown     Kind = "well-known"
)

// Noun names the kind in a message ("it is raw HTML"), in words the
// build translates.
func (k Kind) Noun() diag.Text { return nouns[k] }

var nouns = map[Kind]diag.Text{
	HTML:          diag.T("raw HTML"),
	Script:        diag.T("JavaScript"),
	Wasm:          diag.T("WebAssembly"),
	XML:           diag.T("XML (a browser runs the script an XML file can carry)"),
	SVG:           diag.T("an SVG"),
	SVGWithScript: diag.T("an SVG with script"),
	Server:        diag.T("a server-side script"),
	HostConfig:    diag.T("a configuration file of the web host"),
	WellKnown:     diag.T("a file below .well-known/ (it proves control of the bank's domain to other services)"),
}

// byExt maps lower-case endings to their kind.
var byExt = map[string]Kind{
	".html": HTML, ".htm": HTML, ".xhtml": HTML, ".xht": HTML, ".shtml": HTML, ".mht": HTML, ".mhtml": HTML,
	".js": Script, ".mjs": Script, ".cjs": Script,
	".wasm": Wasm,
	".xml":  XML, ".xsl": XML, ".xslt": XML, ".rss": XML, ".atom": XML, ".rdf": XML, ".svgz": XML,
	".svg": SVG,
	".php": Server, ".phtml": Server, ".phar": Server, ".php3": Server, ".php4": Server, ".php5": Server, ".php7": Server,
	".asp": Server, ".aspx": Server, ".jsp": Server, ".cgi": Server, ".pl": Server,
}

// hostFiles are read by web hosts from the top of the published folder:
// headers (the CSP), redirects (any page to another site), routes.
var hostFiles = map[string]bool{
	"_headers": true, "_redirects": true, "_routes.json": true, "netlify.toml": true, "vercel.json": true,
	"staticwebapp.config.json": true, "web.config": true, "firebase.json": true,
}

// Of is the kind of the file at inner, its path below content/
// ("downloads/rechner.html"); SVG still needs CheckSVG.
func Of(inner string) Kind {
	if strings.HasPrefix(inner, ".well-known/") {
		return WellKnown
	}
	if !strings.Contains(inner, "/") && hostFiles[strings.ToLower(inner)] {
		return HostConfig
	}
	return byExt[strings.ToLower(path.Ext(inner))]
}

// Extensions lists the endings Of treats as active, for documentation
// and tests.
func Extensions() []string {
	out := make([]string, 0, len(byExt))
	for e := range byExt {
		out = append(out, e)
	}
	return out
}
