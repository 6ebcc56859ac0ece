// Package frontmatter splits a content file into its front matter and its
// Markdown body, and decodes the front matter (YAML, TOML or JSON) into a
// yaml.Node that keeps every key's line in the file.
//
// Detection and splitting go through adrg/frontmatter. Its silent cases are
// made loud here: an unclosed block (which it returns as body), and a UTF-8
// byte order mark (which hides the block from it) is stripped first.
package frontmatter

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	adrg "github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// Format names the syntax of a front matter block.
type Format string

const (
	YAML Format = "yaml"
	TOML Format = "toml"
	JSON Format = "json"
)

// Document is a content file split into its parts.
type Document struct {
	Format   Format // "" when the file has no front matter
	Raw      []byte // the front matter's text, without delimiters (JSON: with braces)
	RawLine  int    // file line of Raw's first line
	Body     []byte
	BodyLine int // file line of Body's first line
}

// Error is a problem at a line of the file.
type Error struct {
	Line int
	Msg  string
	Hint string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

var bom = []byte("\xef\xbb\xbf")

// Split separates front matter and body. data may start with a UTF-8 BOM and
// use CRLF line endings.
func Split(data []byte) (Document, error) {
	data = bytes.TrimPrefix(data, bom)
	open, openLine := firstLine(data)
	var format Format
	var captured []byte
	capture := func(f Format) adrg.UnmarshalFunc {
		return func(b []byte, _ any) error {
			format = f
			captured = b
			return nil
		}
	}
	formats := []*adrg.Format{
		adrg.NewFormat("---", "---", capture(YAML)),
		adrg.NewFormat("+++", "+++", capture(TOML)),
		{Start: "{", End: "}", Unmarshal: capture(JSON), UnmarshalDelims: true, RequiresNewLine: true},
	}
	body, err := adrg.Parse(bytes.NewReader(data), nil, formats...)
	if err != nil {
		return Document{}, &Error{Line: openLine, Msg: "cannot read front matter: " + err.Error()}
	}
	if captured == nil {
		switch open {
		case "---", "+++":
			return Document{}, &Error{Line: openLine,
				Msg:  fmt.Sprintf("front matter opened with %s is never closed", open),
				Hint: fmt.Sprintf("add a line with only %s after the last key", open)}
		case "{":
			return Document{}, &Error{Line: openLine,
				Msg:  "JSON front matter is never closed",
				Hint: "end it with a line holding only } followed by an empty line"}
		}
		return Document{Body: data, BodyLine: 1}, nil
	}
	head := data[:len(data)-len(body)]
	rawLine := openLine + 1
	if format == JSON {
		rawLine = openLine
	}
	return Document{
		Format:   format,
		Raw:      captured,
		RawLine:  rawLine,
		Body:     body,
		BodyLine: bytes.Count(head, []byte("\n")) + 1,
	}, nil
}

// firstLine returns the first non-blank line, trimmed, and its number.
func firstLine(data []byte) (string, int) {
	line := 1
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		var l []byte
		if i < 0 {
			l, data = data, nil
		} else {
			l, data = data[:i], data[i+1:]
		}
		if t := bytes.TrimSpace(l); len(t) > 0 {
			return string(t), line
		}
		line++
	}
	return "", line
}

// Decode parses the front matter into a mapping node whose line numbers are
// the file's own. An empty block gives an empty mapping.
func (d Document) Decode() (*yaml.Node, error) {
	switch d.Format {
	case "":
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1}, nil
	case TOML:
		return decodeTOML(d.Raw, d.RawLine)
	}
	// JSON is YAML as far as yaml.v3 is concerned, and that gives us lines.
	var doc yaml.Node
	if err := yaml.Unmarshal(d.Raw, &doc); err != nil {
		return nil, yamlError(err, d.RawLine)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: d.RawLine}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &Error{Line: root.Line + d.RawLine - 1, Msg: "front matter must be a list of keys and values (key: value)"}
	}
	shiftLines(root, d.RawLine-1)
	return root, nil
}

func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns yaml.v3's "yaml: line 3: ..." into an Error with the
// file's line.
func yamlError(err error, offset int) *Error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return &Error{Line: n + offset - 1, Msg: "malformed YAML: " + m[2],
			Hint: "check the indentation, the colon after each key, and quote values that contain a colon"}
	}
	return &Error{Line: offset, Msg: "malformed YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

var tomlKeyLine = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*=`)

// decodeTOML decodes TOML and re-expresses it as a YAML node. TOML's decoder
// does not give key lines, so they are found by scanning the text.
func decodeTOML(raw []byte, rawLine int) (*yaml.Node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(raw), &m); err != nil {
		line := rawLine
		if pe, ok := err.(toml.ParseError); ok {
			line = pe.Position.Line + rawLine - 1
			return nil, &Error{Line: line, Msg: "malformed TOML: " + pe.Message}
		}
		return nil, &Error{Line: line, Msg: "malformed TOML: " + err.Error()}
	}
	lines := map[string]int{}
	for i, l := range strings.Split(string(raw), "\n") {
		if k := tomlKeyLine.FindStringSubmatch(l); k != nil {
			if _, seen := lines[k[1]]; !seen {
				lines[k[1]] = i + rawLine
			}
		}
	}
	var node yaml.Node
	if err := node.Encode(m); err != nil {
		return nil, &Error{Line: rawLine, Msg: "cannot read TOML front matter: " + err.Error()}
	}
	setLines(&node, rawLine)
	for i := 0; i+1 < len(node.Content); i += 2 {
		if l, ok := lines[node.Content[i].Value]; ok {
			setLines(node.Content[i], l)
			setLines(node.Content[i+1], l)
		}
	}
	return &node, nil
}

func setLines(n *yaml.Node, line int) {
	n.Line = line
	for _, c := range n.Content {
		setLines(c, line)
	}
}
