package publish

import (
	"sync"

	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/render"
	"github.com/klartext/klartext/generator/search/index"
	"github.com/klartext/klartext/generator/site"
)

// Search is the site's search index being written (generator/search): each
// page's entry comes from what the page rendered (render.Page.Doc) as it
// renders, and its fragment is written at once; the buckets are written
// after the last page. Everything the build does for the search index
// beyond the page's entry is in this file.
type Search struct {
	dir   string // site path of the index's folder: "/suche/index/"
	ids   map[*site.Node]int
	index *index.Index
	done  bool // the index was written: a page rendered again is an update
	// updates serialises Update, which is not safe for concurrent use
	// (pages render in parallel).
	updates sync.Mutex
}

// NewSearch numbers the searchable pages (in URL order, so the index is the
// same whatever order the pages render in); nil when the site has no
// search page.
func NewSearch(s *site.Site) *Search {
	if s.Search == nil {
		return nil
	}
	st := &Search{dir: s.SearchIndexDir(), ids: map[*site.Node]int{}}
	for _, n := range s.Nodes {
		if site.Searchable(n) {
			st.ids[n] = len(st.ids)
		}
	}
	st.index = index.New(s.Config.Language, len(st.ids))
	return st
}

// Add hands a rendered page to the index and writes its fragment with w.
// Once the index is written, a page rendered again replaces its entries
// (Changes writes what changed).
func (st *Search) Add(p *render.Page, w *output.Writer) {
	if st == nil || p.Doc == nil {
		return
	}
	id, ok := st.ids[p.Job.Node]
	if !ok {
		return
	}
	buf := fragmentBuffers.Get().(*[]byte)
	if st.done {
		st.updates.Lock()
		*buf = st.index.Update(id, *p.Doc, (*buf)[:0])
		st.updates.Unlock()
	} else {
		*buf = st.index.Add(id, *p.Doc, (*buf)[:0])
	}
	w.Write(st.dir+index.FragmentPath(id), *buf)
	fragmentBuffers.Put(buf)
}

// fragmentBuffers hold fragments until they are written: ten thousand
// pages would otherwise leave forty megabytes of them to the collector.
var fragmentBuffers = sync.Pool{New: func() any { return new([]byte) }}

// Write writes the index once every page is in.
func (st *Search) Write(w *output.Writer) {
	if st == nil {
		return
	}
	st.index.Files(func(p string, data []byte) { w.Write(st.dir+p, data) })
	st.done = true
}

// Changes writes the index's files that the pages rendered again changed,
// removes those it no longer has, and returns their site paths.
func (st *Search) Changes(w *output.Writer) []string {
	if st == nil {
		return nil
	}
	written := st.index.Changed(func(p string, data []byte) { w.Write(st.dir+p, data) },
		func(p string) { w.Remove(st.dir + p) })
	for i, p := range written {
		written[i] = st.dir + p
	}
	return written
}

// Rebind moves the index to s, a model resolved again with the same pages
// (klartext serve): each page keeps its number by its URL. False when s
// has a searchable page the index does not know.
func (st *Search) Rebind(s *site.Site) bool {
	if st == nil {
		return s.Search == nil
	}
	byURL := make(map[string]int, len(st.ids))
	for n, id := range st.ids {
		byURL[n.URL] = id
	}
	ids := make(map[*site.Node]int, len(st.ids))
	for _, n := range s.Nodes {
		if !site.Searchable(n) {
			continue
		}
		id, ok := byURL[n.URL]
		if !ok {
			return false
		}
		ids[n] = id
	}
	if len(ids) != len(st.ids) {
		return false
	}
	st.ids = ids
	return true
}
