package content

import (
	"github.com/klartext/klartext/generator/fileio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestTeaser(t *testing.T) {
	long := strings.Repeat("Wort ", 60)
	tests := []struct {
		name, md, want string
	}{
		{"empty", "", ""},
		{"first paragraph, lines joined", "Erster Absatz\nmit zwei Zeilen.\n\nZweiter.\n", "Erster Absatz mit zwei Zeilen."},
		{"heading skipped", "# Titel\n\nDer Text.\n", "Der Text."},
		{"emphasis and links stripped", "Text **fett**, _kursiv_, `Code` und [ein Link](x.md).\n", "Text fett, kursiv, Code und ein Link."},
		{"footnote reference dropped", "Text[^1] weiter.\n\n[^1]: Fußnote\n", "Text weiter."},
		{"a list ends the paragraph", "Text\n- Punkt\n", "Text"},
		{"quote and table before skipped", "> Zitat\n\n| a | b |\n\nText\n", "Text"},
		{"indented lines trimmed", "  Text  \n  weiter\n", "Text weiter"},
		{"cut at a word", long, strings.TrimSpace(strings.Repeat("Wort ", 40)) + " …"},
		{"punctuation before the cut dropped", strings.Repeat("Wort, ", 40), strings.TrimSuffix(strings.Repeat("Wort, ", 33), ", ") + " …"},
		{"no space to cut at", strings.Repeat("x", 250), strings.Repeat("x", 200) + " …"},
		{"characters, not bytes", strings.Repeat("ä", 200), strings.Repeat("ä", 200)},
		{"characters, not bytes, cut", strings.Repeat("ä", 201), strings.Repeat("ä", 200) + " …"},
		{"umlauts cut at a word", strings.Repeat("Größe ", 50), strings.TrimSpace(strings.Repeat("Größe ", 33)) + " …"},
	}
	for _, tt := range tests {
		if got := teaser([]byte(tt.md), TeaserLength); got != tt.want {
			t.Errorf("%s: teaser(%q) = %q, want %q", tt.name, tt.md, got, tt.want)
		}
	}
}

func TestFenceWords(t *testing.T) {
	tests := []struct {
		name, md string
		want     []string
	}{
		{"none", "Text ohne Block.\n", nil},
		{"one", "Text\n\n```chart\ntype: risk\n```\n", []string{"chart"}},
		{"each once, sorted", "```video\n```\n```chart\n```\n```chart\n```\n", []string{"chart", "video"}},
		{"no info word", "```\ncode\n```\n", nil},
		{"first word of the info only", "``` video  Titel\n```\n", []string{"video"}},
		{"tildes", "~~~chart\n~~~\n", []string{"chart"}},
		{"longer fences", "````markdown\n```video\n```\n````\n", []string{"markdown", "video"}},
		{"in a quote and a list", "> ```chart\n> ```\n\n- ```video\n  ```\n", []string{"chart", "video"}},
		{"at the end without a line break", "```video", []string{"video"}},
		{"a longer word is another word", "```videos\n```\n", []string{"videos"}},
		{"code spans of fewer than three", "`a` und ``b``\n", nil},
	}
	for _, tt := range tests {
		if got := fenceWords([]byte(tt.md)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: fenceWords(%q) = %q, want %q", tt.name, tt.md, got, tt.want)
		}
	}
}

// TestLoadPageKeepsNoBody: a loaded page has its teaser and fence words;
// ReadBody gives the body as the renderer sees it (no BOM, LF line breaks)
// and refuses a file that changed since.
func TestLoadPageKeepsNoBody(t *testing.T) {
	files := map[string]string{
		"content/a.md": "\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nErster Absatz\r\nweiter.\r\n\r\n```video\r\nid: x\r\n```\r\n",
		"content/b.md": "---\ntitle: B\ndescription: Eigene Beschreibung\n---\nErster Absatz.\n",
	}
	root, scanned := scanSite(t, files)
	a, ds := LoadPage(scanned, "content/a.md")
	if a == nil || len(ds) > 0 {
		t.Fatalf("a.md: %v", ds)
	}
	if a.Teaser != "Erster Absatz weiter." || !slices.Equal(a.Fences, []string{"video"}) || !a.HasFence("video") || a.HasFence("chart") {
		t.Errorf("a.md: teaser %q, fences %q", a.Teaser, a.Fences)
	}
	body, err := a.ReadBody(scanned)
	if want := "Erster Absatz\nweiter.\n\n```video\nid: x\n```\n"; err != nil || string(body) != want || a.BodyLine != 4 {
		t.Errorf("a.md: ReadBody = %q, %v (line %d), want %q (line 4)", body, err, a.BodyLine, want)
	}
	b, _ := LoadPage(scanned, "content/b.md")
	if b == nil || b.Teaser != "" || b.Fences != nil {
		t.Errorf("b.md has a description, so no teaser: %+v", b)
	}
	os.WriteFile(filepath.Join(root, "content", "a.md"), []byte(files["content/a.md"]+"Mehr.\n"), 0o644)
	if _, err := a.ReadBody(scanned); err == nil {
		t.Error("ReadBody of a changed file: no error")
	}
	if body, err := (&Page{Kind: KindTopic}).ReadBody(scanned); body != nil || err != nil {
		t.Errorf("a generated page has no body: %q %v", body, err)
	}
}

