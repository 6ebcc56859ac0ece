package build

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"strings"
	"sync"

	"time"

	"github.com/klartext/klartext/generator/escape"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/data"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/theme"
)

// feedbackExport is where the feedback service's export lives.
const feedbackExport = "content/data/feedback.csv"

// feedbackState is the site's feedback configuration and what readers said,
// summed up: the export's rows are needed while resolving only.
type feedbackState struct {
	settings  feedback.Settings
	summaries map[string]feedback.PageSummary
	balance   *feedback.SiteBalance // site-wide; nil without an export

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

// computeBalance computes the site-wide balance once the pages are known
// (a page's section comes from the site model).
func (st *feedbackState) computeBalance(site *Site, entries []feedback.Entry) {
	if entries == nil {
		return
	}
	b := feedback.Balance(entries, func(p string) string {
		if n := site.ByURL[p]; n != nil {
			return n.Section
		}
		return firstSegment(p)
	})
	st.balance = &b
}

func firstSegment(p string) string {
	p = strings.TrimPrefix(p, "/")
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return p
}

// loadFeedback reads the settings and the export; it returns the export's
// rows apart, for computeBalance and checkPages. Rows dated after now are
// left out with a warning each.
func loadFeedback(files *fileio.Files, cfg config.Site, now time.Time, ds *diag.List) (*feedbackState, []feedback.Entry) {
	st := &feedbackState{}
	if cfg.Feedback != nil {
		s, fds := feedback.ParseSettings(cfg.Feedback, config.File)
		ds.Add(fds...)
		st.settings = s
	}
	raw, err := data.ReadFile(files, feedbackExport)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fileio.ErrRefused) {
			ds.Add(diag.Errorf(feedbackExport, 0, "%v", err))
		}
		return st, nil
	}
	entries, eds := feedback.ParseExport(feedbackExport, bytes.NewReader(raw))
	ds.Add(eds...)
	entries, eds = feedback.LeaveOutFuture(entries, now, feedbackExport)
	ds.Add(eds...)
	st.summaries = feedback.Summarize(entries)
	return st, entries
}

// checkPages warns about feedback rows for pages the site does not have
// (renamed or removed pages); they still count in the site-wide balance.
func (st *feedbackState) checkPages(site *Site, entries []feedback.Entry, ds *diag.List) {
	ds.Add(feedback.CheckPages(entries, func(p string) bool { return site.ByURL[p] != nil }, feedbackExport)...)
}

// widget returns the feedback widget for a page, or nil where it is off.
func (st *feedbackState) widget(n *Node, site *Site, words *i18n.Catalog) *feedback.WidgetData {
	if !n.Feedback || !st.settings.Enabled() {
		return nil
	}
	cfg := site.Config
	return feedback.Widget(st.settings, feedback.PageRef{Path: n.URL, URL: cfg.AbsURL(n.URL), Title: n.Title, Videos: site.videoTitles(n)}, words)
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
func (st *feedbackState) widgetHTML(n *Node, site *Site, th *theme.Theme, prepared bool) (template.HTML, error) {
	if !n.Feedback || !st.settings.Enabled() {
		return "", nil
	}
	cfg := site.Config
	// A page with a video names it in the form: rendered on its own.
	if st.settings.Provider != feedback.Form || !prepared || len(site.videoTitles(n)) > 0 {
		var b bytes.Buffer
		err := th.ExecutePartial(&b, "partials/feedback.html", st.widget(n, site, th.Words()))
		return template.HTML(b.String()), err
	}
	st.formOnce.Do(func() {
		w := feedback.Widget(st.settings, feedback.PageRef{Path: formPathToken, URL: formURLToken, Title: formTitleToken}, th.Words())
		var b bytes.Buffer
		st.formErr = th.ExecutePartial(&b, "partials/feedback.html", w)
		st.form = cutForm(b.String())
	})
	if st.formErr != nil {
		return "", st.formErr
	}
	values := [...]string{escape.HTML(n.URL), escape.HTML(cfg.AbsURL(n.URL)), escape.HTML(n.Title)}
	size := 0
	for _, p := range st.form {
		size += len(p.text)
		if p.value >= 0 {
			size += len(values[p.value])
		}
	}
	var b strings.Builder
	b.Grow(size)
	for _, p := range st.form {
		b.WriteString(p.text)
		if p.value >= 0 {
			b.WriteString(values[p.value])
		}
	}
	return template.HTML(b.String()), nil
}

// summary returns the page's own feedback balance, or nil when it has none.
func (st *feedbackState) summary(n *Node, words *i18n.Catalog) any {
	s, ok := st.summaries[n.URL]
	if !ok {
		return nil
	}
	if v := s.View(words); v != nil {
		return v
	}
	return nil
}

// script is the theme script the widget needs, if any. The plain form works
// without JavaScript; its script only fetches the receiver's token once the
// reader starts filling it in, which spares the reader a confirmation step.
func (st *feedbackState) script() string {
	switch {
	case !st.settings.Enabled():
		return ""
	case st.settings.Provider == feedback.Form:
		return "/js/feedback-form.js"
	}
	return "/js/feedback.js"
}

// KindFeedback is the generated page /feedback/ with the site-wide balance.
const KindFeedback content.Kind = "feedback"

// addFeedbackPage adds /feedback/ when there is an export, unless the site
// has a page there of its own.
func (st *feedbackState) addFeedbackPage(site *Site, title string) {
	if st.balance == nil || site.ByURL["/feedback/"] != nil {
		return
	}
	site.add(&Node{Page: &content.Page{Kind: KindFeedback, Section: "feedback", Slug: "feedback", URL: "/feedback/"},
		Title: title, Feedback: true})
	site.sortNodes()
}

// BalanceView is the feedback page's figures beyond its charts.
type BalanceView struct {
	Total          feedback.Counts
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

func (st *feedbackState) balanceView(site *Site, loc locale.Locale, words *i18n.Catalog) *BalanceView {
	if st.balance == nil {
		return nil
	}
	v := &BalanceView{Total: st.balance.Total, Answers: AnswersView{AnswerStats: st.balance.Answers}}
	if share, ok := st.balance.Answers.CriticismShare(); ok {
		v.Answers.Share = loc.Percent(share*100, 0)
	}
	if a := st.balance.Answers; a.HasMedian {
		decimals := 0
		if a.MedianDays != float64(int(a.MedianDays)) {
			decimals = 1 // a median of an even count may end in ,5
		}
		v.Answers.Median = loc.Number(a.MedianDays, decimals)
	}
	for _, d := range st.balance.YouSaid {
		y := YouSaidView{DialogueView: d.View(words), Title: d.Page}
		if n := site.ByURL[d.Page]; n != nil {
			y.Title, y.URL = n.Title, relURL(site.Config.BasePath(), n.URL)
		}
		v.YouSaid = append(v.YouSaid, y)
	}
	for _, c := range st.balance.MostCriticised {
		cv := CriticisedView{Title: c.Path, URL: c.Path, Criticism: c.Criticism, Average: "–"}
		if n := site.ByURL[c.Path]; n != nil {
			cv.Title = n.Title
			cv.URL = relURL(site.Config.BasePath(), n.URL)
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
