package e2e

import (
	"fmt"
	"sort"
	"strings"

	"github.com/klartext/klartext/generator/browsercheck"
)

// The suite's names for the page checks it shares with klartext check
// --browser (generator/browsercheck): the checks return findings instead of
// failing a test, so the negative tests can assert on them.
type (
	Finding  = browsercheck.Finding
	page     = browsercheck.Page
	visit    = browsercheck.Visit
	viewport = browsercheck.Viewport
	request  = browsercheck.Request
	server   = browsercheck.Server
)

var (
	desktop = browsercheck.Desktop
	mobile  = browsercheck.Mobile
)

// budget is e2e/budget.json: the largest page weight, compressed, per kind.
type budget struct {
	KB map[string]int `json:"max_kb"` // 1 KB = 1024 bytes
}

func (w weights) total() int64 {
	var n int64
	for _, b := range w {
		n += b
	}
	return n
}

type weights map[string]int64

func checkWeight(v *visit, b budget) []Finding {
	max, ok := b.KB[v.Page.Kind]
	if !ok {
		return []Finding{{Page: v.Page.Path, Kind: v.Page.Kind, Rule: "page-weight", Detail: "e2e/budget.json has no budget for the kind " + v.Page.Kind}}
	}
	total := weights(v.Weight).total()
	if total > int64(max)*1024 {
		return []Finding{{Page: v.Page.Path, Kind: v.Page.Kind, Rule: "page-weight",
			Detail: fmt.Sprintf("%d bytes transferred (%s), budget %d KB", total, weightSummary(v.Weight), max)}}
	}
	return nil
}

func weightSummary(w map[string]int64) string {
	keys := make([]string, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, w[k]))
	}
	return strings.Join(parts, ", ")
}
