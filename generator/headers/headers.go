// Package headers makes the _headers file, which Netlify and Cloudflare
// Pages read: the policy of the pages' meta tag with what a meta tag
// cannot say, a short cache for the pages and a year's for the files
// named by their content, and the rules of site.yaml's headers: after
// them. Both hosts apply every rule that matches a path and join the
// values of a header named twice, so a path must match one cache rule at
// most (two max-age values are none for a cache), and site.yaml's rules
// may add headers but never touch the ones klartext sends.
package headers

import (
	"sort"
	"strings"

	"github.com/klartext/klartext/generator/assethash"
	"github.com/klartext/klartext/generator/diag"
)

// Site is what the file is made of.
type Site struct {
	CSP    string              // the policy of the pages' meta tag
	RelURL func(string) string // a site path ("/a/") under the base path
	// Pages are the site paths of the pages: "/", "/a/", "/a/b/",
	// "/404.html".
	Pages []string
	// Hashed are the site paths of the files named by their content
	// ("/css/site.3f2a1b9c0d.css").
	Hashed []string
	Extra  []Rule // site.yaml's headers:
	File   string // where Extra was read, for its errors
}

// MaxRules is how many rules Cloudflare Pages reads of a _headers file
// ("A project is limited to 100 header rules").
const MaxRules = 100

// File is the _headers file, and the errors of site.yaml's rules that
// would change what klartext sends (they are left out).
func File(s Site) ([]byte, []diag.Diagnostic) {
	short := CacheRules(s.Pages, s.Hashed)
	var b strings.Builder
	b.WriteString("/*\n  Content-Security-Policy: " + s.CSP + "; frame-ancestors 'self'\n" +
		"  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n")
	for _, p := range short {
		b.WriteString(s.RelURL(p) + "\n  Cache-Control: " + assethash.Short + "\n")
	}
	for _, name := range s.Hashed {
		b.WriteString(s.RelURL(name) + "\n  Cache-Control: " + assethash.Immutable + "\n")
	}
	extra, ds := s.checkExtra(short)
	for _, r := range extra {
		b.WriteString(s.RelURL(r.For) + "\n")
		for _, h := range r.Values {
			b.WriteString("  " + h.Name + ": " + h.Value + "\n")
		}
	}
	if n := 1 + len(short) + len(s.Hashed) + len(extra); n > MaxRules {
		ds = append(ds, diag.Warnf(s.File, 0, "_headers has %d rules; Cloudflare Pages reads %d of them", n, MaxRules).
			WithHint("Netlify reads them all; on Cloudflare Pages fewer top-level folders, or fewer rules under headers:, keep it within the limit"))
	}
	return []byte(b.String()), ds
}

// CacheRules are the paths of the short cache's rules, site paths: "/",
// a folder's "/a/*" where that matches its pages and nothing else on
// both hosts, else each page's own address. Netlify's /a/* matches every
// path that starts with /a (see MatchNetlify), so a folder whose name
// begins another top-level name (a hashed file's among them: /css/…)
// gets its pages' own addresses, as do the pages in the root folder
// ("/404.html"). Every page matches one rule, a hashed file none.
func CacheRules(pages, hashed []string) []string {
	tops := map[string]bool{}
	for _, p := range append(append([]string(nil), pages...), hashed...) {
		if t := top(p); t != "" {
			tops[strings.ToLower(t)] = true
		}
	}
	for _, h := range hashed {
		tops[strings.ToLower(top(h))+"/"] = true // a hashed file's folder: never /folder/*
	}
	safety := map[string]bool{}
	safe := func(folder string) bool {
		f := strings.ToLower(folder)
		if ok, done := safety[f]; done {
			return ok
		}
		ok := true
		for t := range tops {
			if t != f && strings.HasPrefix(t, f) {
				ok = false
				break
			}
		}
		safety[f] = ok
		return ok
	}
	seen := map[string]bool{}
	var out []string
	add := func(rule string) {
		if !seen[rule] {
			seen[rule] = true
			out = append(out, rule)
		}
	}
	for _, p := range pages {
		t := top(p)
		switch {
		case p == "/" || !strings.Contains(strings.TrimPrefix(p, "/"), "/"):
			add(p) // the home page, a file in the root folder
		case safe(t):
			add("/" + t + "/*")
		default:
			add(p)
		}
	}
	sort.Strings(out)
	return out
}

// top is the first name of a site path: "a" of "/a/b/", "404.html" of
// "/404.html"; "" for "/".
func top(p string) string {
	t, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	return t
}
