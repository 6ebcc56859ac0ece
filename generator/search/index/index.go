package index

import (
	"slices"
	"sort"
	"sync"

	"github.com/klartext/klartext/generator/search/stem"
	"github.com/klartext/klartext/generator/search/token"
)

// Index is the search index of one site language while it is built. Add
// is safe for concurrent use (the build's render workers call it); the
// other methods are not.
type Index struct {
	lang      string
	analyzers sync.Pool

	mu     sync.Mutex
	terms  map[string]*entry
	docs   []docFacets // by document id
	sorted bool        // every entry's postings are in document order

	// For Changed: what Files or Changed wrote last (path → hash of the
	// bytes), the buckets' term lists, and the terms changed since.
	written     map[string]uint64
	bucketTerms map[string]uint64 // bucket path → hash of its term list
	dirty       map[string]bool
}

// entry is one term's postings: document id << 8 | impact, sorted by
// document once Files or Update has run.
type entry struct {
	postings []uint32
	size     int // encoded size of postings; -1 when to be computed
}

// docFacets is what the facets file needs of a document.
type docFacets struct {
	kind    string
	product *Product
	advisor *Advisor
}

// MaxDocs is how many documents one index holds (document ids take 24
// bits of a posting).
const MaxDocs = 1 << 24

// New starts an index of docs documents, with ids 0 to docs-1, in the
// site language lang.
func New(lang string, docs int) *Index {
	ix := &Index{lang: lang, terms: map[string]*entry{}, docs: make([]docFacets, docs)}
	ix.analyzers.New = func() any { return token.NewAnalyzer(lang) }
	return ix
}

// Docs is how many documents the index holds.
func (ix *Index) Docs() int { return len(ix.docs) }

// Add indexes document id and returns its fragment: the file the browser
// fetches to show the page as a result (write it as FragmentPath(id)).
func (ix *Index) Add(id int, d Doc) []byte {
	type posting struct {
		term   string
		impact uint8
	}
	a := ix.analyzers.Get().(*token.Analyzer)
	n := d.analyze(a)
	var ps []posting
	a.Drain(func(term string, w float32) {
		ps = append(ps, posting{term, impact(w, n, d.Kind)})
	})
	ix.analyzers.Put(a)
	frag := fragment(d)

	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.docs[id] = docFacets{kind: d.Kind, product: d.Product, advisor: d.Advisor}
	for _, p := range ps {
		e := ix.terms[p.term]
		if e == nil {
			e = &entry{}
			ix.terms[p.term] = e
		}
		v := uint32(id)<<8 | uint32(p.impact)
		if ix.sorted {
			i, _ := slices.BinarySearch(e.postings, v)
			e.postings = slices.Insert(e.postings, i, v)
			ix.markDirty(p.term)
		} else {
			e.postings = append(e.postings, v)
		}
		e.size = -1
	}
	return frag
}

// Update replaces document id, once the index was written, and returns
// its new fragment; Changed then writes the files it touched.
func (ix *Index) Update(id int, d Doc) []byte {
	ix.finish()
	ix.remove(id)
	return ix.Add(id, d)
}

// remove takes document id out of every term's postings.
func (ix *Index) remove(id int) {
	lo, hi := uint32(id)<<8, uint32(id)<<8|0xff
	for term, e := range ix.terms {
		i, _ := slices.BinarySearch(e.postings, lo)
		if i < len(e.postings) && e.postings[i] <= hi {
			e.postings = slices.Delete(e.postings, i, i+1)
			e.size = -1
			ix.markDirty(term)
			if len(e.postings) == 0 {
				delete(ix.terms, term)
			}
		}
	}
}

func (ix *Index) markDirty(term string) {
	if ix.dirty == nil {
		ix.dirty = map[string]bool{}
	}
	ix.dirty[term] = true
}

// finish sorts every term's postings by document, once.
func (ix *Index) finish() {
	if ix.sorted {
		return
	}
	for _, e := range ix.terms {
		slices.Sort(e.postings)
	}
	ix.sorted = true
}

// sortedTerms returns the index's terms, words and numbers apart, sorted.
func (ix *Index) sortedTerms() (words, numbers []string) {
	for t := range ix.terms {
		if token.HasDigit([]byte(t)) {
			numbers = append(numbers, t)
		} else {
			words = append(words, t)
		}
	}
	sort.Strings(words)
	sort.Strings(numbers)
	return words, numbers
}

// Stemmer is the name of the index's stemmer ("german", "english", "").
func (ix *Index) Stemmer() string { return stem.Name(ix.lang) }
