package chart

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/klartext/klartext/generator/locale"
)

// Skeletons builds the product charts (Costs, CostsOverTime, Scenarios)
// faster, with the same bytes: the options JSON of such a chart has a
// structure that depends only on its shape (kind, locale, currency, number
// of bars), and a product adds only labels, numbers and texts. For each
// shape go-echarts builds the chart once, with a sentinel string in every
// per-product position; the JSON is cut at the sentinels into static
// segments and numbered holes (a skeleton), and every further chart of the
// shape is the segments with the product's values encoded as encoding/json
// would encode them. go-echarts stays the only source of the structure.
//
// A value that would change the structure rather than fill a hole (a
// number that is NaN or infinite, which becomes no value at all, or an
// empty string, which omitempty may leave out) sends that chart down the
// direct path, as does a shape whose skeleton cannot be cut cleanly.
//
// The methods are the package functions of the same name. A nil
// *Skeletons is valid and builds every chart directly, which is how a
// build without the shortcut (--no-shortcut=skeletons) runs: one value the
// renderer holds, nil or not, switches the shortcut for every product
// chart, and the builders keep one code path for the table, caption and
// text alternative. The zero value is ready to use; it is safe for
// concurrent use.
type Skeletons struct {
	mu     sync.RWMutex
	m      map[shape]*skeleton // nil value: the shape has no usable skeleton
	filled atomic.Uint64       // charts filled into a skeleton (for tests)
}

// maxShapes bounds the cache; shapes beyond it are built directly. A bank
// has a handful of currencies and cost or scenario line counts. (Two
// goroutines racing on new shapes may store a few more.)
const maxShapes = 1024

// Costs is Costs, filled into a cached skeleton.
func (s *Skeletons) Costs(id string, loc Lang, in CostsInput) (Figure, error) {
	return costs(s, id, loc, in)
}

// CostsOverTime is CostsOverTime, filled into a cached skeleton.
func (s *Skeletons) CostsOverTime(id string, loc Lang, in CostsOverTimeInput) (Figure, error) {
	return costsOverTime(s, id, loc, in)
}

// Scenarios is Scenarios, filled into a cached skeleton.
func (s *Skeletons) Scenarios(id string, loc Lang, in ScenariosInput) (Figure, error) {
	return scenarios(s, id, loc, in)
}

// shape is everything the structure and constant text of a chart's
// options depend on.
type shape struct {
	kind     string
	loc      locale.Locale // a build has one catalog per language, so the locale names the words too
	currency string
	n        int
}

// parts are a chart's per-product option values. walk visits every one
// in a fixed order, each exactly once: a string field (s) or a value of
// an opts data item (v, a float64 from jsonNumber or nil).
type parts interface {
	walk(f func(s *string, v *any))
}

// skeleton is a chart's options JSON cut at its per-product values:
// segs[0], value holes[0], segs[1], ..., segs[len(holes)].
type skeleton struct {
	segs  []string
	holes []int // position of the value in walk order
	size  int   // total length of segs
}

// options returns the options JSON of chart id with parts p: filled into
// the skeleton of the shape, or built by build when s is nil or the
// skeleton cannot take p. blank makes parts of the shape for the
// sentinels.
func options[P parts](s *Skeletons, key shape, id string, p P, blank func() P, build func(id string, p P) (template.JS, error)) (template.JS, error) {
	if s == nil {
		return build(id, p)
	}
	if sk := s.skeleton(key, func() *skeleton { return newSkeleton(blank(), build) }); sk != nil {
		if js, ok := sk.fill(p); ok {
			s.filled.Add(1)
			return js, nil
		}
	}
	return build(id, p)
}

// skeleton returns the shape's skeleton, made by newSk the first time;
// nil if the shape has none.
func (s *Skeletons) skeleton(key shape, newSk func() *skeleton) *skeleton {
	s.mu.RLock()
	sk, ok := s.m[key]
	full := len(s.m) >= maxShapes
	s.mu.RUnlock()
	if ok || full {
		return sk
	}
	sk = newSk() // outside the lock; a concurrent duplicate is harmless
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.m[key]; ok {
		return old
	}
	if s.m == nil {
		s.m = map[shape]*skeleton{}
	}
	s.m[key] = sk
	return sk
}

