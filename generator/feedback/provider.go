package feedback

import (
	"slices"
	"strings"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/grammar"
	"github.com/klartext/klartext/generator/registry"
)

// ProviderDef is one feedback service, each in a file of its own
// (provider_<name>.go): the keys it takes under feedback: in site.yaml,
// how their values are checked, the origins the Content-Security-Policy
// must allow for it, and what the page creates for it. The list of
// providers, the settings' validation and messages, the CSP and the
// widget are made from the registry; the theme's js/feedback.js creates
// any provider's embed from its data (Embed), with no code per provider.
type ProviderDef struct {
	Name     Provider
	Keys     []string // the settings it takes beyond provider, consent, lang and theme
	Required []string // of Keys, those that must be given
	// Check reads the provider's values into its fields of Settings; v
	// checks addresses and ids, reporting at their lines.
	Check func(s *Settings, v *Values)
	// Base is the address the page names the service by: its host in the
	// button's text, its origin in data-origin.
	Base func(s Settings) string
	// Origins are exactly the origins the provider needs. With consent
	// click they are still needed: the embed loads after the click.
	Origins func(s Settings) Origins
	// Embed is what js/feedback.js creates after the reader's click; nil
	// for the plain form, which the page carries itself.
	Embed func(s Settings, page PageRef, providerLang string) Embed
	// Script is the theme script the widget loads: the consent loader
	// js/feedback.js, the form's js/feedback-form.js.
	Script string
}

// Origins are a provider's origins, per directive of the CSP.
type Origins struct {
	Script, Frame, Connect, Style, FormAction []string
}

// Register adds a provider to the registry, before site.yaml is read
// (tests register services of their own); remove takes it out again.
func Register(p *ProviderDef) (remove func()) { return providers.Add(p) }

var providers = registry.New[*ProviderDef]()

// register is how each provider's file adds it.
func register(p *ProviderDef) struct{} {
	Register(p)
	return struct{}{}
}

// Providers lists the provider names, sorted, as `provider:` accepts them.
func Providers() []string {
	defs := providers.All()
	out := make([]string, 0, len(defs))
	for _, p := range defs {
		out = append(out, string(p.Name))
	}
	slices.Sort(out)
	return out
}

// Def is the registered provider of the name; nil for none.
func Def(name Provider) *ProviderDef {
	for _, p := range providers.All() {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// allKeys are the keys of every provider, for telling a key of another
// provider from an unknown one.
func allKeys() []string {
	var out []string
	for _, p := range providers.All() {
		out = append(out, p.Keys...)
	}
	return out
}

// Values are the provider's settings as written, for its Check.
type Values struct {
	vals  map[string]entry
	file  string
	errAt func(line, col int, key, format string, a ...any) *diag.Diagnostic
	warn  func(d diag.Diagnostic)
}

// Given reports whether the key is written (even empty).
func (v *Values) Given(key string) bool {
	_, ok := v.vals[key]
	return ok
}

// Text is the key's value as written, trimmed; "" when absent.
func (v *Values) Text(key string) string { return v.vals[key].value }

// URL checks an address that readers' data is sent to, or that becomes a
// source of the Content-Security-Policy: https://, a host without
// wildcard, no path in the origin (grammar.WebURL); http:// to this
// machine only, with a warning, for tests against a local server. The
// address is kept percent-encoded; "" when it is absent or refused.
func (v *Values) URL(key string) string {
	e, ok := v.vals[key]
	if !ok || e.value == "" {
		return ""
	}
	u, err := grammar.WebURL(e.value, grammar.HTTPSOrLoopback)
	if err != nil {
		ge := err.(*grammar.Error)
		d := v.errAt(e.line, e.col, key, "feedback.%s %q %s", key, e.value, ge.Msg)
		*d = d.WithHint("%s", ge.Hint)
		if ge.Hint.Empty() {
			*d = d.WithHint("write the service's full https:// address, e.g. https://comments.example-bank.de")
		}
		return ""
	}
	if u.Scheme == "http" {
		v.warn(diag.Warnf(v.file, e.line, "feedback.%s %q is http:// on this machine: fine for testing, but readers' browsers would send to their own computer", key, e.value).
			WithKey("feedback." + key).WithHint("publish the site with the service's https:// address"))
	}
	return grammar.URI(e.value)
}

// Host is a service's base URL (URL) without trailing slash.
func (v *Values) Host(key string) string { return strings.TrimRight(v.URL(key), "/") }

// Token checks an id or a name the provider's script puts into its own
// URLs and attributes.
func (v *Values) Token(key string) string {
	e := v.vals[key]
	if e.value != "" && !tokenRE.MatchString(e.value) {
		d := v.errAt(e.line, e.col, key, "feedback.%s %q is not an id or a name (letters, digits and - _ . =)", key, e.value)
		*d = d.WithHint("copy the value as the provider's set-up page shows it")
		return ""
	}
	return e.value
}

// Repo checks a GitHub repository, owner/name.
func (v *Values) Repo(key string) string {
	e, ok := v.vals[key]
	if ok && e.value != "" && !repoRE.MatchString(e.value) {
		d := v.errAt(e.line, e.col, key, "feedback.%s %q is not a GitHub repository", key, e.value)
		*d = d.WithHint("write owner/name, e.g. example-bank/feedback")
	}
	return e.value
}

// PathTerm checks giscus' mapping and utterances' issue_term: klartext
// identifies every page by its canonical path, so only pathname (or
// also, where it is the provider's equivalent, specific) is accepted.
func (v *Values) PathTerm(key string, also ...string) string {
	e, ok := v.vals[key]
	if !ok || e.value == "" || e.value == "pathname" || slices.Contains(also, e.value) {
		return "pathname"
	}
	d := v.errAt(e.line, e.col, key, "feedback.%s %q is not supported", key, e.value)
	*d = d.WithHint("klartext identifies a page by its canonical path (e.g. /products/etf-welt/); leave the key out or write pathname")
	return "pathname"
}
