// Package scaffold writes new content files for editors (klartext new): the
// front matter an editor must fill in, with a comment on each key.
package scaffold

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Kinds are the page kinds klartext new can create.
var Kinds = []string{"product", "advisor", "story"}

var validName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Create writes content/<section>/<name>.md below root and returns its path.
// It refuses to overwrite, and refuses names that are not URL slugs (so no
// path can leave the content folder).
func Create(root, kind, name string, today time.Time) (string, error) {
	if !validName.MatchString(name) {
		return "", fmt.Errorf("the name %q is not usable in a URL: use lower-case letters, digits and hyphens, like etf-welt or anna-schmidt", name)
	}
	var section, body string
	date := today.Format("2006-01-02")
	switch kind {
	case "product":
		section, body = "products", product(name)
	case "advisor":
		section, body = "advisors", advisor(name)
	case "story":
		section, body = "stories", story(date)
	default:
		return "", fmt.Errorf("unknown kind %q: choose one of %s", kind, strings.Join(Kinds, ", "))
	}
	p := filepath.Join(root, "content", section, name+".md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("%s exists already; klartext new never overwrites a file", p)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		return "", err
	}
	return p, f.Close()
}

// product is a new explainer: a draft, with the review keys empty, so
// that the page says "Zuletzt geprüft" only once compliance has reviewed
// it and an editor wrote so.
func product(id string) string {
	return `---
# Title of the page; defaults to the product's name from the data.
title: ""
# One sentence for search engines and link previews.
description: ""
# The product's id in content/data/products.csv (or data/products/` + id + `.yaml).
# Required: the figures on the page come from there, never from this file.
product: ` + id + `
# Advisors who explain this product (file names in content/advisors/ without .md).
advisors: []
# Topics this page belongs to; each topic gets its own page.
topics: []
# Not published until compliance has reviewed it: then set draft: false and
# fill in the three keys below (a published product page needs all three).
draft: true
# When compliance reviewed the page (2026-03-01), and who did.
reviewed:
reviewed_by: ""
# After this date the build fails until the page is reviewed again.
valid_until:
---

## Was ist das Produkt?

## Für wen eignet es sich?

## Risiko und Chancen

## Kosten
`
}

func advisor(slug string) string {
	return `---
# Full name as shown on the business card.
name: ""
# Job title, e.g. Kundenberaterin, Anlageberatung.
role: ""
# Branch, e.g. Berlin-Mitte.
branch: ""
# Languages spoken, as language codes: de, en, tr, ar, pl, ...
languages: [de]
# What customers can ask this person about.
specialties: []
# fee-based (Honorarberatung) or commission-based (Provisionsberatung).
advice_model: fee-based
email: ""
# With country code, e.g. "+49 30 1234 567".
phone: ""
# Link to the online booking page (optional).
booking_url: ""
# A photo next to this file, e.g. ` + slug + `.jpg (JPEG or PNG, at least 320 px on its
# shorter side; the build makes the sizes and removes location data), and its
# description for blind readers.
photo: ""
photo_alt: ""
# Where the face is, for the round crop: across then down, e.g. "50% 30%"; default the centre.
photo_focus: ""
# Set to false when the advisor withdraws consent: no page is published.
published: true
---

Ein paar Sätze über mich, in meinen eigenen Worten.
`
}

func story(today string) string {
	return `---
title: ""
description: ""
# Publication date; pages dated in the future are published once the date is reached.
date: ` + today + `
# The advisor who tells the story (file name in content/advisors/ without .md). Required.
advisor: ""
# Products the story mentions (ids from the product data).
products: []
topics: []
---

Was ist passiert? Erzählen Sie ehrlich, auch was nicht gut lief.
`
}
