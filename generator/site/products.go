package site

import (
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/suggest"
)

// ProductInfo is a product's facts and wording, ready for the product page.
// Its figures are not held here for the whole build: a page computes them
// once while it renders (product.Compute, PageView.ProductFigures) and
// every table, chart and text of that page uses that one computation.
type ProductInfo struct {
	Facts       product.Product
	TypeLabel   string
	RiskSummary string  // the PRIIPs sentence
	RiskBadge   string  // "Risikoklasse 4 von 7"
	Explained   bool    // an explainer adds prose
	Stories     []*Node // stories that mention the product, newest first
}

// resolveProducts gives every product of the data its page: the explainer's
// page when there is one, otherwise a page from the data alone. It checks
// explainers' and stories' product references and the compliance dates,
// and returns the products each story names, for resolvePeople to make
// the story's model with.
func resolveProducts(s *Site, products []product.Product, words *i18n.Catalog, opts Options, ds *diag.List) map[*Node][]*Node {
	lang := s.Config.Language
	if _, err := product.PRIIPsFor(lang); err != nil && len(products) > 0 {
		ds.Add(diag.Errorf(config.File, s.Config.LanguageLine, "%v", err).WithKey("language"))
	}
	byID := make(map[string]*Node, len(products))
	ids := make([]string, 0, len(products))
	for _, p := range products {
		ids = append(ids, p.ID)
	}
	sort.Strings(ids)
	facts := make(map[string]product.Product, len(products))
	for _, p := range products {
		facts[p.ID] = p
	}

	// unknown reports a reference to a product id the data lacks.
	unknown := func(src string, line int, key, id string) {
		d := diag.Errorf(src, line, "%s names the product %q, which is not in %s", key, id, product.CSVFile).WithKey(key)
		if h := suggest.Hint(id, ids); !h.Empty() {
			d = d.WithHint("%s", h)
		} else {
			d = d.WithHint("add it to the product data, or correct the id")
		}
		ds.Add(d)
	}

	for _, n := range s.Nodes {
		if n.Kind != content.KindProduct || n.Source == "" || n.Section != "products" {
			continue
		}
		m := n.Meta
		if m.Product == "" {
			ds.Add(diag.Errorf(n.Source, 1, "a product explainer needs product: (the product's id in %s)", product.CSVFile).WithKey("product"))
			continue
		}
		p, ok := facts[m.Product]
		if !ok {
			unknown(n.Source, m.Line("product", 1), "product", m.Product)
			continue
		}
		if other := byID[p.ID]; other != nil {
			ds.Add(diag.Errorf(n.Source, m.Line("product", 1), "the product %q has an explainer already: %s", p.ID, other.Source).
				WithHint("one product, one explainer: merge the two pages"))
			continue
		}
		if v := m.ValidUntil; !v.IsZero() && v.Before(startOfDay(opts.Now)) {
			d := diag.Errorf(n.Source, m.Line("valid_until", 1), "the page expired on %s (valid_until); its figures may be out of date",
				v.Format("2006-01-02")).WithKey("valid_until").
				WithHint("have the page reviewed, then update reviewed and valid_until; --allow-stale builds it anyway with a warning")
			if opts.AllowStale {
				d.Severity = diag.Warning
			}
			ds.Add(d)
		}
		checkReview(n, opts.Now, ds)
		if n.Title == "" {
			n.Title = p.Name
		}
		n.Product = newProductInfo(p, lang, words)
		n.Product.Explained = true
		byID[p.ID] = n
	}

	for _, p := range products {
		if d, err := time.Parse("2006-01-02", p.KIDDate); err == nil && d.After(opts.Now) {
			at := p.KeyPosition("kid_date")
			ds.Add(diag.Errorf(at.File, at.Line, "kid_date %s is in the future: a key information document cannot be dated after today", p.KIDDate).
				WithColumn(at.Column).WithKey("kid_date").WithHint("copy the date printed on the KID"))
		}
	}

	sec := s.Sections["products"]
	if sec == nil && s.Config.LanguagePrefix != "" && len(ids) > 0 {
		// Every language lists the products, with or without a
		// translated products/_index.md.
		sec = &Node{Page: &content.Page{Kind: content.KindSection, Section: "products", Slug: "products", URL: "/products/"},
			Title: titleCase("products"), Feedback: true}
		s.Sections["products"] = sec
		s.add(sec)
	}
	for _, id := range ids {
		if byID[id] != nil {
			continue
		}
		p := facts[id]
		url := "/products/" + id + "/"
		if other := s.ByURL[url]; other != nil {
			ds.Add(diag.Errorf(other.Source, 0, "this page has the URL of the product %q, which has no explainer", id).
				WithHint("name the file %s.md and add product: %s, or rename it", id, id))
			continue
		}
		n := &Node{Page: &content.Page{Kind: content.KindProduct, Section: "products", Slug: id, URL: url},
			Title: p.Name, Feedback: true, Product: newProductInfo(p, lang, words)}
		n.Feedback = s.feedbackOn(n)
		s.add(n)
		byID[id] = n
		if sec != nil {
			sec.Children = append(sec.Children, n)
		}
	}
	if sec != nil {
		slices.SortStableFunc(sec.Children, byTitle)
	}
	s.Products = byID
	for _, id := range ids {
		if byID[id] != nil { // a product whose page clashed has none
			s.ProductIDs = append(s.ProductIDs, id)
		}
	}

	storyProducts := map[*Node][]*Node{}
	for _, n := range s.Nodes {
		if n.Kind != content.KindStory {
			continue
		}
		for i, id := range n.Meta.Products {
			line := n.Meta.Line("products."+strconv.Itoa(i), 1)
			pn := byID[id]
			if pn == nil {
				unknown(n.Source, line, "products", id)
				continue
			}
			storyProducts[n] = append(storyProducts[n], pn)
			pn.Product.Stories = append(pn.Product.Stories, n)
		}
	}
	for _, pn := range byID {
		SortPages(pn.Product.Stories)
	}
	return storyProducts
}

