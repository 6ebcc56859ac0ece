package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/browsercheck"
	"github.com/klartext/klartext/generator/sitetest"
)

// The klartext command itself in the browser: check --browser on the demo
// and on a new site, and the error overlay of klartext serve.

var binOnce struct {
	sync.Once
	path string
	err  error
}

// klartextBin builds cmd/klartext once per run and returns the program.
func klartextBin(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "klartext-e2e-bin-")
		if err != nil {
			binOnce.err = err
			return
		}
		binOnce.path = filepath.Join(dir, "klartext")
		if out, err := exec.Command("go", "build", "-o", binOnce.path, "github.com/klartext/klartext/cmd/klartext").CombinedOutput(); err != nil {
			binOnce.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binOnce.err != nil {
		t.Fatal(binOnce.err)
	}
	return binOnce.path
}

// removeBin removes what klartextBin built, at the end of the run.
func removeBin() {
	if binOnce.path != "" {
		os.RemoveAll(filepath.Dir(binOnce.path))
	}
}

// klartextRun runs the program in dir and returns its exit status and
// output.
func klartextRun(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(klartextBin(t), args...)
	cmd.Dir = dir
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errOut.String()
	} else if err != nil {
		t.Fatalf("klartext %s: %v", strings.Join(args, " "), err)
	}
	return 0, out.String(), errOut.String()
}

type checkJSON struct {
	Diagnostics []struct {
		Severity, File, Message, Hint string
	}
}

var checkedLine = regexp.MustCompile(`klartext check --browser: (\d+) pages checked at 1280 and 360 px in \S+ with axe-core ` + regexp.QuoteMeta("4.14.1") + ` \((.+)\)`)

// TestCheckBrowserDemo: klartext check --browser on the demo opens a page
// of every kind and finds nothing, with the suite's pinned axe-core.
func TestCheckBrowserDemo(t *testing.T) {
	needBrowser(t)
	if suite.source != suite.repo {
		t.Skip("the repository has no demo site (content/)")
	}
	root := sitetest.CopyDemo(t, suite.repo)
	code, stdout, stderr := klartextRun(t, suite.e2eDir, "check", "--lang", "en", "--browser", "--source", root, "--format", "json", "--axe", axePath())
	var report checkJSON
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("exit %d: %v\n%s\n%s", code, err, stdout, stderr)
	}
	for _, d := range report.Diagnostics {
		if d.Severity == "error" || strings.HasPrefix(d.Message, "in the browser") {
			t.Errorf("%s: %s: %s", d.Severity, d.File, d.Message)
		}
	}
	m := checkedLine.FindStringSubmatch(stderr)
	if code != 0 || m == nil || m[2] != axePath() {
		t.Fatalf("exit %d; the note on what was checked: %s", code, stderr)
	}
	if n, _ := strconv.Atoi(m[1]); n < len(browsercheck.Kinds) {
		t.Errorf("check --browser checked %d pages, fewer than the kinds the demo has", n)
	}
}

// TestCheckBrowserNewSite: a new site checks clean in the browser too;
// the same site with an image without alt text in its layout, built for a
// sub-path, gets an error at every page's file, as annotations in
// GitHub's format.
func TestCheckBrowserNewSite(t *testing.T) {
	needBrowser(t)
	dir := filepath.Join(t.TempDir(), "bank")
	if code, _, stderr := klartextRun(t, suite.e2eDir, "new", "site", dir); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := klartextRun(t, suite.e2eDir, "check", "--lang", "en", "--browser", "--source", dir)
	if code != 0 || strings.Contains(stdout, "in the browser") || !checkedLine.MatchString(stdout) || !strings.Contains(stdout, "klartext check: 0 errors, ") {
		t.Fatalf("a new site: exit %d\n%s\n%s", code, stdout, stderr)
	}

	// Broken on purpose: a layout override (as a bank's designer might
	// write one) with an image that has no alt text.
	orig, err := os.ReadFile(filepath.Join(suite.repo, "themes", "klartext", "layouts", "_default", "baseof.html"))
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(orig), `{{block "main" .}}{{end}}`, `{{block "main" .}}{{end}}<img src="logo.png">`, 1)
	if broken == string(orig) {
		t.Fatal("baseof.html changed: update the test's edit")
	}
	override := filepath.Join(dir, "themes", "klartext", "layouts", "_default", "baseof.html")
	os.MkdirAll(filepath.Dir(override), 0o755)
	if err := os.WriteFile(override, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	// Built for a sub-path this time: the pages are found and named below it.
	code, stdout, stderr = klartextRun(t, suite.e2eDir, "check", "--lang", "en", "--browser", "--source", dir, "--format", "github", "--baseURL", "https://bank.example/klartext/")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, stdout, stderr)
	}
	for _, file := range []string{"content/_index.md", "content/stories/_index.md"} {
		if !regexp.MustCompile(`(?m)^::error file=` + regexp.QuoteMeta(file) + `::in the browser, /klartext/\S*: axe:image-alt: `).MatchString(stdout) {
			t.Errorf("no annotation for the image without alt text at %s:\n%s", file, stdout)
		}
	}
	if !strings.Contains(stdout, `<img src=\"logo.png\">`) && !strings.Contains(stdout, `<img src="logo.png">`) {
		t.Errorf("the annotation does not show the element:\n%s", stdout)
	}
}

