package site

import (
	"strings"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
)

// Feedback is the site's feedback configuration and what readers said,
// summed up: the export's rows are needed while resolving only.
type Feedback struct {
	Settings  feedback.Settings
	Summaries map[string]feedback.PageSummary // by page path
	Balance   *feedback.SiteBalance           // site-wide; nil without an export
}

func newFeedback(settings feedback.Settings, entries []feedback.Entry) *Feedback {
	f := &Feedback{Settings: settings}
	if entries != nil {
		f.Summaries = feedback.Summarize(entries)
	}
	return f
}

// computeBalance computes the site-wide balance once the pages are known
// (a page's section comes from the site model).
func (st *Feedback) computeBalance(site *Site, entries []feedback.Entry) {
	if entries == nil {
		return
	}
	b := feedback.Balance(entries, func(p string) string {
		if n := site.ByURL[p]; n != nil {
			return n.Section
		}
		return firstSegment(p)
	})
	st.Balance = &b
}

func firstSegment(p string) string {
	p = strings.TrimPrefix(p, "/")
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return p
}

// checkPages warns about feedback rows for pages the site does not have
// (renamed or removed pages); they still count in the site-wide balance.
func (st *Feedback) checkPages(site *Site, entries []feedback.Entry, ds *diag.List) {
	ds.Add(feedback.CheckPages(entries, func(p string) bool { return site.ByURL[p] != nil }, feedback.ExportFile)...)
}

// KindFeedback is the generated page /feedback/ with the site-wide balance.
const KindFeedback content.Kind = "feedback"

// addFeedbackPage adds /feedback/ when there is an export, unless the site
// has a page there of its own.
func (st *Feedback) addFeedbackPage(site *Site, title string) {
	if st.Balance == nil || site.ByURL["/feedback/"] != nil {
		return
	}
	site.add(&Node{Page: &content.Page{Kind: KindFeedback, Section: "feedback", Slug: "feedback", URL: "/feedback/"},
		Title: title, Feedback: true})
	site.sortNodes()
}
