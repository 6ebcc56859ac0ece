package load

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/shortcut"
	"github.com/klartext/klartext/themes"
)

func defaultStylesheet(t *testing.T) []byte {
	t.Helper()
	css, err := fs.ReadFile(themes.Default, "klartext/static/"+BrandStylesheet)
	if err != nil {
		t.Fatal(err)
	}
	return css
}

// TestBrandContrastAgainstTheTheme: the brand colour is checked against
// the default theme's own colours where it uses it; below WCAG AA is an
// error at brand.color's line naming the ratio and the minimum.
func TestBrandContrastAgainstTheTheme(t *testing.T) {
	css := defaultStylesheet(t)
	for _, tc := range []struct {
		color string
		want  []string
	}{
		{"#0b5c8a", nil},
		{"#000000", nil},
		{"#767676", []string{"4.15:1 with #f3f5f7 as the links' colour on the header's and footer's background"}},
		{"#777777", []string{
			"content/site.yaml:7: the brand colour #777777 has a contrast of 4.47:1 with #ffffff as the links' colour on the page's background; WCAG AA needs at least 4.5:1",
			"4.09:1 with #f3f5f7",
			"4.47:1 with #ffffff as the background of the buttons' text"}},
		{"#ffcc00", []string{"1.", "1.", "1."}},
	} {
		ds := checkBrandContrast(config.Brand{Color: tc.color, ColorLine: 7}, css)
		if len(ds) != len(tc.want) {
			t.Errorf("%s: %v, want %d errors", tc.color, ds, len(tc.want))
			continue
		}
		for i, d := range ds {
			if !strings.Contains(d.Error(), tc.want[i]) || !strings.Contains(d.Error(), "WCAG AA needs at least 4.5:1") {
				t.Errorf("%s: %s, want %s", tc.color, d.Error(), tc.want[i])
			}
		}
	}
}

func TestThemeColor(t *testing.T) {
	css := []byte(":root { --paper: #FFF; --tint:#f3f5f7}\n.x { --paper: #000000; }")
	if c, ok := themeColor(css, "--paper"); !ok || c.String() != "#ffffff" {
		t.Errorf("--paper: %v %v", c, ok)
	}
	if c, ok := themeColor(css, "--tint"); !ok || c.String() != "#f3f5f7" {
		t.Errorf("--tint: %v %v", c, ok)
	}
	if _, ok := themeColor(css, "--accent-ink"); ok {
		t.Error("found a colour the stylesheet does not define")
	}
}

// TestBrandColourInTheStylesheet: the brand colour reaches the pages in
// the theme's stylesheet (hashed with it), and without a brand the
// stylesheet is the theme's, byte for byte.
func TestBrandColourInTheStylesheet(t *testing.T) {
	css := defaultStylesheet(t)
	root := t.TempDir()
	for _, hash := range []bool{true, false} {
		cfg := config.Defaults()
		plain, err := Theme(root, cfg, shortcut.Set(0), hash)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := plain.ReadStatic(BrandStylesheet); !bytes.Equal(got, css) {
			t.Error("without a brand the stylesheet changed")
		}
		cfg.Brand = config.Brand{Color: "#1d6b3a", ColorLine: 4}
		branded, err := Theme(root, cfg, shortcut.Set(0), hash)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := branded.ReadStatic(BrandStylesheet)
		if want := append(append([]byte(nil), css...), ":root { --accent: #1d6b3a; }\n"...); !bytes.HasPrefix(got, css) || !bytes.HasSuffix(got, want[len(css):]) {
			t.Errorf("with a brand the stylesheet ends %q", got[len(css):])
		}
		if !hash {
			continue
		}
		a, b := plain.Assets.Get("/"+BrandStylesheet), branded.Assets.Get("/"+BrandStylesheet)
		if a == nil || b == nil || a.Name == b.Name || !bytes.Equal(b.Data, got) {
			t.Errorf("the hashed stylesheet does not carry the brand: %v %v", a, b)
		}
	}
}