// checkReview applies the compliance rules of a product explainer that is
// not a draft: it needs reviewed (a date not after today), reviewed_by and
// valid_until, so that "Zuletzt geprüft" shows only what an editor wrote.
// A missing reviewed_by is a warning (klartext check --strict fails on
// it), not an error: pages reviewed before the key existed name no one,
// and the page then names no reviewer.
func checkReview(n *Node, now time.Time, ds *diag.List) {
	m := n.Meta
	if r := m.Reviewed; !r.IsZero() && r.After(now) {
		ds.Add(diag.Errorf(n.Source, m.Line("reviewed", 1), "reviewed %s is in the future: a review date is the day compliance read the page",
			r.Format("2006-01-02")).WithKey("reviewed").WithHint("write the date of the review, today at the latest"))
	}
	if m.Draft {
		return
	}
	for _, k := range []struct {
		key   string
		given bool
	}{{"reviewed", !m.Reviewed.IsZero()}, {"valid_until", !m.ValidUntil.IsZero()}} {
		if !k.given {
			ds.Add(diag.Errorf(n.Source, 1, "the product page is published (not a draft) but has no %s", k.key).WithKey(k.key).
				WithHint("have it reviewed and fill in reviewed, reviewed_by and valid_until, or set draft: true"))
		}
	}
	if m.ReviewedBy == "" && !m.Reviewed.IsZero() {
		ds.Add(diag.Warnf(n.Source, m.Line("reviewed", 1), "reviewed is given but not reviewed_by; the page names no reviewer").
			WithKey("reviewed_by").WithHint("add reviewed_by: with the name or role of whoever reviewed the page"))
	}
}

func newProductInfo(p product.Product, lang string, words *i18n.Catalog) *ProductInfo {
	return &ProductInfo{
		Facts:       p,
		TypeLabel:   product.TypeLabel(p.Type, words),
		RiskSummary: product.RiskSummary(p.SRI, lang),
		RiskBadge:   product.RiskLabel(p.SRI, lang),
	}
}

// WithFacts is pi with the facts p of its product read again, and the
// words made of them; what links to the product stays. klartext serve
// puts it in the model where only a product's figures changed, whose
// model Resolve would make alike (change.FiguresOnly).
func (pi *ProductInfo) WithFacts(p product.Product, lang string, words *i18n.Catalog) *ProductInfo {
	n := newProductInfo(p, lang, words)
	n.Explained, n.Stories = pi.Explained, pi.Stories
	return n
}
