// Package frontmatter splits a content file into its front matter and its
// Markdown body, and decodes the front matter (YAML, TOML or JSON) into a
// yaml.Node that keeps every key's line in the file.
//
// Detection and splitting go through adrg/frontmatter. Its silent cases are
// made loud here: an unclosed block (which it returns as body), and a UTF-8
// byte order mark (which hides the block from it) is stripped first.
//
// YAML front matter of the plain form nearly every page has is read into
// the same tree without yaml.v3, four times faster (plain.go).
package frontmatter

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	adrg "github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
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
	// Msg and Hint are diag.Text, so that the diagnostic made of the
	// error speaks the site's language (diag.Localize).
	Msg  diag.Text
	Hint diag.Text
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

var bom = []byte("\xef\xbb\xbf")

// Split separates front matter and body. data may start with a UTF-8 BOM and
// use CRLF line endings.
func Split(data []byte) (Document, error) { return split(data, true) }

// split is Split; with stopEarly false adrg reads the whole file, as it
// would on its own (the reference the tests compare with).
func split(data []byte, stopEarly bool) (Document, error) {
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
	in := &headReader{data: data, done: func() bool { return stopEarly && captured != nil }}
	br := lineReaders.Get().(*bufio.Reader)
	br.Reset(in)
	rest, err := adrg.Parse(br, nil, formats...)
	br.Reset(nil)
	lineReaders.Put(br)
	if err != nil {
		return Document{}, &Error{Line: openLine, Msg: diag.T("cannot read front matter: %v", err)}
	}
	// adrg returns what it read after the block; everything it was given
	// ended up in its buffer, so the body starts that much before the end
	// of what it read.
	body := data[in.off-len(rest):]
	if captured == nil {
		switch open {
		case "---", "+++":
			return Document{}, &Error{Line: openLine,
				Msg:  diag.T("front matter opened with %s is never closed", open),
				Hint: diag.T("add a line with only %s after the last key", open)}
		case "{":
			return Document{}, &Error{Line: openLine,
				Msg:  diag.T("JSON front matter is never closed"),
				Hint: diag.T("end it with a line holding only } followed by an empty line")}
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

// lineReaders are the buffered readers adrg reads lines with: it wraps its
// input in a new 4 KB bufio.Reader unless it is given one.
var lineReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}

// headReader hands adrg the file a line at a time and ends it once the
// front matter is captured: adrg copies everything it reads into a growing
// buffer, and the body is the file's tail anyway (a third of the load
// phase's garbage).
type headReader struct {
	data []byte
	off  int
	done func() bool
}

func (r *headReader) Read(p []byte) (int, error) {
	if r.off >= len(r.data) || r.done() {
		return 0, io.EOF
	}
	line := r.data[r.off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(p, line)
	r.off += n
	return n, nil
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
	// JSON is checked by encoding/json, whose errors point at the offending
	// byte; then it is YAML as far as yaml.v3 is concerned, which gives lines.
	if d.Format == JSON {
		if e := jsonError(d.Raw, d.RawLine); e != nil {
			return nil, e
		}
	}
	if d.Format == YAML {
		if root, ok := plainYAML(d.Raw); ok {
			shiftLines(root, d.RawLine-1)
			return root, nil
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(d.Raw, &doc); err != nil {
		return nil, yamlError(d.Raw, err, d.RawLine)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: d.RawLine}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &Error{Line: root.Line + d.RawLine - 1, Msg: diag.T("front matter must be a list of keys and values (key: value)")}
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

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlParserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner). yaml.v3 reports a parser error at a 0-based line, and a scanner
// error at a 1-based one; see YAMLError.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected '-' indicator",
	"did not find expected <document start>", "did not find expected key", "did not find expected node content",
	"found duplicate %", "found incompatible YAML document", "found undefined tag handle",
}

// YAMLError turns an error of yaml.Unmarshal(raw, ...) into an Error whose
// Line is the 1-based line in raw.
//
// yaml.v3's error lines cannot be taken as they are. A scanner error names
// a 1-based line. A parser error names the 0-based line of the construct it
// was parsing (a block mapping, a flow list opened with "[") unless that is
// line 0, and then the 0-based line where the problem showed, or no line.
// For a block construct on the first line the problem's line is the useful
// one; for an unclosed flow list it is the end of the text, so that case is
// parsed again with a blank line in front, which makes yaml.v3 name the
// line of the opening bracket. Duplicate keys ("mapping key ... already
// defined at line N") come 1-based and are reworded.
func YAMLError(raw []byte, err error) *Error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		m := yamlLine.FindStringSubmatch(te.Errors[0])
		if m == nil {
			return &Error{Line: 1, Msg: diag.T("%s", te.Errors[0])}
		}
		line, _ := strconv.Atoi(m[1])
		if d := yamlDuplicate.FindStringSubmatch(m[2]); d != nil {
			return &Error{Line: max(line, 1), Msg: diag.T("the key %s is given twice (first on line %s)", d[1], d[2]),
				Hint: diag.T("remove or rename one of them")}
		}
		return &Error{Line: max(line, 1), Msg: diag.T("%s", m[2])}
	}
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return &Error{Line: 1, Msg: diag.T("%s", strings.TrimPrefix(err.Error(), "yaml: "))}
	}
	line, _ := strconv.Atoi(m[1])
	msg := m[2]
	parser := false
	for _, p := range yamlParserProblems {
		if strings.HasPrefix(msg, p) {
			parser = true
		}
	}
	switch {
	case strings.HasPrefix(msg, "did not find expected ',' or "):
		var v any
		if again := yaml.Unmarshal(append([]byte("\n"), raw...), &v); again != nil {
			if m := yamlLine.FindStringSubmatch(again.Error()); m != nil && m[2] == msg {
				line, _ = strconv.Atoi(m[1])
			} else {
				line++
			}
		}
	case msg == "found unexpected end of stream":
		// A quoted value never closed: name the line it opened on, which
		// the scanner names (1-based) once it is not line 0.
		var v any
		if again := yaml.Unmarshal(append([]byte("\n"), raw...), &v); again != nil {
			if m := yamlLine.FindStringSubmatch(again.Error()); m != nil && m[2] == msg {
				line, _ = strconv.Atoi(m[1])
				line--
			}
		}
	case parser:
		line++
	}
	// A problem at the end of the text is named one line past it.
	return &Error{Line: min(max(line, 1), LineCount(raw)), Msg: diag.T("%s", msg)}
}

// LineCount is the number of lines in raw as YAML counts them: "\r\n", "\r"
// and "\n" each end a line; text after the last break is one more line
// (an empty text is one line).
func LineCount(raw []byte) int {
	n := 0
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			n++
		case '\n':
			n++
		}
	}
	if len(raw) == 0 || (raw[len(raw)-1] != '\n' && raw[len(raw)-1] != '\r') {
		n++
	}
	return n
}

