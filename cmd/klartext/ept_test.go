package main

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestEPTFixtureSlidingExitInTheFirstYearOnly is #14's acceptance for the
// 27 real share classes of the FinDatEx EPT V2.1 fixture: built through
// the command as a bank would, every one becomes a product page, and the
// share classes that charge 2 % on exit after 1 year and nothing at the
// holding period (03030 = 0.02, 03020 = 0) show that exit cost in the
// 1-year column only. The expected figures are worked out here from the
// EPT row alone, independently of package product:
//
//	1 year, 0 % return: recurring r·P, then the exit cost x₁ of what is left:
//	  total = r·P + x₁·(P − r·P)
//	at the holding period T, no exit cost: the value after costs is the
//	  moderate scenario's, N = P·(1+m)^T, and the value before costs
//	  G = P·(1+g)^T with (1+g)(1−r) = 1+m, so total = G − N.
func TestEPTFixtureSlidingExitInTheFirstYearOnly(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "generator", "productsource", "testdata", "ept", "pimco-ept-v21.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h[:5]] = i
	}
	root := t.TempDir()
	writeFile(t, root, "content/site.yaml", "title: Testbank\nbaseURL: https://bank.test/\nlanguage: de\n")
	writeFile(t, root, "content/data/ept/pimco.csv", string(raw))
	dest := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--source", root, "--dest", dest}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		return v
	}
	// "1.234,56 $" → 1234.56
	amount := regexp.MustCompile(`<td class="num"[^>]*>([0-9.]+,[0-9]{2})\x{a0}[^<]+</td>`) // the cell may carry data-label and data-amount
	german := func(s string) float64 { return num(strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")) }
	const P = 10000.0
	sliding := 0
	for _, r := range rows[1:] {
		isin := r[col["00030"]]
		page, err := os.ReadFile(filepath.Join(dest, "products", strings.ToLower(isin), "index.html"))
		if err != nil {
			t.Errorf("%s: no product page: %v", isin, err)
			continue
		}
		if num(r[col["03030"]]) != 0.02 || num(r[col["03020"]]) != 0 {
			continue
		}
		sliding++
		if e := num(r[col["03010"]]) + num(r[col["03015"]]); e != 0 {
			t.Fatalf("%s: the formulas above assume no entry cost, the row has %v", isin, e)
		}
		table := regexp.MustCompile(`(?s)<table class="costs-over-time">.*?</table>`).Find(page)
		totals := regexp.MustCompile(`(?s)<th scope="row">Kosten insgesamt</th>(.*?)</tr>`).FindSubmatch(table)
		if totals == nil {
			t.Errorf("%s: no costs-over-time table", isin)
			continue
		}
		cells := amount.FindAllSubmatch(totals[1], -1)
		if len(cells) != 2 {
			t.Errorf("%s: %d columns of total costs, want 2 (1 year, the holding period)", isin, len(cells))
			continue
		}
		rec := num(r[col["03060"]]) + num(r[col["03080"]])
		T, m := num(r[col["01120"]]), num(r[col["02060"]])
		want1y := rec*P + 0.02*(P-rec*P)
		g := (1+m)/(1-rec) - 1
		wantRHP := P*math.Pow(1+g, T) - P*math.Pow(1+m, T)
		for i, want := range []float64{want1y, wantRHP} {
			if got := german(string(cells[i][1])); math.Abs(got-want) > 0.005 {
				t.Errorf("%s: total costs in column %d are %.2f, want %.2f (the exit cost %s)", isin, i+1, got, want,
					[]string{"included after 1 year", "not charged at the holding period"}[i])
			}
		}
	}
	if sliding == 0 {
		t.Fatal("the fixture has no share class with a sliding exit cost: the test checks nothing")
	}
	t.Logf("%d share classes with 2 %% exit after 1 year and none at the holding period", sliding)
}
