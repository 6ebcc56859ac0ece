// Package diag holds the build's diagnostics: errors and warnings that name
// the file and line an editor has to open, and say what to do about it.
//
// Every stage of the pipeline reports into a *List instead of stopping at the
// first problem, so one build shows an editor everything that is wrong.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Severity tells whether a diagnostic fails the build.
type Severity int

const (
	// Error fails the build; nothing is published.
	Error Severity = iota
	// Warning is reported, the build still succeeds.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem in one place of the site's sources.
type Diagnostic struct {
	Severity Severity
	File     string // path relative to the site root, with forward slashes
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Column   int    // 1-based; 0 when unknown
	Message  string // what is wrong, in the editor's words
	Hint     string // what to do about it; may be empty
	Key      string // a settings key (site.yaml) or front matter key, when one is at fault

	// msg and hint are Message's and Hint's format and arguments as the
	// call site passed them: Localize looks the format up in a language's
	// catalog (gettext's way, keyed by the English format) and formats
	// the arguments again. A constant format is the caller's string, not
	// a copy, and its arguments are nil.
	msg, hint text
	// lang is the language Localize gave the diagnostic ("" is English);
	// Error writes the severity in it.
	lang string
}

// text is a format and its arguments.
type text struct {
	format string
	args   []any
}

// sprint is fmt.Sprintf but for a constant format, which is its own
// text, so a warning repeated on 5,000 pages shares one string instead of
// keeping 5,000 copies for the whole build. (It and the functions that
// pass their format on to it are printf wrappers to go vet, which so
// checks their callers' formats.)
func sprint(format string, a ...any) string {
	if constant(format, a) {
		return format
	}
	return fmt.Sprintf(format, a...)
}

// Error formats the diagnostic as "file:line: message — hint", on one line:
// file, message and hint pass through EscapeText, since any of them may hold
// what an editor typed (a file name, a value).
func (d Diagnostic) Error() string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(EscapeText(d.File))
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d", d.Line)
			if d.Column > 0 {
				fmt.Fprintf(&b, ":%d", d.Column)
			}
		}
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString(Sprintf(d.lang, "warning: "))
	}
	b.WriteString(EscapeText(d.Message))
	if d.Hint != "" {
		b.WriteString(" — ")
		b.WriteString(EscapeText(d.Hint))
	}
	return b.String()
}

// JSON is a diagnostic as tools read it (klartext check --format json,
// the dev server's error overlay).
type JSON struct {
	Severity string `json:"severity"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	Key      string `json:"key,omitempty"`
}

// JSON returns the diagnostic's JSON form.
func (d Diagnostic) JSON() JSON {
	return JSON{d.Severity.String(), d.File, d.Line, d.Column, d.Message, d.Hint, d.Key}
}

// Errorf makes an error diagnostic. The format is a constant string
// (TestEveryMessageHasItsGerman finds it in the source and demands its
// translation); what varies goes into the arguments.
func Errorf(file string, line int, format string, a ...any) Diagnostic {
	return Diagnostic{Severity: Error, File: file, Line: line, Message: sprint(format, a...), msg: text{format, a}}
}

// Warnf makes a warning diagnostic, with a constant format as Errorf.
func Warnf(file string, line int, format string, a ...any) Diagnostic {
	return Diagnostic{Severity: Warning, File: file, Line: line, Message: sprint(format, a...), msg: text{format, a}}
}

// WithHint returns d with a hint saying what to do, with a constant
// format as Errorf.
func (d Diagnostic) WithHint(format string, a ...any) Diagnostic {
	d.Hint, d.hint = sprint(format, a...), text{format, a}
	return d
}

// constant reports a format without arguments and verbs: it is the
// message itself.
func constant(format string, a []any) bool {
	return len(a) == 0 && !strings.Contains(format, "%")
}

// WithColumn returns d at the column col of its line.
func (d Diagnostic) WithColumn(col int) Diagnostic {
	d.Column = col
	return d
}

// WithPlace returns d with where in a table it was read appended to its
// message in parentheses: "… (column \"ISIN\", column 3)"; the place
// is translated with the message.
func (d Diagnostic) WithPlace(place Text) Diagnostic {
	t := T("%s (%s)", Text{d.Message, d.msg}, place)
	d.Message, d.msg = t.en, t.t
	return d
}

// WithKey returns d naming the key at fault.
func (d Diagnostic) WithKey(key string) Diagnostic {
	d.Key = key
	return d
}

// List collects diagnostics from concurrent stages. The zero value is ready.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add appends diagnostics.
func (l *List) Add(ds ...Diagnostic) {
	if len(ds) == 0 {
		return
	}
	l.mu.Lock()
	l.items = append(l.items, ds...)
	l.mu.Unlock()
}

// Error adds an error diagnostic.
func (l *List) Error(file string, line int, format string, a ...any) {
	l.Add(Errorf(file, line, format, a...))
}

// Warn adds a warning diagnostic.
func (l *List) Warn(file string, line int, format string, a ...any) {
	l.Add(Warnf(file, line, format, a...))
}

// Merge adds all diagnostics of other.
func (l *List) Merge(other *List) {
	if other == nil {
		return
	}
	l.Add(other.All()...)
}

// All returns the diagnostics sorted by file, line, column and message, so
// reports are the same from run to run whatever the goroutine schedule.
func (l *List) All() []Diagnostic {
	l.mu.Lock()
	out := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Message < b.Message
	})
	return out
}

// Errors returns only the errors, sorted.
func (l *List) Errors() []Diagnostic { return l.filter(Error) }

// Warnings returns only the warnings, sorted.
func (l *List) Warnings() []Diagnostic { return l.filter(Warning) }

func (l *List) filter(s Severity) []Diagnostic {
	var out []Diagnostic
	for _, d := range l.All() {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// HasErrors reports whether any error was added.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Len is the number of diagnostics.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}
