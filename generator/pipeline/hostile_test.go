package pipeline

// Hostile values for every key: each front matter key of each page kind,
// each product and feedback export column and each site.yaml setting
// (feedback's per provider) gets values an attacker or a careless editor
// would write. Each variant is built; a build that fails must name the
// file, and a build that succeeds must write only outputs that parse —
// HTML (golang.org/x/net/html) without scripts, event handlers or
// javascript: links the theme did not write, XML (encoding/xml), JSON-LD
// (encoding/json), vCards (go-vcard) and the Content-Security-Policy
// (grammar.ParsePolicy). The keys come from the code's own lists, so a new
// key is covered without touching this file.

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-vcard"
	"golang.org/x/net/html"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/feedbackexport"
	"github.com/klartext/klartext/generator/grammar"
	"github.com/klartext/klartext/generator/product"
)

// hostileValues are written into every key in turn.
func hostileValues(short bool) []string {
	vs := []string{
		`<script>alert(1)</script>`,
		`"'><img src=x onerror=alert(1)>`,
		"javascript:alert(1)",
		"a;sandbox, b' 'unsafe-inline",
		"Zeile\n::error file=x::y\r\nSet-Cookie: a=b",
		"nul\x00esc\x1b[2J bidi\u202egnp.exe\u2066",
		"../../../../etc/passwd",
		"</script><!--]]>{{.Site}}",
	}
	if short {
		return vs[:3]
	}
	return append(vs, strings.Repeat("Ä<", 50000), "https://*.evil.example/?q=\"x\"#<y>")
}

// yamlQuote writes s as a YAML double-quoted scalar (the escapes of Go's
// strconv.Quote are YAML's too).
func yamlQuote(s string) string { return strconv.Quote(s) }

// hostilePages are valid pages of each kind with all their keys set;
// variants replace one key's value.
var hostileKinds = map[content.Kind]struct {
	file string
	keys map[string]string // valid values, as YAML
}{
	content.KindPage: {"content/seite.md", map[string]string{}},
	content.KindProduct: {"content/products/fonds.md", map[string]string{"product": "fonds", "advisors": "[anna]",
		"reviewed": "2026-01-02", "reviewed_by": "Anna Berger", "valid_until": "2099-01-01"}},
	content.KindAdvisor: {"content/advisors/anna.md", map[string]string{"name": "Anna Berger", "advice_model": "fee-based", "email": "anna@bank.test"}},
	content.KindStory:   {"content/stories/tag.md", map[string]string{"advisor": "anna", "date": "2026-01-02", "products": "[fonds]"}},
}

var listKeys = map[string]bool{"topics": true, "advisors": true, "languages": true, "specialties": true, "products": true}

func hostileBase() map[string]string {
	files := minimalSite()
	files["content/data/products.csv"] = productRow(nil)
	for _, k := range hostileKinds {
		files[k.file] = frontMatter(k.keys) + "Text.\n"
	}
	return files
}

func frontMatter(keys map[string]string) string {
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("---\ntitle: Titel\n")
	for _, k := range names {
		if k != "title" {
			b.WriteString(k + ": " + keys[k] + "\n")
		}
	}
	b.WriteString("---\n")
	return b.String()
}

var productValid = map[string]string{"id": "fonds", "name": "Fonds", "type": "equity-fund", "sri": "4", "rhp_years": "5",
	"entry_pct": "3", "exit_pct": "0", "ongoing_pct": "1.2", "transaction_pct": "0.1",
	"scenario_stress_pct": "-30", "scenario_unfavourable_pct": "-2", "scenario_moderate_pct": "3", "scenario_favourable_pct": "8"}

// productRow is products.csv with every column and one row; change sets
// one column's value.
func productRow(change map[string]string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	keys := product.Keys()
	row := make([]string, len(keys))
	for i, k := range keys {
		row[i] = productValid[k]
		if v, ok := change[k]; ok {
			row[i] = v
		}
	}
	_ = w.Write(keys)
	_ = w.Write(row)
	w.Flush()
	return b.String()
}

func feedbackRow(col, value string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	cols := feedbackexport.Columns()
	valid := map[string]string{"page": "/glossar/", "date": "2026-01-02", "kind": "praise", "costs": "4", "comment": "Gut"}
	row := make([]string, len(cols))
	for i, c := range cols {
		row[i] = valid[c]
		if c == col {
			row[i] = value
		}
	}
	_ = w.Write(cols)
	_ = w.Write(row)
	w.Flush()
	return b.String()
}

