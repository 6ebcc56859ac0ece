package headers

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/assethash"
	"github.com/klartext/klartext/generator/diag"
)

// Rule is one entry of site.yaml's headers: the shape of Netlify's
// netlify.toml — for: a path of the site, values: the headers to add.
//
//	headers:
//	  - for: /downloads/*
//	    values:
//	      X-Robots-Tag: noindex
type Rule struct {
	For    string // a site path, without the base path: "/downloads/*"
	Line   int    // of for: in site.yaml
	Values []Header
}

// Header is one name and value of a rule, in site.yaml's order.
type Header struct {
	Name, Value string
	Line        int
}

// MaxLine is the longest line Cloudflare Pages reads in _headers ("Each
// line in the _headers file has a 2,000 character limit").
const MaxLine = 2000

// fixed are the headers klartext sends on every path, which a rule of
// site.yaml must not join (the hosts would send both values) and why;
// the hint says what to do instead.
var fixed = map[string]struct{ why, hint string }{
	"content-security-policy": {"the Content-Security-Policy is klartext's own, the meta tag's policy of every page (frame-ancestors 'self' included), made from what the pages load",
		"it cannot be changed here: the origins a feedback provider needs come in with its feedback: settings, a video host's with its ```video block"},
	"x-content-type-options": {"klartext sends X-Content-Type-Options: nosniff on every path", "it cannot be changed or weakened; remove the entry"},
	"referrer-policy":        {"klartext sends Referrer-Policy: strict-origin-when-cross-origin on every path", "it cannot be changed or weakened; remove the entry"},
	"set-cookie":             {"a klartext site sets no cookies (the browser checks fail on one)", "remove the entry"},
}

// Parse reads site.yaml's headers: (v), reported at file: a list of
// rules, each a site path and a mapping of header names and values.
// Names must be HTTP tokens, values one line of visible characters,
// each name once per rule and each path once; the headers klartext
// sends itself are refused with what to do.
func Parse(v *yaml.Node, file string) ([]Rule, []diag.Diagnostic) {
	errf := func(line int, format string, args ...any) diag.Diagnostic {
		return diag.Errorf(file, line, format, args...).WithKey("headers")
	}
	const shape = "headers must be a list of rules, each with for: (a path of the site, like /downloads/*) and values: (header names and their values)"
	if v.Kind != yaml.SequenceNode {
		return nil, []diag.Diagnostic{errf(v.Line, "%s", shape)}
	}
	var out []Rule
	var ds []diag.Diagnostic
	paths := map[string]int{}
	for _, e := range v.Content {
		if e.Kind != yaml.MappingNode {
			ds = append(ds, errf(e.Line, "%s", shape))
			continue
		}
		r := Rule{Line: e.Line}
		var values *yaml.Node
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, val := e.Content[i], e.Content[i+1]
			switch k.Value {
			case "for":
				r.For, r.Line = strings.TrimSpace(val.Value), val.Line
				if val.Kind != yaml.ScalarNode {
					r.For = ""
				}
			case "values":
				values = val
			default:
				ds = append(ds, errf(k.Line, "unknown key %q in a rule of headers", k.Value).WithHint("a rule has for: and values:"))
			}
		}
		if msg := checkPath(r.For); msg != "" {
			ds = append(ds, errf(r.Line, "%s", msg).WithHint("write a path of the site as Netlify and Cloudflare Pages read it: /downloads/*, /*.pdf, /berater/:name/; klartext adds the base path"))
			continue
		}
		if first, dup := paths[r.For]; dup {
			ds = append(ds, errf(r.Line, "headers has a rule for %s already (line %d)", r.For, first).WithHint("put its values into that rule"))
			continue
		}
		paths[r.For] = r.Line
		if values == nil || values.Kind != yaml.MappingNode || len(values.Content) == 0 {
			line := r.Line
			if values != nil {
				line = values.Line
			}
			ds = append(ds, errf(line, "the rule for %s needs values: header names and their values, like X-Robots-Tag: noindex", r.For))
			continue
		}
		names := map[string]int{}
		for i := 0; i+1 < len(values.Content); i += 2 {
			k, val := values.Content[i], values.Content[i+1]
			h := Header{Name: k.Value, Value: strings.TrimSpace(val.Value), Line: k.Line}
			lower := strings.ToLower(h.Name)
			switch {
			case !token(h.Name):
				ds = append(ds, errf(k.Line, "%q is no header name: a name is letters, digits and - (like X-Robots-Tag)", h.Name))
				continue
			case val.Kind != yaml.ScalarNode || !fieldValue(h.Value):
				ds = append(ds, errf(val.Line, "the value of %s must be one line of text without control characters", h.Name))
				continue
			case len("  "+h.Name+": "+h.Value) > MaxLine:
				ds = append(ds, errf(val.Line, "the line of %s has more than %d characters, the longest Cloudflare Pages reads", h.Name, MaxLine))
				continue
			}
			if f, ok := fixed[lower]; ok {
				ds = append(ds, errf(k.Line, "%s: %s", h.Name, f.why).WithHint("%s", f.hint))
				continue
			}
			if first, dup := names[lower]; dup {
				ds = append(ds, errf(k.Line, "the rule for %s names %s twice (first on line %d)", r.For, h.Name, first).
					WithHint("the host would send both values joined by a comma; write the value once"))
				continue
			}
			names[lower] = k.Line
			r.Values = append(r.Values, h)
		}
		if len(r.Values) > 0 {
			out = append(out, r)
		}
	}
	return out, ds
}

