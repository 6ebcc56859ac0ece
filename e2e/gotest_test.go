package e2e

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestGoTestSaysWhatToRun: without Chromium, go test ./e2e fails in one
// line that names what is missing and what to run — go test ./... shows a
// passing package as a bare "ok", so a suite that skipped itself would
// look like one that passed — and with KLARTEXT_SKIP_BROWSER set it passes,
// the browser tests skipped. The README's test command (scripts/test.sh)
// is what .ci/run calls.
func TestGoTestSaysWhatToRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test again (-short)")
	}
	env := func(extra ...string) []string {
		var out []string
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "CI=") && !strings.HasPrefix(kv, "KLARTEXT_SKIP_BROWSER=") && !strings.HasPrefix(kv, "KLARTEXT_CHROMIUM=") {
				out = append(out, kv)
			}
		}
		return append(out, extra...)
	}
	goTest := func(env []string, args ...string) (string, error) {
		cmd := exec.Command("go", append([]string{"test", "-count=1"}, args...)...)
		cmd.Dir = suite.repo
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := goTest(env("KLARTEXT_CHROMIUM=/nonexistent/chromium"), "./e2e")
	want := regexp.MustCompile(`(?m)^e2e: the browser tests cannot run: /nonexistent/chromium is missing \(apt-get install chromium\)\. Run scripts/test.sh \(it installs what they need, then runs every test\), or set KLARTEXT_SKIP_BROWSER=1 to skip them\.\nFAIL\s+github\.com/klartext/klartext/e2e\s`)
	if err == nil || !want.MatchString(out) {
		t.Errorf("go test ./e2e without Chromium: %v\n%s", err, out)
	}
	out, err = goTest(env("KLARTEXT_CHROMIUM=/nonexistent/chromium", "KLARTEXT_SKIP_BROWSER=1"), "-run", "^TestPages$", "-v", "./e2e")
	if err != nil || !strings.Contains(out, "--- SKIP: TestPages") || !strings.Contains(out, "/nonexistent/chromium is missing (apt-get install chromium) (KLARTEXT_SKIP_BROWSER is set)") {
		t.Errorf("with KLARTEXT_SKIP_BROWSER: %v\n%s", err, out)
	}
	// CI never skips.
	if out, err = goTest(env("KLARTEXT_CHROMIUM=/nonexistent/chromium", "KLARTEXT_SKIP_BROWSER=1", "CI=true"), "-run", "^TestPages$", "./e2e"); err == nil {
		t.Errorf("with CI set the suite skipped:\n%s", out)
	}

	readme, err := os.ReadFile(suite.repo + "/README.md")
	if err != nil {
		t.Fatal(err)
	}
	ci, err := os.ReadFile(suite.repo + "/.ci/run")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)## Run the tests\n.*?\n    (scripts/\\S+)\n").FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README has no test command under \"## Run the tests\"")
	}
	if !regexp.MustCompile(`(?m)^(CI=true )?` + regexp.QuoteMeta(string(m[1])) + `$`).Match(ci) {
		t.Errorf(".ci/run does not call the README's test command %s", m[1])
	}
}
