package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Lighthouse 12 (e2e/package.json pins it) rates the home, a product, the
// products, an advisor, a story and the feedback page as a phone would see
// them: its mobile form factor and default simulated throttling, Debian's
// Chromium (no browser of its own is downloaded). The scores go to
// $KLARTEXT_LIGHTHOUSE_REPORT (default e2e/lighthouse-report.json, ignored
// by git); the test fails below lighthouseMin.

// lighthouseMin is the least score per category that fails the test:
// accessibility, best practices and SEO must be perfect — their audits
// read the page's markup, headers and console, so a run gives the same
// score every time. Performance is not asserted, only reported: it is
// Lighthouse's simulation of a slow phone fed with the CPU times this
// run observed, so on a shared, busy machine it moves by ten points and
// more between runs of the same pages (the advisor page 100 alone, 87
// beside the rest of go test ./... on 2026-12-01), and a test must not
// assert wall-clock times. The report keeps its score and what cost
// the points.
var lighthouseMin = map[string]int{"accessibility": 100, "best-practices": 100, "seo": 100}

// lighthouseKinds are the page kinds rated, in the report's order.
var lighthouseKinds = []string{"home", "product", "section", "advisor", "story", "feedback"}

func lighthouseBin() string {
	return filepath.Join(suite.e2eDir, "node_modules", "lighthouse", "cli", "index.js")
}

type lighthouseReport struct {
	Categories map[string]struct {
		Score     *float64 `json:"score"`
		AuditRefs []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
		} `json:"auditRefs"`
	} `json:"categories"`
	Audits map[string]struct {
		Title        string   `json:"title"`
		Score        *float64 `json:"score"`
		DisplayValue string   `json:"displayValue"`
	} `json:"audits"`
	RuntimeError *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"runtimeError"`
}

// TestLighthouse runs Lighthouse on one page of each kind in
// lighthouseKinds (the products page for "section") and checks the scores.
func TestLighthouse(t *testing.T) {
	needBrowser(t)
	needNode(t)
	if _, err := os.Stat(lighthouseBin()); err != nil {
		missing(t, "Lighthouse is missing: run `cd e2e && npm ci` ("+err.Error()+")")
	}
	byKind := map[string]page{}
	for _, p := range suite.pages {
		if _, ok := byKind[p.Kind]; !ok {
			byKind[p.Kind] = p
		}
	}
	byKind["section"] = page{Kind: "section", Path: "/products/", Name: "section"}
	report := map[string]map[string]int{}
	tmp := t.TempDir()
	for _, kind := range lighthouseKinds {
		p, ok := byKind[kind]
		if !ok {
			t.Errorf("the site has no %s page to rate", kind)
			continue
		}
		out := filepath.Join(tmp, kind+".json")
		cmd := exec.Command("node", lighthouseBin(), suite.srv.URL+p.Path,
			"--quiet", "--output=json", "--output-path="+out,
			"--only-categories=performance,accessibility,best-practices,seo",
			"--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --proxy-server=http://127.0.0.1:9 --host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
		)
		cmd.Env = append(os.Environ(), "CHROME_PATH="+chromiumPath)
		cmd.Dir = tmp
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("lighthouse %s: %v\n%s", p.Path, err, b)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var r lighthouseReport
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatalf("lighthouse %s: %v", p.Path, err)
		}
		if r.RuntimeError != nil && r.RuntimeError.Code != "" && r.RuntimeError.Code != "NO_ERROR" {
			t.Fatalf("lighthouse %s: %s: %s", p.Path, r.RuntimeError.Code, r.RuntimeError.Message)
		}
		scores := map[string]int{}
		var line []string
		for _, cat := range []string{"performance", "accessibility", "best-practices", "seo"} {
			c, ok := r.Categories[cat]
			if !ok || c.Score == nil {
				t.Errorf("%s: no %s score", p.Path, cat)
				continue
			}
			score := int(*c.Score*100 + 0.5)
			scores[cat] = score
			line = append(line, fmt.Sprintf("%s %d", cat, score))
			if score < 100 {
				// Name what cost the points, for the log and the error.
				var lost []string
				for _, ref := range c.AuditRefs {
					a := r.Audits[ref.ID]
					if ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
						lost = append(lost, fmt.Sprintf("%s (%s%s)", ref.ID, a.Title, strings.TrimSuffix(" "+a.DisplayValue, " ")))
					}
				}
				sort.Strings(lost)
				msg := fmt.Sprintf("%s: %s %d: %s", p.Path, cat, score, strings.Join(lost, "; "))
				if min, ok := lighthouseMin[cat]; ok && score < min {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
		}
		report[kind] = scores
		t.Logf("%s %s: %s", kind, p.Path, strings.Join(line, ", "))
	}
	file := os.Getenv("KLARTEXT_LIGHTHOUSE_REPORT")
	if file == "" {
		file = filepath.Join(suite.e2eDir, "lighthouse-report.json")
	}
	b, _ := json.MarshalIndent(map[string]any{"_about": "Lighthouse 12 scores per page kind (mobile, default throttling), written by go test ./e2e (TestLighthouse)", "scores": report}, "", "  ")
	if err := os.WriteFile(file, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("scores written to %s", file)
}
