package index

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
)

// decoded is a test's reading of an index's files, as search.js reads
// them.
type decoded struct {
	meta     meta
	postings map[string]map[int]uint8 // term → document → impact
	df       map[string]int
	bucketOf map[string]string // term → bucket file
}

func decode(t *testing.T, files map[string][]byte) decoded {
	t.Helper()
	d := decoded{postings: map[string]map[int]uint8{}, df: map[string]int{}, bucketOf: map[string]string{}}
	if err := json.Unmarshal(files[MetaPath], &d.meta); err != nil {
		t.Fatalf("meta.json: %v", err)
	}
	for _, dir := range []struct {
		name string
		keys []string
	}{{"w", d.meta.Words}, {"n", d.meta.Numbers}} {
		if !sort.StringsAreSorted(dir.keys) {
			t.Errorf("%s keys not sorted: %q", dir.name, dir.keys)
		}
		for i, key := range dir.keys {
			path := bucket{dir: dir.name, key: key}.path()
			data, ok := files[path]
			if !ok {
				t.Fatalf("meta.json lists %s, but there is no %s", key, path)
			}
			r := bytes.NewReader(data)
			n := readUvarint(t, r)
			prev := []byte{}
			for k := 0; k < int(n); k++ {
				shared := readUvarint(t, r)
				rest := make([]byte, readUvarint(t, r))
				r.Read(rest)
				term := string(append(append([]byte{}, prev[:shared]...), rest...))
				prev = []byte(term)
				if term < key || (i+1 < len(dir.keys) && term >= dir.keys[i+1]) {
					t.Errorf("term %q is in bucket %q, outside its range", term, key)
				}
				df := int(readUvarint(t, r))
				inline := readUvarint(t, r)
				var ps []byte
				if inline > 0 {
					ps = make([]byte, inline)
					r.Read(ps)
				} else {
					name := make([]byte, readUvarint(t, r))
					r.Read(name)
					if ps, ok = files[string(name)]; !ok {
						t.Fatalf("%q: no postings file %s", term, name)
					}
				}
				d.postings[term] = readPostings(t, ps, df)
				d.df[term] = df
				d.bucketOf[term] = path
				if len(d.postings[term]) != df {
					t.Errorf("%q: df %d, but %d postings", term, df, len(d.postings[term]))
				}
			}
			if r.Len() != 0 {
				t.Errorf("%s: %d bytes left over", path, r.Len())
			}
		}
	}
	return d
}

