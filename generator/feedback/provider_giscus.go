package feedback

import "github.com/klartext/klartext/generator/locale"

const giscusOrigin = "https://giscus.app"

// Giscus keeps the comments in GitHub Discussions (giscus.app); its script
// adds a stylesheet of its own.
var _ = register(&ProviderDef{
	Name:     Giscus,
	Keys:     []string{"category", "category_id", "mapping", "repo", "repo_id"},
	Required: []string{"repo", "repo_id", "category", "category_id"},
	Check: func(s *Settings, v *Values) {
		s.Repo = v.Repo("repo")
		s.RepoID, s.Category, s.CategoryID = v.Token("repo_id"), v.Text("category"), v.Token("category_id")
		s.Mapping = v.PathTerm("mapping", "specific")
	},
	Base: func(Settings) string { return giscusOrigin },
	Origins: func(Settings) Origins {
		o := []string{giscusOrigin}
		return Origins{Script: o, Frame: o, Style: o}
	},
	Embed: func(s Settings, page PageRef, lang string) Embed {
		theme := s.Theme
		if theme == "" {
			theme = "preferred_color_scheme"
		}
		return Embed{
			Container: &Element{Tag: "div", Attrs: map[string]string{"class": "giscus"}},
			Script:    giscusOrigin + "/client.js",
			ScriptAttrs: map[string]string{
				"data-repo":              s.Repo,
				"data-repo-id":           s.RepoID,
				"data-category":          s.Category,
				"data-category-id":       s.CategoryID,
				"data-mapping":           "specific",
				"data-term":              page.Path,
				"data-strict":            "1",
				"data-reactions-enabled": "1",
				"data-emit-metadata":     "0",
				"data-input-position":    "bottom",
				"data-theme":             theme,
				"data-lang":              locale.Primary(lang),
				"data-loading":           "lazy",
				"crossorigin":            "anonymous",
			},
		}
	},
	Script: "/js/feedback.js",
})
