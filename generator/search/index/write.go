package index

import (
	"encoding/json"
	"hash/fnv"
	"sort"
	"strconv"

	"github.com/klartext/klartext/generator/search/token"
)

// Version is the index format's version; search.js checks it.
const Version = 1

// meta is meta.json.
type meta struct {
	Version int      `json:"version"`
	Lang    string   `json:"lang"`
	Stemmer string   `json:"stemmer"`
	Docs    int      `json:"docs"`
	Stop    []string `json:"stop"`
	Words   []string `json:"words"`
	Numbers []string `json:"numbers"`
}

// facets is facets.json: the filters' data for every document.
type facets struct {
	Kinds     []string `json:"kinds"`
	Kind      string   `json:"kind"` // per document, its index in Kinds as one base-36 digit
	Types     []string `json:"types"`
	Branches  []string `json:"branches"`
	Languages []string `json:"languages"`
	// Products: per product, in document order: id − previous product's
	// id, type, risk class, costs in hundredths of a percent (−1: none).
	Products []int `json:"products"`
	// Advisors: per advisor: id − previous advisor's id, branch, number
	// of languages, the languages.
	Advisors []int `json:"advisors"`
}

// Files writes every file of the index but the fragments (which Add
// returned) through write, paths relative to the index's folder.
func (ix *Index) Files(write func(path string, data []byte)) {
	ix.finish()
	ix.written, ix.bucketTerms = map[string]uint64{}, map[string]uint64{}
	ix.dirty = nil
	for _, f := range ix.files(nil) {
		ix.written[f.path] = hashOf(f.data)
		write(f.path, f.data)
	}
}

// Changed writes the files that differ from what Files or Changed wrote
// last, after Update: the buckets and postings of the terms the updated
// documents have or had, the meta data and facets when they changed. It
// removes files the index no longer has, and returns the paths written.
func (ix *Index) Changed(write func(path string, data []byte), remove func(path string)) []string {
	ix.finish()
	var out []string
	now := map[string]uint64{}
	for _, f := range ix.files(ix.dirty) {
		if f.data == nil { // unchanged: keep what was written
			now[f.path] = ix.written[f.path]
			continue
		}
		h := hashOf(f.data)
		now[f.path] = h
		if old, ok := ix.written[f.path]; !ok || old != h {
			write(f.path, f.data)
			out = append(out, f.path)
		}
	}
	var gone []string
	for p := range ix.written {
		if _, ok := now[p]; !ok {
			gone = append(gone, p)
		}
	}
	sort.Strings(gone)
	for _, p := range gone {
		remove(p)
	}
	ix.written, ix.dirty = now, nil
	return out
}

type file struct {
	path string
	data []byte // nil: unchanged since the last write (Changed)
}

// files lays the index out and encodes it. With dirty set, a bucket none
// of whose terms is dirty, and that was written before, is not encoded
// again (data nil), nor are the postings of terms that are not dirty.
func (ix *Index) files(dirty map[string]bool) []file {
	words, numbers := ix.sortedTerms()
	buckets := append(layout("w", words, ix.termSize), layout("n", numbers, ix.termSize)...)
	m := meta{Version: Version, Lang: ix.lang, Stemmer: ix.Stemmer(), Docs: len(ix.docs),
		Stop: token.StopWords(ix.lang), Words: []string{}, Numbers: []string{}}
	var out []file
	for _, b := range buckets {
		if b.dir == "w" {
			m.Words = append(m.Words, b.key)
		} else {
			m.Numbers = append(m.Numbers, b.key)
		}
		// A bucket is encoded again when it holds a changed term, or
		// when its terms are not those of last time (a term came or went,
		// or the bucket was split or merged).
		th := termsHash(b.terms)
		changed := dirty == nil || ix.bucketTerms[b.path()] != th
		ix.bucketTerms[b.path()] = th
		for _, t := range b.terms {
			e := ix.entry(t)
			if dirty != nil && !dirty[t] {
				if e.postingsSize() > inlineBytes {
					out = append(out, file{path: postingsPath(t)})
				}
				continue
			}
			changed = true
			if e.postingsSize() > inlineBytes {
				out = append(out, file{postingsPath(t), appendPostings(nil, e.postings)})
			}
		}
		if changed {
			out = append(out, file{b.path(), ix.encodeBucket(b)})
		} else {
			out = append(out, file{path: b.path()})
		}
	}
	out = append(out, file{MetaPath, marshal(m)}, file{FacetsPath, marshal(ix.facets())})
	return out
}

// facets collects the filters' data.
func (ix *Index) facets() facets {
	f := facets{Kinds: []string{}, Types: []string{}, Branches: []string{}, Languages: []string{}, Products: []int{}, Advisors: []int{}}
	kinds, types, branches, langs := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, d := range ix.docs {
		kinds[d.kind] = 0
		if d.product {
			types[d.typ] = 0
		}
		if a := d.advisor; a != nil {
			branches[a.branch] = 0
			for _, l := range a.languages {
				langs[l] = 0
			}
		}
	}
	f.Kinds, f.Types, f.Branches, f.Languages = numbered(kinds), numbered(types), numbered(branches), numbered(langs)
	kind := make([]byte, len(ix.docs))
	prevProduct, prevAdvisor := -1, -1
	for id, d := range ix.docs {
		kind[id] = strconv.FormatInt(int64(kinds[d.kind]), 36)[0]
		if d.product {
			f.Products = append(f.Products, id-prevProduct, types[d.typ], int(d.risk), int(d.cost))
			prevProduct = id
		}
		if a := d.advisor; a != nil {
			f.Advisors = append(f.Advisors, id-prevAdvisor, branches[a.branch], len(a.languages))
			for _, l := range a.languages {
				f.Advisors = append(f.Advisors, langs[l])
			}
			prevAdvisor = id
		}
	}
	f.Kind = string(kind)
	return f
}

// numbered sorts the keys of m, numbers them in m and returns them.
func numbered(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		m[k] = i
	}
	return keys
}

func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("index: " + err.Error()) // only fixed types are marshalled
	}
	return append(b, '\n')
}

func termsHash(terms []string) uint64 {
	h := fnv.New64a()
	for _, t := range terms {
		h.Write([]byte(t))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

func hashOf(data []byte) uint64 {
	h := fnv.New64a()
	h.Write(data)
	return h.Sum64()
}