func readUvarint(t *testing.T, r *bytes.Reader) uint64 {
	v, err := binary.ReadUvarint(r)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func readPostings(t *testing.T, data []byte, df int) map[int]uint8 {
	r := bytes.NewReader(data)
	mode, _ := r.ReadByte()
	var ids []int
	switch mode {
	case postingsGaps:
		prev := -1
		for k := 0; k < df; k++ {
			prev += int(readUvarint(t, r))
			ids = append(ids, prev)
		}
	case postingsBitmap:
		first := int(readUvarint(t, r))
		bits := make([]byte, readUvarint(t, r))
		r.Read(bits)
		for i := 0; i < len(bits)*8; i++ {
			if bits[i/8]&(1<<(i%8)) != 0 {
				ids = append(ids, first+i)
			}
		}
	default:
		t.Fatalf("postings listed as %d", mode)
	}
	impacts := make([]byte, (len(ids)+1)/2)
	r.Read(impacts)
	if r.Len() != 0 {
		t.Errorf("%d bytes after the postings", r.Len())
	}
	out := map[int]uint8{}
	for k, id := range ids {
		b := impacts[k/2] >> 4
		if k%2 == 1 {
			b = impacts[k/2] & 0xf
		}
		if b == 0 {
			t.Errorf("document %d: impact 0", id)
		}
		out[id] = b
	}
	return out
}

func collect(ix *Index) map[string][]byte {
	files := map[string][]byte{}
	ix.Files(func(p string, data []byte) { files[p] = data })
	return files
}

var sample = []Doc{
	{URL: "/products/festgeld/", Title: "Festgeld 2 Jahre", Kind: "product", Body: "Beim Festgeld legen Sie Geld fest an. Kosten fallen keine an.",
		Product: &Product{Name: "Festgeld 2 Jahre", Type: "deposit", TypeLabel: "Einlage", Risk: 1, RiskLabel: "Risikoklasse 1 von 7", HasCost: true, CostText: "0,00 %"}},
	{URL: "/products/etf/", Title: "ETF-Sparplan Welt", Kind: "product", Body: "Ein Sparplan auf den Weltindex. Kosten 0,20 % im Jahr.",
		Product: &Product{Name: "ETF-Sparplan Welt", ISIN: "DE000RTB0015", Type: "equity-etf", TypeLabel: "Aktien-ETF", Risk: 4, CostPct: 0.23, HasCost: true, CostText: "0,23 %"}},
	{URL: "/advisors/murat/", Title: "Murat Yılmaz", Kind: "advisor", Body: "Er berät auf Deutsch und Türkisch.",
		Advisor: &Advisor{Name: "Murat Yılmaz", Branch: "Ludwigshafen-Süd", Languages: []Language{{"de", []string{"Deutsch", "German"}}, {"tr", []string{"Türkisch", "Turkish"}}}}},
	{URL: "/stories/treppe/", Title: "Die Festgeld-Treppe", Kind: "story", Headings: []string{"Das Problem"}, Body: "Herr K. wollte planbare Zinsen und ein Festgeldkonto."},
}

func build(docs []Doc) *Index {
	ix := New("de", len(docs))
	for i, d := range docs {
		ix.Add(i, d, nil)
	}
	return ix
}

func TestIndexFindsTermsWhereTheyStand(t *testing.T) {
	d := decode(t, collect(build(sample)))
	for _, c := range []struct {
		term string
		docs []int
	}{
		{"festgeld", []int{0, 3}},
		{"festgeldtrepp", []int{3}}, // the hyphenated compound, as one word
		{"festgeldkonto", []int{3}},
		{"kost", []int{0, 1}},
		{"de000rtb0015", []int{1}},
		{"0,20", []int{1}},
		{"tr", []int{2}},
		{"turkisch", []int{2}},
		{"yilmaz", []int{2}},
		{"einlag", []int{0}},
	} {
		var got []int
		for id := range d.postings[c.term] {
			got = append(got, id)
		}
		sort.Ints(got)
		if !reflect.DeepEqual(got, c.docs) {
			t.Errorf("%q: documents %v, want %v", c.term, got, c.docs)
		}
	}
	if _, ok := d.postings["und"]; ok {
		t.Error("the stop word \"und\" is in the index")
	}
	// A title word weighs more than a body word.
	if ti, bo := d.postings["festgeld"][0], d.postings["festgeldkonto"][3]; ti <= bo {
		t.Errorf("title impact %d <= body impact %d", ti, bo)
	}
	if d.meta.Docs != len(sample) || d.meta.Stemmer != "german" || d.meta.Lang != "de" {
		t.Errorf("meta = %+v", d.meta)
	}
}

func TestImpact(t *testing.T) {
	for _, c := range []struct {
		name         string
		weight       float32
		tokens       int
		kind         string
		lower, upper uint8
	}{
		{"one body word, average page", 1, avgTokens, "story", 5, 5},
		{"a title word", weightTitle, avgTokens, "story", 12, 13},
		{"a title word of a product", weightTitle, avgTokens, "product", 14, 15},
		{"one body word of a long page", 1, 10 * avgTokens, "story", 1, 2},
		{"capped", 1e6, 0, "product", 15, 15},
		{"never zero", 0.001, 100 * avgTokens, "page", 1, 1},
	} {
		if got := impact(c.weight, c.tokens, c.kind); got < c.lower || got > c.upper {
			t.Errorf("%s: impact %d, want %d–%d", c.name, got, c.lower, c.upper)
		}
	}
}

func TestLayoutSplitsLargeBucketsByPrefix(t *testing.T) {
	var terms []string
	for i := 0; i < 3000; i++ {
		terms = append(terms, fmt.Sprintf("de%06d", i*7919%1000000))
	}
	terms = append(terms, "apfel", "birne", "d", "de")
	sort.Strings(terms)
	bs := layout("n", terms, func(string) int { return 12 })
	keys := map[string]bool{}
	total := 0
	for _, b := range bs {
		keys[b.key] = true
		total += len(b.terms)
		if len(b.terms)*12 > bucketBytes && len([]rune(b.key)) < maxKeyRunes {
			t.Errorf("bucket %q holds %d terms, more than its size allows", b.key, len(b.terms))
		}
		for _, term := range b.terms {
			if !strings.HasPrefix(term, b.key) {
				t.Errorf("bucket %q holds %q", b.key, term)
			}
		}
	}
	if total != len(terms) {
		t.Errorf("%d terms in buckets, want %d", total, len(terms))
	}
	for _, k := range []string{"a", "b", "d"} {
		if !keys[k] {
			t.Errorf("no bucket %q of its own (keys %v)", k, keys)
		}
	}
	if keys["de"] && len(bs) < 4 {
		t.Errorf("3000 terms with de… were not split: %v", keys)
	}
}

func TestFilesAreDeterministic(t *testing.T) {
	// The render workers add pages in any order, at once.
	want := collect(build(sample))
	for round := 0; round < 5; round++ {
		ix := New("de", len(sample))
		var wg sync.WaitGroup
		for _, i := range rand.Perm(len(sample)) {
			wg.Add(1)
			go func() { defer wg.Done(); ix.Add(i, sample[i], nil) }()
		}
		wg.Wait()
		if got := collect(ix); !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: the files differ", round)
		}
	}
}

