package feedback

import "github.com/klartext/klartext/generator/locale"

// Remark42 is a comment server the bank runs itself (remark42.com); it
// reads its configuration from a global, which feedback.js sets from data.
var _ = register(&ProviderDef{
	Name:     Remark42,
	Keys:     []string{"host", "site_id"},
	Required: []string{"host", "site_id"},
	Check: func(s *Settings, v *Values) {
		s.Host = v.Host("host")
		s.SiteID = v.Token("site_id")
	},
	Base: func(s Settings) string { return s.Host },
	Origins: func(s Settings) Origins {
		o := []string{Origin(s.Host)}
		return Origins{Script: o, Frame: o, Connect: o}
	},
	Embed: func(s Settings, page PageRef, lang string) Embed {
		cfg := map[string]string{
			"host":       s.Host,
			"site_id":    s.SiteID,
			"url":        page.URL,
			"page_title": page.Title,
			"locale":     locale.Primary(lang),
		}
		if s.Theme != "" {
			cfg["theme"] = s.Theme
		}
		return Embed{
			Container: &Element{Tag: "div", Attrs: map[string]string{"id": "remark42"}},
			Script:    s.Host + "/web/embed.js",
			ConfigVar: "remark_config",
			Config:    cfg,
		}
	},
	Script: "/js/feedback.js",
})
