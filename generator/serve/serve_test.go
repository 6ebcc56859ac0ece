package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/diag"
)

// failAfter keeps a broken test from hanging; no test asserts timing.
const failAfter = 15 * time.Second

func tempDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// atomicSave writes like many editors: a temporary file renamed over the
// target.
func atomicSave(t *testing.T, p, s string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".save123")
	writeFile(t, tmp, s)
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

// lines is a Log writer the tests can wait on.
type lines struct {
	mu  sync.Mutex
	buf strings.Builder
	ch  chan string
}

func newLines() *lines { return &lines{ch: make(chan string, 100)} }

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	for _, s := range strings.SplitAfter(string(p), "\n") {
		if s != "" {
			select {
			case l.ch <- strings.TrimRight(s, "\n"):
			default:
			}
		}
	}
	return len(p), nil
}

func (l *lines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *lines) waitFor(t *testing.T, prefix string) string {
	t.Helper()
	deadline := time.After(failAfter)
	for {
		select {
		case s := <-l.ch:
			if strings.HasPrefix(s, prefix) {
				return s
			}
		case <-deadline:
			t.Fatalf("no log line %q; log so far:\n%s", prefix, l.String())
		}
	}
}

// start runs a server on 127.0.0.1 with a free port until the test ends.
func start(t *testing.T, opts Options, tweak func(*Server)) *Server {
	t.Helper()
	opts.Port = 0
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if tweak != nil {
		tweak(s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(failAfter):
			t.Error("Run did not return after cancel")
		}
	})
	return s
}

var noRedirect = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       failAfter,
}

func get(t *testing.T, method, u string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// rawGet sends the request target byte for byte, as no client library
// would (they clean or re-encode paths).
func rawGet(t *testing.T, s *Server, target string) (int, string) {
	t.Helper()
	u, _ := url.Parse(s.URL())
	c, err := net.DialTimeout("tcp", u.Host, failAfter)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(failAfter))
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, u.Host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func staticSite(t *testing.T) string {
	t.Helper()
	dir := tempDir(t)
	files := map[string]string{
		"index.html":            "<!doctype html><html><body><h1>Home</h1></body></html>",
		"products/x/index.html": "<!doctype html><html><BODY><h1>X</h1></BODY></html>",
		"404.html":              "<!doctype html><html><body><h1>Not here</h1></body></html>",
		"fragment.html":         "<p>no body tag</p>",
		"css/site.css":          "body{color:#123}",
		"js/app.js":             "console.log(1)",
		"img/logo.svg":          "<svg xmlns='http://www.w3.org/2000/svg'></svg>",
		"data.json":             `{"a":1}`,
		"sitemap.xml":           "<urlset/>",
		"contact.vcf":           "BEGIN:VCARD\nEND:VCARD\n",
		"dates.ics":             "BEGIN:VCALENDAR\nEND:VCALENDAR\n",
		"terms.pdf":             "%PDF-1.4",
		"img/a.png":             "\x89PNG",
		"img/b.jpg":             "\xff\xd8\xff",
		"img/c.webp":            "RIFF",
		"fonts/f.woff2":         "wOF2",
		"robots.txt":            "User-agent: *\n",
	}
	for name, body := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), body)
	}
	return dir
}

func TestContentTypes(t *testing.T) {
	dir := staticSite(t)
	s := start(t, Options{Dir: dir}, nil)
	for path, want := range map[string]string{
		"/":                      "text/html; charset=utf-8",
		"/products/x/":           "text/html; charset=utf-8",
		"/css/site.css":          "text/css; charset=utf-8",
		"/js/app.js":             "text/javascript; charset=utf-8",
		"/img/logo.svg":          "image/svg+xml",
		"/data.json":             "application/json",
		"/sitemap.xml":           "application/xml",
		"/contact.vcf":           "text/vcard; charset=utf-8",
		"/dates.ics":             "text/calendar; charset=utf-8",
		"/terms.pdf":             "application/pdf",
		"/img/a.png":             "image/png",
		"/img/b.jpg":             "image/jpeg",
		"/img/c.webp":            "image/webp",
		"/fonts/f.woff2":         "font/woff2",
		"/robots.txt":            "text/plain; charset=utf-8",
		"/_klartext/live.js":     "text/javascript; charset=utf-8",
		"/products/x/index.html": "text/html; charset=utf-8",
	} {
		resp, _ := get(t, "GET", s.URL()+strings.TrimPrefix(path, "/"))
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d", path, resp.StatusCode)
		}
		if got := resp.Header.Get("Content-Type"); got != want {
			t.Errorf("%s: Content-Type %q, want %q", path, got, want)
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q", path, got)
		}
	}
}

