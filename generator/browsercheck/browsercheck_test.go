package browsercheck

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestAxeVersionIsTheSuites: check --browser asks for the axe-core the
// browser suite pins.
func TestAxeVersionIsTheSuites(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "e2e", "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	if err := json.Unmarshal(data, &lock); err != nil {
		t.Fatal(err)
	}
	if got := lock.Packages["node_modules/axe-core"].Version; got != AxeVersion {
		t.Errorf("e2e/package-lock.json pins axe-core %s, browsercheck.AxeVersion is %s", got, AxeVersion)
	}
}

func TestFindTools(t *testing.T) {
	dir := t.TempDir()
	chromium := filepath.Join(dir, "chromium")
	write(t, dir, "chromium", "#!/bin/sh\n")
	os.Chmod(chromium, 0o755)
	site := filepath.Join(dir, "bank", "site")
	os.MkdirAll(site, 0o755)

	var m *MissingError
	if _, err := FindTools(filepath.Join(dir, "none"), "", site); !errors.As(err, &m) || m.Tool != "Chromium" ||
		!strings.Contains(err.Error(), "apt-get install chromium") {
		t.Errorf("no Chromium: %v", err)
	}
	if above := findAxe([]string{site}); above != "" {
		t.Logf("not checked whether a missing axe-core is named: the machine has %s above the test's folder", above)
	} else if _, err := FindTools(chromium, "", site); !errors.As(err, &m) || m.Tool != "axe-core" ||
		!strings.Contains(err.Error(), "npm install --save-exact axe-core@"+AxeVersion) || !strings.Contains(err.Error(), site) {
		t.Errorf("no axe-core: %v", err)
	}
	// Found in a folder above the site, as Node finds packages; its
	// version from its package.json.
	write(t, dir, "bank/node_modules/axe-core/axe.min.js", "window.axe = {};")
	write(t, dir, "bank/node_modules/axe-core/package.json", `{"version": "4.14.1"}`)
	tools, err := FindTools(chromium, "", site)
	if err != nil || tools.AxeSource != "window.axe = {};" || tools.AxeVersion != "4.14.1" || tools.Chromium != chromium {
		t.Errorf("%s %s %s %v", tools.AxeFile, tools.AxeVersion, tools.Chromium, err)
	}
	// And a klartext checkout's e2e/node_modules.
	repo := filepath.Join(dir, "klartext")
	write(t, repo, "e2e/node_modules/axe-core/axe.min.js", "x")
	if tools, err := FindTools(chromium, "", repo); err != nil || tools.AxeFile != filepath.Join(repo, "e2e", axeFile) {
		t.Errorf("checkout: %s %v", tools.AxeFile, err)
	}
	if _, err := FindTools(chromium, filepath.Join(dir, "missing.js"), site); !errors.As(err, &m) || m.Tool != "axe-core" {
		t.Errorf("a named file that is missing: %v", err)
	}
}

// TestServerBasePath: the static host serves a site built for a base path
// below it, and nothing of it outside.
func TestServerBasePath(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "index.html", "home")
	write(t, dir, "a/index.html", "page a")
	write(t, dir, "404.html", "not found")
	write(t, dir, "css/site.css", "body{}")
	for _, tc := range []struct {
		base string
		want map[string]string // path: status and body
	}{
		{"/", map[string]string{"/": "200 home", "/a/": "200 page a", "/a": "301 ", "/css/site.css": "200 body{}", "/b/": "404 not found"}},
		{"/klartext/", map[string]string{"/klartext/": "200 home", "/klartext": "301 ", "/klartext/a/": "200 page a",
			"/klartext/css/site.css": "200 body{}", "/a/": "404 not found", "/": "404 not found", "/css/site.css": "404 not found"}},
		{"/b%C3%A4nk/", map[string]string{"/bänk/a/": "200 page a", "/a/": "404 not found"}},
	} {
		srv, err := StartServer(dir, tc.base)
		if err != nil {
			t.Fatal(err)
		}
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		for p, want := range tc.want {
			resp, err := c.Get(srv.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			got := resp.Status[:3] + " "
			if resp.StatusCode != http.StatusMovedPermanently {
				got += string(body)
			}
			if got != want {
				t.Errorf("base %s, %s: %q, want %q", tc.base, p, got, want)
			}
		}
		srv.Close()
	}
}

// TestDiscoverPagesBasePath: pages are found through the sitemap of a site
// built for a base path, one of every kind, with the 404 page below it.
func TestDiscoverPagesBasePath(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "sitemap.xml", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://bank.example/klartext/</loc></url>
<url><loc>https://bank.example/klartext/products/</loc></url>
<url><loc>https://bank.example/klartext/products/x/</loc></url>
<url><loc>https://bank.example/klartext/products/y/</loc></url>
<url><loc>https://bank.example/klartext/stories/</loc></url>
</urlset>`)
	page := func(kind, scripts string) string {
		return `<html><body class="kind-` + kind + `">` + scripts + `</body></html>`
	}
	write(t, dir, "index.html", page("home", ""))
	write(t, dir, "products/index.html", page("section", ""))
	write(t, dir, "products/x/index.html", page("product", ""))
	write(t, dir, "products/y/index.html", page("product", `<script src="/klartext/js/charts.js"></script>`))
	write(t, dir, "stories/index.html", page("section", ""))
	pages, err := DiscoverPages(dir, "/klartext/")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pages {
		got = append(got, p.Name+" "+p.Path)
	}
	want := "home /klartext/|section /klartext/stories/|product /klartext/products/x/|404 /klartext/" + NotFoundPath + "|product+charts /klartext/products/y/"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
	write(t, dir, "stories/index.html", "<html><body></body></html>")
	if _, err := DiscoverPages(dir, "/klartext/"); err == nil || !strings.Contains(err.Error(), `/klartext/stories/: no <body class="kind-...">`) {
		t.Errorf("a page without its kind: %v", err)
	}
}

func TestDistinct(t *testing.T) {
	a := Finding{Page: "/", Rule: "no-console-errors", Detail: "x at desktop"}
	b := Finding{Page: "/", Rule: "no-console-errors", Detail: "x at mobile"}
	got := distinct([]Finding{a, a, b, a, b})
	if len(got) != 2 || got[0] != a || got[1] != b {
		t.Errorf("%v", got)
	}
}
