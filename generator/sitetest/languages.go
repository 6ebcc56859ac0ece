package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// GermanDemo copies the demo (CopyDemo) and makes it the site of one
// language it was before it had English pages: every translation
// (content/**/*.en.md) removed and site.yaml's languages: replaced by
// language: de. Tests of what only a site of one language does (the
// incremental rebuilds of klartext serve, byte-identity with language:)
// build it; it returns the root.
func GermanDemo(t testing.TB, repoRoot string) string {
	t.Helper()
	root := CopyDemo(t, repoRoot)
	content := filepath.Join(root, "content")
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".en.md") {
			return err
		}
		return os.Remove(p)
	})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(content, "site.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	// languages: is a top-level key: its entries are the indented lines
	// after it.
	var out []string
	found, inside := false, false
	for _, line := range strings.SplitAfter(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "languages:"):
			found, inside = true, true
			out = append(out, "language: de\n")
		case inside && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "-")):
		default:
			inside = false
			out = append(out, line)
		}
	}
	if !found {
		t.Fatal("the demo's site.yaml has no languages:")
	}
	if err := os.WriteFile(p, []byte(strings.Join(out, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}
