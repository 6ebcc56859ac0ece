package frontmatter

import (
	"bytes"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Plain front matter. Nearly every page's front matter is a flat list of
// "key: value" lines: plain words, double-quoted text, dates and flow lists
// of plain words. yaml.v3 takes about 20 µs for such a block — an eighth
// of a build's CPU on a site of short pages; plainYAML builds the same
// yaml.Node tree directly and returns ok false for anything beyond that
// form (comments, block lists, numbers, escapes, anchors, tabs, a key
// given twice ...), which goes to yaml.v3. FuzzPlainYAML checks that the
// trees are equal wherever plainYAML answers.

// plainYAML returns the mapping node yaml.v3 would decode src into.
func plainYAML(src []byte) (root *yaml.Node, ok bool) {
	root = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	seen := map[string]bool{}
	for n, line := range bytes.Split(src, []byte("\n")) {
		if len(bytes.TrimLeft(line, " ")) == 0 {
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon < 1 || !plainKey(line[:colon]) || colon+2 >= len(line) || line[colon+1] != ' ' {
			return nil, false
		}
		key := string(line[:colon])
		if seen[key] {
			return nil, false // yaml.v3 reports it
		}
		seen[key] = true
		start := colon + 1
		for start < len(line) && line[start] == ' ' {
			start++
		}
		if start == len(line) {
			return nil, false // no value: null, or a block below
		}
		value := plainValue(line[start:], n+1, start+1)
		if value == nil {
			return nil, false
		}
		if len(root.Content) == 0 {
			root.Line, root.Column = n+1, 1
		}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: n + 1, Column: 1}, value)
	}
	return root, len(root.Content) > 0
}

// plainKey: lower-case letters and underscores, as every key of the
// content model, and short (YAML allows a simple key 1,024 characters).
func plainKey(k []byte) bool {
	if len(k) > 64 {
		return false
	}
	for i, c := range k {
		if !(c >= 'a' && c <= 'z' || c == '_' && i > 0) {
			return false
		}
	}
	return true
}

// plainValue returns the node of a value at line and column (1-based, the
// prefix being ASCII), or nil.
func plainValue(v []byte, line, col int) *yaml.Node {
	switch v[0] {
	case '"':
		s := v[1:]
		end := bytes.IndexByte(s, '"')
		if end < 0 || end+1 != len(s) || bytes.IndexByte(s[:end], '\\') >= 0 || !plainRunes(s[:end], "") {
			return nil
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Tag: "!!str", Value: string(s[:end]), Line: line, Column: col}
	case '[':
		if v[len(v)-1] != ']' {
			return nil
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: line, Column: col}
		inner := v[1 : len(v)-1]
		if len(bytes.Trim(inner, " ")) == 0 {
			if len(inner) > 0 {
				return nil
			}
			return seq
		}
		at := col + 1
		for _, item := range bytes.Split(inner, []byte(",")) {
			lead := len(item) - len(bytes.TrimLeft(item, " "))
			word := bytes.TrimRight(item[lead:], " ")
			if !plainWord(word, "") || !flowWord(word) {
				return nil
			}
			seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(word),
				Line: line, Column: at + utf8.RuneCount(item[:lead])})
			at += utf8.RuneCount(item) + 1
		}
		return seq
	}
	if isDate(v) {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: string(v), Line: line, Column: col}
	}
	if !plainWord(v, "") {
		return nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(v), Line: line, Column: col}
}

// plainWord is a plain scalar that YAML reads as the string it is: it
// starts with a letter, holds letters, digits, spaces and harmless
// punctuation (none of exclude), does not end in a space and is not one of
// YAML's words for true, false and null.
func plainWord(w []byte, exclude string) bool {
	if len(w) == 0 || w[len(w)-1] == ' ' {
		return false
	}
	r, _ := utf8.DecodeRune(w)
	if !unicode.IsLetter(r) {
		return false
	}
	switch string(w) {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return false
	}
	return plainRunes(w, "\"#:"+exclude)
}

// flowWord is a list item of letters, digits, spaces, "-", "_" and ".":
// in a flow list most other punctuation means something to YAML.
func flowWord(w []byte) bool {
	for _, r := range string(w) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '-' && r != '_' && r != '.' {
			return false
		}
	}
	return true
}

// plainRunes: printable text without line breaks of any kind, tabs or any
// of exclude.
func plainRunes(s []byte, exclude string) bool {
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		s = s[size:]
		switch {
		case r == utf8.RuneError, r < ' ', r == 0x7f, r >= 0x80 && r < 0xa0,
			r == 0x2028, r == 0x2029, r == 0xfeff, r >= 0xd800 && r < 0xe000, r == 0xfffe, r == 0xffff:
			return false
		case r < utf8.RuneSelf && bytes.IndexByte([]byte(exclude), byte(r)) >= 0:
			return false
		}
	}
	return true
}

// isDate is a YYYY-MM-DD date, which YAML reads as a timestamp.
func isDate(v []byte) bool {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return false
	}
	_, err := time.Parse("2006-01-02", string(v))
	return err == nil
}
