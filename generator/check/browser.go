package check

import (
	"net/url"
	"strings"

	"github.com/klartext/klartext/generator/browsercheck"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/site"
)

// BrowserDiagnostics turns the findings of klartext check --browser into
// errors at the file of the page they were found on (content/impressum.md),
// or without a file for a page made from data; the message names the
// page's address, the rule and what the browser saw.
func BrowserDiagnostics(site *site.Site, findings []browsercheck.Finding) []diag.Diagnostic {
	base, err := url.PathUnescape(site.Config.BasePath())
	if err != nil {
		base = site.Config.BasePath()
	}
	out := make([]diag.Diagnostic, 0, len(findings))
	for _, f := range findings {
		file := ""
		if n := site.ByURL["/"+strings.TrimPrefix(f.Page, base)]; n != nil {
			file = n.Source
		}
		out = append(out, diag.Errorf(file, 0, "in the browser, %s: %s: %s", f.Page, f.Rule, f.Detail).
			WithHint("%s", browserHint(f.Rule)))
	}
	return out
}

// browserHint says what to do about a finding of a rule.
func browserHint(rule string) diag.Text {
	switch {
	case strings.HasPrefix(rule, "axe:"):
		return diag.T("an accessibility rule of WCAG 2.1 A or AA (axe-core %s); the elements are named above", strings.TrimPrefix(rule, "axe:"))
	case rule == "reflow":
		return diag.T("on a 360 px phone screen the page scrolls sideways: let the element wrap, or put a wide table in a scrolling box")
	case rule == "no-tracking":
		return diag.T("the page loads something from another server before the reader asks for it: publish the file with the site")
	case rule == "no-cookies":
		return diag.T("the site sets no cookies; find what sets this one")
	case rule == "no-console-errors":
		return diag.T("a script failed or the Content-Security-Policy blocked something the page needs")
	case strings.HasPrefix(rule, "keyboard:"):
		return diag.T("the first Tab must reach the skip link, visibly, and Enter must lead into the content (#main)")
	case rule == "chart-alternatives":
		return diag.T("every chart needs a caption, a label and a table of its numbers")
	case rule == "image-size":
		return diag.T("the image is served far larger than shown: the layout's sizes and the published widths disagree")
	}
	return diag.Text{}
}
