package pipeline

import (
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/klartext/klartext/generator/check"
	"github.com/klartext/klartext/generator/sitetest"
	"github.com/klartext/klartext/generator/stillframe"
)

// demoWithGaps is the demo (German and English) with what an editor
// leaves undone: a product explainer and the legal notice without their
// English versions (products/tagesgeld-plus.en.md, impressum.en.md
// removed), no menus: of English's own, and an English about page older
// than its German original (lastmod 2020-01-01 against 2026-10-01).
func demoWithGaps(t *testing.T) string {
	t.Helper()
	root := copyDemo(t)
	for _, f := range []string{"content/products/tagesgeld-plus.en.md", "content/impressum.en.md"} {
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(f))); err != nil {
			t.Fatal(err)
		}
	}
	edit(t, root, "content/site.yaml", "    menus:\n      footer:\n        - pageRef: impressum.md\n          weight: 10\n        - pageRef: datenschutz.md\n          weight: 20\n", "")
	edit(t, root, "content/ueber-uns.md", "\n---\nDie Rheintal", "\nlastmod: 2026-10-01\n---\nDie Rheintal")
	edit(t, root, "content/ueber-uns.en.md", "\n---\nRheintal", "\nlastmod: 2020-01-01\n---\nRheintal")
	return root
}

// buildDemo builds a copy of the demo, which must succeed.
func buildDemo(t *testing.T) (*Result, string) {
	t.Helper()
	return buildSucceeds(t, copyDemo(t))
}

func buildSucceeds(t *testing.T, root string) (*Result, string) {
	t.Helper()
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() {
		t.Fatalf("the build must succeed: %s", joinDiags(res))
	}
	return res, dest
}

// A site of one language builds as before: languages: with one entry is
// language: alone, byte for byte, and a file named like a translation
// (x.en.md) is a page of its own name, as it was; no page has hreflang
// links or a language switch, the sitemap no alternates.
func TestOneLanguageBuildsAsBefore(t *testing.T) {
	root := germanDemo(t)
	put(t, "content/notiz.en.md", "---\ntitle: \"Notiz\"\n---\nText.\n")(root)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	before := tree(t, dest)
	if _, err := os.Stat(filepath.Join(dest, "notiz-en", "index.html")); err != nil {
		t.Errorf("notiz.en.md is no longer /notiz-en/: %v", err)
	}
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".xml") {
			return err
		}
		s := read(t, p)
		for _, bad := range []string{"hreflang", "language-switch", "xhtml:link", "text-in"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s has %q on a site of one language", p, bad)
			}
		}
		return nil
	})
	for _, setting := range []string{"languages: [de]\n", "languages:\n  - code: de\n"} {
		replaceIn(t, "content/site.yaml", "\nlanguage: de\n", "\n"+setting)(root)
		if res := build(t, root, dest); res.Diagnostics.HasErrors() {
			t.Fatal(joinDiags(res))
		}
		if after := tree(t, dest); after != before {
			t.Errorf("%q builds another site than language: de", setting)
		}
		replaceIn(t, "content/site.yaml", "\n"+setting, "\nlanguage: de\n")(root)
	}
}

