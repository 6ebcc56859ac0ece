package site

import (
	"strings"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/i18n"
)

// Translation is a page's version in one of the site's languages.
type Translation struct {
	Lang string // the language's code, as site.yaml's languages: writes it
	Name string // the language's name in itself: "English", "Deutsch"
	URL  string // the link to it, with the base path
	Abs  string // its absolute address (hreflang, the sitemap)
	// Default is true for the version in the site's default language
	// (hreflang x-default).
	Default bool
	// Home is true when the page has no version in the language and
	// this is the language's home page instead; Note then says so in
	// that language (language_no_page). For Node.TextIn, Note says in the
	// page's language that its text is in this one (text_in_language).
	Home bool
	Note string
	// Partial is true for a version that shows the page's facts without
	// its text: an advisor's card without the translated introduction
	// (content.Page.Untranslated), a product page without explainer.
	Partial bool
}

// LanguageWords are what LinkLanguages says in each language: the
// language's translation file (names of languages, text_in_language) and
// that a page has no version in it (language_no_page).
type LanguageWords struct {
	Catalog *i18n.Catalog
	NoPage  string
}

// LinkLanguages links the pages of a site's languages (sites, the default
// first, one per entry of languages:): a page's versions are the pages of
// the same file (the original and its translations, content.Page.Lang),
// of the same product, or else of the same address. Each node gets its
// versions (Translations, itself included) and, for the language switch,
// where each other language leads (Switch: its version, or that
// language's home page); a page whose text is in another language only
// (an advisor without translation, a product whose explainer is not
// translated) gets TextIn. A site of one language is left as it is.
func LinkLanguages(sites []*Site, words []LanguageWords) {
	if len(sites) < 2 || len(words) != len(sites) {
		return // one language, or a language without its words (reported)
	}
	sumFeedback(sites)
	versions := map[string][]*Node{} // key → node per language
	for i, s := range sites {
		s.Languages, s.LanguageIndex = sites, i
		for _, n := range s.Nodes {
			k := translationKey(n)
			v := versions[k]
			if v == nil {
				v = make([]*Node, len(sites))
				versions[k] = v
			}
			if v[i] == nil {
				v[i] = n
			}
		}
	}
	at := func(i int, n *Node, home bool) Translation {
		cfg := sites[i].Config
		t := Translation{Lang: cfg.Language, Name: words[i].Catalog.LanguageName(cfg.Language), URL: cfg.RelURL(n.URL), Abs: cfg.AbsURL(n.URL),
			Default: i == 0, Home: home, Partial: partial(n)}
		if home {
			t.Note = words[i].NoPage
		}
		return t
	}
	for i, s := range sites {
		for _, n := range s.Nodes {
			v := versions[translationKey(n)]
			for j, o := range v {
				if o == nil {
					n.Switch = appendIf(n.Switch, j != i, at(j, sites[j].Sections[""], true))
					continue
				}
				t := at(j, o, false)
				n.Translations = append(n.Translations, t)
				n.Switch = appendIf(n.Switch, j != i, t)
				if j != i && n.TextIn == nil && textOnlyIn(n, o) {
					t.Note = words[i].Catalog.T("text_in_language", words[i].Catalog.LanguageName(t.Lang))
					n.TextIn = &t
					if n.Summary == "" && n.Page != nil && n.Untranslated {
						// The lists' teaser of a page without its text.
						n.Summary = strings.TrimSuffix(t.Note, ":")
					}
				}
			}
		}
	}
}

// partial reports whether n shows a page's facts without its text (an
// untranslated advisor, a product without explainer, a list without its
// _index file).
func partial(n *Node) bool {
	switch {
	case n.Page != nil && n.Untranslated:
		return true
	case n.Product != nil && n.Kind == content.KindProduct:
		return !n.Product.Explained
	case n.Kind == content.KindSection || n.Kind == content.KindHome:
		return n.Source == ""
	}
	return false
}

// textOnlyIn reports whether n's text is o's only: n shows a page without
// its body (content.Page.Untranslated), or a product page without prose
// where o has its explainer.
func textOnlyIn(n, o *Node) bool {
	if n.Page != nil && n.Untranslated {
		return o.Page != nil && !o.Untranslated
	}
	return n.Product != nil && o.Product != nil && !n.Product.Explained && o.Product.Explained
}

func appendIf(ts []Translation, ok bool, t Translation) []Translation {
	if ok {
		return append(ts, t)
	}
	return ts
}

