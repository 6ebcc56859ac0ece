package pipeline

// The bad-input catalogue's cases for values with a grammar (what reaches
// the Content-Security-Policy, a mailto: link, a URL or a CI log) and for
// the bounded work per page. The harness is badinput_test.go's: every
// refused case checks the exact diagnostic, the failed build and the
// previous output left byte for byte.

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-vcard"

	"github.com/klartext/klartext/generator/markdown"
)

const siteYAML = "title: Testbank\nbaseURL: https://bank.test/\nlanguage: de\n"

// --- the Content-Security-Policy's sources ---

func TestBadInputCSPHostInjectsDirective(t *testing.T) {
	refused(t, put(t, "content/site.yaml", siteYAML+"feedback:\n  provider: isso\n  host: \"https://comments.bank.test;sandbox\"\n"),
		`content/site.yaml:6:9: feedback.host "https://comments.bank.test;sandbox" has ';' in its host, which a host name cannot have — `+
			`a host name has only letters, digits, hyphens and dots`)
}

func TestBadInputCSPHostWildcard(t *testing.T) {
	refused(t, put(t, "content/site.yaml", siteYAML+"feedback:\n  provider: remark42\n  site_id: bank\n  host: \"https://*\"\n"),
		`content/site.yaml:7:9: feedback.host "https://*" has a wildcard (*) in its host — `+
			`name the one host the service runs on; a wildcard would allow scripts from any site under it`)
}

func TestBadInputCSPHostWildcardSubdomain(t *testing.T) {
	refused(t, put(t, "content/site.yaml", siteYAML+"feedback:\n  provider: cusdis\n  app_id: abc\n  host: \"https://*.bank.test\"\n"),
		`content/site.yaml:7:9: feedback.host "https://*.bank.test" has a wildcard (*) in its host — `+
			`name the one host the service runs on; a wildcard would allow scripts from any site under it`)
}

func TestBadInputCSPHostWithQuote(t *testing.T) {
	refused(t, put(t, "content/site.yaml", siteYAML+"feedback:\n  provider: isso\n  host: \"https://c.bank.test' 'unsafe-inline\"\n"),
		`content/site.yaml:6:9: feedback.host "https://c.bank.test' 'unsafe-inline" has a space or control character in it — write spaces in an address as %20`)
}

// --- addresses readers' data is sent to: https only ---

func TestBadInputHTTPFeedbackEndpoint(t *testing.T) {
	refused(t, put(t, "content/site.yaml", siteYAML+"feedback:\n  provider: form\n  endpoint: http://feedback.bank.test/submit\n"),
		`content/site.yaml:6:13: feedback.endpoint "http://feedback.bank.test/submit" is http://: what readers send would travel unencrypted — `+
			`use the https:// address of the service (http:// is accepted only for localhost and 127.0.0.1, for testing)`)
}

func TestBadInputHTTPCommentHost(t *testing.T) {
	refused(t, put(t, "content/site.yaml", siteYAML+"feedback:\n  provider: isso\n  host: http://comments.bank.test/\n"),
		`content/site.yaml:6:9: feedback.host "http://comments.bank.test/" is http://: what readers send would travel unencrypted — `+
			`use the https:// address of the service (http:// is accepted only for localhost and 127.0.0.1, for testing)`)
}

// TestBadInputLoopbackEndpointWarns: http:// to this machine builds, with
// a warning, and the policy names exactly that origin.
func TestBadInputLoopbackEndpointWarns(t *testing.T) {
	res, dest := builds(t, map[string]string{"content/site.yaml": siteYAML + "feedback:\n  provider: form\n  endpoint: http://127.0.0.1:40123/submit\n"})
	want := `content/site.yaml:6: warning: feedback.endpoint "http://127.0.0.1:40123/submit" is http:// on this machine: ` +
		`fine for testing, but readers' browsers would send to their own computer — publish the site with the service's https:// address`
	if !strings.Contains(joinDiags(res), want+"\n") {
		t.Errorf("want the warning\n  %s\nin\n%s", want, joinDiags(res))
	}
	if h := read(t, filepath.Join(dest, "_headers")); !strings.Contains(h, "form-action 'self' http://127.0.0.1:40123;") {
		t.Errorf("_headers: %s", h)
	}
}

