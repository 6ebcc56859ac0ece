package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/serve"
)

const chromiumPath = "/usr/bin/chromium"

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

func TestMain(m *testing.M) {
	code := func() int {
		cleanup, err := setup()
		defer cleanup()
		if err != nil {
			suite.setupErr = err
		}
		return m.Run()
	}()
	os.Exit(code)
}

func setup() (cleanup func(), err error) {
	var cleanups []func()
	cleanup = func() {
		for i := len(cleanups) - 1; i >= 0; i-- {
			cleanups[i]()
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		return cleanup, err
	}
	suite.e2eDir = wd
	suite.repo = filepath.Dir(wd)

	if _, err := os.Stat(chromiumPath); err != nil {
		suite.noBrowser = "install chromium: apt-get install chromium (" + chromiumPath + " is missing)"
	}
	axePath := filepath.Join(wd, "node_modules", "axe-core", "axe.min.js")
	if b, err := os.ReadFile(axePath); err != nil {
		suite.noNode = "the Node tools are missing: run `cd e2e && npm ci` (" + err.Error() + ")"
	} else {
		suite.axeSource = string(b)
	}
	if _, err := os.Stat(htmlValidateBin()); err != nil && suite.noNode == "" {
		suite.noNode = "the Node tools are missing: run `cd e2e && npm ci` (" + err.Error() + ")"
	}
	if _, err := exec.LookPath("node"); err != nil && suite.noNode == "" {
		suite.noNode = "node is not installed (apt-get install nodejs), then `cd e2e && npm ci`"
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
	suite.srv, err = startServer(suite.public)
	if err != nil {
		return cleanup, err
	}
	cleanups = append(cleanups, suite.srv.Close)
	suite.pages, err = discoverPages(suite.public)
	if err != nil {
		return cleanup, err
	}
	if suite.noBrowser == "" {
		ctx, stop, err := startBrowser(tmp)
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

// needBrowser skips (locally) or fails (CI set) a test when Chromium or
// the axe-core script is missing.
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
	if os.Getenv("CI") != "" {
		t.Fatal(reason)
	}
	t.Skip(reason)
}

// startBrowser starts one headless Chromium for the whole run; each page
// opens in a tab of its own. Every flag that keeps it from calling home is
// set, and a proxy on a closed local port plus resolver rules make sure no
// request can leave the machine even when a page asks for one.
func startBrowser(tmp string) (context.Context, func(), error) {
	profile := filepath.Join(tmp, "chromium-profile")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.UserDataDir(profile),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("mute-audio", true),
		// Requests to other hosts are still attempted (and seen by the
		// no-tracking check) but end on the closed port 9 of 127.0.0.1.
		chromedp.Flag("proxy-server", "http://127.0.0.1:9"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(1280, 800),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	// The first Do starts the browser and binds it to ctx: no timeout here.
	if err := chromedp.Do(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		return nil, nil, err
	}
	return ctx, func() { cancelCtx(); cancelAlloc() }, nil
}

// server serves a built site the way a static host does: files, index.html
// for folders, 404.html with status 404; text gzip-compressed when the
// client accepts it, other files with byte ranges (a video's seek). It
// records every request.
type server struct {
	root string
	URL  string // "http://127.0.0.1:port"
	srv  *http.Server

	mu   sync.Mutex
	reqs []request
}

// request is one request the server got.
type request struct {
	Path   string
	Cookie string
	Status int
	Gzip   bool // the response was gzip-compressed
}

func startServer(root string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{root: root, URL: "http://" + ln.Addr().String()}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *server) Close() { s.srv.Close() }

// Requests returns the requests so far.
func (s *server) Requests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]request(nil), s.reqs...)
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	status := http.StatusOK
	defer func() {
		s.mu.Lock()
		s.reqs = append(s.reqs, request{Path: r.URL.Path, Cookie: r.Header.Get("Cookie"), Status: status,
			Gzip: w.Header().Get("Content-Encoding") == "gzip"})
		s.mu.Unlock()
	}()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		status = http.StatusMethodNotAllowed
		http.Error(w, "method not allowed", status)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	file := filepath.Join(s.root, filepath.FromSlash(p))
	if fi, err := os.Stat(file); err == nil && fi.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			status = http.StatusMovedPermanently
			http.Redirect(w, r, r.URL.Path+"/", status)
			return
		}
		file = filepath.Join(file, "index.html")
	}
	data, err := os.ReadFile(file)
	if err != nil || strings.HasPrefix(filepath.Base(file), ".") {
		status = http.StatusNotFound
		file = filepath.Join(s.root, "404.html")
		if data, err = os.ReadFile(file); err != nil {
			http.NotFound(w, r)
			return
		}
	}
	// The dev server's fixed table, not the machine's mime.types (which
	// calls .webm audio/webm on some).
	ctype := serve.ContentType(file)
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Accept-Encoding")
	if compressible(ctype) && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		w.WriteHeader(status)
		if r.Method == http.MethodHead {
			return
		}
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		zw.Write(data)
		zw.Close()
		return
	}
	if status == http.StatusOK {
		// Ranges, as static hosts serve them: a browser seeks in a video
		// by asking for a part of the file.
		http.ServeContent(w, r, file, time.Time{}, bytes.NewReader(data))
		return
	}
	h.Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

