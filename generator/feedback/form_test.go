package feedback

import (
	"html"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klartext/klartext/generator/grammar"
	"github.com/klartext/klartext/generator/i18n"
)

// TestPublishedFormIsWhatTheReceiverAccepts renders the theme's form and
// checks it against FormFields: the same names, nothing more, no field more
// often than the receiver takes it, the same maxlength, no hidden value
// over its limit; and what the form sends as it stands (the first kind
// chosen) is accepted, naming the page and its videos. Pages without a
// video, with two, and with more than the form names (one of them twice,
// one with a title over the limit).
func TestPublishedFormIsWhatTheReceiverAccepts(t *testing.T) {
	many := []string{"Video 1", strings.Repeat("ä", TitleMaxLen+7), " Video 1 "}
	for i := 2; len(many) < VideoMaxCount+5; i++ {
		many = append(many, "Video "+strconv.Itoa(i))
	}
	for _, tc := range []struct {
		name   string
		videos []string
		want   []string // the videos the submission names
	}{
		{"no video", nil, nil},
		{"two videos", []string{`Kosten "kurz" & <klar>`, "Risiko 😀"}, []string{`Kosten "kurz" & <klar>`, "Risiko 😀"}},
		{"more videos than the form names", many,
			append([]string{"Video 1", strings.Repeat("ä", TitleMaxLen)}, many[3:VideoMaxCount+1]...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := testPage
			page.Videos = tc.videos
			var b strings.Builder
			if err := loadPartial(t, "feedback.html").Execute(&b, Widget(testSettings["form"], page, i18n.MustBuiltin("de"))); err != nil {
				t.Fatal(err)
			}
			checkPublishedForm(t, b.String(), page, tc.want)
		})
	}
}

func checkPublishedForm(t *testing.T, out string, page PageRef, videos []string) {
	t.Helper()
	nameRE := regexp.MustCompile(`\bname="([^"]*)"`)
	maxRE := regexp.MustCompile(`\bmaxlength="(\d+)"`)
	valueRE := regexp.MustCompile(`\bvalue="([^"]*)"`)
	published := map[string]int{} // name → maxlength (-1 none)
	count := map[string]int{}     // name → fields, a radio group as one
	values := map[string][]string{}
	sent := url.Values{} // what the form sends as it stands
	for _, in := range inputRE.FindAllString(out, -1) {
		n := nameRE.FindStringSubmatch(in)
		if n == nil {
			t.Errorf("field without a name: %s", in)
			continue
		}
		name := n[1]
		published[name] = -1
		if m := maxRE.FindStringSubmatch(in); m != nil {
			published[name], _ = strconv.Atoi(m[1])
		}
		value := ""
		if v := valueRE.FindStringSubmatch(in); v != nil {
			value = html.UnescapeString(v[1])
		}
		ty := typeRE.FindStringSubmatch(in)
		switch {
		case ty != nil && ty[1] == "radio":
			if len(values[name]) == 0 {
				count[name]++
			}
			values[name] = append(values[name], value)
			if strings.Contains(in, " checked") || (name == FieldKind && len(values[name]) == 1) {
				sent.Set(name, value)
			}
		default:
			count[name]++
			sent.Add(name, value)
		}
	}
	var want []string
	for _, f := range FormFields() {
		want = append(want, f.Name)
		max, ok := published[f.Name]
		switch {
		case !ok && f.Name == FieldVideo && len(videos) == 0:
			// only on a page with a video
		case !ok:
			t.Errorf("the receiver accepts %s, the form has no such field", f.Name)
		case count[f.Name] > f.times():
			t.Errorf("the form has %d fields %s, the receiver takes %d", count[f.Name], f.Name, f.times())
		case f.Values != nil:
			if !slices.Equal(values[f.Name], f.Values) {
				t.Errorf("%s: the form offers %q, the receiver accepts %q", f.Name, values[f.Name], f.Values)
			}
		case max >= 0 && max != f.MaxLen:
			t.Errorf("%s: maxlength %d in the form, %d in the receiver", f.Name, max, f.MaxLen)
		case max < 0 && (f.Name == FieldComment || f.Name == FieldEmail):
			t.Errorf("%s has no maxlength in the form", f.Name)
		}
		for _, v := range sent[f.Name] {
			if f.Values == nil && UTF16Len(v) > f.MaxLen {
				t.Errorf("%s: the form sends %d characters, the receiver takes %d", f.Name, UTF16Len(v), f.MaxLen)
			}
		}
	}
	for name := range published {
		if !slices.Contains(want, name) {
			t.Errorf("the form has a field %s the receiver refuses", name)
		}
	}
	if !strings.Contains(out, `name="token" value="" data-feedback-token`) {
		t.Error("the token field is not marked for js/feedback-form.js")
	}
	sub, err := ParseSubmission(sent)
	if err != nil {
		t.Fatalf("the receiver refuses what the form sends: %v\n%v", err, sent)
	}
	if sub.Page != page.Path || sub.Title != page.Title || sub.Kind != FormKinds[0] || !slices.Equal(sub.Videos, videos) {
		t.Errorf("the form sends page %q, title %q, kind %q, videos %q; want %q, %q, %q, %q",
			sub.Page, sub.Title, sub.Kind, sub.Videos, page.Path, page.Title, FormKinds[0], videos)
	}
}

