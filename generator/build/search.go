package build

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/search/index"
	"github.com/klartext/klartext/generator/theme"
)

// The build's side of the search (generator/search): the search page, and
// each rendered page handed to the index as it renders, from what the
// build rendered — the body's plain text, its headings, its facets — so no
// page is read or parsed twice. Everything the build does for the search
// is in this file.

// KindSearch is the search page: /suche/ on a German site, /search/ on
// others (the theme's translation search_slug).
const KindSearch content.Kind = "search"

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

// searchState is the index being built and the pages in it.
type searchState struct {
	page  *Node
	dir   string // site path of the index's folder: "/suche/index/"
	ids   map[*Node]int
	index *index.Index
	view  *SearchView
	done  bool // the index was written: a page rendered again is an update
}

// addSearchPage adds the search page to the site. A page of the site's
// own at its URL keeps it, with a warning: the site then has no search.
func addSearchPage(s *Site, th *theme.Theme, ds *diag.List) *searchState {
	slug := content.Slugify(th.Translate("search_slug"))
	if slug == "" || slug == "search-slug" {
		slug = "search"
	}
	url := "/" + slug + "/"
	if other := s.ByURL[url]; other != nil {
		ds.Add(diag.Warnf(other.Source, 1, "this page has the search page's URL %s, so the site has no search", url).
			WithHint("rename the file, or change search_slug in the theme's i18n/%s.yaml", s.Config.Language))
		return nil
	}
	n := &Node{Page: &content.Page{Kind: KindSearch, Section: "search", Slug: slug, URL: url},
		Title: th.Translate("search_title"), Summary: th.Translate("search_description")}
	s.add(n)
	s.sortNodes()
	return &searchState{page: n, dir: url + "index/"}
}

// searchable reports whether a page goes into the index: every page but
// the generated lists of other pages, the 404 page and the search page.
func searchable(n *Node) bool {
	switch n.Kind {
	case KindSearch, kindAdvisorFilter, content.KindTopics, content.Kind404:
		return false
	}
	return true
}

// start numbers the searchable pages (in URL order, so the index is the
// same whatever order the pages render in) and gathers the filters'
// values.
func (st *searchState) start(s *Site) {
	cfg := s.Config
	st.ids = map[*Node]int{}
	v := &SearchView{Index: relURL(cfg.BasePath(), st.dir)}
	types := map[string]string{}
	branches := map[string]bool{}
	for _, n := range s.Nodes {
		if !searchable(n) {
			continue
		}
		st.ids[n] = len(st.ids)
		if n.Product != nil {
			types[n.Product.Facts.Type] = n.Product.TypeLabel
		}
		if n.Advisor != nil && n.Advisor.Card.Branch != "" {
			branches[n.Advisor.Card.Branch] = true
		}
	}
	st.index = index.New(cfg.Language, len(st.ids))
	for code, label := range types {
		v.Types = append(v.Types, SearchOption{Value: code, Label: label})
	}
	for b := range branches {
		v.Branches = append(v.Branches, SearchOption{Value: b, Label: b})
	}
	for _, g := range s.advisorFilters {
		if g.Key != "language" {
			continue
		}
		for _, o := range g.Options {
			v.Languages = append(v.Languages, SearchOption{Value: o.Token, Label: o.Value, URL: relURL(cfg.BasePath(), o.URL)})
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
		v.Products = relURL(cfg.BasePath(), sec.URL)
	}
	if sec := s.Sections["advisors"]; sec != nil {
		v.Advisors = relURL(cfg.BasePath(), sec.URL)
	}
	st.view = v
}

// costSteps are the choices of the "costs up to" filter: the annual cost
// impact at the recommended holding period, in percent.
var costSteps = []float64{0.25, 0.5, 0.75, 1, 1.5, 2, 3}

// searchPageView gives the search page its script and filters.
func (r *renderer) searchPageView(n *Node, v *PageView) {
	if n.Kind == KindSearch && r.search != nil {
		v.Search = r.search.view
		v.Scripts = append(v.Scripts, "/js/search.js")
	}
}

// indexPage hands a rendered page to the index and writes its fragment.
// In a full build the index is written after the last page
// (writeSearchIndex); once written, a page rendered again replaces its
// entries (writeSearchChanges writes what changed).
// englishWords name an advisor's languages in English too, so a search
// for "Turkish" finds her on a German site.
var englishWords = sync.OnceValue(func() *i18n.Catalog { return i18n.MustBuiltin("en") })

func (r *renderer) indexPage(j job, v *PageView) {
	st := r.search
	if st == nil || !r.indexing || j.page != 1 {
		return
	}
	n := j.node
	id, ok := st.ids[n]
	if !ok {
		return
	}
	d := index.Doc{URL: v.URL, Title: v.Title, Kind: string(n.Kind), Summary: n.Summary, Body: v.searchText}
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
			names := []string{r.theme.Words().LanguageName(code)}
			if en := englishWords().LanguageName(code); en != names[0] {
				names = append(names, en)
			}
			// The code as the advisor filters spell it: the search page's
			// language filter offers their values.
			d.Advisor.Languages = append(d.Advisor.Languages, index.Language{Code: content.Slugify(code), Names: names})
		}
	}
	buf := fragmentBuffers.Get().(*[]byte)
	if st.done {
		*buf = st.index.Update(id, d, (*buf)[:0])
	} else {
		*buf = st.index.Add(id, d, (*buf)[:0])
	}
	r.write(st.dir+index.FragmentPath(id), *buf)
	fragmentBuffers.Put(buf)
}

// fragmentBuffers hold fragments until they are written: ten thousand
// pages would otherwise leave forty megabytes of them to the collector.
var fragmentBuffers = sync.Pool{New: func() any { return new([]byte) }}

// writeSearchIndex writes the index once every page is in.
func (r *renderer) writeSearchIndex() {
	if st := r.search; st != nil && r.indexing {
		st.index.Files(func(p string, data []byte) { r.write(st.dir+p, data) })
		st.done = true
	}
}

// writeSearchChanges writes the index's files that the pages rendered
// again changed into the live folder dest, removes those it no longer
// has, and returns their site paths.
func (r *renderer) writeSearchChanges(dest string) []string {
	st := r.search
	if st == nil || !r.indexing {
		return nil
	}
	written := st.index.Changed(func(p string, data []byte) { r.write(st.dir+p, data) },
		func(p string) {
			_ = os.Remove(filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(st.dir+p, "/"))))
		})
	for i, p := range written {
		written[i] = st.dir + p
	}
	return written
}