func TestFrequentTermsGetAFileOfTheirOwn(t *testing.T) {
	var docs []Doc
	for i := 0; i < 600; i++ {
		docs = append(docs, Doc{URL: fmt.Sprintf("/s/%d/", i), Title: fmt.Sprintf("Story %d", i), Kind: "story", Body: "Kosten und Zinsen"})
	}
	files := collect(build(docs))
	d := decode(t, files)
	if len(d.postings["kost"]) != 600 {
		t.Fatalf("kost: %d postings", len(d.postings["kost"]))
	}
	own := 0
	for p := range files {
		if strings.HasPrefix(p, "p/") {
			own++
		}
	}
	if own != 3 { // kost, zins, story
		t.Errorf("%d postings files, want 3 (kost, zins, story)", own)
	}
}

func TestUpdateWritesOnlyWhatThePageTouched(t *testing.T) {
	var docs []Doc
	words := []string{"Anleihe", "Beratung", "Depot", "Ertrag", "Fonds", "Geld", "Kosten", "Laufzeit", "Rendite", "Zins"}
	for i := 0; i < 300; i++ {
		docs = append(docs, Doc{URL: fmt.Sprintf("/s/%d/", i), Title: fmt.Sprintf("Seite %d", i), Kind: "page",
			Body: words[i%10] + " " + words[(i*3)%10] + " Nummer " + fmt.Sprint(i)})
	}
	ix := build(docs)
	files := collect(ix)
	edited := docs[5]
	edited.Body += " Zusatzwort"
	ix.Update(5, edited, nil)
	written := map[string][]byte{}
	paths := ix.Changed(func(p string, data []byte) { written[p] = data }, func(p string) { t.Errorf("removed %s", p) })
	// Only the buckets and postings files of the page's terms (its
	// impacts change with its length), never another's.
	touched := map[string]bool{}
	before := decode(t, files)
	for term, ps := range before.postings {
		if _, ok := ps[5]; ok || term == "zusatzwort" {
			touched[before.bucketOf[term]] = true
			touched[postingsPath(term)] = true
		}
	}
	touched["w/z.bin"] = true
	for _, p := range paths {
		if !touched[p] {
			t.Errorf("wrote %s, which holds none of the page's terms", p)
		}
	}
	if _, ok := written["w/z.bin"]; !ok {
		t.Errorf("did not write w/z.bin, the new word's bucket (wrote %v)", paths)
	}
	if len(paths) >= len(files)/2 {
		t.Errorf("wrote %d of %d files", len(paths), len(files))
	}
	for p, data := range written {
		files[p] = data
	}
	// What was written, with the rest kept, is what a full build writes.
	docs[5] = edited
	if want := collect(build(docs)); !reflect.DeepEqual(files, want) {
		for p := range want {
			if !bytes.Equal(files[p], want[p]) {
				t.Errorf("%s differs from a full build's", p)
			}
		}
	}
	// Removing the word again removes it from its bucket.
	docs[5].Body = strings.TrimSuffix(docs[5].Body, " Zusatzwort")
	ix.Update(5, docs[5], nil)
	ix.Changed(func(p string, data []byte) { files[p] = data }, func(p string) { delete(files, p) })
	if d := decode(t, files); d.postings["zusatzwort"] != nil {
		t.Error("zusatzwort is still in the index")
	}
	if want := collect(build(docs)); !reflect.DeepEqual(files, want) {
		t.Error("after removing the word again, the files differ from a full build's")
	}
}

