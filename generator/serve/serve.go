// Package serve is klartext's development server: it serves the built site
// from a directory, rebuilds when sources change and tells open browsers to
// reload, or shows the build's errors over the last good page.
//
// The server never changes the built files. In HTML responses it inserts
// one script tag before </body>: /_klartext/live.js, which listens on the
// Server-Sent Events stream /_klartext/events and, when a build fails,
// shows its errors over the page, styled by /_klartext/live.css (a file,
// since the site's Content-Security-Policy allows no inline style). The
// /_klartext/ prefix is the server's own; a site directory of that name is
// not reachable in serve mode.
//
// A site whose baseURL has a path (https://bank.example/klartext/) is
// served under it, as its host will serve it: /klartext/ is the home page,
// / redirects there, and anything else outside it is the site's 404 page.
package serve

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/watch"
)

// Defaults for the command line.
const (
	DefaultBind = "127.0.0.1"
	DefaultPort = 1313
)

const (
	liveJSPath  = "/_klartext/live.js"
	liveCSSPath = "/_klartext/live.css"
	eventsPath  = "/_klartext/events"
)

var (
	//go:embed live.js
	liveJS []byte
	//go:embed live.css
	liveCSS []byte
)

// Builder builds the site into the directory the server serves.
type Builder interface {
	// Build (re)builds the site into dir and returns what changed.
	// changed lists the absolute paths of the source files that changed,
	// appeared or disappeared; changed == nil means a full build.
	// An error is treated like a failed Result (the server keeps serving
	// the last good output and shows the error's text).
	Build(ctx context.Context, changed []string) (Result, error)
}

// Result is what a build reports to the server.
type Result struct {
	// Diagnostics of the build. An error-severity diagnostic means the build
	// failed: the server keeps serving the last good output.
	Diagnostics []diag.Diagnostic
	// ChangedURLs are the URL paths whose output changed, e.g.
	// "/products/x/" or "/css/site.css". Browsers showing one of these
	// pages reload; when all are .css files, open pages swap their
	// stylesheets instead. Empty means nothing visible changed.
	ChangedURLs []string
	// Failed marks a failed build even without an error diagnostic.
	Failed bool
	// Pages is the number of pages (re)written, for the log line.
	Pages int
	// BasePath is the path of the site's baseURL ("/klartext/") the pages
	// were built for, which the server serves them under from now on; ""
	// (and a failed build) keeps the last one. ChangedURLs are below it ("/products/x/" is
	// served as "/klartext/products/x/").
	BasePath string
	// Language is the site's language, which the error overlay speaks
	// unless Options.Lang says otherwise; "" keeps the last one.
	Language string
}

// Options configure Run and New.
type Options struct {
	Bind       string        // address to listen on; "" means DefaultBind (127.0.0.1)
	Port       int           // 0 picks a free port (see Server.URL)
	Dir        string        // the built site, served as it is on disk at each request
	Builder    Builder       // nil: serve Dir as it is, build nothing, watch nothing
	WatchRoots []string      // source directories; changes there trigger builds
	Debounce   time.Duration // quiet time before a batch of changes is built; 0: watch.DefaultDebounce
	Log        io.Writer     // progress lines; nil: discarded
	// BasePath serves the site below a path ("/klartext/") until a build
	// reports its own (Result.BasePath); "" is "/".
	BasePath string
	// Lang is the error overlay's language ("de", "en"); "" is the
	// site's (Result.Language), else the page's.
	Lang string
}

// Server is the development server. Create it with New, then Run it.
type Server struct {
	opts      Options
	dir       string
	hub       *hub
	log       io.Writer
	ln        net.Listener
	srv       *http.Server
	url       string
	keepAlive time.Duration

	mu       sync.RWMutex
	basePath string // decoded: "/bänk/", as request paths are
	language string
}

// Run serves opts.Dir until ctx is cancelled: it listens, builds the site
// once in full, watches opts.WatchRoots and rebuilds on every change,
// telling the open browsers. It returns nil when ctx is cancelled.
func Run(ctx context.Context, opts Options) error {
	s, err := New(opts)
	if err != nil {
		return err
	}
	return s.Run(ctx)
}

