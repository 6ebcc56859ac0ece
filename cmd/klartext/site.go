package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/klartext/klartext/generator/config"
)

// baseURLFlag adds --baseURL to a command's flags: the address the site is
// built for instead of site.yaml's baseURL (a staging build). The value
// is checked when the flag is read, and the build applies it to the
// settings it loads (pipeline.Options.BaseURL), a serve session's rebuilds
// too.
func baseURLFlag(fs *flag.FlagSet, v *string) {
	fs.Func("baseURL", "build for this `URL` instead of site.yaml's baseURL (a staging server; https://staging.example-bank.de/klartext/)", func(s string) error {
		if _, err := config.NormalizeBaseURL(s); err != nil {
			return errors.New(err.Reason + hintSuffix(err.Hint))
		}
		*v = s
		return nil
	})
}

func hintSuffix(h string) string {
	if h == "" {
		return ""
	}
	return " — " + h
}

// notASite says, in one line, why source is no site and what to run; ""
// when it has content/site.yaml. Without this check the build would list
// the missing folder, the missing settings and a theme it cannot find.
func notASite(source string) string {
	if _, err := os.Stat(filepath.Join(source, filepath.FromSlash(config.File))); !errors.Is(err, fs.ErrNotExist) {
		return "" // there, or the build says why it cannot be read
	}
	name := source
	if name == "." {
		name = "this folder"
	}
	if fi, err := os.Stat(filepath.Join(source, "content")); err == nil && fi.IsDir() {
		return fmt.Sprintf("%s has content/ but no %s, so it is not a klartext site: write the settings there (klartext new site NEW-FOLDER writes a site to copy them from)", name, config.File)
	}
	return fmt.Sprintf("%s is not a klartext site (it has no %s): run klartext new site %s to start one, or pass --source with the site's folder", name, config.File, shellWord(source))
}