func compressible(ctype string) bool {
	mt, _, _ := mime.ParseMediaType(ctype)
	return strings.HasPrefix(mt, "text/") || mt == "application/javascript" || mt == "application/json" ||
		strings.HasSuffix(mt, "+xml") || mt == "application/xml" || mt == "image/svg+xml"
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// page is one URL of the site with its kind.
type page struct {
	Kind string // home, section, product, advisor, story, topic, feedback, 404, ...
	Path string // site path, "/stories/"
	Name string // subtest and report name: the kind, or kind+scripts for a page visited for its scripts
}

// pageKinds are the kinds the suite visits first, in order; a kind the
// site does not have (yet) is logged and skipped. Other kinds the site has
// follow in alphabetical order.
var pageKinds = []string{"home", "section", "product", "advisor", "story", "topic", "feedback", "404"}

var (
	bodyKind  = regexp.MustCompile(`<body[^>]*class="[^"]*\bkind-([a-z0-9-]+)`)
	scriptSrc = regexp.MustCompile(`<script[^>]*\ssrc="([^"]+)"`)
)

// discoverPages reads sitemap.xml and picks the first page of every kind;
// the kind comes from the page's body class (kind-product, ...), so no slug
// is hard-coded. The section is /stories/ when there is one. Then, for
// every set of scripts no chosen page loads, the first page that loads it
// is added too, so every script of the theme runs in the browser once.
func discoverPages(public string) ([]page, error) {
	locs, err := sitemapLocs(filepath.Join(public, "sitemap.xml"))
	if err != nil {
		return nil, err
	}
	type info struct {
		path, kind, scripts string
	}
	var all []info
	first := map[string]info{}
	for _, loc := range locs {
		u, err := url.Parse(loc)
		if err != nil {
			return nil, fmt.Errorf("sitemap.xml: %q: %v", loc, err)
		}
		kind, scripts, err := pageInfo(public, u.Path)
		if err != nil {
			return nil, err
		}
		if u.Path == "/feedback/" {
			kind = "feedback"
		}
		in := info{u.Path, kind, strings.Join(scripts, " ")}
		all = append(all, in)
		if _, ok := first[kind]; !ok || (kind == "section" && u.Path == "/stories/") {
			first[kind] = in
		}
	}
	var out []page
	covered := map[string]bool{}
	pick := func(in info, name string) {
		out = append(out, page{Kind: in.kind, Path: in.path, Name: name})
		covered[in.scripts] = true
	}
	var others []string
	for k := range first {
		if !slices.Contains(pageKinds, k) {
			others = append(others, k)
		}
	}
	sort.Strings(others)
	for _, k := range append(slices.Clone(pageKinds), others...) {
		if k == "404" {
			out = append(out, page{Kind: "404", Path: "/does-not-exist-" + fmt.Sprint(buildNow.Unix()) + "/", Name: "404"})
			continue
		}
		if in, ok := first[k]; ok {
			pick(in, k)
		}
	}
	for _, in := range all {
		if !covered[in.scripts] {
			var names []string
			for _, s := range strings.Fields(in.scripts) {
				names = append(names, strings.TrimSuffix(path.Base(s), ".js"))
			}
			pick(in, in.kind+"+"+strings.Join(names, "+"))
		}
	}
	return out, nil
}

// pageInfo reads the kind-* class of a page's body and the scripts it
// loads.
func pageInfo(public, sitePath string) (kind string, scripts []string, err error) {
	data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(sitePath), "index.html"))
	if err != nil {
		return "", nil, fmt.Errorf("sitemap.xml lists %s, but: %v", sitePath, err)
	}
	m := bodyKind.FindSubmatch(data)
	if m == nil {
		return "", nil, fmt.Errorf("%s: no <body class=\"kind-...\">", sitePath)
	}
	for _, s := range scriptSrc.FindAllSubmatch(data, -1) {
		scripts = append(scripts, string(s[1]))
	}
	sort.Strings(scripts)
	return string(m[1]), slices.Compact(scripts), nil
}

// sitemapLocs returns the sitemap's <loc> values.
func sitemapLocs(file string) ([]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var set struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("sitemap.xml: %v", err)
	}
	var out []string
	for _, u := range set.URLs {
		out = append(out, u.Loc)
	}
	return out, nil
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