func TestIndexRedirectAnd404(t *testing.T) {
	dir := staticSite(t)
	s := start(t, Options{Dir: dir}, nil)

	resp, body := get(t, "GET", s.URL()+"products/x")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/products/x/" {
		t.Errorf("/products/x: %d Location %q, want redirect to /products/x/", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body = get(t, "GET", s.URL()+"products/x/?q=1")
	if resp.StatusCode != 200 || !strings.Contains(body, "<h1>X</h1>") {
		t.Errorf("/products/x/: %d %q", resp.StatusCode, body)
	}
	// A directory without index.html is not listed.
	resp, body = get(t, "GET", s.URL()+"css/")
	if resp.StatusCode != 404 || !strings.Contains(body, "Not here") {
		t.Errorf("/css/: %d %q, want the 404 page", resp.StatusCode, body)
	}
	resp, body = get(t, "GET", s.URL()+"missing/page/")
	if resp.StatusCode != 404 || !strings.Contains(body, "<h1>Not here</h1>") || !strings.Contains(body, liveJSPath) {
		t.Errorf("missing: %d %q, want the site's 404.html with live.js", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("404 Content-Type %q", ct)
	}
	// "//host" must not become a protocol-relative redirect.
	writeFile(t, filepath.Join(dir, "evil.example", "index.html"), "<body>e</body>")
	for _, target := range []string{"//evil.example", "///evil.example", "/.//evil.example"} {
		u, _ := url.Parse(s.URL())
		c, err := net.Dial("tcp", u.Host)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(failAfter))
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, u.Host)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != "/evil.example/" {
			t.Errorf("%s: %d Location %q, want a redirect to /evil.example/", target, resp.StatusCode, loc)
		}
		c.Close()
	}

	// Without a 404.html there is still a page with live.js, status 404.
	os.Remove(filepath.Join(dir, "404.html"))
	resp, body = get(t, "GET", s.URL()+"missing")
	if resp.StatusCode != 404 || !strings.Contains(body, liveJSPath) {
		t.Errorf("fallback 404: %d %q", resp.StatusCode, body)
	}
}

func TestMethods(t *testing.T) {
	dir := staticSite(t)
	s := start(t, Options{Dir: dir}, nil)
	for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS", "PATCH"} {
		resp, _ := get(t, m, s.URL())
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: %d Allow %q", m, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	resp, _ := get(t, "POST", s.URL()+"_klartext/events")
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST events: %d", resp.StatusCode)
	}

	getResp, getBody := get(t, "GET", s.URL()+"css/site.css")
	headResp, headBody := get(t, "HEAD", s.URL()+"css/site.css")
	if headResp.StatusCode != 200 || headBody != "" || headResp.Header.Get("Content-Type") != "text/css; charset=utf-8" ||
		headResp.Header.Get("Content-Length") != fmt.Sprint(len(getBody)) {
		t.Errorf("HEAD css: %d %q %v (GET %v)", headResp.StatusCode, headBody, headResp.Header, getResp.Header)
	}
	getResp, getBody = get(t, "GET", s.URL())
	headResp, headBody = get(t, "HEAD", s.URL())
	if headResp.StatusCode != 200 || headBody != "" || headResp.Header.Get("Content-Length") != fmt.Sprint(len(getBody)) {
		t.Errorf("HEAD html: %d %q %v (GET %v)", headResp.StatusCode, headBody, headResp.Header, getResp.Header)
	}
	headResp, headBody = get(t, "HEAD", s.URL()+"nope")
	if headResp.StatusCode != 404 || headBody != "" {
		t.Errorf("HEAD missing: %d %q", headResp.StatusCode, headBody)
	}
}