func TestFragment(t *testing.T) {
	var got map[string]any
	if err := json.Unmarshal(appendFragment(nil, sample[1]), &got); err != nil {
		t.Fatal(err)
	}
	p := got["product"].(map[string]any)
	if got["url"] != "/products/etf/" || got["title"] != "ETF-Sparplan Welt" || p["costs"] != "0,23 %" || p["risk"] != 4.0 || p["isin"] != "DE000RTB0015" {
		t.Errorf("fragment = %v", got)
	}
	long := Doc{URL: "/x/", Title: "Lang \"zitiert\"\n", Kind: "page", Body: strings.Repeat("Wort ", FragmentText)}
	var lf map[string]any
	if err := json.Unmarshal(appendFragment(nil, long), &lf); err != nil {
		t.Fatal(err)
	}
	if n := len(lf["text"].(string)); n > FragmentText || n < FragmentText-10 {
		t.Errorf("text of %d bytes, want at most %d", n, FragmentText)
	}
	if lf["title"] != "Lang \"zitiert\"\n" {
		t.Errorf("title %q", lf["title"])
	}
}

func TestFacets(t *testing.T) {
	var f facets
	if err := json.Unmarshal(collect(build(sample))[FacetsPath], &f); err != nil {
		t.Fatal(err)
	}
	want := facets{Kinds: []string{"advisor", "product", "story"}, Kind: "1102",
		Types: []string{"deposit", "equity-etf"}, Branches: []string{"Ludwigshafen-Süd"}, Languages: []string{"de", "tr"},
		Products: []int{1, 0, 1, 0, 1, 1, 4, 23}, Advisors: []int{3, 0, 2, 0, 1}}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("facets = %+v,\nwant %+v", f, want)
	}
}

func TestAppendStringEscapesMarkupAndControls(t *testing.T) {
	for c := 0; c < 0x80; c++ {
		s := "a" + string(rune(c)) + "ü"
		out := appendString(nil, s)
		var back string
		if err := json.Unmarshal(out, &back); err != nil || back != s {
			t.Errorf("byte %#x: %s reads back as %q (%v)", c, out, back, err)
		}
		if inner := out[1 : len(out)-1]; bytes.ContainsAny(inner, "<>&\n\r\t\x00") || (c == '"' && !bytes.Contains(inner, []byte(`\"`))) {
			t.Errorf("byte %#x: %s is not escaped", c, out)
		}
	}
}

func TestAddedPostingsKeepOrderAndValues(t *testing.T) {
	// Nearly in order, as two render workers add pages, with a page
	// added late, large gaps, the first and the last document id.
	ids := []int{0, 2, 1, 3, 7, 5, 6, 900, 899, 70000, 4, MaxDocs - 1, 12}
	var a addedPostings
	var want []uint32
	for i, id := range ids {
		impact := uint8(1 + i%MaxImpact)
		a.add(id, impact)
		want = append(want, uint32(id)<<8|uint32(impact))
	}
	if got := a.appendTo(nil); !reflect.DeepEqual(got, want) || int(a.count) != len(ids) {
		t.Errorf("got %v (count %d), want %v", got, a.count, want)
	}
	if len(a.data) > 3*len(ids) {
		t.Errorf("%d bytes for %d postings", len(a.data), len(ids))
	}
}
