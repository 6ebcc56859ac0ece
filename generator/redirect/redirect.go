// Package redirect is what keeps a moved page's old address working:
// aliases as front matter names them (aliases: [/alte-seite/]), checked,
// and the files that answer for the old address — a redirect page
// (canonical link and meta refresh, no JavaScript), the _redirects lines
// Netlify and Cloudflare Pages read, and nginx and Apache snippets. Pure
// functions; site.Resolve collects the aliases and calls Check against
// the pages' addresses, and the publish stage writes the files.
package redirect

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/escape"
	"github.com/klartext/klartext/generator/grammar"
)

// Redirect is one moved address.
type Redirect struct {
	From string // the old site path, "/alte-seite/" (without the base path)
	To   string // the page's site path, "/neue-seite/"
	File string // the page that names the alias, "content/neue-seite.md"
	Line int    // of the alias in its front matter
}

// forbidden are the characters an alias may not hold: besides spaces,
// controls and format characters (bidi overrides), what would end or
// escape a line of _redirects, a directive of nginx or Apache, or an HTML
// attribute, and what is no part of a path.
const forbidden = "\"'\\<>{}|^`;$?#*[]"

// CheckAlias checks an alias as an editor wrote it and returns its site
// path: a path from the site's root ("/alte-seite/"; the base path is
// added when written), no scheme or host, no query or fragment, no . or
// .. segment; a last segment without an extension is a folder and gets
// its "/" ("/alt" is "/alt/", as the page it was).
func CheckAlias(raw string) (string, error) {
	a := strings.TrimSpace(raw)
	switch {
	case a == "":
		return "", diag.Err("the alias is empty")
	case strings.Contains(a, "://") || strings.HasPrefix(a, "//"):
		return "", diag.Err("the alias %q is an address with a host; write the old path from the site's root, like /alte-seite/", raw)
	case !strings.HasPrefix(a, "/"):
		return "", diag.Err("the alias %q does not start with /; write the old path from the site's root, like /%s", raw, a)
	}
	for _, r := range a {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || strings.ContainsRune(forbidden, r) {
			return "", diag.Err("the alias %q has %q in it, which no page address of klartext has", raw, r)
		}
	}
	for _, seg := range strings.Split(a, "/") {
		if seg == "." || seg == ".." {
			return "", diag.Err("the alias %q has a %s segment; write the old path as it was", raw, seg)
		}
	}
	if strings.Contains(a, "//") {
		return "", diag.Err("the alias %q has an empty segment (//)", raw)
	}
	if a == "/" {
		return "", diag.Err("the alias / is the home page's address")
	}
	if !strings.HasSuffix(a, "/") && path.Ext(a) == "" {
		a += "/"
	}
	return a, nil
}

// Check reports what cannot be: an alias that is the address of something
// the site publishes (owner names it, "" when nothing is there), an alias
// two pages claim, and an alias of a page to itself. Each error is at the
// alias's file and line. It returns the redirects to write: each old
// address once, in the order of rs.
func Check(rs []Redirect, owner func(sitePath string) string) ([]Redirect, []diag.Diagnostic) {
	var out []diag.Diagnostic
	var kept []Redirect
	first := map[string]Redirect{}
	for _, r := range rs {
		switch {
		case r.From == r.To:
			out = append(out, diag.Errorf(r.File, r.Line, "the alias %s is this page's own address", r.From).WithKey("aliases").
				WithHint("remove it"))
		case owner(r.From) != "":
			out = append(out, diag.Errorf(r.File, r.Line, "the alias %s is the address of %s", r.From, owner(r.From)).WithKey("aliases").
				WithHint("an old address must be free: remove the alias, or move the other page"))
		default:
			if f, dup := first[r.From]; dup {
				if f.To != r.To {
					out = append(out, diag.Errorf(r.File, r.Line, "the alias %s is also an alias of %s (%s:%d)", r.From, f.To, f.File, f.Line).WithKey("aliases").
						WithHint("an old address can lead to one page only"))
				}
				continue
			}
			first[r.From] = r
			kept = append(kept, r)
		}
	}
	return kept, out
}

// sorted returns rs by From, each From once (Check reported the rest).
func sorted(rs []Redirect) []Redirect {
	out := append([]Redirect(nil), rs...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].From < out[j].From })
	var uniq []Redirect
	for i, r := range out {
		if i == 0 || r.From != out[i-1].From {
			uniq = append(uniq, r)
		}
	}
	return uniq
}

// full is a site path below the base path ("/klartext/"), percent-encoded.
func full(basePath, sitePath string) string {
	return grammar.URI(strings.TrimSuffix(basePath, "/") + sitePath)
}

// Netlify is the _redirects file Netlify and Cloudflare Pages read: one
// "old new 301" line per alias, the paths below the base path,
// percent-encoded.
func Netlify(basePath string, rs []Redirect) []byte {
	var b strings.Builder
	b.WriteString("# Moved pages (aliases in their front matter), written by klartext.\n")
	for _, r := range sorted(rs) {
		fmt.Fprintf(&b, "%s %s 301\n", full(basePath, r.From), full(basePath, r.To))
	}
	return []byte(b.String())
}

// Nginx is a snippet for the site's server block (include it there): an
// exact location per alias that answers 301. nginx compares the decoded
// path, so the location is written decoded and quoted; the target is
// percent-encoded.
func Nginx(basePath string, rs []Redirect) []byte {
	var b strings.Builder
	b.WriteString("# Moved pages (aliases in their front matter), written by klartext: include in the server block.\n")
	for _, r := range sorted(rs) {
		fmt.Fprintf(&b, "location = \"%s\" { return 301 \"%s\"; }\n", strings.TrimSuffix(basePath, "/")+r.From, full(basePath, r.To))
	}
	return []byte(b.String())
}

// Apache is a snippet for the virtual host or .htaccess (mod_alias): an
// anchored RedirectMatch per alias, since Redirect would move everything
// below the old path too. Apache matches the decoded path.
func Apache(basePath string, rs []Redirect) []byte {
	var b strings.Builder
	b.WriteString("# Moved pages (aliases in their front matter), written by klartext (mod_alias).\n")
	for _, r := range sorted(rs) {
		fmt.Fprintf(&b, "RedirectMatch 301 \"^%s$\" \"%s\"\n", regexp.QuoteMeta(strings.TrimSuffix(basePath, "/")+r.From), full(basePath, r.To))
	}
	return []byte(b.String())
}

// Page is the HTML written at an old address, for hosts that read no
// redirect file: it names the new page as canonical (so search engines
// move their entry), refreshes to it at once and links it for a reader
// whose browser does not refresh. No script: the site's CSP allows none
// inline. canonical is the page's absolute address (baseURL and site
// path); href the address the site's own pages link it by (base path and
// site path), so that the refresh stays on the host that served the old
// address (a staging server, klartext serve); title its title, lang the
// site's language.
func Page(lang, title, canonical, href string) []byte {
	c, h := escape.HTML(grammar.URI(canonical)), escape.HTML(grammar.URI(href))
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"" + escape.HTML(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<title>" + escape.HTML(title) + "</title>\n")
	b.WriteString("<link rel=\"canonical\" href=\"" + c + "\">\n")
	b.WriteString("<meta name=\"robots\" content=\"noindex\">\n")
	b.WriteString("<meta http-equiv=\"refresh\" content=\"0; url=" + h + "\">\n")
	b.WriteString("</head>\n<body>\n<p><a href=\"" + h + "\">" + escape.HTML(title) + "</a></p>\n</body>\n</html>\n")
	return []byte(b.String())
}
