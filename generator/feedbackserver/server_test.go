package feedbackserver

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/feedbackstore"
)

const siteOrigin = "https://www.example-bank.test"

// clock is a settable time for the receiver.
type clock struct{ ns atomic.Int64 }

func (c *clock) now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *clock) advance(d time.Duration) { c.ns.Add(int64(d)) }

type testServer struct {
	*Server
	store *feedbackstore.Store
	clock *clock
	http  *httptest.Server
	url   string
}

// startServer runs a receiver on 127.0.0.1 with a store in a temporary
// folder; edit changes the configuration first.
func startServer(t *testing.T, edit func(*Config)) *testServer {
	t.Helper()
	st, err := feedbackstore.Open(filepath.Join(t.TempDir(), "feedback.db"))
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{}
	c.ns.Store(time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC).UnixNano())
	cfg := Config{Origin: siteOrigin + "/", MinFill: 3 * time.Second, MaxAge: time.Hour, KeepEmail: 90 * 24 * time.Hour,
		Submissions: Rate{N: 5, Per: time.Hour}, Tokens: Rate{N: 20, Per: time.Hour}, Now: c.now}
	if edit != nil {
		edit(&cfg)
	}
	s, err := New(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	go s.Run()
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(func() { hs.Close(); s.Close(); st.Close() })
	return &testServer{Server: s, store: st, clock: c, http: hs, url: hs.URL + DefaultPath}
}

func (ts *testServer) token(t *testing.T) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ts.url, nil)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Origin", siteOrigin)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Token string }
	if res.StatusCode != http.StatusOK || json.NewDecoder(res.Body).Decode(&body) != nil || body.Token == "" {
		t.Fatalf("GET token: %s", res.Status)
	}
	if got := res.Header.Get("Access-Control-Allow-Origin"); got != siteOrigin {
		t.Errorf("Access-Control-Allow-Origin %q", got)
	}
	return body.Token
}

// form is what the published form sends for a criticism.
func form(token string) url.Values {
	return url.Values{
		"kind": {"criticism"}, "costs": {"2"}, "transparency": {""}, "conditions": {""}, "service": {""}, "interaction": {"4"},
		"comment": {"Zu teuer."}, "email": {""}, "website": {""},
		"page": {"/products/etf-welt/"}, "url": {siteOrigin + "/products/etf-welt/"}, "title": {"ETF Welt"},
		"redirect": {siteOrigin + "/danke/"}, "token": {token},
	}
}

type post struct {
	body    string
	headers map[string]string
}