// Every page of the two languages links its versions with hreflang both
// ways and x-default (the German one), each page's language is its
// site's, and the language switch leads to the translation, or to the
// other language's home page with a note in that language.
func TestHreflangPointsBothWays(t *testing.T) {
	_, dest := buildDemo(t)
	type page struct {
		lang, canonical string
		alternates      map[string]string
		xdefault        string
	}
	pages := map[string]*page{} // by canonical address
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasSuffix(p, "404.html") {
			return err
		}
		doc, err := html.Parse(strings.NewReader(read(t, p)))
		if err != nil {
			return err
		}
		pg := &page{alternates: map[string]string{}}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				a := map[string]string{}
				for _, at := range n.Attr {
					a[at.Key] = at.Val
				}
				switch {
				case n.Data == "html":
					pg.lang = a["lang"]
				case n.Data == "link" && a["rel"] == "canonical":
					pg.canonical = a["href"]
				case n.Data == "link" && a["rel"] == "alternate" && a["hreflang"] == "x-default":
					pg.xdefault = a["href"]
				case n.Data == "link" && a["rel"] == "alternate" && a["hreflang"] != "":
					pg.alternates[a["hreflang"]] = a["href"]
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if pg.canonical == "" {
			return nil // a redirect page
		}
		rel, _ := filepath.Rel(dest, p)
		wantLang := "de"
		if strings.HasPrefix(filepath.ToSlash(rel), "en/") {
			wantLang = "en"
		}
		if pg.lang != wantLang {
			t.Errorf("%s: <html lang=%q>, want %q", rel, pg.lang, wantLang)
		}
		pages[pg.canonical] = pg
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	linked := 0
	for url, pg := range pages {
		if len(pg.alternates) == 0 {
			continue
		}
		linked++
		if pg.alternates[pg.lang] != url {
			t.Errorf("%s: its hreflang=%s is %q, not itself", url, pg.lang, pg.alternates[pg.lang])
		}
		if pg.xdefault == "" || pg.xdefault != pg.alternates["de"] {
			t.Errorf("%s: x-default %q is not the German version %q", url, pg.xdefault, pg.alternates["de"])
		}
		for lang, href := range pg.alternates {
			other := pages[href]
			if other == nil {
				t.Errorf("%s: hreflang=%s leads to %s, which is no page", url, lang, href)
				continue
			}
			if other.alternates[pg.lang] != url {
				t.Errorf("%s: hreflang=%s leads to %s, which does not lead back (it has %v)", url, lang, href, other.alternates)
			}
		}
	}
	if linked < 40 {
		t.Errorf("only %d pages have hreflang links", linked)
	}
	for _, tc := range []struct{ page, want string }{
		{"ueber-uns/index.html", `<a href="/en/ueber-uns/" hreflang="en" lang="en" rel="alternate">English</a>`},
		{"en/ueber-uns/index.html", `<a href="/ueber-uns/" hreflang="de" lang="de" rel="alternate">Deutsch</a>`},
		{"stories/der-erste-etf/index.html", `<a href="/en/" hreflang="en" lang="en">This page is not available in English – go to the English home page</a>`},
		{"en/advisors/katharina-brandt/index.html", `<p class="text-in">The text of this page is available in German only: <a href="/advisors/katharina-brandt/" hreflang="de" lang="de">Deutsch</a></p>`},
		// A link to a page without translation leads to the German page.
		{"en/index.html", `<a href="/videos/">Videos</a>`},
		{"en/ueber-uns/index.html", `<a href="/stories/unser-fehler-beim-festgeld/">the letter with the wrong interest rate</a>`},
		{"en/index.html", `<a href="/en/ueber-uns/#what-we-do-with-your-feedback">our page about us</a>`},
	} {
		if s := read(t, filepath.Join(dest, tc.page)); !strings.Contains(s, tc.want) {
			t.Errorf("%s lacks %s", tc.page, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "en", "stories", "der-erste-etf")); err == nil {
		t.Error("a story written in German only has an English page")
	}
}

// The sitemap lists the pages of both languages, each translated page
// with its versions as xhtml:link alternates that point both ways.
func TestSitemapHasAlternates(t *testing.T) {
	_, dest := buildDemo(t)
	var set struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Rel      string `xml:"rel,attr"`
				Hreflang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(read(t, filepath.Join(dest, "sitemap.xml"))), &set); err != nil {
		t.Fatal(err)
	}
	alternates := map[string]map[string]string{}
	for _, u := range set.URLs {
		m := map[string]string{}
		for _, l := range u.Links {
			if l.Rel != "alternate" {
				t.Errorf("%s: xhtml:link rel=%q", u.Loc, l.Rel)
			}
			m[l.Hreflang] = l.Href
		}
		alternates[u.Loc] = m
	}
	const de, en = "https://www.rheintal-bank.test/ueber-uns/", "https://www.rheintal-bank.test/en/ueber-uns/"
	if alternates[de]["en"] != en || alternates[en]["de"] != de || alternates[en]["x-default"] != de {
		t.Errorf("the about page's alternates: %v and %v", alternates[de], alternates[en])
	}
	n := 0
	for loc, m := range alternates {
		for lang, href := range m {
			if lang == "x-default" {
				continue
			}
			back, listed := alternates[href]
			if !listed {
				t.Errorf("%s: the alternate %s is not in the sitemap", loc, href)
			}
			if back[langOf(loc)] != loc {
				t.Errorf("%s: the alternate %s does not point back", loc, href)
			}
			n++
		}
	}
	if n < 80 {
		t.Errorf("only %d alternates in the sitemap", n)
	}
	for _, f := range []string{"en/sitemap.xml", "en/robots.txt", "en/_headers", "en/404.html"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err == nil {
			t.Errorf("%s is written: a host reads it at the root only", f)
		}
	}
}

func langOf(loc string) string {
	if strings.HasPrefix(loc, "https://www.rheintal-bank.test/en/") {
		return "en"
	}
	return "de"
}

// Every product has its English page from the one data row: the PRIIPs
// wording and the numbers in English, the German page as it was; the
// English explainer's prose where it exists, else a note with a link to
// the German one. Each language has its own feed, list and advisors.
func TestProductsInEveryLanguage(t *testing.T) {
	res, dest := buildSucceeds(t, demoWithGaps(t))
	enPage := read(t, filepath.Join(dest, "en", "products", "etf-sparplan-welt", "index.html"))
	dePage := read(t, filepath.Join(dest, "products", "etf-sparplan-welt", "index.html"))
	for _, want := range []string{"Risk class 4 of 7", "€10,000.00", "you save from €25 a month"} {
		if !strings.Contains(enPage, want) {
			t.Errorf("the English product page lacks %q", want)
		}
	}
	for _, want := range []string{"Risikoklasse 4 von 7", "10.000,00\u00a0€", "ab 25 Euro im Monat"} {
		if !strings.Contains(dePage, want) {
			t.Errorf("the German product page lacks %q", want)
		}
	}
	untranslated := read(t, filepath.Join(dest, "en", "products", "tagesgeld-plus", "index.html"))
	if !strings.Contains(untranslated, `The text of this page is available in German only: <a href="/products/tagesgeld-plus/"`) {
		t.Error("the English page of a product whose explainer is German only does not say so")
	}
	if !strings.Contains(read(t, filepath.Join(dest, "en", "products", "index.html")), `href="/en/products/tagesgeld-plus/"`) {
		t.Error("the English products list does not list the products' English pages")
	}
	feed := read(t, filepath.Join(dest, "en", "feed.xml"))
	links := regexp.MustCompile(`<link href="([^"]*)"`).FindAllStringSubmatch(feed, -1)
	if !strings.Contains(feed, `xml:lang="en"`) || len(links) < 2 {
		t.Errorf("the English feed is not the English pages':\n%s", feed)
	}
	for _, l := range links {
		if !strings.HasPrefix(l[1], "https://www.rheintal-bank.test/en/") {
			t.Errorf("the English feed links %s, no English page", l[1])
		}
	}
	if !strings.Contains(read(t, filepath.Join(dest, "en", "advisors", "murat-yilmaz", "index.html")), "Turkish") {
		t.Error("the English advisor card does not name the languages in English")
	}
	var warnings []string
	for _, d := range check.Translations(res.Site) {
		warnings = append(warnings, d.Error())
	}
	all := strings.Join(warnings, "\n")
	for _, want := range []string{
		"content/stories/der-erste-etf.md: warning: the page has no version in English (content/stories/der-erste-etf.en.md)",
		"content/products/tagesgeld-plus.md: warning: the page has no version in English (content/products/tagesgeld-plus.en.md)",
		"content/ueber-uns.en.md:4: warning: the translation was last changed on 2020-01-01, its original content/ueber-uns.md on 2026-10-01",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("klartext check lacks\n  %s\nin\n  %s", want, strings.ReplaceAll(all, "\n", "\n  "))
		}
	}
	if strings.Contains(all, "content/ueber-uns.md: warning: the page has no version") {
		t.Error("a translated page is reported untranslated")
	}
}

