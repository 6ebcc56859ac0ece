package sitetest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestCrawlLinks: every kind of address a page names is checked — and a
// broken one, one that only works through a redirect, a broken srcset
// candidate and a broken sitemap entry are each reported — while other
// hosts, mail and anchors are not fetched.
func TestCrawlLinks(t *testing.T) {
	pages := map[string]string{
		"/sub/": `<html><head><link rel="stylesheet" href="/sub/css/site.css">
<meta property="og:url" content="https://bank.example/sub/"><meta property="og:image" content="https://bank.example/sub/missing.png"></head>
<body><a href="a/">a</a> <a href="#main">skip</a> <a href="mailto:x@bank.example">mail</a>
<a href="https://other.example/x">elsewhere</a> <a href="/sub/b">needs a redirect</a>
<img src="/sub/img/x-1.webp" srcset="/sub/img/x-1.webp 1x, /sub/img/x-2.webp 2x" alt="">
<form action="/sub/suche/"></form></body></html>`,
		"/sub/a/":           `<html><body><a href="../">home</a> <script src="/sub/js/app.js"></script><video poster="/sub/poster.png"><track src="/sub/c.vtt"></video></body></html>`,
		"/sub/b/":           `<html><body>b</body></html>`,
		"/sub/suche/":       `<html><body>suche</body></html>`,
		"/sub/css/site.css": "body{}",
		"/sub/js/app.js":    "1",
		"/sub/img/x-1.webp": "RIFF",
		"/sub/poster.png":   "png",
		"/sub/c.vtt":        "WEBVTT",
		"/sub/sitemap.xml":  `<urlset><url><loc>https://bank.example/sub/a/</loc></url><url><loc>https://bank.example/sub/gone/</loc></url></urlset>`,
	}
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = append(asked, r.URL.Path)
		if r.URL.Path == "/sub/b" {
			http.Redirect(w, r, "/sub/b/", http.StatusMovedPermanently)
			return
		}
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(r.URL.Path, "/") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.Write([]byte(body))
	}))
	defer srv.Close()
	c, err := CrawlLinks(srv.Client(), srv.URL+"/sub/", "https://bank.example/sub/")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/sub/: a[href] " + srv.URL + "/sub/b: 301 Moved Permanently to /sub/b/",
		"/sub/: img[srcset] " + srv.URL + "/sub/img/x-2.webp: 404 Not Found",
		"/sub/: meta[og:image] " + srv.URL + "/sub/missing.png: 404 Not Found",
		"/sub/sitemap.xml: loc " + srv.URL + "/sub/gone/: 404 Not Found",
	}
	if strings.Join(c.Broken, "\n") != strings.Join(want, "\n") {
		t.Errorf("broken:\n%s\nwant:\n%s", strings.Join(c.Broken, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range []string{"/sub/css/site.css", "/sub/js/app.js", "/sub/poster.png", "/sub/c.vtt", "/sub/suche/", "/sub/a/"} {
		found := false
		for _, a := range asked {
			found = found || a == p
		}
		if !found {
			t.Errorf("%s was not checked", p)
		}
	}
	// /sub/, a/ and suche/; b/ only through the redirect, which is not followed.
	if c.Pages != 3 {
		t.Errorf("%d pages parsed, want 3", c.Pages)
	}
}
