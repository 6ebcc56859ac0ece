package render

import (
	"html/template"

	"github.com/klartext/klartext/generator/advisor"
	"github.com/klartext/klartext/generator/site"
)

// advisorVCard is the downloadable business card.
func advisorVCard(s *site.Site, n *site.Node) []byte {
	photo := ""
	if n.Advisor.PhotoURL != "" {
		photo = s.Config.AbsFileURL(n.Advisor.PhotoURL)
	}
	return advisor.VCard(n.Advisor.Card, s.Config.AbsURL(n.URL), photo)
}

// advisorJSONLD is the schema.org Person of an advisor page.
func advisorJSONLD(s *site.Site, n *site.Node) template.JS {
	a := n.Advisor
	card := a.Card
	if a.PhotoURL != "" {
		card.Photo = s.Config.AbsFileURL(a.PhotoURL)
	}
	return template.JS(advisor.PersonJSONLD(card, s.Config.AbsURL(n.URL), s.Config.Owner(), s.Config.BaseURL))
}
