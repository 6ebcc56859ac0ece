// Package serve is klartext's development server: it serves the built site
// from a directory, rebuilds when sources change and tells open browsers to
// reload, or shows the build's errors over the last good page.
//
// The server never changes the built files. In HTML responses it inserts
// one script tag before </body>: /_klartext/live.js, which listens on the
// Server-Sent Events stream /_klartext/events. The /_klartext/ prefix is the
// server's own; a site directory of that name is not reachable in serve mode.
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
	"runtime/debug"
	"strconv"
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
	liveJSPath = "/_klartext/live.js"
	eventsPath = "/_klartext/events"
)

//go:embed live.js
var liveJS []byte

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
	}
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

// URL is the address to open in a browser, e.g. "http://127.0.0.1:1313/".
func (s *Server) URL() string { return s.url }

// Publish records a build result and tells the open browsers: "error" for a
// failed build, else "ok" and, when output changed, "reload". Run calls it
// after each build; call it yourself when driving builds another way.
func (s *Server) Publish(res Result) { s.hub.publish(res) }

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
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Length", strconv.Itoa(len(liveJS)))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write(liveJS)
		}
	case eventsPath:
		s.events(w, r)
	default:
		s.serveFile(w, r)
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
		s.build(ctx, nil, "built")
	}
	if ctx.Err() == nil {
		fmt.Fprintf(s.log, "Serving at %s\n", s.url)
		if ip := s.ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
			fmt.Fprintf(s.log, "warning: bound to %s, so other machines can reach this preview\n", s.opts.Bind)
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
			s.build(ctx, changed, "rebuilt")
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
func (s *Server) build(ctx context.Context, changed []string, verb string) {
	start := time.Now()
	res, err := s.callBuilder(ctx, changed)
	took := time.Since(start)
	if ctx.Err() != nil {
		return // stopping; the result does not matter
	}
	if err != nil {
		res.Failed = true
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{Severity: diag.Error, Message: err.Error()})
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
	if failed(res) {
		counts := plural(nerr, "error")
		if nwarn > 0 {
			counts += ", " + plural(nwarn, "warning")
		}
		fmt.Fprintf(s.log, "build failed in %s (%s); still serving the last good output\n", ms(took), counts)
	} else {
		line := fmt.Sprintf("%s %s in %s", verb, plural(res.Pages, "page"), ms(took))
		if nwarn > 0 {
			line += " (" + plural(nwarn, "warning") + ")"
		}
		fmt.Fprintln(s.log, line)
	}
	for _, d := range res.Diagnostics {
		fmt.Fprintf(s.log, "  %s\n", d.Error())
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

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
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
