// Package feedbackserver is the receiver of the site's plain feedback form
// (klartext feedback serve): it accepts exactly the fields the published
// form has (feedback.FormFields), from the site's origin only, stores each
// message durably (package feedbackstore) before it answers, and sends the
// reader to the thank-you page.
//
// Against spam and abuse, and without a cookie: a honeypot field; a
// minimum fill time, measured with a signed token (token.go) that the
// site's script fetches when the reader begins, or that a confirmation
// page carries when the form came without one; a token delivers one
// message; per-address rate limits on salted hashes (ratelimit.go); size
// limits derived from the form; a strict Origin (or Referer) check.
//
// Nothing personal is kept but the e-mail address a reader gives for a
// reply, stored apart and purged after a set time; addresses are never
// written or logged.
package feedbackserver

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klartext/klartext/generator/feedback"
	"github.com/klartext/klartext/generator/feedbackstore"
	"github.com/klartext/klartext/generator/i18n"
)

// Config is the receiver's settings (the flags of klartext feedback serve).
type Config struct {
	// Origin is the site's base URL (scheme://host[:port][/path]); forms
	// are accepted from its origin only, and a redirect must lead there.
	Origin string
	// Path is where the form posts, as the receiver sees it ("/submit").
	Path string
	// MinFill is the least time between the start and the sending of a
	// form; MaxAge how long a start stays valid.
	MinFill, MaxAge time.Duration
	// Submissions and Tokens limit each address's form posts and token
	// requests.
	Submissions, Tokens Rate
	// KeepEmail is how long an e-mail address is kept for a reply.
	KeepEmail time.Duration
	// RealIPHeader names the header (e.g. X-Real-IP or X-Forwarded-For)
	// that carries the reader's address when the request comes from a
	// reverse proxy on loopback; "" uses the connection's address.
	RealIPHeader string
	// Lang is the language of the receiver's own pages: one the built-in
	// theme has a translation file for (de, en); "" is de, another an
	// error.
	Lang string
	// Now is the clock (tests); nil is time.Now.
	Now func() time.Time
	// Log receives start, stop and storage errors; never an address.
	Log *log.Logger
}

// Defaults for Config.
const (
	DefaultPath      = "/submit"
	DefaultMinFill   = 3 * time.Second
	DefaultMaxAge    = 24 * time.Hour
	DefaultKeepEmail = 90 * 24 * time.Hour
)

// Server is a configured receiver. Run its writer with Run; serve Handler.
type Server struct {
	cfg         Config
	words       *i18n.Catalog // the pages' words, the keys receiver_*
	origin      string        // scheme://host[:port] of cfg.Origin
	scheme      string
	store       *feedbackstore.Store
	tokens      Tokens
	submissions *limiter
	tokenAsks   *limiter
	queue       chan pending
	done        chan struct{}
	closing     sync.RWMutex // held for reading while a handler queues
	closed      bool
}

// tokenKeyName is the name of the signing key in the database.
const tokenKeyName = "form-token-key"

// New checks cfg and prepares a server on store.
func New(cfg Config, store *feedbackstore.Store) (*Server, error) {
	u, err := url.Parse(cfg.Origin)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("--origin %q is not the site's address (e.g. https://www.example-bank.de)", cfg.Origin)
	}
	if cfg.Path == "" {
		cfg.Path = DefaultPath
	}
	if !strings.HasPrefix(cfg.Path, "/") {
		return nil, fmt.Errorf("--path %q must start with /", cfg.Path)
	}
	if cfg.MaxAge <= cfg.MinFill {
		return nil, fmt.Errorf("--max-age %s must be longer than --min-fill %s", cfg.MaxAge, cfg.MinFill)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = log.New(io.Discard, "", 0)
	}
	if cfg.Lang == "" {
		cfg.Lang = "de"
	}
	words, err := i18n.Builtin(cfg.Lang) // a language without a translation file is an error
	if err != nil {
		return nil, fmt.Errorf("--lang: %w", err)
	}
	cfg.Lang = words.Lang()
	key, err := store.Secret(context.Background(), tokenKeyName, randomBytes)
	if err != nil {
		return nil, fmt.Errorf("the token key: %w", err)
	}
	salt, err := randomBytes() // in memory only: see limiter
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:         cfg,
		words:       words,
		origin:      strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host),
		scheme:      strings.ToLower(u.Scheme),
		store:       store,
		tokens:      Tokens{Key: key, MinAge: cfg.MinFill, MaxAge: cfg.MaxAge},
		submissions: newLimiter(cfg.Submissions, salt),
		tokenAsks:   newLimiter(cfg.Tokens, salt[16:]),
		queue:       make(chan pending, queueLen),
		done:        make(chan struct{}),
	}
	return s, nil
}

func randomBytes() ([]byte, error) {
	b := make([]byte, 32)
	_, err := rand.Read(b)
	return b, err
}

// queueLen bounds the messages waiting for the writer; beyond it the
// receiver answers 503 rather than queue without end.
const queueLen = 4096

// maxBatch is the most messages one commit takes.
const maxBatch = 256

