package pipeline

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/emersion/go-vcard"

	"github.com/klartext/klartext/generator/sitetest"
)

// copyDemo copies the repository's demo site into a temporary root.
func copyDemo(t *testing.T) string { return sitetest.CopyDemo(t, filepath.Join("..", "..")) }

// germanDemo is the demo as a site of one language (sitetest.GermanDemo),
// for what only such a site does: klartext serve's incremental rebuilds
// (a site of several languages builds whole), language: alone.
func germanDemo(t *testing.T) string { return sitetest.GermanDemo(t, filepath.Join("..", "..")) }

// edit replaces old by new in a file of the site (sitetest.Edit).
func edit(t *testing.T, root, file, old, new string) { sitetest.Edit(t, root, file, old, new) }

// failedEdit builds the demo, makes one edit, builds again and checks that
// the second build failed and left the first build's output byte for byte.
func failedEdit(t *testing.T, file, old, new string) *Result {
	t.Helper()
	root := copyDemo(t)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	before := tree(t, dest)
	edit(t, root, file, old, new)
	res := build(t, root, dest)
	if !res.Diagnostics.HasErrors() {
		t.Errorf("the build must fail after the edit of %s", file)
	}
	if tree(t, dest) != before {
		t.Error("the previous output changed")
	}
	return res
}

func TestDemoBuildsCleanly(t *testing.T) {
	root := copyDemo(t)
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if n := res.Diagnostics.Len(); n != 0 {
		t.Fatalf("the demo must build with no errors and no warnings, got:\n%s", joinDiags(res))
	}
	// Every product shows all four product charts, each with a table.
	matches, _ := filepath.Glob(filepath.Join(dest, "products", "*", "index.html"))
	if len(matches) < 8 {
		t.Fatalf("only %d product pages", len(matches))
	}
	for _, m := range matches {
		page := read(t, m)
		for _, kind := range []string{"risk", "costs", "costs-over-time", "scenarios"} {
			re := regexp.MustCompile(`<figure class="chart chart-` + kind + `"[^>]*>[\s\S]*?<table class="chart-table"`)
			if !re.MatchString(page) {
				t.Errorf("%s: no %s chart with a table", m, kind)
			}
		}
		// charts.js loads ECharts when a chart comes near the screen
		// (the browser suite's TestChartsRender sees it), not the page;
		// the page tells it ECharts' hashed name and integrity.
		if !loadsScript(page, "/js/charts.js") || loadsScript(page, "/js/echarts.min.js") ||
			!regexp.MustCompile(`data-echarts="/js/echarts\.min\.[0-9a-f]{10}\.js" data-echarts-integrity="sha384-[^"]+"`).MatchString(page) {
			t.Errorf("%s: want charts.js loaded by the page and ECharts (by its hashed name, with integrity) by charts.js", m)
		}
	}
	list := read(t, filepath.Join(dest, "products", "index.html"))
	if !strings.Contains(list, `chart-comparison`) || !strings.Contains(list, `data-sortable`) {
		t.Error("the products section lacks the comparison chart and its sortable table")
	}
	// Pages without charts do not load ECharts.
	if strings.Contains(read(t, filepath.Join(dest, "glossar", "index.html")), "echarts") {
		t.Error("a page without charts loads ECharts")
	}
	// Every page's footer links Impressum and Datenschutz (site.yaml's
	// footer menu) in the page's language, the legal pages themselves
	// marked as the current one.
	footer := regexp.MustCompile(`(?s)<footer class="site-footer">.*?</footer>`)
	pages := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		html := read(t, p)
		if strings.Contains(html, `<meta http-equiv="refresh"`) {
			return nil // an alias's redirect page, no page of the site
		}
		pages++
		f := footer.FindString(html)
		folder := ""
		if rel, _ := filepath.Rel(dest, p); strings.HasPrefix(filepath.ToSlash(rel), "en/") {
			folder = "/en"
		}
		for _, legal := range []string{folder + "/impressum/", folder + "/datenschutz/"} {
			if !strings.Contains(f, `<a href="`+legal+`"`) {
				t.Errorf("%s: the footer does not link %s: %q", p, legal, f)
			}
		}
		return nil
	})
	if err != nil || pages < 60 {
		t.Fatalf("%d pages, %v", pages, err)
	}
	if !strings.Contains(read(t, filepath.Join(dest, "impressum", "index.html")), `<a href="/impressum/" aria-current="page">Impressum</a>`) ||
		!strings.Contains(read(t, filepath.Join(dest, "en", "impressum", "index.html")), `<a href="/en/impressum/" aria-current="page">Legal notice</a>`) {
		t.Error("the Impressum's footer link is not marked as the current page")
	}
}