func TestLiveJSInjectedOnlyIntoHTML(t *testing.T) {
	dir := staticSite(t)
	s := start(t, Options{Dir: dir}, nil)
	tag := `<script src="/_klartext/live.js" defer`

	_, body := get(t, "GET", s.URL())
	if !strings.Contains(body, tag) || !strings.HasSuffix(strings.TrimSpace(body), "</script>\n</body></html>") && !strings.Contains(body, "></script>\n</body>") {
		t.Errorf("/: script not before </body>: %q", body)
	}
	_, body = get(t, "GET", s.URL()+"products/x/")
	if !strings.Contains(body, "></script>\n</BODY>") {
		t.Errorf("upper-case BODY: %q", body)
	}
	_, body = get(t, "GET", s.URL()+"fragment.html")
	if !strings.HasPrefix(body, "<p>no body tag</p>") || !strings.Contains(body, tag) {
		t.Errorf("fragment: %q", body)
	}
	for _, p := range []string{"css/site.css", "js/app.js", "img/logo.svg", "data.json", "sitemap.xml"} {
		_, body := get(t, "GET", s.URL()+p)
		if strings.Contains(body, "live.js") {
			t.Errorf("%s: script injected into non-HTML: %q", p, body)
		}
	}
	// The built file stays as it was.
	disk, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if strings.Contains(string(disk), "live.js") {
		t.Error("index.html on disk was changed")
	}
	_, js := get(t, "GET", s.URL()+"_klartext/live.js")
	if js != string(liveJS) || !strings.Contains(js, "EventSource") {
		t.Errorf("live.js served wrong: %d bytes", len(js))
	}
}

func TestTraversalRefused(t *testing.T) {
	base := tempDir(t)
	dir := filepath.Join(base, "site")
	writeFile(t, filepath.Join(dir, "index.html"), "<body>home</body>")
	writeFile(t, filepath.Join(dir, "a", "inside.txt"), "inside")
	writeFile(t, filepath.Join(base, "secret.txt"), "TOPSECRET")
	writeFile(t, filepath.Join(base, "private", "secret.txt"), "TOPSECRET")
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(base, "secret.txt"), filepath.Join(dir, "leak.txt")))
	must(os.Symlink(filepath.Join(base, "private"), filepath.Join(dir, "leakdir")))
	must(os.Symlink("../secret.txt", filepath.Join(dir, "relleak.txt")))
	must(os.Symlink("a/inside.txt", filepath.Join(dir, "ok.txt"))) // inside: fine
	s := start(t, Options{Dir: dir}, nil)

	for _, target := range []string{
		"/../secret.txt",
		"/../../../../etc/passwd",
		"/%2e%2e/secret.txt",
		"/%2E%2E/secret.txt",
		"/..%2fsecret.txt",
		"/..%2f..%2fsecret.txt",
		"/a/..%2f..%2fsecret.txt",
		"/a/../../secret.txt",
		"/a/%2e%2e/%2e%2e/secret.txt",
		"/%2e%2e%2fsecret.txt",
		"/..\\secret.txt",
		"/a%5c..%5c..%5csecret.txt",
		"/..%5csecret.txt",
		"/secret.txt%00.html",
		"/%00",
		"/leak.txt",
		"/relleak.txt",
		"/leakdir/secret.txt",
		"/leakdir/",
		"/%252e%252e/secret.txt",
	} {
		code, body := rawGet(t, s, target)
		if code != 400 && code != 404 {
			t.Errorf("%s: status %d, want 400 or 404", target, code)
		}
		if strings.Contains(body, "TOPSECRET") {
			t.Errorf("%s: served the outside file", target)
		}
	}
	if code, body := rawGet(t, s, "/ok.txt"); code != 200 || body != "inside" {
		t.Errorf("symlink inside the root: %d %q", code, body)
	}
}

// sse reads a Server-Sent Events stream.
type sse struct {
	resp   *http.Response
	events chan sseEvent
}

type sseEvent struct {
	name, data string
}

