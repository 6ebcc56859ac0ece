package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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

// klartext check finds no error in the demo and warns only of the pages
// it leaves in German on purpose: the advisor who does not advise in
// English, the four stories not translated, the videos (German speech).
func TestCheckDemo(t *testing.T) {
	root := copyDemo(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--source", root, "--lang", "en"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout.String(), stderr.String())
	}
	var want []string
	for _, f := range []string{"advisors/katharina-brandt", "stories/der-erste-etf", "stories/der-rohstofffonds-den-ich-nicht-verkauft-habe",
		"stories/die-festgeld-treppe", "stories/unser-fehler-beim-festgeld", "videos/_index", "videos/kosten-verstehen"} {
		want = append(want, "content/"+f+".md: warning: the page has no version in English (content/"+f+".en.md)")
	}
	want = append(want, "klartext check: 0 errors, 7 warnings")
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		if before, _, ok := strings.Cut(l, " — "); ok {
			l = before
		}
		got = append(got, l)
	}
	if !slices.Equal(got, want) {
		t.Errorf("klartext check on the demo:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// In the site's German the language is named in German, not by its
	// code: "auf Englisch", in the warning and its hint.
	stdout.Reset()
	if code := run([]string{"check", "--source", root}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout.String(), stderr.String())
	}
	const german = "content/stories/der-erste-etf.md: Warnung: Die Seite hat keine Fassung auf Englisch (content/stories/der-erste-etf.en.md) — " +
		"Übersetzen Sie sie in diese Datei, mit denselben Schlüsseln im Kopfbereich; bis dahin hat die Website auf Englisch diese Seite nicht oder zeigt ihre Fakten ohne ihren Text"
	if !strings.Contains(stdout.String(), german+"\n") {
		t.Errorf("klartext check on the German demo does not say\n\t%s\nbut:\n%s", german, stdout.String())
	}
}

func TestCheckReportsAndExitCodes(t *testing.T) {
	root := copyDemo(t)
	// An explainer that expires in ten days (relative to the real today,
	// since check runs with the clock).
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--lang", "en", "--source", root, "--format", "json"}, &stdout, &stderr); code != 0 {
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
	if code := run([]string{"check", "--lang", "en", "--source", root, "--strict"}, &stdout, &stderr); code != 2 {
		t.Errorf("warnings with --strict: exit %d, want 2\n%s", code, stdout.String())
	}
	if !strings.Contains(stdout.String(), `content/advisors/neu.md: warning: the advisor "Neu Berater" has no stories yet`) {
		t.Errorf("no report of the advisor without stories:\n%s", stdout.String())
	}
}

func TestBuildCommandSummaryAndExit(t *testing.T) {
	root := copyDemo(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--lang", "en", "--source", root}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !regexpMatch(`klartext: \d+ pages \(.*\), \d+ files, \d+ charts, 0 errors, 0 warnings, 0 skipped in `, stdout.String()) {
		t.Errorf("summary: %s", stdout.String())
	}
	writeFile(t, root, "content/kaputt.md", "---\ntitle: [\n---\n")
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"build", "--lang", "en", "--source", root}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "content/kaputt.md:2:") {
		t.Errorf("exit %d, stderr %s", code, stderr.String())
	}
	if code := run([]string{"build", "--lang", "en", "--help"}, &stdout, &stderr); code != 0 {
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

// TestDiagnosticsCannotIssueWorkflowCommands: a file named with a newline
// and "::error" must not start a line that GitHub Actions reads as a
// workflow command, neither in klartext build's plain output nor in
// klartext check --format github.
func TestDiagnosticsCannotIssueWorkflowCommands(t *testing.T) {
	root := copyDemo(t)
	name := "content/x\n::error file=README.md,line=1::pwned\n.md"
	writeFile(t, root, name, "---\ntitle: X\ntitel: Y\n---\n")
	want := `content/x\n::error file=README.md,line=1::pwned\n.md:3: unknown front matter key "titel" for a page — did you mean title?`

	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--lang", "en", "--source", root, "--dest", filepath.Join(t.TempDir(), "out")}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit status %d, want 1", code)
	}
	for _, out := range []string{stdout.String(), stderr.String()} {
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "::") {
				t.Errorf("build printed a workflow command: %q", l)
			}
		}
	}
	if !strings.Contains(stderr.String(), want+"\n") {
		t.Errorf("want the escaped diagnostic\n  %s\nin\n%s", want, stderr.String())
	}

	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"check", "--lang", "en", "--source", root, "--format", "github"}, &stdout, &stderr); code != 1 {
		t.Fatalf("check: exit status %d, want 1", code)
	}
	var errs []string
	for _, l := range strings.Split(stdout.String(), "\n") {
		if strings.HasPrefix(l, "::error") {
			errs = append(errs, l)
		}
	}
	wantGH := `::error file=content/x\n%3A%3Aerror file=README.md%2Cline=1%3A%3Apwned\n.md,line=3::unknown front matter key "titel" for a page — did you mean title?`
	if len(errs) != 1 || errs[0] != wantGH {
		t.Errorf("want exactly the one annotation\n  %s\ngot\n  %q", wantGH, errs)
	}
}

