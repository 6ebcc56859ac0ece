package site

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/klartext/klartext/generator/advisor"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/grammar"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/locale"
	"github.com/klartext/klartext/generator/suggest"
)

// AdvisorInfo is an advisor's card and everything linked to it.
type AdvisorInfo struct {
	Card        advisor.Card
	PhotoURL    string        // site path of the photo for vCard and JSON-LD (the largest JPEG made of it); "" for none
	Photo       *AdvisorPhoto // the photo as the theme shows it (images.go); nil shows the initials
	Initials    string
	Phone       string // as the editor wrote it, for reading; Card.Phone is E.164 for tel: links
	Languages   string // "Deutsch, Türkisch"
	AdviceLabel string
	AdviceText  string
	VCardURL    string
	Stories     []*Node // newest first
	Products    []*Node // products this advisor explains, by title
}

// StoryInfo is a story's byline and neighbours.
type StoryInfo struct {
	Advisor  *Node // nil when the advisor withdrew consent
	Byline   string
	Products []*Node
	Prev     *Node // older story
	Next     *Node // newer story
}

// withdrawn lists advisors with published: false, for the report of the
// pages that still refer to them.
type withdrawn struct {
	source string
	name   string
	refs   []string
}

// resolvePeople validates advisor cards, removes unpublished advisors,
// checks story and explainer references to advisors and builds the indexes
// advisor → stories and advisor → products, each in one pass.
func resolvePeople(s *Site, storyProducts map[*Node][]*Node, words *i18n.Catalog, ds *diag.List) {
	lang := s.Config.Language
	loc := lang
	country := "49"
	if locale.Primary(lang) != "de" {
		country = ""
	}
	advisors := map[string]*Node{}
	gone := map[string]*withdrawn{}
	for _, p := range s.Withdrawn {
		gone[p.Slug] = &withdrawn{source: p.Source, name: p.Meta.Name}
	}
	for _, n := range s.Nodes {
		if n.Kind != content.KindAdvisor {
			continue
		}
		m := n.Meta
		card := advisor.Card{Slug: n.Slug, Name: m.Name, Role: m.Role, Branch: m.Branch, Languages: m.Languages,
			Specialties: m.Specialties, Email: m.Email, Phone: m.Phone, BookingURL: m.BookingURL, Photo: m.Photo,
			PhotoAlt: m.PhotoAlt, AdviceModel: advisor.AdviceModel(m.AdviceModel), Published: true,
			Org: s.Config.Owner(), Words: words}
		for _, p := range advisor.Check(card, country) {
			d := diag.Errorf(n.Source, m.Line(p.Key, 1), "%s", p.Message).WithKey(p.Key)
			if p.Warning {
				d = diag.Warnf(n.Source, m.Line(p.Key, 1), "%s", p.Message).WithKey(p.Key)
			}
			if !p.Hint.Empty() {
				d = d.WithHint("%s", p.Hint)
			}
			ds.Add(d)
		}
		card.BookingURL = grammar.URI(card.BookingURL) // checked as written, published percent-encoded
		if m.Phone != "" {
			if e164, err := advisor.PhoneE164(m.Phone, country); err == nil {
				card.Phone = e164
			}
		}
		info := &AdvisorInfo{Card: card, Initials: advisor.Initials(card.Name), Phone: advisor.PhoneForReading(m.Phone),
			Languages:   locale.JoinNames(words.LanguageNames(card.Languages), loc),
			AdviceLabel: card.AdviceModel.Label(words), AdviceText: card.AdviceModel.Explanation(words),
			VCardURL: n.URL + n.Slug + ".vcf"}
		if m.Photo != "" {
			src := path.Join(path.Dir(n.Source), m.Photo)
			if u, ok := s.Assets[src]; ok {
				info.PhotoURL = u
			} else {
				ds.Add(diag.Errorf(n.Source, m.Line("photo", 1), "the photo %q does not exist (looked for %s)", m.Photo, src).
					WithHint("put the image next to the advisor's file, or remove photo: to show the initials"))
			}
		}
		n.Advisor = info
		advisors[n.Slug] = n
	}
	slugs := make([]string, 0, len(advisors))
	for slug := range advisors {
		slugs = append(slugs, slug)
	}
	sort.Strings(slugs)

	// lookup resolves an advisor reference; a withdrawn advisor gives nil
	// without an error and is reported once with all referring pages.
	lookup := func(n *Node, slug, key string, line int) *Node {
		if a := advisors[slug]; a != nil {
			return a
		}
		if w := gone[slug]; w != nil {
			w.refs = append(w.refs, fmt.Sprintf("%s:%d", n.Source, line))
			return nil
		}
		d := diag.Errorf(n.Source, line, "%s names the advisor %q, but there is no content/advisors/%s.md", key, slug, slug).WithKey(key)
		if h := suggest.Hint(slug, slugs); !h.Empty() {
			d = d.WithHint("%s", h)
		}
		ds.Add(d)
		return nil
	}

	var stories []*Node
	for _, n := range s.Nodes {
		switch n.Kind {
		case content.KindStory:
			st := &StoryInfo{Products: storyProducts[n]}
			if n.Meta.Advisor == "" {
				ds.Add(diag.Errorf(n.Source, 1, "a story needs advisor: (the slug of the advisor who tells it)").WithKey("advisor"))
			} else if a := lookup(n, n.Meta.Advisor, "advisor", n.Meta.Line("advisor", 1)); a != nil {
				st.Advisor = a
				a.Advisor.Stories = append(a.Advisor.Stories, n)
			} else if w := gone[n.Meta.Advisor]; w != nil {
				st.Byline = w.name
			}
			if n.Meta.Date.IsZero() {
				ds.Add(diag.Errorf(n.Source, 1, "a story needs date: (when it was published, like 2026-03-01)").WithKey("date"))
			}
			n.Story = st
			stories = append(stories, n)
		case content.KindProduct:
			for i, slug := range n.Meta.Advisors {
				if a := lookup(n, slug, "advisors", n.Meta.Line(fmt.Sprintf("advisors.%d", i), 1)); a != nil {
					a.Advisor.Products = append(a.Advisor.Products, n)
					n.Advisors = append(n.Advisors, a)
				}
			}
		}
	}
	for _, a := range advisors {
		SortPages(a.Advisor.Stories)
		slices.SortStableFunc(a.Advisor.Products, byTitle)
	}
	// Previous and next story by date, oldest to newest.
	slices.SortStableFunc(stories, func(a, b *Node) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.URL, b.URL)
	})
	for i, n := range stories {
		if i > 0 {
			n.Story.Prev = stories[i-1]
		}
		if i+1 < len(stories) {
			n.Story.Next = stories[i+1]
		}
	}
	var published []*Node
	for _, slug := range slugs {
		published = append(published, advisors[slug])
	}
	addAdvisorFilters(s, published, words, ds)

	var goneSlugs []string
	for slug := range gone {
		goneSlugs = append(goneSlugs, slug)
	}
	sort.Strings(goneSlugs)
	for _, slug := range goneSlugs {
		w := gone[slug]
		if len(w.refs) > 0 {
			sort.Strings(w.refs)
			ds.Add(diag.Warnf(w.source, 0, "the advisor %q withdrew consent (published: false); these pages name them and now show the name without a link: %s",
				slug, strings.Join(w.refs, ", ")))
		}
	}
}

