// Package index builds the site's search index: every page's words,
// weighted by where they stand (title, headings, facets, body), stored as
// small files a browser fetches only as a query needs them, so that a first
// query on a site of 10,000 pages transfers a few dozen kilobytes.
//
// The build hands each rendered page over as a Doc (Add); Files writes the
// index once every page is in. A development server replaces a page that
// changed (Update) and writes only the files that page touched (Changed).
// The layout of the files is described in format.go; the reader's side is
// themes/klartext/static/js/search.js.
package index

import (
	"math"

	"github.com/klartext/klartext/generator/search/token"
)

// Doc is one page as the index sees it: its words and its facets. The
// build fills it from what it rendered; nothing here reads a file.
type Doc struct {
	URL      string // site path with the base path
	Title    string
	Kind     string // product, advisor, story, page, section, topic, home, feedback
	Summary  string // description or teaser
	Headings []string
	Body     string // the body as plain text
	Topics   []string
	Product  *Product
	Advisor  *Advisor
}

// Product is a product page's facets.
type Product struct {
	Name, ISIN  string
	Type        string // the type's code ("equity-etf")
	TypeLabel   string // in the site's language ("Aktien-ETF")
	Risk        int    // summary risk indicator, 1 to 7
	RiskLabel   string // "Risikoklasse 4 von 7"
	CostPct     float64
	HasCost     bool   // CostPct is known (the annual cost impact at the holding period)
	CostText    string // CostPct as the reader reads it ("0,23 %")
	HoldingText string // "5 Jahre"
}

// Advisor is an advisor page's facets.
type Advisor struct {
	Name, Role, Branch string
	Languages          []Language
	Specialties        []string
}

// Language is a language an advisor speaks: its code and its names (in
// the site's language, and in English), all of which find the advisor.
type Language struct {
	Code  string
	Names []string
}

// How much a word counts where it stands. A word of the title or a
// product's name counts ten times a word of the body.
const (
	weightTitle   = 10
	weightHeading = 3
	weightSummary = 2
	weightTopic   = 2
	weightFacet   = 4
	weightBody    = 1
)

// analyze adds the doc's words to a, weighted, and returns the body's
// length in tokens.
func (d *Doc) analyze(a *token.Analyzer) int {
	a.Add(d.Title, weightTitle)
	a.Add(d.Summary, weightSummary)
	for _, h := range d.Headings {
		a.Add(h, weightHeading)
	}
	for _, t := range d.Topics {
		a.Add(t, weightTopic)
	}
	if p := d.Product; p != nil {
		if p.Name != d.Title {
			a.Add(p.Name, weightTitle)
		}
		a.Add(p.ISIN, weightTitle)
		a.Add(p.TypeLabel, weightFacet)
		a.Add(p.Type, weightSummary)
		a.Add(p.RiskLabel, weightBody)
	}
	if ad := d.Advisor; ad != nil {
		if ad.Name != d.Title {
			a.Add(ad.Name, weightTitle)
		}
		a.Add(ad.Role, weightSummary)
		a.Add(ad.Branch, weightFacet)
		for _, l := range ad.Languages {
			a.Add(l.Code, weightFacet)
			for _, n := range l.Names {
				a.Add(n, weightFacet)
			}
		}
		for _, s := range ad.Specialties {
			a.Add(s, weightHeading)
		}
	}
	return a.Add(d.Body, weightBody)
}

// BM25's constants, with a fixed average length in place of the corpus's:
// a page's impacts then depend on the page alone, so an edit of one page
// changes only that page's entries.
const (
	k1        = 2.0
	b         = 0.5
	avgTokens = 300
)

// kindPrior favours the pages a reader most often looks for by name.
func kindPrior(kind string) float64 {
	switch kind {
	case "product", "advisor":
		return 1.15
	}
	return 1
}

// MaxImpact is the largest impact.
const MaxImpact = 15

// impact is a term's weight in a page in half a byte (1–15): BM25's term
// frequency part of the weighted count, normalised by the page's length.
// The browser multiplies it by the term's rarity (idf).
func impact(weight float32, bodyTokens int, kind string) uint8 {
	norm := 1 - b + b*float64(bodyTokens)/avgTokens
	w := float64(weight)
	s := w * (k1 + 1) / (w + k1*norm) * kindPrior(kind)
	q := math.Round(s / (k1 + 1) * MaxImpact)
	return uint8(max(1, min(MaxImpact, q)))
}
