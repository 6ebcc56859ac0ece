package main

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/klartext/klartext/generator/incremental"
	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/serve"
	"github.com/klartext/klartext/generator/watch"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts pipeline.Options
	fs.StringVar(&opts.Source, "source", ".", "the site's root `folder` (holds content/)")
	baseURLFlag(fs, &opts.BaseURL)
	bind := fs.String("bind", serve.DefaultBind, "the `address` to listen on; keep 127.0.0.1 unless you know why")
	port := fs.Int("port", serve.DefaultPort, "the `port` to listen on")
	fs.BoolVar(&opts.Drafts, "drafts", true, "include pages with draft: true")
	fs.BoolVar(&opts.Future, "future", true, "include pages dated in the future")
	fs.BoolVar(&opts.AllowStale, "allow-stale", true, "show pages past valid_until (with a warning)")
	lang := langFlag(fs, "the messages, in the terminal and in the browser's error overlay")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: klartext serve [flags]\n\nBuilds the site into a temporary folder, serves it, and rebuilds and reloads\nthe browser when a file under content/ or themes/ changes. A failed build\nkeeps the last good site and shows the error in the browser.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if msg := notASite(opts.Source, messageLanguage(*lang, nil)); msg != "" {
		fmt.Fprintln(stderr, "klartext serve:", msg)
		return 1
	}
	tmp, err := os.MkdirTemp("", "klartext-serve-")
	if err != nil {
		fmt.Fprintln(stderr, "klartext serve:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	opts.Dest = filepath.Join(tmp, "public")
	var roots []string
	for _, d := range []string{"content", "themes"} {
		if fi, err := os.Stat(filepath.Join(opts.Source, d)); err == nil && fi.IsDir() {
			roots = append(roots, filepath.Join(opts.Source, d))
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = serve.Run(ctx, serve.Options{Bind: *bind, Port: *port, Dir: opts.Dest,
		Builder: newSiteBuilder(opts), WatchRoots: roots, Debounce: watch.DefaultDebounce, Log: stdout, Lang: *lang})
	if err != nil {
		fmt.Fprintln(stderr, "klartext serve:", err)
		return 1
	}
	return 0
}

// siteBuilder adapts a build session to the dev server: a change to the
// body of a page re-renders that page only; everything else rebuilds the
// site (see incremental.Session). It reports the URLs whose output changed, so
// only the affected tabs reload.
type siteBuilder struct {
	session *incremental.Session
	dest    string
	hashes  map[string][32]byte
}

func newSiteBuilder(opts pipeline.Options) *siteBuilder {
	return &siteBuilder{session: incremental.NewSession(opts), dest: opts.Dest}
}

func (b *siteBuilder) Build(ctx context.Context, changed []string) (serve.Result, error) {
	res, inc, err := b.session.Build(changed)
	if err != nil {
		return serve.Result{Failed: true}, err
	}
	out := serve.Result{Diagnostics: res.Diagnostics.All(), Failed: res.Diagnostics.HasErrors(), Pages: res.Pages}
	if res.Site != nil {
		out.BasePath, out.Language = res.Site.Config.BasePath(), res.Site.Config.Language
	}
	if out.Failed {
		return out, nil
	}
	if !inc.Full {
		out.ChangedURLs = inc.Written
		// Keep the hashes current, so the next full build compares with
		// what the browser shows.
		for _, u := range inc.Written {
			file := filepath.Join(b.dest, filepath.FromSlash(u))
			if strings.HasSuffix(u, "/") {
				file = filepath.Join(file, "index.html")
			}
			if data, err := os.ReadFile(file); err == nil && b.hashes != nil {
				b.hashes[u] = sha256.Sum256(data)
			}
		}
		return out, nil
	}
	hashes := map[string][32]byte{}
	_ = filepath.WalkDir(b.dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(b.dest, p)
		u := strings.TrimSuffix("/"+filepath.ToSlash(rel), "index.html")
		hashes[u] = sha256.Sum256(data)
		return nil
	})
	for u, h := range hashes {
		if old, ok := b.hashes[u]; !ok || old != h {
			out.ChangedURLs = append(out.ChangedURLs, u)
		}
	}
	for u := range b.hashes {
		if _, ok := hashes[u]; !ok {
			out.ChangedURLs = append(out.ChangedURLs, u)
		}
	}
	sort.Strings(out.ChangedURLs)
	b.hashes = hashes
	return out, nil
}
