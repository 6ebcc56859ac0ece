package check

import (
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/site"
)

// Translations are the reports of a site of several languages (site.yaml
// languages:): a page of the editor's with no version in one of the
// languages (a warning at its file naming the file a translation would
// be), and a translation last changed before its original (lastmod: of
// both, a warning naming both files and dates). Nothing on a site of one
// language.
func Translations(s *site.Site) []diag.Diagnostic {
	var out []diag.Diagnostic
	for i, ls := range s.Languages {
		for _, n := range ls.Nodes {
			if n.Page == nil || n.Source == "" || n.Untranslated {
				continue
			}
			have := map[string]bool{}
			for _, t := range n.Translations {
				have[t.Lang] = !t.Partial
			}
			original := n.Source
			if n.Lang != "" {
				original = n.Original
			}
			for _, o := range s.Languages {
				// A page of the default language lacks a version; a
				// translation's own versions are its original's.
				if l := o.Config.Language; i == 0 && !have[l] {
					name := i18n.LanguageWord(l)
					out = append(out, diag.Warnf(n.Source, 0, "the page has no version in %s (%s)", name, TranslationFile(original, o)).
						WithHint("translate it into that file, with the same front matter keys; until then the site in %s has no such page, or shows the page's facts without its text", name))
				}
			}
			if n.Lang == "" {
				continue
			}
			orig := s.Languages[0].BySource[n.Original]
			if orig == nil {
				continue
			}
			if a, b := n.Meta.Lastmod, orig.Meta.Lastmod; !a.IsZero() && !b.IsZero() && a.Before(b) {
				out = append(out, diag.Warnf(n.Source, n.Meta.Line("lastmod", 0), "the translation was last changed on %s, its original %s on %s",
					a.Format("2006-01-02"), orig.Source, b.Format("2006-01-02")).
					WithHint("bring the translation up to date with the original, then set its lastmod:"))
			}
		}
	}
	return out
}

// TranslationFile is the file of original's translation into the
// language of the site o ("content/ueber-uns.en.md").
func TranslationFile(original string, o *site.Site) string {
	prefix := o.Config.LanguagePrefix
	if prefix == "" {
		return original
	}
	return original[:len(original)-len(".md")] + "." + prefix[1:] + ".md"
}
