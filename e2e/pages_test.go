package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/browsercheck"
)

// TestPages opens one page of every kind in Chromium and checks
// accessibility (desktop and mobile width), charts, the keyboard path to
// the content, that nothing is requested from other servers and no cookie
// is set, the console, reflow at 360 px, images no more than twice as wide
// as they show (at 1280 and at 360 px), and the page weight against
// e2e/budget.json.
func TestPages(t *testing.T) {
	needBrowser(t)
	b, err := loadBudget()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, p := range suite.pages {
		have[p.Kind] = true
	}
	for _, k := range browsercheck.Kinds {
		if !have[k] {
			t.Logf("the site has no page of the kind %q yet: not checked", k)
		}
	}
	report := map[string]weightEntry{}
	matched := map[int]bool{}
	for _, p := range suite.pages {
		t.Run(p.Name, func(t *testing.T) {
			findings, w := checkPage(t, suite.srv, p, b)
			for i := range triage(t, findings) {
				matched[i] = true
			}
			if os.Getenv("E2E_DEBUG") != "" {
				for _, r := range suite.srv.Requests() {
					t.Logf("served %+v", r)
				}
			}
			if w != nil {
				report[p.Name] = weightEntry{Kind: p.Kind, Path: p.Path, Bytes: w, Total: weights(w).total(), BudgetKB: b.KB[p.Kind]}
				t.Logf("%s: %d bytes (%s)", p.Path, weights(w).total(), weightSummary(w))
			}
		})
	}
	writeWeightReport(t, report)
	if !t.Failed() { // a failed page may not have reported its known issues
		staleKnownIssues(t, matched, func(rule string) bool { return !strings.HasPrefix(rule, "html-validate:") })
	}
}

// checkPage runs every browser check on one page (browsercheck.CheckPage,
// which klartext check --browser runs too) and the page-weight budget; it
// returns the findings and the desktop page weight.
func checkPage(t *testing.T, srv *server, p page, b budget) ([]Finding, map[string]int64) {
	t.Helper()
	findings, v, err := browsercheck.CheckPage(suite.browser, srv, p, suite.axeSource)
	if err != nil {
		t.Fatal(err)
	}
	return append(findings, checkWeight(v, b)...), v.Weight
}

func loadBudget() (budget, error) {
	var b budget
	data, err := os.ReadFile(filepath.Join(suite.e2eDir, "budget.json"))
	if err != nil {
		return b, err
	}
	return b, json.Unmarshal(data, &b)
}

type weightEntry struct {
	Kind     string           `json:"kind"`
	Path     string           `json:"path"`
	Bytes    map[string]int64 `json:"bytes"` // html, css, js, images, other
	Total    int64            `json:"total"`
	BudgetKB int              `json:"budget_kb"`
}

// writeWeightReport writes the weights to $KLARTEXT_WEIGHT_REPORT, by
// default e2e/weight-report.json (ignored by git).
func writeWeightReport(t *testing.T, report map[string]weightEntry) {
	file := os.Getenv("KLARTEXT_WEIGHT_REPORT")
	if file == "" {
		file = filepath.Join(suite.e2eDir, "weight-report.json")
	}
	data, _ := json.MarshalIndent(report, "", "  ")
	if err := os.WriteFile(file, append(data, '\n'), 0o644); err != nil {
		t.Errorf("weight report: %v", err)
		return
	}
	t.Logf("page weights written to %s", file)
}