var yamlDuplicate = regexp.MustCompile(`^mapping key (".*") already defined at line (\d+)$`)

// yamlError is YAMLError for front matter starting at file line offset.
func yamlError(raw []byte, err error, offset int) *Error {
	e := YAMLError(raw, err)
	e.Line += offset - 1
	e.Msg = diag.T("malformed YAML: %s", e.Msg)
	if e.Hint.String() == "" {
		e.Hint = diag.T("check the indentation, the colon after each key, and quote values that contain a colon")
	}
	return e
}

// jsonError reports a JSON syntax error at the line of the offending byte.
func jsonError(raw []byte, offset int) *Error {
	var v any
	err := json.Unmarshal(raw, &v)
	if err == nil {
		return nil
	}
	e := &Error{Line: 1, Msg: diag.T("malformed JSON: %v", err),
		Hint: diag.T("check the commas between entries and the quotes around keys and text")}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		at := min(int(se.Offset), len(raw))
		// encoding/json's offset is just past the offending byte.
		if at > 0 {
			at--
		}
		e.Line = 1 + bytes.Count(raw[:at], []byte("\n"))
	}
	e.Line += offset - 1
	return e
}

// JSONError checks raw as JSON and returns an Error at the line of the
// first syntax error, or nil.
func JSONError(raw []byte) *Error { return jsonError(raw, 1) }

var tomlKeyLine = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*=`)

// decodeTOML decodes TOML and re-expresses it as a YAML node. TOML's decoder
// does not give key lines, so they are found by scanning the text.
func decodeTOML(raw []byte, rawLine int) (*yaml.Node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(raw), &m); err != nil {
		line := rawLine
		if pe, ok := err.(toml.ParseError); ok {
			line = pe.Position.Line + rawLine - 1
			return nil, &Error{Line: line, Msg: diag.T("malformed TOML: %s", pe.Message),
				Hint: diag.T(`quote text values (title = "…") and write dates as 2026-03-01`)}
		}
		return nil, &Error{Line: line, Msg: diag.T("malformed TOML: %v", err)}
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
		return nil, &Error{Line: rawLine, Msg: diag.T("cannot read TOML front matter: %v", err)}
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