// send posts like a browser on the site's page does, unless the headers
// say otherwise ("" removes one).
func (ts *testServer) send(t *testing.T, p post) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.url, strings.NewReader(p.body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", siteOrigin)
	req.Header.Set("Referer", siteOrigin+"/products/etf-welt/")
	for k, v := range p.headers {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	if c := res.Header.Values("Set-Cookie"); len(c) > 0 {
		t.Errorf("the receiver set a cookie: %q", c)
	}
	return res
}

func (ts *testServer) count(t *testing.T) int {
	t.Helper()
	ms, err := ts.store.List(context.Background(), feedbackstore.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(ms)
}

func TestSubmitRedirectsAndStores(t *testing.T) {
	ts := startServer(t, nil)
	tok := ts.token(t)
	ts.clock.advance(4 * time.Second)
	v := form(tok)
	v.Set("email", "leserin@example.test")
	res := ts.send(t, post{body: v.Encode()})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != siteOrigin+"/danke/" {
		t.Fatalf("got %s to %q, want 303 to the thank-you page", res.Status, res.Header.Get("Location"))
	}
	ms, _ := ts.store.List(context.Background(), feedbackstore.Filter{})
	if len(ms) != 1 {
		t.Fatalf("%d messages stored", len(ms))
	}
	m := ms[0]
	if m.Page != "/products/etf-welt/" || m.Kind != feedback.Criticism || m.Ratings != [5]int{2, 0, 0, 0, 4} || m.Comment != "Zu teuer." ||
		m.Email != "leserin@example.test" || !m.Received.Equal(ts.clock.now()) || !m.EmailPurged.Equal(ts.clock.now().Add(90*24*time.Hour)) {
		t.Errorf("stored %+v", m)
	}
	// JSON when asked; no redirect needed.
	tok = ts.token(t)
	ts.clock.advance(4 * time.Second)
	v = form(tok)
	v.Del("redirect")
	res = ts.send(t, post{body: v.Encode(), headers: map[string]string{"Accept": "application/json"}})
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusCreated || !strings.Contains(string(body), `"status":"stored"`) || res.Header.Get("Content-Type") != "application/json" {
		t.Errorf("JSON answer %s %s", res.Status, body)
	}
	// Without a redirect, the receiver's own thank-you page.
	tok = ts.token(t)
	ts.clock.advance(4 * time.Second)
	v = form(tok)
	v.Del("redirect")
	res = ts.send(t, post{body: v.Encode()})
	body, _ = io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "Danke für Ihre Rückmeldung") {
		t.Errorf("thank-you page %s %s", res.Status, body)
	}
	if ts.count(t) != 3 {
		t.Errorf("%d messages stored, want 3", ts.count(t))
	}
}

// TestSubmitFromAVideoPage: the form of a page with videos names each in a
// field video; the receiver stores the message with them, also when the
// reader confirms it on the receiver's page (no JavaScript).
func TestSubmitFromAVideoPage(t *testing.T) {
	ts := startServer(t, nil)
	videos := []string{"Kosten verstehen", `Risiko "kurz" & <klar>`}
	v := form(ts.token(t))
	v["video"] = videos
	ts.clock.advance(4 * time.Second)
	if res := ts.send(t, post{body: v.Encode()}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("got %s, want 303", res.Status)
	}
	v = form("")
	v["video"] = videos
	res := ts.send(t, post{body: v.Encode()})
	b, _ := io.ReadAll(res.Body)
	again := url.Values{}
	for _, m := range hiddenRE.FindAllStringSubmatch(string(b), -1) {
		again.Add(m[1], html.UnescapeString(m[2]))
	}
	if !slices.Equal(again["video"], videos) {
		t.Fatalf("the confirmation carries the videos %q:\n%s", again["video"], b)
	}
	ts.clock.advance(4 * time.Second)
	if res := ts.send(t, post{body: again.Encode()}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmed: %s", res.Status)
	}
	ms, _ := ts.store.List(context.Background(), feedbackstore.Filter{})
	if len(ms) != 2 {
		t.Fatalf("%d messages stored", len(ms))
	}
	for _, m := range ms {
		if !slices.Equal(m.Videos, videos) || m.Page != "/products/etf-welt/" {
			t.Errorf("stored %+v", m)
		}
	}
}

// TestBadInput: every bad request gets its 4xx and a code, and nothing is
// stored.
func TestBadInput(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Submissions, c.Tokens = Rate{}, Rate{} })
	fresh := func() string { // a token old enough
		tok := ts.token(t)
		ts.clock.advance(4 * time.Second)
		return tok
	}
	enc := func(v url.Values) string { return v.Encode() }
	with := func(k, val string) string { v := form(fresh()); v.Set(k, val); return v.Encode() }
	videos := func(n, length int) string { // n videos, each title length characters
		v := form(fresh())
		for i := range n {
			v.Add("video", fmt.Sprintf("%0*d", length, i))
		}
		return v.Encode()
	}

	expired := ts.token(t)
	ts.clock.advance(2 * time.Hour)
	used := fresh()
	if res := ts.send(t, post{body: enc(form(used))}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the first use of a token: %s", res.Status)
	}
	before := ts.count(t)

	big := form(fresh())
	big.Set("comment", strings.Repeat("€", feedback.CommentMaxLen))
	big.Set("title", strings.Repeat("€", feedback.TitleMaxLen))
	for i := range feedback.VideoMaxCount {
		big.Add("video", strings.Repeat("€", feedback.TitleMaxLen-3)+fmt.Sprintf("%03d", i))
	}
	big.Set("url", siteOrigin+"/"+strings.Repeat("€", feedback.PathMaxLen))
	oversized := big.Encode() + "&" + strings.Repeat("x", feedback.MaxBodyBytes())
	forged := []byte(fresh())
	forged[5] ^= 1

	tests := []struct {
		name    string
		p       post
		status  int
		code    string
		chunked bool
	}{
		{"oversized with Content-Length", post{body: oversized}, 413, "too-large", false},
		{"oversized chunked", post{body: oversized}, 413, "too-large", true},
		{"unknown field", post{body: with("name", "Eve")}, 400, feedback.CodeUnknownField, false},
		{"field twice", post{body: enc(form(fresh())) + "&comment=again"}, 400, feedback.CodeDuplicateField, false},
		{"invalid UTF-8", post{body: with("comment", "a\xffb")}, 400, feedback.CodeInvalidUTF8, false},
		{"invalid percent-encoding", post{body: enc(form(fresh())) + "&comment=%zz"}, 400, "encoding", false},
		{"rating out of range", post{body: with("costs", "9")}, 400, feedback.CodeInvalidValue, false},
		{"honeypot", post{body: with("website", "https://spam.example")}, 400, feedback.CodeHoneypot, false},
		{"comment too long", post{body: with("comment", strings.Repeat("a", feedback.CommentMaxLen+1))}, 400, feedback.CodeTooLong, false},
		{"too many videos", post{body: videos(feedback.VideoMaxCount+1, 10)}, 400, feedback.CodeTooMany, false},
		{"video title too long", post{body: videos(1, feedback.TitleMaxLen+1)}, 400, feedback.CodeTooLong, false},
		{"video named twice", post{body: with("video", "Kosten") + "&video=Kosten"}, 400, feedback.CodeDuplicateField, false},
		{"redirect to another site", post{body: with("redirect", "https://evil.example/phish")}, 400, feedback.CodeInvalidValue, false},
		{"wrong origin", post{body: enc(form(fresh())), headers: map[string]string{"Origin": "https://evil.example"}}, 403, "origin", false},
		{"origin null", post{body: enc(form(fresh())), headers: map[string]string{"Origin": "null"}}, 403, "origin", false},
		{"origin of the site over http", post{body: enc(form(fresh())), headers: map[string]string{"Origin": "http://www.example-bank.test"}}, 403, "origin", false},
		{"no origin, referer elsewhere", post{body: enc(form(fresh())), headers: map[string]string{"Origin": "", "Referer": "https://www.example-bank.test.evil.example/"}}, 403, "origin", false},
		{"neither origin nor referer", post{body: enc(form(fresh())), headers: map[string]string{"Origin": "", "Referer": ""}}, 403, "origin", false},
		{"multipart", post{body: "--x\r\n", headers: map[string]string{"Content-Type": "multipart/form-data; boundary=x"}}, 415, "content-type", false},
		{"replayed token", post{body: enc(form(used))}, 409, "replayed", false},
		{"forged token", post{body: enc(form(string(forged)))}, 400, "token-invalid", false},
		{"token of another receiver", post{body: enc(form(otherToken(t, ts.clock.now())))}, 400, "token-invalid", false},
		{"too fast (JSON)", post{body: enc(form(ts.token(t))), headers: map[string]string{"Accept": "application/json"}}, 422, "too-fast", false},
		{"expired (JSON)", post{body: enc(form(expired)), headers: map[string]string{"Accept": "application/json"}}, 400, "token-expired", false},
		{"no token (JSON)", post{body: enc(form("")), headers: map[string]string{"Accept": "application/json"}}, 400, "token-missing", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.p.headers = merge(tt.p.headers, map[string]string{"Accept": "application/json"})
			var res *http.Response
			if tt.chunked {
				res = ts.sendChunked(t, tt.p.body)
			} else {
				res = ts.send(t, tt.p)
			}
			var body struct{ Error, Field, Message string }
			json.NewDecoder(res.Body).Decode(&body)
			if res.StatusCode != tt.status || body.Error != tt.code || body.Message == "" {
				t.Errorf("got %d %+v, want %d %s", res.StatusCode, body, tt.status, tt.code)
			}
			if n := ts.count(t); n != before {
				t.Errorf("%d messages stored, want %d", n, before)
			}
		})
	}
	// Other methods.
	req, _ := http.NewRequest(http.MethodPut, ts.url, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") == "" {
		t.Errorf("PUT: %s", res.Status)
	}
	// An HTML reader gets a page saying what went wrong, with the status.
	res = ts.send(t, post{body: with("costs", "9")})
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 400 || !strings.Contains(string(b), "Es wurde nichts gespeichert.") || !strings.Contains(string(b), "costs:") {
		t.Errorf("HTML error page %s:\n%s", res.Status, b)
	}
}

