// Package advisor turns an advisor's front matter into the pieces of an
// "open business card": a normalised phone number, initials for the photo
// placeholder, the advice model explained in plain words, a vCard 4.0 for
// download and schema.org Person data for search engines.
//
// Everything here is pure: no I/O, no clock, so the output of a build is the
// same from run to run.
package advisor

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/klartext/klartext/generator/i18n"
)

// Card is one advisor, as the front matter of content/advisors/<slug>.md
// describes them. The build fills it; this package only reads it.
type Card struct {
	Slug        string      // file name without .md; the page is /advisors/<slug>/
	Name        string      // "Anna Schmidt"
	Role        string      // job title, "Anlageberaterin"
	Branch      string      // "Filiale Mannheim"
	Languages   []string    // BCP 47 codes, most fluent first: ["de", "tr"]
	Specialties []string    // free text: ["Altersvorsorge", "ETF-Sparpläne"]
	Email       string      // plain address, without mailto:
	Phone       string      // E.164 as PhoneE164 returns it: "+4962112345"
	BookingURL  string      // absolute URL of the booking page, may be empty
	Photo       string      // path or URL of the photo as written, may be empty
	PhotoAlt    string      // alt text for the photo
	AdviceModel AdviceModel // fee-based or commission-based
	Published   bool        // false: consent withdrawn, no page (the build sets true when the key is missing)

	Org     string        // the bank's name (site.yaml), for the vCard's ORG
	Words   *i18n.Catalog // the site language's words, for the advice model in the vCard
	Updated time.Time     // if not zero, written as the vCard's REV; zero writes no REV
}

// Initials returns the upper-case first letters of the first and the last
// word of name: "Anna Schmidt" → "AS", "Elif Yılmaz-Öztürk" → "EY",
// "Dr. Jürgen von Özdemir" → "JÖ". Words ending in a dot (titles such as
// "Dr." or "Prof.") are skipped; a single word gives one letter, a name
// without letters gives "".
func Initials(name string) string {
	var words []string
	for _, w := range strings.Fields(name) {
		if strings.HasSuffix(w, ".") && len(strings.Fields(name)) > 1 {
			continue
		}
		if firstLetter(w) != "" {
			words = append(words, w)
		}
	}
	switch len(words) {
	case 0:
		return ""
	case 1:
		return firstLetter(words[0])
	default:
		return firstLetter(words[0]) + firstLetter(words[len(words)-1])
	}
}

// firstLetter returns the first letter of w upper-cased, with any combining
// marks that follow it (a decomposed "Ö" is "O" plus U+0308).
func firstLetter(w string) string {
	for i, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		var b strings.Builder
		b.WriteString(upperRune(r))
		rest := w[i+utf8.RuneLen(r):]
		for _, m := range rest {
			if !unicode.Is(unicode.Mn, m) {
				break
			}
			b.WriteRune(m)
		}
		return b.String()
	}
	return ""
}

func upperRune(r rune) string {
	if r == 'ı' { // Turkish dotless i: upper case is plain I
		return "I"
	}
	return strings.ToUpper(string(r))
}
