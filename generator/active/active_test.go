package active

import (
	"strings"
	"testing"
)

func TestOf(t *testing.T) {
	for inner, want := range map[string]Kind{
		"downloads/rechner.html":       HTML,
		"products/etf/index.HTML":      HTML,
		"seite.xhtml":                  HTML,
		"js/charts.js":                 Script,
		"js/modul.mjs":                 Script,
		"rechner.wasm":                 Wasm,
		"sitemap.xml":                  XML,
		"stil.xsl":                     XML,
		"bild.svgz":                    XML,
		"logo.svg":                     SVG,
		"kontakt.php":                  Server,
		"_headers":                     HostConfig,
		"_redirects":                   HostConfig,
		"netlify.toml":                 HostConfig,
		".well-known/security.txt":     WellKnown,
		"docs/preise.pdf":              None,
		"bilder/anna.jpg":              None,
		"docs/_headers":                None, // hosts read it only at the top
		"css/extra.css":                None,
		"robots.txt":                   None, // not active: the registry refuses it as klartext's own
		"downloads/rechner.html.pdf":   None,
		"downloads/anleitung.markdown": None,
	} {
		if got := Of(inner); got != want {
			t.Errorf("Of(%q) = %q, want %q", inner, got, want)
		}
	}
}

func TestCheckSVG(t *testing.T) {
	const ns = `xmlns="http://www.w3.org/2000/svg"`
	pictures := map[string]string{
		"plain":            `<svg ` + ns + ` viewBox="0 0 10 10"><title>Logo</title><rect width="10" height="10" fill="#123"/></svg>`,
		"xml declaration":  `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<svg ` + ns + `><circle r="4"/></svg>`,
		"inkscape":         `<svg ` + ns + ` xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><sodipodi:namedview inkscape:zoom="1"/><metadata><rdf:RDF/></metadata><g inkscape:label="Ebene 1"><path d="M0 0h4"/></g></svg>`,
		"style and links":  `<svg ` + ns + ` xmlns:xlink="http://www.w3.org/1999/xlink"><style>.a{fill:red}</style><defs><path id="p" d="M0 0"/></defs><use xlink:href="#p"/><a href="https://www.bank.test/">Bank</a></svg>`,
		"raster data href": `<svg ` + ns + `><image href="data:image/png;base64,iVBORw0KGgo="/></svg>`,
		"animation":        `<svg ` + ns + `><rect><animate attributeName="opacity" from="0" to="1" dur="1s"/></rect></svg>`,
		"demo photo":       `<svg ` + ns + ` width="240" height="240" viewBox="0 0 240 240" role="img" aria-labelledby="t"><title id="t">Porträt</title><path d="M106 118q14 10 28 0" stroke="#2b2b2b"/></svg>`,
	}
	for name, svg := range pictures {
		if err := CheckSVG([]byte(svg)); err != nil {
			t.Errorf("%s: %v, want a picture", name, err)
		}
	}
	scripted := map[string]string{
		"script":                 `<svg ` + ns + `><script>alert(1)</script></svg>`,
		"script upper case":      `<svg ` + ns + `><SCRIPT>alert(1)</SCRIPT></svg>`,
		"onload":                 `<svg ` + ns + ` onload="alert(1)"/>`,
		"onclick nested":         `<svg ` + ns + `><g><rect onclick="alert(1)"/></g></svg>`,
		"javascript href":        `<svg ` + ns + `><a href="javascript:alert(1)"><text>x</text></a></svg>`,
		"javascript xlink":       `<svg ` + ns + ` xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)">x</a></svg>`,
		"javascript obfuscated":  `<svg ` + ns + `><a href=" &#x6A;ava&#9;script:alert(1)">x</a></svg>`,
		"data html href":         `<svg ` + ns + `><a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a></svg>`,
		"data svg image":         `<svg ` + ns + `><image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`,
		"foreignObject":          `<svg ` + ns + `><foreignObject><div>x</div></foreignObject></svg>`,
		"xhtml namespace":        `<svg ` + ns + ` xmlns:h="http://www.w3.org/1999/xhtml"><h:img src="x"/></svg>`,
		"xhtml default ns":       `<svg ` + ns + `><g><div xmlns="http://www.w3.org/1999/xhtml">x</div></g></svg>`,
		"iframe":                 `<svg ` + ns + `><iframe src="https://evil.test/"/></svg>`,
		"handler":                `<svg ` + ns + `><handler type="application/ecmascript">alert(1)</handler></svg>`,
		"set href":               `<svg ` + ns + `><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>`,
		"animate xlink:href":     `<svg ` + ns + `><a><animate attributeName="xlink:href" values="javascript:alert(1)"/></a></svg>`,
		"set event":              `<svg ` + ns + `><set attributeName="onmouseover" to="alert(1)"/></svg>`,
		"xml:base":               `<svg ` + ns + `><a xml:base="javascript:alert(1)//" href="x">x</a></svg>`,
		"doctype entity":         `<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]><svg ` + ns + `>&x;</svg>`,
		"xml-stylesheet":         `<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg ` + ns + `/>`,
		"not well-formed":        `<svg ` + ns + `><rect></svg>`,
		"html parsed leniently":  `<svg ` + ns + `><rect width=10/></svg>`,
		"undefined entity":       `<svg ` + ns + `>&nbsp;</svg>`,
		"script after long text": `<svg ` + ns + `><desc>` + strings.Repeat("Text ", 10000) + `</desc><script>alert(1)</script></svg>`,
	}
	for name, svg := range scripted {
		if err := CheckSVG([]byte(svg)); err == nil {
			t.Errorf("%s: passed as a picture", name)
		}
	}
}
