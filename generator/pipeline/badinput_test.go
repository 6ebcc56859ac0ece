package pipeline

// A catalogue of broken, hostile and huge input. Each bad case builds a good
// site first, breaks it, and checks three things: the exact diagnostic
// (file, line, message and what to do), that the build failed, and that the
// previous output is byte-for-byte what the good build wrote.

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/content"
)

// refused builds minimalSite into public/, calls change to break the site,
// builds again and checks that the build failed with exactly want among its
// errors and left the previous output as it was.
func refused(t *testing.T, change func(root string), want string) *Result {
	t.Helper()
	root := writeSite(t, minimalSite())
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatalf("first build: %v", res.Diagnostics.All())
	}
	before := tree(t, dest)
	change(root)
	res := build(t, root, dest)
	if !res.Diagnostics.HasErrors() {
		t.Fatalf("the build must fail; diagnostics: %v", res.Diagnostics.All())
	}
	found := false
	for _, e := range res.Diagnostics.Errors() {
		if e.Error() == want {
			found = true
		}
	}
	if !found {
		t.Errorf("want the error\n  %s\ngot\n  %s", want, strings.TrimSpace(strings.ReplaceAll(joinDiags(res), "\n", "\n  ")))
	}
	if after := tree(t, dest); after != before {
		t.Errorf("the previous output changed:\n%s\n---\n%s", before, after)
	}
	if left, _ := filepath.Glob(filepath.Join(root, ".klartext-staging-*")); len(left) != 0 {
		t.Errorf("staging folder left behind: %v", left)
	}
	return res
}

