package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/placeholder"
)

// newSite runs klartext new site into a fresh folder and returns it.
func newSite(t *testing.T, args ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bank")
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"new", "site", dir}, args...), &stdout, &stderr); code != 0 {
		t.Fatalf("new site: exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "klartext check --source "+dir) {
		t.Errorf("new site does not say what to run next:\n%s", stdout.String())
	}
	return dir
}

var summaryLine = regexp.MustCompile(`(?m)^klartext: \d+ pages .*, (\d+) errors, (\d+) warnings, `)

// TestNewSiteBuildsClean: klartext new site DIR && klartext build --source
// DIR gives 0 errors and 0 warnings, in both languages; the products
// section exists though it has no products yet.
func TestNewSiteBuildsClean(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir := newSite(t, "--language", lang)
			var stdout, stderr bytes.Buffer
			code := run([]string{"build", "--lang", "en", "--source", dir}, &stdout, &stderr)
			m := summaryLine.FindStringSubmatch(stdout.String())
			if code != 0 || m == nil || m[1] != "0" || m[2] != "0" || stderr.Len() > 0 {
				t.Fatalf("build: exit %d\nstdout: %s\nstderr: %s", code, stdout.String(), stderr.String())
			}
			for _, page := range []string{"index.html", "products/index.html", "advisors/index.html", "stories/index.html"} {
				if _, err := os.Stat(filepath.Join(dir, "public", page)); err != nil {
					t.Error(err)
				}
			}
			// Every page's footer links the legal pages (site.yaml's footer menu).
			legal := map[string][]string{"de": {`href="/impressum/"`, `href="/datenschutz/"`}, "en": {`href="/legal-notice/"`, `href="/privacy/"`}}[lang]
			for _, page := range []string{"index.html", "products/index.html", "stories/index.html", "404.html"} {
				html, _ := os.ReadFile(filepath.Join(dir, "public", page))
				_, footer, _ := bytes.Cut(html, []byte(`<footer class="site-footer">`))
				for _, link := range legal {
					if !bytes.Contains(footer, []byte(link)) {
						t.Errorf("the footer of %s does not link %s", page, link)
					}
				}
			}
		})
	}
}

