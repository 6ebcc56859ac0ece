package index

import (
	"math"
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
	lang string
	// workers are kept for the index's life, not in a sync.Pool: a pool
	// empties at every garbage collection, and each new analyzer stems
	// every word again.
	workersMu sync.Mutex
	workers   []*worker

	// vocab numbers the terms for every worker's analyzer; entries are
	// the terms' postings by that number.
	vocab *token.Vocabulary

	mu      sync.Mutex
	entries []entry
	docs    []docFacets // by document id
	sorted  bool        // every entry's postings are in document order

	// For Changed: what Files or Changed wrote last (path → hash of the
	// bytes), the buckets' term lists, and the terms changed since.
	written     map[string]uint64
	bucketTerms map[string]uint64 // bucket path → hash of its term list
	dirty       map[string]bool
}

// entry is one term's postings: document id << 8 | impact, sorted by
// document once Files or Update has run. Until then they are added, in
// the order the pages came, as compact bytes (added.go): a build holds
// every page's terms until its last page is in.
type entry struct {
	added    addedPostings
	postings []uint32
	size     int // encoded size of postings; -1 when to be computed
}

// docFacets is what the facets file needs of a document, not the Doc's
// facets themselves (their labels and texts are in the fragment).
type docFacets struct {
	kind    string
	typ     string // the product's type
	advisor *advisorFacets
	cost    int32 // the product's costs in hundredths of a percent; −1: none
	risk    int8
	product bool
}

type advisorFacets struct {
	branch    string
	languages []string // codes
}

func facetsOf(d *Doc) docFacets {
	f := docFacets{kind: d.Kind}
	if p := d.Product; p != nil {
		f.product, f.typ, f.risk, f.cost = true, p.Type, int8(p.Risk), -1
		if p.HasCost {
			f.cost = int32(math.Round(p.CostPct * 100))
		}
	}
	if a := d.Advisor; a != nil {
		f.advisor = &advisorFacets{branch: a.Branch, languages: make([]string, len(a.Languages))}
		for i, l := range a.Languages {
			f.advisor.languages[i] = l.Code
		}
	}
	return f
}

// MaxDocs is how many documents one index holds (document ids take 24
// bits of a posting).
const MaxDocs = 1 << 24

// New starts an index of docs documents, with ids 0 to docs-1, in the
// site language lang.
func New(lang string, docs int) *Index {
	ix := &Index{lang: lang, vocab: &token.Vocabulary{}, docs: make([]docFacets, docs)}
	return ix
}

// Docs is how many documents the index holds.
func (ix *Index) Docs() int { return len(ix.docs) }

// worker is what one goroutine adding pages keeps: its analyzer, which
// remembers how it read each word, and room for a page's postings.
type worker struct {
	a        *token.Analyzer
	postings []slotPosting
}

type slotPosting struct {
	slot   int32
	impact uint8
}

// Add indexes document id and appends its fragment to frag: the file the
// browser fetches to show the page as a result (write it as
// FragmentPath(id)).
func (ix *Index) Add(id int, d Doc, frag []byte) []byte {
	w := ix.getWorker()
	defer ix.putWorker(w)
	n := d.analyze(w.a)
	w.postings = w.postings[:0]
	w.a.Drain(func(slot int32, weight float32) {
		w.postings = append(w.postings, slotPosting{slot, impact(weight, n, d.Kind)})
	})
	frag = appendFragment(frag, d)

	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.docs[id] = facetsOf(&d)
	for _, p := range w.postings {
		for int(p.slot) >= len(ix.entries) {
			ix.entries = append(ix.entries, entry{})
		}
		e := &ix.entries[p.slot]
		if ix.sorted {
			v := uint32(id)<<8 | uint32(p.impact)
			i, _ := slices.BinarySearch(e.postings, v)
			e.postings = slices.Insert(e.postings, i, v)
			ix.markDirty(p.slot)
		} else {
			e.added.add(id, p.impact)
		}
		e.size = -1
	}
	return frag
}

func (ix *Index) getWorker() *worker {
	ix.workersMu.Lock()
	defer ix.workersMu.Unlock()
	if n := len(ix.workers); n > 0 {
		w := ix.workers[n-1]
		ix.workers = ix.workers[:n-1]
		return w
	}
	return &worker{a: token.NewSharedAnalyzer(ix.lang, ix.vocab)}
}

func (ix *Index) putWorker(w *worker) {
	ix.workersMu.Lock()
	ix.workers = append(ix.workers, w)
	ix.workersMu.Unlock()
}

// Update replaces document id, once the index was written, and returns
// its new fragment; Changed then writes the files it touched.
func (ix *Index) Update(id int, d Doc, frag []byte) []byte {
	ix.finish()
	ix.remove(id)
	return ix.Add(id, d, frag)
}

// remove takes document id out of every term's postings.
func (ix *Index) remove(id int) {
	lo, hi := uint32(id)<<8, uint32(id)<<8|0xff
	for slot := range ix.entries {
		e := &ix.entries[slot]
		i, _ := slices.BinarySearch(e.postings, lo)
		if i < len(e.postings) && e.postings[i] <= hi {
			e.postings = slices.Delete(e.postings, i, i+1)
			e.size = -1
			ix.markDirty(int32(slot))
			// An emptied entry stays in the vocabulary; it is left out of
			// the files while it has no postings.
		}
	}
}

func (ix *Index) markDirty(slot int32) {
	if ix.dirty == nil {
		ix.dirty = map[string]bool{}
	}
	ix.dirty[ix.vocab.Terms()[slot]] = true
}

// finish turns every term's added postings into its postings, sorted by
// document, once. They share one array, each capped to its length, so a
// posting inserted later (Update) moves the term's postings out rather
// than overwrite the next term's.
func (ix *Index) finish() {
	if ix.sorted {
		return
	}
	total := 0
	for i := range ix.entries {
		total += int(ix.entries[i].added.count)
	}
	all := make([]uint32, 0, total)
	for i := range ix.entries {
		e := &ix.entries[i]
		start := len(all)
		all = e.added.appendTo(all)
		e.postings = all[start:len(all):len(all)]
		e.added = addedPostings{}
		slices.Sort(e.postings)
	}
	ix.sorted = true
}

// entry is term's entry; nil for a term the index does not have.
func (ix *Index) entry(term string) *entry {
	if slot, ok := ix.vocab.Lookup(term); ok && int(slot) < len(ix.entries) {
		return &ix.entries[slot]
	}
	return nil
}

// sortedTerms returns the index's terms, words and numbers apart, sorted.
func (ix *Index) sortedTerms() (words, numbers []string) {
	terms := ix.vocab.Terms()
	for slot := range ix.entries {
		if len(ix.entries[slot].postings) == 0 {
			continue
		}
		if t := terms[slot]; token.HasDigit([]byte(t)) {
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
