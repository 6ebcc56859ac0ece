package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/browsercheck"
)

// TestTamperedAssetFailsToLoad: the theme's stylesheet and scripts are
// referenced with integrity (SHA-384). Chromium applies the demo's
// stylesheet and runs its search script as built; after a byte of each
// changed on the server, it refuses both and says so in the console.
func TestTamperedAssetFailsToLoad(t *testing.T) {
	needBrowser(t)
	public := t.TempDir()
	if err := copyTree(suite.public, public); err != nil {
		t.Fatal(err)
	}
	search := pageWith(t, public, "search")
	html, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(search.Path), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	css := regexp.MustCompile(`<link rel="stylesheet" href="(/css/site\.[0-9a-f]{10}\.css)" integrity="sha384-`).FindSubmatch(html)
	js := regexp.MustCompile(`<script src="(/js/search\.[0-9a-f]{10}\.js)" integrity="sha384-`).FindSubmatch(html)
	if css == nil || js == nil {
		t.Fatalf("%s: no hashed stylesheet or search script with integrity", search.Path)
	}
	// What a page shows of both: the stylesheet's rules, and the script's
	// work (it marks the form as enhanced).
	const probe = `(() => {
		const link = document.querySelector('link[rel="stylesheet"]');
		let rules = -1;
		try { rules = link.sheet ? link.sheet.cssRules.length : 0; } catch (e) { rules = -2; }
		return rules + " " + (getComputedStyle(document.body).margin === "8px" ? "default" : "styled");
	})()`
	look := func(base string) (string, *visit) {
		tb := openTab(t, base, search)
		poll(tb, `document.readyState === "complete"`)
		return eval[string](tb, "probe", probe), tb.seen()
	}
	if got, _ := look(suite.srv.URL); strings.HasPrefix(got, "0 ") || strings.HasPrefix(got, "-") || !strings.HasSuffix(got, "styled") {
		t.Fatalf("the built stylesheet does not apply: %s", got)
	}
	for _, f := range [][]byte{css[1], js[1]} {
		p := filepath.Join(public, filepath.FromSlash(string(f)))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, append(data, "\n/* changed */\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := browsercheck.StartServer(public, "/")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	got, v := look(srv.URL)
	if !strings.HasSuffix(got, "default") {
		t.Errorf("the tampered stylesheet applies: %s", got)
	}
	blocked := map[string]bool{}
	for _, line := range append(v.Console, v.BrowserLog...) {
		for _, f := range [][]byte{css[1], js[1]} {
			if strings.Contains(line, string(f)) && strings.Contains(strings.ToLower(line), "integrity") {
				blocked[string(f)] = true
			}
		}
	}
	for _, f := range [][]byte{css[1], js[1]} {
		if !blocked[string(f)] {
			t.Errorf("no integrity error for %s in the console:\n%s", f, strings.Join(append(v.Console, v.BrowserLog...), "\n"))
		}
	}
}
