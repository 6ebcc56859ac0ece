package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/klartext/klartext/generator/browsercheck"
	"github.com/klartext/klartext/generator/check"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/pipeline"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts pipeline.Options
	fs.StringVar(&opts.Source, "source", ".", "the site's root `folder` (holds content/)")
	baseURLFlag(fs, &opts.BaseURL)
	format := fs.String("format", "text", "output `format`: text, json, or github (GitHub Actions annotations)")
	strict := fs.Bool("strict", false, "exit with status 2 when there are warnings but no errors")
	products := fs.Bool("products", false, "print, per product, what was read and from where and the figures its page publishes")
	browser := fs.Bool("browser", false, "also build the site into a temporary folder and run the browser suite's page checks on one page of every kind in headless Chromium: axe-core (WCAG 2.1 A and AA) at 1280 and 360 px, reflow at 360 px, no request to another origin, no cookie, no console error")
	chromium := fs.String("chromium", browsercheck.DefaultChromium, "the Chromium `program` --browser runs")
	lang := langFlag(fs, "the messages (text, json and github alike)")
	axe := fs.String("axe", "", "axe-core's axe.min.js `file` for --browser (default: node_modules/axe-core/ in the site's folder or one above it, or a klartext checkout's e2e/node_modules/)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: klartext check [flags]\n\nValidates everything the build validates, without writing output, and adds\nreports for editors and compliance: pages whose valid_until passes within 30\ndays, products without an explainer, advisors without stories, stories older\nthan a year that were never revised, placeholders ([[TODO: …]]) not filled\nin. With --browser it builds the site into a temporary folder and opens a\npage of every kind in Chromium (the README says what it checks). With\n--products it prints, per product, every key read with its file, row and\ncolumn, and the figures its page will publish (text, or JSON with --format\njson).\n\nExit status: 0 clean, 1 errors, 2 warnings only (with --strict).\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if msg := notASite(opts.Source, messageLanguage(*lang, nil)); msg != "" {
		fmt.Fprintln(stderr, "klartext check:", msg)
		return 1
	}
	f := check.Format(*format)
	if f != check.Text && f != check.JSON && f != check.GitHub {
		fmt.Fprintf(stderr, "klartext check: unknown format %q (text, json, github)\n", *format)
		return 2
	}
	var tools browsercheck.Tools
	if *browser {
		// Before the build: what is missing is said at once.
		cwd, _ := os.Getwd()
		var err error
		if tools, err = browsercheck.FindTools(*chromium, *axe, opts.Source, cwd); err != nil {
			fmt.Fprintln(stderr, "klartext check --browser:", diag.EscapeText(toolHint(err)))
			return 1
		}
		tmp, err := os.MkdirTemp("", "klartext-check-")
		if err != nil {
			fmt.Fprintln(stderr, "klartext check:", err)
			return 1
		}
		defer os.RemoveAll(tmp)
		opts.Dest = filepath.Join(tmp, "public")
	} else {
		opts.DryRun = true
	}
	opts.Now = time.Now()
	res, err := pipeline.Build(opts)
	if err != nil {
		fmt.Fprintln(stderr, "klartext check:", diag.EscapeText(err.Error()))
		return 1
	}
	ml := messageLanguage(*lang, res)
	var all diag.List
	all.Merge(res.Diagnostics)
	if res.Site != nil {
		all.Add(check.Reports(res.Site, opts.Now)...)
		all.Add(check.Translations(res.Site)...)
	}
	browserNote := ""
	switch {
	case *browser && (res.Diagnostics.HasErrors() || res.Site == nil):
		browserNote = diag.Sprintf(ml, "klartext check --browser: the site does not build, so no page was opened in the browser")
	case *browser:
		pages, findings, err := browsercheck.CheckSite(opts.Dest, res.Site.Config.BasePath(), tools, filepath.Dir(opts.Dest))
		if err != nil {
			fmt.Fprintln(stderr, "klartext check --browser:", diag.EscapeText(err.Error()))
			return 1
		}
		all.Add(check.BrowserDiagnostics(res.Site, findings)...)
		browserNote = diag.Sprintf(ml, "klartext check --browser: %d pages checked at 1280 and 360 px in %s with axe-core %s (%s)", len(pages), tools.Chromium, tools.AxeVersion, tools.AxeFile)
		if tools.AxeVersion == "" {
			browserNote = diag.Sprintf(ml, "klartext check --browser: %d pages checked at 1280 and 360 px in %s with axe-core of unknown version (%s)", len(pages), tools.Chromium, tools.AxeFile)
		}
	}
	ds := diag.LocalizeAll(all.All(), ml)
	var err2 error
	switch {
	case *products && f == check.JSON && res.Site != nil:
		err2 = writeJSON(stdout, map[string]any{"products": check.ProductReports(res.Site), "diagnostics": diagJSON(ds)})
	case *products && res.Site != nil:
		err2 = check.WriteProducts(stdout, f, check.ProductReports(res.Site))
		if err2 == nil {
			err2 = check.Write(stdout, f, ds)
		}
	default:
		err2 = check.Write(stdout, f, ds)
	}
	if err := err2; err != nil {
		fmt.Fprintln(stderr, "klartext check:", diag.EscapeText(err.Error()))
		return 1
	}
	if f == check.Text {
		if browserNote != "" {
			fmt.Fprintln(stdout, browserNote)
		}
		fmt.Fprintln(stdout, diag.Sprintf(ml, "klartext check: %d errors, %d warnings", len(all.Errors()), len(all.Warnings())))
	} else if browserNote != "" {
		fmt.Fprintln(stderr, browserNote)
	}
	switch {
	case all.HasErrors():
		return 1
	case *strict && len(all.Warnings()) > 0:
		return 2
	}
	return 0
}

// toolHint is FindTools' error with the flag that names the tool
// instead of installing it.
func toolHint(err error) string {
	var m *browsercheck.MissingError
	if !errors.As(err, &m) {
		return err.Error()
	}
	flag := "--chromium PROGRAM"
	if m.Tool == "axe-core" {
		flag = "--axe FILE"
	}
	return m.Error() + ", or name it with " + flag
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// diagJSON is diagnostics as check's JSON format writes them.
func diagJSON(ds []diag.Diagnostic) []diag.JSON {
	out := make([]diag.JSON, 0, len(ds))
	for _, d := range ds {
		out = append(out, d.JSON())
	}
	return out
}
