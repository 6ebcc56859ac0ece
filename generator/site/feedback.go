package site

import (
	"strings"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/feedbackexport"
)

// Feedback is the site's feedback configuration and what readers said,
// summed up: the export's rows are needed while resolving only.
type Feedback struct {
	Settings  feedback.Settings
	Summaries map[string]feedback.PageSummary // by page path
	Balance   *feedback.SiteBalance           // site-wide; nil without an export
	// AllLanguages is the total over the sites of every language
	// (LinkLanguages); nil on a site of one language.
	AllLanguages *feedback.Counts
}

// resolveFeedback sums up what readers said once every page is known: per
// page, and site-wide by the pages' sections (a row for a page the site
// does not have counts by its address's first segment, with a warning);
// with an export it adds the feedback page, named in the theme's words.
func resolveFeedback(s *Site, settings feedback.Settings, entries []feedback.Entry, words *Words, ds *diag.List) *Feedback {
	f := &Feedback{Settings: settings}
	if entries == nil {
		return f
	}
	f.Summaries = feedback.Summarize(entries)
	b := feedback.Balance(entries, func(p string) string {
		if n := s.ByURL[p]; n != nil {
			return n.Section
		}
		return firstSegment(p)
	})
	f.Balance = &b
	if words != nil && s.ByURL["/feedback/"] == nil {
		s.add(&Node{Page: &content.Page{Kind: KindFeedback, Section: "feedback", Slug: "feedback", URL: "/feedback/"},
			Title: words.FeedbackTitle, Feedback: true})
	}
	ds.Add(feedback.CheckPages(entries, func(p string) bool { return s.ByURL[p] != nil }, feedbackexport.File)...)
	return f
}

func firstSegment(p string) string {
	p = strings.TrimPrefix(p, "/")
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return p
}

// KindFeedback is the generated page /feedback/ with the site-wide
// balance: there when the site has a feedback export, unless a page of the
// site's own has its address.
const KindFeedback = content.KindFeedback