func merge(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range b {
		out[k] = v
	}
	for k, v := range a {
		out[k] = v
	}
	return out
}

func (ts *testServer) sendChunked(t *testing.T, body string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.url, io.MultiReader(strings.NewReader(body))) // no length: chunked
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", siteOrigin)
	req.Header.Set("Accept", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	if req.ContentLength != 0 {
		t.Fatal("the request has a length")
	}
	return res
}

func otherToken(t *testing.T, now time.Time) string {
	tok, err := Tokens{Key: []byte("another key"), MinAge: time.Second, MaxAge: time.Hour}.Issue(now.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

var hiddenRE = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)

// TestConfirmation: a form without a token (no JavaScript), with an
// expired one, or sent too soon gets a page that asks to confirm; sent
// from that page (the receiver's own origin) after the minimum fill time,
// the message is stored once, as the reader wrote it.
func TestConfirmation(t *testing.T) {
	ts := startServer(t, nil)
	for _, tc := range []struct {
		name  string
		token func() string
	}{
		{"without token", func() string { return "" }},
		{"too soon", func() string { return ts.token(t) }},
		{"expired", func() string { tok := ts.token(t); ts.clock.advance(2 * time.Hour); return tok }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := ts.count(t)
			v := form(tc.token())
			v.Set("comment", "Zeile 1\r\n<b>Zeile 2</b> & \"mehr\"")
			v.Set("email", "leser@example.test")
			res := ts.send(t, post{body: v.Encode()})
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusOK || !strings.Contains(string(b), "Bitte bestätigen Sie Ihre Rückmeldung") {
				t.Fatalf("%s:\n%s", res.Status, b)
			}
			if strings.Contains(string(b), "<b>Zeile 2</b>") {
				t.Error("the comment is not escaped")
			}
			if ts.count(t) != before {
				t.Fatal("stored before the confirmation")
			}
			again := url.Values{}
			for _, m := range hiddenRE.FindAllStringSubmatch(string(b), -1) {
				again.Set(m[1], html.UnescapeString(m[2]))
			}
			if again.Get("token") == "" || again.Get("comment") != "Zeile 1\n<b>Zeile 2</b> & \"mehr\"" || again.Get("email") != "leser@example.test" {
				t.Fatalf("the confirmation carries %v", again)
			}
			ts.clock.advance(4 * time.Second)
			// The receiver's own origin, as the reader's browser names it
			// behind the reverse proxy that ends TLS.
			self := "https://" + ts.http.Listener.Addr().String()
			res = ts.send(t, post{body: again.Encode(), headers: map[string]string{"Origin": self, "Referer": self + DefaultPath}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("confirmed: %s", res.Status)
			}
			ms, _ := ts.store.List(context.Background(), feedbackstore.Filter{})
			if len(ms) != before+1 || ms[len(ms)-1].Comment != "Zeile 1\n<b>Zeile 2</b> & \"mehr\"" || ms[len(ms)-1].Email != "leser@example.test" {
				t.Errorf("stored %+v", ms)
			}
		})
	}
}

func TestRateLimited(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Submissions = Rate{N: 2, Per: time.Hour}; c.RealIPHeader = "X-Real-IP" })
	send := func(addr string) int {
		tok := ts.token(t)
		ts.clock.advance(4 * time.Second)
		return ts.send(t, post{body: form(tok).Encode(), headers: map[string]string{"X-Real-IP": addr, "Accept": "application/json"}}).StatusCode
	}
	got := []int{send("198.51.100.7"), send("198.51.100.7"), send("198.51.100.7"), send("198.51.100.8"),
		send("2001:db8:1:2::1"), send("2001:db8:1:2::2"), send("2001:db8:1:2::3"), send("2001:db8:1:3::1")}
	want := []int{201, 201, 429, 201, 201, 201, 429, 201} // an IPv6 /64 is one subscriber
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
	ts.clock.advance(time.Hour)
	if s := send("198.51.100.7"); s != 201 {
		t.Errorf("after an hour: %d", s)
	}
	if ts.count(t) != 7 {
		t.Errorf("%d stored, want 7", ts.count(t))
	}
}

