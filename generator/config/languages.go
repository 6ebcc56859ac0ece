package config

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/grammar"
)

// Language is one entry of site.yaml's languages: a language the site is
// published in, with the words of the site that differ by language.
//
//	languages:
//	  - code: de          # the first is the default, served at /
//	  - code: en          # the others under /<code>/
//	    title: "Rheintal Bank – plain words"
//	    description: "…"
//	    menus: { … }      # as the top-level menus:
//	    feedback:         # the form's thank-you page for this language
//	      redirect: "https://…/en/danke/"
//
// An entry's title, description, menus and feedback redirect replace the
// top-level ones for its language; without them the top-level ones apply.
type Language struct {
	Code        string
	Title       string
	Description string
	Menus       *yaml.Node
	// Feedback is the raw feedback: of the entry, which the feedback
	// package reads over the top-level one (feedback.Settings.ForLanguage);
	// nil when absent.
	Feedback *yaml.Node
	Line     int // of the entry's code, for its errors
}

// languageKeys are the keys of one entry of languages:.
var languageKeys = []string{"code", "title", "description", "menus", "feedback"}

// parseLanguages reads languages: a list (the order is the site's, the
// first the default), each entry a code alone ("- en") or a mapping.
func parseLanguages(v *yaml.Node) ([]Language, []diag.Diagnostic) {
	hinted := func(d diag.Diagnostic) diag.Diagnostic {
		return d.WithKey("languages").WithHint("write languages: as a list, the default first: [de, en], or entries with code:, title:, description:, menus: and feedback:")
	}
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		return nil, []diag.Diagnostic{hinted(diag.Errorf(File, v.Line, "languages must be a list of language codes, the default first"))}
	}
	var out []Language
	var ds []diag.Diagnostic
	seen := map[string]int{}
	for _, e := range v.Content {
		l := Language{Line: e.Line}
		switch e.Kind {
		case yaml.ScalarNode:
			l.Code = strings.TrimSpace(e.Value)
		case yaml.MappingNode:
			for i := 0; i+1 < len(e.Content); i += 2 {
				k, val := e.Content[i], e.Content[i+1]
				text := func(dst *string) {
					if val.Kind != yaml.ScalarNode {
						ds = append(ds, diag.Errorf(File, val.Line, "%s of a language must be text", k.Value).WithKey("languages"))
						return
					}
					*dst = strings.TrimSpace(val.Value)
				}
				switch k.Value {
				case "code":
					text(&l.Code)
					l.Line = val.Line
				case "title":
					text(&l.Title)
				case "description":
					text(&l.Description)
				case "menus":
					l.Menus = val
				case "feedback":
					l.Feedback = val
				default:
					ds = append(ds, unknownKey(diag.Errorf(File, k.Line, "unknown key %q in a language of languages:", k.Value).WithKey("languages"), k.Value, languageKeys, "a language has"))
				}
			}
		default:
			ds = append(ds, hinted(diag.Errorf(File, e.Line, "each entry of languages must be a language code or a mapping with code:")))
			continue
		}
		switch {
		case l.Code == "":
			ds = append(ds, diag.Errorf(File, l.Line, "a language of languages: has no code").WithKey("languages").WithHint("add code: en (or de, …)"))
			continue
		case grammar.LanguageTag(l.Code) != nil:
			ds = append(ds, diag.Errorf(File, l.Line, "languages: names %q, which is no language code like de or en-GB", l.Code).WithKey("languages"))
			continue
		}
		if first, dup := seen[strings.ToLower(l.Code)]; dup {
			ds = append(ds, diag.Errorf(File, l.Line, "languages: names %s twice (first on line %d)", l.Code, first).WithKey("languages"))
			continue
		}
		seen[strings.ToLower(l.Code)] = l.Line
		out = append(out, l)
	}
	return out, ds
}

// Multilingual reports whether the site is published in more than one
// language.
func (s Site) Multilingual() bool { return len(s.Languages) > 1 }

// LanguageCodes are the site's languages, the default first: languages:
// as written, or language: alone.
func (s Site) LanguageCodes() []string {
	if len(s.Languages) == 0 {
		return []string{s.Language}
	}
	out := make([]string, len(s.Languages))
	for i, l := range s.Languages {
		out[i] = l.Code
	}
	return out
}

// ForLanguage is the settings of the site's i-th language (0 the
// default): its code, title, description and menus, and for every other
// language the base URL of its folder, /<code>/ below the site's.
func (s Site) ForLanguage(i int) Site {
	if i >= len(s.Languages) {
		return s
	}
	l := s.Languages[i]
	s.Language, s.LanguageLine = l.Code, l.Line
	if l.Title != "" {
		s.Title = l.Title
	}
	if l.Description != "" {
		s.Description = l.Description
	}
	if l.Menus != nil {
		s.Menus = l.Menus
	}
	s.MenusInherited = i > 0 && l.Menus == nil && s.Menus != nil
	if i > 0 {
		s.filesPath, s.filesBaseURL = s.BasePath(), s.BaseURL
		s.LanguagePrefix = "/" + LanguageFolder(l.Code)
		s.BaseURL += grammar.URI(LanguageFolder(l.Code)) + "/"
		s.basePath = ""
		s.basePath = s.BasePath()
	}
	return s
}

// LanguageFolder is the folder of a language that is not the default, as
// a URL segment: the code in lower case ("en", "en-gb").
func LanguageFolder(code string) string { return strings.ToLower(code) }
