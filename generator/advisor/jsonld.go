package advisor

import (
	"encoding/json"
	"net/url"
	"strings"
)

type person struct {
	Context       string        `json:"@context"`
	Type          string        `json:"@type"`
	Name          string        `json:"name"`
	JobTitle      string        `json:"jobTitle,omitempty"`
	WorksFor      *organization `json:"worksFor,omitempty"`
	WorkLocation  *place        `json:"workLocation,omitempty"`
	Email         string        `json:"email,omitempty"`
	Telephone     string        `json:"telephone,omitempty"`
	Image         string        `json:"image,omitempty"`
	KnowsLanguage []string      `json:"knowsLanguage,omitempty"`
	KnowsAbout    []string      `json:"knowsAbout,omitempty"`
	URL           string        `json:"url,omitempty"`
}

type organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type place struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// PersonJSONLD returns schema.org Person data for the advisor's page, for a
// <script type="application/ld+json"> element: name, jobTitle, worksFor
// (an Organization with orgName and orgURL), workLocation (the branch),
// email as a mailto: URL, telephone (E.164), image (c.Photo resolved
// against pageURL), knowsLanguage (BCP 47 codes), knowsAbout (specialties)
// and url.
//
// encoding/json escapes <, > and & as \u003c, \u003e and \u0026, so no
// value can close the script element ("</script>") or open a comment.
func PersonJSONLD(c Card, pageURL, orgName, orgURL string) []byte {
	p := person{
		Context:       "https://schema.org",
		Type:          "Person",
		Name:          c.Name,
		JobTitle:      c.Role,
		KnowsLanguage: nonEmpty(c.Languages),
		KnowsAbout:    nonEmpty(c.Specialties),
		URL:           pageURL,
	}
	if orgName != "" {
		p.WorksFor = &organization{Type: "Organization", Name: orgName, URL: orgURL}
	}
	if c.Branch != "" {
		p.WorkLocation = &place{Type: "Place", Name: c.Branch}
	}
	if e := strings.TrimSpace(c.Email); e != "" {
		p.Email = "mailto:" + e
	}
	if tel, err := PhoneE164(c.Phone, ""); err == nil {
		p.Telephone = tel
	}
	if c.Photo != "" {
		p.Image = resolve(pageURL, c.Photo)
	}
	b, err := json.Marshal(p) // SetEscapeHTML is on by default for Marshal
	if err != nil {
		// Only strings and slices of strings: Marshal cannot fail.
		panic("advisor: PersonJSONLD: " + err.Error())
	}
	return b
}

// resolve makes ref absolute against base when both parse; otherwise ref
// is returned as written.
func resolve(base, ref string) string {
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return ref
	}
	return b.ResolveReference(r).String()
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
