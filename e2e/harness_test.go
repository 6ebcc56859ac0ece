package e2e

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/browsercheck"
	"github.com/klartext/klartext/generator/pipeline"
)

// chromiumPath is the browser the suite runs: Debian's, or the program
// KLARTEXT_CHROMIUM names (another system's Chromium).
var chromiumPath = cmp.Or(os.Getenv("KLARTEXT_CHROMIUM"), browsercheck.DefaultChromium)

// skipEnv lets go test ./... pass on a machine without the browser suite's
// tools: without it, and always in CI, the package fails at once with one
// line saying what is missing and what to run.
const skipEnv = "KLARTEXT_SKIP_BROWSER"

// buildNow is the build's "today", fixed so that runs are reproducible.
var buildNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// suite is what TestMain prepares once for every test.
var suite struct {
	e2eDir  string // absolute path of e2e/
	repo    string // the repository root
	source  string // the site that was built (repo root or testdata/site)
	public  string // its output
	srv     *server
	pages   []page // one page of every kind the site has
	browser context.Context
	// Reasons the browser or Node tools cannot run; a test needing them
	// skips (or fails in CI) with this message.
	noBrowser string
	noNode    string
	setupErr  error
	axeSource string
}

// go test in package-list mode (go test ./...) prints one "ok" line for a
// package that passes, whatever its tests logged or skipped; only a failing
// package's output is shown. So a suite that skipped itself for want of
// Chromium would look like a suite that passed: instead it fails, in one
// line, unless skipEnv is set (outside CI).
func TestMain(m *testing.M) {
	code := func() int {
		findTools()
		var reasons []string
		for _, r := range []string{suite.noBrowser, suite.noNode} {
			if r != "" {
				reasons = append(reasons, r)
			}
		}
		if len(reasons) > 0 && (os.Getenv(skipEnv) == "" || os.Getenv("CI") != "") {
			fmt.Fprintf(os.Stderr, "e2e: the browser tests cannot run: %s. Run scripts/test.sh (it installs what they need, then runs every test), or set %s=1 to skip them.\n",
				strings.Join(reasons, "; "), skipEnv)
			return 1
		}
		cleanup, err := setup()
		defer cleanup()
		defer removeBin()
		if err != nil {
			suite.setupErr = err
		}
		return m.Run()
	}()
	os.Exit(code)
}

// findTools notes what of Chromium, axe-core, html-validate and node is
// missing, and reads axe-core.
func findTools() {
	if wd, err := os.Getwd(); err == nil {
		suite.e2eDir, suite.repo = wd, filepath.Dir(wd)
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		suite.noBrowser = chromiumPath + " is missing (apt-get install chromium)"
	}
	if b, err := os.ReadFile(axePath()); err != nil {
		suite.noNode = "the pinned npm tools of e2e/ are missing (cd e2e && npm ci)"
	} else {
		suite.axeSource = string(b)
	}
	if _, err := os.Stat(htmlValidateBin()); err != nil && suite.noNode == "" {
		suite.noNode = "the pinned npm tools of e2e/ are missing (cd e2e && npm ci)"
	}
	if _, err := exec.LookPath("node"); err != nil && suite.noNode == "" {
		suite.noNode = "node is not installed (apt-get install nodejs npm, then cd e2e && npm ci)"
	}
}

// axePath is e2e's pinned axe-core.
func axePath() string { return filepath.Join(suite.e2eDir, "node_modules", "axe-core", "axe.min.js") }

func setup() (cleanup func(), err error) {
	var cleanups []func()
	cleanup = func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			cleanups[i]()
		}
	}
	wd := suite.e2eDir
	if wd == "" {
		return cleanup, fmt.Errorf("the working directory is unknown")
	}
	// The demo site once it is on main; until then the fixture site.
	suite.source = filepath.Join(wd, "testdata", "site")
	if _, err := os.Stat(filepath.Join(suite.repo, "content", "site.yaml")); err == nil {
		suite.source = suite.repo
	}
	tmp, err := os.MkdirTemp("", "klartext-e2e-")
	if err != nil {
		return cleanup, err
	}
	cleanups = append(cleanups, func() { os.RemoveAll(tmp) })
	suite.public = filepath.Join(tmp, "public")
	if err := buildSite(suite.source, suite.public); err != nil {
		return cleanup, err
	}
	suite.srv, err = browsercheck.StartServer(suite.public, "/")
	if err != nil {
		return cleanup, err
	}
	cleanups = append(cleanups, suite.srv.Close)
	suite.pages, err = browsercheck.DiscoverPages(suite.public, "/")
	if err != nil {
		return cleanup, err
	}
	if suite.noBrowser == "" {
		ctx, stop, err := browsercheck.StartBrowser(chromiumPath, tmp)
		if err != nil {
			suite.noBrowser = "chromium did not start: " + err.Error()
		} else {
			suite.browser = ctx
			cleanups = append(cleanups, stop)
		}
	}
	return cleanup, nil
}

// buildSite builds the site at source into dest and fails on any error
// diagnostic.
func buildSite(source, dest string) error { return buildSiteAt(source, dest, buildNow) }

// buildSiteAt is buildSite on the day now.
func buildSiteAt(source, dest string, now time.Time) error {
	res, err := pipeline.Build(pipeline.Options{Source: source, Dest: dest, Now: now})
	if err != nil {
		return fmt.Errorf("build %s: %v", source, err)
	}
	if res.Diagnostics.HasErrors() {
		var b strings.Builder
		for _, d := range res.Diagnostics.All() {
			fmt.Fprintf(&b, "\n  %v", d)
		}
		return fmt.Errorf("build %s failed:%s", source, b.String())
	}
	return nil
}

// needSetup stops a test when TestMain could not build or serve the site.
func needSetup(t *testing.T) {
	t.Helper()
	if suite.setupErr != nil {
		t.Fatalf("setup: %v", suite.setupErr)
	}
}

// needBrowser stops a test when Chromium or the axe-core script is
// missing, or Chromium did not start: a skip when skipEnv is set (outside
// CI), else a failure.
func needBrowser(t *testing.T) {
	t.Helper()
	needSetup(t)
	missing(t, suite.noBrowser)
	missing(t, suite.noNode)
}

// needNode is needBrowser for the tests that only run html-validate.
func needNode(t *testing.T) {
	t.Helper()
	needSetup(t)
	missing(t, suite.noNode)
}

func missing(t *testing.T, reason string) {
	t.Helper()
	if reason == "" {
		return
	}
	// Looked at again inside the test, so that go test's cache knows the
	// result depends on them: a skip is not reused once they are there.
	os.Stat(chromiumPath)
	os.Stat(axePath())
	if os.Getenv(skipEnv) == "" || os.Getenv("CI") != "" {
		t.Fatal(reason)
	}
	t.Skip(reason + " (" + skipEnv + " is set)")
}

// htmlFiles lists every .html file below dir, sorted.
func htmlFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// copyTree copies the folder src to dst (for the negative tests' site
// copies).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}