func TestParseSubmission(t *testing.T) {
	base := func() url.Values {
		return url.Values{
			"kind": {"criticism"}, "costs": {"2"}, "transparency": {""}, "conditions": {""}, "service": {"5"}, "interaction": {""},
			"comment": {"  Zu teuer.\r\nWirklich.  "}, "email": {"leserin@example.test"}, "website": {""},
			"page": {"/products/etf-welt/"}, "url": {"https://www.example.test/products/etf-welt/"}, "title": {"ETF Welt"},
			"redirect": {"https://www.example.test/danke/"}, "token": {"abc"},
		}
	}
	s, err := ParseSubmission(base())
	if err != nil {
		t.Fatal(err)
	}
	want := Submission{Page: "/products/etf-welt/", Title: "ETF Welt", Kind: Criticism, Ratings: [5]int{2, 0, 0, 5, 0},
		Comment: "Zu teuer.\nWirklich.", Email: "leserin@example.test", URL: "https://www.example.test/products/etf-welt/",
		Redirect: "https://www.example.test/danke/", Token: "abc"}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got  %+v\nwant %+v", s, want)
	}
	// A page with videos names each.
	withVideos := base()
	withVideos["video"] = []string{" Kosten verstehen ", "Risiko 😀"}
	if s, err := ParseSubmission(withVideos); err != nil || !slices.Equal(s.Videos, []string{"Kosten verstehen", "Risiko 😀"}) {
		t.Errorf("videos: %q, %v", s.Videos, err)
	}
	// What a page without the optional fields sends (a page built before
	// the token field, no redirect) is accepted too.
	minimal := url.Values{"kind": {"praise"}, "page": {"/"}}
	if _, err := ParseSubmission(minimal); err != nil {
		t.Errorf("minimal submission: %v", err)
	}

	long := strings.Repeat("ä", CommentMaxLen)
	tests := []struct {
		name  string
		edit  func(url.Values)
		field string
		code  string
	}{
		{"unknown field", func(v url.Values) { v.Set("name", "Eve") }, "name", CodeUnknownField},
		{"unknown field name not UTF-8", func(v url.Values) { v.Set("\xff", "x") }, "", CodeInvalidUTF8},
		{"field twice", func(v url.Values) { v.Add("comment", "again") }, "comment", CodeDuplicateField},
		{"no kind", func(v url.Values) { v.Del("kind") }, "kind", CodeMissingField},
		{"empty kind", func(v url.Values) { v.Set("kind", "") }, "kind", CodeMissingField},
		{"kind comment is not a form kind", func(v url.Values) { v.Set("kind", "comment") }, "kind", CodeInvalidValue},
		{"rating 6", func(v url.Values) { v.Set("costs", "6") }, "costs", CodeInvalidValue},
		{"rating 0", func(v url.Values) { v.Set("service", "0") }, "service", CodeInvalidValue},
		{"rating with space", func(v url.Values) { v.Set("service", " 5") }, "service", CodeTooLong},
		{"comment at the limit", func(v url.Values) { v.Set("comment", long) }, "", ""},
		{"comment one over", func(v url.Values) { v.Set("comment", long+"x") }, "comment", CodeTooLong},
		{"CRLF counts as one", func(v url.Values) { v.Set("comment", "x"+strings.Repeat("\r\n", CommentMaxLen-2)+"x") }, "", ""},
		{"astral counts two", func(v url.Values) { v.Set("comment", strings.Repeat("😀", CommentMaxLen/2)+"x") }, "comment", CodeTooLong},
		{"comment not UTF-8", func(v url.Values) { v.Set("comment", "ok \xc3\x28") }, "comment", CodeInvalidUTF8},
		{"NUL in comment", func(v url.Values) { v.Set("comment", "a\x00b") }, "comment", CodeInvalidValue},
		{"line break in title", func(v url.Values) { v.Set("title", "a\nb") }, "title", CodeInvalidValue},
		{"honeypot filled", func(v url.Values) { v.Set("website", "http://spam.example") }, "website", CodeHoneypot},
		{"page empty", func(v url.Values) { v.Set("page", "") }, "page", CodeMissingField},
		{"page relative", func(v url.Values) { v.Set("page", "products/x/") }, "page", CodeInvalidValue},
		{"page a URL", func(v url.Values) { v.Set("page", "https://evil.example/x/") }, "page", CodeInvalidValue},
		{"email with display name", func(v url.Values) { v.Set("email", "Eve <eve@example.test>") }, "email", CodeInvalidValue},
		{"email with query", func(v url.Values) { v.Set("email", "eve@example.test?bcc=x@example.test") }, "email", CodeInvalidValue},
		{"email without domain dot", func(v url.Values) { v.Set("email", "eve@localhost") }, "email", CodeInvalidValue},
		{"email too long", func(v url.Values) { v.Set("email", strings.Repeat("a", 250)+"@x.de") }, "email", CodeTooLong},
		{"redirect javascript", func(v url.Values) { v.Set("redirect", "javascript:alert(1)") }, "redirect", CodeInvalidValue},
		{"url relative", func(v url.Values) { v.Set("url", "/x/") }, "url", CodeInvalidValue},
		{"token too long", func(v url.Values) { v.Set("token", strings.Repeat("a", TokenMaxLen+1)) }, "token", CodeTooLong},
		{"videos at the limit", func(v url.Values) { v["video"] = videoTitles(VideoMaxCount) }, "", ""},
		{"one video too many", func(v url.Values) { v["video"] = videoTitles(VideoMaxCount + 1) }, "video", CodeTooMany},
		{"video title at the limit", func(v url.Values) { v.Set("video", strings.Repeat("😀", TitleMaxLen/2)) }, "", ""},
		{"video title one over", func(v url.Values) { v.Set("video", strings.Repeat("a", TitleMaxLen+1)) }, "video", CodeTooLong},
		{"video twice", func(v url.Values) { v["video"] = []string{"Kosten", "Risiko", "Kosten "} }, "video", CodeDuplicateField},
		{"video empty", func(v url.Values) { v["video"] = []string{"Kosten", " "} }, "video", CodeInvalidValue},
		{"line break in a video", func(v url.Values) { v.Set("video", "a\nb") }, "video", CodeInvalidValue},
		{"video not UTF-8", func(v url.Values) { v.Set("video", "\xff") }, "video", CodeInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := base()
			tt.edit(v)
			_, err := ParseSubmission(v)
			if tt.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("accepted")
			}
			if err.Field != tt.field || err.Code != tt.code || err.Message == "" {
				t.Errorf("got %s/%s %q, want %s/%s", err.Field, err.Code, err.Message, tt.field, tt.code)
			}
		})
	}
}

