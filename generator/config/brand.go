package config

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
)

// Brand is site.yaml's brand: the bank's name, logo and colour. A zero
// Brand (no brand: block) leaves the theme as it is.
type Brand struct {
	// Name is the bank's name: the header shows it beside the logo and
	// the footer's copyright names it as the site's owner.
	Name string
	// Logo is the logo's file below content/ ("brand/logo.png"); ""
	// without one. LogoAlt is its alternative text, required with it.
	Logo, LogoAlt string
	LogoLine      int // of logo: in site.yaml
	// Color is the brand colour, "#rrggbb" in lower case; ColorLine is
	// its line, for the contrast check against the theme's colours.
	Color     string
	ColorLine int
}

// Owner is the name of the site's owner, the bank: brand.name, else the
// site's title. The footer's copyright, the feeds' author, the advisors'
// employer in their vCards and schema.org data name it.
func (s Site) Owner() string {
	if s.Brand.Name != "" {
		return s.Brand.Name
	}
	return s.Title
}

// brandKeys are the keys of brand:.
var brandKeys = []string{"name", "logo", "alt", "color"}

// LogoSource is the logo's file as the site's files name it
// ("content/brand/logo.png"); "" without a logo.
func (b Brand) LogoSource() string {
	if b.Logo == "" {
		return ""
	}
	return "content/" + b.Logo
}

// parseBrand reads brand: — a mapping of name, logo, alt and color.
func parseBrand(v *yaml.Node) (Brand, []diag.Diagnostic) {
	var b Brand
	if v.Kind != yaml.MappingNode {
		return b, []diag.Diagnostic{diag.Errorf(File, v.Line, "brand must be keys and values (name:, logo:, alt:, color:)").WithKey("brand")}
	}
	var ds []diag.Diagnostic
	altLine := 0
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, e := v.Content[i], v.Content[i+1]
		key := "brand." + k.Value
		if e.Kind != yaml.ScalarNode {
			ds = append(ds, diag.Errorf(File, e.Line, "%s must be text", key).WithKey(key))
			continue
		}
		val := strings.TrimSpace(e.Value)
		switch k.Value {
		case "name":
			b.Name = val
		case "alt":
			b.LogoAlt, altLine = val, e.Line
		case "logo":
			b.LogoLine = e.Line
			if !belowContent(val) {
				ds = append(ds, diag.Errorf(File, e.Line, "brand.logo names %q; write the file's path below content/ with forward slashes, without ../ or a leading /", val).
					WithKey(key).WithHint("for content/brand/logo.png write brand/logo.png"))
				continue
			}
			b.Logo = val
		case "color":
			b.ColorLine = e.Line
			if !isHexColor(val) {
				ds = append(ds, diag.Errorf(File, e.Line, "brand.color must be a colour like #0b5c8a (# and six hex digits), got %q", val).WithKey(key))
				continue
			}
			b.Color = strings.ToLower(val)
		default:
			ds = append(ds, unknownKey(diag.Errorf(File, k.Line, "unknown setting %q in brand", k.Value).WithKey(key), k.Value, brandKeys, "brand knows"))
		}
	}
	switch {
	case b.LogoLine > 0 && b.LogoAlt == "":
		ds = append(ds, diag.Errorf(File, b.LogoLine, "the logo has no alternative text").WithKey("brand.alt").
			WithHint("add alt: with what the logo says, usually the bank's name (alt: Musterbank), for readers who do not see it"))
	case b.LogoLine == 0 && altLine > 0:
		ds = append(ds, diag.Errorf(File, altLine, "brand.alt is the logo's alternative text, but brand has no logo").WithKey("brand.alt").
			WithHint("add logo: with the file below content/, or remove alt:"))
	}
	return b, ds
}

// checkLogo reports a logo file that the site's files do not have.
func checkLogo(b Brand, files *fileio.Files) []diag.Diagnostic {
	if b.Logo == "" || files.Has(b.LogoSource()) {
		return nil
	}
	return []diag.Diagnostic{diag.Errorf(File, b.LogoLine, "the logo %s does not exist", b.LogoSource()).WithKey("brand.logo").
		WithHint("put the logo file there, or correct the path (it is below content/)")}
}

func isHexColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
