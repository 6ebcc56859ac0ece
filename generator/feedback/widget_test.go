package feedback

import (
	"encoding/json"
	"html/template"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/i18n"
)

var testPage = PageRef{Path: "/products/etf-welt/", URL: "https://www.example-bank.test/products/etf-welt/", Title: `ETF Welt "A" & <B>`}

var testSettings = map[string]Settings{
	"form":       {Provider: Form, Consent: ConsentClick, Endpoint: "https://feedback.example-bank.test/submit", Redirect: "https://www.example-bank.test/danke/"},
	"isso":       {Provider: Isso, Consent: ConsentClick, Host: "https://comments.example-bank.test/isso"},
	"remark42":   {Provider: Remark42, Consent: ConsentNone, Host: "https://remark.example-bank.test", SiteID: "bank"},
	"giscus":     {Provider: Giscus, Consent: ConsentClick, Repo: "example-bank/feedback", RepoID: "R_1", Category: "Seiten", CategoryID: "DIC_2", Mapping: "pathname"},
	"utterances": {Provider: Utterances, Consent: ConsentClick, Repo: "example-bank/feedback", IssueTerm: "pathname", Label: "feedback"},
	"cusdis":     {Provider: Cusdis, Consent: ConsentClick, Host: DefaultCusdisHost, AppID: "app-1"},
}

func TestWidgetOff(t *testing.T) {
	if w := Widget(Settings{Provider: None}, testPage, i18n.MustBuiltin("de")); w != nil {
		t.Errorf("provider none gave %+v", w)
	}
	if w := Widget(Settings{}, testPage, i18n.MustBuiltin("de")); w != nil {
		t.Errorf("zero settings gave %+v", w)
	}
}

func TestWidgetPerProvider(t *testing.T) {
	path, url, title := testPage.Path, testPage.URL, testPage.Title
	tests := []struct {
		provider  string
		host      string
		script    string
		scriptAt  map[string]string
		container *Element
		config    map[string]string
	}{
		{provider: "isso", host: "comments.example-bank.test", script: "https://comments.example-bank.test/isso/js/embed.min.js",
			scriptAt:  map[string]string{"data-isso": "https://comments.example-bank.test/isso/", "data-isso-lang": "de", "data-isso-css": "false"},
			container: &Element{Tag: "section", Attrs: map[string]string{"id": "isso-thread", "data-title": title, "data-isso-id": path}}},
		{provider: "remark42", host: "remark.example-bank.test", script: "https://remark.example-bank.test/web/embed.js",
			container: &Element{Tag: "div", Attrs: map[string]string{"id": "remark42"}},
			config:    map[string]string{"host": "https://remark.example-bank.test", "site_id": "bank", "url": url, "page_title": title, "locale": "de"}},
		{provider: "giscus", host: "giscus.app", script: "https://giscus.app/client.js",
			container: &Element{Tag: "div", Attrs: map[string]string{"class": "giscus"}},
			scriptAt: map[string]string{"data-repo": "example-bank/feedback", "data-repo-id": "R_1", "data-category": "Seiten", "data-category-id": "DIC_2",
				"data-mapping": "specific", "data-term": path, "data-strict": "1", "data-reactions-enabled": "1", "data-emit-metadata": "0",
				"data-input-position": "bottom", "data-theme": "preferred_color_scheme", "data-lang": "de", "data-loading": "lazy", "crossorigin": "anonymous"}},
		{provider: "utterances", host: "utteranc.es", script: "https://utteranc.es/client.js",
			scriptAt: map[string]string{"repo": "example-bank/feedback", "issue-term": path, "label": "feedback", "theme": "github-light", "crossorigin": "anonymous"}},
		{provider: "cusdis", host: "cusdis.com", script: "https://cusdis.com/js/cusdis.es.js",
			container: &Element{Tag: "div", Attrs: map[string]string{"id": "cusdis_thread", "data-host": "https://cusdis.com", "data-app-id": "app-1",
				"data-page-id": path, "data-page-url": url, "data-page-title": title}}},
	}
	for _, tt := range tests {
		t.Run(tt.provider, func(t *testing.T) {
			w := Widget(testSettings[tt.provider], testPage, i18n.MustBuiltin("de-DE"))
			if w.Provider != tt.provider || w.Host != tt.host || !reflect.DeepEqual(w.Page, testPage) || w.Lang != "de" {
				t.Errorf("got provider %q host %q page %+v lang %q", w.Provider, w.Host, w.Page, w.Lang)
			}
			if want := "Kommentare laden — dabei werden Daten an " + tt.host + " übertragen"; w.Labels.Load != want {
				t.Errorf("button %q, want %q", w.Labels.Load, want)
			}
			var e Embed
			if err := json.Unmarshal([]byte(w.Embed), &e); err != nil {
				t.Fatal(err)
			}
			want := Embed{Script: tt.script, ScriptAttrs: tt.scriptAt, Container: tt.container, Config: tt.config}
			if tt.config != nil {
				want.ConfigVar = "remark_config"
			}
			gotJSON, _ := json.Marshal(e)
			wantJSON, _ := json.Marshal(want)
			if string(gotJSON) != string(wantJSON) {
				t.Errorf("embed\n got %s\nwant %s", gotJSON, wantJSON)
			}
		})
	}
}