// checkPath says what is wrong with a rule's path; "" when it is one.
func checkPath(p string) string {
	switch {
	case p == "":
		return "a rule of headers needs for: with a path of the site"
	case !strings.HasPrefix(p, "/"):
		return "the path " + quote(p) + " of a rule must start with /"
	case strings.Count(p, "*") > 1:
		return "the path " + quote(p) + " has more than one *, which Cloudflare Pages does not read"
	}
	for _, c := range p {
		if c <= ' ' || c == 0x7f || c == '?' || c == '#' {
			return "the path " + quote(p) + " has a space, a control character, ? or #"
		}
	}
	return ""
}

func quote(s string) string { return "\"" + diag.EscapeText(s) + "\"" }

// token reports whether s is an HTTP field name (RFC 9110 5.1: a token).
func token(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// fieldValue reports whether s is a non-empty field value of one line
// (RFC 9110 5.5: visible characters, spaces and tabs; no CR, LF or other
// control character).
func fieldValue(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// checkExtra returns the rules of site.yaml that keep off klartext's
// cache rules (short: the pages'; s.Hashed) and off each other, and an
// error for each header that does not. A Cache-Control of site.yaml
// must match no path klartext caches; two rules that name one header
// must share no page or hashed file (the host would join their values).
func (s Site) checkExtra(short []string) ([]Rule, []diag.Diagnostic) {
	var out []Rule
	var ds []diag.Diagnostic
	byName := map[string][]ruleAt{}
	for _, r := range s.Extra {
		kept := Rule{For: r.For, Line: r.Line}
		for _, h := range r.Values {
			lower := strings.ToLower(h.Name)
			if lower == "cache-control" {
				if p, hit := s.cachedBy(r.For, short); hit {
					ds = append(ds, diag.Errorf(s.File, h.Line, "the rule for %s gives a Cache-Control to %s, which klartext caches itself", r.For, p).WithKey("headers").
						WithHint("klartext gives the pages %q and its hashed files %q; a Cache-Control here is for other files (images, downloads) in folders without pages", assethash.Short, assethash.Immutable))
					continue
				}
			}
			if other, p, hit := s.shared(r.For, byName[lower]); hit {
				ds = append(ds, diag.Errorf(s.File, h.Line, "the rules for %s and %s (line %d) both send %s to %s", r.For, other.rule, other.line, h.Name, p).WithKey("headers").
					WithHint("Netlify and Cloudflare Pages would send both values joined by a comma; give the header in one rule"))
				continue
			}
			byName[lower] = append(byName[lower], ruleAt{r.For, r.Line})
			kept.Values = append(kept.Values, h)
		}
		if len(kept.Values) > 0 {
			out = append(out, kept)
		}
	}
	return out, ds
}

// cachedBy is a path klartext caches that the rule pattern matches on
// either host: a hashed file, a page, or one below a folder whose rule
// is /folder/* (any path the pattern can match that starts so).
func (s Site) cachedBy(pattern string, short []string) (string, bool) {
	this := compile(pattern)
	for _, h := range s.Hashed {
		if this.match(h) {
			return h, true
		}
	}
	lit := strings.ToLower(literal(pattern))
	if strings.HasSuffix(lit, "/") && strings.HasPrefix(pattern[len(lit):], "*") {
		// Netlify's /a/* matches every path that starts with /a.
		lit = strings.TrimSuffix(lit, "/")
	}
	for _, r := range short {
		if folder, ok := strings.CutSuffix(r, "*"); ok {
			f := strings.ToLower(strings.TrimSuffix(folder, "/"))
			if strings.HasPrefix(lit, f) || strings.HasPrefix(f+"/", lit) {
				return folder, true
			}
			continue
		}
		if this.match(r) {
			return r, true
		}
	}
	return "", false
}

// shared is a page or hashed file both pattern and one of others match.
func (s Site) shared(pattern string, others []ruleAt) (ruleAt, string, bool) {
	if len(others) == 0 {
		return ruleAt{}, "", false
	}
	this := compile(pattern)
	for _, o := range others {
		other := compile(o.rule)
		for _, list := range [][]string{s.Pages, s.Hashed} {
			for _, p := range list {
				if this.match(p) && other.match(p) {
					return o, p, true
				}
			}
		}
	}
	return ruleAt{}, "", false
}

// ruleAt is a rule's path and line, for the error of another rule.
type ruleAt struct {
	rule string
	line int
}

// literal is the part of a rule's path before its first * or
// :placeholder: every path the rule matches starts with it.
func literal(p string) string {
	if i := strings.IndexAny(p, "*:"); i >= 0 {
		return p[:i]
	}
	return p
}
