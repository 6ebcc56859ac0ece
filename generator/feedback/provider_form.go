package feedback

// Form is the plain HTML form of the page itself, posting to the bank's
// receiver (klartext feedback serve, or a service of its own). Its script
// asks the receiver for the form's token once the reader starts filling
// it in (never on page load); the form works without it.
var _ = register(&ProviderDef{
	Name:     Form,
	Keys:     []string{"endpoint", "redirect"},
	Required: []string{"endpoint"},
	Check: func(s *Settings, v *Values) {
		s.Endpoint = v.URL("endpoint")
		s.Redirect = v.URL("redirect")
	},
	Base: func(s Settings) string { return s.Endpoint },
	Origins: func(s Settings) Origins {
		o := Origins{Connect: []string{Origin(s.Endpoint)}}
		if s.Endpoint != "" {
			o.FormAction = []string{Origin(s.Endpoint)}
		}
		return o
	},
	Script: "/js/feedback-form.js",
})
