package pipeline

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/shortcut"
	"github.com/klartext/klartext/generator/stillframe"
)

// TestEachProviderEmbedsThePageIdentity builds the demo with every provider
// and checks that the product page carries that provider's embed, naming
// the page by its canonical path, that the CSP lists its origin, and that
// the reference build gives the same bytes.
func TestEachProviderEmbedsThePageIdentity(t *testing.T) {
	const form = "feedback:\n  provider: form\n  endpoint: \"https://feedback.rheintal-bank.test/submit\"\n  redirect: \"https://www.rheintal-bank.test/danke/\"\n"
	cases := []struct {
		provider, settings string
		want               []string
	}{
		{"isso", "feedback:\n  provider: isso\n  host: https://comments.bank.test/isso/\n",
			[]string{`data-provider="isso"`, `&#34;data-isso-id&#34;:&#34;/products/etf-sparplan-welt/&#34;`, "script-src &#39;self&#39; https://comments.bank.test"}},
		{"remark42", "feedback:\n  provider: remark42\n  host: https://remark.bank.test\n  site_id: bank\n",
			[]string{`data-provider="remark42"`, `&#34;url&#34;:&#34;https://www.rheintal-bank.test/products/etf-sparplan-welt/&#34;`, "https://remark.bank.test"}},
		{"giscus", "feedback:\n  provider: giscus\n  repo: bank/feedback\n  repo_id: R_1\n  category: Seiten\n  category_id: DIC_2\n",
			[]string{`data-provider="giscus"`, `&#34;data-term&#34;:&#34;/products/etf-sparplan-welt/&#34;`, "frame-src https://giscus.app"}},
		{"utterances", "feedback:\n  provider: utterances\n  repo: bank/feedback\n",
			[]string{`data-provider="utterances"`, `&#34;issue-term&#34;:&#34;/products/etf-sparplan-welt/&#34;`, "https://utteranc.es"}},
		{"cusdis", "feedback:\n  provider: cusdis\n  app_id: abc-123\n",
			[]string{`data-provider="cusdis"`, `&#34;data-page-id&#34;:&#34;/products/etf-sparplan-welt/&#34;`, "https://cusdis.com"}},
	}
	// Every registered provider has its case here, but the demo's own
	// form (every demo build covers it) and none.
	covered := map[string]bool{"form": true, "none": true}
	for _, tc := range cases {
		covered[tc.provider] = true
	}
	for _, p := range feedback.Providers() {
		if !covered[p] {
			t.Errorf("the feedback provider %s has no case in this test", p)
		}
	}
	for _, tc := range cases {
		t.Run(tc.provider, func(t *testing.T) {
			root := copyDemo(t)
			edit(t, root, "content/site.yaml", form, tc.settings)
			dest := filepath.Join(root, "public")
			res := build(t, root, dest)
			if res.Diagnostics.HasErrors() {
				t.Fatal(joinDiags(res))
			}
			page := read(t, filepath.Join(dest, "products", "etf-sparplan-welt", "index.html"))
			for _, w := range tc.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %s", w)
				}
			}
			if !strings.Contains(page, `src="/js/feedback.js" defer`) {
				t.Error("the consent loader script is missing")
			}
			// Pages with feedback: false carry no widget.
			if strings.Contains(read(t, filepath.Join(dest, "impressum", "index.html")), "data-provider=") {
				t.Error("feedback: false not honoured")
			}
			// The widget is rendered per page (the form once per build):
			// as a quick program it must print what html/template prints.
			ref := filepath.Join(t.TempDir(), "ref")
			if res, err := Build(Options{Source: root, Dest: ref, Now: testNow, Off: shortcut.All}); err != nil || res.Diagnostics.HasErrors() {
				t.Fatalf("reference build: %v %s", err, joinDiags(res))
			}
			if tree(t, dest) != tree(t, ref) {
				t.Error("the build differs from the reference build")
			}
		})
	}
}

func TestFeedbackErrorsFailTheBuild(t *testing.T) {
	cases := []struct {
		name, file, old, new, want string
	}{
		{"form without endpoint", "content/site.yaml", "  endpoint: \"https://feedback.rheintal-bank.test/submit\"\n", "",
			"feedback.endpoint is required for provider form"},
		{"unknown kind", "content/data/feedback.csv", ",praise,", ",rant,", "content/data/feedback.csv:2:"},
		{"rating of 7", "content/data/feedback.csv", ",praise,", ",praise,7", "content/data/feedback.csv:2:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := failedEdit(t, tc.file, tc.old, tc.new)
			if !strings.Contains(joinDiags(res), tc.want) {
				t.Errorf("want an error with %q, got:\n%s", tc.want, joinDiags(res))
			}
		})
	}
}