func connect(t *testing.T, s *Server, query string) *sse {
	t.Helper()
	resp, err := http.Get(s.URL() + "_klartext/events" + query)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
		t.Fatalf("events: %d %v", resp.StatusCode, resp.Header)
	}
	c := &sse{resp: resp, events: make(chan sseEvent, 100)}
	t.Cleanup(func() { resp.Body.Close() })
	go func() {
		defer close(c.events)
		sc := bufio.NewScanner(resp.Body)
		var e sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.name != "" {
					c.events <- e
				}
				e = sseEvent{}
			case strings.HasPrefix(line, ":"):
				c.events <- sseEvent{name: "comment", data: line}
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return c
}

// next returns the next event called name, skipping others.
func (c *sse) next(t *testing.T, name string) sseEvent {
	t.Helper()
	deadline := time.After(failAfter)
	for {
		select {
		case e, ok := <-c.events:
			if !ok {
				t.Fatalf("stream ended waiting for %q", name)
			}
			if e.name == name {
				return e
			}
		case <-deadline:
			t.Fatalf("no %q event", name)
		}
	}
}

func TestLiveReloadCycle(t *testing.T) {
	src, out := tempDir(t), tempDir(t)
	writeFile(t, filepath.Join(src, "index.md"), "home")
	writeFile(t, filepath.Join(src, "about.md"), "about v1")
	writeFile(t, filepath.Join(src, "site.css"), "body{color:red}")
	b := newSiteBuilder(src, out)
	log := newLines()
	s := start(t, Options{Dir: out, Builder: b, WatchRoots: []string{src}, Debounce: 30 * time.Millisecond, Log: log}, nil)

	log.waitFor(t, "built 2 pages in ")
	if line := log.waitFor(t, "Serving at "); line != "Serving at "+s.URL() || !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("log line %q, URL %q", line, s.URL())
	}
	if calls := b.Calls(); len(calls) != 1 || calls[0] != nil {
		t.Fatalf("initial build: calls %v, want one full build", calls)
	}
	_, page := get(t, "GET", s.URL()+"about/")
	if !strings.Contains(page, "about v1") {
		t.Fatalf("about: %q", page)
	}

	c := connect(t, s, "")
	c.next(t, "ok") // the state on connect

	// An editor's atomic save rebuilds and reloads.
	atomicSave(t, filepath.Join(src, "about.md"), "about v2")
	e := c.next(t, "reload")
	var rd reloadData
	if err := json.Unmarshal([]byte(e.data), &rd); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rd.URLs, []string{"/about/"}) || rd.CSS {
		t.Errorf("reload %s", e.data)
	}
	log.waitFor(t, "rebuilt 1 page in ")
	calls := b.Calls()
	if last := calls[len(calls)-1]; !slices.Equal(last, []string{filepath.Join(src, "about.md")}) {
		t.Errorf("rebuild got changed=%v", last)
	}
	if _, page = get(t, "GET", s.URL()+"about/"); !strings.Contains(page, "about v2") {
		t.Fatalf("about after rebuild: %q", page)
	}

	// A failing build: error event with file and line; the last good
	// output is still served.
	atomicSave(t, filepath.Join(src, "about.md"), "about v3\nERROR\n")
	e = c.next(t, "error")
	var ed errorData
	if err := json.Unmarshal([]byte(e.data), &ed); err != nil {
		t.Fatal(err)
	}
	if len(ed.Diagnostics) != 1 || ed.Diagnostics[0].File != "about.md" || ed.Diagnostics[0].Line != 2 ||
		ed.Diagnostics[0].Message == "" || ed.Diagnostics[0].Hint != "delete the line" {
		t.Errorf("error event %s", e.data)
	}
	log.waitFor(t, "build failed in ")
	if resp, page := get(t, "GET", s.URL()+"about/"); resp.StatusCode != 200 || !strings.Contains(page, "about v2") {
		t.Errorf("after failed build: %d %q, want the last good page", resp.StatusCode, page)
	}
	// A page opened now learns of the failure at once.
	c2 := connect(t, s, "")
	if e := c2.next(t, "error"); !strings.Contains(e.data, `"file":"about.md","line":2`) {
		t.Errorf("error on connect: %s", e.data)
	}

	// Fixed: ok, then reload.
	atomicSave(t, filepath.Join(src, "about.md"), "about v4\n")
	c.next(t, "ok")
	e = c.next(t, "reload")
	if !strings.Contains(e.data, `"/about/"`) {
		t.Errorf("reload after fix: %s", e.data)
	}
	c2.next(t, "ok")
	if _, page = get(t, "GET", s.URL()+"about/"); !strings.Contains(page, "about v4") {
		t.Errorf("about after fix: %q", page)
	}

	// Only a stylesheet changed: css is true.
	atomicSave(t, filepath.Join(src, "site.css"), "body{color:blue}")
	e = c.next(t, "reload")
	if err := json.Unmarshal([]byte(e.data), &rd); err != nil {
		t.Fatal(err)
	}
	if !rd.CSS || !slices.Equal(rd.URLs, []string{"/css/site.css"}) {
		t.Errorf("css reload %s", e.data)
	}

	log.waitFor(t, "rebuilt 0 pages in ") // the stylesheet's build

	// A new nested directory with a file is noticed (nothing to build
	// from it for this builder, but the build runs).
	n := len(b.Calls())
	if err := os.MkdirAll(filepath.Join(src, "x", "y"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(src, "x", "y", "z.md"), "z")
	log.waitFor(t, "rebuilt 0 pages in ")
	calls = b.Calls()
	if len(calls) <= n || !slices.Contains(calls[len(calls)-1], filepath.Join(src, "x", "y", "z.md")) {
		t.Errorf("nested file: calls %v", calls[n:])
	}
}

