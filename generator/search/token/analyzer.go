package token

import (
	"encoding/binary"

	"github.com/klartext/klartext/generator/search/stem"
)

// Analyzer turns a page's text into weighted index terms for one
// language. It remembers every word it has seen, so each distinct word is
// folded, checked against the stop words and stemmed once; a page's words
// are then one map lookup each. It is not safe for concurrent use: keep
// one per goroutine.
type Analyzer struct {
	stem    stem.Func
	stop    map[string]bool
	words   wordTable        // folded word → slot; -1: a stop word
	slots   map[string]int32 // term → slot
	terms   []string         // slot → term
	weights []float32        // slot → the weight added since Drain
	touched []int32          // slots with a weight, in the order first added
	prev    []byte           // the previous token, folded, for hyphenated compounds
}

// NewAnalyzer returns an analyzer for a site language.
func NewAnalyzer(lang string) *Analyzer {
	a := &Analyzer{stem: stem.For(lang), stop: map[string]bool{},
		slots: map[string]int32{}}
	for _, w := range StopWords(lang) {
		a.stop[w] = true
	}
	return a
}

// Term is the index term of one folded token: stemmed unless it has a
// digit; "" for a stop word.
func (a *Analyzer) Term(folded string) string {
	if HasDigit([]byte(folded)) {
		return folded
	}
	if a.stop[folded] {
		return ""
	}
	if a.stem != nil {
		return a.stem(folded)
	}
	return folded
}

// Add adds weight to every term of text, once per occurrence, and returns
// how many tokens text has. Two words joined by a hyphen add their
// compound too ("Festgeld-Treppe" adds "festgeldtreppe"), so a reader who
// writes it as one word finds it.
func (a *Analyzer) Add(text string, weight float32) int {
	n := 0
	prevEnd := -2
	a.prev = a.prev[:0]
	Scan(text, func(folded []byte, start, end int, digits bool) {
		n++
		a.addWord(folded, weight)
		alpha := !digits
		if alpha && start == prevEnd+1 && text[prevEnd] == '-' && len(a.prev) > 0 && len(a.prev)+len(folded) <= MaxBytes {
			joined := append(a.prev, folded...)
			a.addWord(joined, weight)
		}
		a.prev = a.prev[:0]
		if alpha {
			a.prev = append(a.prev, folded...)
		}
		prevEnd = end
	})
	return n
}

func (a *Analyzer) addWord(folded []byte, weight float32) {
	h := hashBytes(folded)
	slot, ok := a.words.get(h, folded)
	if !ok {
		w := string(folded)
		slot = -1
		if t := a.Term(w); t != "" {
			s, known := a.slots[t]
			if !known {
				s = int32(len(a.terms))
				a.slots[t] = s
				a.terms = append(a.terms, t)
				a.weights = append(a.weights, 0)
			}
			slot = s
		}
		a.words.put(h, w, slot)
	}
	if slot < 0 {
		return
	}
	if a.weights[slot] == 0 {
		a.touched = append(a.touched, slot)
	}
	a.weights[slot] += weight
}

// Drain calls fn for each term with the weight added since the last
// Drain, in the order the terms were first added, and starts afresh.
func (a *Analyzer) Drain(fn func(term string, weight float32)) {
	for _, s := range a.touched {
		fn(a.terms[s], a.weights[s])
		a.weights[s] = 0
	}
	a.touched = a.touched[:0]
}

// wordTable maps folded words to slots: an open-addressing hash table,
// because a page's words are one lookup each and Go's map, hashing each
// word anew, was half the time of indexing a page.
type wordTable struct {
	entries []wordEntry
	n       int
}

type wordEntry struct {
	hash uint32
	slot int32
	word string // "" marks an empty entry
}

// hashBytes hashes a word eight bytes at a time.
func hashBytes(b []byte) uint32 {
	h := uint64(len(b)) * 0x9e3779b97f4a7c15
	for len(b) >= 8 {
		h = (h ^ binary.LittleEndian.Uint64(b)) * 0xff51afd7ed558ccd
		h ^= h >> 32
		b = b[8:]
	}
	var tail uint64
	for i, c := range b {
		tail |= uint64(c) << (8 * i)
	}
	h = (h ^ tail) * 0xc4ceb9fe1a85ec53
	return uint32(h ^ h>>29)
}

func (t *wordTable) get(h uint32, word []byte) (int32, bool) {
	if len(t.entries) == 0 {
		return 0, false
	}
	mask := uint32(len(t.entries) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := &t.entries[i]
		if e.word == "" {
			return 0, false
		}
		if e.hash == h && e.word == string(word) {
			return e.slot, true
		}
	}
}

func (t *wordTable) put(h uint32, word string, slot int32) {
	if (t.n+1)*2 > len(t.entries) {
		old := t.entries
		t.entries = make([]wordEntry, max(64, 2*len(old)))
		t.n = 0
		for _, e := range old {
			if e.word != "" {
				t.put(e.hash, e.word, e.slot)
			}
		}
	}
	mask := uint32(len(t.entries) - 1)
	i := h & mask
	for t.entries[i].word != "" {
		i = (i + 1) & mask
	}
	t.entries[i] = wordEntry{hash: h, slot: slot, word: word}
	t.n++
}