// videoTitles are n distinct titles.
func videoTitles(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "Video " + strconv.Itoa(i+1)
	}
	return out
}

// TestSubmissionEmailMessage: a refused address says why, in grammar.Email's
// words.
func TestSubmissionEmailMessage(t *testing.T) {
	_, err := ParseSubmission(url.Values{"kind": {"praise"}, "page": {"/"}, "email": {"leser&in@example.test"}})
	if err == nil || err.Error() != "email: the address has '&' before the @, which would change what a mail program does with the link (write it as name@example.com)" {
		t.Errorf("got %v", err)
	}
}

func TestMaxBodyBytes(t *testing.T) {
	// The largest body a browser can send for the form: every field at its
	// limit with characters that need three bytes and percent-encoding.
	v := url.Values{}
	for _, f := range FormFields() {
		for range f.times() {
			v.Add(f.Name, strings.Repeat("€", f.MaxLen))
		}
	}
	if n := len(v.Encode()); n > MaxBodyBytes() {
		t.Errorf("a full form encodes to %d bytes, MaxBodyBytes is %d", n, MaxBodyBytes())
	}
}

func TestUTF16Len(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "äöü": 3, "€": 1, "😀": 2, "a😀b": 4} {
		if got := UTF16Len(s); got != want {
			t.Errorf("UTF16Len(%q) = %d, want %d", s, got, want)
		}
	}
}

