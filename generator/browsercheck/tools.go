package browsercheck

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// DefaultChromium is where Debian's chromium package puts the browser.
const DefaultChromium = "/usr/bin/chromium"

// AxeVersion is the axe-core the browser suite pins in
// e2e/package-lock.json (a test keeps the two the same); klartext check
// --browser asks for it.
const AxeVersion = "4.14.1"

// axeFile is where npm puts axe-core's browser script.
var axeFile = filepath.Join("node_modules", "axe-core", "axe.min.js")

// Tools are the browser and the accessibility engine the checks run with.
type Tools struct {
	Chromium   string
	AxeFile    string
	AxeSource  string
	AxeVersion string // from axe-core's package.json; "" when it has none
}

// MissingError says which tool is missing and how to install it.
type MissingError struct {
	Tool    string // "Chromium", "axe-core"
	Looked  string // where it was looked for
	Install string // the command that installs it
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("%s is missing (%s): install it with %s", e.Tool, e.Looked, e.Install)
}

// FindTools finds Chromium (the program chromium; "" is DefaultChromium)
// and axe-core (the file axe; "" looks for node_modules/axe-core/axe.min.js
// and e2e/node_modules/axe-core/axe.min.js — a klartext checkout's pinned
// copy — in each of dirs and their parents, as Node resolves a package).
// A missing one is a *MissingError saying what to install.
func FindTools(chromium, axe string, dirs ...string) (Tools, error) {
	if chromium == "" {
		chromium = DefaultChromium
	}
	var t Tools
	if fi, err := os.Stat(chromium); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
		return t, &MissingError{Tool: "Chromium", Looked: "no program " + chromium,
			Install: "apt-get install chromium (Debian; elsewhere the system's Chromium package)"}
	}
	t.Chromium = chromium
	install := "npm install --save-exact axe-core@" + AxeVersion + " in the site's folder"
	if axe == "" {
		axe = findAxe(dirs)
		if axe == "" {
			looked := "no " + filepath.ToSlash(axeFile)
			if len(dirs) > 0 {
				looked += " in " + dirs[0] + " or a folder above it"
			}
			return t, &MissingError{Tool: "axe-core", Looked: looked, Install: install}
		}
	}
	src, err := os.ReadFile(axe)
	if err != nil {
		return t, &MissingError{Tool: "axe-core", Looked: "cannot read " + axe, Install: install}
	}
	t.AxeFile, t.AxeSource = axe, string(src)
	var pkg struct {
		Version string `json:"version"`
	}
	if data, err := os.ReadFile(filepath.Join(filepath.Dir(axe), "package.json")); err == nil && json.Unmarshal(data, &pkg) == nil {
		t.AxeVersion = pkg.Version
	}
	return t, nil
}

// findAxe looks for axe-core in dirs and their parents.
func findAxe(dirs []string) string {
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			continue
		}
		for dir := abs; ; dir = filepath.Dir(dir) {
			for _, f := range []string{filepath.Join(dir, axeFile), filepath.Join(dir, "e2e", axeFile)} {
				if _, err := os.Stat(f); err == nil {
					return f
				}
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return ""
}