// TestFeedbackPageFigures builds a small site whose feedback export is
// summed up by hand:
//
//	praise 2 (rows 2, 4), criticism 2 (rows 3, 5), questions 1 (row 6)
//	costs: 5, 1, 2 → 8 / 3 = 2,7; service: 4, 4 → 4,0
//	/products/a/ has 2 criticisms → the most criticised page.
func TestFeedbackPageFigures(t *testing.T) {
	files := minimalSite()
	files["content/site.yaml"] = "title: Testbank\nbaseURL: https://bank.test/\nlanguage: de\nfeedback:\n  provider: form\n  endpoint: https://fb.bank.test/\n"
	files["content/products/a.md"] = "---\ntitle: Produkt A\nproduct: a\nreviewed: 2026-01-05\nreviewed_by: Compliance\nvalid_until: 2027-01-01\n---\nText.\n"
	files["content/data/products.csv"] = "id,name,type,sri,rhp_years,entry_pct,exit_pct,ongoing_pct,transaction_pct,scenario_stress_pct,scenario_unfavourable_pct,scenario_moderate_pct,scenario_favourable_pct\n" +
		"a,Produkt A,equity-etf,4,5,0,0,0.2,0.02,-30,-5,5,12\n"
	files["content/data/feedback.csv"] = "page,date,kind,costs,transparency,conditions,service,interaction,comment\n" +
		"/ueber-uns/,2026-01-10,praise,5,,,4,,Gut erklärt\n" +
		"/products/a/,2026-01-20,criticism,1,,,,,Zu teuer\n" +
		"/glossar/,2026-02-01,praise,,,,4,,Danke\n" +
		"/products/a/,2026-02-03,criticism,2,,,,,Immer noch teuer\n" +
		"/ueber-uns/,2026-02-05,question,,,,,,Wie erreiche ich Sie?\n"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	page := read(t, filepath.Join(dest, "feedback", "index.html"))
	for _, want := range []string{
		"Insgesamt 2 × Lob, 2 × Kritik, 1 × Fragen.",
		"2,7", "4,0", // averages of costs and service
		`<a href="/products/a/">Produkt A</a></th><td class="num">2</td>`,
		"chart-feedback-balance", "chart-feedback-factors", "chart-feedback-sections",
		"Januar 2026", "Februar 2026",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("feedback page lacks %q", want)
		}
	}
	// The product page shows its own balance.
	product := read(t, filepath.Join(dest, "products", "a", "index.html"))
	if !strings.Contains(product, "2\u00a0×\u00a0Kritik") && !strings.Contains(product, "2 × Kritik") {
		t.Errorf("the product page lacks its feedback summary")
	}
}