// TestServeOverlay: under klartext serve (with a sub-path baseURL) a
// failed build shows its errors over the page: visible, styled by the
// served stylesheet although the site's CSP blocks inline styles, in
// German on the demo, naming file and line; the fix clears it.
func TestServeOverlay(t *testing.T) {
	needBrowser(t)
	if suite.source != suite.repo {
		t.Skip("the repository has no demo site (content/)")
	}
	root := sitetest.CopyDemo(t, suite.repo)
	cmd := exec.Command(klartextBin(t), "serve", "--source", root, "--port", "0", "--baseURL", "https://bank.example/klartext/")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var serveErr strings.Builder
	cmd.Stderr = &serveErr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	await := func(prefix string) string {
		t.Helper()
		limit := time.After(90 * time.Second) // a guard against hanging, not a timing
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("klartext serve ended waiting for %q: %s", prefix, serveErr.String())
				}
				if strings.HasPrefix(l, prefix) {
					return l
				}
			case <-limit:
				t.Fatalf("klartext serve never said %q", prefix)
			}
		}
	}
	// The demo is German, and so is what klartext serve says.
	siteURL := strings.TrimPrefix(await("Vorschau unter "), "Vorschau unter ")
	origin, _, ok := strings.Cut(strings.TrimPrefix(siteURL, "http://"), "/")
	if !ok || !strings.HasSuffix(siteURL, "/klartext/") {
		t.Fatalf("serving at %q, want the base path", siteURL)
	}
	origin = "http://" + origin

	file := filepath.Join(root, "content", "products", "etf-sparplan-welt.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	tb := openTab(t, origin, page{Kind: "product", Path: "/klartext/products/etf-sparplan-welt/", Name: "product"})
	if !poll(tb, `document.querySelector('h1') !== null`) {
		t.Fatal("the page did not load")
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(orig), "product: etf-sparplan-welt", "product: [unclosed", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	await("Erstellung fehlgeschlagen")
	if !poll(tb, `document.getElementById('klartext-build-errors') !== null`) {
		t.Fatal("no overlay after the failed build")
	}
	type overlay struct {
		Position, Background, Border, Display, Visibility, Font, Text, Lang, Inline string
		Top, Bottom, Height, ViewHeight                                             float64
	}
	o := eval[overlay](tb, "the overlay", `(() => { const b = document.getElementById('klartext-build-errors'), cs = getComputedStyle(b), r = b.getBoundingClientRect();
  return {position: cs.position, background: cs.backgroundColor, border: cs.borderTopColor + ' ' + cs.borderTopWidth, display: cs.display,
    visibility: cs.visibility, font: cs.fontFamily, text: b.innerText, lang: b.lang, inline: b.getAttribute('style') || '',
    top: r.top, bottom: r.bottom, height: r.height, viewHeight: window.innerHeight}; })()`)
	t.Logf("overlay: %+v", o)
	if o.Position != "fixed" || o.Background != "rgb(255, 244, 244)" || o.Border != "rgb(179, 38, 30) 4px" || o.Display != "block" || o.Visibility != "visible" {
		t.Errorf("the overlay is not styled as live.css says: %+v", o)
	}
	if o.Height < 40 || o.Top < 0 || o.Bottom > o.ViewHeight+1 || o.Inline != "" {
		t.Errorf("the overlay is not in view: %+v", o)
	}
	if !regexp.MustCompile(`^Die Website konnte nicht gebaut werden \(\d+ Fehler\)\. `).MatchString(o.Text) {
		t.Errorf("the overlay's title is not German: %s", o.Text)
	}
	for _, want := range []string{"Sie sehen die letzte fehlerfreie Fassung dieser Seite",
		"Korrigieren Sie die genannte Datei", "content/products/etf-sparplan-welt.md:", "Ausblenden",
		"fehlerhaftes YAML: "} { // the build's own message, in the site's language too
		if !strings.Contains(o.Text, want) {
			t.Errorf("the overlay does not say %q:\n%s", want, o.Text)
		}
	}
	if o.Lang != "de" {
		t.Errorf("the overlay's lang is %q", o.Lang)
	}
	if l := eval[string](tb, "the message's lang", `document.querySelector('#klartext-build-errors li span').lang`); l != "de" {
		t.Errorf("the build's message in the overlay has lang %q, want de", l)
	}
	// The hint under each message is styled too (a rule of live.css, not
	// the site's stylesheet).
	if c := eval[string](tb, "the title's colour", `getComputedStyle(document.querySelector('#klartext-build-errors h2')).color`); c != "rgb(179, 38, 30)" {
		t.Errorf("the overlay's title has the colour %s", c)
	}
	findings := browsercheck.Console(tb.seen())

	// Fixed: the overlay goes and the page reloads.
	if err := os.WriteFile(file, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	if !pollAcross(tb, `document.getElementById('klartext-build-errors') === null && document.querySelector('h1') !== null`) {
		t.Error("the overlay stays after the fix")
	}
	findings = append(findings, browsercheck.Console(tb.seen())...)
	triage(t, findings)
}