func TestWidgetEnglishAndForm(t *testing.T) {
	w := Widget(testSettings["giscus"], testPage, i18n.MustBuiltin("en"))
	if w.Labels.Load != "Load comments — this sends data to giscus.app" {
		t.Errorf("en button %q", w.Labels.Load)
	}
	f := Widget(testSettings["form"], testPage, i18n.MustBuiltin("de"))
	if f.Form == nil || f.Form.Action != "https://feedback.example-bank.test/submit" || f.Embed != "" || f.Host != "feedback.example-bank.test" {
		t.Fatalf("form widget %+v", f)
	}
	var legends []string
	for _, fs := range f.Form.Factors {
		legends = append(legends, fs.Name+"="+fs.Legend)
	}
	if got := strings.Join(legends, ","); got != "costs=Kosten,transparency=Transparenz,conditions=Konditionen,service=Servicequalität,interaction=Interaktion" {
		t.Errorf("factors %s", got)
	}
}

func loadPartial(t *testing.T, name string) *template.Template {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "themes", "klartext", "layouts", "partials", name))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := template.New("page").Parse(`{{template "partials/` + name + `" .}}`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tpl.Parse(string(src)); err != nil {
		t.Fatal(err)
	}
	return tpl
}

var (
	inputRE = regexp.MustCompile(`<(input|textarea|select)\b[^>]*>`)
	idRE    = regexp.MustCompile(`\bid="([^"]*)"`)
	typeRE  = regexp.MustCompile(`\btype="([^"]*)"`)
	labelRE = regexp.MustCompile(`<label for="([^"]*)">([^<]+)</label>`)
)

