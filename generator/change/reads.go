package change

import (
	"reflect"
	"slices"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/site"
)

// Output is a page of the model to render again: the node of the new
// model, and which pages of its list (all of them when Pages is nil).
type Output struct {
	Node  *site.Node
	Pages []int // 1-based; nil: every page
}

// Reads says which outputs of a model resolved again read what changed,
// by what each output reads:
//
//   - a page reads its own front matter and body, its product's row of
//     the product data (by product id), and the title, date, summary,
//     URL and product row of each page it links to in the model: its
//     explainers (Advisors), the stories of a product, a story's advisor,
//     products and neighbours, an advisor's stories and products, its
//     topics;
//   - page k of a list reads the entries on it (the children from
//     (k-1)·pagination on), and how many pages the list has;
//   - the advisors section and its filter pages read every advisor (the
//     filters); the search page every product and advisor (its facets);
//     the feedback page the title and URL of every page readers wrote
//     about (the keys of the feedback's Summaries: its dialogues and most
//     criticised pages are among them).
//
// A page is "changed" when its front matter (a page read again),
// its product row (compared only when products, the product data, was
// read again), its title, summary or date differ; a page whose links
// changed (another story now names the product, its neighbours moved) is
// rendered again itself. old and new have the same pages in the same
// (URL) order; Models and the session check it. The theme's default
// layouts read no more than this; a site's own layouts may walk further
// (a story's product's stories), so the session does not ask Reads for a
// site that has any (theme.OwnLayouts). False
// when a full build must follow: a list has another number of pages, a
// page's feedback setting changed (the feedback page's balance).
func Reads(old, new *site.Site, edited map[string]bool, products bool) ([]Output, bool) {
	// The changed pages, as nodes of both models (keyed by node, not by
	// URL: hashing URLs was a fifth of Reads on the corpus).
	changed := make(map[*site.Node]bool)
	advisors, facets, feedbackNamed, any := false, products, false, false
	for i, n := range new.Nodes {
		o := old.Nodes[i]
		if n.Feedback != o.Feedback {
			return nil, false
		}
		if (n.Source != "" && edited[n.Source]) || n.Title != o.Title || n.Summary != o.Summary || !n.Date.Equal(o.Date) ||
			(products && !sameFacts(o.Product, n.Product)) {
			changed[n], changed[o] = true, true
			any = true
			advisors = advisors || n.Kind == content.KindAdvisor
			facets = facets || n.Kind == content.KindAdvisor || n.Product != nil || o.Product != nil
			feedbackNamed = feedbackNamed || namedByFeedback(old, o.URL) || namedByFeedback(new, n.URL)
		}
	}
	if !any {
		return nil, true
	}
	var out []Output
	for i, n := range new.Nodes {
		o := old.Nodes[i]
		if changed[n] || !sameLinks(o, n) || readsChanged(o, changed) || readsChanged(n, changed) ||
			(advisors && n.Section == "advisors") || (facets && n.Kind == site.KindSearch) || (feedbackNamed && n.Kind == site.KindFeedback) {
			out = append(out, Output{Node: n})
			continue
		}
		pages, ok := listPages(new, o, n, changed)
		switch {
		case !ok:
			return nil, false
		case pages == nil:
		case len(pages) == 0:
			out = append(out, Output{Node: n}) // another number of entries
		default:
			out = append(out, Output{Node: n, Pages: pages})
		}
	}
	return out, true
}

// namedByFeedback is whether readers wrote about the page at url, so that
// the feedback page may name it.
func namedByFeedback(s *site.Site, url string) bool {
	if s.Feedback == nil {
		return false
	}
	_, ok := s.Feedback.Summaries[url]
	return ok
}

// linkSet is the pages a page shows beyond its list's entries: its
// explainers (Advisors), a product's stories, a story's products, an
// advisor's stories and products, and a story's advisor, previous and
// next story. An array, not slices: Reads looks at every page twice.
type linkSet struct {
	lists      [5][]*site.Node
	neighbours [3]*site.Node
}

func links(n *site.Node) linkSet {
	var l linkSet
	l.lists[0] = n.Advisors
	if p := n.Product; p != nil {
		l.lists[1] = p.Stories
	}
	if st := n.Story; st != nil {
		l.lists[2], l.neighbours = st.Products, [3]*site.Node{st.Advisor, st.Prev, st.Next}
	}
	if a := n.Advisor; a != nil {
		l.lists[3], l.lists[4] = a.Stories, a.Products
	}
	return l
}

func readsChanged(n *site.Node, changed map[*site.Node]bool) bool {
	l := links(n)
	for _, ns := range l.lists {
		if anyChanged(ns, changed) {
			return true
		}
	}
	return anyChanged(l.neighbours[:], changed)
}

func anyChanged(ns []*site.Node, changed map[*site.Node]bool) bool {
	for _, t := range ns {
		if t != nil && changed[t] {
			return true
		}
	}
	return false
}

func sameLinks(o, n *site.Node) bool {
	lo, ln := links(o), links(n)
	if !slices.Equal(o.Topics, n.Topics) || !sameURLs(lo.neighbours[:], ln.neighbours[:]) {
		return false
	}
	for i := range lo.lists {
		if !sameURLs(lo.lists[i], ln.lists[i]) {
			return false
		}
	}
	return true
}

func sameURLs(a, b []*site.Node) bool {
	return slices.EqualFunc(a, b, func(x, y *site.Node) bool {
		return (x == nil) == (y == nil) && (x == nil || x.URL == y.URL)
	})
}

func sameFacts(o, n *site.ProductInfo) bool {
	if o == nil || n == nil {
		return o == n
	}
	return reflect.DeepEqual(o.Facts, n.Facts)
}

// listPages are the pages of n's list whose entries changed, moved, or
// are another page's now: nil for none, empty for all (the list has
// another number of entries, on as many pages); false when the number
// of pages changed.
func listPages(s *site.Site, o, n *site.Node, changed map[*site.Node]bool) ([]int, bool) {
	if len(n.Children) == 0 && len(o.Children) == 0 {
		return nil, true
	}
	size := len(n.Children)
	if content.Paginated(n.Kind, n.Section) {
		size = s.Config.Pagination
	}
	if len(o.Children) != len(n.Children) {
		if size == 0 || (len(o.Children)+size-1)/size != (len(n.Children)+size-1)/size {
			return nil, false
		}
		return []int{}, true
	}
	var pages []int
	for lo, k := 0, 1; lo < len(n.Children); lo, k = lo+size, k+1 {
		hi := min(lo+size, len(n.Children))
		if !sameURLs(o.Children[lo:hi], n.Children[lo:hi]) || anyChanged(n.Children[lo:hi], changed) {
			pages = append(pages, k)
		}
	}
	return pages, true
}
