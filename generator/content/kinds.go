package content

import (
	"strings"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/registry"
)

// KindDef is a page kind of the content model: one entry of the registry
// (Kinds). Which folder's pages have the kind, the front matter keys they
// accept and the messages about them, the layouts a page looks for, the
// main menu, which lists are paginated, which pages go into the search
// index and klartext new's scaffolds are made from it.
type KindDef struct {
	Kind   Kind
	Phrase diag.Text // in messages: diag.T("a product explainer"), translated with them
	// Folder is the folder below content/ whose pages (not its _index.md)
	// have the kind: "products"; "" when no folder makes it.
	Folder string
	Keys   []string // front matter keys beyond the common ones
	// Generated: the build makes these pages; no file has the kind.
	Generated bool
	// List: the page lists other pages (its section's, a topic's); it is
	// no entry of its section's list or of a feed.
	List bool
	// Paginate: the page's list is paginated (Site's pagination); for a
	// kind with a Folder, whether that folder's section page is.
	Paginate bool
	// Menu: the main menu links the kind's folder's section page (or, for
	// a kind of no folder, its page), in the registry's order.
	Menu bool
	// TitleKey is the theme's translation of the title of a generated
	// page that has none of its own ("topics"); "" for none.
	TitleKey string
	// Search: its pages go into the site search's index.
	Search bool
	// Layouts are the layouts, below layouts/, a page of the kind looks
	// for, the first the theme has; "{section}" is the page's section (a
	// candidate with it is skipped on a page of no section).
	Layouts []string
	// Scaffold is what klartext new writes for a page of the kind; nil
	// where editors do not create the kind's pages with it.
	Scaffold *Scaffold
}

// Scaffold is a new page of a kind: the front matter an editor fills in,
// with a comment on every key, and a body to start from. {name} is the
// name given to klartext new, {date} today.
type Scaffold struct {
	Name        string // klartext new <name> ...: "product"
	FrontMatter string
	Body        string
}

var kinds = registry.New(
	&KindDef{Kind: KindHome, Phrase: diag.T("the home page"), List: true, Search: true, Layouts: []string{"index.html", "_default/list.html"}},
	&KindDef{Kind: KindSection, Phrase: diag.T("a section page"), List: true, Paginate: true, Search: true, Layouts: []string{"{section}/list.html", "_default/list.html"}},
	&KindDef{Kind: KindPage, Phrase: diag.T("a page"), Search: true, Layouts: []string{"{section}/single.html", "_default/single.html"}},
	&KindDef{Kind: KindProduct, Phrase: diag.T("a product explainer"), Folder: "products", Menu: true, Search: true,
		Keys:    []string{"product", "advisors", "reviewed", "reviewed_by", "valid_until"},
		Layouts: []string{"{section}/single.html", "_default/single.html"}, Scaffold: &productScaffold},
	&KindDef{Kind: KindAdvisor, Phrase: diag.T("an advisor profile"), Folder: "advisors", Menu: true, Search: true,
		Keys: []string{"name", "role", "branch", "languages", "specialties", "email", "phone", "booking_url",
			"photo", "photo_alt", "photo_focus", "advice_model", "published"},
		Layouts: []string{"{section}/single.html", "_default/single.html"}, Scaffold: &advisorScaffold},
	&KindDef{Kind: KindStory, Phrase: diag.T("a story"), Folder: "stories", Paginate: true, Menu: true, Search: true,
		Keys:    []string{"advisor", "products"},
		Layouts: []string{"{section}/single.html", "_default/single.html"}, Scaffold: &storyScaffold},
	&KindDef{Kind: KindTopics, Phrase: diag.T("the topics list"), Generated: true, List: true, Menu: true, TitleKey: "topics", Layouts: []string{"topics/list.html", "_default/list.html"}},
	&KindDef{Kind: KindTopic, Phrase: diag.T("a topic page"), Generated: true, List: true, Paginate: true, Search: true, Layouts: []string{"topics/single.html", "_default/list.html"}},
	&KindDef{Kind: KindAdvisorFilter, Phrase: diag.T("an advisor filter page"), Generated: true, List: true, Layouts: []string{"{section}/list.html", "_default/list.html"}},
	&KindDef{Kind: KindFeedback, Phrase: diag.T("the feedback page"), Generated: true, Search: true, Layouts: []string{"feedback/list.html", "_default/list.html"}},
	&KindDef{Kind: KindTranscript, Phrase: diag.T("a transcript page"), Generated: true, Search: true, Layouts: []string{"transcript/single.html", "_default/single.html"}},
	&KindDef{Kind: KindSearch, Phrase: diag.T("the search page"), Generated: true, Layouts: []string{"{section}/single.html", "_default/single.html"}},
	&KindDef{Kind: Kind404, Phrase: diag.T("the page not found"), Generated: true, Layouts: []string{"404.html"}},
)

// The kinds the build makes, beside those of files (content.go).
const (
	// KindAdvisorFilter is a page of the advisors section listing the
	// advisors of one branch, language or specialty: the filter that works
	// without JavaScript.
	KindAdvisorFilter Kind = "advisor-filter"
	// KindFeedback is the page /feedback/ with the site-wide balance of
	// what readers said.
	KindFeedback Kind = "feedback"
	// KindTranscript is a transcript page made from a video's captions.
	KindTranscript Kind = "transcript"
	// KindSearch is the search page.
	KindSearch Kind = "search"
)

// Kinds is the registry of page kinds, in the order the main menu takes;
// the caller must not change it.
func Kinds() []*KindDef { return kinds.All() }

// RegisterKind adds a page kind to the registry before a site is loaded
// (tests register kinds of their own); remove takes it out again.
func RegisterKind(d *KindDef) (remove func()) { return kinds.Add(d) }

// Def is the kind's entry in the registry; nil for a kind nobody
// registered.
func (k Kind) Def() *KindDef {
	for _, d := range kinds.All() {
		if d.Kind == k {
			return d
		}
	}
	return nil
}

// FolderKind is the kind of the folder's pages; nil for a folder of plain
// pages.
func FolderKind(folder string) *KindDef {
	for _, d := range kinds.All() {
		if d.Folder != "" && d.Folder == folder {
			return d
		}
	}
	return nil
}

// Paginated reports whether the list of a page of kind k in section is
// paginated: the kind's rule, and for a section page its folder's kind's.
func Paginated(k Kind, section string) bool {
	d := k.Def()
	if d == nil || !d.Paginate {
		return false
	}
	if k == KindSection {
		if f := FolderKind(section); f != nil {
			return f.Paginate
		}
	}
	return true
}

// LayoutsFor are the layouts a page of kind k in section looks for, in
// order.
func LayoutsFor(k Kind, section string) []string {
	d := k.Def()
	if d == nil {
		d = KindPage.Def()
	}
	out := make([]string, 0, len(d.Layouts))
	for _, l := range d.Layouts {
		if strings.Contains(l, "{section}") {
			if section == "" {
				continue
			}
			l = strings.ReplaceAll(l, "{section}", section)
		}
		out = append(out, l)
	}
	return out
}

// phrase names a page kind in an error message.
func phrase(k Kind) diag.Text {
	if d := k.Def(); d != nil {
		return d.Phrase
	}
	return diag.T("a page")
}
