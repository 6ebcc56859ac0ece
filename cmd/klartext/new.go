package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/scaffold"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "the site's root `folder`")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: klartext new %s <name> [flags]\n\nCreates content/<section>/<name>.md with the front matter to fill in.\nNever overwrites a file.\n\nFlags:\n", strings.Join(scaffold.Kinds(), "|"))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	p, err := scaffold.Create(*source, fs.Arg(0), fs.Arg(1), time.Now())
	if err != nil {
		fmt.Fprintln(stderr, "klartext new:", err)
		return 1
	}
	fmt.Fprintln(stdout, "created", p)
	return 0
}
