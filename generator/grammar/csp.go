package grammar

import (
	"strings"

	"github.com/klartext/klartext/generator/diag"
)

// keywordSources are the CSP keyword-sources a klartext policy uses.
var keywordSources = map[string]bool{"'self'": true, "'none'": true}

// CSPSource checks one source expression of a policy klartext writes: a
// keyword ('self', 'none'), the scheme-source data: (images only, checked
// by the caller), or a host-source scheme://host[:port] per CSP Level 3 with
// https or http, a host per Host and no path. Wildcards, quotes other than
// the keywords', ";", ",", whitespace and paths are refused: each would
// widen or break the policy.
func CSPSource(s string) error {
	if keywordSources[s] || s == "data:" {
		return nil
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || (scheme != "https" && scheme != "http") {
		return fail(diag.T("is not a source klartext writes ('self', 'none', data: or https://host)"), diag.Text{})
	}
	if strings.ContainsAny(rest, "/?#") {
		return fail(diag.T("has a path; a policy source names scheme, host and port only"), diag.Text{})
	}
	host, port, hasPort := strings.Cut(rest, ":")
	if err := Host(host); err != nil {
		return err
	}
	if hasPort {
		return Port(port)
	}
	return nil
}

// Policy is a parsed Content-Security-Policy: each directive's sources in
// the order written.
type Policy struct {
	Names   []string            // directive names in order
	Sources map[string][]string // by directive name
}

// ParsePolicy parses a serialized policy (CSP Level 3, 2.2.1: directives
// separated by ";", a name and its values separated by spaces) and checks
// it as klartext writes one: directive names of letters, digits and
// hyphens, each once, every value a CSPSource, and no "," (which would
// start a second policy).
func ParsePolicy(p string) (Policy, error) {
	pol := Policy{Sources: map[string][]string{}}
	if strings.Contains(p, ",") {
		return pol, fail(diag.T("has a comma, which starts a second policy"), diag.Text{})
	}
	for _, d := range strings.Split(p, ";") {
		for i := 0; i < len(d); i++ {
			if c := d[i]; c != ' ' && (c < 0x21 || c > 0x7e) {
				return pol, fail(diag.T("has a character that is not printable ASCII"), diag.Text{})
			}
		}
		words := strings.Fields(d)
		if len(words) == 0 {
			continue
		}
		name := strings.ToLower(words[0])
		for i := 0; i < len(name); i++ {
			if c := name[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return pol, fail(diag.T("has the directive name %s, which is not letters, digits and hyphens", name), diag.Text{})
			}
		}
		if _, dup := pol.Sources[name]; dup {
			return pol, fail(diag.T("names the directive %s twice", name), diag.Text{})
		}
		for _, src := range words[1:] {
			if err := CSPSource(src); err != nil {
				return pol, fail(diag.T("%s %s %s", name, src, err.(*Error).Msg), diag.Text{})
			}
			if src == "data:" && name != "img-src" {
				return pol, fail(diag.T("%s allows data:, which only images may use", name), diag.Text{})
			}
		}
		pol.Names = append(pol.Names, name)
		pol.Sources[name] = words[1:]
	}
	return pol, nil
}
