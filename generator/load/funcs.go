package load

import (
	"html/template"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/assethash"
	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/product"
)

// Funcs are the template functions of every theme. They format for the
// site's language, so a template never formats a number by hand. assets
// are the theme's files named by their content (nil: none), which Theme
// fills before a template runs.
func Funcs(cfg config.Site, assets *assethash.Set) template.FuncMap {
	loc := locale.For(cfg.Language)
	base := strings.TrimSuffix(cfg.BasePath(), "/")
	relURL := func(p string) string { return base + "/" + strings.TrimPrefix(p, "/") }
	return template.FuncMap{
		// relURL prefixes a site path with the base URL's path.
		"relURL": relURL,
		// asset is the address of a theme's static file: a stylesheet or
		// script under its hashed name ("/css/site.3f2a1b9c0d.css"), any
		// other under its own; in every language the default language's
		// copy (config.Site.FileURL), the one published. integrity is its
		// SHA-384 for the integrity attribute, "" for a file that has no
		// hashed name (klartext serve's, or none of the theme's).
		"asset": func(p string) string {
			p = "/" + strings.TrimPrefix(p, "/")
			if a := assets.Get(p); a != nil {
				return cfg.FileURL(a.Name)
			}
			return cfg.FileURL(p)
		},
		"integrity": func(p string) string {
			if a := assets.Get("/" + strings.TrimPrefix(p, "/")); a != nil {
				return a.SRI
			}
			return ""
		},
		"absURL": func(p string) string { return cfg.AbsURL("/" + strings.TrimPrefix(p, "/")) },
		"date":   func(t time.Time) string { return loc.Date(t) },
		"isoDate": func(t time.Time) string {
			return t.Format("2006-01-02")
		},
		"money":      func(v float64, currency string) string { return loc.Money(v, currency) },
		"percent":    func(v float64, decimals int) string { return loc.Percent(v, decimals) },
		"number":     func(v float64, decimals int) string { return loc.Number(v, decimals) },
		"years":      func(v float64) string { return loc.Years(v) },
		"yearsAfter": func(v float64) string { return loc.YearsAfter(v) },
		"add":        func(a, b int) int { return a + b },
		"hasPrefix":  strings.HasPrefix,
		"slugify":    content.Slugify,
		"costLabel":  func(key string) string { return product.CostLabel(key, cfg.Language) },
		"seq": func(from, to int) []int {
			var out []int
			for i := from; i <= to; i++ {
				out = append(out, i)
			}
			return out
		},
		"t":             func(key string, args ...any) string { return key },                        // replaced by the theme's translations
		"partialCached": func(name, key string, data any) (template.HTML, error) { return "", nil }, // replaced by the theme
	}
}
