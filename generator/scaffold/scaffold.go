// Package scaffold writes new content files for editors (klartext new): the
// front matter an editor must fill in, with a comment on each key, from the
// scaffolds of the registry of page kinds (content.Kinds).
package scaffold

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/content"
)

// Kinds are the page kinds klartext new can create, by the names it takes.
func Kinds() []string {
	var out []string
	for _, d := range content.Kinds() {
		if d.Scaffold != nil {
			out = append(out, d.Scaffold.Name)
		}
	}
	return out
}

// kind is the kind klartext new creates by the name; nil for none.
func kind(name string) *content.KindDef {
	for _, d := range content.Kinds() {
		if d.Scaffold != nil && d.Scaffold.Name == name {
			return d
		}
	}
	return nil
}

var validName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Create writes content/<folder>/<name>.md below root and returns its path.
// It refuses to overwrite, and refuses names that are not URL slugs (so no
// path can leave the content folder).
func Create(root, kindName, name string, today time.Time) (string, error) {
	if !validName.MatchString(name) {
		return "", fmt.Errorf("the name %q is not usable in a URL: use lower-case letters, digits and hyphens, like etf-welt or anna-schmidt", name)
	}
	d := kind(kindName)
	if d == nil {
		return "", fmt.Errorf("unknown kind %q: choose one of %s", kindName, strings.Join(Kinds(), ", "))
	}
	p := filepath.Join(root, "content", filepath.FromSlash(d.Folder), name+".md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("%s exists already; klartext new never overwrites a file", p)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(Text(d.Scaffold, name, today)); err != nil {
		f.Close()
		return "", err
	}
	return p, f.Close()
}

// Text is the file a scaffold makes for the name on the day today.
func Text(s *content.Scaffold, name string, today time.Time) string {
	r := strings.NewReplacer("{name}", name, "{date}", today.Format("2006-01-02"))
	return r.Replace(s.FrontMatter + s.Body)
}
