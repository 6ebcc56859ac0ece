package token

import (
	"hash/maphash"
	"math"
	"strings"
	"sync"

	"github.com/klartext/klartext/generator/search/stem"
)

// Analyzer turns a page's text into weighted index terms for one
// language. It remembers every word it has seen, so each distinct word is
// folded, checked against the stop words and stemmed once; a page's words
// are then one table lookup each. It is not safe for concurrent use: keep
// one per goroutine, and let them share a Vocabulary.
type Analyzer struct {
	stem    stem.Func
	stop    map[string]bool
	vocab   *Vocabulary
	words   wordTable // token as written → its term's slot
	weights []float32 // slot → the weight added since Drain
	touched []int32   // slots with a weight, in the order first added
}

// NewAnalyzer returns an analyzer for a site language with a vocabulary
// of its own.
func NewAnalyzer(lang string) *Analyzer { return NewSharedAnalyzer(lang, &Vocabulary{}) }

// NewSharedAnalyzer returns an analyzer for a site language that numbers
// its terms in vocab, which analyzers on other goroutines may share.
func NewSharedAnalyzer(lang string, vocab *Vocabulary) *Analyzer {
	a := &Analyzer{stem: stem.For(lang), stop: map[string]bool{}, vocab: vocab}
	for _, w := range StopWords(lang) {
		a.stop[w] = true
	}
	return a
}

// Vocabulary is the analyzer's numbering of its terms (the slots Drain
// reports).
func (a *Analyzer) Vocabulary() *Vocabulary { return a.vocab }

// Vocabulary numbers terms from 0 in the order they are first seen. It is
// safe for concurrent use: the render workers' analyzers share one, so a
// site's terms are kept once, not once per worker.
type Vocabulary struct {
	mu    sync.Mutex
	slots map[string]int32
	terms []string // by slot
}

// Slot is term's slot, numbering it if it is new.
func (v *Vocabulary) Slot(term string) int32 {
	v.mu.Lock()
	defer v.mu.Unlock()
	s, ok := v.slots[term]
	if !ok {
		if v.slots == nil {
			v.slots = map[string]int32{}
		}
		s = int32(len(v.terms))
		v.slots[term] = s
		v.terms = append(v.terms, term)
	}
	return s
}

// Lookup is term's slot; ok is false for a term never seen.
func (v *Vocabulary) Lookup(term string) (slot int32, ok bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	slot, ok = v.slots[term]
	return slot, ok
}

// Terms are the terms by slot, as numbered so far.
func (v *Vocabulary) Terms() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.terms[:len(v.terms):len(v.terms)] // numbered terms never change
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
	prevStart, prevEnd, prevAlpha := 0, -2, false
	for start, end := nextExtent(text, 0); start < len(text); start, end = nextExtent(text, end) {
		w := a.word(text[start:end], false)
		if w.slot == invalid {
			continue
		}
		n++
		a.addSlot(w.slot, weight)
		if w.alpha && prevAlpha && start == prevEnd+1 && text[prevEnd] == '-' {
			if j := a.word(text[prevStart:end], true); j.slot >= 0 {
				a.addSlot(j.slot, weight)
			}
		}
		prevStart, prevEnd, prevAlpha = start, end, w.alpha
	}
	return n
}

// word is what the analyzer knows of a token as written.
type word struct {
	slot  int32 // the term's slot; stopWord or invalid
	alpha bool  // it has no digit
}

const (
	stopWord = -1 // a stop word: a token, but no term
	invalid  = -2 // not a token: one letter, or too long
)

