package advisor

import (
	"strings"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/grammar"
	"github.com/klartext/klartext/generator/locale"
)

// Problem is one thing wrong with a card, naming the front matter key so
// the build can point at its line.
type Problem struct {
	Key string
	// Message and Hint (what to do; may be empty) are diag.Text, so that
	// the diagnostic made of them speaks the site's language.
	Message, Hint diag.Text
	Warning       bool // true: reported, the build still succeeds
}

// Check reports what is wrong with a card as the build filled it from front
// matter, before Phone is normalised: a missing name or advice model, an
// e-mail address or phone number that does not parse (defaultCountryCode as
// for PhoneE164), a booking URL that is not https, an unknown language code
// and a photo without alt text (the last two are warnings). A card that is
// not published is not checked.
func Check(c Card, defaultCountryCode string) []Problem {
	if !c.Published {
		return nil
	}
	var ps []Problem
	add := func(key string, warn bool, format string, a ...any) {
		ps = append(ps, Problem{Key: key, Message: diag.T(format, a...), Warning: warn})
	}
	if strings.TrimSpace(c.Name) == "" {
		add("name", false, "the advisor's name is missing")
	}
	// A card that does not state its advice model is published with a
	// warning (profiles exported from older systems lack it); a wrong value
	// is an error, since the page would state something false.
	if strings.TrimSpace(string(c.AdviceModel)) == "" {
		add("advice_model", true, "the card does not say how the advisor is paid: add advice_model: fee-based or commission-based — customers look for it")
	} else if _, err := ParseAdviceModel(string(c.AdviceModel)); err != nil {
		add("advice_model", false, "%v", err)
	}
	if e := strings.TrimSpace(c.Email); e != "" {
		if err := grammar.Email(e); err != nil {
			add("email", false, "email %q %s", c.Email, err.(*grammar.Error).Msg)
			ps[len(ps)-1].Hint = emailHint(err)
		}
	}
	if c.Phone != "" {
		if _, err := PhoneE164(c.Phone, defaultCountryCode); err != nil {
			add("phone", false, "%v", err)
		}
	}
	if c.BookingURL != "" {
		if _, err := grammar.WebURL(c.BookingURL, grammar.HTTPS); err != nil {
			add("booking_url", false, "booking_url %q must be an https:// address; it %s", c.BookingURL, err.(*grammar.Error).Msg)
		}
	}
	for _, l := range c.Languages {
		if !locale.KnownLanguage(l) {
			add("languages", true, "language %q is not a known language code (use a code such as de, tr, gsg)", l)
		}
	}
	if c.Photo != "" && strings.TrimSpace(c.PhotoAlt) == "" {
		add("photo_alt", true, "the photo has no alt text: describe it in photo_alt for readers who cannot see it")
	}
	return ps
}

// emailHint is what to do about an address Email refused.
func emailHint(err error) diag.Text {
	if h := err.(*grammar.Error).Hint; !h.Empty() {
		return h
	}
	return diag.T("write it as name@bank.example")
}
