package index

import (
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// benchDocs are n pages shaped like the shared corpus's (gencorpus): a
// title, a summary and some 300 words of body drawn from a few thousand
// German and English words, products with an ISIN and figures.
func benchDocs(n int) []Doc {
	rng := rand.New(rand.NewSource(1))
	stems := []string{"Rendite", "Zins", "Kosten", "Sicherheit", "Laufzeit", "Beratung", "Anlage", "Depot", "Fonds",
		"Anleihe", "Sparplan", "Einlage", "Ertrag", "Vertrauen", "Transparenz", "Aktie", "Risiko", "Kunde",
		"return", "fee", "scenario", "horizon", "liquidity", "volatility", "transparency", "customer", "savings",
		"investment", "portfolio", "interaction", "dialogue", "conditions", "quality", "service", "deposit"}
	vocab := make([]string, 0, 3000)
	for i := 0; len(vocab) < cap(vocab); i++ {
		s := stems[i%len(stems)]
		switch i / len(stems) % 4 {
		case 1:
			s += "s"
		case 2:
			s = strings.ToLower(s) + fmt.Sprint(i/len(stems))
		case 3:
			s += "-" + stems[(i*7)%len(stems)]
		}
		vocab = append(vocab, s)
	}
	// Words by their frequency (Zipf's law), drawn as a uniform pick from
	// this urn: sampling Zipf directly was most of the benchmark's time.
	zipf := rand.NewZipf(rng, 1.6, 8, uint64(len(vocab)-1))
	urn := make([]string, 1<<16)
	for i := range urn {
		urn[i] = vocab[zipf.Uint64()]
	}
	words := func(k int) string {
		var b strings.Builder
		for i := 0; i < k; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(urn[rng.Intn(len(urn))])
			if i%12 == 11 {
				b.WriteString(".\n")
			}
		}
		return b.String()
	}
	docs := make([]Doc, n)
	for i := range docs {
		d := Doc{URL: fmt.Sprintf("/stories/story-%d/", i), Title: words(8), Kind: "story", Summary: words(12),
			Headings: []string{words(6), words(5)}, Body: words(300), Topics: []string{"Kosten", "Risiko"}}
		if i%2 == 0 {
			d.URL, d.Kind = fmt.Sprintf("/products/fonds-%d/", i), "product"
			d.Product = &Product{Name: d.Title, ISIN: fmt.Sprintf("DE%010d", i), Type: "bond-fund", TypeLabel: "Rentenfonds",
				Risk: 1 + i%7, RiskLabel: fmt.Sprintf("Risikoklasse %d von 7", 1+i%7), CostPct: float64(i%300) / 100,
				HasCost: true, CostText: fmt.Sprintf("%d,%02d %%", i%300/100, i%100)}
		}
		docs[i] = d
	}
	return docs
}

// BenchmarkAdd adds 10,000 pages from two goroutines, as the build's
// render workers do, and writes the index; it reports the heap the index
// holds once every page is in (live-B/doc), which a build keeps until its
// last page is written.
func BenchmarkAdd(b *testing.B) {
	docs := benchDocs(10000)
	b.ReportAllocs()
	var live uint64
	for i := 0; i < b.N; i++ {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		ix := New("de", len(docs))
		next := make(chan int, 64)
		var wg sync.WaitGroup
		for w := 0; w < 2; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var frag []byte
				for id := range next {
					frag = ix.Add(id, docs[id], frag[:0])
				}
			}()
		}
		for id := range docs {
			next <- id
		}
		close(next)
		wg.Wait()
		runtime.GC()
		runtime.ReadMemStats(&after)
		live = after.HeapAlloc - before.HeapAlloc
		ix.Files(func(string, []byte) {})
		runtime.KeepAlive(ix)
	}
	b.ReportMetric(float64(live)/float64(len(docs)), "live-B/doc")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
}
