package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/publish"
	"github.com/klartext/klartext/generator/shortcut"
	"github.com/klartext/klartext/generator/site"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts pipeline.Options
	fs.StringVar(&opts.Source, "source", ".", "the site's root `folder` (holds content/)")
	baseURLFlag(fs, &opts.BaseURL)
	fs.StringVar(&opts.Dest, "dest", "", "the output `folder` (default: <source>/public)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include pages with draft: true")
	fs.BoolVar(&opts.Future, "future", false, "include pages dated in the future")
	fs.BoolVar(&opts.AllowStale, "allow-stale", false, "build pages past valid_until with a warning instead of failing")
	fs.Func("redirects", "also write the moved pages' redirects for `SERVER` (nginx or apache) beside _redirects: _redirects.nginx.conf, _redirects.apache.conf", func(v string) error {
		if _, ok := publish.Snippets[v]; !ok {
			return fmt.Errorf("%q is no web server klartext writes redirects for; use nginx or apache", v)
		}
		opts.Redirects = v
		return nil
	})
	stats := fs.Bool("stats", false, "print the time per phase and per template, and the shortcuts taken")
	fs.Func("no-shortcut", "turn off the shortcut `NAME` (a comma-separated list, or all) to measure its worth; the output stays the same: "+shortcutNames(), func(s string) error {
		off, err := shortcut.Parse(s)
		opts.Off |= off
		return err
	})
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (for go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile at the end of the build to `file`")
	lang := langFlag(fs, "the build's messages")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: klartext build [flags]\n\nBuilds the site into the destination folder. The previous output stays\nuntouched unless the whole build succeeds.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "klartext build: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if msg := notASite(opts.Source, messageLanguage(*lang, nil)); msg != "" {
		fmt.Fprintln(stderr, "klartext build:", msg)
		return 1
	}
	if isTerminal(stderr) {
		opts.Progress = progressPrinter(stderr)
	}
	stopProfiles, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintln(stderr, "klartext build:", diag.EscapeText(err.Error()))
		return 1
	}
	gc := startGCTuner()
	res, err := pipeline.Build(opts)
	gc.stop()
	stopProfiles()
	if err != nil {
		fmt.Fprintln(stderr, "klartext build:", diag.EscapeText(err.Error()))
		return 1
	}
	ml := messageLanguage(*lang, res)
	printDiagnostics(stderr, res.Diagnostics, ml)
	printSkipped(stdout, res.Skipped, ml)
	if *stats {
		printStats(stdout, res, opts.Off)
	}
	printSummary(stdout, res, ml)
	if res.Diagnostics.HasErrors() {
		fmt.Fprintln(stderr, diag.Sprintf(ml, "klartext build: the build failed; the previous output was left as it was."))
		return 1
	}
	return 0
}

// sameKindShown is how many diagnostics with one message are printed
// before the rest are counted: a generated export with 400 advisors
// lacking one key must not bury the one broken link.
const sameKindShown = 10

func printDiagnostics(w io.Writer, l *diag.List, lang string) {
	all := diag.LocalizeAll(l.All(), lang)
	seen := map[string]int{}
	for _, d := range all {
		k := d.Severity.String() + "\x00" + d.Message + "\x00" + d.Hint
		seen[k]++
		if seen[k] <= sameKindShown {
			fmt.Fprintln(w, d.Error())
		}
	}
	done := map[string]bool{}
	for _, d := range all {
		k := d.Severity.String() + "\x00" + d.Message + "\x00" + d.Hint
		if n := seen[k]; n > sameKindShown && !done[k] {
			done[k] = true
			more := diag.Sprintf(lang, "… and %d more errors like this one: %s (klartext check --format json lists all)", n-sameKindShown, diag.EscapeText(d.Message))
			if d.Severity == diag.Warning {
				more = diag.Sprintf(lang, "… and %d more warnings like this one: %s (klartext check --format json lists all)", n-sameKindShown, diag.EscapeText(d.Message))
			}
			fmt.Fprintln(w, more)
		}
	}
}

