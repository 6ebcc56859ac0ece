package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/serve"
	"github.com/klartext/klartext/generator/sitetest"
)

// copyDemo copies the demo site's content into a new site root.
func copyDemo(t *testing.T) string { return sitetest.CopyDemo(t, filepath.Join("..", "..")) }

// sse reads server-sent events into a channel of "event: data" strings.
func sse(t *testing.T, ctx context.Context, url string) <-chan string {
	t.Helper()
	events := sseQuiet(ctx, url)
	if events == nil {
		t.Fatalf("cannot connect to %s", url)
	}
	return events
}

// await returns the first event with the prefix, failing after a generous
// limit (a guard against hanging, not a timing assertion).
func await(t *testing.T, events <-chan string, prefix string) string {
	t.Helper()
	limit := time.After(60 * time.Second)
	for {
		select {
		case e, ok := <-events:
			if !ok {
				t.Fatalf("event stream closed while waiting for %q", prefix)
			}
			if strings.HasPrefix(e, prefix) {
				return e
			}
		case <-limit:
			t.Fatalf("no %q event", prefix)
		}
	}
}

// eventually polls until the page at url does (or does not) contain text,
// failing after a generous limit.
func eventually(t *testing.T, url, text string, want bool) {
	t.Helper()
	for limit := time.Now().Add(60 * time.Second); strings.Contains(get(t, url), text) != want; {
		if time.Now().After(limit) {
			t.Fatalf("%s: containing %q is still %v", url, text, !want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// atomicSave writes a file the way editors do: a temporary file, then a
// rename over the original.
func atomicSave(t *testing.T, path, content string) {
	t.Helper()
	tmp := path + ".tmp~"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func TestServeReloadsAndShowsErrors(t *testing.T) {
	root := copyDemo(t)
	opts := pipeline.Options{Source: root, Dest: filepath.Join(t.TempDir(), "public"), AllowStale: true}
	srv, err := serve.New(serve.Options{Port: 0, Dir: opts.Dest, Builder: newSiteBuilder(opts),
		WatchRoots: []string{filepath.Join(root, "content")}, Debounce: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() { cancel(); <-done }()
	if !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") {
		t.Fatalf("not on loopback: %s", srv.URL())
	}
	page := srv.URL() + "products/etf-sparplan-welt/"
	eventually(t, page, "ETF-Sparplan", true)
	events := sse(t, ctx, srv.URL()+"_klartext/events")
	await(t, events, "ok")
	// Drain what the server replays on connecting.
	for drained := false; !drained; {
		select {
		case <-events:
		case <-time.After(300 * time.Millisecond):
			drained = true
		}
	}

	file := filepath.Join(root, "content", "products", "etf-sparplan-welt.md")
	orig, _ := os.ReadFile(file)
	// 1. An edit of the body: the new text is served and a reload sent.
	atomicSave(t, file, strings.Replace(string(orig), "\n## ", "\nEin ganz neuer Satz im Text.\n\n## ", 1))
	e := await(t, events, "reload")
	if !strings.Contains(e, "/products/etf-sparplan-welt/") {
		t.Errorf("reload does not name the page: %s", e)
	}
	eventually(t, page, "Ein ganz neuer Satz im Text.", true)
	// 2. Broken front matter: an error event with file and line, and the
	// last good page still served.
	atomicSave(t, file, strings.Replace(string(orig), "product: etf-sparplan-welt", "product: [unclosed", 1))
	e = await(t, events, "error")
	if !strings.Contains(e, "etf-sparplan-welt.md") || !strings.Contains(e, `"line":`) {
		t.Errorf("error event lacks file and line: %s", e)
	}
	if !strings.Contains(get(t, page), "Ein ganz neuer Satz im Text.") {
		t.Error("the last good page is not served while the build fails")
	}
	// 3. Fixed: the overlay is cleared and the page reloads.
	atomicSave(t, file, string(orig))
	await(t, events, "ok")
	await(t, events, "reload")
	eventually(t, page, "Ein ganz neuer Satz im Text.", false)
}

func getQuiet(url string) string {
	resp, err := http.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// sseQuiet reads server-sent events into a channel of "event: data"
// strings; nil when it cannot connect.
func sseQuiet(ctx context.Context, url string) <-chan string {
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil
	}
	events := make(chan string, 64)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var event string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				events <- event + ": " + strings.TrimPrefix(line, "data: ")
			}
		}
		close(events)
	}()
	return events
}

func drain(events <-chan string, quiet time.Duration) {
	for {
		select {
		case <-events:
		case <-time.After(quiet):
			return
		}
	}
}