// TestTokenRequests: tokens only for the site's origin, rate-limited.
func TestTokenRequests(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Tokens = Rate{N: 1, Per: time.Hour} })
	get := func(origin string) int {
		req, _ := http.NewRequest(http.MethodGet, ts.url, nil)
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Origin", origin)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if s := get("https://evil.example"); s != 403 {
		t.Errorf("another origin: %d", s)
	}
	if s := get(siteOrigin); s != 200 {
		t.Errorf("first: %d", s)
	}
	if s := get(siteOrigin); s != 429 {
		t.Errorf("second within the hour: %d", s)
	}
	res, err := http.Get(ts.url) // a person opening the address
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), "Feedback-Empfang") || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("info page %s %s", res.Status, b)
	}
}

// TestEnglishPages: with Lang en (klartext feedback serve --lang en) the
// receiver's own pages are English: information, confirmation, thanks,
// errors; "" is German, and a language without a translation file is
// refused (TestUnsupportedLanguageIsRefused).
func TestEnglishPages(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Lang = "en" })
	body := func(res *http.Response) string { b, _ := io.ReadAll(res.Body); return string(b) }
	res, err := http.Get(ts.url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if b := body(res); !strings.Contains(b, `<html lang="en">`) || !strings.Contains(b, "Feedback receiver") {
		t.Errorf("information page:\n%s", b)
	}
	v := form("")
	v.Del("redirect")
	if b := body(ts.send(t, post{body: v.Encode()})); !strings.Contains(b, "Please confirm your message") || !strings.Contains(b, "Send the message") {
		t.Errorf("confirmation page:\n%s", b)
	}
	v = form(ts.token(t))
	v.Del("redirect")
	ts.clock.advance(4 * time.Second)
	if b := body(ts.send(t, post{body: v.Encode()})); !strings.Contains(b, "Thank you for your feedback") {
		t.Errorf("thank-you page:\n%s", b)
	}
	v.Set("costs", "9")
	if b := body(ts.send(t, post{body: v.Encode()})); !strings.Contains(b, "Nothing was stored.") || !strings.Contains(b, "Back to the site") {
		t.Errorf("error page:\n%s", b)
	}
}

