package sitetest

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// Crawl is what CrawlLinks saw of a site.
type Crawl struct {
	Pages  int      // HTML pages fetched and parsed
	Links  int      // distinct internal addresses checked
	Broken []string // "page: attribute address: what went wrong", sorted
}

// linkAttrs are the attributes that name an address a reader's browser
// loads or follows.
var linkAttrs = map[string][]string{
	"a": {"href"}, "link": {"href"}, "script": {"src"}, "img": {"src", "srcset"},
	"source": {"src", "srcset"}, "video": {"src", "poster"}, "audio": {"src"},
	"track": {"src"}, "iframe": {"src"}, "form": {"action"},
}

// CrawlLinks fetches site (the home page's address, "http://127.0.0.1:N/klartext/")
// and every page it reaches, and checks every internal address the pages
// name — links, stylesheets, scripts, images and their srcset, video
// posters and captions, form actions, Open Graph addresses — and every
// <loc> of site+"sitemap.xml". An address is internal when it is on the
// server, or on public (the site's baseURL, "https://bank.example/klartext/"),
// whose addresses are fetched from the server instead. Each must answer
// 200 without a redirect: a link that only works through one is a link
// to fix. Fragments are not checked here (the build checks anchors).
func CrawlLinks(client *http.Client, site, public string) (*Crawl, error) {
	start, err := url.Parse(site)
	if err != nil {
		return nil, err
	}
	pub, err := url.Parse(public)
	if err != nil {
		return nil, err
	}
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	noRedirect := *client
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	// local maps an address to the server, or returns nil for another host's.
	local := func(u *url.URL) *url.URL {
		switch {
		case u.Scheme != "http" && u.Scheme != "https":
			return nil
		case u.Host == start.Host:
		case strings.EqualFold(u.Host, pub.Host):
			v := *u
			v.Scheme, v.Host = start.Scheme, start.Host
			u = &v
		default:
			return nil
		}
		v := *u
		v.Fragment, v.RawFragment = "", ""
		return &v
	}
	c := &Crawl{}
	checked := map[string]bool{}
	var queue []string
	var broken []string
	check := func(from, attr string, u *url.URL) {
		if u = local(u); u == nil {
			return
		}
		key := u.String()
		if checked[key] {
			return
		}
		checked[key] = true
		queue = append(queue, from+"\x00"+attr+"\x00"+key)
	}
	check("(start)", "", start)
	if sm, err := start.Parse("sitemap.xml"); err == nil {
		check("(start)", "", sm)
	}
	for len(queue) > 0 {
		item := strings.SplitN(queue[0], "\x00", 3)
		queue = queue[1:]
		from, attr, addr := item[0], item[1], item[2]
		resp, err := noRedirect.Get(addr)
		if err != nil {
			return c, err
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		resp.Body.Close()
		if err != nil {
			return c, err
		}
		c.Links++
		if resp.StatusCode != http.StatusOK {
			what := resp.Status
			if loc := resp.Header.Get("Location"); loc != "" {
				what += " to " + loc
			}
			broken = append(broken, fmt.Sprintf("%s: %s %s: %s", from, attr, addr, what))
			continue
		}
		u, _ := url.Parse(addr)
		ctype := resp.Header.Get("Content-Type")
		switch {
		case strings.HasPrefix(ctype, "text/html"):
			c.Pages++
			refs, err := htmlRefs(body)
			if err != nil {
				return c, fmt.Errorf("%s: %v", addr, err)
			}
			for _, r := range refs {
				ref, err := u.Parse(strings.TrimSpace(r.value))
				if err != nil {
					broken = append(broken, fmt.Sprintf("%s: %s %q: %v", u.Path, r.attr, r.value, err))
					continue
				}
				check(u.Path, r.attr, ref)
			}
		case strings.HasSuffix(u.Path, "/sitemap.xml"):
			var set struct {
				Locs []string `xml:"url>loc"`
			}
			if err := xml.Unmarshal(body, &set); err != nil {
				return c, fmt.Errorf("%s: %v", addr, err)
			}
			for _, loc := range set.Locs {
				if ref, err := url.Parse(loc); err == nil {
					check(u.Path, "loc", ref)
				}
			}
		}
	}
	sort.Strings(broken)
	c.Broken = broken
	return c, nil
}

type ref struct{ attr, value string }

// htmlRefs lists the addresses a page names: linkAttrs, each srcset
// candidate, and Open Graph and Twitter addresses in <meta>.
func htmlRefs(page []byte) ([]ref, error) {
	doc, err := html.Parse(strings.NewReader(string(page)))
	if err != nil {
		return nil, err
	}
	var out []ref
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
			}
			for _, name := range linkAttrs[n.Data] {
				v, ok := attrs[name]
				if !ok || v == "" {
					continue
				}
				if name == "srcset" {
					for _, cand := range strings.Split(v, ",") {
						if f := strings.Fields(cand); len(f) > 0 {
							out = append(out, ref{n.Data + "[srcset]", f[0]})
						}
					}
					continue
				}
				out = append(out, ref{n.Data + "[" + name + "]", v})
			}
			if n.Data == "meta" && attrs["content"] != "" {
				switch attrs["property"] + attrs["name"] {
				case "og:url", "og:image", "twitter:image":
					out = append(out, ref{"meta[" + attrs["property"] + attrs["name"] + "]", attrs["content"]})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out, nil
}
