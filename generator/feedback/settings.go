// Package feedback is the reader's channel back to the bank: the settings of
// the external feedback service (content/site.yaml, `feedback:`), the data the
// theme's feedback partial needs for one page, the Content-Security-Policy
// the chosen service requires, and the parsing and aggregation of the
// service's export (content/data/feedback.csv).
//
// Privacy first: with the default `consent: click` the page makes no request
// to the service's origin until the reader clicks the button that names it.
package feedback

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/grammar"
	"github.com/klartext/klartext/generator/suggest"
	"gopkg.in/yaml.v3"
)

// Provider names the external feedback service.
type Provider string

// The supported providers.
const (
	None       Provider = "none"
	Form       Provider = "form"
	Isso       Provider = "isso"
	Remark42   Provider = "remark42"
	Giscus     Provider = "giscus"
	Utterances Provider = "utterances"
	Cusdis     Provider = "cusdis"
)

// Consent says when the provider's origin may be contacted.
type Consent string

const (
	// ConsentClick loads the provider only after the reader clicked (default).
	ConsentClick Consent = "click"
	// ConsentNone loads the provider with the page.
	ConsentNone Consent = "none"
)

// Settings is the validated `feedback:` block of site.yaml. Only the fields
// of the chosen provider are set; defaults are filled in.
type Settings struct {
	Provider Provider // None when the block is absent
	Consent  Consent

	Endpoint string // form: where the form posts
	Redirect string // form: optional page the service sends the reader back to

	Host   string // isso, remark42, cusdis: the service's base URL, without trailing slash
	SiteID string // remark42

	Repo       string // giscus, utterances: owner/name
	RepoID     string // giscus
	Category   string // giscus
	CategoryID string // giscus
	Mapping    string // giscus: pathname (default); the page is always identified by its canonical path
	IssueTerm  string // utterances: pathname (default); likewise
	Label      string // utterances

	AppID string // cusdis

	Theme string // optional, passed to the provider
	Lang  string // optional; defaults to the page's language
}

// Enabled reports whether a provider is configured.
func (s Settings) Enabled() bool { return s.Provider != "" && s.Provider != None }

var commonKeys = []string{"consent", "lang", "provider", "theme"}

// Keys lists the settings provider p accepts under feedback: in site.yaml.
func Keys(p Provider) []string {
	out := append([]string(nil), commonKeys...)
	if def := Def(p); def != nil {
		out = append(out, def.Keys...)
	}
	return out
}

var (
	repoRE  = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]+$`)
	tokenRE = regexp.MustCompile(`^[A-Za-z0-9_.=-]+$`)
)

type entry struct {
	value string
	line  int
	col   int
}

// ParseSettings validates the `feedback:` value of site.yaml. node is the
// value node of the `feedback` key (a mapping; nil or null means feedback is
// off); file is the name used in diagnostics, e.g. "content/site.yaml".
// Diagnostics name the key as "feedback.<key>" and carry the node's line.
func ParseSettings(node *yaml.Node, file string) (Settings, []diag.Diagnostic) {
	s := Settings{Provider: None, Consent: ConsentClick}
	if node == nil {
		return s, nil
	}
	if node.Kind == yaml.DocumentNode && len(node.Content) == 1 {
		node = node.Content[0]
	}
	if node.Kind == yaml.ScalarNode && (node.Tag == "!!null" || node.Value == "") {
		return s, nil
	}
	errs := &settingErrors{file: file}
	errAt := errs.errAt
	if node.Kind == yaml.ScalarNode && node.Tag == "!!bool" && (node.Value == "false" || node.Value == "no") {
		return s, nil // `feedback: false` turns it off
	}
	if node.Kind != yaml.MappingNode {
		d := errAt(node.Line, node.Column, "", "feedback must be a mapping with at least a provider")
		*d = d.WithHint("write e.g. `feedback:` then `  provider: form` and `  endpoint: https://…` on the next lines")
		return s, errs.ds
	}

	vals := map[string]entry{}
	var order []string
	keyLine := map[string]int{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		key := k.Value
		if _, dup := vals[key]; dup {
			errAt(k.Line, k.Column, key, "feedback.%s is given twice (first on line %d)", key, keyLine[key])
			continue
		}
		if v.Kind != yaml.ScalarNode {
			errAt(v.Line, v.Column, key, "feedback.%s must be a single value, not a list or mapping", key)
			continue
		}
		vals[key] = entry{value: trimmed(v), line: v.Line, col: v.Column}
		keyLine[key] = k.Line
		order = append(order, key)
	}

	// provider
	pe, ok := vals["provider"]
	switch {
	case !ok || pe.value == "":
		d := errAt(node.Line, node.Column, "provider", "feedback.provider is required")
		*d = d.WithHint("one of %s", strings.Join(Providers(), ", "))
		return s, errs.ds
	case !slices.Contains(Providers(), strings.ToLower(pe.value)):
		d := errAt(pe.line, pe.col, "provider", "feedback.provider %q is not known", pe.value)
		if h := suggest.Hint(strings.ToLower(pe.value), Providers()); !h.Empty() {
			*d = d.WithHint("%s", h)
		} else {
			*d = d.WithHint("one of %s", strings.Join(Providers(), ", "))
		}
		return s, errs.ds
	}
	s.Provider = Provider(strings.ToLower(pe.value))
	def := Def(s.Provider)

	// consent
	if ce, ok := vals["consent"]; ok && ce.value != "" {
		switch strings.ToLower(ce.value) {
		case "click":
			s.Consent = ConsentClick
		case "none":
			s.Consent = ConsentNone
		default:
			d := errAt(ce.line, ce.col, "consent", "feedback.consent %q is not known", ce.value)
			*d = d.WithHint("click (load the comments after the reader clicked; the default) or none (load them with the page)")
			if h := suggest.Hint(strings.ToLower(ce.value), []string{"click", "none"}); !h.Empty() {
				*d = d.WithHint("%s", h)
			}
		}
	}

	// unknown keys
	allowed := Keys(s.Provider)
	slices.Sort(allowed)
	allKeys := allKeys()
	for _, key := range order {
		if slices.Contains(allowed, key) {
			continue
		}
		if s.Provider == None && slices.Contains(allKeys, key) {
			d := diag.Warnf(file, keyLine[key], "feedback.%s is ignored: the provider is none", key).WithKey("feedback." + key)
			errs.ds = append(errs.ds, d)
			continue
		}
		var d *diag.Diagnostic
		if slices.Contains(allKeys, key) {
			d = errAt(keyLine[key], 0, key, "feedback.%s is not a setting of provider %s", key, s.Provider)
		} else {
			d = errAt(keyLine[key], 0, key, "feedback.%s is not a known setting", key)
		}
		if h := suggest.Hint(key, allowed); !h.Empty() {
			*d = d.WithHint("%s", h)
		} else {
			*d = d.WithHint("provider %s takes %s", s.Provider, strings.Join(allowed, ", "))
		}
	}

	// required keys
	for _, key := range def.Required {
		if e, ok := vals[key]; !ok || e.value == "" {
			line := node.Line
			if ok {
				line = e.line
			}
			errAt(line, 0, key, "feedback.%s is required for provider %s", key, s.Provider)
		}
	}

	// Every value ends up in an attribute, a script's configuration or a
	// URL the provider's script builds: none may hold a control character.
	for _, key := range order {
		if e := vals[key]; strings.ContainsFunc(e.value, unicode.IsControl) {
			d := errAt(e.line, e.col, key, "feedback.%s %q has a control character (a line break or tab) in it", key, e.value)
			*d = d.WithHint("write the value on one line")
			delete(vals, key)
		}
	}
	v := &Values{vals: vals, file: file, errAt: errAt, warn: errs.warn}
	s.Theme = v.Token("theme")
	if e := vals["lang"]; e.value != "" {
		if err := grammar.LanguageTag(e.value); err != nil {
			d := errAt(e.line, e.col, "lang", "feedback.lang %q is not a language code", e.value)
			*d = d.WithHint("write a language code like de or en, or leave lang out to use the site's language")
		} else {
			s.Lang = e.value
		}
	}
	def.Check(&s, v)
	return s, errs.ds
}