// TestProductFiguresOnPage checks the figures of one demo product against
// numbers worked out by hand with the model's formulas (package product):
// mischfonds-ausgewogen: entry 4.5 %, ongoing 1.55 %, transaction 0.15 %,
// moderate 3.6 %, RHP 5.
//
//	1 year, 0 % before costs: N = 10000 × 0.955 × 0.983 = 9387.65; costs 612.35; impact 6.12 %
//	5 years: N is the moderate scenario's value, 10000 × 1.036^5 = 11934.35;
//	1 + g = 1.036 / (0.983 × 0.955^(1/5)) = 1.0636668; G = 10000 × 1.0636668^5 = 13615.32
//	costs 1680.97; impact g − m = 6.36668 % − 3.6 % = 2.77 %
//	composition after 1 year: entry 450.00, ongoing 9550 × 1.55 % = 148.03 (148.025),
//	transaction 9550 × 0.15 % = 14.32 (14.325) — 612.35 in all, to the cent
func TestProductFiguresOnPage(t *testing.T) {
	root := copyDemo(t)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	page := read(t, filepath.Join(dest, "products", "mischfonds-ausgewogen", "index.html"))
	for _, want := range []string{
		"612,35\u00a0€", "1.680,97\u00a0€", "6,12\u00a0%", "2,77\u00a0%", "11.934,35\u00a0€",
		"450,00\u00a0€", "148,03\u00a0€", "14,32\u00a0€",
		"Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 3 eingestuft; das ist eine mittelniedrige Risikoklasse.",
		"DE000RTB0031", "Ausstieg nach 5 Jahren",
		// the KID and the manufacturer with the facts
		`<a href="https://www.rheintal-bank.test/basisinformationsblatt/DE000RTB0031.pdf" rel="noopener">Basisinformationsblatt vom 1. Oktober 2026</a>`,
		"<dd>Rheintal Invest GmbH</dd>",
		// the composition's rates as the KID words them
		"1,55\u00a0% des Werts Ihrer Anlage pro Jahr", "4,50\u00a0% des Betrags, den Sie beim Einstieg zahlen",
		// the scenarios after 1 year in their own columns, and no minimum
		"Wert nach 1 Jahr", "10.290,00\u00a0€", "Es gibt keine garantierte Mindestrendite.",
		// the return before and after costs at the holding period (the footnote of Annex VII table 1)
		"voraussichtlich 6,37\u00a0% vor Kosten und 3,60\u00a0% nach Kosten",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("product page lacks %q", want)
		}
	}
	// A sliding exit cost (1 % in the first year, none at the holding
	// period) is in the 1-year column only: 300 + 9,700 × 0.83 % = 380.51,
	// then 1 % of the 9,619.49 left = 96.19; 476.70 in all.
	bond := read(t, filepath.Join(dest, "products", "rentenfonds-euro", "index.html"))
	for _, want := range []string{"476,70\u00a0€", "96,19\u00a0€", "612,36\u00a0€", "Ausstiegskosten 1,00\u00a0% nach 1 Jahr, 0,00\u00a0% am Ende der empfohlenen Haltedauer"} {
		if !strings.Contains(bond, want) {
			t.Errorf("bond fund page lacks %q", want)
		}
	}
	// A deposit with its guaranteed interest as the minimum.
	if dep := read(t, filepath.Join(dest, "products", "tagesgeld-plus", "index.html")); !strings.Contains(dep, "Mindestens erhalten Sie 10.175,00\u00a0€ zurück, wenn Sie nach 1 Jahr aussteigen.") {
		t.Error("the deposit's page lacks its minimum")
	}
	// The KID's own figures are shown, and said to be the KID's.
	etf := read(t, filepath.Join(dest, "products", "etf-sparplan-welt", "index.html"))
	for _, want := range []string{"437,00\u00a0€", "159,00\u00a0€", "Die Kosten insgesamt und ihre jährlichen Auswirkungen sind die Zahlen des Basisinformationsblatts."} {
		if !strings.Contains(etf, want) {
			t.Errorf("the ETF's page lacks %q", want)
		}
	}
}