func TestFeedbackPartial(t *testing.T) {
	tpl := loadPartial(t, "feedback.html")
	for _, name := range []string{"form", "isso", "remark42", "giscus", "utterances", "cusdis"} {
		for _, lang := range []string{"de", "en"} {
			t.Run(name+"/"+lang, func(t *testing.T) {
				w := Widget(testSettings[name], testPage, i18n.MustBuiltin(lang))
				var b strings.Builder
				if err := tpl.Execute(&b, w); err != nil {
					t.Fatal(err)
				}
				out := b.String()
				if strings.Contains(out, "<script") || strings.Contains(out, "style=") || regexp.MustCompile(`\son[a-z]+=`).MatchString(out) {
					t.Errorf("inline script or style:\n%s", out)
				}
				if strings.Contains(out, "ZgotmplZ") {
					t.Errorf("html/template rejected a value:\n%s", out)
				}
				labels := map[string]string{}
				for _, m := range labelRE.FindAllStringSubmatch(out, -1) {
					if strings.TrimSpace(m[2]) == "" {
						t.Errorf("empty label for %s", m[1])
					}
					labels[m[1]] = m[2]
				}
				ids := map[string]bool{}
				for _, m := range idRE.FindAllStringSubmatch(out, -1) {
					if ids[m[1]] {
						t.Errorf("duplicate id %s", m[1])
					}
					ids[m[1]] = true
					if !strings.HasPrefix(m[1], "fb-") {
						t.Errorf("id %q without prefix fb-", m[1])
					}
				}
				for _, in := range inputRE.FindAllString(out, -1) {
					if ty := typeRE.FindStringSubmatch(in); ty != nil && (ty[1] == "hidden" || ty[1] == "submit") {
						continue
					}
					id := idRE.FindStringSubmatch(in)
					if id == nil || labels[id[1]] == "" {
						t.Errorf("input without a visible label: %s", in)
					}
				}
				if name == "form" {
					for _, want := range []string{
						`<form method="post" action="https://feedback.example-bank.test/submit"`,
						`<input type="hidden" name="page" value="/products/etf-welt/">`,
						`<input type="hidden" name="url" value="https://www.example-bank.test/products/etf-welt/">`,
						`<input type="hidden" name="title" value="ETF Welt &#34;A&#34; &amp; &lt;B&gt;">`,
						`<input type="hidden" name="redirect" value="https://www.example-bank.test/danke/">`,
						`tabindex="-1" autocomplete="off"`,
						`name="kind" value="criticism"`,
						`name="interaction" value="5"`,
						`name="costs" value="" checked`,
					} {
						if !strings.Contains(out, want) {
							t.Errorf("missing %s in\n%s", want, out)
						}
					}
					if got := strings.Count(out, "<fieldset"); got != 6 {
						t.Errorf("%d fieldsets, want 6", got)
					}
					if got := strings.Count(out, "<legend>"); got != 6 {
						t.Errorf("%d legends, want 6", got)
					}
					wantLabels := map[string][]string{"de": {">Lob<", ">Kritik<", ">Frage<", ">keine Angabe<", ">Servicequalität<", "Dieses Feld bitte leer lassen"},
						"en": {">Praise<", ">Criticism<", ">Question<", ">no answer<", ">Service quality<", "Please leave this field empty"}}
					for _, l := range wantLabels[lang] {
						if !strings.Contains(out, l) {
							t.Errorf("missing %s", l)
						}
					}
					return
				}
				for _, want := range []string{
					`class="feedback feedback-embed"`, `data-provider="` + name + `"`, `data-consent="` + string(testSettings[name].Consent) + `"`,
					`<noscript>`, `data-embed="{`,
				} {
					if !strings.Contains(out, want) {
						t.Errorf("missing %s in\n%s", want, out)
					}
				}
				hasButton := strings.Contains(out, `class="feedback-load"`)
				if hasButton != (testSettings[name].Consent == ConsentClick) {
					t.Errorf("consent %s but button present = %v", testSettings[name].Consent, hasButton)
				}
				if hasButton && !strings.Contains(out, template.HTMLEscapeString(w.Labels.Load)) {
					t.Errorf("button text missing")
				}
				// The embed JSON survives attribute escaping.
				m := regexp.MustCompile(`data-embed="([^"]*)"`).FindStringSubmatch(out)
				if m == nil || !strings.Contains(m[1], "&#34;script&#34;") {
					t.Errorf("data-embed not escaped as expected: %v", m)
				}
			})
		}
	}
}

func TestFeedbackPartialNothing(t *testing.T) {
	tpl := loadPartial(t, "feedback.html")
	for name, data := range map[string]any{"nil pointer": (*WidgetData)(nil), "zero": WidgetData{}, "untyped nil": nil} {
		var b strings.Builder
		if err := tpl.Execute(&b, data); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if strings.TrimSpace(b.String()) != "" {
			t.Errorf("%s rendered %q", name, b.String())
		}
	}
}

// TestFeedbackPartialNamesTheVideos: on a page with videos the form sends
// each video's title in a hidden field "video" and asks about the video;
// elsewhere there is no such field.
func TestFeedbackPartialNamesTheVideos(t *testing.T) {
	tpl := loadPartial(t, "feedback.html")
	page := testPage
	page.Videos = []string{`Kosten "kurz"`, "Risiko"}
	for lang, question := range map[string]string{"de": "<p>Hat Ihnen das Video geholfen? Lob, Kritik", "en": "<p>Did the video help you? Praise"} {
		var b strings.Builder
		if err := tpl.Execute(&b, Widget(testSettings["form"], page, i18n.MustBuiltin(lang))); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, want := range []string{`<input type="hidden" name="video" value="Kosten &#34;kurz&#34;">`, `<input type="hidden" name="video" value="Risiko">`, question} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: missing %s in\n%s", lang, want, out)
			}
		}
	}
	var b strings.Builder
	if err := tpl.Execute(&b, Widget(testSettings["form"], testPage, i18n.MustBuiltin("de"))); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), `name="video"`) || strings.Contains(b.String(), "Video geholfen") {
		t.Errorf("a page without a video names one:\n%s", b.String())
	}
}
