package scaffold

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/klartext/klartext/generator/placeholder"
	products "github.com/klartext/klartext/generator/product"
)

// SiteLanguages are the languages klartext new site writes a site in.
var SiteLanguages = []string{"de", "en"}

// CreateSite writes a new site into dir (created when missing): site.yaml
// with a comment on every setting, the home page, the sections for
// products, advisors and stories, the legal pages with placeholders
// (placeholder.Mark) where only the bank knows what belongs, an empty
// products.csv with the columns every product needs, and a .gitignore.
// The site builds without errors or warnings; klartext check lists the
// placeholders until they are filled in. It returns the files written,
// relative to dir. A folder that holds content/ already is refused: it
// never overwrites.
func CreateSite(dir, language string) ([]string, error) {
	t, ok := siteTexts[language]
	if !ok {
		return nil, fmt.Errorf("klartext new site writes a site in %s, not %q", strings.Join(SiteLanguages, " or "), language)
	}
	if _, err := os.Lstat(filepath.Join(dir, "content")); err == nil {
		return nil, fmt.Errorf("%s has a content/ folder already; klartext new site never overwrites a site", dir)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	var written []string
	for _, f := range siteFiles(t) {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, err
		}
		out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return written, err
		}
		_, err = out.WriteString(f.text)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return written, err
		}
		written = append(written, f.path)
	}
	return written, nil
}

type siteFile struct{ path, text string }

func siteFiles(t siteText) []siteFile {
	return []siteFile{
		{"content/site.yaml", t.settings},
		{"content/_index.md", t.home},
		{"content/products/_index.md", t.products},
		{"content/advisors/_index.md", t.advisors},
		{"content/stories/_index.md", t.stories},
		{"content/" + t.imprintFile, t.imprint},
		{"content/" + t.privacyFile, t.privacy},
		{"content/data/products.csv", strings.Join(products.RequiredKeys(), ",") + "\n"},
		{".gitignore", "# What klartext writes: the built site and the image cache.\npublic/\n.klartext-cache/\nnode_modules/\n"},
	}
}

// siteText is a new site's files in one language.
type siteText struct {
	settings, home, products, advisors, stories string
	imprintFile, imprint, privacyFile, privacy  string
}

// todo is placeholder.Mark, short for the texts below.
func todo(what string) string { return placeholder.Mark(what) }