func TestProductErrorsFailTheBuild(t *testing.T) {
	const csv = "content/data/products.csv"
	const row = "mischfonds-ausgewogen,Rheintal Mischfonds Ausgewogen,DE000RTB0031,mixed-fund,EUR,3,3,1,5,4.50,0.00,,1.55,"
	cases := []struct {
		name             string
		file, old, new   string
		wantFile, wantIn string
		wantLine         int
	}{
		{"sri 9", csv, row, strings.Replace(row, ",EUR,3,3,1,", ",EUR,9,,,", 1), csv, "sri must be", 6},
		{"negative cost", csv, row, strings.Replace(row, ",1.55,", ",-1.55,", 1), csv, "must be 0 or more", 6},
		{"wrong ISIN check digit", csv, row, strings.Replace(row, "DE000RTB0031", "DE000RTB0032", 1), csv, "check digit", 6},
		{"sri against mrm and crm", csv, row, strings.Replace(row, ",EUR,3,3,1,", ",EUR,6,4,1,", 1), csv, "the PRIIPs table gives 4", 6},
		{"explainer with unknown product", "content/products/rentenfonds-euro.md", "product: rentenfonds-euro", "product: rentenfonds-eur",
			"content/products/rentenfonds-euro.md", `names the product "rentenfonds-eur"`, 4},
		{"unknown chart type", "content/products/mischfonds-ausgewogen.md", "type: costs-over-time", "type: pie-in-the-sky",
			"content/products/mischfonds-ausgewogen.md", "pie-in-the-sky", 0},
		{"page past valid_until", "content/products/rentenfonds-euro.md", "valid_until: 2027", "valid_until: 2025",
			"content/products/rentenfonds-euro.md", "expired", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := failedEdit(t, tc.file, tc.old, tc.new)
			found := false
			for _, d := range res.Diagnostics.Errors() {
				if d.File == tc.wantFile && strings.Contains(d.Error(), tc.wantIn) && d.Line > 0 && (tc.wantLine == 0 || d.Line == tc.wantLine) {
					found = true
				}
			}
			if !found {
				t.Errorf("want an error in %s (line %d) containing %q, got:\n%s", tc.wantFile, tc.wantLine, tc.wantIn, joinDiags(res))
			}
		})
	}
}

func TestStalePageBuildsWithAllowStale(t *testing.T) {
	root := copyDemo(t)
	edit(t, root, "content/products/rentenfonds-euro.md", "valid_until: 2027", "valid_until: 2025")
	res, err := Build(Options{Source: root, AllowStale: true, Now: testNow})
	if err != nil || res.Diagnostics.HasErrors() || len(res.Diagnostics.Warnings()) != 1 {
		t.Fatalf("want one warning: %v %s", err, joinDiags(res))
	}
}

