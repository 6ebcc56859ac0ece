package feedback

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/klartext/klartext/generator/grammar"
)

// The plain form's field names. formData writes the form with them and
// ParseSubmission accepts exactly them: the published form and the receiver
// (klartext feedback serve) share this one definition.
const (
	FieldKind     = "kind"
	FieldComment  = "comment"
	FieldEmail    = "email"
	FieldHoneypot = "website" // must stay empty: people do not see it, bots fill it in
	FieldPage     = "page"
	FieldURL      = "url"
	FieldTitle    = "title"
	FieldVideo    = "video" // once per video of the page (PageRef.Videos), its title
	FieldRedirect = "redirect"
	FieldToken    = "token" // the receiver's signed start time, see package feedbackserver
)

// The form's limits, in UTF-16 code units: what a browser's maxlength counts.
const (
	CommentMaxLen = 5000
	EmailMaxLen   = grammar.EmailMaxLen // RFC 5321's limit of a forward path, less the brackets
	PathMaxLen    = 2048
	TitleMaxLen   = 500 // the page's title, and each video's
	TokenMaxLen   = 200
)

// VideoMaxCount is how many videos one form names at most: a page with
// more names its first VideoMaxCount (FormVideos).
const VideoMaxCount = 20

// FormKinds are the kinds a reader chooses in the form. Kind Comment is not
// among them: it is what comments imported from a comment service are
// until an editor classifies them.
var FormKinds = []Kind{Praise, Criticism, Question}

// FormField is one field of the plain form as the receiver accepts it.
type FormField struct {
	Name     string
	MaxLen   int      // UTF-16 code units; 0 for the honeypot, which must be empty
	Values   []string // the only values a radio group sends; nil for text
	Required bool     // must be sent and not be empty
	Lines    bool     // may hold line breaks (the comment)
	// Repeat is how often the field may be sent, each time with another
	// non-empty value (the videos); 0 for once at most.
	Repeat int
}

// times is how often the field may be sent.
func (f FormField) times() int { return max(1, f.Repeat) }

// FormFields lists every field the form sends, in the form's order.
func FormFields() []FormField {
	kinds := make([]string, len(FormKinds))
	for i, k := range FormKinds {
		kinds[i] = string(k)
	}
	fields := []FormField{{Name: FieldKind, MaxLen: 20, Values: kinds, Required: true}}
	for _, f := range Factors {
		fields = append(fields, FormField{Name: f, MaxLen: 1, Values: ratingValues})
	}
	return append(fields,
		FormField{Name: FieldComment, MaxLen: CommentMaxLen, Lines: true},
		FormField{Name: FieldEmail, MaxLen: EmailMaxLen},
		FormField{Name: FieldHoneypot},
		FormField{Name: FieldPage, MaxLen: PathMaxLen, Required: true},
		FormField{Name: FieldURL, MaxLen: PathMaxLen},
		FormField{Name: FieldTitle, MaxLen: TitleMaxLen},
		FormField{Name: FieldVideo, MaxLen: TitleMaxLen, Repeat: VideoMaxCount},
		FormField{Name: FieldRedirect, MaxLen: PathMaxLen},
		FormField{Name: FieldToken, MaxLen: TokenMaxLen},
	)
}

// ratingValues are a factor's radio values: "" is "keine Angabe".
var ratingValues = []string{"", "1", "2", "3", "4", "5"}

// MaxBodyBytes is the largest urlencoded body the form can produce: every
// field at its limit, each code unit percent-encoded as up to three bytes
// (9 characters), a line break sent as CRLF (6); a repeated field as
// often as it may be sent.
func MaxBodyBytes() int {
	n := 0
	for _, f := range FormFields() {
		n += f.times() * (len(f.Name) + 2 + 9*f.MaxLen)
	}
	return n
}

// Submission is one accepted form submission.
type Submission struct {
	Page     string // canonical path
	Title    string
	Videos   []string // the titles of the videos the page showed, in the page's order; nil for none
	Kind     Kind
	Ratings  [5]int // 0 = not given
	Comment  string // line breaks as \n, trimmed
	Email    string // optional: only for a reply
	URL      string
	Redirect string
	Token    string
}

