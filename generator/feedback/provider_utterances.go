package feedback

const utterancesOrigin = "https://utteranc.es"

// Utterances keeps the comments in GitHub issues (utteranc.es).
var _ = register(&ProviderDef{
	Name:     Utterances,
	Keys:     []string{"issue_term", "label", "repo"},
	Required: []string{"repo"},
	Check: func(s *Settings, v *Values) {
		s.Repo = v.Repo("repo")
		s.IssueTerm = v.PathTerm("issue_term")
		s.Label = v.Text("label")
	},
	Base: func(Settings) string { return utterancesOrigin },
	Origins: func(Settings) Origins {
		o := []string{utterancesOrigin}
		return Origins{Script: o, Frame: o}
	},
	Embed: func(s Settings, page PageRef, _ string) Embed {
		theme := s.Theme
		if theme == "" {
			theme = "github-light"
		}
		attrs := map[string]string{
			"repo":        s.Repo,
			"issue-term":  page.Path,
			"theme":       theme,
			"crossorigin": "anonymous",
		}
		if s.Label != "" {
			attrs["label"] = s.Label
		}
		return Embed{Script: utterancesOrigin + "/client.js", ScriptAttrs: attrs}
	},
	Script: "/js/feedback.js",
})
