package feedbackserver

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/klartext/klartext/generator/feedback"
)

// The receiver's own pages: plain HTML without scripts, styles or
// anything loaded from elsewhere (its CSP is default-src 'none').
type pageKind int

const (
	pageInfo pageKind = iota
	pageThanks
	pageConfirm
	pageError
)

var pageTexts = map[string]map[pageKind][2]string{ // title, text
	"de": {
		pageInfo:    {"Feedback-Empfang", "Hier kommen die Rückmeldungen aus dem Formular unserer Seiten an."},
		pageThanks:  {"Danke für Ihre Rückmeldung", "Ihre Rückmeldung ist bei uns angekommen."},
		pageConfirm: {"Bitte bestätigen Sie Ihre Rückmeldung", "Damit uns keine automatisch erzeugten Nachrichten erreichen, bitten wir Sie, Ihre Rückmeldung einmal zu bestätigen."},
		pageError:   {"Die Rückmeldung wurde nicht angenommen", "Es wurde nichts gespeichert."},
	},
	"en": {
		pageInfo:    {"Feedback receiver", "This is where the feedback form of our pages sends its messages."},
		pageThanks:  {"Thank you for your feedback", "Your message has reached us."},
		pageConfirm: {"Please confirm your message", "To keep automated messages out, please confirm your message once."},
		pageError:   {"The message was not accepted", "Nothing was stored."},
	},
}

var buttonTexts = map[string][2]string{"de": {"Rückmeldung senden", "Zurück zur Seite"}, "en": {"Send the message", "Back to the site"}}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{.Title}}</title></head>
<body>
<main>
<h1>{{.Title}}</h1>
<p>{{.Text}}</p>
{{with .Error}}<p>{{if .Field}}{{.Field}}: {{end}}{{.Message}} ({{.Status}})</p>
<p><a href="{{.Back}}">{{$.Back}}</a></p>{{end}}
{{with .Confirm}}{{if .Comment}}<blockquote><p>{{.Comment}}</p></blockquote>{{end}}
<form method="post" accept-charset="utf-8">
{{range .Fields}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}<p><button type="submit">{{$.Send}}</button></p>
</form>{{end}}
</main>
</body>
</html>
`))

type hiddenField struct{ Name, Value string }

// confirmView is the confirmation form; it has no action, so it posts to
// the address the reader's form posted to, whatever path a reverse proxy
// maps it to.
type confirmView struct {
	Comment string
	Fields  []hiddenField
}

type errorData struct {
	Status  int
	Field   string
	Message string
	Back    string
}

// confirmData carries a submission back into a form of hidden fields, by
// the names of feedback.FormFields.
func confirmData(sub feedback.Submission, token string) *confirmView {
	v := &confirmView{Comment: sub.Comment}
	add := func(name, value string) {
		if value != "" {
			v.Fields = append(v.Fields, hiddenField{name, value})
		}
	}
	add(feedback.FieldKind, string(sub.Kind))
	for i, f := range feedback.Factors {
		if sub.Ratings[i] > 0 {
			add(f, strconv.Itoa(sub.Ratings[i]))
		}
	}
	add(feedback.FieldComment, sub.Comment)
	add(feedback.FieldEmail, sub.Email)
	add(feedback.FieldPage, sub.Page)
	add(feedback.FieldURL, sub.URL)
	add(feedback.FieldTitle, sub.Title)
	for _, video := range sub.Videos {
		add(feedback.FieldVideo, video)
	}
	add(feedback.FieldRedirect, sub.Redirect)
	add(feedback.FieldToken, token)
	return v
}

func (s *Server) page(w http.ResponseWriter, status int, kind pageKind, data any) {
	t := pageTexts[s.cfg.Lang][kind]
	b := buttonTexts[s.cfg.Lang]
	v := struct {
		Lang, Title, Text, Send, Back string
		Confirm                       *confirmView
		Error                         *errorData
	}{Lang: s.cfg.Lang, Title: t[0], Text: t[1], Send: b[0], Back: b[1]}
	switch d := data.(type) {
	case *confirmView:
		v.Confirm = d
	case errorData:
		v.Error = &d
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	pageTemplate.Execute(w, v)
}
