package publish

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/sitetest"
)

func TestIsImage(t *testing.T) {
	for name, want := range map[string]bool{
		"advisors/anna.jpg": true, "a.JPEG": true, "b.png": true, "c.webp": true, "d.avif": true,
		"logo.svg": true, "LOGO.SVG": true, "scan.tiff": true,
		"preise.pdf": false, "film.mp4": false, "jpg": false, "notes.jpg.txt": false, "": false,
	} {
		if got := IsImage(name); got != want {
			t.Errorf("%q: %v, want %v", name, got, want)
		}
	}
}

// TestPublishable: active content is published only where allow_raw
// names it, with a warning each build; an SVG is active only with script;
// an allow_raw entry without its file is an error at its line.
func TestPublishable(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"preise.pdf":         "%PDF-1.4",
		"rechner.html":       "<script>alert(1)</script>",
		"formular.html":      "<form></form>",
		"logo.svg":           `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>`,
		"bad.svg":            `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
		"downloads/tool.php": "<?php ?>",
	}
	var assets []content.Asset
	for name, data := range files {
		p := filepath.Join(root, "content", filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		assets = append(assets, content.Asset{Source: "content/" + name, URL: "/" + name})
	}
	slices.SortFunc(assets, func(a, b content.Asset) int { return strings.Compare(a.Source, b.Source) })
	cfg := config.Site{Theme: "klartext", AllowRaw: []config.Allowance{{Path: "rechner.html", Line: 4}, {Path: "preise.pdf", Line: 5}, {Path: "fehlt.html", Line: 6}}}
	ds := &diag.List{}
	got := Publishable(cfg, sitetest.ContentFiles(t, root), assets, ds)
	var published []string
	for _, a := range got {
		published = append(published, a.Source)
	}
	want := []string{"content/logo.svg", "content/preise.pdf", "content/rechner.html"}
	if !slices.Equal(published, want) {
		t.Errorf("published %v, want %v", published, want)
	}
	type place struct {
		sev  diag.Severity
		file string
		line int
	}
	var places []place
	for _, d := range ds.All() {
		places = append(places, place{d.Severity, d.File, d.Line})
		if d.Hint == "" {
			t.Errorf("%s: no hint", d.Error())
		}
	}
	wantPlaces := []place{
		{diag.Error, "content/bad.svg", 0},            // an SVG with script
		{diag.Error, "content/downloads/tool.php", 0}, // a server script
		{diag.Error, "content/formular.html", 0},      // not allowed
		{diag.Warning, config.File, 5},                // allowed, and not active
		{diag.Warning, "content/rechner.html", 0},     // allowed: a warning on every build
		{diag.Error, config.File, 6},                  // allowed, but no such file
	}
	for _, w := range wantPlaces {
		if !slices.Contains(places, w) {
			t.Errorf("no %s at %s:%d among %v", w.sev, w.file, w.line, places)
		}
	}
	if len(places) != len(wantPlaces) {
		t.Errorf("%d diagnostics, want %d: %v", len(places), len(wantPlaces), places)
	}
}
