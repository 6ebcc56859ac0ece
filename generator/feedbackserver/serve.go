package feedbackserver

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"regexp"
	"time"
)

// addressRE matches IPv4 and IPv6 addresses (written with :: or in full),
// with a port or not.
var addressRE = regexp.MustCompile(`\[?(?:(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|[0-9a-fA-F:]*::[0-9a-fA-F:.]*)\]?(?::\d+)?|\b(?:\d{1,3}\.){3}\d{1,3}\b(?::\d+)?`)

// redacted writes log lines with every address replaced.
type redacted struct{ w io.Writer }

func (r redacted) Write(p []byte) (int, error) {
	if _, err := r.w.Write(addressRE.ReplaceAll(p, []byte("[address]"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Serve serves on ln until ctx is done, then shuts down gracefully: no new
// connections, the requests under way finish (for at most grace), the
// writer stores what they queued, and only then Serve returns. A message
// acknowledged to a reader is on disk before the process ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       20 * time.Second,
		WriteTimeout:      20 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		// net/http names the client's address in some of its messages
		// (a panic, a TLS error): not in this log.
		ErrorLog: log.New(redacted{s.cfg.Log.Writer()}, s.cfg.Log.Prefix(), s.cfg.Log.Flags()),
	}
	go s.Run()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), grace)
		err = hs.Shutdown(sctx)
		cancel()
		if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
			err = e
		}
	}
	s.Close()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
