package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/klartext/klartext/generator/config"
)

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