// KindAdvisorFilter is a generated page of the advisors section listing
// the advisors of one branch, language or specialty: the filter that works
// without JavaScript.
const KindAdvisorFilter = content.KindAdvisorFilter

// FilterGroup is one dimension of the advisor filter.
type FilterGroup struct {
	Label   string // translation key: "filter_branch", ...
	Key     string // data attribute: "branch", "language", "specialty"
	Options []FilterOption
}

// FilterOption is one value with its page.
type FilterOption struct {
	Value string // as shown: "Mannheim", "Türkisch"
	Token string // as in the cards' data attributes
	URL   string
	Count int
}

// addAdvisorFilters generates one page per branch, language and specialty.
func addAdvisorFilters(s *Site, advisors []*Node, words *i18n.Catalog, ds *diag.List) {
	sec := s.Sections["advisors"]
	if sec == nil || len(advisors) == 0 {
		return
	}
	dims := []struct {
		label, key, path string
		values           func(a *AdvisorInfo) [][2]string // display, token
	}{
		{"filter_branch", "branch", "branch", func(a *AdvisorInfo) [][2]string {
			if a.Card.Branch == "" {
				return nil
			}
			return [][2]string{{a.Card.Branch, content.Slugify(a.Card.Branch)}}
		}},
		{"filter_language", "language", "language", func(a *AdvisorInfo) [][2]string {
			var out [][2]string
			for _, c := range a.Card.Languages {
				out = append(out, [2]string{words.LanguageName(c), content.Slugify(c)})
			}
			return out
		}},
		{"filter_specialty", "specialty", "specialty", func(a *AdvisorInfo) [][2]string {
			var out [][2]string
			for _, sp := range a.Card.Specialties {
				out = append(out, [2]string{sp, content.Slugify(sp)})
			}
			return out
		}},
	}
	for _, d := range dims {
		g := FilterGroup{Label: d.label, Key: d.key}
		members := map[string][]*Node{}
		shown := map[string]string{}
		for _, a := range advisors {
			for _, v := range d.values(a.Advisor) {
				if v[1] == "" {
					continue
				}
				if len(v[1]) > maxSlugBytes {
					key := map[string]string{"branch": "branch", "language": "languages", "specialty": "specialties"}[d.key]
					ds.Add(tooLongForAddress(a.Source, a.Meta.Line(key, 1), key))
					continue
				}
				members[v[1]] = append(members[v[1]], a)
				shown[v[1]] = v[0]
			}
		}
		tokens := make([]string, 0, len(members))
		for t := range members {
			tokens = append(tokens, t)
		}
		sort.Slice(tokens, func(i, j int) bool { return shown[tokens[i]] < shown[tokens[j]] })
		for _, t := range tokens {
			url := sec.URL + d.path + "/" + t + "/"
			g.Options = append(g.Options, FilterOption{Value: shown[t], Token: t, URL: url, Count: len(members[t])})
			fn := &Node{Page: &content.Page{Kind: KindAdvisorFilter, Section: "advisors", Slug: t, URL: url},
				Title: sec.Title + ": " + shown[t], Children: members[t], Feedback: false, Summary: sec.Summary}
			s.add(fn)
		}
		s.AdvisorFilters = append(s.AdvisorFilters, g)
	}
}
