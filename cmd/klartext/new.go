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
	source := fs.String("source", ".", "the site's root `folder` (for a page)")
	language := fs.String("language", "de", "the new site's `language`: "+strings.Join(scaffold.SiteLanguages, " or ")+" (for a site)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: klartext new site <folder> [--language de|en]\n       klartext new %s <name> [--source folder]\n\n"+
			"site writes a new site that builds without errors or warnings, with\nplaceholders where only the bank knows what belongs (klartext check lists\nthem). The others create content/<section>/<name>.md with the front matter\nto fill in. Never overwrites a file.\n\nFlags:\n", strings.Join(scaffold.Kinds(), "|"))
		fs.PrintDefaults()
	}
	// Flags may follow the arguments: klartext new site bank --language en.
	var pos []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if err == flag.ErrHelp {
				return 0
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		pos, rest = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
	if len(pos) != 2 {
		fs.Usage()
		return 2
	}
	if pos[0] == "site" {
		files, err := scaffold.CreateSite(pos[1], *language)
		if err != nil {
			fmt.Fprintln(stderr, "klartext new site:", err)
			return 1
		}
		fmt.Fprintf(stdout, "created the site %s: %s\n\nNext:\n  klartext serve --source %s   # look at it on http://127.0.0.1:1313/\n  klartext check --source %s   # lists the placeholders to fill in\n",
			pos[1], strings.Join(files, ", "), shellWord(pos[1]), shellWord(pos[1]))
		return 0
	}
	p, err := scaffold.Create(*source, pos[0], pos[1], time.Now())
	if err != nil {
		fmt.Fprintln(stderr, "klartext new:", err)
		return 1
	}
	fmt.Fprintln(stdout, "created", p)
	return 0
}

// shellWord quotes a folder name for the commands printed, when it needs it.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
