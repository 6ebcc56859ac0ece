package feedback

import "github.com/klartext/klartext/generator/locale"

// Isso is a comment server the bank runs itself (isso-comments.de).
var _ = register(&ProviderDef{
	Name:     Isso,
	Keys:     []string{"host"},
	Required: []string{"host"},
	Check:    func(s *Settings, v *Values) { s.Host = v.Host("host") },
	Base:     func(s Settings) string { return s.Host },
	Origins: func(s Settings) Origins {
		o := Origin(s.Host)
		return Origins{Script: []string{o}, Connect: []string{o}}
	},
	Embed: func(s Settings, page PageRef, lang string) Embed {
		return Embed{
			Container: &Element{Tag: "section", Attrs: map[string]string{"id": "isso-thread", "data-title": page.Title, "data-isso-id": page.Path}},
			Script:    s.Host + "/js/embed.min.js",
			ScriptAttrs: map[string]string{
				"data-isso":      s.Host + "/",
				"data-isso-lang": locale.Primary(lang),
				"data-isso-css":  "false", // Isso would inject a <style>, which the CSP forbids; the theme styles it
			},
		}
	},
	Script: "/js/feedback.js",
})