func TestConfig(t *testing.T) {
	st, err := feedbackstore.Open(filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, c := range []Config{
		{Origin: "www.example-bank.test", MinFill: time.Second, MaxAge: time.Hour},
		{Origin: "ftp://x.test", MinFill: time.Second, MaxAge: time.Hour},
		{Origin: siteOrigin, MinFill: time.Hour, MaxAge: time.Second},
		{Origin: siteOrigin, Path: "submit", MinFill: time.Second, MaxAge: time.Hour},
	} {
		if _, err := New(c, st); err == nil {
			t.Errorf("accepted %+v", c)
		}
	}
}

// TestGracefulShutdown: messages under way when the server is told to stop
// are answered and stored; every acknowledged one is in the database.
func TestGracefulShutdown(t *testing.T) {
	st, err := feedbackstore.Open(filepath.Join(t.TempDir(), "feedback.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := New(Config{Origin: siteOrigin, MinFill: 0, MaxAge: time.Hour, Now: time.Now}, st)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln, 5*time.Second) }()
	addr := "http://" + ln.Addr().String() + DefaultPath
	var acked atomic.Int64
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; ; j++ {
				tok, err := s.tokens.Issue(time.Now())
				if err != nil {
					return
				}
				v := form(tok)
				v.Set("comment", fmt.Sprintf("c%d-%d", i, j))
				req, _ := http.NewRequest(http.MethodPost, addr, strings.NewReader(v.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Origin", siteOrigin)
				req.Header.Set("Accept", "application/json")
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					return // the server stopped
				}
				res.Body.Close()
				if res.StatusCode == http.StatusCreated {
					acked.Add(1)
				}
				if j == 30 {
					return
				}
			}
		}()
	}
	time.Sleep(50 * time.Millisecond)
	cancel()
	if err := <-served; err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	ms, err := st.List(context.Background(), feedbackstore.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(ms)) < acked.Load() {
		t.Errorf("%d acknowledged, %d stored", acked.Load(), len(ms))
	}
	t.Logf("%d acknowledged before and during the shutdown, %d stored", acked.Load(), len(ms))
}

// TestUnsupportedLanguageIsRefused: --lang fr starts no receiver with
// pages in another language; the error names the language and the file.
func TestUnsupportedLanguageIsRefused(t *testing.T) {
	st, err := feedbackstore.Open(filepath.Join(t.TempDir(), "feedback.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, err = New(Config{Origin: siteOrigin, MinFill: time.Second, MaxAge: time.Hour, Lang: "fr"}, st)
	if err == nil || !strings.Contains(err.Error(), "--lang: the language fr is not supported") || !strings.Contains(err.Error(), "i18n/fr.yaml") {
		t.Errorf("New with Lang fr = %v", err)
	}
}