// put returns a change that writes one file below the site root.
func put(t *testing.T, file, text string) func(root string) {
	return func(root string) {
		full := filepath.Join(root, filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// builds checks that a site with the extra files builds without errors and
// returns the result and the destination.
func builds(t *testing.T, extra map[string]string) (*Result, string) {
	t.Helper()
	files := minimalSite()
	for p, c := range extra {
		files[p] = c
	}
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() {
		t.Fatalf("the build must succeed: %v", res.Diagnostics.All())
	}
	return res, dest
}

// --- front matter ---

func TestBadInputMalformedYAML(t *testing.T) {
	refused(t, put(t, "content/kaputt.md", "---\ntitle: X\ntopics: [kosten\n---\nText\n"),
		"content/kaputt.md:3: malformed YAML: did not find expected ',' or ']' — "+
			"check the indentation, the colon after each key, and quote values that contain a colon")
}

func TestBadInputMalformedTOML(t *testing.T) {
	refused(t, put(t, "content/kaputt.md", "+++\ntitle = \"X\"\ndate = morgen\n+++\nText\n"),
		`content/kaputt.md:3: malformed TOML: expected value but found "morgen" instead — `+
			`quote text values (title = "…") and write dates as 2026-03-01`)
}

func TestBadInputMalformedJSON(t *testing.T) {
	refused(t, put(t, "content/kaputt.md", "{\n  \"title\": \"X\"\n  \"draft\": false\n}\n\nText\n"),
		`content/kaputt.md:3: malformed JSON: invalid character '"' after object key:value pair — `+
			`check the commas between entries and the quotes around keys and text`)
}

func TestBadInputUnclosedFrontMatter(t *testing.T) {
	refused(t, put(t, "content/kaputt.md", "---\ntitle: X\n\nText without an end of the front matter.\n"),
		"content/kaputt.md:1: front matter opened with --- is never closed — add a line with only --- after the last key")
}

func TestBadInputBOMBeforeFrontMatterWorks(t *testing.T) {
	res, dest := builds(t, map[string]string{"content/bom.md": "\xef\xbb\xbf---\ntitle: Mit BOM\n---\nText.\n"})
	if n := res.Site.BySource["content/bom.md"]; n == nil || n.Title != "Mit BOM" {
		t.Fatalf("the front matter after a BOM must be read: %+v", n)
	}
	if !strings.Contains(read(t, filepath.Join(dest, "bom/index.html")), "Mit BOM") {
		t.Error("page title missing")
	}
}

func TestBadInputCRLFWorksAndKeepsLines(t *testing.T) {
	good := "---\r\ntitle: Windows\r\ntopics:\r\n  - kosten\r\n---\r\nErster Absatz.\r\n\r\nZweiter.\r\n"
	res, _ := builds(t, map[string]string{"content/win.md": good})
	n := res.Site.BySource["content/win.md"]
	if n == nil || n.Title != "Windows" || !reflect.DeepEqual(n.Topics, []string{"kosten"}) || n.BodyLine != 6 {
		t.Fatalf("CRLF front matter misread: %+v", n)
	}
	// A later error in a CRLF file names the right lines.
	bad := "---\r\ntitle: Windows\r\nlastmod: gestern\r\n---\r\nErster Absatz.\r\n\r\nSiehe [dort](fehlt.md).\r\n"
	res = refused(t, put(t, "content/win.md", bad),
		`content/win.md:7: the link "fehlt.md" points to a page that does not exist (content/fehlt.md) — `+
			`check the file name and the ../ steps; links are relative to this file's folder`)
	want := `content/win.md:3: lastmod must be a date like 2026-03-01, got "gestern"`
	if !strings.Contains(joinDiags(res), want+"\n") {
		t.Errorf("want %s in\n%s", want, joinDiags(res))
	}
}

func TestBadInputWrongType(t *testing.T) {
	refused(t, put(t, "content/kaputt.md", "---\ntitle: X\ndate: tomorrow\n---\n"),
		`content/kaputt.md:3: date must be a date like 2026-03-01, got "tomorrow"`)
}

func TestBadInputUnknownKeySuggestsClosest(t *testing.T) {
	refused(t, put(t, "content/kaputt.md", "---\ntitle: X\ndescripton: Y\n---\n"),
		`content/kaputt.md:3: unknown front matter key "descripton" for a page — did you mean description?`)
}

// --- files ---

func TestBadInputInvalidUTF8(t *testing.T) {
	refused(t, put(t, "content/latin1.md", "---\ntitle: X\n---\nZeile vier.\nGr\xfc\xdfe aus K\xf6ln\n"),
		"content/latin1.md:5: the file is not valid UTF-8 text — "+
			"save it as UTF-8 in your editor (it may have been written as Latin-1 or Windows-1252)")
}

func TestBadInputEmptyFile(t *testing.T) {
	refused(t, put(t, "content/leer.md", ""),
		"content/leer.md: the file is empty — add front matter with at least a title, or delete the file")
}

// TestBadInputHugeMarkdown writes a sparse 50 MB file (cheap on disk) and
// checks it is refused by its size, before being read: the build must not
// allocate anywhere near the file's size.
func TestBadInputHugeMarkdown(t *testing.T) {
	var before, after runtime.MemStats
	res := refused(t, func(root string) {
		f, err := os.Create(filepath.Join(root, "content", "riesig.md"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("---\ntitle: Riesig\n---\n"); err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(50 << 20); err != nil {
			t.Fatal(err)
		}
		f.Close()
		runtime.GC()
		runtime.ReadMemStats(&before)
	}, "content/riesig.md: the file has 50 MB; the limit for a Markdown page is 8 MB — split it into several pages")
	runtime.ReadMemStats(&after)
	if grown := after.TotalAlloc - before.TotalAlloc; grown > content.MaxMarkdownBytes {
		t.Errorf("the build allocated %d MB: the huge file was read", grown>>20)
	}
	_ = res
}

func TestBadInputSymlinkOutsideSite(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "geheim.md")
	if err := os.WriteFile(secret, []byte("---\ntitle: Intern\n---\nGehalt.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	real, err := filepath.EvalSymlinks(secret)
	if err != nil {
		t.Fatal(err)
	}
	refused(t, func(root string) {
		if err := os.Symlink(secret, filepath.Join(root, "content", "intern.md")); err != nil {
			t.Fatal(err)
		}
	}, "content/intern.md: symbolic link points outside the content folder (to "+real+") — "+
		"copy the file into content/; links out of the site are refused so that nothing private is published")
}

func TestBadInputSymlinkLoop(t *testing.T) {
	watchdog := time.AfterFunc(20*time.Second, func() { panic("the build hangs on a symlink loop") })
	defer watchdog.Stop()
	refused(t, func(root string) {
		c := filepath.Join(root, "content")
		if err := os.Symlink("schleife-b.md", filepath.Join(c, "schleife-a.md")); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("schleife-a.md", filepath.Join(c, "schleife-b.md")); err != nil {
			t.Fatal(err)
		}
		// A folder linking to its parent must not be walked forever either.
		if err := os.Symlink("..", filepath.Join(c, "docs", "hoch")); err != nil {
			t.Fatal(err)
		}
	}, "content/schleife-a.md: the symbolic link loops (following it leads back to a link already followed) — "+
		"replace the link by the file itself")
}

func TestBadInputTwoFilesOneURL(t *testing.T) {
	refused(t, func(root string) {
		put(t, "content/a b.md", "---\ntitle: A\n---\n")(root)
		put(t, "content/a-b.md", "---\ntitle: B\n---\n")(root)
	}, "content/a-b.md: this page and content/a b.md both map to the URL /a-b/ — rename one of the files")
}

func TestBadInputSpacesAndUmlautsInNames(t *testing.T) {
	res, dest := builds(t, map[string]string{
		"content/Über uns.md":                    "---\ntitle: Über uns\n---\nSiehe [Straße](<Große Straße/Öffnungszeiten.md>).\n",
		"content/Große Straße/_index.md":         "---\ntitle: Filiale\n---\n",
		"content/Große Straße/Öffnungszeiten.md": "---\ntitle: Öffnungszeiten\n---\n",
	})
	for src, url := range map[string]string{
		"content/Über uns.md":                    "/über-uns/",
		"content/Große Straße/Öffnungszeiten.md": "/große-straße/öffnungszeiten/",
	} {
		if n := res.Site.BySource[src]; n == nil || n.URL != url {
			t.Errorf("%s: want URL %s, got %+v", src, url, n)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "über-uns", "index.html")); err != nil {
		t.Error(err)
	}
	// goldmark percent-encodes non-ASCII in link destinations; browsers
	// show the address with its Umlauts.
	if page := read(t, filepath.Join(dest, "über-uns", "index.html")); !strings.Contains(page, `href="/gro%C3%9Fe-stra%C3%9Fe/%C3%B6ffnungszeiten/"`) {
		t.Error("the link to a page with Umlauts in its path must resolve")
	}
}

func TestBadInputBrokenSymlink(t *testing.T) {
	refused(t, func(root string) {
		if err := os.Symlink("weg.md", filepath.Join(root, "content", "verwaist.md")); err != nil {
			t.Fatal(err)
		}
	}, "content/verwaist.md: the symbolic link is broken: weg.md does not exist — replace the link by the file itself")
}

// --- data ---

// TestBadInputGermanExcelCSV documents the decision on CSV files as German
// Excel saves them ("CSV UTF-8" with a byte order mark, ";" as separator
// because "," is the decimal separator): such a file is accepted as it is.
// The BOM is dropped (it would otherwise stick to the first column's name),
// ";" is recognised from a header line with semicolons and no commas, and
// the values stay text exactly as written ("2,10"): a generic data file has
// no schema saying which columns are numbers, and templates print them in
// the site's German formatting anyway. Domain files that do have a schema
// (products.csv) convert decimal commas themselves, using CSVReader's
// semicolon flag.
func TestBadInputGermanExcelCSV(t *testing.T) {
	res, _ := builds(t, map[string]string{
		"content/data/konditionen.csv": "\xef\xbb\xbfProdukt;Zins;Laufzeit\r\nTagesgeld;2,10;\r\n\"Festgeld; 2 Jahre\";2,75;24\r\n",
	})
	want := []map[string]string{
		{"Produkt": "Tagesgeld", "Zins": "2,10", "Laufzeit": ""},
		{"Produkt": "Festgeld; 2 Jahre", "Zins": "2,75", "Laufzeit": "24"},
	}
	if got := res.Site.Data["konditionen"]; !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v", got)
	}
}

func TestBadInputTwoDataFilesOneName(t *testing.T) {
	// minimalSite has content/data/zinsen.yaml.
	refused(t, put(t, "content/data/zinsen.csv", "tagesgeld\n2.1\n"),
		"content/data/zinsen.yaml: this file and content/data/zinsen.csv both want the name .Data.zinsen — "+
			"rename one of them; templates could only see one")
	refused(t, put(t, "content/data/zinsen/2026.yaml", "tagesgeld: 2.2\n"),
		"content/data/zinsen.yaml: this file and content/data/zinsen/2026.yaml both want the name .Data.zinsen — "+
			"rename one of them; templates could only see one")
}

func TestBadInputCSVRowLength(t *testing.T) {
	refused(t, put(t, "content/data/tabelle.csv", "a,b\n1,2\n3\n4,5\n"),
		"content/data/tabelle.csv:3: this row has 1 value, but the header names 2 columns — "+
			"check for a missing or extra separator, or a value with a comma that needs quotes")
}

func TestBadInputYAMLDuplicateKey(t *testing.T) {
	refused(t, put(t, "content/data/filialen.yaml", "berlin:\n  strasse: Unter den Linden 1\nhamburg:\n  strasse: Jungfernstieg 2\nberlin:\n  strasse: Alexanderplatz 3\n"),
		`content/data/filialen.yaml:5: the key "berlin" is given twice (first on line 1) — remove or rename one of them`)
}

func TestBadInputMalformedJSONData(t *testing.T) {
	refused(t, put(t, "content/data/kurse.json", "{\n  \"dax\": 18000,\n  \"mdax\": 26000\n  \"sdax\": 14000\n}\n"),
		`content/data/kurse.json:4: malformed JSON: invalid character '"' after object key:value pair — `+
			`check the commas between entries and the quotes around keys and text`)
}

// --- references ---

func TestBadInputLinkLeavesContent(t *testing.T) {
	refused(t, put(t, "content/docs/neugierig.md", "---\ntitle: X\n---\n\nSiehe [hier](../../../etc/passwd.md).\n"),
		`content/docs/neugierig.md:5: the link "../../../etc/passwd.md" leads outside the content folder — link to a file inside content/`)
}

func TestBadInputDestIsSiteRoot(t *testing.T) {
	root := writeSite(t, minimalSite())
	before := tree(t, root)
	for _, dest := range []string{root, root + "/.", filepath.Join(root, "content", ".."), filepath.Dir(root)} {
		_, err := Build(Options{Source: root, Dest: dest})
		want := "refusing to use " + filepath.Clean(dest) + " as the destination: it holds the site's own sources, " +
			"which replacing it would delete; choose a --dest outside the site, or the default <source>/public"
		if err == nil || err.Error() != want {
			t.Errorf("--dest %s: want %q, got %v", dest, want, err)
		}
	}
	if after := tree(t, root); after != before {
		t.Error("the site was changed")
	}
}

func TestBadInputDestInsideContent(t *testing.T) {
	root := writeSite(t, minimalSite())
	before := tree(t, root)
	dest := filepath.Join(root, "content", "public")
	_, err := Build(Options{Source: root, Dest: dest})
	want := "refusing to use " + dest + " as the destination: it is inside the content folder, so the next build " +
		"would publish the output as content; choose a --dest outside content/"
	if err == nil || err.Error() != want {
		t.Errorf("want %q, got %v", want, err)
	}
	if after := tree(t, root); after != before {
		t.Error("the site was changed")
	}
}

func TestBadInputDestIsFilesystemRoot(t *testing.T) {
	root := writeSite(t, minimalSite())
	_, err := Build(Options{Source: root, Dest: "/"})
	want := "refusing to use / as the destination: it holds the site's own sources, which replacing it would delete; " +
		"choose a --dest outside the site, or the default <source>/public"
	if err == nil || err.Error() != want {
		t.Errorf("want a refusal, got %v", err)
	}
}

func TestBadInputDestNotMadeByKlartext(t *testing.T) {
	root := writeSite(t, minimalSite())
	dest := filepath.Join(t.TempDir(), "dokumente")
	put(t, "steuer.pdf", "wichtig")(dest)
	put(t, "fotos/urlaub.jpg", "jpeg")(dest)
	before := tree(t, dest)
	_, err := Build(Options{Source: root, Dest: dest})
	want := "the destination " + dest + " is not empty and was not written by klartext (no .klartext-output in it); " +
		"choose another --dest or empty it — klartext replaces its destination as a whole"
	if err == nil || err.Error() != want {
		t.Errorf("want %q, got %v", want, err)
	}
	if after := tree(t, dest); after != before {
		t.Error("files in the foreign folder were changed")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".klartext-*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestBadInputYAMLAliasBomb: a few hundred bytes of aliases that expand to
// billions of values ("billion laughs") must be refused, not expanded.
func TestBadInputYAMLAliasBomb(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		bomb += n + ": &" + n + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = n
	}
	refused(t, put(t, "content/data/lachen.yaml", bomb),
		"content/data/lachen.yaml:1: malformed data: document contains excessive aliasing")
}

// TestBadInputDeepNesting: nesting deep enough to exhaust a recursive
// parser is refused with a message.
func TestBadInputDeepNesting(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n"
	refused(t, put(t, "content/data/tief.json", deep),
		"content/data/tief.json:1: malformed JSON: invalid character '[' exceeded max depth — check the commas between entries and the quotes around keys and text")
}

// The feedback export's optional columns: an answer before its message, an
// answer without its day, a public flag that is neither yes nor no.
func TestBadInputFeedbackAnswers(t *testing.T) {
	const header = "page,date,kind,costs,transparency,conditions,service,interaction,comment,public,answer,answered\n"
	refused(t, put(t, "content/data/feedback.csv", header+"/,2026-03-05,criticism,,,,,,teuer,yes,Gesenkt.,2026-03-01\n"),
		"content/data/feedback.csv:2:48: answered 2026-03-01 is before the message's date 2026-03-05 — check both dates")
	refused(t, put(t, "content/data/feedback.csv", header+"/,2026-03-05,criticism,,,,,,teuer,yes,Gesenkt.,\n"),
		"content/data/feedback.csv:2:39: the row has an answer but no answered date — write the day of the answer into the column answered")
	refused(t, put(t, "content/data/feedback.csv", header+"/,2026-03-05,criticism,,,,,,teuer,vielleicht,,\n"),
		"content/data/feedback.csv:2:35: public \"vielleicht\" is neither yes nor no — write yes to show the comment on its page, no or nothing to keep it internal")
}

// A feedback row dated after the build's day is no error: the build
// succeeds, warns naming the row, and counts it nowhere.
func TestBadInputFeedbackFromTheFuture(t *testing.T) {
	files := minimalSite()
	files["content/data/feedback.csv"] = "page,date,kind,costs,transparency,conditions,service,interaction,comment\n" +
		"/,2026-11-26,praise,,,,,,heute\n/,2026-11-27,criticism,,,,,,morgen\n"
	root := writeSite(t, files)
	res := build(t, root, filepath.Join(root, "public"))
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	var got []string
	for _, d := range res.Diagnostics.Warnings() {
		if strings.HasPrefix(d.File, "content/data/feedback.csv") {
			got = append(got, d.Error())
		}
	}
	want := "content/data/feedback.csv:3: warning: feedback dated 2026-11-27 is after the build's date 2026-11-26: left out of the balance — correct the date in the export (or in the feedback service's clock)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("warnings %q\nwant %q", got, want)
	}
	page, err := os.ReadFile(filepath.Join(root, "public", "feedback", "index.html"))
	if err != nil || !strings.Contains(string(page), "1 × Lob, 0 × Kritik") {
		t.Errorf("the row from the future is counted: %v", err)
	}
}

// A site theme's scripts.yaml that names no file of the theme is an error
// at that file and line, with what to write.
func TestBadScriptsFileNamesItsLine(t *testing.T) {
	refused(t, put(t, "themes/klartext/scripts.yaml", "/js/charts.js:\n  echarts: /js/nope.js\n"),
		"themes/klartext/scripts.yaml:2: the theme has no file static/js/nope.js — each script's path, below it name: file for each file it loads (see the default theme's scripts.yaml)")
}