func TestStalePageReloadsOnConnect(t *testing.T) {
	s := start(t, Options{Dir: staticSite(t)}, nil)
	c := connect(t, s, "?build=from-an-older-server-0")
	c.next(t, "ok")
	e := c.next(t, "reload")
	if !strings.Contains(e.data, `"all":true`) {
		t.Errorf("stale: %s", e.data)
	}
	// The build id in the page matches: no reload.
	_, page := get(t, "GET", s.URL())
	i := strings.Index(page, `data-build="`)
	if i < 0 {
		t.Fatalf("no data-build in %q", page)
	}
	id := page[i+len(`data-build="`):]
	id = id[:strings.IndexByte(id, '"')]
	c2 := connect(t, s, "?build="+url.QueryEscape(id))
	c2.next(t, "ok")
	s.Publish(Result{ChangedURLs: []string{"/x/"}})
	if e := c2.next(t, "reload"); strings.Contains(e.data, `"all":true`) {
		t.Errorf("current page told to reload on connect: %s", e.data)
	}
}

func TestEventStreamOutlivesWriteTimeoutAndKeepsAlive(t *testing.T) {
	s := start(t, Options{Dir: staticSite(t)}, func(s *Server) {
		s.srv.WriteTimeout = 200 * time.Millisecond
		s.srv.ReadTimeout = 200 * time.Millisecond
		s.keepAlive = 100 * time.Millisecond
	})
	c := connect(t, s, "")
	c.next(t, "ok")
	time.Sleep(600 * time.Millisecond) // past both timeouts
	c.next(t, "comment")
	s.Publish(Result{ChangedURLs: []string{"/"}})
	c.next(t, "reload")
	// Ordinary responses still have their timeouts; that is not measured here.
}

