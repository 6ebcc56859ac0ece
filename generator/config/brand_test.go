package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/fileio"
)

const brandHead = "title: B\nbaseURL: https://b.test/\nlanguage: de\n"

func TestParseBrand(t *testing.T) {
	s, ds := Parse([]byte(brandHead + "brand:\n  name: Musterbank eG\n  logo: brand/logo.png\n  alt: Musterbank\n  color: '#0B5C8A'\n"))
	want := Brand{Name: "Musterbank eG", Logo: "brand/logo.png", LogoAlt: "Musterbank", LogoLine: 6, Color: "#0b5c8a", ColorLine: 8}
	if len(ds) != 0 || s.Brand != want || s.Brand.LogoSource() != "content/brand/logo.png" {
		t.Fatalf("%+v %v", s.Brand, ds)
	}
	if s, ds := Parse([]byte(brandHead)); len(ds) != 0 || s.Brand != (Brand{}) {
		t.Errorf("without brand: %+v %v", s.Brand, ds)
	}
}

func TestParseBrandErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"brand: Musterbank\n", "content/site.yaml:4: brand must be keys and values"},
		{"brand:\n  colour: '#000000'\n", `content/site.yaml:5: unknown setting "colour" in brand — did you mean color?`},
		{"brand:\n  slogan: x\n", `content/site.yaml:5: unknown setting "slogan" in brand`},
		{"brand:\n  color: blue\n", `content/site.yaml:5: brand.color must be a colour like #0b5c8a (# and six hex digits), got "blue"`},
		{"brand:\n  color: '#fff'\n", `content/site.yaml:5: brand.color must be a colour`},
		{"brand:\n  logo: logo.png\n", "content/site.yaml:5: the logo has no alternative text"},
		{"brand:\n  alt: Musterbank\n", "content/site.yaml:5: brand.alt is the logo's alternative text, but brand has no logo"},
		{"brand:\n  logo: /logo.png\n  alt: M\n", `content/site.yaml:5: brand.logo names "/logo.png"`},
		{"brand:\n  logo: ../logo.png\n  alt: M\n", `content/site.yaml:5: brand.logo names "../logo.png"`},
		{"brand:\n  name: [a]\n", "content/site.yaml:5: brand.name must be text"},
	} {
		_, ds := Parse([]byte(brandHead + tc.src))
		if len(ds) != 1 || !strings.HasPrefix(ds[0].Error(), tc.want) {
			t.Errorf("%q: %v, want %s", tc.src, ds, tc.want)
		}
	}
}

func TestLoadChecksTheLogoFile(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content", "brand"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(File, brandHead+"brand:\n  logo: brand/logo.png\n  alt: Musterbank\n")
	load := func() []string {
		files, _, err := fileio.Scan(root, "content", nil)
		if err != nil {
			t.Fatal(err)
		}
		_, ds := Load(files)
		var out []string
		for _, d := range ds {
			out = append(out, d.Error())
		}
		return out
	}
	if got := load(); len(got) != 1 || !strings.HasPrefix(got[0], "content/site.yaml:5: the logo content/brand/logo.png does not exist") {
		t.Errorf("missing logo: %v", got)
	}
	write("content/brand/logo.png", "png")
	if got := load(); len(got) != 0 {
		t.Errorf("with the logo: %v", got)
	}
}
