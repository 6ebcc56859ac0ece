// Package sitetest holds what tests that build whole sites share: copying
// the demo site, writing small sites, and checksumming an output folder to
// compare builds byte for byte.
package sitetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
)

// ContentFiles scans root's content/ as a build does, for tests of the
// loaders that read through it.
func ContentFiles(t testing.TB, root string) *fileio.Files {
	t.Helper()
	files, _, err := fileio.Scan(root, "content", nil)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// CopyDemo copies the repository's demo content (repoRoot/content) into a
// new site root in a temporary folder and returns the root. The copy's
// image cache is a link to the repository's (repoRoot/.klartext-cache,
// which any build of the demo fills), so the many tests that build the
// demo do not each resize its photos again; a test of the cache itself
// removes the link (FreshImageCache).
func CopyDemo(t testing.TB, repoRoot string) string {
	t.Helper()
	root := t.TempDir()
	src := filepath.Join(repoRoot, "content")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		dst := filepath.Join(root, "content", rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	ShareImageCache(t, root, repoRoot)
	return root
}

// ShareImageCache links a test site's image cache to the repository's
// (repoRoot/.klartext-cache): entries are content-addressed, so sites
// share them safely, and tests that build the same images do not resize
// them again.
func ShareImageCache(t testing.TB, root, repoRoot string) {
	t.Helper()
	shared, err := filepath.Abs(filepath.Join(repoRoot, ".klartext-cache"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(shared, filepath.Join(root, ".klartext-cache")); err != nil {
		t.Fatal(err)
	}
}

// FreshImageCache gives a site made by CopyDemo an image cache of its own,
// empty.
func FreshImageCache(t testing.TB, root string) {
	t.Helper()
	if err := os.Remove(filepath.Join(root, ".klartext-cache")); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
}

// Checksums lists every file below dir with its SHA-256, sorted: two
// folders are byte-identical when their lists are equal.
func Checksums(t testing.TB, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, rel+" "+hex.EncodeToString(sum[:]))
		return nil
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// Edit replaces old by new in a file of the site at root; the test fails
// when old is not there, so a changed demo cannot make a case pass
// vacuously.
func Edit(t testing.TB, root, file, old, new string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(file))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Read is the file at p, as text; the test fails when it cannot be read.
func Read(t testing.TB, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Diagnostics are a build's diagnostics, one a line, to compare builds.
func Diagnostics(ds *diag.List) string {
	var b strings.Builder
	for _, d := range ds.All() {
		b.WriteString(d.Error() + "\n")
	}
	return b.String()
}

// FirstDifference is the first line of two texts (checksum lists, pages)
// that differs, for a test's message.
func FirstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return al[i] + " ≠ " + bl[i]
		}
	}
	return "one lists more lines"
}
