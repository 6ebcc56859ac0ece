package pipeline

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The cross-page consistency test: every product figure that appears in
// several places of the built site — the costs table, the costs-over-time
// chart (its table and its options), the composition of costs, the
// scenarios, a chart placed in the prose, and the products section's
// comparison — is the same number in each. The pages are parsed (an XML
// decoder in HTML mode), not searched for strings.

// hnode is an element of a parsed page.
type hnode struct {
	tag      string
	attr     map[string]string
	children []*hnode
	text     strings.Builder // the text directly and in descendants
}

func parseHTML(t *testing.T, path string) *hnode {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	root := &hnode{tag: "#root"}
	stack := []*hnode{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			n := &hnode{tag: tk.Name.Local, attr: map[string]string{}}
			for _, a := range tk.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			for i := len(stack) - 1; i > 0; i-- { // close up to the matching element
				if stack[i].tag == tk.Name.Local {
					stack = stack[:i]
					break
				}
			}
		case xml.CharData:
			for _, n := range stack {
				n.text.Write(tk)
			}
		}
	}
	return root
}

// find returns the descendants of n for which match holds, in document order.
func (n *hnode) find(match func(*hnode) bool) []*hnode {
	var out []*hnode
	for _, c := range n.children {
		if match(c) {
			out = append(out, c)
		}
		out = append(out, c.find(match)...)
	}
	return out
}

func hasClass(n *hnode, class string) bool {
	return strings.Contains(" "+n.attr["class"]+" ", " "+class+" ")
}

func (n *hnode) txt() string { return strings.TrimSpace(n.text.String()) }

// rows are a table's rows as the texts (and data-sort values) of their cells.
func rows(table *hnode) (texts, sorts [][]string) {
	for _, tr := range table.find(func(c *hnode) bool { return c.tag == "tr" }) {
		var tx, so []string
		for _, c := range tr.children {
			if c.tag == "td" || c.tag == "th" {
				tx = append(tx, c.txt())
				so = append(so, c.attr["data-sort"])
			}
		}
		texts, sorts = append(texts, tx), append(sorts, so)
	}
	return texts, sorts
}

// productPage is what a product page states, parsed.
type productPage struct {
	exits                 []string // "1 Jahr", "5 Jahren": the costs table's columns
	totals, impacts       []string
	cot                   [][]string // costs-over-time chart table: period, costs, with, without
	cotSort               [][]string
	cotOptions            map[string]any
	composition           [][]string
	compositionSort       [][]string
	scenarios             [][]string
	fenceTables           map[string][][]string // kind → the table of a chart in the prose
	primaryTables         map[string][][]string
	moderateAtRHPInChart  string
	compositionTotalTitle string
}

func readProductPage(t *testing.T, path string) productPage {
	t.Helper()
	doc := parseHTML(t, path)
	var pp productPage
	tables := doc.find(func(n *hnode) bool { return n.tag == "table" && hasClass(n, "costs-over-time") })
	if len(tables) != 1 {
		t.Fatalf("%s: %d costs tables", path, len(tables))
	}
	tx, _ := rows(tables[0])
	for _, h := range tx[0][1:] {
		pp.exits = append(pp.exits, strings.TrimPrefix(h, "Ausstieg nach "))
	}
	pp.totals, pp.impacts = tx[1][1:], tx[2][1:]
	pp.fenceTables, pp.primaryTables = map[string][][]string{}, map[string][][]string{}
	options := map[string]string{}
	for _, s := range doc.find(func(n *hnode) bool { return n.tag == "script" && n.attr["data-chart"] != "" }) {
		options[s.attr["data-chart"]] = s.txt()
	}
	for _, fig := range doc.find(func(n *hnode) bool { return n.tag == "figure" && hasClass(n, "chart") }) {
		id := strings.TrimSuffix(fig.attr["id"], "-figure")
		kind := strings.TrimPrefix(strings.Fields(fig.attr["class"])[1], "chart-")
		table := fig.find(func(n *hnode) bool { return n.tag == "table" })[0]
		texts, sorts := rows(table)
		if strings.Contains(id, "_fence_") {
			pp.fenceTables[kind] = texts
			continue
		}
		pp.primaryTables[kind] = texts
		switch kind {
		case "costs-over-time":
			pp.cot, pp.cotSort = texts[1:], sorts[1:]
			if err := json.Unmarshal([]byte(options[id]), &pp.cotOptions); err != nil {
				t.Fatalf("%s: options of %s: %v", path, id, err)
			}
		case "costs":
			pp.composition, pp.compositionSort = texts[1:], sorts[1:]
			var o struct{ Title struct{ Text string } }
			if err := json.Unmarshal([]byte(options[id]), &o); err != nil {
				t.Fatalf("%s: options of %s: %v", path, id, err)
			}
			pp.compositionTotalTitle = o.Title.Text
		case "scenarios":
			pp.scenarios = texts[1:]
		}
	}
	return pp
}

