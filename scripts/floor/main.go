// Command floor is the benchmark's floor: goldmark alone, with the
// extensions of klartext's Markdown (markdown.Extensions), reading every
// Markdown file below a site's content/, rendering its body and writing it
// as <path>/index.html, on as many workers as klartext renders with
// (GOMAXPROCS) — no templates, charts, links checked or index. It is what
// a generator of these pages cannot undercut; scripts/bench.sh prints
// klartext's build time as a multiple of it.
//
//	go run ./scripts/floor -source /dev/shm/klartext-corpus-5000 -dest /dev/shm/floor-out
//
// It reads and writes through package fileio, as klartext does (plain
// system calls, no poller registration), so the two differ in their work,
// not in their I/O.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/i18n"
	"github.com/klartext/klartext/generator/markdown"
)

func main() {
	source := flag.String("source", ".", "the site's root `folder` (holds content/)")
	dest := flag.String("dest", "", "the output `folder` (required; emptied first)")
	lang := flag.String("lang", "de", "the site's language (its typography)")
	flag.Parse()
	if *dest == "" {
		fmt.Fprintln(os.Stderr, "floor: -dest is required")
		os.Exit(2)
	}
	n, err := run(filepath.Join(*source, "content"), *dest, *lang)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Printf("floor: %d pages\n", n)
}

func run(content, dest, lang string) (int, error) {
	var files []string
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	if err := os.RemoveAll(dest); err != nil {
		return 0, err
	}
	words, err := i18n.Builtin(lang)
	if err != nil {
		return 0, err
	}
	md := goldmark.New(goldmark.WithExtensions(markdown.Extensions(words)...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, runtime.GOMAXPROCS(0))
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var out bytes.Buffer
			for i := int(next.Add(1) - 1); i < len(files) && errs[w] == nil; i = int(next.Add(1) - 1) {
				errs[w] = page(md, &out, files[i], content, dest)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return len(files), nil
}

// page renders one Markdown file's body into dest.
func page(md goldmark.Markdown, out *bytes.Buffer, file, content, dest string) error {
	src, err := fileio.ReadOwnFile(file, 8<<20)
	if err != nil {
		return err
	}
	out.Reset()
	if err := md.Convert(body(src), out); err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	rel, _ := filepath.Rel(content, strings.TrimSuffix(file, ".md"))
	dir := filepath.Join(dest, rel)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return fileio.WriteFile(filepath.Join(dir, "index.html"), out.Bytes())
}

// body is src without its front matter (YAML between --- lines, TOML
// between +++ lines).
func body(src []byte) []byte {
	for _, fence := range []string{"---", "+++"} {
		if bytes.HasPrefix(src, []byte(fence+"\n")) {
			if i := bytes.Index(src[len(fence)+1:], []byte("\n"+fence+"\n")); i >= 0 {
				return src[len(fence)+1+i+len(fence)+2:]
			}
		}
	}
	return src
}
