package content

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"
)

// TeaserLength is the most characters a teaser has, " …" not counted.
const TeaserLength = 200

// teaser takes the first paragraph of Markdown as plain text, cut at a word
// boundary: good enough for list teasers and meta descriptions, and far
// cheaper than rendering. Headings, tables, fences, quotes, lists and
// footnotes before the first paragraph are skipped, and end it.
func teaser(md []byte, limit int) string {
	var para []byte
	for line := range bytes.Lines(md) {
		t := bytes.TrimSpace(line)
		if len(t) == 0 {
			if len(para) > 0 {
				break
			}
			continue
		}
		if t[0] == '#' || t[0] == '|' || t[0] == '>' || bytes.HasPrefix(t, []byte("```")) ||
			bytes.HasPrefix(t, []byte("- ")) || bytes.HasPrefix(t, []byte("* ")) || bytes.HasPrefix(t, []byte("[^")) {
			if len(para) > 0 {
				break
			}
			continue
		}
		if len(para) > 0 {
			para = append(para, ' ')
		}
		para = append(para, t...)
	}
	text := stripInline(para)
	if utf8.RuneCountInString(text) <= limit {
		return text
	}
	// the first limit characters (the file is valid UTF-8), cut at a space
	end, n := 0, 0
	for end < len(text) && n < limit {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
		n++
	}
	head := text[:end]
	cut := strings.LastIndex(head, " ")
	if cut < limit/2 {
		cut = len(head)
	}
	return strings.TrimRight(head[:cut], ",;:") + " …"
}

// stripInline removes Markdown emphasis and link syntax: "[a](b)" → "a".
func stripInline(s []byte) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '*', '_', '`':
			continue
		case '[':
			if bytes.HasPrefix(s[i:], []byte("[^")) { // footnote reference
				if j := bytes.IndexByte(s[i:], ']'); j > 0 {
					i += j
					continue
				}
			}
			continue
		case ']':
			if i+1 < len(s) && s[i+1] == '(' {
				if j := bytes.IndexByte(s[i:], ')'); j > 0 {
					i += j
					continue
				}
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// fenceWords returns the info words of the fenced blocks in md ("chart" for
// a block opened by "```chart"), sorted, each once. It reads the first word
// after every run of three or more backticks or tildes, wherever the run
// is, so it finds every fence the Markdown renderer finds (in quotes and
// lists too); what it finds beyond those (a code span of three backticks)
// costs a page at most a script it does not use.
func fenceWords(md []byte) []string {
	var words []string
	for i := 0; i < len(md); {
		k := bytes.IndexAny(md[i:], "`~")
		if k < 0 {
			break
		}
		start := i + k
		end := start
		for end < len(md) && md[end] == md[start] {
			end++
		}
		i = end
		if end-start < 3 {
			continue
		}
		rest := md[end:]
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			rest = rest[:nl]
		}
		f := bytes.Fields(rest)
		if len(f) == 0 {
			continue // a closing fence, or one without info
		}
		if !hasWord(words, f[0]) {
			words = append(words, string(f[0]))
		}
	}
	sort.Strings(words)
	return words
}

func hasWord(words []string, w []byte) bool {
	for _, x := range words {
		if x == string(w) {
			return true
		}
	}
	return false
}

// FencedBlocks returns the bodies of the fenced blocks in md whose info
// word is info (the block opened by "```video" or "~~~ video" for
// "video"), read as the Markdown renderer reads them: opened by a run of
// three or more backticks or tildes at most three spaces into a line,
// closed by a line holding a run of the same character at least as long,
// or by the end of the text.
func FencedBlocks(md []byte, info string) [][]byte {
	var blocks [][]byte
	for _, b := range FencedBlockLines(md, info) {
		blocks = append(blocks, b.Body)
	}
	return blocks
}

// Fenced is a fenced block's body and the line of md its body starts on
// (1-based: the line after the opening fence).
type Fenced struct {
	Line int
	Body []byte
}

// FencedBlockLines is FencedBlocks with each body's first line.
func FencedBlockLines(md []byte, info string) []Fenced {
	var blocks []Fenced
	var open []byte // the opening run while inside a block
	var cur Fenced
	n := 0
	for line := range bytes.Lines(md) {
		n++
		trimmed := bytes.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		run := FenceRun(trimmed)
		switch {
		case open == nil && indent <= 3 && run != nil:
			if f := bytes.Fields(trimmed[len(run):]); len(f) > 0 && string(f[0]) == info {
				open, cur = run, Fenced{Line: n + 1}
			}
		case open != nil && indent <= 3 && run != nil && run[0] == open[0] && len(run) >= len(open) &&
			len(bytes.TrimSpace(trimmed[len(run):])) == 0:
			blocks = append(blocks, cur)
			open = nil
		case open != nil:
			cur.Body = append(cur.Body, line...)
		}
	}
	if open != nil {
		blocks = append(blocks, cur)
	}
	return blocks
}

// FenceRun is the run of three or more backticks or tildes line starts
// with, or nil: how a fenced block opens and closes.
func FenceRun(line []byte) []byte {
	if len(line) < 3 || (line[0] != '`' && line[0] != '~') {
		return nil
	}
	n := 0
	for n < len(line) && line[n] == line[0] {
		n++
	}
	if n < 3 {
		return nil
	}
	return line[:n]
}