// A language of languages: without a translation file is an error on its
// line, as language: is.
func TestUnsupportedLanguageOfLanguagesIsAnError(t *testing.T) {
	refused(t, put(t, "content/site.yaml", "title: Testbank\nbaseURL: https://bank.test/\nlanguages:\n  - de\n  - fr\n"),
		"content/site.yaml:5: the language fr is not supported: the theme has no translation file themes/klartext/i18n/fr.yaml (it has de, en) — write language: with one of de, en, or add themes/klartext/i18n/fr.yaml with every key of de.yaml")
}

// Each language's site has its own search page, advisor filter pages and
// feedback: the form names an English page with its folder, and the
// export's rows of /en/ pages count on the English pages only. A language
// without menus: of its own leaves out the top-level entries whose page
// it has no version of.
func TestEachLanguageHasItsOwnPages(t *testing.T) {
	root := demoWithGaps(t)
	csv := filepath.Join(root, "content", "data", "feedback.csv")
	b, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	row := "900,/en/ueber-uns/,2026-11-01,praise,,5,,5,5,\"Clear words, thank you.\",yes,,\n"
	if err := os.WriteFile(csv, append(b, row...), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() || len(res.Diagnostics.Warnings()) != 0 {
		t.Fatalf("the build must succeed without warnings: %s", joinDiags(res))
	}
	for _, f := range []string{"en/search/index.html", "en/feedback/index.html", "en/advisors/index.html", "en/topics/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("the English site lacks %s", f)
		}
	}
	filters, _ := filepath.Glob(filepath.Join(dest, "en", "advisors", "*", "*", "index.html"))
	if len(filters) == 0 {
		t.Error("the English site has no advisor filter pages")
	}
	en, de := read(t, filepath.Join(dest, "en", "ueber-uns", "index.html")), read(t, filepath.Join(dest, "ueber-uns", "index.html"))
	if !strings.Contains(en, `value="/en/ueber-uns/"`) || !strings.Contains(de, `value="/ueber-uns/"`) {
		t.Error("the feedback form does not name the page with its language's folder")
	}
	if !strings.Contains(en, "Clear words, thank you.") || strings.Contains(de, "Clear words, thank you.") {
		t.Error("the row of /en/ueber-uns/ is not the English page's alone")
	}
	// The balance per language and over all: the demo's rows are the
	// German pages', the one row above the English site's.
	enBalance, deBalance := read(t, filepath.Join(dest, "en", "feedback", "index.html")), read(t, filepath.Join(dest, "feedback", "index.html"))
	if !strings.Contains(enBalance, "In total 1 × praise, 0 × criticism, 0 × questions.") {
		t.Error("the English feedback page does not count the English row alone")
	}
	all := regexp.MustCompile(`In allen Sprachen der Website zusammen (\d+) × Lob`).FindStringSubmatch(deBalance)
	own := regexp.MustCompile(`Insgesamt (\d+) × Lob`).FindStringSubmatch(deBalance)
	if all == nil || own == nil || atoi(t, all[1]) != atoi(t, own[1])+1 || !strings.Contains(enBalance, "languages together "+all[1]+" × praise") {
		t.Errorf("the balance over all languages is not the sum of both: %v %v", all, own)
	}
	if strings.Contains(en, `href="/impressum/"`) || !strings.Contains(de, `href="/impressum/"`) {
		t.Error("the English footer links the German-only imprint, or the German one does not")
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A page of the default language in another language's folder would be
// written where that language's site is: an error at the file.
func TestPageInALanguageFolderIsAnError(t *testing.T) {
	refused(t, func(root string) {
		put(t, "content/site.yaml", "title: Testbank\nbaseURL: https://bank.test/\nlanguages: [de, en]\n")(root)
		put(t, "content/en/preise.md", "---\ntitle: Preise\n---\nText.\n")(root)
	}, "content/en/preise.md: the page's address /en/preise/ is in the folder of the pages in English — rename or move the folder content/en/; a translation is named by its file (ueber-uns.en.md)")
}

// TestHeadersCoverEveryLanguage: _headers, written once at the root,
// gives the other language's pages (below /en/) their short cache too.
func TestHeadersCoverEveryLanguage(t *testing.T) {
	_, dest := buildDemo(t)
	h := read(t, filepath.Join(dest, "_headers"))
	if !strings.Contains(h, "\n/en/*\n  Cache-Control: ") {
		t.Errorf("_headers has no cache rule for the English pages:\n%s", h)
	}
}

// A file is the same in every language: the theme's static files, the
// content's files, the images and their sizes and the videos are
// published once, at the default language's address, and the pages of
// every language name that copy. No file under /en/ is one the root has
// with the same bytes; the English pages' stylesheets, scripts, favicon,
// images (also a size only an English page shows), video sources,
// captions and poster, and a link to a file of content/ name the root's.
func TestLanguagesShareTheirFiles(t *testing.T) {
	root := copyDemo(t)
	image, err := os.ReadFile(filepath.Join(root, "content", "ueber-uns", "filiale-speyer.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	put(t, "content/ueber-uns/nur-englisch.jpg", string(image))(root) // shown only by the English page
	enAbout := read(t, filepath.Join(root, "content", "ueber-uns.en.md"))
	put(t, "content/ueber-uns.en.md", enAbout+"\n![The same, only here](ueber-uns/nur-englisch.jpg)\n\n"+
		"[The drawing](ueber-uns/filiale-speyer.jpg) and [the video](/videos/kosten-verstehen.mp4).\n")(root)
	video := read(t, filepath.Join(root, "content", "videos", "kosten-verstehen.md"))
	put(t, "content/videos/kosten-verstehen.en.md", strings.Replace(video, `title: "Risiko, Kosten, Szenarien – in 15 Sekunden"`, `title: "Risk, costs, scenarios"`, 1))(root)
	// A poster taken of the video (here by a stand-in for ffmpeg) is the
	// same in both languages.
	fake := filepath.Join(t.TempDir(), "ffmpeg")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nprintf '\\211PNG\\r\\n\\032\\nBILD'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(stillframe.Env, fake)
	frame := "```video\nfile: kosten-verstehen.webm\ntitle: \"%s\"\ncaptions: none\nreason: \"%s\"\n```\n"
	put(t, "content/videos/standbild.md", "---\ntitle: \"Standbild\"\n---\n"+fmt.Sprintf(frame, "Ohne Bild", "Ohne Ton"))(root)
	put(t, "content/videos/standbild.en.md", "---\ntitle: \"Still\"\n---\n"+fmt.Sprintf(frame, "No picture", "No sound"))(root)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	var dups []string
	en := filepath.Join(dest, "en")
	_ = filepath.WalkDir(en, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(en, p)
		if other, err := os.ReadFile(filepath.Join(dest, rel)); err == nil && string(other) == read(t, p) {
			dups = append(dups, "en/"+filepath.ToSlash(rel))
		}
		return nil
	})
	for _, d := range dups {
		t.Errorf("%s is the root's file again, byte for byte: publish it once and name the root's copy", d)
	}

	refs := regexp.MustCompile(`(?:src|href|poster|srcset)="([^"]*)"`)
	for _, page := range []string{"ueber-uns/index.html", "videos/kosten-verstehen/index.html", "index.html"} {
		html := read(t, filepath.Join(en, filepath.FromSlash(page)))
		n := 0
		for _, m := range refs.FindAllStringSubmatch(html, -1) {
			for _, entry := range strings.Split(m[1], ", ") {
				u := strings.Fields(entry)[0]
				if !strings.HasPrefix(u, "/") || strings.HasSuffix(u, "/") || strings.Contains(u, "#") {
					continue // a page, or another site's
				}
				n++
				if strings.HasPrefix(u, "/en/") && !strings.HasSuffix(u, ".xml") && !strings.HasSuffix(u, ".vcf") {
					t.Errorf("en/%s names %s, a file of the English folder: a file every language shows is the root's", page, u)
				}
				if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(u))); err != nil {
					t.Errorf("en/%s names %s, which the build did not write", page, u)
				}
			}
		}
		if n < 4 {
			t.Errorf("en/%s names %d files; the test expects stylesheet, favicon, scripts and more", page, n)
		}
	}
	about := read(t, filepath.Join(en, "ueber-uns", "index.html"))
	for _, want := range []string{`href="/ueber-uns/filiale-speyer.jpg"`, `href="/videos/kosten-verstehen.mp4"`, ` srcset="/ueber-uns/nur-englisch-`, `href="/favicon.svg"`} {
		if !strings.Contains(about, want) {
			t.Errorf("en/ueber-uns/ lacks %s", want)
		}
	}
	if still := read(t, filepath.Join(en, "videos", "standbild", "index.html")); !strings.Contains(still, `poster="/videos/kosten-verstehen.poster.png"`) {
		t.Error("en/videos/standbild/ does not show the root's frame as its poster")
	}
	if got := read(t, filepath.Join(dest, "videos", "kosten-verstehen.poster.png")); got != "\x89PNG\r\n\x1a\nBILD" {
		t.Errorf("the frame at the root: %q", got)
	}
	player := read(t, filepath.Join(en, "videos", "kosten-verstehen", "index.html"))
	for _, want := range []string{`src="/videos/kosten-verstehen.webm"`, `src="/videos/kosten-verstehen.en.vtt"`, `poster="/videos/kosten-verstehen.jpg"`} {
		if !strings.Contains(player, want) {
			t.Errorf("en/videos/kosten-verstehen/ lacks %s", want)
		}
	}
	// The advisor's vCard names the one photo by its absolute address.
	if vcf := read(t, filepath.Join(en, "advisors", "jonas-weber", "jonas-weber.vcf")); !strings.Contains(vcf, "PHOTO:https://www.rheintal-bank.test/advisors/jonas-weber-") {
		t.Errorf("the English vCard's photo is not the root's:\n%s", vcf)
	}
}

// Every language's aliases are in _redirects and the web server's
// snippet, with the language's folder in the old and the new address,
// beside its redirect page in its folder; no language has a _redirects
// of its own (a host reads the root's only). An alias of the default
// language in another language's folder is an error at its line: the
// address of that language's page, or a place only that language's own
// aliases take.
func TestAliasesOfEveryLanguage(t *testing.T) {
	root := copyDemo(t)
	replaceIn(t, "content/ueber-uns.en.md", "title: \"About us\"\n", "title: \"About us\"\naliases: [/about/, /about-us.html]\n")(root)
	dest := filepath.Join(root, "public")
	res, err := Build(Options{Source: root, Dest: dest, Now: testNow, Redirects: "nginx"})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatal(err, joinDiags(res))
	}
	redirects := read(t, filepath.Join(dest, "_redirects"))
	for _, want := range []string{"/begriffe/ /glossar/ 301\n", "/en/about/ /en/ueber-uns/ 301\n", "/en/about-us.html /en/ueber-uns/ 301\n"} {
		if !strings.Contains(redirects, want) {
			t.Errorf("_redirects lacks %q:\n%s", want, redirects)
		}
	}
	if nginx := read(t, filepath.Join(dest, "_redirects.nginx.conf")); !strings.Contains(nginx, `location = "/en/about/" { return 301 "/en/ueber-uns/"; }`) ||
		!strings.Contains(nginx, `location = "/begriffe/"`) {
		t.Errorf("the nginx snippet lacks a language's alias:\n%s", nginx)
	}
	if page := read(t, filepath.Join(dest, "en", "about", "index.html")); !strings.Contains(page, `url=/en/ueber-uns/"`) || !strings.Contains(page, `<html lang="en">`) {
		t.Errorf("en/about/ is no redirect to /en/ueber-uns/:\n%s", page)
	}
	for _, f := range []string{"_redirects", "_redirects.nginx.conf"} {
		if _, err := os.Stat(filepath.Join(dest, "en", f)); err == nil {
			t.Errorf("en/%s is written: a host reads only the root's", f)
		}
	}

	replaceIn(t, "content/glossar.md", "aliases: [/begriffe/]", "aliases: [/begriffe/, /en/ueber-uns/, /en/alt/]")(root)
	wantErrors(t, build(t, root, dest),
		"content/glossar.md:3: the alias /en/ueber-uns/ is the address of content/ueber-uns.en.md",
		"content/glossar.md:3: the alias /en/alt/ is in the folder of the pages in English — an old address of a page in English belongs to that page's translation, without the folder: aliases: [/alt/]")
}

