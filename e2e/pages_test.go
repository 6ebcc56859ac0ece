package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	for _, k := range pageKinds {
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

// checkPage runs every browser check on one page and returns the findings
// and the desktop page weight.
func checkPage(t *testing.T, srv *server, p page, b budget) ([]Finding, map[string]int64) {
	t.Helper()
	var out []Finding
	before := len(srv.Requests())
	v, err := load(suite.browser, srv.URL, p, desktop, suite.axeSource, true)
	if err != nil {
		t.Fatalf("%s (%s): %v", p.Path, p.Kind, err)
	}
	served := srv.Requests()[before:]
	out = append(out, checkAxe(v)...)
	out = append(out, checkCharts(v)...)
	out = append(out, checkKeyboard(v)...)
	out = append(out, checkTracking(v, srv.URL, served)...)
	out = append(out, checkConsole(v)...)
	out = append(out, checkWeight(v, b)...)
	out = append(out, checkServed(p, served)...)
	out = append(out, checkImageSizes(v)...)

	m, err := load(suite.browser, srv.URL, p, mobile, suite.axeSource, false)
	if err != nil {
		t.Fatalf("%s (%s) at mobile width: %v", p.Path, p.Kind, err)
	}
	out = append(out, checkAxe(m)...)
	out = append(out, checkReflow(m)...)
	out = append(out, checkImageSizes(m)...)
	out = append(out, checkConsole(m)...)
	out = append(out, checkTracking(m, srv.URL, nil)...)
	return out, v.Weight
}

// checkServed makes sure the page came from the test server with the
// status its kind should have.
func checkServed(p page, served []request) []Finding {
	want := 200
	if p.Kind == "404" {
		want = 404
	}
	for _, r := range served {
		if r.Path == p.Path {
			if r.Status != want {
				return []Finding{{Page: p.Path, Kind: p.Kind, Rule: "http-status", Detail: "status " + itoa(r.Status) + ", want " + itoa(want)}}
			}
			return nil
		}
	}
	return []Finding{{Page: p.Path, Kind: p.Kind, Rule: "http-status", Detail: "the test server never got a request for the page"}}
}

func itoa(n int) string { return jsonString(n) }

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