// word looks a token up as written, folding and stemming it the first
// time; compound is a hyphenated pair, whose folded parts are joined.
func (a *Analyzer) word(raw string, compound bool) word {
	h := hashString(raw)
	if w, ok := a.words.get(h, raw); ok {
		return w
	}
	w := word{slot: invalid}
	var folded []byte
	var digits, ok bool
	if compound {
		dash := strings.IndexByte(raw, '-')
		var first, second []byte
		first, _, _ = foldToken(nil, raw[:dash])
		second, _, _ = foldToken(nil, raw[dash+1:])
		folded = append(first, second...)
		ok = len(folded) <= MaxBytes
	} else {
		folded, digits, ok = foldToken(nil, raw)
	}
	if ok {
		w = word{slot: stopWord, alpha: !digits}
		if t := a.Term(string(folded)); t != "" {
			w.slot = a.vocab.Slot(t)
		}
	}
	a.words.put(h, raw, w)
	return w
}

func (a *Analyzer) addSlot(slot int32, weight float32) {
	if slot < 0 {
		return
	}
	for int(slot) >= len(a.weights) {
		a.weights = append(a.weights, 0)
	}
	if a.weights[slot] == 0 {
		a.touched = append(a.touched, slot)
	}
	a.weights[slot] += weight
}

// Drain calls fn for each term's slot with the weight added since the
// last Drain, in the order the terms were first added, and starts afresh.
// Slots number the vocabulary's terms from 0, so a caller can keep what it
// needs per term in a slice rather than a map.
func (a *Analyzer) Drain(fn func(slot int32, weight float32)) {
	for _, s := range a.touched {
		fn(s, a.weights[s])
		a.weights[s] = 0
	}
	a.touched = a.touched[:0]
}

// wordTable maps tokens as written to what the analyzer knows of them:
// an open-addressing hash table, because a page's words are one lookup
// each and Go's map was half the time of indexing a page. The tokens'
// bytes are in one arena, so an entry is 16 bytes and holds no pointer:
// every render worker keeps one for the whole build.
type wordTable struct {
	entries []wordEntry
	arena   []byte
	n       int
}

type wordEntry struct {
	hash  uint32
	slot  int32  // word.slot
	off   uint32 // the token's bytes in the arena
	len   uint16 // 0 marks an empty entry
	alpha bool   // word.alpha
}

// maxTableToken is the longest token the table keeps; a longer one (no
// word: pasted data) is read again each time it occurs.
const maxTableToken = 1<<16 - 1

// hashString hashes a token with the runtime's string hash (what Go's maps
// use: AES instructions where the processor has them). The seed is fixed
// per process; a token's hash decides only where it sits in the table,
// never the terms or their order.
func hashString(b string) uint32 {
	h := maphash.String(hashSeed, b)
	return uint32(h ^ h>>32)
}

var hashSeed = maphash.MakeSeed()

func (t *wordTable) get(h uint32, raw string) (word, bool) {
	if len(t.entries) == 0 {
		return word{}, false
	}
	mask := uint32(len(t.entries) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := &t.entries[i]
		if e.len == 0 {
			return word{}, false
		}
		if e.hash == h && int(e.len) == len(raw) && string(t.arena[e.off:e.off+uint32(e.len)]) == raw {
			return word{slot: e.slot, alpha: e.alpha}, true
		}
	}
}

func (t *wordTable) put(h uint32, raw string, w word) {
	if len(raw) == 0 || len(raw) > maxTableToken || len(t.arena)+len(raw) > math.MaxUint32 {
		return
	}
	if (t.n+1)*2 > len(t.entries) {
		old := t.entries
		t.entries = make([]wordEntry, max(64, 2*len(old)))
		t.n = 0
		for _, e := range old {
			if e.len != 0 {
				t.insert(e)
			}
		}
	}
	off := uint32(len(t.arena))
	t.arena = append(t.arena, raw...)
	t.insert(wordEntry{hash: h, slot: w.slot, off: off, len: uint16(len(raw)), alpha: w.alpha})
}

func (t *wordTable) insert(e wordEntry) {
	mask := uint32(len(t.entries) - 1)
	i := e.hash & mask
	for t.entries[i].len != 0 {
		i = (i + 1) & mask
	}
	t.entries[i] = e
	t.n++
}
