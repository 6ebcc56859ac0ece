package redirect

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestCheckAlias(t *testing.T) {
	for in, want := range map[string]string{
		"/alte-seite/":        "/alte-seite/",
		"/alte-seite":         "/alte-seite/",
		" /produkte/etf/ ":    "/produkte/etf/",
		"/über-uns":           "/über-uns/",
		"/docs/preise.pdf":    "/docs/preise.pdf",
		"/alt/index.html":     "/alt/index.html",
		"/2019/10/kosten-neu": "/2019/10/kosten-neu/",
	} {
		if got, err := CheckAlias(in); err != nil || got != want {
			t.Errorf("CheckAlias(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"":                      "empty",
		"alte-seite/":           "does not start with /; write the old path from the site's root, like /alte-seite/",
		"https://bank.de/alt/":  "an address with a host",
		"//bank.de/alt/":        "an address with a host",
		"/alt/../geheim/":       "a .. segment",
		"/alt/./x/":             "a . segment",
		"/alt//x/":              "an empty segment",
		"/":                     "the home page's address",
		"/alt seite/":           `has ' ' in it`,
		"/alt/?x=1":             `has '?' in it`,
		"/alt/#teil":            `has '#' in it`,
		"/alt\";return 200;\"/": `has '"' in it`,
		"/alt/\n/neu/ 200":      `has '\n' in it`,
		"/alt/{x}/":             `has '{' in it`,
		"/alt/$1/":              `has '$' in it`,
		"/alt\\x/":              `has '\\' in it`,
		"/alt/*":                `has '*' in it`,
		"/a\u202egnp.exe/":      `has '\u202e' in it`,
	} {
		if _, err := CheckAlias(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckAlias(%q): %v, want %q", in, err, want)
		}
	}
}

func TestCheck(t *testing.T) {
	owners := map[string]string{"/produkte/": "content/produkte/_index.md", "/neu/": "content/neu.md"}
	owner := func(p string) string { return owners[p] }
	rs := []Redirect{
		{"/alt/", "/neu/", "content/neu.md", 3},
		{"/neu/", "/neu/", "content/neu.md", 4},
		{"/produkte/", "/neu/", "content/neu.md", 5},
		{"/alt/", "/anders/", "content/anders.md", 2},
		{"/alt/", "/neu/", "content/neu2.md", 7}, // the same move twice is no conflict
	}
	var got []string
	kept, ds := Check(rs, owner)
	for _, d := range ds {
		got = append(got, d.Error())
	}
	if len(kept) != 1 || kept[0] != rs[0] {
		t.Errorf("kept %v, want the first move of /alt/ alone", kept)
	}
	want := []string{
		"content/neu.md:4: the alias /neu/ is this page's own address — remove it",
		"content/neu.md:5: the alias /produkte/ is the address of content/produkte/_index.md — an old address must be free: remove the alias, or move the other page",
		"content/anders.md:2: the alias /alt/ is also an alias of /neu/ (content/neu.md:3) — an old address can lead to one page only",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWriters(t *testing.T) {
	rs := []Redirect{{"/zins/", "/produkte/tagesgeld/", "", 0}, {"/über-uns/", "/ueber-uns/", "", 0}, {"/zins/", "/produkte/tagesgeld/", "", 0}}
	for name, tc := range map[string]struct {
		got  []byte
		want string
	}{
		"netlify root": {Netlify("/", rs), "/zins/ /produkte/tagesgeld/ 301\n/%C3%BCber-uns/ /ueber-uns/ 301\n"},
		"netlify sub":  {Netlify("/klartext/", rs), "/klartext/zins/ /klartext/produkte/tagesgeld/ 301\n/klartext/%C3%BCber-uns/ /klartext/ueber-uns/ 301\n"},
		"nginx": {Nginx("/klartext/", rs), "location = \"/klartext/zins/\" { return 301 \"/klartext/produkte/tagesgeld/\"; }\n" +
			"location = \"/klartext/über-uns/\" { return 301 \"/klartext/ueber-uns/\"; }\n"},
		"apache": {Apache("/", rs), "RedirectMatch 301 \"^/zins/$\" \"/produkte/tagesgeld/\"\nRedirectMatch 301 \"^/über-uns/$\" \"/ueber-uns/\"\n"},
	} {
		body := string(tc.got)
		if !strings.HasPrefix(body, "# ") || body[strings.Index(body, "\n")+1:] != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", name, body, tc.want)
		}
	}
	if got := string(Apache("/", []Redirect{{"/a.b+c/", "/x/", "", 0}})); !strings.Contains(got, `"^/a\.b\+c/$"`) {
		t.Errorf("Apache does not quote the path's regular expression: %s", got)
	}
}

// TestPage: the old address's page leads to the new one by canonical link,
// meta refresh and a plain link, runs no script, and escapes the title.
func TestPage(t *testing.T) {
	page := Page("de", `Kosten "<b>neu</b>" & mehr`, "https://bank.example/klartext/über-uns/", "/klartext/über-uns/")
	doc, err := html.Parse(strings.NewReader(string(page)))
	if err != nil {
		t.Fatal(err)
	}
	const target, href = "https://bank.example/klartext/%C3%BCber-uns/", "/klartext/%C3%BCber-uns/"
	var canonical, refresh, link, title string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			at := map[string]string{}
			for _, a := range n.Attr {
				at[a.Key] = a.Val
			}
			switch n.Data {
			case "script", "b":
				t.Errorf("the page has a <%s>", n.Data)
			case "link":
				if at["rel"] == "canonical" {
					canonical = at["href"]
				}
			case "meta":
				if at["http-equiv"] == "refresh" {
					refresh = at["content"]
				}
			case "a":
				link = at["href"]
			case "title":
				title = n.FirstChild.Data
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if canonical != target || refresh != "0; url="+href || link != href || title != `Kosten "<b>neu</b>" & mehr` {
		t.Errorf("canonical %q, refresh %q, link %q, title %q\n%s", canonical, refresh, link, title, page)
	}
}
