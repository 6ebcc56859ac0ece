package render

import (
	"sort"
	"strconv"
	"sync"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/search/index"
	"github.com/klartext/klartext/generator/site"
)

// The renderer's side of the search (generator/search): the search page's
// filters, and each page's entry for the index from what the page
// rendered — the body's plain text, its headings, its facets — so no page
// is read or parsed twice. publish.Search numbers the pages and writes the
// index.

// SearchView is what the search page's layout gets beyond the page.
type SearchView struct {
	Index     string         // URL of the index's folder, for search.js
	Types     []SearchOption // product types
	Branches  []SearchOption
	Languages []SearchOption // advisors' languages, with their filter pages
	Costs     []SearchOption // the "costs up to" steps, in percent a year
	Products  string         // URL of the products list (the way without JavaScript)
	Advisors  string         // URL of the advisors list with its filters
}

// SearchOption is one value of a search filter.
type SearchOption struct {
	Value string // in the URL's query ("equity-etf", "tr")
	Label string // as shown
	URL   string // the page that lists the same without JavaScript, if any
}

// costSteps are the choices of the "costs up to" filter: the annual cost
// impact at the recommended holding period, in percent.
var costSteps = []float64{0.25, 0.5, 0.75, 1, 1.5, 2, 3}

// searchView gathers the filters' values from the searchable pages.
func searchView(s *site.Site) *SearchView {
	cfg := s.Config
	v := &SearchView{Index: cfg.RelURL(s.SearchIndexDir())}
	types := map[string]string{}
	branches := map[string]bool{}
	for _, n := range s.Nodes {
		if !site.Searchable(n) {
			continue
		}
		if n.Product != nil {
			types[n.Product.Facts.Type] = n.Product.TypeLabel
		}
		if n.Advisor != nil && n.Advisor.Card.Branch != "" {
			branches[n.Advisor.Card.Branch] = true
		}
	}
	for code, label := range types {
		v.Types = append(v.Types, SearchOption{Value: code, Label: label})
	}
	for b := range branches {
		v.Branches = append(v.Branches, SearchOption{Value: b, Label: b})
	}
	for _, g := range s.AdvisorFilters {
		if g.Key != "language" {
			continue
		}
		for _, o := range g.Options {
			v.Languages = append(v.Languages, SearchOption{Value: o.Token, Label: o.Value, URL: cfg.RelURL(o.URL)})
		}
	}
	loc := locale.For(cfg.Language)
	for _, c := range costSteps {
		v.Costs = append(v.Costs, SearchOption{Value: strconv.FormatFloat(c, 'f', -1, 64), Label: loc.Percent(c, 2)})
	}
	for _, opts := range [][]SearchOption{v.Types, v.Branches} {
		sort.Slice(opts, func(i, j int) bool {
			if opts[i].Label != opts[j].Label {
				return opts[i].Label < opts[j].Label
			}
			return opts[i].Value < opts[j].Value
		})
	}
	if sec := s.Sections["products"]; sec != nil {
		v.Products = cfg.RelURL(sec.URL)
	}
	if sec := s.Sections["advisors"]; sec != nil {
		v.Advisors = cfg.RelURL(sec.URL)
	}
	return v
}

// englishWords name an advisor's languages in English too, so a search
// for "Turkish" finds her on a German site.
var englishWords = sync.OnceValue(func() *i18n.Catalog { return i18n.MustBuiltin("en") })

// searchDoc is the page's entry for the index, from what the page
// rendered; nil for a page that is not searchable.
func (r *Renderer) searchDoc(n *site.Node, v *PageView) *index.Doc {
	if !site.Searchable(n) {
		return nil
	}
	d := &index.Doc{URL: v.URL, Title: v.Title, Kind: string(n.Kind), Summary: n.Summary, Body: v.searchText}
	for _, h := range v.TOC {
		d.Headings = append(d.Headings, h.Text)
	}
	for _, t := range v.Topics {
		d.Topics = append(d.Topics, t.Title)
	}
	if p := n.Product; p != nil {
		f := p.Facts
		d.Product = &index.Product{Name: f.Name, ISIN: f.ISIN, Type: f.Type, TypeLabel: p.TypeLabel,
			Risk: f.SRI, RiskLabel: p.RiskBadge}
		// The page's own figures (v.ProductFigures), so the index says what
		// the page says: the annual cost impact at the holding period.
		if fig := v.ProductFigures; fig != nil && len(fig.Columns) > 0 {
			last := fig.Columns[len(fig.Columns)-1]
			d.Product.CostPct, d.Product.HasCost = last.AnnualImpactPct, true
			d.Product.CostText = r.loc.Percent(last.AnnualImpactPct, 2)
		}
	}
	if a := n.Advisor; a != nil && n.Kind == content.KindAdvisor {
		c := a.Card
		d.Advisor = &index.Advisor{Name: c.Name, Role: c.Role, Branch: c.Branch, Specialties: c.Specialties}
		for _, code := range c.Languages {
			names := []string{r.words.LanguageName(code)}
			if en := englishWords().LanguageName(code); en != names[0] {
				names = append(names, en)
			}
			// The code as the advisor filters spell it: the search page's
			// language filter offers their values.
			d.Advisor.Languages = append(d.Advisor.Languages, index.Language{Code: content.Slugify(code), Names: names})
		}
	}
	return d
}