// dative turns the costs table's "5 Jahren" into the chart's "5 Jahre".
func dative(s string) string {
	for _, suffix := range []string{" Jahren", " Monaten"} {
		if strings.HasSuffix(s, suffix) {
			return strings.TrimSuffix(s, "n")
		}
	}
	return s
}

func cents(t *testing.T, sort string) int64 {
	t.Helper()
	v, err := strconv.ParseFloat(sort, 64)
	if err != nil {
		t.Fatalf("not a number: %q", sort)
	}
	return int64(math.Round(v * 100))
}

// checkProductPage asserts that one product page states each quantity
// once; it returns the annual cost impact at the holding period, for the
// comparison.
func checkProductPage(t *testing.T, path string) string {
	t.Helper()
	pp := readProductPage(t, path)
	// The costs table's totals are the chart's cumulative costs at the
	// same periods, in its table and in its options (the bar series).
	series := pp.cotOptions["series"].([]any)
	bars := series[0].(map[string]any)["data"].([]any)
	for i, exit := range pp.exits {
		row := -1
		for j, r := range pp.cot {
			if r[0] == dative(exit) {
				row = j
			}
		}
		if row < 0 {
			t.Fatalf("%s: the chart has no point after %s (its periods: %v)", path, exit, pp.cot)
		}
		if pp.cot[row][1] != pp.totals[i] {
			t.Errorf("%s: total costs after %s: table %s, chart %s", path, exit, pp.totals[i], pp.cot[row][1])
		}
		v := bars[row].(map[string]any)["value"].(float64)
		if int64(math.Round(v*100)) != cents(t, pp.cotSort[row][1]) {
			t.Errorf("%s: chart options %v, its table %s", path, v, pp.cot[row][1])
		}
	}
	// The composition's total is the first column's total, and its lines
	// add up to it to the cent.
	comp := pp.composition
	last := comp[len(comp)-1]
	if last[len(last)-1] != pp.totals[0] || pp.compositionTotalTitle != "Gesamt: "+pp.totals[0] {
		t.Errorf("%s: composition total %q (title %q), costs after %s %s", path, last[len(last)-1], pp.compositionTotalTitle, pp.exits[0], pp.totals[0])
	}
	var sum int64
	for _, r := range pp.compositionSort[:len(comp)-1] {
		sum += cents(t, r[len(r)-1])
	}
	if total := cents(t, pp.compositionSort[len(comp)-1][len(last)-1]); sum != total {
		t.Errorf("%s: composition lines add up to %d cents, total %d", path, sum, total)
	}
	// The value after costs at the holding period is the moderate
	// scenario's value.
	withCosts := pp.cot[len(pp.cot)-1][2]
	found := false
	for _, s := range pp.scenarios {
		if s[0] == "Mittleres Szenario" {
			found = true
			if v := s[len(s)-2]; v != withCosts {
				t.Errorf("%s: moderate scenario %s, value with costs at the holding period %s", path, v, withCosts)
			}
		}
	}
	if !found {
		t.Errorf("%s: no moderate scenario in %v", path, pp.scenarios)
	}
	// A chart of the page's product in the prose shows the same table.
	for kind, table := range pp.fenceTables {
		if fmt.Sprint(table) != fmt.Sprint(pp.primaryTables[kind]) {
			t.Errorf("%s: the %s chart in the prose differs from the page's:\n%v\n%v", path, kind, table, pp.primaryTables[kind])
		}
	}
	return pp.impacts[len(pp.impacts)-1]
}

