package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/browsercheck"
	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/serve"
	"github.com/klartext/klartext/generator/sitetest"
)

// setBaseURL rewrites the baseURL of a site's site.yaml.
func setBaseURL(t *testing.T, root, baseURL string) {
	t.Helper()
	file := filepath.Join(root, "content", "site.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "baseURL:") {
			l = "baseURL: " + baseURL
		}
		out = append(out, l)
	}
	if err := os.WriteFile(file, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// serveSite runs the dev server with klartext serve's builder on a free
// port of 127.0.0.1 until the test ends.
func serveSite(t *testing.T, opts pipeline.Options) *serve.Server {
	t.Helper()
	opts.Dest = filepath.Join(t.TempDir(), "public")
	srv, err := serve.New(serve.Options{Port: 0, Dir: opts.Dest, Builder: newSiteBuilder(opts)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return srv
}

// crawl checks every internal link from site and fails on the broken ones.
func crawl(t *testing.T, site, public string, minPages int) {
	t.Helper()
	c, err := sitetest.CrawlLinks(nil, site, public)
	if err != nil {
		t.Fatal(err)
	}
	// The demo's thank-you page links the feedback page, a page the build
	// makes, from the site's root (/feedback/): it gets the base path too.
	for _, b := range c.Broken {
		t.Error(b)
	}
	if c.Pages < minPages {
		t.Errorf("reached %d pages from %s, want at least %d", c.Pages, site, minPages)
	}
	t.Logf("%s: %d pages, %d addresses checked", site, c.Pages, c.Links)
}

// TestServeUnderBasePath: the demo built for https://bank.example/klartext/
// is served by klartext serve under /klartext/; / redirects there; every
// internal link of every page reached, every sitemap entry and every
// stylesheet, script and image resolves over the server.
func TestServeUnderBasePath(t *testing.T) {
	root := copyDemo(t)
	setBaseURL(t, root, "https://bank.example/klartext/")
	srv := serveSite(t, pipeline.Options{Source: root, AllowStale: true})
	// Served under the base path once the first build reported it.
	for limit := time.Now().Add(60 * time.Second); srv.SiteURL() != srv.URL()+"klartext/"; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(limit) {
			t.Fatalf("SiteURL is still %s", srv.SiteURL())
		}
	}
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/klartext/" {
		t.Errorf("/: %d to %q, want a redirect to /klartext/", resp.StatusCode, resp.Header.Get("Location"))
	}
	crawl(t, srv.SiteURL(), "https://bank.example/klartext/", 40)
}

// TestServeTwoLanguagesUnderBasePath: the demo in two languages, served by
// klartext serve under /klartext/: on the pages of both languages every
// page reached, stylesheet, script, image size, video file and caption
// resolves — the files every language shares at the default language's
// address, the only copy written.
func TestServeTwoLanguagesUnderBasePath(t *testing.T) {
	root := sitetest.CopyDemo(t, filepath.Join("..", ".."))
	setBaseURL(t, root, "https://bank.example/klartext/")
	srv := serveSite(t, pipeline.Options{Source: root, AllowStale: true})
	for limit := time.Now().Add(60 * time.Second); srv.SiteURL() != srv.URL()+"klartext/"; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(limit) {
			t.Fatalf("SiteURL is still %s", srv.SiteURL())
		}
	}
	crawl(t, srv.SiteURL(), "https://bank.example/klartext/", 110) // the English pages by the language switch
}

// TestBuildBaseURLFlag: build --baseURL builds for another address (a
// staging server) without touching site.yaml; the output's every internal
// link resolves when a static host serves it under that path; check and
// serve take the flag too, and a bad value is refused before building.
func TestBuildBaseURLFlag(t *testing.T) {
	root := copyDemo(t)
	dest := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--source", root, "--dest", dest, "--allow-stale", "--baseURL", "https://staging.bank.example/vorschau/"}, &stdout, &stderr); code != 0 {
		t.Fatalf("build --baseURL: exit %d\n%s", code, stderr.String())
	}
	home, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	for _, want := range []string{`<link rel="canonical" href="https://staging.bank.example/vorschau/">`, `href="/vorschau/products/"`} {
		if !bytes.Contains(home, []byte(want)) {
			t.Errorf("the home page lacks %s", want)
		}
	}
	if robots, _ := os.ReadFile(filepath.Join(dest, "robots.txt")); !bytes.Contains(robots, []byte("Sitemap: https://staging.bank.example/vorschau/sitemap.xml")) {
		t.Errorf("robots.txt: %s", robots)
	}
	if yaml, _ := os.ReadFile(filepath.Join(root, "content", "site.yaml")); bytes.Contains(yaml, []byte("staging")) {
		t.Error("site.yaml was changed")
	}
	host, err := browsercheck.StartServer(dest, "/vorschau/")
	if err != nil {
		t.Fatal(err)
	}
	defer host.Close()
	crawl(t, host.URL+"/vorschau/", "https://staging.bank.example/vorschau/", 40)

	// The override ends with the command.
	stdout.Reset()
	if code := run([]string{"build", "--source", root, "--dest", dest, "--allow-stale"}, &stdout, &stderr); code != 0 {
		t.Fatal(stderr.String())
	}
	if home, _ = os.ReadFile(filepath.Join(dest, "index.html")); bytes.Contains(home, []byte("staging")) {
		t.Error("a build without --baseURL still used the last one")
	}
	// check takes it (its reports are the same); a bad one is refused.
	if code := run([]string{"check", "--source", root, "--baseURL", "https://staging.bank.example/vorschau/"}, &stdout, &stderr); code != 0 {
		t.Errorf("check --baseURL: exit %d %s", code, stdout.String())
	}
	for _, cmd := range []string{"build", "check", "serve"} {
		stderr.Reset()
		code := run([]string{cmd, "--source", root, "--baseURL", "/vorschau/"}, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), `invalid value "/vorschau/" for flag -baseURL: is not an absolute web address`) {
			t.Errorf("%s --baseURL /vorschau/: exit %d %s", cmd, code, stderr.String())
		}
	}
}

// TestServeBaseURLFlagOnEveryRebuild: serve --baseURL is a build option
// (pipeline.Options.BaseURL), not process state: the first build and every
// full rebuild of the session serve under its path, and the site's own
// settings stay as they were.
func TestServeBaseURLFlagOnEveryRebuild(t *testing.T) {
	root := copyDemo(t)
	opts := pipeline.Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), AllowStale: true, BaseURL: "https://staging.bank.example/vorschau/"}
	b := newSiteBuilder(opts)
	for _, changed := range [][]string{nil, {filepath.Join(root, "content", "site.yaml")}} {
		res, err := b.Build(context.Background(), changed)
		if err != nil || res.Failed || res.BasePath != "/vorschau/" {
			t.Fatalf("after %v: base path %q, failed %v, %v %v", changed, res.BasePath, res.Failed, err, res.Diagnostics)
		}
	}
	home, _ := os.ReadFile(filepath.Join(opts.Dest, "index.html"))
	if !bytes.Contains(home, []byte(`<link rel="canonical" href="https://staging.bank.example/vorschau/">`)) {
		t.Error("the rebuilt home page is not for the staging address")
	}
	if res, err := newSiteBuilder(pipeline.Options{Source: root, Dest: opts.Dest, AllowStale: true}).Build(context.Background(), nil); err != nil || res.BasePath != "/" {
		t.Errorf("a session without the flag: base path %q, %v", res.BasePath, err)
	}
}
