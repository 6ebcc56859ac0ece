package serve

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// contentTypes is fixed here rather than taken from the system's mime.types,
// which differs from machine to machine.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
	".rss":         "application/rss+xml",
	".atom":        "application/atom+xml",
	".svg":         "image/svg+xml",
	".vcf":         "text/vcard; charset=utf-8",
	".ics":         "text/calendar; charset=utf-8",
	".pdf":         "application/pdf",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".txt":         "text/plain; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".md":          "text/plain; charset=utf-8",
	".vtt":         "text/vtt; charset=utf-8",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
}

// ContentType returns the Content-Type the dev server sends for a file name.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if ct, ok := contentTypes[ext]; ok {
		return ct
	}
	if ct := mime.TypeByExtension(ext); ct != "" {
		return ct
	}
	return "application/octet-stream"
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

var errBadPath = errors.New("bad path")

// cleanPath checks the request path and returns it cleaned, rooted at "/".
// Anything that could address a file outside the root by a trick is
// refused rather than repaired: ".." segments (also percent-encoded, since
// URL.Path is already decoded), encoded slashes and backslashes, backslashes
// and NUL bytes.
func cleanPath(u *url.URL) (string, error) {
	raw := strings.ToLower(u.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", errBadPath
	}
	p := u.Path
	if p == "" || p[0] != '/' || strings.ContainsAny(p, "\\\x00") {
		return "", errBadPath
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", errBadPath
		}
	}
	return path.Clean(p), nil
}

// file is one opened file of the site.
type file struct {
	f    *os.File
	info fs.FileInfo
	name string // the path relative to the root, slash-separated, for the type
}

// openFile opens rel (cleaned, rooted at "/") below root, never leaving it:
// symlinks are resolved and the result must lie within the resolved root,
// and the file is opened through an os.Root, which refuses to escape even
// if the tree changes between the check and the open.
func openFile(root, rel string) (*file, error) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, err
	}
	full := filepath.Join(realRoot, filepath.FromSlash(rel))
	resolved, err := filepath.EvalSymlinks(full)
	if err != nil {
		return nil, err
	}
	inside, err := filepath.Rel(realRoot, resolved)
	if err != nil || inside == ".." || strings.HasPrefix(inside, ".."+string(filepath.Separator)) || filepath.IsAbs(inside) {
		return nil, fs.ErrNotExist
	}
	r, err := os.OpenRoot(realRoot)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	f, err := r.Open(inside)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &file{f: f, info: info, name: filepath.ToSlash(inside)}, nil
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	rel, err := cleanPath(r.URL)
	if err != nil {
		s.plainError(w, http.StatusBadRequest, "400 bad request")
		return
	}
	// Below the base path: the path within the site. The server's root and
	// the base path without its slash lead to the home page.
	base := s.base()
	if base != "/" {
		switch {
		case rel == "/" || rel == strings.TrimSuffix(base, "/") && !strings.HasSuffix(r.URL.Path, "/"):
			loc := (&url.URL{Path: base, RawQuery: r.URL.RawQuery}).String()
			http.Redirect(w, r, loc, http.StatusFound)
			return
		case rel == strings.TrimSuffix(base, "/"):
			rel = "/"
		case strings.HasPrefix(rel, base):
			rel = "/" + strings.TrimPrefix(rel, base)
		default:
			s.notFound(w, r)
			return
		}
	}
	f, err := openFile(s.dir, rel)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer func() { f.f.Close() }()
	if f.info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			// Built from the cleaned path: "//evil.example" must not
			// become a protocol-relative redirect.
			loc := (&url.URL{Path: strings.TrimSuffix(base, "/") + rel + "/", RawQuery: r.URL.RawQuery}).String()
			if rel == "/" {
				loc = (&url.URL{Path: base, RawQuery: r.URL.RawQuery}).String()
			}
			http.Redirect(w, r, loc, http.StatusFound)
			return
		}
		idx, err := openFile(s.dir, path.Join(rel, "index.html"))
		if err != nil || idx.info.IsDir() {
			if idx != nil {
				idx.f.Close()
			}
			s.notFound(w, r)
			return
		}
		f.f.Close()
		f = idx
	}
	if !f.info.Mode().IsRegular() {
		s.notFound(w, r)
		return
	}
	s.send(w, r, f, http.StatusOK)
}

// send writes a file. HTML gets the live reload script; everything else
// goes through http.ServeContent (HEAD, Range).
func (s *Server) send(w http.ResponseWriter, r *http.Request, f *file, status int) {
	h := w.Header()
	h.Set("Content-Type", ContentType(f.name))
	h.Set("X-Content-Type-Options", "nosniff")
	if !isHTML(f.name) {
		if status == http.StatusOK {
			http.ServeContent(w, r, f.name, time.Time{}, f.f)
			return
		}
		s.writeBody(w, r, status, f.f)
		return
	}
	body, err := io.ReadAll(f.f)
	if err != nil {
		s.plainError(w, http.StatusInternalServerError, "500 cannot read "+f.name)
		return
	}
	body = s.inject(body, status)
	if status == http.StatusOK {
		http.ServeContent(w, r, f.name, time.Time{}, bytes.NewReader(body))
		return
	}
	s.writeBody(w, r, status, bytes.NewReader(body))
}

func (s *Server) writeBody(w http.ResponseWriter, r *http.Request, status int, body io.Reader) {
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		io.Copy(w, body)
	}
}

// notFound serves the site's /404.html with status 404, or a small page of
// its own (which carries the live reload script too, so a page that does
// not exist yet appears as soon as a build writes it).
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if f, err := openFile(s.dir, "/404.html"); err == nil {
		defer f.f.Close()
		if f.info.Mode().IsRegular() {
			s.send(w, r, f, http.StatusNotFound)
			return
		}
	}
	body := s.inject([]byte(fallback404), http.StatusNotFound)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.writeBody(w, r, http.StatusNotFound, bytes.NewReader(body))
}

const fallback404 = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>404 Not found</title></head>
<body><h1>404 Not found</h1><p>The site has no page at this address (and no 404.html).</p></body></html>
`

func (s *Server) plainError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	io.WriteString(w, msg+"\n")
}

// inject puts the live reload script before the last </body>, or at the end
// when there is none. The files on disk stay untouched.
func (s *Server) inject(body []byte, status int) []byte {
	tag := `<script src="` + liveJSPath + `" defer data-build="` + s.hub.buildID() + `"`
	if lang := s.overlayLanguage(); validLang(lang) {
		tag += ` data-lang="` + lang + `"`
	}
	if status != http.StatusOK {
		tag += ` data-status="` + strconv.Itoa(status) + `"`
	}
	tag += "></script>\n"
	i := lastIndexFold(body, []byte("</body>"))
	out := make([]byte, 0, len(body)+len(tag))
	if i < 0 {
		out = append(append(out, body...), tag...)
		return out
	}
	out = append(out, body[:i]...)
	out = append(out, tag...)
	return append(out, body[i:]...)
}

// validLang admits a language tag into the script tag's attribute: what
// a site's language setting passed (letters, digits and hyphens).
func validLang(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func lastIndexFold(s, sub []byte) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