func TestBadInputCredentialsInEndpoint(t *testing.T) {
	refused(t, put(t, "content/site.yaml", siteYAML+"feedback:\n  provider: form\n  endpoint: https://bank:geheim@feedback.bank.test/\n"),
		`content/site.yaml:6:13: feedback.endpoint "https://bank:geheim@feedback.bank.test/" has a user name or password in it (before the @) — `+
			`remove that part; an address on a public page must hold no credentials`)
}

func TestBadInputFeedbackLangIsAPath(t *testing.T) {
	refused(t, put(t, "content/site.yaml", siteYAML+"feedback:\n  provider: giscus\n  repo: bank/feedback\n  repo_id: R_1\n  category: Seiten\n  category_id: DIC_2\n  lang: ../../de\n"),
		`content/site.yaml:10:9: feedback.lang "../../de" is not a language code — write a language code like de or en, or leave lang out to use the site's language`)
}

func TestBadInputBaseURLWithCredentials(t *testing.T) {
	refused(t, put(t, "content/site.yaml", "title: Testbank\nbaseURL: https://admin:pw@bank.test/\nlanguage: de\n"),
		`content/site.yaml:2: baseURL must be an absolute http(s) URL like https://www.example-bank.de/; "https://admin:pw@bank.test/" has a user name or password in it (before the @) — `+
			`remove that part; an address on a public page must hold no credentials`)
}

func TestBadInputBaseURLWithQuery(t *testing.T) {
	refused(t, put(t, "content/site.yaml", "title: Testbank\nbaseURL: https://bank.test/?utm=x\nlanguage: de\n"),
		`content/site.yaml:2: baseURL must be an absolute http(s) URL like https://www.example-bank.de/; "https://bank.test/?utm=x" has a query or fragment (? or #) — the site's address ends with its path`)
}

// --- e-mail addresses and links on advisor cards ---

const advisorCard = "---\nname: Anna Berger\nrole: Beraterin\nadvice_model: fee-based\n"

func TestBadInputEmailWithHiddenRecipient(t *testing.T) {
	refused(t, put(t, "content/advisors/anna.md", advisorCard+"email: anna@bank.test?bcc=x@evil.test\n---\nText.\n"),
		`content/advisors/anna.md:5: email "anna@bank.test?bcc=x@evil.test" has more than one @ — write one address, as name@bank.example`)
}

func TestBadInputEmailWithQueryInName(t *testing.T) {
	refused(t, put(t, "content/advisors/anna.md", advisorCard+"email: \"anna?bcc=x@bank.test\"\n---\nText.\n"),
		`content/advisors/anna.md:5: email "anna?bcc=x@bank.test" has '?' before the @, which would change what a mail program does with the link — `+
			`write only the address, as name@bank.example; a ? or # would add fields or hidden recipients`)
}

func TestBadInputEmailWithDisplayName(t *testing.T) {
	refused(t, put(t, "content/advisors/anna.md", advisorCard+"email: \"Anna Berger <anna@bank.test>\"\n---\nText.\n"),
		`content/advisors/anna.md:5: email "Anna Berger <anna@bank.test>" is not a plain e-mail address (a name, a comment or a second address is around it) — `+
			`write only the address, as name@bank.example`)
}

func TestBadInputBookingURLJavaScript(t *testing.T) {
	refused(t, put(t, "content/advisors/anna.md", advisorCard+"booking_url: \"javascript:alert(document.cookie)\"\n---\nText.\n"),
		`content/advisors/anna.md:5: booking_url "javascript:alert(document.cookie)" must be an https:// address; it is not an absolute web address`)
}

