package diag

import "strings"

// catalogs are the translations of the messages by language, keyed by
// the English format as the call site passes it (gettext's msgid): a new
// message keeps its call site as it is, and its translation is one entry
// (TestEveryMessageHasItsGerman fails without it). English needs none.
var catalogs = map[string]map[string]string{
	"de": german,
}

// catalogLanguage is the language of lang ("de-CH" → "de") that has a
// catalog, "" for English or a language without one.
func catalogLanguage(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if _, ok := catalogs[base]; ok {
		return base
	}
	return ""
}

// MessageLanguage is the language Localize writes for lang: its base
// when a catalog has it ("de" for "de-AT"), else "en".
func MessageLanguage(lang string) string {
	if c := catalogLanguage(lang); c != "" {
		return c
	}
	return "en"
}

// Localize returns d in the language lang (a site's language, "de",
// "de-AT", "en"): its message and hint from that language's catalog, and
// the severity Error writes. A message the catalog lacks stays English,
// as does one changed after it was made (d.Message += …), which its format
// no longer describes.
func (d Diagnostic) Localize(lang string) Diagnostic {
	c := catalogLanguage(lang)
	d.lang = c
	if c == "" {
		return d
	}
	d.Message = translate(c, d.msg, d.Message)
	d.Hint = translate(c, d.hint, d.Hint)
	return d
}

// translate is english, made from t, in the catalog language c.
func translate(c string, t text, english string) string {
	if t.format == "" {
		return english
	}
	f, ok := catalogs[c][t.format]
	if !ok || sprint(t.format, t.args...) != english {
		return english
	}
	return sprint(f, localArgs(c, t.args)...)
}

// localArgs is args with each Text, each Texter's Text and each Word in
// the catalog language c.
func localArgs(c string, args []any) []any {
	var out []any
	for i, a := range args {
		x, ok := a.(Text)
		if t, isTexter := a.(Texter); isTexter {
			x, ok = t.Text(), true
		}
		w, isWord := a.(Word)
		if ok || isWord {
			if out == nil {
				out = append([]any(nil), args...)
			}
			if isWord {
				out[i] = w.In(c)
			} else {
				out[i] = translate(c, x.t, x.en)
			}
		}
	}
	if out == nil {
		return args
	}
	return out
}

// Word is an argument of a message whose words come from elsewhere than
// the catalogs, in every language a message is written in: a language's
// name (i18n.LanguageWord). Its String is the English, which the message
// is made with; Localize writes In(lang) instead, lang a catalog's
// language ("de").
type Word interface {
	String() string
	In(lang string) string
}

// Text is a message or a hint made before it becomes a diagnostic, as a
// parser's error (frontmatter.Error): its English, and its format and
// arguments, so that Localize translates it where a diagnostic passes it
// on as an argument (diag.Errorf(file, line, "%s", err.Msg)). The zero
// Text is empty.
type Text struct {
	en string
	t  text
}

// Texter is an error that carries its words as a Text, whose English is
// its Error() (what Err makes, i18n.UnsupportedError): a diagnostic that
// passes it on as an argument ("cannot be read: %v", err) is translated
// as with a Text.
type Texter interface {
	error
	Text() Text
}

// Err is an error in words Localize translates where a diagnostic passes
// it on as an argument (a Texter): the error of a package that an editor
// reads, such as why an SVG is refused. The format is a constant string,
// as Errorf's.
func Err(format string, a ...any) error { return &textError{T(format, a...)} }

type textError struct{ t Text }

func (e *textError) Error() string { return e.t.en }
func (e *textError) Text() Text    { return e.t }

// Unwrap is the first error among the arguments, as fmt.Errorf's %w
// would wrap it: errors.Is(diag.Err("cannot read: %v", err), fs.ErrNotExist).
func (e *textError) Unwrap() error {
	for _, a := range e.t.t.args {
		if err, ok := a.(error); ok {
			return err
		}
	}
	return nil
}

// T makes a Text, with a constant format as Errorf.
func T(format string, a ...any) Text {
	return Text{sprint(format, a...), text{format, a}}
}

// String is the English text.
func (t Text) String() string { return t.en }

// Empty reports an empty text (suggest.Hint's when nothing is close).
func (t Text) Empty() bool { return t.en == "" }

// Sprintf is fmt.Sprintf in the language lang: the catalog's translation
// of format where it has one (klartext's own lines around the
// diagnostics, the build's summary, use it, so one catalog holds every
// word the build writes). The format is a constant string, as Errorf's.
func Sprintf(lang, format string, a ...any) string {
	c := catalogLanguage(lang)
	if f, ok := catalogs[c][format]; ok {
		return sprint(f, localArgs(c, a)...)
	}
	return sprint(format, a...)
}

// LocalizeAll is Localize over a list's diagnostics.
func LocalizeAll(ds []Diagnostic, lang string) []Diagnostic {
	if catalogLanguage(lang) == "" {
		return ds
	}
	out := make([]Diagnostic, len(ds))
	for i, d := range ds {
		out[i] = d.Localize(lang)
	}
	return out
}