func TestShutdownEndsStreams(t *testing.T) {
	s, err := New(Options{Dir: staticSite(t)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	c := connect(t, s, "")
	c.next(t, "ok")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(failAfter):
		t.Fatal("Run hangs with an open event stream")
	}
	for range c.events {
	}
}

func TestBuilderError(t *testing.T) {
	log := newLines()
	s := start(t, Options{Dir: tempDir(t), Builder: errBuilder{}, Log: log}, nil)
	log.waitFor(t, "build failed in ")
	c := connect(t, s, "")
	if e := c.next(t, "error"); !strings.Contains(e.data, "disk on fire") {
		t.Errorf("error event %s", e.data)
	}
	// Nothing built yet: the fallback 404 page still carries live.js.
	resp, body := get(t, "GET", s.URL())
	if resp.StatusCode != 404 || !strings.Contains(body, liveJSPath) {
		t.Errorf("empty site: %d %q", resp.StatusCode, body)
	}
}

func TestBuilderPanic(t *testing.T) {
	log := newLines()
	s := start(t, Options{Dir: tempDir(t), Builder: panicBuilder{}, Log: log}, nil)
	log.waitFor(t, "build failed in ")
	c := connect(t, s, "")
	if e := c.next(t, "error"); !strings.Contains(e.data, "the build panicked: boom") {
		t.Errorf("error event %s", e.data)
	}
}

type panicBuilder struct{}

func (panicBuilder) Build(context.Context, []string) (Result, error) { panic("boom") }

type errBuilder struct{}

func (errBuilder) Build(context.Context, []string) (Result, error) {
	return Result{}, fmt.Errorf("disk on fire")
}

func TestNewErrors(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Error("no Dir: want error")
	}
	s, err := New(Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.ln.Close()
	u, _ := url.Parse(s.URL())
	_, port, _ := net.SplitHostPort(u.Host)
	var p int
	fmt.Sscan(port, &p)
	if _, err := New(Options{Dir: t.TempDir(), Port: p}); err == nil {
		t.Error("port in use: want error")
	}
}

func TestLiveJS(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed; the browser tests cover live.js")
	}
	out, err := exec.Command(node, "--check", "live.js").CombinedOutput()
	if err != nil {
		t.Fatalf("live.js: %v\n%s", err, out)
	}
	// Its decisions, against a fake DOM and EventSource.
	out, err = exec.Command(node, "testdata/live_harness.js", "live.js").CombinedOutput()
	if err != nil {
		t.Fatalf("live.js behaviour: %v\n%s", err, out)
	}
}

// TestBasePath: a site built for https://bank.example/klartext/ is served
// under /klartext/ as its host will serve it; / leads there; paths outside
// it are the site's 404 page; the changed URLs a build reports are named
// below it.
func TestBasePath(t *testing.T) {
	dir := staticSite(t)
	s := start(t, Options{Dir: dir, BasePath: "/klartext/"}, nil)
	if s.SiteURL() != s.URL()+"klartext/" {
		t.Errorf("SiteURL %s", s.SiteURL())
	}
	for _, tc := range []struct {
		path     string
		status   int
		location string // for a redirect
		body     string
	}{
		{"", http.StatusFound, "/klartext/", ""},
		{"?q=1", http.StatusFound, "/klartext/?q=1", ""},
		{"klartext", http.StatusFound, "/klartext/", ""},
		{"klartext/", 200, "", "<h1>Home</h1>"},
		{"klartext/products/x", http.StatusFound, "/klartext/products/x/", ""},
		{"klartext/products/x/", 200, "", "<h1>X</h1>"},
		{"klartext/css/site.css", 200, "", "body{color:#123}"},
		{"klartext/missing/", 404, "", "Not here"},
		{"products/x/", 404, "", "Not here"},
		{"klartextx/", 404, "", "Not here"},
		{"css/site.css", 404, "", "Not here"},
		{"klartext/../products/x/", 400, "", ""},
	} {
		resp, body := get(t, "GET", s.URL()+tc.path)
		if resp.StatusCode != tc.status || resp.Header.Get("Location") != tc.location || !strings.Contains(body, tc.body) {
			t.Errorf("/%s: %d Location %q %.60q; want %d %q %q", tc.path, resp.StatusCode, resp.Header.Get("Location"), body, tc.status, tc.location, tc.body)
		}
	}
	// The server's own files stay at the root.
	if resp, css := get(t, "GET", s.URL()+"_klartext/live.css"); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/css; charset=utf-8" || css != string(liveCSS) {
		t.Errorf("live.css: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}

	// A build reports another base path (site.yaml changed), with an
	// umlaut: it is served decoded, and the changed URLs are below it.
	c := connect(t, s, "")
	c.next(t, "ok")
	s.Publish(Result{BasePath: "/b%C3%A4nk/", ChangedURLs: []string{"/products/x/", "/css/site.css"}, Language: "de"})
	e := c.next(t, "reload")
	var rd reloadData
	if err := json.Unmarshal([]byte(e.data), &rd); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rd.URLs, []string{"/bänk/products/x/", "/bänk/css/site.css"}) {
		t.Errorf("reload %s", e.data)
	}
	if resp, body := get(t, "GET", s.URL()+"b%C3%A4nk/products/x/"); resp.StatusCode != 200 || !strings.Contains(body, "<h1>X</h1>") || !strings.Contains(body, `data-lang="de"`) {
		t.Errorf("/bänk/products/x/: %d %q", resp.StatusCode, body)
	}
	if s.SiteURL() != s.URL()+"b%C3%A4nk/" {
		t.Errorf("SiteURL %s", s.SiteURL())
	}
	if resp, _ := get(t, "GET", s.URL()+"klartext/"); resp.StatusCode != 404 {
		t.Errorf("the old base path still serves: %d", resp.StatusCode)
	}
}

