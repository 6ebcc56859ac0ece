package diag_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/data"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/redirect"
	"github.com/klartext/klartext/generator/stillframe"
	"github.com/klartext/klartext/generator/video"
)

// An error a package returns and a message passes on with %v ("%v",
// "cannot draw the %s: %v") is in German inside a German message, from
// the package that made it: aliases, the PRIIPs table of a language,
// pages and data files too large to read, the video player and the
// poster frame. Each is the real function's error, localized as a build
// localizes it.
func TestErrorsPassedOnAreGerman(t *testing.T) {
	dir := t.TempDir()
	for name, size := range map[string]int64{"content/gross.md": content.MaxMarkdownBytes + 1<<20, "content/data/gross.csv": data.MaxFileBytes + 1<<20} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, size); err != nil { // sparse: nothing is written
			t.Fatal(err)
		}
	}
	files, _, err := fileio.Scan(dir, "content", nil)
	if err != nil {
		t.Fatal(err)
	}
	fake := filepath.Join(dir, "ffmpeg")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho GIF89a\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	must := func(_ any, err error) error {
		t.Helper()
		if err == nil {
			t.Fatal("no error")
		}
		return err
	}
	_, pageDs := content.LoadPage(files, "content/gross.md")
	if len(pageDs) != 1 {
		t.Fatalf("the page too large: %v", pageDs)
	}
	for _, tc := range []struct {
		area   string
		d      diag.Diagnostic
		german string
	}{
		{"alias", diag.Errorf("content/a.md", 3, "%v", must(redirect.CheckAlias("alte-seite"))),
			`Der Alias "alte-seite" beginnt nicht mit /; schreiben Sie den alten Pfad ab der Wurzel der Website, etwa /alte-seite`},
		{"alias", diag.Errorf("content/a.md", 3, "%v", must(redirect.CheckAlias("/"))), "Der Alias / ist die Adresse der Startseite"},
		{"PRIIPs", diag.Errorf("content/site.yaml", 3, "%v", must(product.PRIIPsFor("fr"))),
			"Die Produktseiten haben keinen geprüften PRIIP-Wortlaut auf Französisch (es gibt Tabellen für de, en): Die Texte zu Risiko, Kosten und Szenarien dieser Sprache sind eine Tabelle in generator/product/priips_fr.go, geprüft an der Vorlage des Basisinformationsblatts in dieser Sprache"},
		{"page", pageDs[0], "Die Datei hat 9 MB; die Grenze für eine Markdown-Seite ist 8 MB — teilen Sie sie auf mehrere Seiten auf"},
		{"data", diag.Errorf("content/data/gross.csv", 0, "%v", must(data.ReadFile(files, "content/data/gross.csv"))),
			"Die Datei hat 65 MB; die Grenze für eine Datendatei ist 64 MB"},
		{"video", diag.Errorf("content/a.md", 0, "cannot render the video: %v", video.RenderPlayer(nil, video.Player{Title: "Kosten"}, nil)),
			`Das Video kann nicht dargestellt werden: Das Video "Kosten" hat keine Quelle`},
		{"poster", diag.Warnf("content/a.md", 4, "no poster frame could be taken from %s (%v): the page shows a drawn placeholder", "film.mp4",
			must((&stillframe.Extractor{Path: fake}).Frame("film.mp4", 0))),
			"Aus film.mp4 ließ sich kein Vorschaubild gewinnen (" + fake + " hat kein PNG-Bild geschrieben): Die Seite zeigt einen gezeichneten Platzhalter"},
	} {
		if got := tc.d.Localize("de").Message; got != tc.german {
			t.Errorf("%s: the German message is\n\t%s\nwant\n\t%s", tc.area, got, tc.german)
		}
	}
}
