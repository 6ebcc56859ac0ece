package render

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

	"github.com/klartext/klartext/generator/escape"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/pagebuf"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/theme"
)

// feedbackView is the feedback widget as pages show it: the site's
// settings and balance (site.Feedback), and the plain form prerendered
// once per build.
type feedbackView struct {
	*site.Feedback

	formOnce sync.Once
	form     []formPart // the prerendered form, cut at its placeholders
	formErr  error
}

// formPart is a piece of the prerendered form and the page value that
// follows it (an index into formTokens; -1 after the last piece).
type formPart struct {
	text  string
	value int
}

// widget returns the feedback widget for a page, or nil where it is off.
func (st *feedbackView) widget(n *site.Node, s *site.Site, words *i18n.Catalog) *feedback.WidgetData {
	if !n.Feedback || !st.Settings.Enabled() {
		return nil
	}
	cfg := s.Config
	return feedback.Widget(st.Settings, feedback.PageRef{Path: cfg.LanguagePrefix + n.URL, URL: cfg.AbsURL(n.URL), Title: n.Title, Videos: s.VideoTitles(n)}, words)
}

// Placeholders for the page's identity in the prerendered form; they
// survive HTML escaping unchanged.
const (
	formPathToken  = "KLARTEXT0PAGE0PATH0TOKEN"
	formURLToken   = "KLARTEXT0PAGE0URL0TOKEN"
	formTitleToken = "KLARTEXT0PAGE0TITLE0TOKEN"
)

var formTokens = []string{formPathToken, formURLToken, formTitleToken}

// cutForm cuts the prerendered form at its placeholders, once per build:
// a strings.Replacer per page cost more than the rest of the widget.
func cutForm(form string) []formPart {
	var parts []formPart
	for {
		at, value := -1, -1
		for i, tok := range formTokens {
			if j := strings.Index(form, tok); j >= 0 && (at < 0 || j < at) {
				at, value = j, i
			}
		}
		if at < 0 {
			return append(parts, formPart{text: form, value: -1})
		}
		parts = append(parts, formPart{text: form[:at], value: value})
		form = form[at+len(formTokens[value]):]
	}
}

// widgetHTML renders the page's feedback widget with the theme's partial.
// The plain form, with its five rating groups the largest part of most
// pages, is the same on every page but for the page's identity in three
// hidden fields: it is rendered once per build and the identity filled in
// (but on pages with a video, which the form names too).
//
// Without prepared (the shortcut FeedbackForm) the form is rendered per
// page, for the test that the shortcut changes no byte.
//
// The page's form is written into its parts.
func (st *feedbackView) widgetHTML(parts *pagebuf.Buffer, n *site.Node, s *site.Site, th *theme.Theme, prepared bool) (template.HTML, error) {
	if !n.Feedback || !st.Settings.Enabled() {
		return "", nil
	}
	cfg := s.Config
	// A page with a video names it in the form: rendered on its own.
	if st.Settings.Provider != feedback.Form || !prepared || len(s.VideoTitles(n)) > 0 {
		var b bytes.Buffer
		err := th.ExecutePartial(&b, "partials/feedback.html", st.widget(n, s, th.Words()))
		return template.HTML(b.String()), err
	}
	st.formOnce.Do(func() {
		w := feedback.Widget(st.Settings, feedback.PageRef{Path: formPathToken, URL: formURLToken, Title: formTitleToken}, th.Words())
		var b bytes.Buffer
		st.formErr = th.ExecutePartial(&b, "partials/feedback.html", w)
		st.form = cutForm(b.String())
	})
	if st.formErr != nil {
		return "", st.formErr
	}
	values := [...]string{escape.HTML(cfg.LanguagePrefix + n.URL), escape.HTML(cfg.AbsURL(n.URL)), escape.HTML(n.Title)}
	size := 0
	for _, p := range st.form {
		size += len(p.text)
		if p.value >= 0 {
			size += len(values[p.value])
		}
	}
	parts.Grow(size)
	mark := parts.Mark()
	for _, p := range st.form {
		parts.WriteString(p.text)
		if p.value >= 0 {
			parts.WriteString(values[p.value])
		}
	}
	return template.HTML(parts.Since(mark)), nil
}

// summary returns the page's own feedback balance, or nil when it has none.
func (st *feedbackView) summary(n *site.Node, words *i18n.Catalog) any {
	sum, ok := st.Summaries[n.URL]
	if !ok {
		return nil
	}
	if v := sum.View(words); v != nil {
		return v
	}
	return nil
}

// BalanceView is the feedback page's figures beyond its charts.
type BalanceView struct {
	Total feedback.Counts
	// AllLanguages is the total over every language of the site; nil on
	// a site of one language.
	AllLanguages   *feedback.Counts
	MostCriticised []CriticisedView
	Answers        AnswersView
	YouSaid        []YouSaidView // "Sie sagten – wir haben"
}

// AnswersView is how the bank answers, formatted.
type AnswersView struct {
	feedback.AnswerStats
	Share  string // of criticism answered: "67 %"; "" without criticism
	Median string // days from a message to its answer: "4,5"; "" without an answer
}

// YouSaidView is an answered public message with its page.
type YouSaidView struct {
	feedback.DialogueView
	Title, URL string // the page; URL "" when the site has no such page
}

// CriticisedView is one of the most criticised pages.
type CriticisedView struct {
	Title, URL string
	Criticism  int
	Average    string // "2,4" or "–"
}

func (st *feedbackView) balanceView(s *site.Site, loc locale.Locale, words *i18n.Catalog) *BalanceView {
	if st.Balance == nil {
		return nil
	}
	v := &BalanceView{Total: st.Balance.Total, AllLanguages: st.AllLanguages, Answers: AnswersView{AnswerStats: st.Balance.Answers}}
	if share, ok := st.Balance.Answers.CriticismShare(); ok {
		v.Answers.Share = loc.Percent(share*100, 0)
	}
	if a := st.Balance.Answers; a.HasMedian {
		decimals := 0
		if a.MedianDays != float64(int(a.MedianDays)) {
			decimals = 1 // a median of an even count may end in ,5
		}
		v.Answers.Median = loc.Number(a.MedianDays, decimals)
	}
	for _, d := range st.Balance.YouSaid {
		y := YouSaidView{DialogueView: d.View(words), Title: d.Page}
		if n := s.ByURL[d.Page]; n != nil {
			y.Title, y.URL = n.Title, s.Config.RelURL(n.URL)
		}
		v.YouSaid = append(v.YouSaid, y)
	}
	for _, c := range st.Balance.MostCriticised {
		cv := CriticisedView{Title: c.Path, URL: c.Path, Criticism: c.Criticism, Average: "–"}
		if n := s.ByURL[c.Path]; n != nil {
			cv.Title = n.Title
			cv.URL = s.Config.RelURL(n.URL)
		} else {
			cv.URL = ""
		}
		if c.Average.Count > 0 {
			cv.Average = loc.Number(c.Average.Mean(), 1)
		}
		v.MostCriticised = append(v.MostCriticised, cv)
	}
	return v
}