type pending struct {
	msg  feedbackstore.NewMessage
	done chan error
}

// Run is the one writer: it takes the messages the handlers queued and
// commits what arrived while the previous commit ran in one transaction
// (one fsync), then tells each handler. It returns when Close was called
// and the queue is empty.
func (s *Server) Run() {
	defer close(s.done)
	for p := range s.queue {
		batch := []pending{p}
	collect:
		for len(batch) < maxBatch {
			select {
			case q, ok := <-s.queue:
				if !ok {
					break collect
				}
				batch = append(batch, q)
			default:
				break collect
			}
		}
		msgs := make([]feedbackstore.NewMessage, len(batch))
		for i, b := range batch {
			msgs[i] = b.msg
		}
		_, errs, err := s.store.AddBatch(context.Background(), msgs)
		if err != nil {
			s.cfg.Log.Printf("storing %d messages failed: %v", len(batch), err)
		}
		for i, b := range batch {
			if err != nil {
				b.done <- err
			} else {
				b.done <- errs[i]
			}
		}
	}
}

// Close stops the writer once the queued messages are stored; call it
// after the HTTP server stopped handing in new ones.
func (s *Server) Close() {
	s.closing.Lock()
	if !s.closed {
		s.closed = true
		close(s.queue)
	}
	s.closing.Unlock()
	<-s.done
}

// store hands a message to the writer and waits until it is committed.
func (s *Server) storeMessage(ctx context.Context, m feedbackstore.NewMessage) error {
	p := pending{msg: m, done: make(chan error, 1)}
	s.closing.RLock()
	if s.closed {
		s.closing.RUnlock()
		return errBusy // a request that outlived the shutdown's grace
	}
	select {
	case s.queue <- p:
	default:
		s.closing.RUnlock()
		return errBusy
	}
	s.closing.RUnlock()
	select {
	case err := <-p.done:
		return err
	case <-ctx.Done():
		return ctx.Err() // the writer may still store it; the reader is gone
	}
}

var errBusy = errors.New("the receiver is busy")

// Handler serves the form's path: GET for a token (Accept:
// application/json) or a short description, POST for a message.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(s.cfg.Path, func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'none'; form-action 'self' "+s.origin+"; frame-ancestors 'none'; base-uri 'none'")
		h.Set("Vary", "Origin, Accept")
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			s.get(w, r)
		case http.MethodPost:
			s.post(w, r)
		default:
			h.Set("Allow", "GET, HEAD, POST")
			s.fail(w, r, http.StatusMethodNotAllowed, "method", "", "only GET and POST")
		}
	})
	return mux
}

func wantsJSON(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		if mt, _, _ := mime.ParseMediaType(strings.TrimSpace(part)); mt == "application/json" {
			return true
		}
	}
	return false
}

// get answers the site's script with a token (CORS for the site's origin
// only), anything else with a page that says what this is.
func (s *Server) get(w http.ResponseWriter, r *http.Request) {
	if !wantsJSON(r) {
		s.page(w, http.StatusOK, pageInfo, nil)
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != s.origin {
		s.fail(w, r, http.StatusForbidden, "origin", "", "tokens are only for "+s.origin)
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", s.origin)
	if ok, wait := s.tokenAsks.allow(s.clientAddr(r), s.cfg.Now()); !ok {
		s.tooMany(w, r, wait)
		return
	}
	tok, err := s.tokens.Issue(s.cfg.Now())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "internal", "", "no token")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"token": tok, "min_fill_seconds": s.cfg.MinFill.Seconds()})
}

// checkOrigin: the browser's Origin header must be the site's (or this
// receiver's own, for its confirmation page); without one, the Referer
// must lie on either. Neither: refused.
func (s *Server) checkOrigin(r *http.Request) bool {
	self := s.scheme + "://" + strings.ToLower(r.Host)
	if o := r.Header.Get("Origin"); o != "" {
		return o == s.origin || o == self
	}
	ref := r.Header.Get("Referer")
	for _, ok := range []string{s.origin, self} {
		if ref == ok || strings.HasPrefix(ref, ok+"/") {
			return true
		}
	}
	return false
}

