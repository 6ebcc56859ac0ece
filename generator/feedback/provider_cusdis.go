package feedback

// DefaultCusdisHost is the hosted Cusdis service.
const DefaultCusdisHost = "https://cusdis.com"

// Cusdis is a comment service, hosted or the bank's own (cusdis.com). Its
// script writes an srcdoc iframe, which inherits this page's CSP: the
// iframe's script, its stylesheet and its API calls need the host too.
var _ = register(&ProviderDef{
	Name:     Cusdis,
	Keys:     []string{"app_id", "host"},
	Required: []string{"app_id"},
	Check: func(s *Settings, v *Values) {
		s.Host = v.Host("host")
		if !v.Given("host") {
			s.Host = DefaultCusdisHost
		}
		s.AppID = v.Token("app_id")
	},
	Base: func(s Settings) string { return s.Host },
	Origins: func(s Settings) Origins {
		o := []string{Origin(s.Host)}
		return Origins{Script: o, Frame: o, Connect: o, Style: o}
	},
	Embed: func(s Settings, page PageRef, _ string) Embed {
		attrs := map[string]string{
			"id":              "cusdis_thread",
			"data-host":       s.Host,
			"data-app-id":     s.AppID,
			"data-page-id":    page.Path,
			"data-page-url":   page.URL,
			"data-page-title": page.Title,
		}
		if s.Theme != "" {
			attrs["data-theme"] = s.Theme
		}
		return Embed{Container: &Element{Tag: "div", Attrs: attrs}, Script: s.Host + "/js/cusdis.es.js"}
	},
	Script: "/js/feedback.js",
})