func printSkipped(w io.Writer, skipped []site.Skipped, lang string) {
	for _, s := range skipped {
		switch s.Reason {
		case "future":
			fmt.Fprintln(w, diag.Sprintf(lang, "not published yet: %s (dated %s; build with --future to include it)", diag.EscapeText(s.Source), s.Date.Format("2006-01-02")))
		case "draft":
			fmt.Fprintln(w, diag.Sprintf(lang, "draft left out: %s (build with --drafts to include it)", diag.EscapeText(s.Source)))
		case "expired":
			fmt.Fprintln(w, diag.Sprintf(lang, "expired, no longer published: %s (expires %s)", diag.EscapeText(s.Source), s.Date.Format("2006-01-02")))
		}
	}
}

func printSummary(w io.Writer, res *pipeline.Result, lang string) {
	var kinds []string
	for k, n := range res.ByKind {
		kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
	}
	sort.Strings(kinds)
	fmt.Fprintln(w, diag.Sprintf(lang, "klartext: %d pages (%s), %d files, %d charts, %d errors, %d warnings, %d skipped in %s",
		res.Pages, strings.Join(kinds, ", "), res.Files, res.Charts, len(res.Diagnostics.Errors()),
		len(res.Diagnostics.Warnings()), len(res.Skipped), res.Duration.Round(time.Millisecond)))
}

// printStats prints the time per phase and per layout, how many pages
// html/template ran (the first of each layout, which the quick program is
// compiled from, apart), and the shortcuts taken.
func printStats(w io.Writer, res *pipeline.Result, off shortcut.Set) {
	fmt.Fprintln(w, "phase      time")
	for _, p := range res.Phases {
		fmt.Fprintf(w, "%-10s %s\n", p.Name, p.Duration.Round(time.Microsecond))
	}
	fmt.Fprintln(w, "\ntemplate                          calls      total    average  html/template (first)")
	for _, t := range res.Templates {
		avg := time.Duration(0)
		if t.Calls > 0 {
			avg = t.Total / time.Duration(t.Calls)
		}
		fmt.Fprintf(w, "%-32s %6d %10s %10s %14d (%d)\n", t.Layout, t.Calls, t.Total.Round(time.Microsecond), avg.Round(time.Microsecond), t.Slow, t.First)
	}
	for _, t := range res.Templates {
		if t.WhyNot != "" {
			fmt.Fprintf(w, "%s: html/template ran %d of %d pages after the first (first because: %s)\n", t.Layout, t.Slow, t.Calls, t.WhyNot)
		}
	}
	fmt.Fprintln(w, "\nshortcut       taken  what it saves (--no-shortcut=NAME turns it off)")
	for _, s := range shortcut.List() {
		taken := "on"
		if off&s != 0 {
			taken = "off"
		}
		fmt.Fprintf(w, "%-14s %-6s %s\n", s.Name(), taken, s.About())
	}
	fmt.Fprintln(w)
}

// shortcutNames lists the shortcuts for the flag's help.
func shortcutNames() string {
	var names []string
	for _, s := range shortcut.List() {
		names = append(names, s.Name())
	}
	return strings.Join(names, ", ")
}

// startProfiles starts the CPU profile and returns the function that stops
// it and writes the heap profile.
func startProfiles(cpu, mem string) (func(), error) {
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
		cpuFile = f
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if mem != "" {
			if f, err := os.Create(mem); err == nil {
				runtime.GC()
				_ = pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
	}, nil
}

// isTerminal reports whether w is a terminal (a character device), where
// progress is shown; CI logs and pipes get only the summary.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressPrinter shows "rendering 1200/11628 pages" on one line, at most
// five times a second, and clears it at the end.
func progressPrinter(w io.Writer) func(done, total int) {
	var last time.Time
	start := time.Now()
	return func(done, total int) {
		if done == total {
			if time.Since(start) > 200*time.Millisecond {
				fmt.Fprint(w, "\r\033[K")
			}
			return
		}
		if time.Since(last) < 200*time.Millisecond {
			return
		}
		last = time.Now()
		fmt.Fprintf(w, "\rrendering %d/%d pages", done, total)
	}
}
