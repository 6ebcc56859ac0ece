package serve

import (
	"bytes"
	"context"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/klartext/klartext/generator/diag"
)

// siteBuilder is a small but real Builder: it renders src/*.md into pages
// and copies src/*.css to /css/, writes only when the whole build is good,
// and reports the URLs whose bytes changed. A line "ERROR" in a .md file is
// a build error at that line.
type siteBuilder struct {
	src, out string

	mu    sync.Mutex
	prev  map[string][]byte // URL -> bytes written
	calls [][]string        // the changed argument of each call
}

func newSiteBuilder(src, out string) *siteBuilder {
	return &siteBuilder{src: src, out: out, prev: map[string][]byte{}}
}

func (b *siteBuilder) Calls() [][]string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.calls)
}

func (b *siteBuilder) Build(ctx context.Context, changed []string) (Result, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.calls = append(b.calls, changed)

	entries, err := os.ReadDir(b.src)
	if err != nil {
		return Result{}, err
	}
	var res Result
	next := map[string][]byte{}
	files := map[string]string{} // URL -> output path relative to out
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		data, err := os.ReadFile(filepath.Join(b.src, name))
		if err != nil {
			return Result{}, err
		}
		switch filepath.Ext(name) {
		case ".md":
			for i, line := range strings.Split(string(data), "\n") {
				if strings.TrimSpace(line) == "ERROR" {
					res.Diagnostics = append(res.Diagnostics, diag.Errorf(name, i+1, "ERROR is not allowed here").WithHint("delete the line"))
				}
			}
			slug := strings.TrimSuffix(name, ".md")
			url, rel := "/"+slug+"/", slug+"/index.html"
			if slug == "index" {
				url, rel = "/", "index.html"
			}
			next[url] = []byte(`<!doctype html><html><head><title>` + slug +
				`</title><link rel="stylesheet" href="/css/site.css"></head><body><main>` +
				html.EscapeString(string(data)) + "</main></body></html>\n")
			files[url] = rel
		case ".css":
			url := "/css/" + name
			next[url] = data
			files[url] = "css/" + name
		}
	}
	if len(res.Diagnostics) > 0 {
		res.Failed = true
		return res, nil // the last good output stays
	}
	for url, data := range next {
		if bytes.Equal(b.prev[url], data) {
			continue
		}
		p := filepath.Join(b.out, filepath.FromSlash(files[url]))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return Result{}, err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return Result{}, err
		}
		res.ChangedURLs = append(res.ChangedURLs, url)
		if strings.HasSuffix(url, "/") {
			res.Pages++
		}
	}
	slices.Sort(res.ChangedURLs)
	b.prev = next
	return res, nil
}