// The demo's product page in English has the PRIIPs wording in English
// (Delegated Regulation 2017/653, Annexes III, IV, V and VII as amended by
// 2021/2268) and English number and currency formats; the German page is
// the one-language demo's (sitetest.GermanDemo) byte for byte, but for
// its hreflang links and the language switch.
func TestDemoProductInBothLanguages(t *testing.T) {
	_, dest := buildDemo(t)
	_, germanOnly := buildSucceeds(t, germanDemo(t))
	const product = "products/etf-sparplan-welt/index.html"
	en := read(t, filepath.Join(dest, "en", filepath.FromSlash(product)))
	for _, want := range []string{
		`<html lang="en"`,
		"We have classified this product as 4 out of 7, which is a medium risk class.",
		"Recommended holding period",
		"Stress scenario", "Unfavourable scenario", "Moderate scenario", "Favourable scenario",
		"There is no minimum guaranteed return. You could lose some or all of your investment.",
		"Management fees and other administrative or operating costs",
		"Annual cost impact",
		"€10,000.00", "€18,771.37", "0.20%", "−45.2%", // English separators, the euro sign first
	} {
		if !strings.Contains(en, want) {
			t.Errorf("the English product page lacks %q", want)
		}
	}
	for _, german := range []string{"Risikoklasse", "Szenario", "10.000,00", "Jahren"} {
		if strings.Contains(en, german) {
			t.Errorf("the English product page has the German %q", german)
		}
	}
	// Every product of the demo has its English page with its English
	// explainer (README, The demo).
	products, _ := filepath.Glob(filepath.Join(dest, "products", "*", "index.html"))
	for _, p := range products {
		rel, _ := filepath.Rel(dest, p)
		if s := read(t, filepath.Join(dest, "en", rel)); strings.Contains(s, `class="text-in"`) {
			t.Errorf("en/%s has no English explainer", rel)
		}
	}
	if len(products) < 8 {
		t.Errorf("only %d product pages", len(products))
	}
	de := read(t, filepath.Join(dest, filepath.FromSlash(product)))
	multilingual := regexp.MustCompile(`(?m)^<link rel="alternate" hreflang="[^"]+" href="[^"]+">\n|<nav class="language-switch[^\n]*</nav>\n`)
	if n := len(multilingual.FindAllString(de, -1)); n != 4 {
		t.Errorf("the German product page has %d hreflang links and switches, want 3 links and 1 switch", n)
	}
	if got, want := multilingual.ReplaceAllString(de, ""), read(t, filepath.Join(germanOnly, filepath.FromSlash(product))); got != want {
		t.Errorf("the German product page differs from the one-language demo's beyond its links to the English version:\n%s", sitetest.FirstDifference(want, got))
	}
}