type variant struct {
	key   string // "front matter advisor.email", "products.csv kid_url", …
	files map[string]string
}

func hostileVariants(values []string) []variant {
	var out []variant
	add := func(key string, change func(files map[string]string)) {
		files := hostileBase()
		change(files)
		out = append(out, variant{key, files})
	}
	for kind, page := range hostileKinds {
		for _, key := range content.KeysFor(kind) {
			for _, v := range values {
				keys := map[string]string{}
				for k, val := range page.keys {
					keys[k] = val
				}
				keys[key] = yamlQuote(v)
				if listKeys[key] {
					keys[key] = "[" + yamlQuote(v) + "]"
				}
				add("front matter "+string(kind)+"."+key, func(f map[string]string) { f[page.file] = frontMatter(keys) + "Text.\n" })
			}
		}
	}
	for _, col := range product.Keys() {
		for _, v := range values {
			add("products.csv "+col, func(f map[string]string) { f["content/data/products.csv"] = productRow(map[string]string{col: v}) })
		}
	}
	for _, col := range feedbackexport.Columns() {
		for _, v := range values {
			add("feedback.csv "+col, func(f map[string]string) { f["content/data/feedback.csv"] = feedbackRow(col, v) })
		}
	}
	// Markdown's attribute lists ({lang=…}) pass lang alone: a hostile
	// value in lang or in any other attribute of a heading, a paragraph
	// and a line of its own is refused or reaches no element.
	for _, attr := range []string{"lang", "onclick", "style", "class", "id", "href"} {
		for _, v := range values {
			list := "{" + attr + "=" + yamlQuote(v) + "}"
			add("markdown attribute "+attr, func(f map[string]string) {
				f["content/seite.md"] = frontMatter(nil) + "## Titel " + list + "\n\nText.\n" + list + "\n\n> Zitat\n\n" + list + "\n"
			})
		}
	}
	base := map[string]string{"title": "Testbank", "baseURL": "https://bank.test/", "language": "de"}
	for _, key := range config.Keys() {
		if key == "feedback" {
			continue
		}
		for _, v := range values {
			add("site.yaml "+key, func(f map[string]string) {
				var b strings.Builder
				for _, k := range config.Keys() {
					switch {
					case k == key:
						b.WriteString(k + ": " + yamlQuote(v) + "\n")
					case base[k] != "":
						b.WriteString(k + ": " + base[k] + "\n")
					}
				}
				f["content/site.yaml"] = b.String()
			})
		}
	}
	valid := map[string]string{"endpoint": "https://fb.bank.test/", "host": "https://c.bank.test/", "site_id": "bank", "repo": "bank/fb",
		"repo_id": "R_1", "category": "Seiten", "category_id": "DIC_1", "app_id": "abc"}
	for _, p := range feedback.Providers() {
		for _, key := range feedback.Keys(feedback.Provider(p)) {
			for _, v := range values {
				add("site.yaml feedback."+key+" ("+p+")", func(f map[string]string) {
					b := "title: Testbank\nbaseURL: https://bank.test/\nlanguage: de\nfeedback:\n  provider: " + p + "\n"
					for _, k := range feedback.Keys(feedback.Provider(p)) {
						switch {
						case k == key:
							b += "  " + k + ": " + yamlQuote(v) + "\n"
						case k != "provider" && valid[k] != "":
							b += "  " + k + ": " + valid[k] + "\n"
						}
					}
					f["content/site.yaml"] = b
				})
			}
		}
	}
	return out
}

func TestHostileValuesInEveryKey(t *testing.T) {
	values := hostileValues(testing.Short())
	variants := hostileVariants(values)
	// Every key of the code's lists has its variants.
	covered := map[string]int{}
	for _, v := range variants {
		covered[v.key]++
	}
	var want []string
	for kind := range hostileKinds {
		for _, k := range content.KeysFor(kind) {
			want = append(want, "front matter "+string(kind)+"."+k)
		}
	}
	for _, k := range product.Keys() {
		want = append(want, "products.csv "+k)
	}
	for _, k := range config.Keys() {
		if k != "feedback" {
			want = append(want, "site.yaml "+k)
		}
	}
	for _, p := range feedback.Providers() {
		for _, k := range feedback.Keys(feedback.Provider(p)) {
			want = append(want, "site.yaml feedback."+k+" ("+p+")")
		}
	}
	for _, k := range want {
		if covered[k] != len(values) {
			t.Errorf("the key %s has %d hostile variants, want %d", k, covered[k], len(values))
		}
	}

	// The base site itself builds, so a variant's failure is the variant's.
	if res, _ := builds(t, hostileBase()); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	jobs := make(chan variant)
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range jobs {
				checkVariant(t, v)
			}
		}()
	}
	for _, v := range variants {
		jobs <- v
	}
	close(jobs)
	wg.Wait()
}

