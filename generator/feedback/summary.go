package feedback

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
)

// Average is the mean of some ratings. Sum and Count are kept so averages
// can be combined; Mean is unrounded (round only for display).
type Average struct {
	Sum   int
	Count int
}

// Mean is Sum/Count, or 0 when there is no rating.
func (a Average) Mean() float64 {
	if a.Count == 0 {
		return 0
	}
	return float64(a.Sum) / float64(a.Count)
}

func (a *Average) add(r int) {
	if r > 0 {
		a.Sum += r
		a.Count++
	}
}

// Counts are the numbers of messages by kind.
type Counts struct {
	Praise, Criticism, Questions int
	Comments                     int // imported comments not (yet) classified
}

// Total is the number of messages.
func (c Counts) Total() int { return c.Praise + c.Criticism + c.Questions + c.Comments }

// Plus is the sum of c and o, kind by kind.
func (c Counts) Plus(o Counts) Counts {
	return Counts{c.Praise + o.Praise, c.Criticism + o.Criticism, c.Questions + o.Questions, c.Comments + o.Comments}
}

func (c *Counts) add(k Kind) {
	switch k {
	case Praise:
		c.Praise++
	case Criticism:
		c.Criticism++
	case Question:
		c.Questions++
	case Comment:
		c.Comments++
	}
}

// PageSummary is the feedback on one page.
type PageSummary struct {
	Counts
	Factors [5]Average // in the order of Factors; Count 0 = no rating given
	// Public are the page's messages whose comment is public, with the
	// bank's answer where it is public too; newest first (Summarize only).
	Public []Dialogue
}

// Rated reports whether any factor was rated.
func (p PageSummary) Rated() bool {
	for _, f := range p.Factors {
		if f.Count > 0 {
			return true
		}
	}
	return false
}

// Overall is the average over all ratings of all factors.
func (p PageSummary) Overall() Average {
	var a Average
	for _, f := range p.Factors {
		a.Sum += f.Sum
		a.Count += f.Count
	}
	return a
}

func (p *PageSummary) add(e Entry) {
	p.Counts.add(e.Kind)
	for i, r := range e.Ratings {
		p.Factors[i].add(r)
	}
}

// Summarize groups the entries by page.
func Summarize(entries []Entry) map[string]PageSummary {
	m := map[string]*PageSummary{}
	for _, e := range entries {
		p := m[e.Page]
		if p == nil {
			p = &PageSummary{}
			m[e.Page] = p
		}
		p.add(e)
		if e.Public && e.Comment != "" {
			p.Public = append(p.Public, dialogueOf(e))
		}
	}
	out := make(map[string]PageSummary, len(m))
	for k, v := range m {
		sortDialogue(v.Public)
		out[k] = *v
	}
	return out
}

// MonthCounts are the messages of one month.
type MonthCounts struct {
	Month string // YYYY-MM
	Counts
}

// SectionBalance is the feedback on one section's pages.
type SectionBalance struct {
	Section string
	PageSummary
}

// CriticisedPage is one of the most criticised pages.
type CriticisedPage struct {
	Path      string
	Criticism int
	Average   Average // over all ratings of all factors on the page
}

// SiteBalance is the site-wide balance of criticism and praise.
type SiteBalance struct {
	Total          Counts
	Months         []MonthCounts    // sorted by month
	Factors        [5]Average       // over all ratings
	Sections       []SectionBalance // sorted by section name
	MostCriticised []CriticisedPage // criticism count desc, then path asc; at most 10
	Answers        AnswerStats
	// YouSaid are the public messages with a public answer ("Sie sagten –
	// wir haben"), the latest answer first; at most YouSaidLimit.
	YouSaid []Dialogue
}

// MostCriticisedLimit is how many pages SiteBalance.MostCriticised lists.
const MostCriticisedLimit = 10

// Balance computes the site balance in one pass over the entries (plus
// sorting the months, sections and pages). sectionOf maps a canonical path to
// its section ("products"); nil puts every page into the first path segment.
func Balance(entries []Entry, sectionOf func(path string) string) SiteBalance {
	if sectionOf == nil {
		sectionOf = firstSegment
	}
	var b SiteBalance
	months := map[int]*Counts{} // year*12 + month-1: no string per entry
	sections := map[string]*PageSummary{}
	pages := map[string]*PageSummary{}
	secOf := map[string]string{} // cache: sectionOf is called once per page
	var days []int               // from each answered message to its answer
	for _, e := range entries {
		b.Total.add(e.Kind)
		b.Answers.add(e, &days)
		if e.Public && e.Comment != "" && e.Answer != "" {
			b.YouSaid = append(b.YouSaid, dialogueOf(e))
		}
		y, m, _ := e.Date.Date()
		mk := y*12 + int(m) - 1
		mc := months[mk]
		if mc == nil {
			mc = &Counts{}
			months[mk] = mc
		}
		mc.add(e.Kind)
		for i, r := range e.Ratings {
			b.Factors[i].add(r)
		}
		ps := pages[e.Page]
		if ps == nil {
			ps = &PageSummary{}
			pages[e.Page] = ps
			secOf[e.Page] = sectionOf(e.Page)
		}
		ps.add(e)
		sec := secOf[e.Page]
		ss := sections[sec]
		if ss == nil {
			ss = &PageSummary{}
			sections[sec] = ss
		}
		ss.add(e)
	}
	for k, c := range months {
		b.Months = append(b.Months, MonthCounts{Month: fmt.Sprintf("%04d-%02d", k/12, k%12+1), Counts: *c})
	}
	slices.SortFunc(b.Months, func(x, y MonthCounts) int { return strings.Compare(x.Month, y.Month) })
	for k, s := range sections {
		b.Sections = append(b.Sections, SectionBalance{Section: k, PageSummary: *s})
	}
	slices.SortFunc(b.Sections, func(x, y SectionBalance) int { return strings.Compare(x.Section, y.Section) })
	for p, s := range pages {
		if s.Criticism > 0 {
			b.MostCriticised = append(b.MostCriticised, CriticisedPage{Path: p, Criticism: s.Criticism, Average: s.Overall()})
		}
	}
	slices.SortFunc(b.MostCriticised, func(x, y CriticisedPage) int {
		if c := cmp.Compare(y.Criticism, x.Criticism); c != 0 {
			return c
		}
		return strings.Compare(x.Path, y.Path)
	})
	if len(b.MostCriticised) > MostCriticisedLimit {
		b.MostCriticised = b.MostCriticised[:MostCriticisedLimit]
	}
	b.Answers.MedianDays, b.Answers.HasMedian = Median(days)
	b.YouSaid = latestAnswers(b.YouSaid, YouSaidLimit)
	return b
}

