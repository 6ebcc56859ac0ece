package pipeline

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestThemeTemplatesMakeSiteFiles: a theme's layouts/sitemap.xml,
// robots.txt and feed.xml make those files (the feed template every
// feed, the site's and each section's); the XML ones get the declaration
// and escape what they print, robots.txt is plain text.
func TestThemeTemplatesMakeSiteFiles(t *testing.T) {
	files := minimalSite()
	files["content/site.yaml"] = "title: Bank & Co\nbaseURL: https://bank.test/\nlanguage: de\n"
	files["themes/klartext/layouts/sitemap.xml"] = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{{range .URLs}}<url><loc>{{.Loc}}</loc></url>{{end}}</urlset>` + "\n"
	files["themes/klartext/layouts/robots.txt"] = "User-agent: *\nDisallow: /docs/\nSitemap: {{.Sitemap}}\n# {{.Site.Title}}\n"
	files["themes/klartext/layouts/feed.xml"] = `<feed xmlns="http://www.w3.org/2005/Atom"><title>{{.Title}}</title>{{range .Entries}}<entry><title>{{.Title}}</title><id>{{.ID}}</id></entry>{{end}}</feed>` + "\n"
	_, dest := builds(t, files)
	for file, want := range map[string]string{
		"sitemap.xml":     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://bank.test/</loc></url>",
		"robots.txt":      "User-agent: *\nDisallow: /docs/\nSitemap: https://bank.test/sitemap.xml\n# Bank & Co\n",
		"feed.xml":        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Bank &amp; Co</title><entry><title>Info</title><id>https://bank.test/docs/info/</id></entry></feed>\n",
		"docs/feed.xml":   "<title>Dokumente – Bank &amp; Co</title><entry><title>Info</title>",
		"docs/index.html": "<h1>Dokumente</h1>",
	} {
		if got := read(t, filepath.Join(dest, filepath.FromSlash(file))); !strings.Contains(got, want) {
			t.Errorf("%s: %q lacks %q", file, got, want)
		}
	}
	refused(t, put(t, "themes/klartext/layouts/sitemap.xml", `<?xml version="1.0"?>`+files["themes/klartext/layouts/sitemap.xml"]),
		"themes/klartext/layouts/sitemap.xml: the template writes an XML declaration, which the build writes itself: start the template at its root element")
}