// TestCheckProducts is the compliance report: per product every key read
// with its file and row, and the figures the page publishes, the same
// numbers as the page (the demo's mischfonds-ausgewogen, worked by hand in
// generator/pipeline's TestProductFiguresOnPage).
func TestCheckProducts(t *testing.T) {
	root := copyDemo(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--lang", "en", "--source", root, "--products", "--format", "json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var report struct {
		Products []struct {
			ID      string
			Sources []string
			Read    []struct {
				Key, Value, Source string
				Column             int
			}
			Figures struct {
				Columns []struct {
					Years        float64
					TotalCosts   struct{ Text string } `json:"total_costs"`
					AnnualImpact struct {
						Text    string
						FromKID bool `json:"from_kid"`
					} `json:"annual_cost_impact_pct"`
				} `json:"costs_over_time"`
				Composition []struct {
					Key    string
					Amount struct{ Text string }
				}
				Scenarios []struct {
					Key   string
					AtRHP struct{ Text string } `json:"at_holding_period"`
				}
			}
		}
		Diagnostics []any
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	if len(report.Products) != 11 {
		t.Fatalf("%d products", len(report.Products))
	}
	var mix, etf = -1, -1
	for i, p := range report.Products {
		switch p.ID {
		case "mischfonds-ausgewogen":
			mix = i
		case "etf-sparplan-welt":
			etf = i
		}
	}
	m := report.Products[mix]
	if len(m.Sources) != 1 || m.Sources[0] != "content/data/products.csv:6" {
		t.Errorf("sources %v", m.Sources)
	}
	found := false
	for _, r := range m.Read {
		if r.Key == "ongoing_pct" {
			found = r.Value == "1.55" && r.Source == "content/data/products.csv:6" && r.Column > 0
		}
	}
	if !found {
		t.Errorf("ongoing_pct not read from its row and column: %+v", m.Read)
	}
	f := m.Figures
	if len(f.Columns) != 2 || f.Columns[0].TotalCosts.Text != "612,35\u00a0€" || f.Columns[1].TotalCosts.Text != "1.680,97\u00a0€" ||
		f.Columns[1].AnnualImpact.Text != "2,77\u00a0%" || f.Composition[0].Amount.Text != "450,00\u00a0€" ||
		f.Scenarios[2].Key != "moderate" || f.Scenarios[2].AtRHP.Text != "11.934,35\u00a0€" {
		t.Errorf("figures %+v", f)
	}
	// The KID's own figures are marked as such; the YAML file is a source.
	e := report.Products[etf]
	if len(e.Sources) != 2 || !strings.HasSuffix(e.Sources[1], "etf-sparplan-welt.yaml:1") || !e.Figures.Columns[0].AnnualImpact.FromKID {
		t.Errorf("etf: %v %+v", e.Sources, e.Figures.Columns)
	}

	stdout.Reset()
	if code := run([]string{"check", "--lang", "en", "--source", root, "--products"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{
		"mischfonds-ausgewogen — Rheintal Mischfonds Ausgewogen\n  read from content/data/products.csv:6\n",
		"    ongoing_pct                  1.55                     content/data/products.csv:6, column ",
		"    costs if you exit after 5 years     total 1.680,97\u00a0€, annual cost impact 2,77\u00a0%\n",
		"(the KID's; the model gives ",
		"    composition if you exit after 1 year: entry ", // not "1 Jahr" from the German locale
		"(the KID's; the model gives 158,65\u00a0€)",       // in the page's number format, as the figure beside it
		"klartext check: 0 errors, ",                       // its warnings: TestCheckDemo
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("text report lacks %q", want)
		}
	}
	// The demo is German; the report's sentences are English, as check's
	// messages are, with the figures as the page prints them.
	german := regexp.MustCompile(`\b(Jahr|Jahre|Jahren|Monat|Monate|Monaten|nach)\b`)
	for _, line := range strings.Split(stdout.String(), "\n") {
		if strings.HasPrefix(line, "    costs if") || strings.HasPrefix(line, "    composition") || strings.HasPrefix(line, "    scenario") ||
			strings.HasPrefix(line, "    minimum") || strings.HasPrefix(line, "  published") {
			if w := german.FindString(line); w != "" {
				t.Errorf("a report line has the German %q: %q", w, line)
			}
		}
	}
}
