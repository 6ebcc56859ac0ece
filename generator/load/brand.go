package load

import (
	"fmt"
	"regexp"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/contrast"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/theme"
)

// BrandStylesheet is the theme's stylesheet that carries the brand
// colour: site.yaml's brand.color is appended to it as the value of
// BrandProperty (brandRules), so it reaches every page through the file
// the CSP already allows ('self'), hashed with it, and no inline style.
const (
	BrandStylesheet = "css/site.css"
	BrandProperty   = "--accent"
)

// brandRules are what a brand appends to the theme's stylesheet: the
// colour, last, so it overrides the theme's own value of the property,
// and the logo's height in the header (its width follows from its width
// and height attributes; on a phone the height of the title's line, so
// the header grows no taller). A site without brand: keeps the theme's file
// byte for byte, so they are not in site.css itself.
func brandRules(b config.Brand) []byte {
	var out []byte
	if b.Logo != "" {
		out = append(out, "/* brand.logo of content/site.yaml */\n.site-logo { display: inline-block; height: 2.5rem; width: auto; margin-right: 0.5rem; vertical-align: middle; }\n"+
			"@media (max-width: 30em) { .site-logo { height: 1.5rem; } } /* a phone's first screen is the page's: no taller than the title's line */\n"...)
	}
	if b.Color != "" {
		out = append(out, fmt.Sprintf("/* brand.color of content/site.yaml */\n:root { %s: %s; }\n", BrandProperty, b.Color)...)
	}
	return out
}

// brandUses are where the theme shows the brand colour with another of
// its colours: the custom property of the other, and what a reader sees
// there. Each pair must reach WCAG AA for text (contrast.AA).
var brandUses = []struct{ other, where string }{
	{"--paper", "as the links' colour on the page's background"},
	{"--tint", "as the links' colour on the header's and footer's background"},
	{"--accent-ink", "as the background of the buttons' text"},
}

// themeColor finds the value "#rrggbb" (or "#rgb") of a custom property
// in the theme's stylesheet: its first definition, the theme's own.
func themeColor(css []byte, property string) (contrast.Color, bool) {
	re := regexp.MustCompile(regexp.QuoteMeta(property) + `\s*:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\s*[;}]`)
	m := re.FindSubmatch(css)
	if m == nil {
		return contrast.Color{}, false
	}
	c, err := contrast.Parse(string(m[1]))
	return c, err == nil
}

// checkBrandContrast reports each use of the brand colour whose contrast
// with the theme's colour there is below WCAG AA, at brand.color's line.
// css is the theme's stylesheet (the brand's rules appended to it define
// none of the colours checked, and the theme's own definitions come
// first); a theme without one of the colours has no such use.
func checkBrandContrast(b config.Brand, css []byte) []diag.Diagnostic {
	if b.Color == "" {
		return nil
	}
	brand, err := contrast.Parse(b.Color)
	if err != nil {
		return nil // config reported it
	}
	var ds []diag.Diagnostic
	for _, u := range brandUses {
		other, ok := themeColor(css, u.other)
		if !ok {
			continue
		}
		if contrast.Below(brand, other, contrast.AA) {
			ds = append(ds, diag.Errorf(config.File, b.ColorLine, "the brand colour %s has a contrast of %s with %s %s; WCAG AA needs at least %.1f:1",
				b.Color, contrast.Format(contrast.Ratio(brand, other)), other, u.where, contrast.AA).WithKey("brand.color").
				WithHint("choose a darker shade of the brand colour (a contrast checker shows the ratio as you go)"))
		}
	}
	return ds
}

// brandTail is what the brand appends to the theme's static files; nil
// without a logo or colour.
func brandTail(b config.Brand) map[string][]byte {
	if rules := brandRules(b); rules != nil {
		return map[string][]byte{BrandStylesheet: rules}
	}
	return nil
}

// checkThemeBrand checks the brand colour against the colours of the
// theme's stylesheet (a theme without it shows no brand colour; publish
// reports a stylesheet it cannot read).
func checkThemeBrand(b config.Brand, th *theme.Theme) []diag.Diagnostic {
	if b.Color == "" {
		return nil
	}
	css, err := th.ReadStatic(BrandStylesheet)
	if err != nil {
		return nil
	}
	return checkBrandContrast(b, css)
}
