package pipeline

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// navLinks are the links of the page's element with the class (the
// header's nav or the footer), as "href text" with " *" for the one marked
// as the current page.
func navLinks(t *testing.T, page, class string) []string {
	t.Helper()
	block := regexp.MustCompile(`(?s)<(?:header|footer) class="` + class + `">.*?</(?:header|footer)>`).FindString(page)
	if block == "" {
		t.Fatalf("no %s in the page", class)
	}
	var out []string
	for _, m := range regexp.MustCompile(`<a href="([^"]*)"( aria-current="page")?>([^<]*)</a>`).FindAllStringSubmatch(block, -1) {
		l := m[1] + " " + m[3]
		if m[2] != "" {
			l += " *"
		}
		out = append(out, l)
	}
	return out
}

// wantErrors fails unless the build failed with every message of wants
// (each a part of one line of joinDiags).
func wantErrors(t *testing.T, res *Result, wants ...string) {
	t.Helper()
	if !res.Diagnostics.HasErrors() {
		t.Fatal("the build must fail")
	}
	got := joinDiags(res)
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func menuSite() map[string]string {
	files := minimalSite()
	files["content/site.yaml"] = `title: Testbank
baseURL: https://bank.test/klartext/
language: de
menus:
  main:
    - pageRef: docs/_index.md
      weight: 20
    - name: Konto
      url: https://konto.bank.test/
      weight: 30
  footer:
    - pageRef: glossar.md
      name: Begriffe
      weight: 10
    - url: /docs/preise.pdf
      name: Preise
      weight: 30
`
	files["content/ueber-uns.md"] = "---\ntitle: Über uns\nmenu:\n  main: {weight: 10}\n  footer: {weight: 20, name: Wir}\n---\nText.\n"
	return files
}

// TestMenusFromSettingsAndFrontMatter: site.yaml's menus and a page's
// menu: make the header and the footer, ordered by weight, below the base
// path, the page's own entries marked as the current page.
func TestMenusFromSettingsAndFrontMatter(t *testing.T) {
	root := writeSite(t, menuSite())
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.Len() != 0 {
		t.Fatal(joinDiags(res))
	}
	info := read(t, filepath.Join(dest, "docs", "info", "index.html"))
	if got, want := strings.Join(navLinks(t, info, "site-header"), "|"),
		"/klartext/ueber-uns/ Über uns|/klartext/docs/ Dokumente *|https://konto.bank.test/ Konto"; got != want {
		t.Errorf("header of a page in docs/:\n got %s\nwant %s", got, want)
	}
	if got, want := strings.Join(navLinks(t, info, "site-footer"), "|"),
		"/klartext/glossar/ Begriffe|/klartext/ueber-uns/ Wir|/klartext/docs/preise.pdf Preise|/klartext/feed.xml Neuigkeiten als Feed"; got != want {
		t.Errorf("footer:\n got %s\nwant %s", got, want)
	}
	glossar := read(t, filepath.Join(dest, "glossar", "index.html"))
	if got := navLinks(t, glossar, "site-footer"); got[0] != "/klartext/glossar/ Begriffe *" {
		t.Errorf("the glossary's footer link is not marked: %v", got)
	}
	if strings.Contains(strings.Join(navLinks(t, glossar, "site-header"), "|"), "*") {
		t.Errorf("a page in no menu marks a header entry: %v", navLinks(t, glossar, "site-header"))
	}
}

// TestWithoutMenusTheHeaderShowsTheSections: a site without menus: keeps
// the default navigation (the page kinds' sections and the topics page)
// and a footer with the feed only.
func TestWithoutMenusTheHeaderShowsTheSections(t *testing.T) {
	files := minimalSite()
	files["content/stories/_index.md"] = "---\ntitle: Geschichten\n---\n"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.Len() != 0 {
		t.Fatal(joinDiags(res))
	}
	page := read(t, filepath.Join(dest, "stories", "index.html"))
	if got, want := strings.Join(navLinks(t, page, "site-header"), "|"), "/stories/ Geschichten *|/topics/ Themen"; got != want {
		t.Errorf("header:\n got %s\nwant %s", got, want)
	}
	if got, want := strings.Join(navLinks(t, page, "site-footer"), "|"), "/feed.xml Neuigkeiten als Feed"; got != want {
		t.Errorf("footer:\n got %s\nwant %s", got, want)
	}
}

// TestMenuEntryErrors: every menu entry is checked like a link, each
// error at the entry's file and line.
func TestMenuEntryErrors(t *testing.T) {
	files := menuSite()
	files["content/site.yaml"] = `title: Testbank
baseURL: https://bank.test/
language: de
menus:
  main:
    - pageRef: glosar.md
  footer:
    - url: /preise/
      name: Preise
  side:
    - pageRef: glossar.md
`
	files["content/docs/info.md"] = "---\ntitle: Info\nmenu: fußzeile\n---\nText.\n"
	root := writeSite(t, files)
	res := build(t, root, filepath.Join(root, "public"))
	wantErrors(t, res,
		"content/site.yaml:6: the menu entry names glosar.md, and there is no such page",
		"did you mean glossar.md?",
		"content/site.yaml:8: the menu entry's url /preise/ is no page or file of this site",
		`content/site.yaml:10: there is no menu "side"`,
		`content/docs/info.md:3: there is no menu "fußzeile"`,
	)
}