// FieldError says why a submission is refused; Field is the field's name
// ("" for the body as a whole) and Code a stable word for programs.
type FieldError struct {
	Field, Code, Message string
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// The codes of FieldError.
const (
	CodeUnknownField   = "unknown-field"
	CodeDuplicateField = "duplicate-field"
	CodeTooMany        = "too-many" // a repeatable field sent more often than it may be
	CodeMissingField   = "missing-field"
	CodeTooLong        = "too-long"
	CodeInvalidValue   = "invalid-value"
	CodeInvalidUTF8    = "invalid-utf8"
	CodeHoneypot       = "honeypot"
)

// UTF16Len is the length of s as a browser's maxlength counts it.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// ParseSubmission checks a submitted form against FormFields: no field it
// does not name, none more often than it may be sent, none too long, radio
// values from their groups, valid UTF-8 without control characters, an
// empty honeypot, a canonical page path, a plain e-mail address
// (grammar.Email), each video named once. The first problem found (in the
// form's order, unknown fields first) is returned.
func ParseSubmission(v url.Values) (Submission, *FieldError) {
	var s Submission
	fields := FormFields()
	var unknown []string
	for name := range v {
		if !slices.ContainsFunc(fields, func(f FormField) bool { return f.Name == name }) {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		name := unknown[0]
		if !utf8.ValidString(name) {
			return s, &FieldError{Code: CodeInvalidUTF8, Message: "a field name is not valid UTF-8"}
		}
		return s, &FieldError{Field: name, Code: CodeUnknownField, Message: fmt.Sprintf("the form has no field %q", name)}
	}
	values := map[string]string{}
	repeated := map[string][]string{}
	for _, f := range fields {
		vals := v[f.Name]
		switch {
		case len(vals) > 1 && f.Repeat == 0:
			return s, &FieldError{Field: f.Name, Code: CodeDuplicateField, Message: fmt.Sprintf("sent %d times", len(vals))}
		case len(vals) > f.times():
			return s, &FieldError{Field: f.Name, Code: CodeTooMany, Message: fmt.Sprintf("sent %d times, at most %d", len(vals), f.times())}
		case len(vals) == 0 && f.Repeat == 0:
			vals = []string{""} // checked as empty: it may be required
		}
		for _, val := range vals {
			val, ferr := checkValue(f, val)
			if ferr != nil {
				return s, ferr
			}
			if f.Repeat == 0 {
				values[f.Name] = val
				continue
			}
			switch val = strings.TrimSpace(val); {
			case val == "":
				return s, &FieldError{Field: f.Name, Code: CodeInvalidValue, Message: "empty"}
			case slices.Contains(repeated[f.Name], val):
				return s, &FieldError{Field: f.Name, Code: CodeDuplicateField, Message: fmt.Sprintf("%q is sent twice", val)}
			}
			repeated[f.Name] = append(repeated[f.Name], val)
		}
	}
	s.Videos = repeated[FieldVideo]
	s.Kind = Kind(values[FieldKind])
	for i, f := range Factors {
		if r := values[f]; r != "" {
			s.Ratings[i], _ = strconv.Atoi(r)
		}
	}
	s.Comment = strings.TrimSpace(values[FieldComment])
	page, perr := CanonicalPath(values[FieldPage])
	if perr != "" || strings.Contains(values[FieldPage], "://") {
		if perr == "" {
			perr = "not a path starting with /"
		}
		return s, &FieldError{Field: FieldPage, Code: CodeInvalidValue, Message: perr}
	}
	s.Page = page
	s.Title = strings.TrimSpace(values[FieldTitle])
	if email := strings.TrimSpace(values[FieldEmail]); email != "" {
		if err := grammar.Email(email); err != nil {
			return s, &FieldError{Field: FieldEmail, Code: CodeInvalidValue, Message: "the address " + err.(*grammar.Error).Msg.String() + " (write it as name@example.com)"}
		}
		s.Email = email
	}
	for _, f := range []struct {
		name string
		to   *string
	}{{FieldURL, &s.URL}, {FieldRedirect, &s.Redirect}} {
		raw := strings.TrimSpace(values[f.name])
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
			return s, &FieldError{Field: f.name, Code: CodeInvalidValue, Message: "not an absolute http(s) URL"}
		}
		*f.to = raw
	}
	s.Token = strings.TrimSpace(values[FieldToken])
	return s, nil
}

// checkValue checks one value of field f as sent (val is "" for a field
// not sent): UTF-8, control characters, the honeypot, the length, a radio
// group's values, a required field. It returns the value with a
// textarea's CRLF line breaks as LF.
func checkValue(f FormField, val string) (string, *FieldError) {
	if !utf8.ValidString(val) {
		return "", &FieldError{Field: f.Name, Code: CodeInvalidUTF8, Message: "not valid UTF-8"}
	}
	if f.Lines {
		val = strings.ReplaceAll(val, "\r\n", "\n") // browsers send a textarea's line breaks as CRLF; maxlength counts LF
	}
	if bad := controlChar(val, f.Lines); bad >= 0 {
		return "", &FieldError{Field: f.Name, Code: CodeInvalidValue, Message: fmt.Sprintf("holds the control character U+%04X", bad)}
	}
	if f.Name == FieldHoneypot {
		if val != "" {
			return "", &FieldError{Field: f.Name, Code: CodeHoneypot, Message: "this field must stay empty"}
		}
		return "", nil
	}
	if n := UTF16Len(val); n > f.MaxLen {
		return "", &FieldError{Field: f.Name, Code: CodeTooLong, Message: fmt.Sprintf("%d characters, at most %d", n, f.MaxLen)}
	}
	if f.Values != nil && !slices.Contains(f.Values, val) {
		if val == "" && f.Required {
			return "", &FieldError{Field: f.Name, Code: CodeMissingField, Message: "required"}
		}
		return "", &FieldError{Field: f.Name, Code: CodeInvalidValue, Message: fmt.Sprintf("%q is not one of %s", val, strings.Join(f.Values, ", "))}
	}
	if f.Required && strings.TrimSpace(val) == "" {
		return "", &FieldError{Field: f.Name, Code: CodeMissingField, Message: "required"}
	}
	return val, nil
}

// FormVideos are the video titles a page's form names, from the titles of
// its videos in the page's order: trimmed, each once, without empty ones,
// each cut to TitleMaxLen, the first VideoMaxCount — what ParseSubmission
// accepts.
func FormVideos(titles []string) []string {
	var out []string
	for _, t := range titles {
		t = strings.TrimSpace(cutUTF16(strings.TrimSpace(t), TitleMaxLen))
		if t == "" || slices.Contains(out, t) {
			continue
		}
		if len(out) == VideoMaxCount {
			break
		}
		out = append(out, t)
	}
	return out
}

// cutUTF16 cuts s to at most n UTF-16 code units, at a character boundary.
func cutUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		w := 1
		if r > 0xFFFF {
			w = 2
		}
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}

// controlChar returns the first control character of s (a tab is fine, a
// line break where lines allows it), or -1.
func controlChar(s string, lines bool) rune {
	for _, r := range s {
		if r == '\t' || (lines && r == '\n') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return r
		}
	}
	return -1
}
