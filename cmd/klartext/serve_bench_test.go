package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/serve"
	"github.com/klartext/klartext/themes"
)

// BenchmarkEditToReload measures the time from an editor's save (temp file
// and rename) of one product explainer to the reload event, on a copy of
// the site KLARTEXT_BENCH_SITE names (the shared corpus: gencorpus
// -products 5000), which stays as it is.
//
//	KLARTEXT_BENCH_SITE=/dev/shm/corpus go test -run '^$' -bench EditToReload ./cmd/klartext
func BenchmarkEditToReload(b *testing.B) {
	site := benchCopy(b)
	file := firstPage(b, site, "products")
	benchEdit(b, site, file, `<article class="product"`, func(orig string, i int) string {
		return strings.Replace(orig, "\n## ", fmt.Sprintf("\nÄnderung %d.\n\n## ", i), 1)
	}, func(string) string { return "/products/" + strings.TrimSuffix(filepath.Base(file), ".md") + "/" })
}

// benchServer serves site as klartext serve does until the benchmark
// ends, waits for the first build (page shows marker) and returns the
// live-reload events, drained.
func benchServer(b *testing.B, site, page, marker string) <-chan string {
	b.Helper()
	opts := pipeline.Options{Source: site, Dest: filepath.Join(b.TempDir(), "public"), AllowStale: true, Future: true}
	roots := []string{filepath.Join(site, "content")}
	if _, err := os.Stat(filepath.Join(site, "themes")); err == nil {
		roots = append(roots, filepath.Join(site, "themes")) // as klartext serve watches it
	}
	srv, err := serve.New(serve.Options{Port: 0, Dir: opts.Dest, Builder: newSiteBuilder(opts),
		WatchRoots: roots, Debounce: 10 * time.Millisecond, Log: benchLog()})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	b.Cleanup(func() { cancel(); <-done })
	for limit := time.Now().Add(10 * time.Minute); !strings.Contains(getQuiet(srv.URL()+page[1:]), marker); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(limit) {
			b.Fatal("the first build did not finish")
		}
	}
	events := sseQuiet(ctx, srv.URL()+"_klartext/events")
	drain(events, 500*time.Millisecond)
	return events
}

func benchLog() io.Writer {
	if os.Getenv("KLARTEXT_BENCH_LOG") != "" {
		return os.Stderr
	}
	return nil
}

// BenchmarkEditToReloadDataRow measures a save of products.csv with one
// row changed (the first product's moderate scenario) until the reload
// event names the product's page, on a copy of KLARTEXT_BENCH_SITE.
func BenchmarkEditToReloadDataRow(b *testing.B) {
	site := benchCopy(b)
	file := filepath.Join(site, "content", "data", "products.csv")
	benchEdit(b, site, file, `<article class="product"`, func(orig string, i int) string {
		lines := strings.SplitN(orig, "\n", 3)
		cells := strings.Split(lines[1], ",")
		cells[len(cells)-2] = fmt.Sprintf("%d.%02d", 6+i%2, i%100) // scenario_moderate_pct
		lines[1] = strings.Join(cells, ",")
		return strings.Join(lines, "\n")
	}, func(orig string) string {
		return "/products/" + strings.SplitN(strings.SplitN(orig, "\n", 3)[1], ",", 2)[0] + "/"
	})
}

// BenchmarkEditToReloadFrontMatter measures a save of a story whose title
// changed until the reload event names the story, on a copy of
// KLARTEXT_BENCH_SITE.
func BenchmarkEditToReloadFrontMatter(b *testing.B) {
	site := benchCopy(b)
	file := firstPage(b, site, "stories")
	benchEdit(b, site, file, `<article class="story">`, func(orig string, i int) string {
		return strings.Replace(orig, "\ntitle: \"", fmt.Sprintf("\ntitle: \"Änderung %d: ", i), 1)
	}, func(string) string { return "/stories/" + strings.TrimSuffix(filepath.Base(file), ".md") + "/" })
}

// BenchmarkEditToReloadPartial measures a save of a partial that only
// the story pages run (the site's own story layout calls it) until the
// reload event names the first story, on a copy of KLARTEXT_BENCH_SITE
// given that layout and partial: every story page is rendered again, no
// other page.
func BenchmarkEditToReloadPartial(b *testing.B) {
	site := benchCopy(b)
	layouts := filepath.Join(site, "themes", "klartext", "layouts")
	story, err := fs.ReadFile(themes.Default, "klartext/layouts/stories/single.html")
	if err != nil {
		b.Fatal(err)
	}
	partial := filepath.Join(layouts, "partials", "story-note.html")
	for p, data := range map[string]string{
		filepath.Join(layouts, "stories", "single.html"): strings.Replace(string(story), "</article>", `{{template "partials/story-note.html" .}}</article>`, 1),
		partial: `<p class="story-note">Erzählt wie erlebt.</p>`,
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	first := firstPage(b, site, "stories")
	benchEdit(b, site, partial, `<p class="story-note">`, func(orig string, i int) string {
		return fmt.Sprintf(`<p class="story-note">Erzählt wie erlebt, zum %d.</p>`, i)
	}, func(string) string { return "/stories/" + strings.TrimSuffix(filepath.Base(first), ".md") + "/" })
}

// firstPage is the first Markdown page of section in site, by name.
func firstPage(b *testing.B, site, section string) string {
	matches, _ := filepath.Glob(filepath.Join(site, "content", section, "*.md"))
	for _, m := range matches {
		if !strings.HasSuffix(m, "_index.md") {
			return m
		}
	}
	b.Fatalf("no page in %s", section)
	return ""
}

// benchCopy copies the site KLARTEXT_BENCH_SITE names into a temporary
// folder, which the benchmark may change.
func benchCopy(b *testing.B) string {
	src := os.Getenv("KLARTEXT_BENCH_SITE")
	if src == "" {
		b.Skip("set KLARTEXT_BENCH_SITE to a generated corpus")
	}
	dst := filepath.Join(b.TempDir(), "site")
	if out, err := exec.Command("cp", "-r", src, dst).CombinedOutput(); err != nil {
		b.Fatalf("copying the site: %v %s", err, out)
	}
	return dst
}

// benchEdit saves file as change makes it (temp file and rename) and waits
// for the reload event that names the page url gives. The timer starts
// once that page shows marker, which must be the site's (the server's own
// 404 page, served until the first build is in, has an <h1>).
func benchEdit(b *testing.B, site, file, marker string, change func(orig string, i int) string, url func(orig string) string) {
	raw, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	orig := string(raw)
	page := url(orig)
	events := benchServer(b, site, page, marker)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tmp := file + ".tmp~"
		os.WriteFile(tmp, []byte(change(orig, i)), 0o644)
		os.Rename(tmp, file)
		for e := range events {
			if strings.HasPrefix(e, "reload") && strings.Contains(e, page) {
				break
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/save")
}