// checkSite checks every product page of a built site and the products
// section's comparison against them.
func checkSite(t *testing.T, dest string) int {
	t.Helper()
	impacts := map[string]string{}
	entries, err := os.ReadDir(filepath.Join(dest, "products"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "page" {
			continue
		}
		impacts["/products/"+e.Name()+"/"] = checkProductPage(t, filepath.Join(dest, "products", e.Name(), "index.html"))
	}
	list := parseHTML(t, filepath.Join(dest, "products", "index.html"))
	figs := list.find(func(n *hnode) bool { return n.tag == "figure" && hasClass(n, "chart-comparison") })
	if len(figs) != 1 {
		t.Fatalf("%d comparison charts", len(figs))
	}
	seen := 0
	for _, tr := range figs[0].find(func(n *hnode) bool { return n.tag == "tr" }) {
		links := tr.find(func(n *hnode) bool { return n.tag == "a" })
		if len(links) == 0 {
			continue
		}
		var cells []string
		for _, c := range tr.children {
			if c.tag == "td" || c.tag == "th" {
				cells = append(cells, c.txt())
			}
		}
		url := links[0].attr["href"]
		want, ok := impacts[url]
		if !ok {
			t.Errorf("the comparison links %s, which has no page", url)
			continue
		}
		seen++
		if cells[2] != want {
			t.Errorf("comparison: %s costs %s a year, its page %s", url, cells[2], want)
		}
	}
	if seen != len(impacts) {
		t.Errorf("the comparison lists %d of %d products", seen, len(impacts))
	}
	return len(impacts)
}

func TestSameFigureEverywhereDemo(t *testing.T) {
	root := copyDemo(t)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	if n := checkSite(t, dest); n != 11 {
		t.Errorf("%d product pages", n)
	}
}

// figuresSite is a generated site whose products take every path of the
// model: holding periods of 6 months to 15 years (fractions, the half
// column), sliding exit costs, 1-year scenarios, a minimum, the KID's own
// figures, negative moderate scenarios, and a chart in the prose.
func figuresSite(t *testing.T, n int) string {
	t.Helper()
	files := minimalSite()
	var csv strings.Builder
	csv.WriteString("id,name,type,sri,rhp_years,entry_pct,exit_pct,exit_1y_pct,exit_half_pct,ongoing_pct,transaction_pct,performance_fee_pct," +
		"scenario_stress_pct,scenario_unfavourable_pct,scenario_moderate_pct,scenario_favourable_pct," +
		"scenario_stress_1y_pct,scenario_unfavourable_1y_pct,scenario_moderate_1y_pct,scenario_favourable_1y_pct,minimum_return_pct," +
		"kid_total_costs_1y,kid_cost_impact_rhp_pct\n")
	rhps := []string{"0.5", "1", "2", "3", "5", "7.5", "10", "12.5", "15"}
	for i := range n {
		rhp := rhps[i%len(rhps)]
		r, _ := strconv.ParseFloat(rhp, 64)
		exitHalf := ""
		if r >= 10 && i%2 == 0 {
			exitHalf = "0.5"
		}
		exit1y := ""
		if i%3 == 0 && r > 1 {
			exit1y = "2"
		}
		m := float64(i%11) - 3 // −3 % to 7 %
		oneYear := ",,,"
		if i%4 != 0 && r > 1 {
			oneYear = fmt.Sprintf("%.1f,%.1f,%.1f,%.1f", -40.0, -15.0, m, 25.0)
		}
		minimum, kid1y, kidRHP := "", "", ""
		if i%5 == 0 {
			minimum = "-50"
		}
		if i%7 == 0 && r > 1 {
			kid1y, kidRHP = "430", "1.9"
		}
		fmt.Fprintf(&csv, "p-%d,Produkt %d,mixed-fund,%d,%s,%d,0,%s,%s,1.%02d,0.1%d,0,-35,%.1f,%.1f,%.1f,%s,%s,%s,%s\n",
			i, i, 1+i%7, rhp, i%6, exit1y, exitHalf, i%90, i%10, m-5, m, m+6, oneYear, minimum, kid1y, kidRHP)
		fence := ""
		if i%3 == 1 {
			fence = "\n```chart\ntype: costs-over-time\n```\n\n```chart\ntype: scenarios\n```\n"
		}
		files[fmt.Sprintf("content/products/p-%d.md", i)] = fmt.Sprintf(
			"---\ntitle: Produkt %d\nproduct: p-%d\nreviewed: 2026-01-01\nreviewed_by: Compliance\nvalid_until: 2030-01-01\n---\nText.\n%s", i, i, fence)
	}
	files["content/data/products.csv"] = csv.String()
	return writeSite(t, files)
}

func TestSameFigureEverywhereGenerated(t *testing.T) {
	root := figuresSite(t, 60)
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	if n := checkSite(t, dest); n != 60 {
		t.Errorf("%d product pages", n)
	}
	// Fractional holding periods keep their value in every label.
	for page, wants := range map[string][]string{
		"p-5": {"<dd>7,5 Jahre</dd>", "Ausstieg nach 7,5 Jahren", `<th scope="row" data-sort="7.5">7,5 Jahre</th>`, "Wert nach 7,5 Jahren", "Empfohlene Haltedauer: 7,5 Jahre"},
		"p-0": {"<dd>6 Monate</dd>", "Ausstieg nach 6 Monaten", `<th scope="row" data-sort="0.5">6 Monate</th>`},
		"p-7": {"Ausstieg nach 12,5 Jahren", "Ausstieg nach 7 Jahren"}, // the half column: ceil(6.25)
	} {
		html := read(t, filepath.Join(dest, "products", page, "index.html"))
		for _, want := range wants {
			if !strings.Contains(html, want) {
				t.Errorf("%s lacks %q", page, want)
			}
		}
	}
}

// The shared corpus (gencorpus.go, 500 products), as the budget builds it.
func TestSameFigureEverywhereSharedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the shared corpus")
	}
	root := sharedCorpus(t)
	dest := filepath.Join(t.TempDir(), "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	if n := checkSite(t, dest); n != 500 {
		t.Errorf("%d product pages", n)
	}
}
