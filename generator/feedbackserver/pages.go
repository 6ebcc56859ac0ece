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

// pageKeys are the pages' translation keys (title and text: <key>_title,
// <key>_text).
var pageKeys = map[pageKind]string{pageInfo: "receiver_info", pageThanks: "receiver_thanks", pageConfirm: "receiver_confirm", pageError: "receiver_error"}

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
	key, words := pageKeys[kind], s.words
	v := struct {
		Lang, Title, Text, Send, Back string
		Confirm                       *confirmView
		Error                         *errorData
	}{Lang: s.cfg.Lang, Title: words.T(key + "_title"), Text: words.T(key + "_text"), Send: words.T("receiver_send"), Back: words.T("receiver_back")}
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
