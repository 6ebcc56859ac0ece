package index

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The files of an index, relative to its folder (the search page's
// "index/"):
//
//	meta.json       the language, its stemmer and stop words, the number of
//	                documents, and the first term of every bucket ("words",
//	                "numbers"): a term is in the last bucket whose first
//	                term is not greater than it.
//	w/<key>.bin     a bucket of words: the terms that start with key, up to
//	n/<key>.bin     bucketBytes; numbers and ISINs (terms with a digit) have
//	                buckets of their own, so a misspelt word never fetches
//	                them.
//	p/<hash>.bin    the postings of one frequent term.
//	f/<id>.json     a document's fragment: URL, title, kind, summary, the
//	                start of its text, its facets as the reader sees them.
//	facets.json     every document's kind, and the products' type, risk
//	                class and costs and the advisors' branch and languages,
//	                for the filters.
//
// A bucket is uvarint count, then per term (in order): uvarint bytes shared
// with the previous term, uvarint length of the rest, the rest (UTF-8),
// uvarint document frequency, uvarint length of the inline postings (0: the
// postings are in their own file, whose name follows as uvarint length and
// bytes), the inline postings. Postings are one byte for how the documents
// are listed — 0: uvarint (id − previous id) each, the previous of the
// first being −1; 1: a bitmap, uvarint first id, uvarint length in bytes,
// a bit per id from the first, least significant bit first — whichever is
// smaller, then each document's impact (1–15) in half a byte, in document
// order, the first in the high half. The bitmap halves a frequent word's
// postings, and hosts seldom compress binary files.
const (
	// bucketBytes is the size a bucket is split at, by one more letter of
	// its terms, until maxKeyRunes.
	bucketBytes = 8 << 10
	maxKeyRunes = 6
	// inlineBytes is the most postings a bucket holds for a term; more get
	// a file of their own, fetched only by a query for that term.
	inlineBytes = 256
	// FragmentText is how much of a page's text its fragment carries, in
	// bytes: enough for an excerpt around the words found.
	FragmentText = 3000
)

// Paths of an index's files.
const (
	MetaPath   = "meta.json"
	FacetsPath = "facets.json"
)

// FragmentPath is the path of document id's fragment.
func FragmentPath(id int) string { return "f/" + strconv.Itoa(id) + ".json" }

// bucket is one bucket of a layout.
type bucket struct {
	dir   string // "w" or "n"
	key   string
	terms []string
}

func (b bucket) path() string { return b.dir + "/" + fileKey(b.key) + ".bin" }

// fileKey spells a bucket key for a file name: letters a–z and digits as
// they are, every other byte as "_" and two hex digits.
func fileKey(key string) string {
	var out strings.Builder
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			out.WriteByte(c)
		} else {
			fmt.Fprintf(&out, "_%02x", c)
		}
	}
	return out.String()
}

// postingsPath is the file of a frequent term's postings.
func postingsPath(term string) string {
	h := fnv.New64a()
	h.Write([]byte(term))
	return fmt.Sprintf("p/%016x.bin", h.Sum64())
}