// settingErrors are the diagnostics of the feedback settings read from
// file (ParseSettings, ForLanguage).
type settingErrors struct {
	ds   []diag.Diagnostic
	file string
}

// errAt adds an error at line (and column, where known) naming the key as
// "feedback.<key>"; the caller may add its hint through the pointer.
func (e *settingErrors) errAt(line, col int, key, format string, a ...any) *diag.Diagnostic {
	d := diag.Errorf(e.file, line, format, a...)
	d.Column = col
	if key != "" {
		d = d.WithKey("feedback." + key)
	}
	e.ds = append(e.ds, d)
	return &e.ds[len(e.ds)-1]
}

func (e *settingErrors) warn(d diag.Diagnostic) { e.ds = append(e.ds, d) }

// trimmed is a scalar's value without surrounding space; "" for null.
func trimmed(v *yaml.Node) string {
	if v.Tag == "!!null" {
		return ""
	}
	return strings.TrimSpace(v.Value)
}

// Origin returns scheme://host[:port] of an address ParseSettings
// accepted (or a fixed provider's), a valid CSP source; "" for none.
func Origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return grammar.Origin(u)
}

// Origins returns exactly the origins the provider needs, for the
// Content-Security-Policy's script-src, frame-src and connect-src. With
// consent click they are still needed: the embed loads after the click.
func (s Settings) Origins() (script, frame, connect []string) {
	o := s.origins()
	return o.Script, o.Frame, o.Connect
}

// StyleOrigins returns the origins the provider's script loads stylesheets
// from: giscus' client.js adds <link rel=stylesheet href=https://giscus.app/default.css>,
// Cusdis' srcdoc iframe links <host>/js/style.css.
func (s Settings) StyleOrigins() []string { return s.origins().Style }

// FormAction returns the origin the plain form posts to (provider form).
func (s Settings) FormAction() []string { return s.origins().FormAction }

func (s Settings) origins() Origins {
	if def := Def(s.Provider); def != nil && s.Enabled() {
		return def.Origins(s)
	}
	return Origins{}
}

// CSP builds the theme's Content-Security-Policy for the settings: 'self'
// plus exactly the provider's origins, no 'unsafe-inline'.
//
// extraFrames are origins the site itself embeds on the reader's click (the
// video hosts of ```video blocks).
func CSP(s Settings, extraFrames ...string) string {
	script, frame, connect := s.Origins()
	frame = append(append([]string(nil), frame...), extraFrames...)
	join := func(base string, extra []string) string {
		parts := []string{}
		if base != "" {
			parts = append(parts, base)
		}
		parts = append(parts, extra...)
		if len(parts) == 0 {
			return "'none'"
		}
		return strings.Join(parts, " ")
	}
	return strings.Join([]string{
		"default-src 'self'",
		"img-src 'self' data:",
		"media-src 'self'", // videos and their captions come from the site only
		"style-src " + join("'self'", s.StyleOrigins()),
		"script-src " + join("'self'", script),
		"frame-src " + join("", frame),
		"connect-src " + join("'self'", connect),
		"form-action " + join("'self'", s.FormAction()),
		"base-uri 'self'",
		"object-src 'none'",
	}, "; ")
}