// TestFeedbackAnswersShown: the export's public comments appear on their
// page with the bank's answer, the feedback page states how the bank
// answers and quotes the answered ones ("Sie sagten – wir haben"); a
// comment that is not public appears nowhere; a row dated after the build's
// day is a warning naming its row and counts nowhere. By hand:
//
//	criticism: rows 2 (answered after 4 days, public), 3 (answered after 10 days,
//	not public), 4 (not answered) → 2 of 3 answered (67 %);
//	question row 5 answered after 1 day → days 4, 10, 1 → median 4.
//	Row 6 is dated after testNow (2026-11-26).
func TestFeedbackAnswersShown(t *testing.T) {
	files := minimalSite()
	files["content/site.yaml"] = "title: Testbank\nbaseURL: https://bank.test/\nlanguage: de\nfeedback:\n  provider: form\n  endpoint: https://fb.bank.test/submit\n"
	files["content/products/a.md"] = "---\ntitle: Produkt A\nproduct: a\nreviewed: 2026-01-02\nreviewed_by: Anna Berger\nvalid_until: 2099-01-01\n---\nText.\n"
	files["content/data/products.csv"] = "id,name,type,sri,rhp_years,entry_pct,exit_pct,ongoing_pct,transaction_pct," +
		"scenario_stress_pct,scenario_unfavourable_pct,scenario_moderate_pct,scenario_favourable_pct\n" +
		"a,Produkt A,equity-etf,4,5,0,0,0.2,0.05,-30,-2,5,11\n"
	files["content/data/feedback.csv"] = "id,page,date,kind,costs,transparency,conditions,service,interaction,comment,public,answer,answered\n" +
		"7,/products/a/,2026-03-05,criticism,1,,,,,Zu <teuer>,yes,Wir haben den Aufschlag gestrichen.,2026-03-09\n" +
		"8,/products/a/,2026-03-06,criticism,,,,,,Geheime Kontonummer 1234,no,,2026-03-16\n" +
		"9,/products/a/,2026-03-07,criticism,,,,,,Noch keine Antwort,yes,,\n" +
		"10,/ueber-uns/,2026-03-08,question,,,,,,Wann?,yes,Morgen.,2026-03-09\n" +
		"11,/products/a/,2027-01-02,criticism,,,,,,Aus der Zukunft,yes,,\n"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	var future []string
	for _, d := range res.Diagnostics.All() {
		if strings.Contains(d.Message, "after the build's date") {
			future = append(future, fmt.Sprintf("%s:%d %s", d.File, d.Line, d.Severity))
		}
	}
	if fmt.Sprint(future) != "[content/data/feedback.csv:6 warning]" {
		t.Errorf("warnings for future rows: %v\n%s", future, joinDiags(res))
	}
	product := read(t, filepath.Join(dest, "products", "a", "index.html"))
	for _, want := range []string{
		"3\u00a0×\u00a0Kritik", // rows 2, 3, 4 are criticism; only public ones are quoted, all are counted
		`<li id="feedback-9">`, "Noch keine Antwort",
		`<li id="feedback-7">`, "Zu &lt;teuer&gt;", "<strong>Unsere Antwort</strong> (<time datetime=\"2026-03-09\">9. März 2026</time>): Wir haben den Aufschlag gestrichen.",
	} {
		if !strings.Contains(product, want) {
			t.Errorf("the product page lacks %q", want)
		}
	}
	if strings.Index(product, "feedback-9") > strings.Index(product, "feedback-7") {
		t.Error("the public comments are not newest first")
	}
	page := read(t, filepath.Join(dest, "feedback", "index.html"))
	for _, want := range []string{
		"Insgesamt 0 × Lob, 3 × Kritik, 1 × Fragen.",
		"Auf 2 von 3 kritischen Rückmeldungen haben wir geantwortet (67\u00a0%).",
		"im Median 4 Tage (über alle 3 beantworteten Rückmeldungen)",
		"Sie sagten – wir haben",
		"Morgen.", "Wir haben den Aufschlag gestrichen.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the feedback page lacks %q", want)
		}
	}
	if strings.Index(page, "Morgen.") > strings.Index(page, "Wir haben den Aufschlag") {
		t.Error("the answers are not latest first")
	}
	for file, body := range map[string]string{"product": product, "feedback": page, "about": read(t, filepath.Join(dest, "ueber-uns", "index.html"))} {
		for _, secret := range []string{"Kontonummer", "Aus der Zukunft"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s page shows %q", file, secret)
			}
		}
	}
}

// TestFeedbackCountsEveryPageTheBuildMakes: the feedback balance is made
// once every page is known, so readers' answers from a transcript page
// and from the search page are answers about pages of the site (no
// warning that the page does not exist), and a transcript's answers count
// in its video page's section.
func TestFeedbackCountsEveryPageTheBuildMakes(t *testing.T) {
	t.Setenv(stillframe.Env, "off")
	files := siteWithVideo(t, "de", "file: film.webm\ntitle: Film\ncaptions:\n  de: film.de.vtt\n")
	files["content/stories/film.md"] = strings.Replace(files["content/film.md"], "title: Film", "title: Film\nadvisor: anna\ndate: 2026-01-01", 1)
	delete(files, "content/film.md")
	files["content/stories/film.webm"], files["content/stories/film.de.vtt"] = files["content/film.webm"], files["content/film.de.vtt"]
	files["content/advisors/anna.md"] = "---\nname: Anna Berg\nrole: Beraterin\nlanguages: [de]\nadvice_model: fee-based\nemail: anna@bank.test\n---\nText.\n"
	files["content/data/feedback.csv"] = "page,date,kind,costs,transparency,conditions,service,interaction,comment\n" +
		"/stories/film/transkript/,2026-01-10,praise,,,,5,,Gut lesbar\n" +
		"/suche/,2026-01-11,question,,,,,,Wo finde ich Fonds?\n" +
		"/weg/,2026-01-12,praise,,,,,,Alt\n"
	res, _ := buildVideoSite(t, files)
	var warned []string
	for _, d := range res.Diagnostics.Warnings() {
		if d.File == "content/data/feedback.csv" {
			warned = append(warned, d.Error())
		}
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "/weg/") {
		t.Errorf("only the row of /weg/ names a page the site does not have; warnings: %q", warned)
	}
	for _, s := range res.Site.Feedback.Balance.Sections {
		if s.Section == "stories" && s.Praise != 1 {
			t.Errorf("the transcript's praise counts in the stories section: %+v", s)
		}
	}
}