// New listens on opts.Bind and opts.Port but serves, builds and watches
// nothing until Run. URL tells the address, also for port 0.
func New(opts Options) (*Server, error) {
	if opts.Dir == "" {
		return nil, errors.New("serve: no directory to serve")
	}
	if opts.Bind == "" {
		opts.Bind = DefaultBind
	}
	if opts.Port < 0 || opts.Port > 65535 {
		return nil, fmt.Errorf("serve: port %d out of range", opts.Port)
	}
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port)))
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s := &Server{
		opts:      opts,
		dir:       opts.Dir,
		hub:       newHub(),
		log:       log,
		ln:        ln,
		keepAlive: 15 * time.Second,
		basePath:  "/",
		language:  opts.Lang,
	}
	s.setBasePath(opts.BasePath)
	s.url = "http://" + browserHost(ln.Addr().(*net.TCPAddr)) + "/"
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second, // lifted for the event stream
		IdleTimeout:       120 * time.Second,
		ErrorLog:          stdlog.New(log, "http: ", 0),
	}
	return s, nil
}

// browserHost is the host:port to open: an unspecified bind address
// (0.0.0.0, ::) is reachable on the loopback address.
func browserHost(a *net.TCPAddr) string {
	ip := a.IP
	if ip.IsUnspecified() {
		if ip.To4() != nil {
			ip = net.IPv4(127, 0, 0, 1)
		} else {
			ip = net.IPv6loopback
		}
	}
	return net.JoinHostPort(ip.String(), strconv.Itoa(a.Port))
}

// URL is the server's root, e.g. "http://127.0.0.1:1313/"; the site is at
// SiteURL.
func (s *Server) URL() string { return s.url }

// SiteURL is the address of the site's home page: URL and the base path,
// "http://127.0.0.1:1313/klartext/".
func (s *Server) SiteURL() string {
	return s.url + strings.TrimPrefix((&url.URL{Path: s.base()}).EscapedPath(), "/")
}

// base is the base path the site is served under, decoded.
func (s *Server) base() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.basePath
}

// setBasePath takes a base path as a baseURL has it (percent-encoded,
// "/b%C3%A4nk/"); "" changes nothing.
func (s *Server) setBasePath(p string) {
	if p == "" {
		return
	}
	if d, err := url.PathUnescape(p); err == nil {
		p = d
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	s.mu.Lock()
	s.basePath = p
	s.mu.Unlock()
}

// overlayLanguage is the error overlay's language: the --lang flag's, else
// the last build's site language.
func (s *Server) overlayLanguage() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.language
}

// Publish records a build result and tells the open browsers: "error" for a
// failed build, else "ok" and, when output changed, "reload" naming the
// changed URLs below the base path. Run calls it after each build; call it
// yourself when driving builds another way.
func (s *Server) Publish(res Result) {
	if !failed(res) { // a failed build leaves the last good output as it was built
		s.setBasePath(res.BasePath)
	}
	if res.Language != "" && s.opts.Lang == "" {
		s.mu.Lock()
		s.language = res.Language
		s.mu.Unlock()
	}
	// The overlay shows the diagnostics in its own language (a new
	// slice: the caller's stays as the builder made it).
	lang := s.overlayLanguage()
	res.Diagnostics = diag.LocalizeAll(res.Diagnostics, lang)
	if base := s.base(); base != "/" && len(res.ChangedURLs) > 0 {
		urls := make([]string, len(res.ChangedURLs))
		for i, u := range res.ChangedURLs {
			urls[i] = base + strings.TrimPrefix(u, "/")
		}
		res.ChangedURLs = urls
	}
	s.hub.publish(res, diag.MessageLanguage(lang))
}

// ServeHTTP serves the site, live.js and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.plainError(w, http.StatusMethodNotAllowed, "405 method not allowed")
		return
	}
	switch r.URL.Path {
	case liveJSPath:
		s.own(w, r, "text/javascript; charset=utf-8", liveJS)
	case liveCSSPath:
		s.own(w, r, "text/css; charset=utf-8", liveCSS)
	case eventsPath:
		s.events(w, r)
	default:
		s.serveFile(w, r)
	}
}

