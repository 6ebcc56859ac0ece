package pipeline

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/emersion/go-vcard"
)

// hostile is text an editor or an export might contain; it must reach every
// output as text, never as markup or script.
const hostile = `Böse </script><script>alert("x")</script> {{.Site}} javascript:alert(1) & 'q'`

// TestHostileTextIsEscapedEverywhere puts the hostile text into a page
// title, a product name, an advisor's name and a data value, and checks
// every kind of output: the HTML pages, the chart options, the JSON-LD, the
// feeds, the sitemap and the vCard.
func TestHostileTextIsEscapedEverywhere(t *testing.T) {
	root := copyDemo(t)
	yamlValue := strings.ReplaceAll(hostile, `"`, `\"`)
	edit(t, root, "content/stories/der-erste-etf.md", "title: ", `title: "`+yamlValue+`"`+"\ntitel_alt: ")
	edit(t, root, "content/stories/der-erste-etf.md", "\ntitel_alt: ", "\n# ")
	edit(t, root, "content/data/products.csv", "Rheintal Mischfonds Ausgewogen", `"`+strings.ReplaceAll(hostile, `"`, `""`)+`"`)
	edit(t, root, "content/products/mischfonds-ausgewogen.md", `title: "Rheintal Mischfonds Ausgewogen"`, "")
	edit(t, root, "content/advisors/lea-hoffmann.md", "name: ", `name: "`+yamlValue+`"`+"\n# ")
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	scriptTag := regexp.MustCompile(`<script>alert`)
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := string(b)
		rel, _ := filepath.Rel(dest, p)
		// A vCard is text, not markup; it is read back below.
		if !strings.HasSuffix(p, ".vcf") && scriptTag.MatchString(s) {
			t.Errorf("%s: the hostile text appears as markup", rel)
		}
		if strings.Contains(s, "Böse") && strings.Contains(s, `href="javascript:`) {
			t.Errorf("%s: a javascript: link", rel)
		}
		switch {
		case strings.HasSuffix(p, ".json"):
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Errorf("%s: not valid JSON: %v", rel, err)
			}
		case strings.HasSuffix(p, ".xml"):
			if err := xml.Unmarshal(b, new(struct{})); err != nil {
				t.Errorf("%s: not well-formed XML: %v", rel, err)
			}
		case strings.HasSuffix(p, ".html"):
			for _, m := range regexp.MustCompile(`(?s)<script type="application/(?:ld\+)?json"[^>]*>(.*?)</script>`).FindAllStringSubmatch(s, -1) {
				var v any
				if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
					t.Errorf("%s: a JSON block does not parse (broken out of?): %v", rel, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The text arrives intact where it belongs: in the search's fragment
	// of the product, too.
	if !searchFragmentHas(t, dest, "/products/mischfonds-ausgewogen/", hostile) {
		t.Error("the product's search fragment does not carry its name as text")
	}
	product := read(t, filepath.Join(dest, "products", "mischfonds-ausgewogen", "index.html"))
	if !strings.Contains(product, "Böse &lt;/script&gt;&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; {{.Site}}") {
		t.Error("the product name is not shown as text")
	}
	comparison := read(t, filepath.Join(dest, "products", "index.html"))
	if !strings.Contains(comparison, `Böse \u003c/script\u003e\u003cscript\u003ealert(\"x\")`) {
		t.Error("the comparison chart's options do not carry the escaped name")
	}
	advisor := read(t, filepath.Join(dest, "advisors", "lea-hoffmann", "index.html"))
	ld := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(advisor)
	var person struct{ Name string }
	if ld == nil || json.Unmarshal([]byte(ld[1]), &person) != nil || person.Name != hostile {
		t.Errorf("JSON-LD does not carry the name as data: %v", ld)
	}
	f, err := os.Open(filepath.Join(dest, "advisors", "lea-hoffmann", "lea-hoffmann.vcf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	card, err := vcard.NewDecoder(f).Decode()
	if err != nil || card.PreferredValue(vcard.FieldFormattedName) != hostile {
		t.Errorf("vCard: %v %q", err, card.PreferredValue(vcard.FieldFormattedName))
	}
	feed := read(t, filepath.Join(dest, "stories", "feed.xml"))
	if !strings.Contains(feed, "Böse &lt;/script&gt;") {
		t.Error("the feed does not carry the title as text")
	}
}