// sentinel is the placeholder for the i-th value; encoding/json writes it
// as "\u0000k<i>\u0000", which no constant text of a chart contains.
func sentinel(i int) string { return "\x00k" + strconv.Itoa(i) + "\x00" }

const (
	holeStart = `"\u0000k`
	holeEnd   = `\u0000"`
)

// newSkeleton builds p's chart with sentinels in every per-product
// position and cuts the JSON at them. It returns nil if the JSON does not
// hold every sentinel exactly once as a whole JSON value, or holds a NUL
// anywhere else (the chart id, a NUL too, is not in the options today; if
// it were, the skeleton would not be used).
func newSkeleton[P parts](p P, build func(id string, p P) (template.JS, error)) *skeleton {
	n := 0
	p.walk(func(s *string, v *any) {
		if s != nil {
			*s = sentinel(n)
		} else {
			*v = sentinel(n)
		}
		n++
	})
	js, err := build("\x00id\x00", p)
	if err != nil {
		return nil
	}
	rest := string(js)
	sk := &skeleton{}
	seen := make([]bool, n)
	for {
		i := strings.Index(rest, holeStart)
		if i < 0 {
			break
		}
		seg := rest[:i]
		rest = rest[i+len(holeStart):]
		j := strings.Index(rest, holeEnd)
		if j < 0 {
			return nil
		}
		k, err := strconv.Atoi(rest[:j])
		if err != nil || k < 0 || k >= n || seen[k] {
			return nil
		}
		seen[k] = true
		rest = rest[j+len(holeEnd):]
		sk.segs = append(sk.segs, seg)
		sk.holes = append(sk.holes, k)
	}
	sk.segs = append(sk.segs, rest)
	if len(sk.holes) != n {
		return nil
	}
	for _, seg := range sk.segs {
		if strings.Contains(seg, `\u0000`) {
			return nil
		}
		sk.size += len(seg)
	}
	return sk
}

// fill writes the skeleton with p's values, as finish would have written
// the chart built from p; false if a value would change the structure.
func (sk *skeleton) fill(p parts) (template.JS, bool) {
	// The values' encodings are copied into the options; their memory
	// serves the next chart (three per product page).
	sc := fillMemory.Get().(*fillScratch)
	enc, ends := sc.enc[:0], sc.ends[:0]
	defer func() {
		sc.enc, sc.ends = enc[:0], ends[:0]
		fillMemory.Put(sc)
	}()
	ok := true
	p.walk(func(s *string, v *any) {
		if !ok {
			return
		}
		if s != nil {
			if *s == "" { // may be left out (omitempty)
				ok = false
				return
			}
			enc = appendMarshalString(enc, *s)
		} else {
			f, isFloat := (*v).(float64)
			if !isFloat || math.IsNaN(f) || math.IsInf(f, 0) { // nil: no value
				ok = false
				return
			}
			enc = appendMarshalFloat(enc, f)
		}
		ends = append(ends, len(enc))
	})
	if !ok || len(ends) != len(sk.holes) {
		return "", false
	}
	var b strings.Builder
	b.Grow(sk.size + len(enc))
	for i, h := range sk.holes {
		b.WriteString(sk.segs[i])
		start := 0
		if h > 0 {
			start = ends[h-1]
		}
		b.Write(enc[start:ends[h]])
	}
	b.WriteString(sk.segs[len(sk.holes)])
	out := b.String()
	// as finish does (a "{{" can only be inside a string, so only a value
	// can hold one; replacing over the whole keeps this the same rule)
	if strings.Contains(out, "{{") {
		out = strings.ReplaceAll(out, "{{", `{\u007b`)
	}
	return template.JS(out), true
}

// fillScratch is the memory fill encodes a chart's values in.
type fillScratch struct {
	enc  []byte
	ends []int
}

var fillMemory = sync.Pool{New: func() any { return &fillScratch{} }}

// appendMarshalFloat appends f as encoding/json writes a float64 (f is
// finite): like ES6 number formatting, 'f' format except for exponents
// below -6 or from 21 on.
func appendMarshalFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendMarshalString appends s quoted as encoding/json writes a string with
// HTML escaping: <, > and & as \u003c, \u003e and \u0026, control
// characters escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendMarshalString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
