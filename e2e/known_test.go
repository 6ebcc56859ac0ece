package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// knownIssue is a finding the suite reports but does not fail on, because
// its fix lies in a file another engineer owns. Each entry must still
// occur: one that no longer matches anything fails the test, so the list
// only shrinks. See e2e/known-issues.json.
type knownIssue struct {
	Rule   string `json:"rule"`
	Page   string `json:"page"` // site path prefix: "/products/"
	File   string `json:"file"` // where the fix belongs
	Owner  string `json:"owner"`
	Reason string `json:"reason"`
}

var knownOnce struct {
	sync.Once
	issues []knownIssue
	err    error
}

func knownIssues() ([]knownIssue, error) {
	knownOnce.Do(func() {
		data, err := os.ReadFile(filepath.Join(suite.e2eDir, "known-issues.json"))
		if err != nil {
			knownOnce.err = err
			return
		}
		var f struct {
			Issues []knownIssue `json:"issues"`
		}
		knownOnce.err = json.Unmarshal(data, &f)
		knownOnce.issues = f.Issues
	})
	return knownOnce.issues, knownOnce.err
}

// triage fails the test for every finding that is not a known issue and
// logs the known ones. It returns the known issues that matched.
func triage(t *testing.T, findings []Finding) map[int]bool {
	t.Helper()
	known, err := knownIssues()
	if err != nil {
		t.Fatalf("e2e/known-issues.json: %v", err)
	}
	matched := map[int]bool{}
	for _, f := range findings {
		hit := -1
		for i, k := range known {
			if k.Rule == f.Rule && strings.HasPrefix(f.Page, k.Page) {
				hit = i
				break
			}
		}
		if hit < 0 {
			t.Error(f)
			continue
		}
		matched[hit] = true
		t.Logf("known issue (fix in %s, owner %s): %s", known[hit].File, known[hit].Owner, f)
	}
	return matched
}

// staleKnownIssues fails for each known issue of the rules that the test
// checks (selected by keep) that matched no finding in the whole run.
func staleKnownIssues(t *testing.T, matched map[int]bool, keep func(rule string) bool) {
	t.Helper()
	known, _ := knownIssues()
	for i, k := range known {
		if keep(k.Rule) && !matched[i] {
			t.Errorf("known issue %s on %s no longer occurs: remove it from e2e/known-issues.json", k.Rule, k.Page)
		}
	}
}