// TestStoriesShowTheirProducts checks the README's promise that a story
// shows the products it mentions with their risk class: every demo story
// with products:, and each English version (x.en.md, under /en/), lists
// each of them, linked in its language, with its risk badge.
func TestStoriesShowTheirProducts(t *testing.T) {
	root := copyDemo(t)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	stories, _ := filepath.Glob(filepath.Join(root, "content", "stories", "*.md"))
	checked := 0
	for _, src := range stories {
		m := regexp.MustCompile(`(?m)^products:\s*\[([^\]]*)\]`).FindStringSubmatch(read(t, src))
		if m == nil {
			continue
		}
		checked++
		slug, folder := strings.TrimSuffix(filepath.Base(src), ".md"), ""
		if s, ok := strings.CutSuffix(slug, ".en"); ok {
			slug, folder = s, "/en"
		}
		page := read(t, filepath.Join(dest, filepath.FromSlash(folder), "stories", slug, "index.html"))
		block := regexp.MustCompile(`(?s)<section aria-labelledby="story-products">.*?</section>`).FindString(page)
		if block == "" {
			t.Errorf("story %s names products but shows no product block", slug)
			continue
		}
		for _, id := range strings.Split(m[1], ",") {
			id = strings.TrimSpace(id)
			re := regexp.MustCompile(`<li><a href="` + folder + `/products/` + regexp.QuoteMeta(id) + `/">[^<]+</a> <span class="risk-badge risk-[1-7]">`)
			if !re.MatchString(block) {
				t.Errorf("story %s: product %s not listed with its risk badge in\n%s", slug, id, block)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no demo story names products: the test checks nothing")
	}
}

func TestAdvisorAndStoryReferences(t *testing.T) {
	cases := []struct {
		name, file, old, new, want string
	}{
		{"unknown advisor in a story", "content/stories/der-erste-etf.md", "advisor: jonas-weber", "advisor: jonas-webr",
			`content/stories/der-erste-etf.md:5: advisor names the advisor "jonas-webr", but there is no content/advisors/jonas-webr.md — did you mean jonas-weber?`},
		{"unknown product in a story", "content/stories/der-erste-etf.md", "products: [etf-welt-nachhaltig", "products: [etf-welt-nachhaltg",
			`content/stories/der-erste-etf.md:6: products names the product "etf-welt-nachhaltg", which is not in content/data/products.csv — did you mean etf-welt-nachhaltig?`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := copyDemo(t)
			edit(t, root, tc.file, tc.old, tc.new)
			res := build(t, root, filepath.Join(root, "public"))
			if !strings.Contains(joinDiags(res), tc.want) || !res.Diagnostics.HasErrors() {
				t.Errorf("want %q, got:\n%s", tc.want, joinDiags(res))
			}
		})
	}
}

// A withdrawn advisor (published: false in the profile and in its English
// version) has no page in either language and no link to one.
//
// Consent is the person's: published: false in the German file, in the
// English translation or in both withdraws the advisor in every language.
func TestWithdrawnAdvisorIsReportedAndUnlinked(t *testing.T) {
	for _, files := range [][]string{
		{"content/advisors/jonas-weber.md"},
		{"content/advisors/jonas-weber.en.md"},
		{"content/advisors/jonas-weber.md", "content/advisors/jonas-weber.en.md"},
	} {
		t.Run(strings.Join(files, "+"), func(t *testing.T) { withdrawnAdvisor(t, files) })
	}
}

func withdrawnAdvisor(t *testing.T, files []string) {
	root := copyDemo(t)
	for _, f := range files {
		edit(t, root, f, "---\n", "---\npublished: false\n")
	}
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	report := joinDiags(res)
	for _, want := range []string{`the advisor "jonas-weber" withdrew consent`, "content/stories/der-erste-etf.md:", "content/stories/sparplan-im-crash.md:"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	for _, dir := range []string{"advisors", filepath.Join("en", "advisors")} {
		if _, err := os.Stat(filepath.Join(dest, dir, "jonas-weber")); err == nil {
			t.Errorf("a withdrawn advisor still has a page in %s", dir)
		}
	}
	story := read(t, filepath.Join(dest, "stories", "der-erste-etf", "index.html"))
	if strings.Contains(story, "/advisors/jonas-weber/") || !strings.Contains(story, "Jonas Weber") {
		t.Error("the story must name the advisor without linking to them")
	}
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(read(t, p), "/advisors/jonas-weber/") {
			t.Errorf("%s still links to the withdrawn advisor", p)
		}
		return nil
	})
}

