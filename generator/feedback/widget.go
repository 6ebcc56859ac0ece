package feedback

import (
	"encoding/json"
	"net/url"
	"strconv"

	"github.com/klartext/klartext/generator/i18n"
)

// PageRef identifies the page the widget belongs to. Path is the canonical
// path ("/products/etf-welt/"), the page's identity with every provider;
// URL is the absolute canonical URL; Title the page title. Videos are the
// titles of the videos the page shows (or transcribes): the form sends
// each in a hidden field FieldVideo (as many as FormVideos keeps), and its
// intro asks about the video.
type PageRef struct {
	Path, URL, Title string
	Videos           []string
}

// WidgetData is everything partials/feedback.html needs for one page. A nil
// *WidgetData renders nothing.
type WidgetData struct {
	Provider string // form, isso, remark42, giscus, utterances, cusdis
	Consent  string // click or none
	Host     string // the provider's host name, shown in the button text
	Origin   string // scheme://host of the provider
	Lang     string // the labels' language (the catalog's: de, en); the provider gets ProviderLang
	Page     PageRef

	// Embed is the JSON the script reads from data-embed (all providers but
	// form): what to create after the click. See Embed.
	Embed     string
	EmbedSpec Embed // the same, for tests and other templates

	Form   *FormData // provider form only
	Labels Labels
}

// Embed tells feedback.js what to create inside the section's mount point:
// first Container (if any), then a script element with Script as src and
// ScriptAttrs; Config, if set, is assigned to window[ConfigVar] before.
type Embed struct {
	Container   *Element          `json:"container,omitempty"`
	Script      string            `json:"script"`
	ScriptAttrs map[string]string `json:"scriptAttrs,omitempty"`
	ConfigVar   string            `json:"configVar,omitempty"`
	Config      map[string]string `json:"config,omitempty"`
}

// Element is an element to create, with its attributes.
type Element struct {
	Tag   string            `json:"tag"`
	Attrs map[string]string `json:"attrs,omitempty"`
}

// Labels are the texts of the partial, in the page's language.
type Labels struct {
	Heading  string // "Ihre Meinung zu dieser Seite"
	Intro    string // short sentence under the heading
	Load     string // "Kommentare laden — dabei werden Daten an <host> übertragen"
	Remember string // "Auswahl merken"
	NoScript string // shown without JavaScript
	Privacy  string // form: where the data goes
	Submit   string // form
}

// FormData is the plain HTML form (provider form). Its names and limits
// are the ones ParseSubmission accepts (form.go).
type FormData struct {
	Action   string
	Redirect string // hidden field, when set
	Kind     Fieldset
	Factors  []Fieldset
	Scale    string // "1 = schlecht, 5 = sehr gut", referenced by aria-describedby="fb-scale"
	Message  Field
	Email    Field
	Honeypot Field
	// The hidden fields' names: the page's identity, its videos
	// (WidgetData.Page.Videos), the redirect and the receiver's token
	// (filled in by js/feedback-form.js).
	PageName, URLName, TitleName, VideoName, RedirectName, TokenName string
}

// Fieldset is a radio group with a legend.
type Fieldset struct {
	Name    string // the form field name
	Legend  string
	Options []Option
}

// Option is one radio button.
type Option struct {
	ID, Value, Label string
	Checked          bool
}

// Field is a labelled input.
type Field struct {
	ID, Name, Label string
	MaxLength       int // the maxlength attribute, 0 for none
}

// Factors are the five factors readers rate, in column order.
var Factors = [5]string{"costs", "transparency", "conditions", "service", "interaction"}

// FactorLabel returns the display name of factor i (0–4) in the
// catalog's language (the key fb_factor_<factor>).
func FactorLabel(i int, words *i18n.Catalog) string { return words.T("fb_factor_" + Factors[i]) }

// Widget returns the partial's data for one page, or nil when feedback is
// off. words are the page's language's words.
func Widget(s Settings, page PageRef, words *i18n.Catalog) *WidgetData {
	if !s.Enabled() {
		return nil
	}
	ll := words.Lang()
	page.Videos = FormVideos(page.Videos) // what the receiver accepts
	w := &WidgetData{
		Provider: string(s.Provider),
		Consent:  string(s.Consent),
		Lang:     ll,
		Page:     page,
	}
	provLang := s.Lang
	if provLang == "" {
		provLang = ll
	}
	def := Def(s.Provider)
	base := def.Base(s)
	w.Origin = Origin(base)
	if u, err := url.Parse(base); err == nil {
		w.Host = u.Hostname()
	}
	w.Labels = labels(words, w.Host)
	if len(page.Videos) > 0 {
		w.Labels.Intro = words.T("fb_video_question") + " " + w.Labels.Intro
	}
	if def.Embed == nil {
		w.Form = formData(s, words) // the page carries the form itself
		return w
	}
	e := def.Embed(s, page, provLang)
	w.EmbedSpec = e
	b, _ := json.Marshal(e) // maps marshal with sorted keys: reproducible output
	w.Embed = string(b)
	return w
}

// Script is the theme script the page's widget needs; "" for none. The
// plain form works without JavaScript; its script only fetches the
// receiver's token once the reader starts filling it in, which spares the
// reader a confirmation step.
func (s Settings) Script() string {
	if def := Def(s.Provider); def != nil && s.Enabled() {
		return def.Script
	}
	return ""
}

func labels(words *i18n.Catalog, host string) Labels {
	return Labels{
		Heading:  words.T("fb_heading"),
		Intro:    words.T("fb_intro"),
		Load:     words.T("fb_load", host),
		Remember: words.T("fb_remember"),
		NoScript: words.T("fb_noscript", host),
		Privacy:  words.T("fb_privacy", host),
		Submit:   words.T("fb_submit"),
	}
}

func formData(s Settings, words *i18n.Catalog) *FormData {
	t := words.T
	f := &FormData{
		Action:   s.Endpoint,
		Redirect: s.Redirect,
		Kind: Fieldset{Name: FieldKind, Legend: t("fb_kind_legend"), Options: []Option{
			{ID: "fb-kind-praise", Value: "praise", Label: t("fb_kind_praise")},
			{ID: "fb-kind-criticism", Value: "criticism", Label: t("fb_kind_criticism")},
			{ID: "fb-kind-question", Value: "question", Label: t("fb_kind_question")},
		}},
		Scale:    t("fb_scale"),
		Message:  Field{ID: "fb-message", Name: FieldComment, Label: t("fb_message"), MaxLength: CommentMaxLen},
		Email:    Field{ID: "fb-email", Name: FieldEmail, Label: t("fb_email"), MaxLength: EmailMaxLen},
		Honeypot: Field{ID: "fb-website", Name: FieldHoneypot, Label: t("fb_honeypot")},
		PageName: FieldPage, URLName: FieldURL, TitleName: FieldTitle, VideoName: FieldVideo, RedirectName: FieldRedirect, TokenName: FieldToken,
	}
	for i, name := range Factors {
		fs := Fieldset{Name: name, Legend: FactorLabel(i, words)}
		fs.Options = append(fs.Options, Option{ID: "fb-" + name + "-0", Value: "", Label: t("fb_no_answer"), Checked: true})
		for v := 1; v <= 5; v++ {
			n := strconv.Itoa(v)
			fs.Options = append(fs.Options, Option{ID: "fb-" + name + "-" + n, Value: n, Label: n})
		}
		f.Factors = append(f.Factors, fs)
	}
	return f
}