func (s *Server) post(w http.ResponseWriter, r *http.Request) {
	if !s.checkOrigin(r) {
		s.fail(w, r, http.StatusForbidden, "origin", "", "the form is accepted from "+s.origin+" only")
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", s.origin)
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		s.fail(w, r, http.StatusUnsupportedMediaType, "content-type", "", "send the form as application/x-www-form-urlencoded")
		return
	}
	limit := int64(feedback.MaxBodyBytes())
	if r.ContentLength > limit {
		s.fail(w, r, http.StatusRequestEntityTooLarge, "too-large", "", fmt.Sprintf("the form is larger than %d bytes", limit))
		return
	}
	now := s.cfg.Now()
	if ok, wait := s.submissions.allow(s.clientAddr(r), now); !ok {
		s.tooMany(w, r, wait)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.fail(w, r, http.StatusRequestEntityTooLarge, "too-large", "", fmt.Sprintf("the form is larger than %d bytes", limit))
			return
		}
		s.fail(w, r, http.StatusBadRequest, "body", "", "the form could not be read")
		return
	}
	values, err := url.ParseQuery(string(body))
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "encoding", "", "the form is not validly urlencoded")
		return
	}
	sub, ferr := feedback.ParseSubmission(values)
	if ferr != nil {
		s.fail(w, r, http.StatusBadRequest, ferr.Code, ferr.Field, ferr.Message)
		return
	}
	if sub.Redirect != "" && !s.onSite(sub.Redirect) {
		s.fail(w, r, http.StatusBadRequest, feedback.CodeInvalidValue, feedback.FieldRedirect, "the thank-you page must be on "+s.origin)
		return
	}
	if sub.Token == "" {
		s.confirm(w, r, sub, now, "")
		return
	}
	nonce, issued, err := s.tokens.Check(sub.Token, now)
	var young *TooYoung
	switch {
	case errors.As(err, &young):
		if wantsJSON(r) {
			w.Header().Set("Retry-After", strconv.Itoa(int(young.Wait.Seconds())+1))
			s.fail(w, r, http.StatusUnprocessableEntity, "too-fast", feedback.FieldToken, young.Error())
			return
		}
		s.confirm(w, r, sub, now, sub.Token) // the same token is good once the time has passed
		return
	case errors.Is(err, ErrTokenExpired):
		if wantsJSON(r) {
			s.fail(w, r, http.StatusBadRequest, "token-expired", feedback.FieldToken, err.Error())
			return
		}
		s.confirm(w, r, sub, now, "")
		return
	case err != nil:
		s.fail(w, r, http.StatusBadRequest, "token-invalid", feedback.FieldToken, err.Error())
		return
	}
	err = s.storeMessage(r.Context(), feedbackstore.NewMessage{Sub: sub, Received: now, Nonce: nonce,
		NonceExpires: issued.Add(s.cfg.MaxAge), EmailPurge: now.Add(s.cfg.KeepEmail)})
	switch {
	case errors.Is(err, feedbackstore.ErrReplayed):
		s.fail(w, r, http.StatusConflict, "replayed", feedback.FieldToken, "this form was sent before; the message is stored once")
		return
	case errors.Is(err, errBusy):
		w.Header().Set("Retry-After", "5")
		s.fail(w, r, http.StatusServiceUnavailable, "busy", "", err.Error())
		return
	case err != nil:
		s.fail(w, r, http.StatusServiceUnavailable, "storage", "", "the message could not be stored; please try again later")
		return
	}
	if wantsJSON(r) {
		writeJSON(w, http.StatusCreated, map[string]string{"status": "stored"})
		return
	}
	if sub.Redirect != "" {
		http.Redirect(w, r, sub.Redirect, http.StatusSeeOther)
		return
	}
	s.page(w, http.StatusOK, pageThanks, nil)
}

// onSite reports whether u is an address on the site's origin.
func (s *Server) onSite(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && strings.ToLower(u.Scheme)+"://"+strings.ToLower(u.Host) == s.origin && u.User == nil
}

// confirm answers a form without a usable token with a page that shows
// the message and asks the reader to send it again, carrying the fields and
// a token (a new one, or the given one when it only was too young). JSON
// clients get 400 with a token to use.
func (s *Server) confirm(w http.ResponseWriter, r *http.Request, sub feedback.Submission, now time.Time, tok string) {
	if tok == "" {
		var err error
		if tok, err = s.tokens.Issue(now); err != nil {
			s.fail(w, r, http.StatusInternalServerError, "internal", "", "no token")
			return
		}
	}
	if wantsJSON(r) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "token-missing", "field": feedback.FieldToken,
			"message": "fetch a token with GET and Accept: application/json, or use this one", "token": tok})
		return
	}
	s.page(w, http.StatusOK, pageConfirm, confirmData(sub, tok))
}

func (s *Server) tooMany(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
	s.fail(w, r, http.StatusTooManyRequests, "rate-limited", "", "too many messages from this address; please wait a little")
}

// fail answers an error: JSON when asked for, else a page; 4xx store
// nothing.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, code, field, msg string) {
	if wantsJSON(r) {
		writeJSON(w, status, map[string]string{"error": code, "field": field, "message": msg})
		return
	}
	s.page(w, status, pageError, errorData{Status: status, Field: field, Message: msg, Back: s.origin + "/"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// clientAddr is the reader's address: the connection's, or the proxy's
// header when the connection comes from loopback and a header is named.
func (s *Server) clientAddr(r *http.Request) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return netip.IPv4Unspecified()
	}
	if s.cfg.RealIPHeader != "" && peer.IsLoopback() {
		v := r.Header.Get(s.cfg.RealIPHeader)
		if i := strings.LastIndexByte(v, ','); i >= 0 {
			v = v[i+1:] // X-Forwarded-For: the address the proxy itself added
		}
		if a, err := netip.ParseAddr(strings.TrimSpace(v)); err == nil {
			return a
		}
	}
	return peer
}
