package feedbackexport

import (
	"strings"
	"unicode"
)

// A spreadsheet program runs a CSV cell that starts with = + - or @ as a
// formula when it opens the file (=HYPERLINK sends the sheet's data to
// another site, DDE formulas start programs), and some do so after a
// leading tab, line break or space too. The feedback export holds what
// readers wrote and a bank employee may open it in Excel, so Write
// defuses such cells, and Parse reads them back as they were:
//
//   - formulaCell: a cell whose text, after any apostrophes and white
//     space it starts with, starts with one of = + - @; or, after the
//     apostrophes, with a tab or a carriage return (OWASP's list) and is
//     not only white space.
//   - escapeCell puts one apostrophe in front of such a cell; spreadsheet
//     programs take a leading apostrophe as "this is text" (Excel hides
//     it, others show it), so nothing runs.
//   - unescapeCell removes one apostrophe from such a cell and leaves every
//     other cell alone.
//
// unescapeCell(escapeCell(s)) == s for every s: a cell that escapeCell
// changes keeps its kind with one apostrophe more, and unescapeCell only
// changes cells of that kind. OWASP's advice, an apostrophe in front of
// every such cell, cannot be undone by a reader: a comment that starts
// with "'=" would come back as "=". Here the apostrophes a reader typed
// stay. The one cost is for files not written this way: a cell of a
// hand-written export that starts with an apostrophe and then what
// formulaCell takes for a formula ("'-)", "' =") is read with one
// apostrophe less.
func formulaCell(s string) bool {
	core := strings.TrimLeft(s, "'")
	text := strings.TrimLeftFunc(core, unicode.IsSpace)
	return text != "" && (strings.IndexByte("=+-@", text[0]) >= 0 || core[0] == '\t' || core[0] == '\r')
}

func escapeCell(s string) string {
	if formulaCell(s) {
		return "'" + s
	}
	return s
}

func unescapeCell(s string) string {
	if strings.HasPrefix(s, "'") && formulaCell(s) {
		return s[1:]
	}
	return s
}