// Each language's form sends its readers back to that language's
// thank-you page (README, Feedback: a language's feedback: redirect:),
// and a bad address there is an error at its line of site.yaml.
func TestEachLanguageHasItsThankYouPage(t *testing.T) {
	_, dest := buildDemo(t)
	const product = "products/etf-sparplan-welt/index.html"
	for _, tc := range []struct{ page, thanks string }{
		{product, "https://www.rheintal-bank.test/danke/"},
		{"en/" + product, "https://www.rheintal-bank.test/en/danke/"},
	} {
		html := read(t, filepath.Join(dest, filepath.FromSlash(tc.page)))
		if want := `<input type="hidden" name="redirect" value="` + tc.thanks + `">`; !strings.Contains(html, want) {
			t.Errorf("%s: the form does not send its readers to %s (no %s)", tc.page, tc.thanks, want)
		}
	}
	// The English thank-you page the demo names is one it publishes.
	if _, err := os.Stat(filepath.Join(dest, "en", "danke", "index.html")); err != nil {
		t.Errorf("the demo names /en/danke/ as English readers' thank-you page: %v", err)
	}

	root := copyDemo(t)
	const bad = `      redirect: "https://www.rheintal-bank.test/en/danke/"`
	site := read(t, filepath.Join(root, "content", "site.yaml"))
	line := strings.Count(site[:strings.Index(site, bad)], "\n") + 1
	edit(t, root, "content/site.yaml", bad, `      redirect: "http://www.rheintal-bank.test/en/danke/"`)
	wantErrors(t, build(t, root, filepath.Join(root, "public")),
		fmt.Sprintf(`content/site.yaml:%d:17: feedback.redirect "http://www.rheintal-bank.test/en/danke/" is http://`, line))
}
