// Package video reads a ```video fenced block in Markdown and renders it as a
// privacy-friendly placeholder: a plain link to the video that works without
// JavaScript, which js/video.js turns into the embedded player on click.
// Nothing is loaded from the video host before the reader clicks (no
// thumbnail, no iframe), and the embed uses YouTube's no-cookie domain or
// Vimeo's do-not-track flag.
//
// The block:
//
//	```video
//	provider: youtube          # youtube | vimeo
//	id: dQw4w9WgXcQ            # the video's id, not its URL
//	title: So lesen Sie das Basisinformationsblatt
//	transcript: transkript-basisinfo.md   # optional: URL or Markdown file
//	```
//
// The theme's CSS draws the placeholder; RenderHTML's classes are
// figure.video, .video-frame, a.video-link, .video-play, .video-title,
// .video-privacy and a.video-transcript.
package video

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/suggest"
)

// Providers are the accepted values of provider.
var Providers = []string{"vimeo", "youtube"}

// Keys are the accepted keys of a video block, sorted.
var Keys = []string{"id", "provider", "title", "transcript"}

// Spec is a video block as written.
type Spec struct {
	Provider   string `yaml:"provider"`   // "youtube" or "vimeo" (lower case after ParseSpec)
	ID         string `yaml:"id"`         // the provider's video id
	Title      string `yaml:"title"`      // required: the iframe's title and the caption
	Transcript string `yaml:"transcript"` // optional: a URL or a relative .md path, kept as written
}

// Error is one problem in a video block. Line is 1-based within the fence
// body (the line after ```video is line 1), or 0 when the problem concerns
// the whole block; the caller adds the line of the opening fence to get the
// line in the file.
type Error struct {
	Line    int
	Key     string // the key at fault, if any
	Message string
	Hint    string // what to do; may be empty
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	b.WriteString(e.Message)
	if e.Hint != "" {
		b.WriteString(" — ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Errors is every problem found in one block, in line order. ParseSpec's
// error is always of this type, so one build shows all of them.
type Errors []*Error

func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "; ")
}

// maxSpecBytes bounds the block, so no pathological YAML is parsed.
const maxSpecBytes = 8 << 10

var (
	youtubeID = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	vimeoID   = regexp.MustCompile(`^[0-9]{1,12}$`)
	yamlLine  = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	typeLine  = regexp.MustCompile(`^\s*line (\d+): (.*)$`)
)

// ParseSpec reads the YAML body of a ```video block (without the fence
// lines). Unknown keys, duplicate keys, non-text values, a missing
// provider, id or title, and an id that does not fit the provider are
// errors; the error is an Errors value with the line of each problem.
// The provider is accepted in any case ("YouTube") and returned lower case;
// all values are trimmed.
func ParseSpec(src []byte) (Spec, error) {
	var errs Errors
	add := func(line int, key, hint, format string, a ...any) {
		errs = append(errs, &Error{Line: line, Key: key, Message: fmt.Sprintf(format, a...), Hint: hint})
	}

	if len(src) > maxSpecBytes {
		add(0, "", "a video block has four short lines", "the video block is longer than %d bytes", maxSpecBytes)
		return Spec{}, errs
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			add(0, "", "write provider, id and title, one per line", "the video block is empty")
			return Spec{}, errs
		}
		return Spec{}, Errors{yamlError(err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		add(extra.Line, "", "remove the --- line", "the video block holds more than one YAML document")
		return Spec{}, errs
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		add(root.Line, "", "write provider, id and title as `key: value` lines", "the video block is not a list of keys")
		return Spec{}, errs
	}

	lines := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		switch {
		case !slices.Contains(Keys, key):
			hint := suggest.Hint(key, Keys)
			if hint == "" {
				hint = "the keys are " + strings.Join(Keys, ", ")
			}
			add(k.Line, key, hint, "unknown key %q in the video block", key)
			continue
		case lines[key] != 0:
			add(k.Line, key, "", "%s is given twice (first on line %d)", key, lines[key])
			continue
		}
		lines[key] = k.Line
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			add(v.Line, key, "", "%s must be a single text value", key)
		}
	}
	if len(errs) > 0 {
		return Spec{}, errs
	}

	// Strict decode as well: KnownFields catches anything the walk above
	// let through, and yaml decodes the scalars.
	var s Spec
	strict := yaml.NewDecoder(bytes.NewReader(src))
	strict.KnownFields(true)
	if err := strict.Decode(&s); err != nil {
		return Spec{}, Errors{yamlError(err)}
	}
	s.Provider = strings.ToLower(strings.TrimSpace(s.Provider))
	s.ID = strings.TrimSpace(s.ID)
	s.Title = strings.TrimSpace(s.Title)
	s.Transcript = strings.TrimSpace(s.Transcript)

	line := func(key string) int { return lines[key] } // 0 when the key is missing
	switch s.Provider {
	case "youtube", "vimeo":
		if s.ID == "" {
			add(line("id"), "id", "copy it from the video's address", "the video block needs the %s id", s.Provider)
		} else if !validID(s.Provider, s.ID) {
			add(line("id"), "id", idHint(s.Provider, s.ID), "%q is not a %s video id", s.ID, providerName(s.Provider))
		}
	case "":
		add(line("provider"), "provider", "write provider: youtube or provider: vimeo", "the video block needs a provider")
	default:
		hint := suggest.Hint(s.Provider, Providers)
		if hint == "" {
			hint = "write youtube or vimeo"
		}
		add(line("provider"), "provider", hint, "provider %q is not youtube or vimeo", s.Provider)
	}
	if s.Title == "" {
		add(line("title"), "title", "the title names the video for screen readers and in the caption", "the video block needs a title")
	}
	if s.Transcript != "" && !safeLink(s.Transcript) {
		add(line("transcript"), "transcript", "write an https:// address or the path of a Markdown file, e.g. transkript.md", "transcript %q is not a web address or a file path", s.Transcript)
	}
	if len(errs) > 0 {
		return Spec{}, errs
	}
	return s, nil
}

