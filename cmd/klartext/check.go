package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/klartext/klartext/generator/build"
	"github.com/klartext/klartext/generator/check"
	"github.com/klartext/klartext/generator/diag"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts build.Options
	fs.StringVar(&opts.Source, "source", ".", "the site's root `folder` (holds content/)")
	format := fs.String("format", "text", "output `format`: text, json, or github (GitHub Actions annotations)")
	strict := fs.Bool("strict", false, "exit with status 2 when there are warnings but no errors")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: klartext check [flags]\n\nValidates everything the build validates, without writing output, and adds\nreports for editors and compliance: pages whose valid_until passes within 30\ndays, products without an explainer, advisors without stories, stories older\nthan a year that were never revised.\n\nExit status: 0 clean, 1 errors, 2 warnings only (with --strict).\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	f := check.Format(*format)
	if f != check.Text && f != check.JSON && f != check.GitHub {
		fmt.Fprintf(stderr, "klartext check: unknown format %q (text, json, github)\n", *format)
		return 2
	}
	opts.DryRun = true
	opts.Now = time.Now()
	res, err := build.Build(opts)
	if err != nil {
		fmt.Fprintln(stderr, "klartext check:", diag.EscapeText(err.Error()))
		return 1
	}
	var all diag.List
	all.Merge(res.Diagnostics)
	if res.Site != nil {
		all.Add(check.Reports(res.Site, opts.Now)...)
	}
	if err := check.Write(stdout, f, all.All()); err != nil {
		fmt.Fprintln(stderr, "klartext check:", diag.EscapeText(err.Error()))
		return 1
	}
	if f == check.Text {
		fmt.Fprintf(stdout, "klartext check: %d errors, %d warnings\n", len(all.Errors()), len(all.Warnings()))
	}
	switch {
	case all.HasErrors():
		return 1
	case *strict && len(all.Warnings()) > 0:
		return 2
	}
	return 0
}
