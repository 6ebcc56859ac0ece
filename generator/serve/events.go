package serve

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klartext/klartext/generator/diag"
)

// event is one Server-Sent Event.
type event struct {
	name string
	data []byte // one line of JSON
}

func (e event) writeTo(w io.Writer) error {
	_, err := io.WriteString(w, "event: "+e.name+"\ndata: "+string(e.data)+"\n\n")
	return err
}

// reloadData is the payload of "reload".
type reloadData struct {
	URLs []string `json:"urls"`
	CSS  bool     `json:"css"` // only stylesheets changed: swap them, keep the page
	All  bool     `json:"all"` // the page is older than the output: reload whatever it is
}

// errorData is the payload of "error".
type errorData struct {
	Diagnostics []diag.JSON `json:"diagnostics"`
	// Lang is the language of the messages ("de", "en"), which
	// Server.Publish localized them to.
	Lang string `json:"lang"`
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs are marshalled
	}
	return b
}

func errorEvent(ds []diag.Diagnostic, lang string) event {
	d := errorData{Lang: lang}
	// Errors first, then warnings, each in the builder's order.
	for _, sev := range []diag.Severity{diag.Error, diag.Warning} {
		for _, x := range ds {
			if x.Severity == sev {
				d.Diagnostics = append(d.Diagnostics, x.JSON())
			}
		}
	}
	if d.Diagnostics == nil {
		d.Diagnostics = []diag.JSON{{Severity: "error", Message: diag.Sprintf(lang, "the build failed without saying why")}}
	}
	return event{name: "error", data: mustJSON(d)}
}

func reloadEvent(urls []string, all bool) event {
	css := len(urls) > 0 && !all
	for _, u := range urls {
		if !strings.HasSuffix(strings.ToLower(stripQuery(u)), ".css") {
			css = false
		}
	}
	if urls == nil {
		urls = []string{}
	}
	return event{name: "reload", data: mustJSON(reloadData{URLs: urls, CSS: css, All: all})}
}

func stripQuery(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		return u[:i]
	}
	return u
}

var okEvent = event{name: "ok", data: []byte("{}")}

// hub remembers the last build's state and fans events out to the
// connected browsers.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]struct{}
	nonce   string // differs per server process, so pages from before a restart reload
	gen     int    // counts good builds that changed output
	failed  *event // the last build's error event; nil when it was good
	closed  bool
}

func newHub() *hub {
	b := make([]byte, 4)
	rand.Read(b)
	return &hub{clients: map[chan event]struct{}{}, nonce: hex.EncodeToString(b)}
}

func (h *hub) buildID() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.nonce + "-" + strconv.Itoa(h.gen)
}

// subscribe registers a browser. build is the build the page was served
// from ("" when unknown); the returned events bring the browser up to date.
func (h *hub) subscribe(build string) (chan event, []event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, nil
	}
	ch := make(chan event, 16)
	h.clients[ch] = struct{}{}
	var first []event
	if h.failed != nil {
		first = append(first, *h.failed)
	} else {
		first = append(first, okEvent)
	}
	if build != "" && build != h.nonce+"-"+strconv.Itoa(h.gen) {
		first = append(first, reloadEvent(nil, true))
	}
	return ch, first
}

func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[ch]; ok {
		delete(h.clients, ch)
		close(ch)
	}
}

// broadcast sends to every client; one that does not keep up is dropped
// (its stream ends and the browser's EventSource reconnects).
func (h *hub) broadcast(evs ...event) {
	for ch := range h.clients {
		for _, e := range evs {
			select {
			case ch <- e:
			default:
				delete(h.clients, ch)
				close(ch)
			}
			if _, ok := h.clients[ch]; !ok {
				break
			}
		}
	}
}

// publish records a build result and tells the browsers.
func (h *hub) publish(res Result, lang string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if failed(res) {
		e := errorEvent(res.Diagnostics, lang)
		h.failed = &e
		h.broadcast(e)
		return
	}
	h.failed = nil
	evs := []event{okEvent}
	if len(res.ChangedURLs) > 0 {
		h.gen++
		evs = append(evs, reloadEvent(res.ChangedURLs, false))
	}
	h.broadcast(evs...)
}

// close ends all streams; http.Server.Shutdown would otherwise wait for
// them forever.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.clients {
		delete(h.clients, ch)
		close(ch)
	}
}

func failed(res Result) bool {
	if res.Failed {
		return true
	}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

// events serves the Server-Sent Events stream.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	// The stream outlives the server's write timeout, and the read
	// deadline would cancel the request's context when it passes.
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{})
	_ = rc.SetReadDeadline(time.Time{})

	ch, first := s.hub.subscribe(r.URL.Query().Get("build"))
	if ch == nil {
		s.plainError(w, http.StatusServiceUnavailable, "503 shutting down")
		return
	}
	defer s.hub.unsubscribe(ch)

	w.WriteHeader(http.StatusOK)
	if _, err := io.WriteString(w, "retry: 1000\n\n"); err != nil {
		return
	}
	for _, e := range first {
		if e.writeTo(w) != nil {
			return
		}
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(s.keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e, ok := <-ch:
			if !ok {
				return
			}
			if e.writeTo(w) != nil || rc.Flush() != nil {
				return
			}
		case <-tick.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}