// TestNewSitePlaceholdersChecked: check reports every placeholder the new
// site has, with file, line and column, until it is filled in; then the
// site checks clean, --strict too.
func TestNewSitePlaceholdersChecked(t *testing.T) {
	dir := newSite(t)
	type at struct {
		file string
		line int
	}
	want := map[at]bool{}
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		for _, f := range placeholder.Find(data) {
			want[at{filepath.ToSlash(rel), f.Line}] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"content/site.yaml", "content/impressum.md", "content/datenschutz.md", "content/_index.md"} {
		found := false
		for a := range want {
			found = found || a.file == f
		}
		if !found {
			t.Errorf("%s has no placeholder", f)
		}
	}

	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--lang", "en", "--source", dir, "--format", "json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("check: exit %d (warnings only must be 0): %s %s", code, stdout.String(), stderr.String())
	}
	var report struct {
		Diagnostics []struct {
			Severity, File, Message string
			Line, Column            int
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatal(err)
	}
	got := map[at]bool{}
	for _, d := range report.Diagnostics {
		if d.Severity != "warning" || !strings.Contains(d.Message, "[[TODO: ") || !strings.Contains(d.Message, "is not filled in") || d.Column < 1 {
			t.Errorf("unexpected: %+v", d)
			continue
		}
		got[at{d.File, d.Line}] = true
	}
	for a := range want {
		if !got[a] {
			t.Errorf("check does not report the placeholder at %s:%d", a.file, a.line)
		}
	}
	if len(got) != len(want) {
		t.Errorf("check reports %d placeholders, the files have %d", len(got), len(want))
	}
	stdout.Reset()
	if code := run([]string{"check", "--lang", "en", "--source", dir, "--strict"}, &stdout, &stderr); code != 2 {
		t.Errorf("check --strict with placeholders: exit %d, want 2", code)
	}

	// Filled in: nothing left to report.
	marker := regexp.MustCompile(`\[\[TODO[^\]]*\]\]`)
	for a := range want {
		p := filepath.Join(dir, filepath.FromSlash(a.file))
		data, _ := os.ReadFile(p)
		if err := os.WriteFile(p, marker.ReplaceAll(data, []byte("Rheinuferstraße 12")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout.Reset()
	if code := run([]string{"check", "--lang", "en", "--source", dir, "--strict"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "0 errors, 0 warnings") {
		t.Errorf("filled in: exit %d\n%s", code, stdout.String())
	}
}

func TestNewSiteNeverOverwrites(t *testing.T) {
	dir := newSite(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "site", dir}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "never overwrites") {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"new", "site", filepath.Join(t.TempDir(), "x"), "--language", "fr"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "de or en") {
		t.Errorf("--language fr: exit %d: %s", code, stderr.String())
	}
}

// TestNotASite: build, check and serve in a folder without
// content/site.yaml say so in one line, with what to run.
func TestNotASite(t *testing.T) {
	empty := t.TempDir()
	withContent := t.TempDir()
	if err := os.Mkdir(filepath.Join(withContent, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"build", "check", "serve"} {
		for dir, want := range map[string]string{
			empty:       "klartext " + cmd + ": " + empty + " is not a klartext site (it has no content/site.yaml): run klartext new site " + empty + " to start one",
			withContent: "klartext " + cmd + ": " + withContent + " has content/ but no content/site.yaml",
		} {
			var stdout, stderr bytes.Buffer
			args := []string{cmd, "--source", dir}
			if cmd == "serve" {
				args = append(args, "--port", "0") // were it to start
			}
			code := run(args, &stdout, &stderr)
			lines := strings.Split(strings.TrimRight(stderr.String(), "\n"), "\n")
			if code != 1 || len(lines) != 1 || !strings.HasPrefix(lines[0], want) || stdout.Len() > 0 {
				t.Errorf("%s in %s: exit %d\nstderr: %s\nstdout: %s", cmd, dir, code, stderr.String(), stdout.String())
			}
		}
	}
}

// TestNewSiteFirstProduct: a row added to the new site's products.csv is a
// product page, listed on the products section (not an orphan).
func TestNewSiteFirstProduct(t *testing.T) {
	dir := newSite(t)
	csv := filepath.Join(dir, "content", "data", "products.csv")
	header, _ := os.ReadFile(csv)
	row := "tagesgeld,Tagesgeld,deposit,1,1,0,0,0,0,1.75,1.75,1.75,1.75\n"
	if err := os.WriteFile(csv, append(header, row...), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "--lang", "en", "--source", dir}, &stdout, &stderr)
	if m := summaryLine.FindStringSubmatch(stdout.String()); code != 0 || m == nil || m[1] != "0" {
		t.Fatalf("build: exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	list, _ := os.ReadFile(filepath.Join(dir, "public", "products", "index.html"))
	if !bytes.Contains(list, []byte(`href="/products/tagesgeld/"`)) {
		t.Errorf("the products section does not link the product:\n%s", list)
	}
}

// TestFreshSiteInThreeCommands: the README's second and third commands —
// klartext new site, klartext serve --source — give a site served on
// 127.0.0.1 (the first, go install, is go build here).
func TestFreshSiteInThreeCommands(t *testing.T) {
	dir := newSite(t)
	if ignore, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); !bytes.Contains(ignore, []byte("\npublic/\n")) || !bytes.Contains(ignore, []byte("\n.klartext-cache/\n")) {
		t.Errorf(".gitignore: %s", ignore)
	}
	srv := serveSite(t, pipeline.Options{Source: dir, Drafts: true, Future: true, AllowStale: true})
	eventually(t, srv.URL(), `href="/impressum/"`, true)
	eventually(t, srv.URL()+"impressum/", "Impressum", true)
}

// TestCheckBrowserSaysWhatToInstall: check --browser without Chromium or
// axe-core names what is missing and what to install, before building.
func TestCheckBrowserSaysWhatToInstall(t *testing.T) {
	dir := newSite(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--chromium", "/nonexistent/chromium"}, "klartext check --browser: Chromium is missing (no program /nonexistent/chromium): install it with apt-get install chromium (Debian; elsewhere the system's Chromium package), or name it with --chromium PROGRAM\n"},
		{[]string{"--chromium", "/bin/sh", "--axe", "/nonexistent/axe.min.js"}, "klartext check --browser: axe-core is missing (cannot read /nonexistent/axe.min.js): install it with npm install --save-exact axe-core@4.14.1 in the site's folder, or name it with --axe FILE\n"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"check", "--browser", "--source", dir}, tc.args...), &stdout, &stderr)
		if code != 1 || stderr.String() != tc.want || stdout.Len() > 0 {
			t.Errorf("%v: exit %d\nstderr %q\nwant   %q\nstdout %s", tc.args, code, stderr.String(), tc.want, stdout.String())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("check --browser built although a tool was missing")
	}
}

// TestCheckBrowserSiteThatDoesNotBuild: a site with errors opens no page
// (the tools need only be there: a shell and any file stand in for them).
func TestCheckBrowserSiteThatDoesNotBuild(t *testing.T) {
	dir := newSite(t)
	writeFile(t, dir, "content/kaputt.md", "---\ntitle: [unclosed\n---\n")
	axe := filepath.Join(t.TempDir(), "axe.min.js")
	writeFile(t, filepath.Dir(axe), "axe.min.js", "window.axe = {};")
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--lang", "en", "--browser", "--source", dir, "--chromium", "/bin/sh", "--axe", axe}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stdout.String(), "content/kaputt.md:2: ") ||
		!strings.Contains(stdout.String(), "klartext check --browser: the site does not build, so no page was opened in the browser\n") {
		t.Errorf("exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
}