func TestBadInputKIDURLNotHTTPS(t *testing.T) {
	refused(t, put(t, "content/data/products.csv", "id,name,type,sri,rhp_years,entry_pct,exit_pct,ongoing_pct,transaction_pct,scenario_stress_pct,scenario_unfavourable_pct,scenario_moderate_pct,scenario_favourable_pct,kid_url\n"+
		"fonds,Fonds,equity-fund,4,1,3,0,1.2,0.1,-30,-5,0,8,http://fonds.test/kid.pdf\n"),
		`content/data/products.csv:2:52: kid_url "http://fonds.test/kid.pdf" is http://, not https:// — write the https:// address of the key information document (Basisinformationsblatt), such as https://www.example-bank.de/kid/DE000RTB0015.pdf`)
}

// --- URLs are written percent-encoded (RFC 3986) ---

// TestBadInputUmlautURLsEncodedEverywhere: a page and an advisor under
// paths with Umlauts build, and every address of them is written
// percent-encoded where a parser reads it: the sitemap and the feed
// (encoding/xml), the vCard (go-vcard), robots.txt, the canonical link and
// og:url; the files stay where the Umlaut path says.
func TestBadInputUmlautURLsEncodedEverywhere(t *testing.T) {
	_, dest := builds(t, map[string]string{
		"content/site.yaml":               "title: Testbank\nbaseURL: https://bank.test/bänk/\nlanguage: de\n",
		"content/Über uns.md":             "---\ntitle: Über uns\ndate: 2026-01-02\n---\nText.\n",
		"content/advisors/jörg-möller.md": advisorCard + "email: joerg@bank.test\nphoto: jörg.svg\nphoto_alt: Jörg\n---\nText.\n",
		"content/advisors/jörg.svg":       "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	})
	const page = "https://bank.test/b%C3%A4nk/%C3%BCber-uns/"
	const card = "https://bank.test/b%C3%A4nk/advisors/j%C3%B6rg-m%C3%B6ller/"
	for _, f := range []string{"über-uns/index.html", "advisors/jörg-möller/index.html", "advisors/jörg-möller/jörg-möller.vcf"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(f))); err != nil {
			t.Error(err)
		}
	}
	var set struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(read(t, filepath.Join(dest, "sitemap.xml"))), &set); err != nil {
		t.Fatal(err)
	}
	locs := map[string]bool{}
	for _, u := range set.URLs {
		locs[u.Loc] = true
		if u.Loc != strings.ToValidUTF8(u.Loc, "") || strings.ContainsFunc(u.Loc, func(r rune) bool { return r > 0x7e || r <= ' ' }) {
			t.Errorf("sitemap loc not percent-encoded: %q", u.Loc)
		}
	}
	if !locs[page] || !locs[card] {
		t.Errorf("sitemap lacks %s or %s: %v", page, card, locs)
	}
	var feed struct {
		Entries []struct {
			ID   string `xml:"id"`
			Link struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(read(t, filepath.Join(dest, "feed.xml"))), &feed); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range feed.Entries {
		found = found || (e.ID == page && e.Link.Href == page)
	}
	if !found {
		t.Errorf("feed lacks the entry %s: %+v", page, feed.Entries)
	}
	vc, err := vcard.NewDecoder(strings.NewReader(read(t, filepath.Join(dest, "advisors", "jörg-möller", "jörg-möller.vcf")))).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if got := vc.PreferredValue(vcard.FieldURL); got != card {
		t.Errorf("vCard URL %q, want %q", got, card)
	}
	if got := vc.PreferredValue(vcard.FieldPhoto); got != "https://bank.test/b%C3%A4nk/advisors/j%C3%B6rg.svg" {
		t.Errorf("vCard PHOTO %q", got)
	}
	if got := read(t, filepath.Join(dest, "robots.txt")); !strings.Contains(got, "Sitemap: https://bank.test/b%C3%A4nk/sitemap.xml\n") {
		t.Errorf("robots.txt: %s", got)
	}
	html := read(t, filepath.Join(dest, "über-uns", "index.html"))
	for _, want := range []string{`<link rel="canonical" href="` + page + `">`, `<meta property="og:url" content="` + page + `">`} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

// --- the page budget ---

// TestBadInputPageOverBudget: a page that renders longer than the page
// budget fails the build with its name. The budget is 1 ms here and the
// page, within every limit, takes far longer (a megabyte of emphasis
// marks that never close); nothing about the time is asserted but that the
// watchdog named the page.
func TestBadInputPageOverBudget(t *testing.T) {
	root := writeSite(t, minimalSite())
	dest := filepath.Join(root, "public")
	if res := build(t, root, dest); res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	before := tree(t, dest)
	para := strings.Repeat("_a*", markdown.MaxInlineMarks/2-1) + "\n\n"
	put(t, "content/langsam.md", "---\ntitle: Langsam\n---\n"+strings.Repeat(para, (1<<20)/len(para)))(root)
	res, err := Build(Options{Source: root, Dest: dest, Now: testNow, PageBudget: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	want := "content/langsam.md: rendering this page took longer than 1ms; the build gave up on it — " +
		"the page is too large or too complex for one page: split it, or simplify its tables and charts"
	if !strings.Contains(joinDiags(res), want+"\n") {
		t.Errorf("want\n  %s\nin\n%s", want, joinDiags(res))
	}
	if after := tree(t, dest); after != before {
		t.Error("the previous output changed")
	}
}

// --- bounded work per page ---

// TestBadInputHugeTable: 3,500 columns and 3,500 one-letter rows in 21 KB
// were 12 million cells and 3.5 GB; the table is refused before it is
// parsed.
func TestBadInputHugeTable(t *testing.T) {
	body := strings.Repeat("|a", 3500) + "|\n" + strings.Repeat("|-", 3500) + "|\n" + strings.Repeat("a\n", 3500)
	refused(t, put(t, "content/tabelle.md", "---\ntitle: Tabelle\n---\nVorher.\n\n"+body),
		"content/tabelle.md:6: this table has 3500 columns; the limit is 64 — split the table, or put the data in a file under content/data/")
}

func TestBadInputTableTooManyCells(t *testing.T) {
	body := "| a | b | c | d |\n|---|---|---|---|\n" + strings.Repeat("| 1 | 2 | 3 | 4 |\n", markdown.MaxTableCells/4)
	refused(t, put(t, "content/tabelle.md", "---\ntitle: Tabelle\n---\n"+body),
		"content/tabelle.md:4: this table has more than 50000 cells (4 columns); the limit is 50000 — split the table, or put the data in a file under content/data/")
}

// TestBadInputManyEqualHeadings: 50,000 equal headings took more than a
// minute for their ids; now the page is refused by its heading count, and
// a page at the count gets its ids in linear time (markdown's
// TestHeadingIDsDeduplicated checks the ids).
func TestBadInputManyEqualHeadings(t *testing.T) {
	refused(t, put(t, "content/viele.md", "---\ntitle: Viele\n---\n"+strings.Repeat("## Kosten\n\n", 50000)),
		"content/viele.md:2004: the page has more than 1000 headings; the limit is 1000 — split it into several pages")
}

func TestBadInputDeepQuotes(t *testing.T) {
	refused(t, put(t, "content/tief.md", "---\ntitle: Tief\n---\n"+strings.Repeat("> ", 40000)+"x\n"),
		"content/tief.md:4: lists and quotes are nested 40000 deep here; the limit is 16 — flatten the lists or quotes")
}

func TestBadInputDeepLists(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 20; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- Punkt\n")
	}
	refused(t, put(t, "content/tief.md", "---\ntitle: Tief\n---\n"+b.String()),
		"content/tief.md:20: lists and quotes are nested 17 deep here; the limit is 16 — flatten the lists or quotes")
}

// TestBadInputQuadraticEmphasis: emphasis marks that never close made
// goldmark's time grow with their square ("_a*" 40,000 times took 15 s).
func TestBadInputQuadraticEmphasis(t *testing.T) {
	refused(t, put(t, "content/betont.md", "---\ntitle: Betont\n---\nErst.\n\n"+strings.Repeat("_a*", 40000)+"\n"),
		"content/betont.md:6: this paragraph has more than 1000 emphasis and link marks (* _ ~ [ ]); the limit is 1000 — split it into paragraphs, or put a long list of links into a list")
}

// TestBadInputQuadraticLinks: link openers that never close, likewise.
func TestBadInputQuadraticLinks(t *testing.T) {
	refused(t, put(t, "content/links.md", "---\ntitle: Links\n---\n"+strings.Repeat("[a](<b", 40000)+"\n"),
		"content/links.md:4: this paragraph has more than 1000 emphasis and link marks (* _ ~ [ ]); the limit is 1000 — split it into paragraphs, or put a long list of links into a list")
}

func TestBadInputTooManyLinks(t *testing.T) {
	refused(t, put(t, "content/links.md", "---\ntitle: Links\n---\n"+strings.Repeat("- [Glossar](glossar.md)\n", markdown.MaxLinks+1)),
		"content/links.md:10004: the page has more than 10000 links and images; the limit is 10000 — split it into several pages")
}

func TestBadInputTooManyFootnotes(t *testing.T) {
	refused(t, put(t, "content/fuss.md", "---\ntitle: Fuß\n---\n"+strings.Repeat("- Satz[^1]\n", markdown.MaxFootnotes+1)+"\n[^1]: Fußnote.\n"),
		"content/fuss.md:1004: the page has more than 1000 footnote references; the limit is 1000 — split it into several pages")
}

// TestBadInputReferenceBlowup: one 1 MB link reference used 2,000 times
// was 2 GB of HTML.
func TestBadInputReferenceBlowup(t *testing.T) {
	refused(t, put(t, "content/ref.md", "---\ntitle: Ref\n---\n[x]: /"+strings.Repeat("a", 1<<20)+"\n\n"+strings.Repeat("- siehe [x]\n", 2000)),
		"content/ref.md:69: the page's links repeat more than 64 MB of addresses and titles; the limit for a page's HTML is 64 MB — "+
			"a link reference used many times repeats its address each time: shorten it, or link fewer times")
}

// TestBadInputLimitsLeaveRealPagesAlone: a long but real page — a glossary
// of 300 terms with links and emphasis, a table of 400 rows — builds.
func TestBadInputLimitsLeaveRealPagesAlone(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: Großes Glossar\n---\n")
	for i := 0; i < 300; i++ {
		b.WriteString("## Begriff " + strings.Repeat("x", i%7) + "\n\nDer **Begriff** ist _wichtig_, siehe [Glossar](glossar.md) und [oben](#begriff).\n\n")
	}
	b.WriteString("| Filiale | Straße | Ort | Telefon |\n|---|---|---|---|\n")
	for i := 0; i < 400; i++ {
		b.WriteString("| [Filiale](glossar.md) | *Hauptstraße* 1 | Mannheim | 0621 1234 |\n")
	}
	builds(t, map[string]string{"content/gross.md": b.String()})
}

// TestBadInputTopicTooLongForAddress: a topic becomes a folder name; one
// beyond what a file system takes was a write error without a file (the
// hostile-values test found it).
func TestBadInputTopicTooLongForAddress(t *testing.T) {
	refused(t, put(t, "content/lang.md", "---\ntitle: Lang\ntopics: ["+strings.Repeat("ä", 150)+"]\n---\nText.\n"),
		"content/lang.md:3: the topic is too long to be part of an address (more than 200 bytes as a URL segment) — shorten it")
}
