package scaffold

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/fileio"
)

func TestCreateRefusesOverwriteAndBadNames(t *testing.T) {
	root := t.TempDir()
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	p, err := Create(root, "product", "etf-welt", today)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	// A draft with the review keys empty: nobody has reviewed it yet.
	for _, want := range []string{"product: etf-welt", "\ndraft: true\n", "\nreviewed:\n", "\nreviewed_by: \"\"\n", "\nvalid_until:\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("scaffold lacks %q: %s", want, b)
		}
	}
	if strings.Contains(string(b), "2026-11-26") || strings.Contains(string(b), "2027-11-26") {
		t.Errorf("scaffold writes a review date nobody wrote: %s", b)
	}
	if _, err := Create(root, "product", "etf-welt", today); err == nil || !strings.Contains(err.Error(), "never overwrites") {
		t.Errorf("overwrite not refused: %v", err)
	}
	for _, bad := range []string{"../x", "a/b", "Anna Schmidt", "", "/etc/x"} {
		if _, err := Create(root, "story", bad, today); err == nil {
			t.Errorf("name %q accepted", bad)
		}
	}
	if _, err := Create(root, "pie", "x", today); err == nil {
		t.Error("unknown kind accepted")
	}
}

// Every kind editors create has its scaffold, and a scaffold is a page of
// its kind that loads without a diagnostic: every key it writes is one the
// kind accepts.
func TestEveryScaffoldIsAPageOfItsKind(t *testing.T) {
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for _, d := range content.Kinds() {
		if d.Folder != "" && d.Scaffold == nil {
			t.Errorf("the kind %s of content/%s/ has no scaffold for klartext new", d.Kind, d.Folder)
		}
		if d.Scaffold == nil {
			continue
		}
		root := t.TempDir()
		p, err := Create(root, d.Scaffold.Name, "neu", today)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, p)
		files, _, err := fileio.Scan(root, "content", nil)
		if err != nil {
			t.Fatal(err)
		}
		page, ds := content.LoadPage(files, filepath.ToSlash(rel))
		if page == nil || len(ds) != 0 || page.Kind != d.Kind {
			t.Errorf("%s: %+v %v", d.Scaffold.Name, page, ds)
		}
	}
}

// TestSiteSettingsCommented: the new site's site.yaml sets every setting
// config knows, each under a comment saying what it is, and parses clean.
func TestSiteSettingsCommented(t *testing.T) {
	for _, lang := range SiteLanguages {
		yaml := siteTexts[lang].settings
		lines := strings.Split(yaml, "\n")
		for _, key := range config.Keys() {
			i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, key+":") })
			if i < 0 {
				t.Errorf("%s: site.yaml does not set %s", lang, key)
				continue
			}
			if i == 0 || !strings.HasPrefix(lines[i-1], "# ") {
				t.Errorf("%s: %s has no comment above it", lang, key)
			}
		}
		s, ds := config.Parse([]byte(yaml))
		if len(ds) != 0 || s.Language != lang {
			t.Errorf("%s: %+v %v", lang, s, ds)
		}
	}
}

func TestCreateSiteRefusesASite(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := CreateSite(dir, "de"); err == nil || !strings.Contains(err.Error(), "never overwrites") {
		t.Errorf("%v", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "content")); len(entries) != 0 {
		t.Errorf("wrote into the existing site: %v", entries)
	}
}