func firstSegment(path string) string {
	s := strings.Trim(path, "/")
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return s[:i]
	}
	return s
}

// SummaryView is what partials/feedback-summary.html renders: every number
// already formatted for the page's language.
type SummaryView struct {
	Heading                           string // "Rückmeldungen zu dieser Seite"
	Counts                            string // "3 × Lob, 1 × Kritik, 2 × Fragen"
	Caption                           string // "Durchschnitt je Faktor"; the table is left out when Rows is empty
	ColFactor, ColAverage, ColRatings string
	Rows                              []SummaryRow
	Scale                             string // "1 = schlecht, 5 = sehr gut"
	// The page's public messages with the bank's answers, newest first.
	PublicHeading, AnswerLabel string
	Public                     []DialogueView
}

// DialogueView is a public message formatted for a page.
type DialogueView struct {
	ID                    string // the message's id, for its anchor ("" when the export has none)
	Kind                  string // "Kritik"
	Date, DateISO         string // "5. März 2026", "2026-03-05"
	Comment               string
	Answer                string // "" when no answer is public
	Answered, AnsweredISO string
	Page                  string // the page's path (on /feedback/)
}

// KindLabel is a kind's name for readers (the key fb_kind_<kind>).
func KindLabel(k Kind, words *i18n.Catalog) string {
	if _, ok := kindKeys[k]; !ok {
		k = Comment
	}
	return words.T(kindKeys[k])
}

var kindKeys = map[Kind]string{
	Praise: "fb_kind_praise", Criticism: "fb_kind_criticism", Question: "fb_kind_question", Comment: "fb_kind_comment",
}

// View formats a public message in the catalog's language.
func (d Dialogue) View(words *i18n.Catalog) DialogueView {
	loc := locale.For(words.Lang())
	v := DialogueView{ID: d.ID, Kind: KindLabel(d.Kind, words), Date: loc.Date(d.Date), DateISO: d.Date.Format(time.DateOnly),
		Comment: d.Comment, Answer: d.Answer, Page: d.Page}
	if d.Answer != "" {
		v.Answered, v.AnsweredISO = loc.Date(d.Answered), d.Answered.Format(time.DateOnly)
	}
	return v
}

// SummaryRow is one factor's line.
type SummaryRow struct {
	Factor  string // "Kosten"
	Average string // "3,5"
	Ratings string // "2"
}

// View formats the summary for the partial in the catalog's language;
// nil when there is no feedback (the partial then renders nothing).
func (p PageSummary) View(words *i18n.Catalog) *SummaryView {
	if p.Total() == 0 && !p.Rated() {
		return nil
	}
	loc := locale.For(words.Lang())
	v := &SummaryView{}
	var parts []string
	add := func(n int, kind string) {
		if n == 0 {
			return
		}
		w := words.T("fb_count_" + kind + "_many")
		if n == 1 {
			w = words.T("fb_count_" + kind + "_one")
		}
		parts = append(parts, loc.Number(float64(n), 0)+"\u00a0×\u00a0"+w)
	}
	add(p.Praise, "praise")
	add(p.Criticism, "criticism")
	add(p.Questions, "question")
	add(p.Comments, "comment")
	v.Counts = strings.Join(parts, ", ")
	v.Heading, v.Caption = words.T("fb_summary_heading"), words.T("fb_summary_caption")
	v.ColFactor, v.ColAverage, v.ColRatings = words.T("fb_summary_factor"), words.T("fb_summary_average"), words.T("fb_summary_ratings")
	v.Scale = words.T("fb_summary_scale")
	v.PublicHeading, v.AnswerLabel = words.T("fb_summary_public"), words.T("fb_summary_answer")
	for _, d := range p.Public {
		v.Public = append(v.Public, d.View(words))
	}
	for i, f := range p.Factors {
		if f.Count == 0 {
			continue
		}
		v.Rows = append(v.Rows, SummaryRow{
			Factor:  FactorLabel(i, words),
			Average: loc.Number(f.Mean(), 1),
			Ratings: loc.Number(float64(f.Count), 0),
		})
	}
	return v
}
