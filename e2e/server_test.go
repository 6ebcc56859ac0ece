package e2e

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestServer checks the test server itself: folders serve index.html,
// unknown paths the 404 page with status 404, text is gzipped on request.
func TestServer(t *testing.T) {
	needSetup(t)
	tr := &http.Transport{DisableCompression: true}
	c := &http.Client{Transport: tr}
	get := func(path, enc string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", suite.srv.URL+path, nil)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	if res, body := get("/", ""); res.StatusCode != 200 || !strings.Contains(body, "<!DOCTYPE html>") {
		t.Errorf("/: status %d, body %.80q", res.StatusCode, body)
	}
	if res, body := get("/no/such/page/", ""); res.StatusCode != 404 || !strings.Contains(body, "kind-404") {
		t.Errorf("/no/such/page/: status %d, body %.80q", res.StatusCode, body)
	}
	// The stylesheet, under its hashed name.
	sheets, _ := filepath.Glob(filepath.Join(suite.public, "css", "site.*.css"))
	if len(sheets) != 1 {
		t.Fatalf("stylesheets %v, want one css/site.<hash>.css", sheets)
	}
	css := "/css/" + filepath.Base(sheets[0])
	if res, _ := get(css, "gzip, deflate, br, zstd"); res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("%s with Accept-Encoding gzip: status %d, Content-Encoding %q", css, res.StatusCode, res.Header.Get("Content-Encoding"))
	}
	if res, _ := get(css, ""); res.Header.Get("Content-Encoding") != "" {
		t.Errorf("%s without Accept-Encoding: Content-Encoding %q", css, res.Header.Get("Content-Encoding"))
	}
	found := false
	for _, r := range suite.srv.Requests() {
		if r.Path == "/no/such/page/" && r.Status == 404 {
			found = true
		}
	}
	if !found {
		t.Error("the server did not record the request for /no/such/page/ with status 404")
	}
}