// FuzzParseSubmission: any body the receiver can be sent either is refused
// with a field and a code, or gives a submission within the form's limits.
func FuzzParseSubmission(f *testing.F) {
	f.Add("kind=criticism&costs=2&comment=Zu+teuer&page=%2Fproducts%2Fx%2F&token=abc")
	f.Add("kind=praise&page=/&comment=%E2%82%AC%0D%0Azwei&email=a%40b.de&redirect=https%3A%2F%2Fx.test%2Fdanke%2F")
	f.Add("kind=question&page=/x&website=&title=%00")
	f.Add("kind=praise&kind=praise&page=/")
	f.Add("kind=praise&page=/v/&video=Kosten+verstehen&video=Risiko&video=%20")
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		s, ferr := ParseSubmission(v)
		if ferr != nil {
			if ferr.Code == "" || ferr.Message == "" {
				t.Fatalf("a refusal without code or message: %+v", ferr)
			}
			return
		}
		if !slices.Contains(FormKinds, s.Kind) || !strings.HasPrefix(s.Page, "/") || !strings.HasSuffix(s.Page, "/") {
			t.Fatalf("accepted %+v", s)
		}
		if len(s.Videos) > VideoMaxCount {
			t.Fatalf("accepted %d videos", len(s.Videos))
		}
		for i, v := range s.Videos {
			if v == "" || UTF16Len(v) > TitleMaxLen || slices.Contains(s.Videos[:i], v) || strings.ContainsAny(v, "\r\n") {
				t.Fatalf("accepted videos %q", s.Videos)
			}
		}
		if UTF16Len(s.Comment) > CommentMaxLen || !utf8.ValidString(s.Comment) || strings.Contains(s.Comment, "\r") {
			t.Fatalf("accepted comment %q", s.Comment)
		}
		for _, r := range s.Ratings {
			if r < 0 || r > 5 {
				t.Fatalf("accepted rating %d", r)
			}
		}
		if s.Email != "" && grammar.Email(s.Email) != nil {
			t.Fatalf("accepted e-mail %q", s.Email)
		}
	})
}