// own serves one of the server's own files.
func (s *Server) own(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// Run serves until ctx is cancelled; see the package function Run.
func (s *Server) Run(ctx context.Context) error {
	serveErr := make(chan error, 1)
	go func() { serveErr <- s.srv.Serve(s.ln) }()
	defer s.shutdown()

	var batches <-chan watch.Batch
	var watchErrs <-chan error
	if s.opts.Builder != nil {
		if len(s.opts.WatchRoots) > 0 {
			// Watch before the first build, so that nothing saved during
			// it is missed.
			w, err := watch.New(s.opts.WatchRoots, s.opts.Debounce, watch.Exclude(s.dir))
			if err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			defer w.Close()
			batches, watchErrs = w.Batches(), w.Errors()
		}
		s.build(ctx, nil, false)
	}
	if ctx.Err() == nil {
		lang := s.overlayLanguage()
		fmt.Fprintln(s.log, diag.Sprintf(lang, "Serving at %s", s.SiteURL()))
		if ip := s.ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
			fmt.Fprintln(s.log, diag.Sprintf(lang, "warning: bound to %s, so other machines can reach this preview", s.opts.Bind))
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-serveErr:
			return fmt.Errorf("serve: %w", err)
		case err := <-watchErrs:
			fmt.Fprintf(s.log, "watch: %v\n", err)
		case b, ok := <-batches:
			if !ok {
				return errors.New("serve: the watcher stopped")
			}
			var changed []string
			if !b.Full {
				changed = b.Paths
				if changed == nil {
					changed = []string{}
				}
			}
			s.build(ctx, changed, true)
		}
	}
}

func (s *Server) shutdown() {
	s.hub.close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if s.srv.Shutdown(ctx) != nil {
		s.srv.Close()
	}
}

// build runs one build, publishes and logs it.
func (s *Server) build(ctx context.Context, changed []string, rebuilt bool) {
	start := time.Now()
	res, err := s.callBuilder(ctx, changed)
	took := time.Since(start)
	if ctx.Err() != nil {
		return // stopping; the result does not matter
	}
	if err != nil {
		res.Failed = true
		res.Diagnostics = append(res.Diagnostics, diag.Errorf("", 0, "%v", err))
	}
	s.Publish(res)

	var nerr, nwarn int
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error {
			nerr++
		} else {
			nwarn++
		}
	}
	lang := s.overlayLanguage()
	if failed(res) {
		counts := plural(lang, nerr, "error")
		if nwarn > 0 {
			counts += ", " + plural(lang, nwarn, "warning")
		}
		fmt.Fprintln(s.log, diag.Sprintf(lang, "build failed in %s (%s); still serving the last good output", ms(took), counts))
	} else {
		line := diag.Sprintf(lang, "built %s in %s", plural(lang, res.Pages, "page"), ms(took))
		if rebuilt {
			line = diag.Sprintf(lang, "rebuilt %s in %s", plural(lang, res.Pages, "page"), ms(took))
		}
		if nwarn > 0 {
			line += " (" + plural(lang, nwarn, "warning") + ")"
		}
		fmt.Fprintln(s.log, line)
	}
	for _, d := range res.Diagnostics {
		fmt.Fprintf(s.log, "  %s\n", d.Localize(lang).Error())
	}
}

// callBuilder turns a panicking build into a failed one: the server keeps
// serving and the browser shows the message; the stack goes to the log.
func (s *Server) callBuilder(ctx context.Context, changed []string) (res Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(s.log, "build panicked: %v\n%s", v, debug.Stack())
			res, err = Result{}, fmt.Errorf("the build panicked: %v", v)
		}
	}()
	return s.opts.Builder.Build(ctx, changed)
}

// plural is "1 error", "2 errors" (and so for warning and page) in the
// language lang.
func plural(lang string, n int, word string) string {
	one := n == 1
	switch {
	case word == "error" && one:
		return diag.Sprintf(lang, "1 error")
	case word == "error":
		return diag.Sprintf(lang, "%d errors", n)
	case word == "warning" && one:
		return diag.Sprintf(lang, "1 warning")
	case word == "warning":
		return diag.Sprintf(lang, "%d warnings", n)
	case one:
		return diag.Sprintf(lang, "1 page")
	}
	return diag.Sprintf(lang, "%d pages", n)
}

func ms(d time.Duration) string {
	if d < 10*time.Millisecond {
		return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + " ms"
	}
	if d < 10*time.Second {
		return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + " s"
}
