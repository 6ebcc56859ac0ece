package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/sitetest"
)

func writeFile(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckGitHubOneBrokenLink(t *testing.T) {
	root := copyDemo(t)
	writeFile(t, root, "content/kaputt.md", "---\ntitle: Kaputt\n---\n\nEin [Link](fehlt.md).\n")
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--source", root, "--format", "github"}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit status %d, want 1; stderr %s", code, stderr.String())
	}
	var errs []string
	for _, l := range strings.Split(stdout.String(), "\n") {
		if strings.HasPrefix(l, "::error ") {
			errs = append(errs, l)
		}
	}
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "::error file=content/kaputt.md,line=5::") {
		t.Errorf("want exactly one annotation at content/kaputt.md line 5, got %q", errs)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("check must not write output")
	}
}

func TestCheckReportsAndExitCodes(t *testing.T) {
	root := copyDemo(t)
	// An explainer that expires in ten days (relative to the real today,
	// since check runs with the clock).
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--source", root, "--format", "json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("the demo must check clean of errors: %d %s %s", code, stdout.String(), stderr.String())
	}
	var report struct {
		Diagnostics []struct{ Severity, File, Message string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "content/advisors/neu.md", "---\nname: Neu Berater\nadvice_model: fee-based\n---\nText\n")
	stdout.Reset()
	if code := run([]string{"check", "--source", root, "--strict"}, &stdout, &stderr); code != 2 {
		t.Errorf("warnings with --strict: exit %d, want 2\n%s", code, stdout.String())
	}
	if !strings.Contains(stdout.String(), `content/advisors/neu.md: warning: the advisor "Neu Berater" has no stories yet`) {
		t.Errorf("no report of the advisor without stories:\n%s", stdout.String())
	}
}

func TestBuildCommandSummaryAndExit(t *testing.T) {
	root := copyDemo(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--source", root}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !regexpMatch(`klartext: \d+ pages \(.*\), \d+ files, \d+ charts, 0 errors, 0 warnings, 0 skipped in `, stdout.String()) {
		t.Errorf("summary: %s", stdout.String())
	}
	writeFile(t, root, "content/kaputt.md", "---\ntitle: [\n---\n")
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"build", "--source", root}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "content/kaputt.md:2:") {
		t.Errorf("exit %d, stderr %s", code, stderr.String())
	}
	if code := run([]string{"build", "--help"}, &stdout, &stderr); code != 0 {
		t.Errorf("--help exit %d", code)
	}
	if code := run([]string{"frobnicate"}, &stdout, &stderr); code != 2 {
		t.Errorf("unknown command exit %d", code)
	}
}

func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }

// TestBuildStatsAndShortcuts: --stats lists the layouts and the
// shortcuts; --no-shortcut turns them off and leaves the output as it
// was; a name that is not a shortcut is refused with the list.
func TestBuildStatsAndShortcuts(t *testing.T) {
	root := copyDemo(t)
	var stdout, stderr bytes.Buffer
	fast, slow := filepath.Join(t.TempDir(), "fast"), filepath.Join(t.TempDir(), "slow")
	if code := run([]string{"build", "--source", root, "--dest", fast, "--stats"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"products/single.html", "html/template (first)", "quick          on ", "skeletons      on "} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("--stats lacks %q:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	if code := run([]string{"build", "--source", root, "--dest", slow, "--stats", "--no-shortcut=skeletons,quick", "--no-shortcut", "risk-charts"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"quick          off", "skeletons      off", "risk-charts    off", "feedback-form  on "} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("--stats lacks %q:\n%s", want, stdout.String())
		}
	}
	if a, b := sitetest.Checksums(t, fast), sitetest.Checksums(t, slow); a != b {
		t.Error("the build without shortcuts differs")
	}
	stderr.Reset()
	if code := run([]string{"build", "--source", root, "--no-shortcut=skeleton"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "did you mean skeletons?") {
		t.Errorf("a misspelt shortcut: exit %d, %s", code, stderr.String())
	}
}