func TestFencedBlocks(t *testing.T) {
	tests := []struct {
		name, md string
		want     []string
	}{
		{"none", "Text\n", nil},
		{"backticks", "Text\n\n```video\nid: a\n```\nmehr\n", []string{"id: a\n"}},
		{"tildes, space before the word", "~~~ video\nid: b\n~~~\n", []string{"id: b\n"}},
		{"other blocks skipped", "```chart\ntype: costs\n```\n```video\nid: c\n```\n", []string{"id: c\n"}},
		{"a longer closing run", "````video\nid: d\n```\nnoch\n``````\n", []string{"id: d\n```\nnoch\n"}},
		{"the other character does not close", "~~~video\nid: e\n```\n~~~\n", []string{"id: e\n```\n"}},
		{"indented up to three spaces", "   ```video\nid: f\n   ```\n", []string{"id: f\n"}},
		{"four spaces are code, not a fence", "    ```video\nid: g\n    ```\n", nil},
		{"unclosed runs to the end", "```video\nid: h\n", []string{"id: h\n"}},
		{"mid-line is no fence", "Text ```video\nid: i\n```\n", nil},
		{"two blocks", "```video\nid: j\n```\n\n```video\nid: k\n```\n", []string{"id: j\n", "id: k\n"}},
	}
	for _, tt := range tests {
		var got []string
		for _, b := range FencedBlocks([]byte(tt.md), "video") {
			got = append(got, string(b))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestFencedBlockLines: each body's first line, the line after its fence,
// as the Markdown renderer counts it.
func TestFencedBlockLines(t *testing.T) {
	md := "Text\n\n```video\nid: j\n```\n\n~~~ video\n~~~\nmehr\n\n```video\nid: k\nx: 1"
	got := FencedBlockLines([]byte(md), "video")
	want := []Fenced{{4, []byte("id: j\n")}, {8, nil}, {12, []byte("id: k\nx: 1")}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i].Line != want[i].Line || string(got[i].Body) != string(want[i].Body) {
			t.Errorf("%d: got %d %q, want %d %q", i, got[i].Line, got[i].Body, want[i].Line, want[i].Body)
		}
	}
}

// TestReadBodyIntoReusesTheBuffer: ReadBodyInto gives what ReadBody gives,
// read into the caller's memory where the file fits, which it leaves for
// the next page.
func TestReadBodyIntoReusesTheBuffer(t *testing.T) {
	_, scanned := scanSite(t, map[string]string{"content/a.md": "---\ntitle: A\n---\nText von A.\n"})
	a, ds := LoadPage(scanned, "content/a.md")
	if a == nil || len(ds) > 0 {
		t.Fatalf("a.md: %v", ds)
	}
	buf := make([]byte, 0, 4096)
	first := &buf[:1][0]
	body, err := a.ReadBodyInto(&buf, scanned)
	if err != nil || string(body) != "Text von A.\n" {
		t.Fatalf("ReadBodyInto = %q, %v", body, err)
	}
	if &buf[:1][0] != first || cap(buf) != 4096 || len(buf) != 0 {
		t.Errorf("the file was not read into the buffer given (cap %d, len %d)", cap(buf), len(buf))
	}
	var none []byte
	if body, err := a.ReadBodyInto(&none, scanned); err != nil || string(body) != "Text von A.\n" || cap(none) == 0 {
		t.Errorf("into no memory: %q, %v; the memory read into must be left (cap %d)", body, err, cap(none))
	}
}

// scanSite writes files (slash paths from the site root) into a new site
// folder and scans it.
func scanSite(t *testing.T, files map[string]string) (root string, scanned *fileio.Files) {
	t.Helper()
	root = t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	scanned, _, err := fileio.Scan(root, Dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return root, scanned
}