// runePrefix is s's first n runes.
func runePrefix(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// layout splits sorted terms into buckets: one per first letter, split by
// one more letter while a bucket is larger than bucketBytes.
func layout(dir string, terms []string, size func(string) int) []bucket {
	var out []bucket
	var split func(terms []string, depth int)
	split = func(terms []string, depth int) {
		total := 0
		for _, t := range terms {
			total += size(t)
			if total > bucketBytes {
				break
			}
		}
		if depth > 0 && (total <= bucketBytes || depth >= maxKeyRunes) {
			out = append(out, bucket{dir: dir, key: runePrefix(terms[0], depth), terms: terms})
			return
		}
		for i := 0; i < len(terms); {
			p := runePrefix(terms[i], depth+1)
			j := i + 1
			for j < len(terms) && runePrefix(terms[j], depth+1) == p {
				j++
			}
			split(terms[i:j], depth+1)
			i = j
		}
	}
	if len(terms) > 0 {
		split(terms, 0)
	}
	return out
}

// postingsSize is the encoded size of e's postings.
func (e *entry) postingsSize() int {
	if e.size < 0 {
		gaps, bitmap := postingsSizes(e.postings)
		e.size = min(gaps, bitmap)
	}
	return e.size
}

// postingsSizes are the sizes of postings as a list of gaps and as a
// bitmap: a word on most pages is smaller as the bitmap.
func postingsSizes(postings []uint32) (gaps, bitmap int) {
	if len(postings) == 0 {
		return 1, 1 << 30
	}
	prev := -1
	gaps = 1 + (len(postings)+1)/2
	for _, v := range postings {
		id := int(v >> 8)
		gaps += uvarintLen(uint64(id - prev))
		prev = id
	}
	first, last := int(postings[0]>>8), int(postings[len(postings)-1]>>8)
	span := (last - first + 8) / 8
	bitmap = 1 + uvarintLen(uint64(first)) + uvarintLen(uint64(span)) + span + (len(postings)+1)/2
	return gaps, bitmap
}

// termSize is what a term takes in its bucket, about.
func (ix *Index) termSize(t string) int {
	e := ix.entry(t)
	n := len(t) + 2 + uvarintLen(uint64(len(e.postings)))
	if s := e.postingsSize(); s <= inlineBytes {
		return n + s
	}
	return n + 22 // the postings file's name
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// appendPostings encodes postings (see the format above): the smaller of
// the gap list and the bitmap, then the impacts, two to a byte.
func appendPostings(out []byte, postings []uint32) []byte {
	gaps, bitmap := postingsSizes(postings)
	if bitmap < gaps {
		first, last := int(postings[0]>>8), int(postings[len(postings)-1]>>8)
		span := (last - first + 8) / 8
		out = append(out, postingsBitmap)
		out = binary.AppendUvarint(out, uint64(first))
		out = binary.AppendUvarint(out, uint64(span))
		start := len(out)
		out = append(out, make([]byte, span)...)
		for _, v := range postings {
			i := int(v>>8) - first
			out[start+i/8] |= 1 << (i % 8)
		}
	} else {
		out = append(out, postingsGaps)
		prev := -1
		for _, v := range postings {
			id := int(v >> 8)
			out = binary.AppendUvarint(out, uint64(id-prev))
			prev = id
		}
	}
	for i := 0; i < len(postings); i += 2 {
		b := byte(postings[i]&0xf) << 4
		if i+1 < len(postings) {
			b |= byte(postings[i+1] & 0xf)
		}
		out = append(out, b)
	}
	return out
}

// How a term's documents are listed.
const (
	postingsGaps   = 0 // uvarint id − previous id each (the previous of the first is −1)
	postingsBitmap = 1 // uvarint first id, uvarint bytes, a bit per id from the first (least significant first)
)

// encodeBucket writes a bucket's terms.
func (ix *Index) encodeBucket(b bucket) []byte {
	out := binary.AppendUvarint(nil, uint64(len(b.terms)))
	prev := ""
	for _, t := range b.terms {
		shared := 0
		for shared < len(prev) && shared < len(t) && prev[shared] == t[shared] {
			shared++
		}
		out = binary.AppendUvarint(out, uint64(shared))
		out = binary.AppendUvarint(out, uint64(len(t)-shared))
		out = append(out, t[shared:]...)
		e := ix.entry(t)
		out = binary.AppendUvarint(out, uint64(len(e.postings)))
		if size := e.postingsSize(); size <= inlineBytes {
			out = binary.AppendUvarint(out, uint64(size))
			out = appendPostings(out, e.postings)
		} else {
			name := postingsPath(t)
			out = binary.AppendUvarint(out, 0)
			out = binary.AppendUvarint(out, uint64(len(name)))
			out = append(out, name...)
		}
		prev = t
	}
	return out
}
