package locale_test

// Issue #20 asked whether golang.org/x/text should format the site's
// numbers instead of this package's hand-written rules, if it gives the
// same strings on every figure the demo shows. These tests measure that
// on the demo's built pages (TestXTextAgainstTheDemosFigures) and the
// cost of each (BenchmarkFormat*). The answer, in the README under
// "Numbers": it does not give the same strings, so locale stays.

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/sitetest"
)

// figure is a number as a page shows it, and what it is.
type figure struct {
	text     string // as on the page: "1.234,56 €", "0,85 %", "−3,20 %"
	kind     string // money, percent
	value    float64
	decimals int
}

// germanFigure matches a money amount or a percentage in the German
// demo's text: the figures locale formats on product, comparison and
// feedback pages.
var germanFigure = regexp.MustCompile(`(−?)(\d{1,3}(?:\.\d{3})*)(?:,(\d+))?\x{a0}(€|%)`)

func demoFigures(t *testing.T) []figure {
	t.Helper()
	root := sitetest.CopyDemo(t, filepath.Join("..", ".."))
	dest := filepath.Join(root, "public")
	res, err := pipeline.Build(pipeline.Options{Source: root, Dest: dest})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("the demo does not build: %v %v", err, res.Diagnostics.Errors())
	}
	seen := map[string]bool{}
	var out []figure
	_ = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range germanFigure.FindAllStringSubmatch(string(b), -1) {
			if seen[m[0]] {
				continue
			}
			seen[m[0]] = true
			digits := strings.ReplaceAll(m[2], ".", "") + "." + m[3]
			v, _ := strconv.ParseFloat(strings.TrimSuffix(digits, "."), 64)
			if m[1] != "" {
				v = -v
			}
			f := figure{text: m[0], kind: "percent", value: v, decimals: len(m[3])}
			if m[4] == "€" {
				f.kind = "money"
			}
			out = append(out, f)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].text < out[j].text })
	return out
}

var german = message.NewPrinter(language.German)

// xtext formats f as golang.org/x/text does for German.
func xtext(f figure) string {
	switch f.kind {
	case "money":
		return german.Sprint(currency.Symbol(currency.EUR.Amount(f.value)))
	default: // a percentage given in percent, as locale.Percent takes it
		return german.Sprint(number.Percent(f.value/100, number.Scale(f.decimals)))
	}
}

func ours(f figure) string {
	de := locale.For("de")
	if f.kind == "money" {
		return de.Money(f.value, "EUR")
	}
	return de.Percent(f.value, f.decimals)
}

// Every figure of the demo is what locale writes; x/text writes some of
// them differently — the measure behind keeping locale. If x/text ever
// writes all of them alike, the decision is to be made again.
func TestXTextAgainstTheDemosFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the demo")
	}
	figs := demoFigures(t)
	if len(figs) < 20 {
		t.Fatalf("only %d figures found on the demo's pages: %v", len(figs), figs)
	}
	differ := map[string][]string{}
	for _, f := range figs {
		if got := ours(f); got != f.text {
			t.Errorf("locale writes %v as %q, the page shows %q", f.value, got, f.text)
		}
		x := xtext(f)
		if x != f.text {
			differ[f.kind] = append(differ[f.kind], f.text+" → "+x)
		}
		// The README's reasons: x/text writes every amount and every
		// negative percentage otherwise.
		if x == f.text && (f.kind == "money" || f.value < 0) {
			t.Errorf("x/text writes %q as locale does: the README's reason for keeping locale is no longer true", f.text)
		}
	}
	n := 0
	for kind, ds := range differ {
		n += len(ds)
		t.Logf("%s: x/text writes %d of the demo's figures otherwise, e.g. %s", kind, len(ds), strings.Join(ds[:min(3, len(ds))], "; "))
	}
	t.Logf("%d figures, %d written otherwise by x/text", len(figs), n)
	if len(differ["money"]) == 0 || len(differ["percent"]) == 0 {
		t.Errorf("the demo shows no amount or no negative percentage to compare: %v", differ)
	}
}

func BenchmarkFormatLocale(b *testing.B) {
	de := locale.For("de")
	for i := 0; b.Loop(); i++ {
		_ = de.Money(float64(i%100000)/100, "EUR")
		_ = de.Percent(float64(i%1000)/100, 2)
	}
}

func BenchmarkFormatXText(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		_ = german.Sprint(currency.Symbol(currency.EUR.Amount(float64(i%100000) / 100)))
		_ = german.Sprint(number.Percent(float64(i%1000)/10000, number.Scale(2)))
	}
}
