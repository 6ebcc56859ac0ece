package headers

import (
	"regexp"
	"strings"
)

// The two hosts that read _headers match a rule's path differently; a
// rule klartext writes must mean the same on both. From their
// documentation and the code it describes:
//
// Cloudflare Pages (developers.cloudflare.com/pages/configuration/headers,
// "Splats"): "When matching, a splat pattern — signified by an asterisk
// (*) — will greedily match all characters. You may only include a single
// splat in the URL." Placeholders (:name) match one segment. Its rules
// engine (workers-sdk, generateRuleRegExp) makes of a rule the anchored
// expression ^rule$ with * as .* and :name as [^/]+ — so /*/ is every
// path that ends in a slash, at any depth. "An incoming request which
// matches multiple rules' URL patterns will inherit all rules' headers",
// and "if a header is applied twice in the _headers file, the values are
// joined with a comma separator".
//
// Netlify (docs.netlify.com/routing/headers; @netlify/headers-parser,
// getForRegExp, which netlify dev matches with): the rule is cut at its
// slashes and empty parts are dropped; a part that is * alone becomes
// "?(.*)" (the slash before it optional), a * inside a part (.*), a
// :placeholder ([^/]+), the rest literal; the whole is ^/…/?$, letter
// case ignored. A trailing slash of a rule is therefore lost and a
// request's is optional: /*/ is the same rule as /*, and matches every
// path — /css/site.<hash>.css too — and /a/* matches every path that
// starts with /a, /ab/ and /a.html included.
//
// MatchCloudflare and MatchNetlify are these two readings, for the tests
// of the rules klartext writes and for the check of site.yaml's rules.

// MatchCloudflare reports whether Cloudflare Pages applies the rule
// pattern to the request path p.
func MatchCloudflare(pattern, p string) bool {
	re := cloudflare(pattern)
	return re != nil && re.MatchString(p)
}

func cloudflare(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i, part := range strings.Split(pattern, "*") {
		if i > 0 {
			b.WriteString(".*")
		}
		b.WriteString(placeholders(regexp.QuoteMeta(part)))
	}
	b.WriteString("$")
	re, _ := regexp.Compile(b.String())
	return re
}

// placeholders turns the :name parts of an escaped rule into [^/]+.
var placeholder = regexp.MustCompile(`:[A-Za-z]\w*`)

func placeholders(s string) string { return placeholder.ReplaceAllString(s, `[^/]+`) }

// MatchNetlify reports whether Netlify applies the rule pattern to the
// request path p.
func MatchNetlify(pattern, p string) bool {
	re := netlify(pattern)
	return re != nil && re.MatchString(p)
}

func netlify(pattern string) *regexp.Regexp {
	var parts []string
	for _, part := range strings.Split(pattern, "/") {
		part = strings.TrimRight(part, " \t")
		switch {
		case part == "":
			continue
		case strings.HasPrefix(part, ":"):
			parts = append(parts, `([^/]+)`)
		case part == "*":
			parts = append(parts, `?(.*)`)
		case strings.Contains(part, "*"):
			// The parser puts (.*) in for each * and leaves the rest of
			// the part as it is, unescaped: a dot there is any character.
			parts = append(parts, strings.ReplaceAll(part, "*", "(.*)"))
		default:
			parts = append(parts, regexp.QuoteMeta(part))
		}
	}
	re, _ := regexp.Compile(`(?i)^/` + strings.Join(parts, "/") + `/?$`)
	return re
}

// Match reports whether either host applies the rule pattern to p.
func Match(pattern, p string) bool { return compile(pattern).match(p) }

// rule is a pattern compiled as each host reads it (nil: the host cannot
// read it, and it matches nothing there).
type rule struct{ nl, cf *regexp.Regexp }

func compile(pattern string) rule { return rule{netlify(pattern), cloudflare(pattern)} }

// match reports whether either host applies the rule to p.
func (r rule) match(p string) bool {
	return r.nl != nil && r.nl.MatchString(p) || r.cf != nil && r.cf.MatchString(p)
}