// translationKey is what the versions of one page share: the product, the
// address of a list made from a folder (a section page is one with or
// without its _index.md), the original's file, or the address.
func translationKey(n *Node) string {
	switch {
	case n.Product != nil && n.Kind == content.KindProduct:
		return "product:" + n.Product.Facts.ID
	case n.Kind == content.KindSection || n.Kind == content.KindHome:
		return "url:" + n.URL
	case n.Kind == KindSearch:
		return "search" // its address is in the language's words
	case n.Source != "" && n.Lang != "":
		return "file:" + n.Original
	case n.Source != "":
		return "file:" + n.Source
	}
	return "url:" + n.URL
}

// XDefault is the page's version in the default language, for hreflang
// x-default; nil when it has none.
func (n *Node) XDefault() *Translation {
	for k := range n.Translations {
		if n.Translations[k].Default {
			return &n.Translations[k]
		}
	}
	return nil
}

// PageURL is the link from a page of s to the page of the file src
// ("content/x.md"): its page in s (a translation answers for its
// original's name), or else, on a site of several languages, the page of
// the default language's file — in s's language where it has a version,
// else as it is.
func (s *Site) PageURL(src string) (string, bool) {
	if t := s.BySource[src]; t != nil {
		return s.Config.RelURL(t.URL), true
	}
	if s.LanguageIndex == 0 || s.Languages == nil {
		return "", false
	}
	d := s.Languages[0].BySource[src]
	if d == nil {
		return "", false
	}
	for _, t := range d.Translations {
		if t.Lang == s.Config.Language {
			return t.URL, true
		}
	}
	return s.Languages[0].Config.RelURL(d.URL), true
}

// sumFeedback gives each language's feedback balance the total over all
// languages, beside its own (each language's site counts the rows of its
// pages).
func sumFeedback(sites []*Site) {
	var all feedback.Counts
	any := false
	for _, s := range sites {
		if f := s.Feedback; f != nil && f.Balance != nil {
			all = all.Plus(f.Balance.Total)
			any = true
		}
	}
	if !any {
		return
	}
	for _, s := range sites {
		if f := s.Feedback; f != nil && f.Balance != nil {
			f.AllLanguages = &all
		}
	}
}

// FolderClashes are the errors of a default language's page, file or
// alias whose address is in the folder of another language
// (content/en/x.md on a site with en, aliases: [/en/alt/]): that folder
// is the other language's site, and each language's files are claimed in
// its own output plan. Another language's aliases are below its folder
// (/alt/ on an English page is /en/alt/), so an alias of one language is
// never another's page or alias but there.
func FolderClashes(sites []*Site) []diag.Diagnostic {
	if len(sites) < 2 {
		return nil
	}
	var out []diag.Diagnostic
	for _, o := range sites[1:] {
		folder := o.Config.LanguagePrefix + "/"
		name := i18n.LanguageWord(o.Config.Language)
		for _, n := range sites[0].Nodes {
			if strings.HasPrefix(n.URL, folder) && n.Source != "" {
				out = append(out, diag.Errorf(n.Source, 0, "the page's address %s is in the folder of the pages in %s", n.URL, name).
					WithHint("rename or move the folder content%s; a translation is named by its file (ueber-uns.%s.md)", folder, o.Config.LanguagePrefix[1:]))
			}
		}
		for src, u := range sites[0].Assets {
			if strings.HasPrefix(u, folder) {
				out = append(out, diag.Errorf(src, 0, "the file's address %s is in the folder of the pages in %s", u, name).
					WithHint("rename or move the folder content%s", folder))
			}
		}
		for _, r := range sites[0].Redirects {
			if !strings.HasPrefix(r.From, folder) {
				continue
			}
			d := diag.Errorf(r.File, r.Line, "the alias %s is in the folder of the pages in %s", r.From, name).
				WithHint("an old address of a page in %s belongs to that page's translation, without the folder: aliases: [%s]", name, strings.TrimPrefix(r.From, o.Config.LanguagePrefix))
			if n := o.ByURL[strings.TrimPrefix(r.From, o.Config.LanguagePrefix)]; n != nil {
				d = diag.Errorf(r.File, r.Line, "the alias %s is the address of %s", r.From, orGenerated(n.Source)).
					WithHint("an old address must be free: remove the alias, or move the other page")
			}
			out = append(out, d.WithKey("aliases"))
		}
	}
	return out
}
