package browsercheck

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/klartext/klartext/generator/serve"
)

// Server serves a built site the way a static host does: files,
// index.html for folders, 404.html with status 404; text gzip-compressed
// when the client accepts it, other files with byte ranges (a video's
// seek). A site built for a base path (/klartext/) is served below it,
// as a host serves a folder; everything outside is the 404 page. It
// records every request.
type Server struct {
	root string
	base string // decoded, "/" or "/klartext/"
	URL  string // "http://127.0.0.1:port", without the base path
	srv  *http.Server

	mu   sync.Mutex
	reqs []Request
}

// Request is one request the server got.
type Request struct {
	Path   string // as requested, with the base path
	Cookie string
	Status int
	Gzip   bool // the response was gzip-compressed
}

// StartServer serves root on a free port of 127.0.0.1 below basePath (the
// path of the site's baseURL, percent-encoded as it has it; "" is "/").
func StartServer(root, basePath string) (*Server, error) {
	base, err := url.PathUnescape(basePath)
	if err != nil {
		return nil, fmt.Errorf("base path %q: %v", basePath, err)
	}
	base = "/" + strings.Trim(base, "/") + "/"
	if base == "//" {
		base = "/"
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{root: root, base: base, URL: "http://" + ln.Addr().String()}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Requests returns the requests so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	status := http.StatusOK
	defer func() {
		s.mu.Lock()
		s.reqs = append(s.reqs, Request{Path: r.URL.Path, Cookie: r.Header.Get("Cookie"), Status: status,
			Gzip: w.Header().Get("Content-Encoding") == "gzip"})
		s.mu.Unlock()
	}()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		status = http.StatusMethodNotAllowed
		http.Error(w, "method not allowed", status)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
		p += "/"
	}
	inside := strings.HasPrefix(p, s.base)
	if !inside && p+"/" == s.base {
		status = http.StatusMovedPermanently
		http.Redirect(w, r, s.base, status)
		return
	}
	file := filepath.Join(s.root, "404.html") // outside the base path
	if inside {
		file = filepath.Join(s.root, filepath.FromSlash(strings.TrimPrefix(p, s.base)))
	}
	if fi, err := os.Stat(file); inside && err == nil && fi.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			status = http.StatusMovedPermanently
			http.Redirect(w, r, r.URL.Path+"/", status)
			return
		}
		file = filepath.Join(file, "index.html")
	}
	data, err := os.ReadFile(file)
	if !inside || err != nil || strings.HasPrefix(filepath.Base(file), ".") {
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
