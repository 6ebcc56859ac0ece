package config

import (
	"strings"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/grammar"
)

// BaseURLError says why a base URL is refused.
type BaseURLError struct {
	Value  string
	Reason diag.Text // follows the quoted value: "is not an absolute web address"
	Hint   diag.Text
}

func (e *BaseURLError) Error() string { return e.Diagnostic("", 0).Error() }

// Diagnostic is the error at a file and line (site.yaml's baseURL), or
// without a file for the command line's --baseURL; Reason and Hint are
// its arguments, so a German site's build says them in German too.
func (e *BaseURLError) Diagnostic(file string, line int) diag.Diagnostic {
	return diag.Errorf(file, line, "baseURL must be an absolute http(s) URL like https://www.example-bank.de/; %q %s", e.Value, e.Reason).
		WithHint("%s", e.Hint).WithKey("baseURL")
}

// NormalizeBaseURL checks a base URL — site.yaml's baseURL or the command
// line's --baseURL — and returns it percent-encoded (RFC 3986) and ending
// with "/". The base URL starts every canonical link, the sitemap's and
// the feeds' addresses and robots.txt, so they are encoded too.
func NormalizeBaseURL(raw string) (string, *BaseURLError) {
	u, err := grammar.WebURL(raw, grammar.HTTPOrHTTPS)
	switch {
	case err != nil:
		g := err.(*grammar.Error)
		return "", &BaseURLError{Value: raw, Reason: g.Msg, Hint: g.Hint}
	case u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(raw, "?") || strings.HasSuffix(raw, "#"):
		return "", &BaseURLError{Value: raw, Reason: diag.T("has a query or fragment (? or #)"), Hint: diag.T("the site's address ends with its path")}
	}
	out := grammar.URI(raw)
	if !strings.HasSuffix(out, "/") {
		out += "/"
	}
	return out, nil
}

// WithBaseURL returns the settings with another base URL (a staging
// build's), checked as site.yaml's is; s is unchanged on an error.
func (s Site) WithBaseURL(raw string) (Site, *BaseURLError) {
	u, err := NormalizeBaseURL(raw)
	if err != nil {
		return s, err
	}
	s.BaseURL, s.basePath = u, ""
	s.basePath = s.BasePath()
	return s, nil
}