// safeLink accepts an http(s) URL or a relative reference (a path with an
// optional #fragment); other schemes (javascript:, data:) are refused.
func safeLink(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "":
		return u.Host == "" && u.Opaque == ""
	case "http", "https":
		return u.Host != ""
	}
	return false
}

func validID(provider, id string) bool {
	switch provider {
	case "youtube":
		return youtubeID.MatchString(id)
	case "vimeo":
		return vimeoID.MatchString(id)
	}
	return false
}

func providerName(p string) string {
	if p == "youtube" {
		return "YouTube"
	}
	return "Vimeo"
}

// idHint says what a valid id looks like, and names the id when the
// editor pasted the video's address instead.
func idHint(provider, id string) string {
	if u, err := url.Parse(id); err == nil && u.Host != "" {
		var cand string
		switch provider {
		case "youtube":
			cand = u.Query().Get("v")
			if cand == "" {
				cand = lastSegment(u.Path)
			}
		case "vimeo":
			cand = lastSegment(u.Path)
		}
		if validID(provider, cand) {
			return "write only the id: id: " + cand
		}
	}
	if provider == "youtube" {
		return "a YouTube id has 11 letters, digits, - or _, as after v= in the video's address"
	}
	return "a Vimeo id is the number at the end of the video's address"
}

func lastSegment(p string) string {
	p = strings.TrimRight(p, "/")
	return p[strings.LastIndex(p, "/")+1:]
}

// yamlError turns a yaml.v3 error into an Error with its line.
func yamlError(err error) *Error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{Line: n, Message: "the video block is not valid YAML: " + m[2]}
	}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		if m := typeLine.FindStringSubmatch(te.Errors[0]); m != nil {
			n, _ := strconv.Atoi(m[1])
			return &Error{Line: n, Message: "the video block: " + m[2]}
		}
	}
	return &Error{Message: "the video block is not valid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

// EmbedData is what the page needs to show a video.
type EmbedData struct {
	Provider   string // "youtube" or "vimeo"
	WatchURL   string // the video on the host's own site; the link without JavaScript
	EmbedURL   string // the player, loaded only after a click
	Origin     string // scheme and host of EmbedURL, for the CSP's frame-src
	Host       string // the host named in the privacy note
	Title      string
	Transcript string // as written in the block; the caller resolves a .md path to its page URL
}

// Embed returns the URLs for a spec that ParseSpec accepted. YouTube videos
// play from youtube-nocookie.com, Vimeo videos with dnt=1; both autoplay,
// since the reader already clicked play on the placeholder.
func Embed(s Spec) EmbedData {
	d := EmbedData{Provider: s.Provider, Title: s.Title, Transcript: s.Transcript}
	id := url.PathEscape(s.ID)
	switch s.Provider {
	case "vimeo":
		d.WatchURL = "https://vimeo.com/" + id
		d.EmbedURL = "https://player.vimeo.com/video/" + id + "?dnt=1&autoplay=1"
		d.Origin = "https://player.vimeo.com"
		d.Host = "vimeo.com"
	default:
		d.WatchURL = "https://www.youtube.com/watch?v=" + url.QueryEscape(s.ID)
		d.EmbedURL = "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1"
		d.Origin = "https://www.youtube-nocookie.com"
		d.Host = "youtube-nocookie.com"
	}
	return d
}

// FrameOrigins returns the origins a page's Content-Security-Policy must
// allow in frame-src for these videos, sorted and without duplicates.
func FrameOrigins(ds []EmbedData) []string {
	var out []string
	for _, d := range ds {
		if d.Origin != "" && !slices.Contains(out, d.Origin) {
			out = append(out, d.Origin)
		}
	}
	slices.Sort(out)
	return out
}
