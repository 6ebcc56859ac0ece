package chart

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/suggest"
)

// Spec is the body of a ```chart fence in Markdown:
//
//	type: costs-over-time
//	product: etf-welt   # optional; defaults to the page's product
type Spec struct {
	Type    string `yaml:"type"`
	Product string `yaml:"product"`
	Line    int    `yaml:"-"` // line of "type:" in the fence body (1-based)
}

// Types are the chart types a fence may name: the build's registry of
// chart kinds says which (render.ChartKinds), this package only checks a
// block against them.
type Types struct {
	Names   []string        // sorted
	Product map[string]bool // the types that accept "product"
}

func (t Types) known(typ string) bool {
	_, found := slices.BinarySearch(t.Names, typ)
	return found
}

var specKeys = []string{"product", "type"}

var productRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// SpecError is a mistake in a chart fence. Line is 1-based and relative to
// the fence body (the line after ```chart); add the fence's offset.
type SpecError struct {
	Line int
	// Msg and Hint (what to do; may be empty) are diag.Text, so that the
	// diagnostic made of the error speaks the site's language.
	Msg  diag.Text
	Hint diag.Text
}

func (e *SpecError) Error() string {
	s := e.Msg.String()
	if e.Line > 0 {
		s = "line " + strconv.Itoa(e.Line) + ": " + s
	}
	if !e.Hint.Empty() {
		s += " — " + e.Hint.String()
	}
	return s
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// ParseSpec reads a chart fence body. Keys are strict: only type and
// product; a type not among types is an error naming the known ones and
// the closest match. All errors are *SpecError.
func ParseSpec(src []byte, types Types) (Spec, error) {
	s, err := parseSpec(src, types)
	if se, ok := err.(*SpecError); ok {
		// yaml.v3 also counts a lone "\r" as a line break; the caller
		// counts "\n". Never point past the body.
		se.Line = min(max(se.Line, 1), bytes.Count(src, []byte("\n"))+1)
	}
	return s, err
}

func parseSpec(src []byte, types Types) (Spec, error) {
	if s, seen, ok := parsePlainSpec(src); ok {
		return checkSpec(s, seen, types)
	}
	return parseYAMLSpec(src, types)
}

// plainSpecLine is the form nearly every chart block has: "type: costs",
// "product: etf-welt" — a known key and a plain value YAML reads as the
// same string.
var plainSpecLine = regexp.MustCompile(`^(type|product): +([a-z0-9][a-z0-9-]*) *$`)

// parsePlainSpec reads a block of plainSpecLine lines (and blank ones)
// without YAML, which takes three parses of a chart block; ok is false for
// anything else, which goes to parseYAMLSpec. The two agree on every block
// the plain form accepts (FuzzParseSpec).
func parsePlainSpec(src []byte) (s Spec, seen map[string]int, ok bool) {
	seen = map[string]int{}
	for n, line := range bytes.Split(src, []byte("\n")) {
		if len(bytes.Trim(line, " ")) == 0 {
			continue
		}
		m := plainSpecLine.FindSubmatch(line)
		if m == nil || string(m[2]) == "null" {
			return Spec{}, nil, false
		}
		key := string(m[1])
		if _, dup := seen[key]; dup {
			return Spec{}, nil, false
		}
		seen[key] = n + 1
		if key == "type" {
			s.Type, s.Line = string(m[2]), n+1
		} else {
			s.Product = string(m[2])
		}
	}
	return s, seen, len(seen) > 0
}

// parseYAMLSpec reads a chart block as YAML.
func parseYAMLSpec(src []byte, types Types) (Spec, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			return Spec{}, &SpecError{Line: 1, Msg: diag.T("empty chart block"), Hint: diag.T("write the chart type, e.g. type: costs-over-time")}
		}
		return Spec{}, yamlError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return Spec{}, &SpecError{Line: extra.Line, Msg: diag.T("more than one YAML document in the chart block"), Hint: diag.T("remove the ---")}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return Spec{}, &SpecError{Line: 1, Msg: diag.T("empty chart block"), Hint: diag.T("write the chart type, e.g. type: costs-over-time")}
	}
	if root.Kind != yaml.MappingNode {
		return Spec{}, &SpecError{Line: root.Line, Msg: diag.T("a chart block holds keys and values, like type: costs"),
			Hint: diag.T("known keys: %s", strings.Join(specKeys, ", "))}
	}
	var s Spec
	seen := map[string]int{}
	typeLine := 0
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		if prev, dup := seen[key]; dup {
			return Spec{}, &SpecError{Line: k.Line, Msg: diag.T("%s is given twice (first on line %d)", key, prev)}
		}
		seen[key] = k.Line
		switch key {
		case "type", "product":
		default:
			e := &SpecError{Line: k.Line, Msg: diag.T("unknown key %q in chart block", key)}
			if h := suggest.Hint(key, specKeys); !h.Empty() {
				e.Hint = h
			} else {
				e.Hint = diag.T("known keys: %s", strings.Join(specKeys, ", "))
			}
			return Spec{}, e
		}
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			return Spec{}, &SpecError{Line: v.Line, Msg: diag.T("%s needs a single value, like %s: %s", key, key, map[string]string{"type": "costs", "product": "etf-welt"}[key])}
		}
		if key == "type" {
			typeLine = k.Line
		}
	}
	// The keys are known and well-formed: decode strictly (KnownFields
	// guards against the two lists above drifting apart).
	dec = yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return Spec{}, yamlError(err)
	}
	s.Line = typeLine
	s.Type = strings.TrimSpace(s.Type)
	s.Product = strings.TrimSpace(s.Product)
	return checkSpec(s, seen, types)
}

// checkSpec checks a decoded block: a known type, a product where the type
// takes one. seen holds the keys' lines.
func checkSpec(s Spec, seen map[string]int, types Types) (Spec, error) {
	typeLine := s.Line
	if typeLine == 0 || s.Type == "" {
		return Spec{}, &SpecError{Line: max(1, typeLine), Msg: diag.T("the chart block has no type"),
			Hint: diag.T("add type: one of %s", strings.Join(types.Names, ", "))}
	}
	if !types.known(s.Type) {
		e := &SpecError{Line: typeLine, Msg: diag.T("unknown chart type %q; known types: %s", s.Type, strings.Join(types.Names, ", "))}
		e.Hint = suggest.Hint(s.Type, types.Names)
		return Spec{}, e
	}
	if s.Product != "" {
		line := seen["product"]
		if !types.Product[s.Type] {
			return Spec{}, &SpecError{Line: line, Msg: diag.T("a %s chart is not about one product", s.Type), Hint: diag.T("remove product")}
		}
		if !productRE.MatchString(s.Product) {
			return Spec{}, &SpecError{Line: line, Msg: diag.T("product %q is not a product id", s.Product),
				Hint: diag.T("ids are lower-case letters, digits and hyphens, like etf-welt")}
		}
	}
	return s, nil
}

// yamlError turns a yaml.v3 error into a *SpecError with its line.
func yamlError(err error) *SpecError {
	msg := err.Error()
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg = te.Errors[0]
		if m := regexp.MustCompile(`^line (\d+): (.*)$`).FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			return &SpecError{Line: n, Msg: diag.T("%s", m[2])}
		}
	}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &SpecError{Line: n, Msg: diag.T("not valid YAML: %s", m[2])}
	}
	return &SpecError{Line: 1, Msg: diag.T("not valid YAML: %s", strings.TrimPrefix(msg, "yaml: "))}
}
