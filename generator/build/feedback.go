package build

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
)

// feedbackExport is where the feedback service's export lives.
const feedbackExport = "content/data/feedback.csv"

// feedbackState is the site's feedback configuration and what readers said.
type feedbackState struct {
	settings  feedback.Settings
	entries   []feedback.Entry
	summaries map[string]feedback.PageSummary
}

func loadFeedback(root string, cfg config.Site, ds *diag.List) *feedbackState {
	st := &feedbackState{}
	if cfg.Feedback != nil {
		s, fds := feedback.ParseSettings(cfg.Feedback, config.File)
		ds.Add(fds...)
		st.settings = s
	}
	raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(feedbackExport)))
	if err != nil {
		if !os.IsNotExist(err) {
			ds.Add(diag.Errorf(feedbackExport, 0, "cannot read: %v", err))
		}
		return st
	}
	entries, eds := feedback.ParseExport(feedbackExport, bytes.NewReader(raw))
	ds.Add(eds...)
	st.entries = entries
	st.summaries = feedback.Summarize(entries)
	return st
}

// checkPages warns about feedback rows for pages the site does not have
// (renamed or removed pages); they still count in the site-wide balance.
func (st *feedbackState) checkPages(site *Site, ds *diag.List) {
	ds.Add(feedback.CheckPages(st.entries, func(p string) bool { return site.ByURL[p] != nil }, feedbackExport)...)
}

// widget returns the feedback widget for a page, or nil where it is off.
func (st *feedbackState) widget(n *Node, site *Site) any {
	if !n.Feedback || !st.settings.Enabled() {
		return nil
	}
	cfg := site.Config
	return feedback.Widget(st.settings, feedback.PageRef{Path: n.URL, URL: cfg.AbsURL(n.URL), Title: n.Title}, cfg.Language)
}

// summary returns the page's own feedback balance, or nil when it has none.
func (st *feedbackState) summary(n *Node, lang string) any {
	s, ok := st.summaries[n.URL]
	if !ok {
		return nil
	}
	if v := s.View(lang); v != nil {
		return v
	}
	return nil
}

// script is the theme script the widget needs, if any: the plain form works
// without JavaScript.
func (st *feedbackState) script() string {
	if !st.settings.Enabled() || st.settings.Provider == feedback.Form {
		return ""
	}
	return "/js/feedback.js"
}
