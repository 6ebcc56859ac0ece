// Command klartext builds a bank's transparent content site from plain
// files: Markdown pages, product data and feedback exports.
//
//	klartext build [--source DIR] [--dest DIR]
//	klartext version
//
// Run "klartext help" or "klartext <command> --help" for the flags.
package main

import (
	"fmt"
	"io"
	"os"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "build the site into the destination folder", runBuild},
		{"check", "validate the site and report what editors and compliance must look at", runCheck},
		{"serve", "build, serve on 127.0.0.1 and reload the browser on every change", runServe},
		{"new", "create a product explainer, advisor profile or story to fill in", runNew},
		{"feedback", "receive the feedback form, answer and publish messages, export them for the build", runFeedback},
		{"version", "print the version", runVersion},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "klartext: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "klartext builds a bank's transparent content site from plain files.")
	fmt.Fprintln(w, "\nUsage: klartext <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun klartext <command> --help for a command's flags.")
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stdout, "klartext", version)
	return 0
}