// checkVariant builds one variant: refused with a file named, or built
// into outputs that parse.
func checkVariant(t *testing.T, v variant) {
	root := writeSite(t, v.files)
	dest := filepath.Join(root, "public")
	res, err := Build(Options{Source: root, Dest: dest, Now: testNow})
	if err != nil {
		t.Errorf("%s: %v", v.key, err)
		return
	}
	if res.Diagnostics.HasErrors() {
		for _, d := range res.Diagnostics.Errors() {
			if d.File == "" {
				t.Errorf("%s: an error without a file: %s", v.key, d.Error())
			}
			if strings.ContainsAny(d.Error(), "\n\r\x00\x1b\u202e") {
				t.Errorf("%s: a diagnostic prints control characters: %q", v.key, d.Error())
			}
		}
		return
	}
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if problem := checkOutput(filepath.ToSlash(rel), data); problem != "" {
			t.Errorf("%s: %s: %s", v.key, rel, problem)
		}
		return nil
	})
}

// checkOutput parses one output file by its kind and returns what is
// wrong with it, or "".
func checkOutput(rel string, data []byte) string {
	switch {
	case strings.HasSuffix(rel, ".html"):
		return checkHTML(data)
	case strings.HasSuffix(rel, ".xml"):
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := dec.Token(); err == io.EOF {
				return ""
			} else if err != nil {
				return "XML: " + err.Error()
			}
		}
	case strings.HasSuffix(rel, ".vcf"):
		card, err := vcard.NewDecoder(bytes.NewReader(data)).Decode()
		if err != nil {
			return "vCard: " + err.Error()
		}
		for name, fields := range card {
			for _, f := range fields {
				if strings.ContainsFunc(f.Value, func(r rune) bool { return r < 0x20 && r != '\n' }) {
					return "vCard " + name + " holds a control character"
				}
			}
		}
		for _, name := range []string{vcard.FieldURL, vcard.FieldPhoto, vcard.FieldUID} {
			if u := card.PreferredValue(name); u != "" && grammar.URI(u) != u {
				return "vCard " + name + " is not percent-encoded: " + u
			}
		}
	case rel == "_headers":
		for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			if name, value, ok := strings.Cut(strings.TrimSpace(l), ": "); ok && name == "Content-Security-Policy" {
				if _, err := grammar.ParsePolicy(value); err != nil {
					return "CSP: " + err.Error()
				}
			}
		}
	case rel == "robots.txt":
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "Sitemap: ") && grammar.URI(l[9:]) != l[9:] {
				return "robots.txt: the sitemap address is not percent-encoded"
			}
		}
	}
	return ""
}

// checkHTML parses a page and looks at every element: scripts only from
// the site or as JSON data (which must parse), no event handler
// attributes, no javascript: or data: links, and the meta tag's policy per
// the grammar.
func checkHTML(data []byte) string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return "HTML: " + err.Error()
	}
	var problem string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if problem != "" {
			return
		}
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
				if strings.HasPrefix(a.Key, "on") {
					problem = "an event handler attribute " + a.Key + " on <" + n.Data + ">"
				}
				if a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || (strings.HasPrefix(v, "data:") && n.Data != "img") {
						problem = "a " + a.Key + " of <" + n.Data + "> runs code: " + a.Val
					}
				}
			}
			switch n.Data {
			case "script":
				text := ""
				if n.FirstChild != nil {
					text = n.FirstChild.Data
				}
				switch typ := attrs["type"]; {
				case typ == "application/ld+json" || typ == "application/json":
					if !json.Valid([]byte(text)) {
						problem = "a " + typ + " script that is not JSON"
					}
				case attrs["src"] == "" || !strings.HasPrefix(attrs["src"], "/"):
					problem = "a script the theme did not write: " + attrs["src"] + text
				}
			case "meta":
				if attrs["http-equiv"] == "Content-Security-Policy" {
					if _, err := grammar.ParsePolicy(attrs["content"]); err != nil {
						problem = "CSP: " + err.Error()
					}
				}
			case "img", "iframe", "object", "embed", "base", "form":
				if n.Data != "img" && n.Data != "form" {
					problem = "an element <" + n.Data + "> the theme does not write"
				}
				if n.Data == "img" && attrs["src"] == "x" {
					problem = "an injected <img>"
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return problem
}