func TestVCardParses(t *testing.T) {
	root := copyDemo(t)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	f, err := os.Open(filepath.Join(dest, "advisors", "lea-hoffmann", "lea-hoffmann.vcf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	card, err := vcard.NewDecoder(f).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if card.Value(vcard.FieldVersion) != "4.0" || card.PreferredValue(vcard.FieldFormattedName) != "Lea Hoffmann" ||
		!strings.HasPrefix(card.PreferredValue(vcard.FieldTelephone), "tel:+49") || !strings.Contains(card.PreferredValue(vcard.FieldEmail), "@") {
		t.Errorf("vCard fields: %v", card)
	}
}

// TestEnglishSite checks the reader's locale on an English site: the
// PRIIPs wording and numbers as "€1,234.56" and "0.85%".
func TestEnglishSite(t *testing.T) {
	files := minimalSite()
	files["content/site.yaml"] = "title: Bank\nbaseURL: https://bank.test/\nlanguage: en\n"
	files["content/data/products.csv"] = "id,name,type,sri,rhp_years,entry_pct,exit_pct,ongoing_pct,transaction_pct,scenario_stress_pct,scenario_unfavourable_pct,scenario_moderate_pct,scenario_favourable_pct\n" +
		"fund,World Fund,equity-fund,4,5,3,0,1.2,0.1,-30,-5,3,8\n"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	page := read(t, filepath.Join(dest, "products", "fund", "index.html"))
	// The content model's worked example: entry 3 %, ongoing 1.2 %,
	// transaction 0.1 %, after 1 year: costs 426.10, impact 4.26 %.
	for _, want := range []string{
		"We have classified this product as 4 out of 7, which is a medium risk class.",
		"€426.10", "4.26%", "€10,000.00", `<html lang="en">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("English product page lacks %q", want)
		}
	}
}

// TestBadProductData covers the product cases of the bad-input catalogue:
// each fails the build with the file and row and leaves the old output.
func TestBadProductData(t *testing.T) {
	const csv = "content/data/products.csv"
	cases := []struct{ name, old, new, want string }{
		{"duplicate product id", "festgeld-2-jahre,Festgeld 2 Jahre", "tagesgeld-plus,Festgeld 2 Jahre",
			`content/data/products.csv:3:1: duplicate product id "tagesgeld-plus": it is already used at content/data/products.csv:2`},
		{"a number that is not one", "tagesgeld-plus,Tagesgeld Plus,,deposit,EUR,1,1,1,1,", "tagesgeld-plus,Tagesgeld Plus,,deposit,EUR,1,1,1,\"1,2,3\",",
			"content/data/products.csv:2:"},
		{"id with a path", "tagesgeld-plus,Tagesgeld Plus", "../../etc/passwd,Tagesgeld Plus", "content/data/products.csv:2:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := failedEdit(t, csv, tc.old, tc.new)
			if !strings.Contains(joinDiags(res), tc.want) {
				t.Errorf("want an error with %q, got:\n%s", tc.want, joinDiags(res))
			}
		})
	}
}

// TestAdvisorWithoutAdviceModel: a card that does not say how the advisor
// is paid warns the editor, says so on the profile, and leaves no empty
// paragraph on the cards elsewhere.
func TestAdvisorWithoutAdviceModel(t *testing.T) {
	root := copyDemo(t)
	edit(t, root, "content/advisors/jonas-weber.md", "advice_model: fee-based\n", "")
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() || !strings.Contains(joinDiags(res), "does not say how the advisor is paid") {
		t.Fatalf("want a warning and no error:\n%s", joinDiags(res))
	}
	profile := read(t, filepath.Join(dest, "advisors", "jonas-weber", "index.html"))
	if !strings.Contains(profile, "<dt>Beratungsmodell</dt><dd>nicht angegeben</dd>") {
		t.Error("the profile does not say that the advice model is not stated")
	}
	story := read(t, filepath.Join(dest, "stories", "der-erste-etf", "index.html"))
	if !strings.Contains(story, "/advisors/jonas-weber/") || strings.Contains(story, `<p class="advice-model advice-"></p>`) {
		t.Error("the story's advisor card is missing or has an empty advice model paragraph")
	}
}
