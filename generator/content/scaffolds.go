package content

// The scaffolds of klartext new, one per kind editors create (Kinds): the
// front matter to fill in with a comment on every key, the body to start
// from.

// productScaffold is a new explainer: a draft, with the review keys empty,
// so that the page says "Zuletzt geprüft" only once compliance has
// reviewed it and an editor wrote so.
var productScaffold = Scaffold{Name: "product", FrontMatter: `---
# Title of the page; defaults to the product's name from the data.
title: ""
# One sentence for search engines and link previews.
description: ""
# The product's id in content/data/products.csv (or data/products/{name}.yaml).
# Required: the figures on the page come from there, never from this file.
product: {name}
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
`,
	Body: `
## Was ist das Produkt?

## Für wen eignet es sich?

## Risiko und Chancen

## Kosten
`}

var advisorScaffold = Scaffold{Name: "advisor", FrontMatter: `---
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
# A photo next to this file, e.g. {name}.jpg (JPEG or PNG, at least 320 px on its
# shorter side; the build makes the sizes and removes location data), and its
# description for blind readers.
photo: ""
photo_alt: ""
# Where the face is, for the round crop: across then down, e.g. "50% 30%"; default the centre.
photo_focus: ""
# Set to false when the advisor withdraws consent: no page is published.
published: true
---
`,
	Body: `
Ein paar Sätze über mich, in meinen eigenen Worten.
`}

var storyScaffold = Scaffold{Name: "story", FrontMatter: `---
title: ""
description: ""
# Publication date; pages dated in the future are published once the date is reached.
date: {date}
# The advisor who tells the story (file name in content/advisors/ without .md). Required.
advisor: ""
# Products the story mentions (ids from the product data).
products: []
topics: []
---
`,
	Body: `
Was ist passiert? Erzählen Sie ehrlich, auch was nicht gut lief.
`}