var siteTexts = map[string]siteText{
	"de": {
		settings: `# Die Einstellungen der Website. klartext check meldet jeden Platzhalter
# (TODO in doppelten eckigen Klammern), bis er ersetzt ist.

# Der Name der Website: im Kopf jeder Seite, im Titel des Browserfensters
# und im Feed.
title: "` + todo("Name der Bank") + `"
# Die Adresse, unter der die Website erreichbar sein wird, mit / am Ende.
# In einem Unterordner (https://www.example-bank.de/klartext/) beginnen alle
# Links der Seiten mit ihm. Für einen Testserver: klartext build --baseURL URL.
# ` + todo("die Adresse eintragen, dann diese Zeile löschen") + `
baseURL: "https://www.example-bank.de/"
# Die Sprache der Seiten: de oder en. Zahlen, Daten und die Texte des
# Themes folgen ihr.
language: de
# Die Sprachen der Website, die Standardsprache (language:) zuerst: sie
# steht unter /, jede weitere unter /<code>/ (/en/ueber-uns/). Eine
# Übersetzung heißt wie ihr Original mit der Sprache davor: ueber-uns.en.md.
# Eine Sprache kann eigene title:, description: und menus: haben, und mit
# feedback: und redirect: ihre eigene Dankeseite nach einer Rückmeldung:
#   - code: en
#     title: "Example Bank – plain words"
#     feedback:
#       redirect: "https://www.example-bank.de/en/danke/"
languages:
  - de
# Das Aussehen: klartext ist eingebaut. Eine Datei unter themes/klartext/
# ersetzt die gleichnamige des eingebauten Themes.
theme: klartext
# Ein Satz über die Website für Suchmaschinen und Linkvorschauen.
description: "Unsere Produkte, Risiken und Kosten offen erklärt – von den Menschen, die Sie beraten."
# Die Währung der Produktdaten, wo eine Zeile keine nennt (ISO 4217).
currency: EUR
# Wie viele Einträge eine Liste zeigt, bevor sie auf die nächste Seite blättert.
pagination: 10
# Die Zeile unten auf jeder Seite; leer: „© <Jahr> <title>“.
copyright: ""
# Rückmeldungen der Leserinnen und Leser unter jeder Seite; none: keine.
# Das Formular, das klartext feedback serve empfängt, so:
#   provider: form
#   endpoint: "https://feedback.example-bank.de/submit"
# Andere Anbieter: isso, remark42, giscus, utterances, cusdis (siehe README).
feedback:
  provider: none
# Dateien unter content/, die so veröffentlicht werden, wie sie sind, obwohl
# ein Browser sie ausführen würde (HTML, Skripte): jede einzeln mit ihrem
# Pfad unter content/, z. B. [downloads/rechner.html].
allow_raw: []
# HTTP-Header, die _headers (Netlify, Cloudflare Pages) zu klartexts eigenen
# hinzufügt, wie in netlify.toml: for: ein Pfad der Website, values: die
# Header. Die Content-Security-Policy, die Sicherheits-Header und der Cache
# der Seiten und Stylesheets bleiben klartexts; z. B.
#   - for: /downloads/*
#     values:
#       X-Robots-Tag: noindex
headers: []
# Die Bank: ihr Name im Kopf jeder Seite und in der Copyright-Zeile, ihre
# Farbe für Links und Schaltflächen (geprüft: mindestens 4,5:1 gegen Weiß,
# WCAG AA) und, wenn gewünscht, ihr Logo: eine Datei unter content/
# (logo: brand/logo.png) mit alt: seinem Text.
brand:
  name: "` + todo("Name der Bank") + `"
  color: "#0b5c8a"
# Die Menüs: main im Kopf jeder Seite, footer im Fuß. Ein Eintrag nennt
# eine Seite mit ihrer Datei unter content/ (pageRef:) oder eine Adresse
# (url: mit name:); weight: ordnet, name: ersetzt den Titel der Seite.
# Ohne main zeigt der Kopf die Bereiche Produkte, Beratung und Geschichten.
menus:
  main:
    - pageRef: products/_index.md
      weight: 10
    - pageRef: advisors/_index.md
      weight: 20
    - pageRef: stories/_index.md
      weight: 30
  footer:
    - pageRef: impressum.md
      weight: 10
    - pageRef: datenschutz.md
      weight: 20
`,
		home: `---
title: "Willkommen"
description: "Produkte, Risiken und Kosten im Klartext – und die Menschen, die Sie beraten."
---
` + todo("Ein paar Sätze über die Bank: wer Sie sind und für wen Sie da sind.") + `

Auf dieser Website finden Sie:

- **[Unsere Produkte](products/_index.md)** – jedes mit Risikoklasse, empfohlener Haltedauer und allen Kosten in Euro und Prozent.
- **[Unsere Beraterinnen und Berater](advisors/_index.md)** – mit offener Visitenkarte: wer sie sind und wie sie bezahlt werden.
- **[Geschichten aus der Beratung](stories/_index.md)** – ehrlich, auch wenn etwas nicht gut lief.

[Impressum](impressum.md) · [Datenschutz](datenschutz.md)
`,
		products: `---
title: "Unsere Produkte"
description: "Alle Spar- und Anlageprodukte mit Risikoklasse, Haltedauer und Kosten."
---
Für jedes Produkt zeigen wir dieselben Angaben, damit Sie vergleichen können: die Risikoklasse (1 bis 7), die empfohlene Haltedauer, alle Kosten in Euro und Prozent und was in einem schlechten, mittleren und guten Verlauf herauskommen könnte.
`,
		advisors: `---
title: "Beratung"
description: "Die Menschen, die Sie beraten – mit offener Visitenkarte."
---
Hier stellen sich unsere Beraterinnen und Berater vor: wer sie sind, was sie können, welche Sprachen sie sprechen und ob sie über Honorar oder Provision bezahlt werden.
`,
		stories: `---
title: "Geschichten"
description: "Geschichten aus dem Beratungsalltag."
---
Aus dem Beratungsalltag, erzählt von den Menschen, die beraten – auch wenn etwas nicht gut lief.
`,
		imprintFile: "impressum.md",
		imprint: `---
title: "Impressum"
description: "Anbieterkennzeichnung nach § 5 Digitale-Dienste-Gesetz."
feedback: false
---
## Anbieter

` + todo("Name und Rechtsform der Bank") + `\
` + todo("Straße und Hausnummer") + `\
` + todo("Postleitzahl und Ort") + `

Telefon: ` + todo("Telefonnummer") + `\
E-Mail: ` + todo("E-Mail-Adresse") + `

## Vertretungsberechtigt

` + todo("die Mitglieder des Vorstands, den Vorsitz des Aufsichtsrats") + `

## Register und Aufsicht

` + todo("Registergericht und Registernummer") + `\
Umsatzsteuer-Identifikationsnummer: ` + todo("USt-IdNr.") + `

Zuständige Aufsichtsbehörde: ` + todo("Name und Anschrift, z. B. der Bundesanstalt für Finanzdienstleistungsaufsicht (BaFin)") + `

` + todo("die Einlagensicherung, der die Bank angehört") + `

## Verantwortlich für den Inhalt

` + todo("Name und Anschrift") + `
`,
		privacyFile: "datenschutz.md",
		privacy: `---
title: "Datenschutz"
description: "Welche Daten diese Website verarbeitet und welche Rechte Sie haben."
feedback: false
---
## Verantwortlich

` + todo("Name und Anschrift der Bank") + `

## Datenschutzbeauftragte oder Datenschutzbeauftragter

` + todo("Name oder Funktion und Kontakt") + `

## Was diese Website speichert

Diese Website setzt keine Cookies und lädt nichts von anderen Servern, solange Sie es nicht ausdrücklich wünschen – etwa ein Video, das Sie starten.

` + todo("was der Webserver protokolliert (Adresse, Zeit, aufgerufene Seite), wozu und wie lange") + `

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung Ihrer Daten, auf Datenübertragbarkeit und auf Widerspruch. Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren: ` + todo("die für die Bank zuständige Aufsichtsbehörde") + `
`,
	},
	"en": {
		settings: `# The site's settings. klartext check reports every placeholder (TODO
# in double square brackets) until it is replaced.

# The site's name: in the header of every page, the browser's title bar
# and the feed.
title: "` + todo("name of the bank") + `"
# The address the site will be reached at, ending with /. In a folder
# (https://www.example-bank.com/klartext/) every link of the pages starts
# with it. For a staging server: klartext build --baseURL URL.
# ` + todo("enter the address, then delete this line") + `
baseURL: "https://www.example-bank.com/"
# The pages' language: de or en. Numbers, dates and the theme's texts
# follow it.
language: en
# The site's languages, the default (language:) first: it is at /, each
# other one below /<code>/ (/de/about/). A translation is named as its
# original with the language before .md: about.de.md. A language may
# have its own title:, description: and menus:, and with feedback: and
# redirect: its own thank-you page after feedback is sent:
#   - code: de
#     title: "Beispielbank – Klartext"
#     feedback:
#       redirect: "https://www.example-bank.com/de/thank-you/"
languages:
  - en
# The look: klartext is built in. A file below themes/klartext/ replaces
# the built-in theme's file of the same name.
theme: klartext
# One sentence about the site for search engines and link previews.
description: "Our products, their risks and costs explained openly – by the people who advise you."
# The currency of product data where a row names none (ISO 4217).
currency: EUR
# How many entries a list shows before it turns to the next page.
pagination: 10
# The line at the bottom of every page; empty: "© <year> <title>".
copyright: ""
# Readers' feedback below every page; none: no feedback.
# The form that klartext feedback serve receives:
#   provider: form
#   endpoint: "https://feedback.example-bank.com/submit"
# Other providers: isso, remark42, giscus, utterances, cusdis (see README).
feedback:
  provider: none
# Files below content/ published as they are although a browser would run
# them (HTML, scripts): each one by its path below content/, e.g.
# [downloads/calculator.html].
allow_raw: []
# HTTP headers that _headers (Netlify, Cloudflare Pages) adds to klartext's
# own, as in netlify.toml: for: a path of the site, values: the headers.
# The Content-Security-Policy, the security headers and the cache of the
# pages and stylesheets stay klartext's; e.g.
#   - for: /downloads/*
#     values:
#       X-Robots-Tag: noindex
headers: []
# The bank: its name in the header of every page and the copyright line,
# its colour for links and buttons (checked: at least 4.5:1 against white,
# WCAG AA) and, if wanted, its logo: a file below content/
# (logo: brand/logo.png) with alt: its text.
brand:
  name: "` + todo("name of the bank") + `"
  color: "#0b5c8a"
# The menus: main in the header of every page, footer at its bottom. An
# entry names a page by its file below content/ (pageRef:) or an address
# (url: with name:); weight: orders them, name: replaces the page's title.
# Without main the header shows the sections products, advisors, stories.
menus:
  main:
    - pageRef: products/_index.md
      weight: 10
    - pageRef: advisors/_index.md
      weight: 20
    - pageRef: stories/_index.md
      weight: 30
  footer:
    - pageRef: legal-notice.md
      weight: 10
    - pageRef: privacy.md
      weight: 20
`,
		home: `---
title: "Welcome"
description: "Products, risks and costs in plain words – and the people who advise you."
---
` + todo("A few sentences about the bank: who you are and whom you serve.") + `

On this site you find:

- **[Our products](products/_index.md)** – each with its risk class, recommended holding period and all costs in euros and percent.
- **[Our advisors](advisors/_index.md)** – with an open business card: who they are and how they are paid.
- **[Stories from our advice](stories/_index.md)** – honest, also when something went wrong.

[Legal notice](legal-notice.md) · [Privacy](privacy.md)
`,
		products: `---
title: "Our products"
description: "Every savings and investment product with its risk class, holding period and costs."
---
Every product shows the same facts, so you can compare: the risk class (1 to 7), the recommended holding period, all costs in euros and percent, and what a bad, a middling and a good course could bring.
`,
		advisors: `---
title: "Advice"
description: "The people who advise you – with an open business card."
---
Our advisors introduce themselves: who they are, what they know, which languages they speak, and whether they are paid by fee or by commission.
`,
		stories: `---
title: "Stories"
description: "Stories from our everyday advice."
---
From our everyday advice, told by the people who give it – also when something went wrong.
`,
		imprintFile: "legal-notice.md",
		imprint: `---
title: "Legal notice"
description: "Who provides this site."
feedback: false
---
## Provider

` + todo("name and legal form of the bank") + `\
` + todo("street and number") + `\
` + todo("postcode and town") + `

Phone: ` + todo("phone number") + `\
E-mail: ` + todo("e-mail address") + `

## Represented by

` + todo("the members of the board, the chair of the supervisory board") + `

## Register and supervision

` + todo("register court and number") + `\
VAT identification number: ` + todo("VAT ID") + `

Supervisory authority: ` + todo("name and address of the authority that supervises the bank") + `

` + todo("the deposit guarantee scheme the bank belongs to") + `

## Responsible for the content

` + todo("name and address") + `
`,
		privacyFile: "privacy.md",
		privacy: `---
title: "Privacy"
description: "Which data this site processes and what your rights are."
feedback: false
---
## Controller

` + todo("name and address of the bank") + `

## Data protection officer

` + todo("name or role, and contact") + `

## What this site stores

This site sets no cookies and loads nothing from other servers unless you ask for it – a video you start, for instance.

` + todo("what the web server logs (address, time, page requested), why and for how long") + `

## Your rights

You have the right of access, rectification, erasure and restriction of processing, to data portability and to object. You may complain to a data protection authority: ` + todo("the authority responsible for the bank") + `
`,
	},
}
