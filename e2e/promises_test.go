package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/site"
)

// The README's promises about the product, advisor and story pages, each
// checked on the built demo against what its editors wrote (front matter
// and product data, as the build read them). The promises other tests
// keep are named in the README's Tests section: the charts and their
// tables (TestDemoBuildsCleanly, TestPages, TestNoJavaScriptTablesShowFigures),
// the figures (TestProductFiguresOnPage, TestSameFigureEverywhere*), the
// summary, calculator, tables, print and comparison (productpage_test.go),
// withdrawn advisors and references (TestWithdrawnAdvisorIsReportedAndUnlinked,
// TestAdvisorAndStoryReferences), the vCard (TestVCardParses).

// builtPage reads the built page of n.
func builtPage(t *testing.T, n *site.Node) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(suite.public, filepath.FromSlash(n.URL), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// nodesOf are the site's pages of a kind, by URL.
func nodesOf(model *site.Site, kind content.Kind) []*site.Node {
	var out []*site.Node
	for _, n := range model.Nodes {
		if n.Kind == kind {
			out = append(out, n)
		}
	}
	return out
}

// "Every product gets a page at /products/<id>/", and the figures'
// sections are reachable as #risiko, #kosten, #szenarien (English #risk,
// #costs, #scenarios) on every product page — "unless the explainer has a
// heading of that id itself, which then keeps it": the id is on the page
// once, on the explainer's heading where it has one (the demo's
// explainers have a "## Kosten" or "## Risiko"), else on the section.
func TestPromiseProductPagesAndAnchors(t *testing.T) {
	needSetup(t)
	model := demoBuild(t)
	if len(model.ProductIDs) == 0 {
		t.Fatal("no products")
	}
	kept := 0
	for _, id := range model.ProductIDs {
		n := model.Products[id]
		if n.URL != "/products/"+id+"/" {
			t.Errorf("product %s is at %s", id, n.URL)
		}
		html := builtPage(t, n)
		explainer := between(html, `<section class="prose explainer"`, "</section>")
		for _, a := range []string{"risiko", "kosten", "szenarien"} {
			switch c := strings.Count(html, ` id="`+a+`"`); {
			case c == 0:
				t.Errorf("%s has no #%s", n.URL, a)
			case c > 1:
				t.Errorf("%s has #%s %d times", n.URL, a, c)
			}
			heading := regexp.MustCompile(`<h[1-6] id="` + a + `"`).MatchString(explainer)
			section := strings.Contains(html, `<section id="`+a+`"`)
			if heading == section {
				t.Errorf("%s: #%s on the explainer's heading %v, on the figures' section %v: want exactly one", n.URL, a, heading, section)
			}
			if heading {
				kept++
			}
		}
	}
	if kept == 0 {
		t.Error("no explainer of the demo has a heading #risiko, #kosten or #szenarien: the rule that it keeps its id is not checked")
	}
}

// "Product pages list their advisors and the stories that mention them."
func TestPromiseProductPagesListAdvisorsAndStories(t *testing.T) {
	needSetup(t)
	model := demoBuild(t)
	checked := 0
	for _, id := range model.ProductIDs {
		n := model.Products[id]
		html := builtPage(t, n)
		for _, slug := range n.Meta.Advisors {
			checked++
			if !strings.Contains(between(html, `aria-labelledby="advisors-heading"`, "</section>"), `href="/advisors/`+slug+`/"`) {
				t.Errorf("%s: its explainer names the advisor %s, whom the page does not list", n.URL, slug)
			}
		}
	}
	for _, s := range nodesOf(model, content.KindStory) {
		for _, id := range s.Meta.Products {
			checked++
			p := model.Products[id]
			if p == nil {
				t.Fatalf("%s names %s, which has no page", s.URL, id)
			}
			if !strings.Contains(between(builtPage(t, p), `aria-labelledby="stories-heading"`, "</section>"), `href="`+s.URL+`"`) {
				t.Errorf("%s: the story %s mentions it, the page does not list the story", p.URL, s.URL)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no advisor or story names a product: nothing checked")
	}
}

// "A story lists the products it mentions with name, risk badge and total
// costs at the holding period", and it "shows the advisor's card … and
// links to the previous and next story".
func TestPromiseStoryPages(t *testing.T) {
	needSetup(t)
	model := demoBuild(t)
	loc := locale.For(model.Config.Language)
	stories := nodesOf(model, content.KindStory)
	sort.SliceStable(stories, func(i, j int) bool { return stories[i].Meta.Date.Before(stories[j].Meta.Date) })
	products := 0
	for i, s := range stories {
		html := builtPage(t, s)
		if !strings.Contains(between(html, `<aside class="byline"`, "</aside>"), `href="/advisors/`+s.Meta.Advisor+`/"`) {
			t.Errorf("%s: no card of its advisor %s", s.URL, s.Meta.Advisor)
		}
		block := between(html, `aria-labelledby="story-products"`, "</section>")
		for _, id := range s.Meta.Products {
			products++
			p := model.Products[id]
			facts := p.Product.Facts
			cols := product.Compute(facts).Columns
			want := `<li><a href="` + p.URL + `">` + p.Title + `</a> <span class="risk-badge risk-` + strconv.Itoa(facts.SRI) + `">` +
				product.RiskLabel(facts.SRI, model.Config.Language) + `</span> <span class="story-costs">Kosten insgesamt nach ` +
				loc.YearsAfter(facts.RHPYears) + `: ` + loc.Money(cols[len(cols)-1].TotalCosts, facts.Currency)
			if !strings.Contains(block, want) {
				t.Errorf("%s: product %s not listed as\n  %s\nin\n  %s", s.URL, id, want, block)
			}
		}
		nav := between(html, `<nav class="story-nav"`, "</nav>")
		if i > 0 && !strings.Contains(nav, `rel="prev" href="`+stories[i-1].URL+`"`) {
			t.Errorf("%s: no link to the previous story %s in %q", s.URL, stories[i-1].URL, nav)
		}
		if i+1 < len(stories) && !strings.Contains(nav, `rel="next" href="`+stories[i+1].URL+`"`) {
			t.Errorf("%s: no link to the next story %s in %q", s.URL, stories[i+1].URL, nav)
		}
		if (i == 0) == strings.Contains(nav, `rel="prev"`) || (i == len(stories)-1) == strings.Contains(nav, `rel="next"`) {
			t.Errorf("%s: the oldest story has no previous, the newest no next: %q", s.URL, nav)
		}
	}
	if products == 0 || len(stories) < 2 {
		t.Fatalf("%d stories, %d products in them: nothing checked", len(stories), products)
	}
	if _, err := os.Stat(filepath.Join(suite.public, "stories", "feed.xml")); err != nil {
		t.Errorf("the stories section has no Atom feed: %v", err)
	}
}

// "content/advisors/<slug>.md is an open business card: photo (or the
// initials), role, branch, languages (codes, shown by name), specialties,
// the advice model (stated on the card), e-mail, phone (shown and linked in
// E.164), booking link, a vCard download and schema.org Person data."
func TestPromiseAdvisorPages(t *testing.T) {
	needSetup(t)
	model := demoBuild(t)
	advisors := nodesOf(model, content.KindAdvisor)
	if len(advisors) == 0 {
		t.Fatal("no advisors")
	}
	e164 := regexp.MustCompile(`href="tel:(\+|&#43;)[1-9][0-9]{6,14}"`) // html/template writes + as &#43;
	for _, a := range advisors {
		m := a.Meta
		html := builtPage(t, a)
		card := between(html, `<header class="business-card">`, "</header>")
		text := []string{m.Role, m.Branch}
		for _, l := range m.Languages {
			text = append(text, i18n.MustBuiltin(model.Config.Language).LanguageName(l))
		}
		text = append(text, m.Specialties...)
		markup := []string{`href="mailto:` + m.Email + `"`}
		if m.BookingURL != "" {
			markup = append(markup, `href="`+m.BookingURL+`"`)
		}
		for _, w := range text {
			markup = append(markup, escapeHTML(w))
		}
		for _, w := range markup {
			if !strings.Contains(card, w) {
				t.Errorf("%s: the card lacks %q", a.URL, w)
			}
		}
		if m.Phone != "" && !e164.MatchString(card) {
			t.Errorf("%s: the phone is not linked in E.164", a.URL)
		}
		if !strings.Contains(card, "<dt>Beratungsmodell</dt><dd><strong>") {
			t.Errorf("%s: the card does not state the advice model", a.URL)
		}
		if m.Photo != "" && !strings.Contains(card, "<img") || m.Photo == "" && !strings.Contains(card, "advisor-initials") {
			t.Errorf("%s: photo %q, but the card shows neither it nor the initials", a.URL, m.Photo)
		}
		vcf := regexp.MustCompile(`href="([^"]+\.vcf)" download`).FindStringSubmatch(card)
		if vcf == nil {
			t.Errorf("%s: no vCard link", a.URL)
		} else if _, err := os.Stat(filepath.Join(suite.public, filepath.FromSlash(vcf[1]))); err != nil {
			t.Errorf("%s: the vCard %s is not there: %v", a.URL, vcf[1], err)
		}
		if !strings.Contains(html, `"@type":"Person","name":"`+a.Title+`"`) {
			t.Errorf("%s: no schema.org Person named %q", a.URL, a.Title)
		}
	}
}

// "The advisors section filters by branch, language and specialty
// (generated pages without JavaScript, in place with it)": each filter
// page lists exactly the advisors it names.
func TestPromiseAdvisorFilterPages(t *testing.T) {
	needSetup(t)
	model := demoBuild(t)
	want := map[string][]string{} // filter page → advisor URLs
	for _, a := range nodesOf(model, content.KindAdvisor) {
		m := a.Meta
		want["/advisors/branch/"+content.Slugify(m.Branch)+"/"] = append(want["/advisors/branch/"+content.Slugify(m.Branch)+"/"], a.URL)
		for _, l := range m.Languages {
			want["/advisors/language/"+content.Slugify(l)+"/"] = append(want["/advisors/language/"+content.Slugify(l)+"/"], a.URL)
		}
		for _, s := range m.Specialties {
			want["/advisors/specialty/"+content.Slugify(s)+"/"] = append(want["/advisors/specialty/"+content.Slugify(s)+"/"], a.URL)
		}
	}
	card := regexp.MustCompile(`<h3 class="advisor-name"><a href="([^"]+)">`)
	for path, urls := range want {
		b, err := os.ReadFile(filepath.Join(suite.public, filepath.FromSlash(path), "index.html"))
		if err != nil {
			t.Errorf("no filter page %s: %v", path, err)
			continue
		}
		var got []string
		for _, m := range card.FindAllStringSubmatch(string(b), -1) {
			got = append(got, m[1])
		}
		sort.Strings(got)
		sort.Strings(urls)
		if strings.Join(got, " ") != strings.Join(urls, " ") {
			t.Errorf("%s lists %q, want %q", path, got, urls)
		}
	}
	if len(want) < 3 {
		t.Fatalf("%d filter pages: nothing checked", len(want))
	}
}

func escapeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