// TestOverlayLanguage: the error overlay speaks the language of --lang,
// else the site's as the build reports it.
func TestOverlayLanguage(t *testing.T) {
	dir := staticSite(t)
	s := start(t, Options{Dir: dir}, nil)
	if _, body := get(t, "GET", s.URL()); strings.Contains(body, "data-lang") {
		t.Errorf("a language before any build said one: %q", body)
	}
	s.Publish(Result{Language: "de"})
	if _, body := get(t, "GET", s.URL()); !strings.Contains(body, `data-lang="de"`) {
		t.Errorf("the site's language: %q", body)
	}
	s.Publish(Result{Language: `de" onload="x`})
	if _, body := get(t, "GET", s.URL()); strings.Contains(body, "onload") || strings.Contains(body, "data-lang") {
		t.Errorf("a language that is no language tag reached the page: %q", body)
	}
	en := start(t, Options{Dir: dir, Lang: "en"}, nil)
	en.Publish(Result{Language: "de"})
	if _, body := get(t, "GET", en.URL()); !strings.Contains(body, `data-lang="en"`) {
		t.Errorf("--lang en on a German site: %q", body)
	}
}

// TestHeadersFileNotSent: klartext serve sends its own headers, none of
// the output's _headers (the README says so under Headers of your own).
func TestHeadersFileNotSent(t *testing.T) {
	dir := staticSite(t)
	writeFile(t, filepath.Join(dir, "_headers"), "/*\n  Permissions-Policy: camera=()\n  X-Robots-Tag: noindex\n")
	s := start(t, Options{Dir: dir}, nil)
	resp, _ := get(t, "GET", s.URL())
	if resp.StatusCode != 200 || resp.Header.Get("Permissions-Policy") != "" || resp.Header.Get("X-Robots-Tag") != "" {
		t.Errorf("status %d, headers %v", resp.StatusCode, resp.Header)
	}
}

// TestOverlayMessagesInTheSiteLanguage: the error event carries the
// build's messages in the overlay's language — the site's, German here —
// with the language named, and in English with --lang en.
func TestOverlayMessagesInTheSiteLanguage(t *testing.T) {
	dir := staticSite(t)
	failed := Result{Failed: true, Language: "de", Diagnostics: []diag.Diagnostic{
		diag.Errorf("content/a.md", 2, "the page has no title").WithHint("add title: to the front matter")}}
	for _, tc := range []struct {
		lang, want, wantLang string
	}{
		{"", `"message":"Die Seite hat keinen Titel","hint":"Ergänzen Sie title: im Kopfbereich"`, `"lang":"de"`},
		{"en", `"message":"the page has no title","hint":"add title: to the front matter"`, `"lang":"en"`},
	} {
		s := start(t, Options{Dir: dir, Lang: tc.lang}, nil)
		c := connect(t, s, "")
		s.Publish(failed)
		e := c.next(t, "error")
		if !strings.Contains(e.data, `"file":"content/a.md","line":2`) || !strings.Contains(e.data, tc.want) || !strings.Contains(e.data, tc.wantLang) {
			t.Errorf("--lang %q: error event %s, want %s and %s", tc.lang, e.data, tc.want, tc.wantLang)
		}
	}
	// The builder's diagnostics stay as it made them.
	if failed.Diagnostics[0].Message != "the page has no title" {
		t.Errorf("Publish changed the caller's diagnostics: %q", failed.Diagnostics[0].Message)
	}
}
