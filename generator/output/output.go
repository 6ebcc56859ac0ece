// Package output writes a build into a staging folder beside the destination
// and swaps it in only when the whole build succeeded, so a failed or killed
// build never leaves a half-written site: readers and the web server see the
// complete old site or the complete new one.
package output

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/klartext/klartext/generator/fileio"
)

// Marker is the file that identifies a folder as klartext's output. A
// destination that exists, is not empty and lacks it is refused: swapping
// it away would delete files klartext did not make (a mistyped --dest).
const Marker = ".klartext-output"

const stagingPrefix = ".klartext-staging-"

// Staging is an output folder being written.
type Staging struct {
	Dest string // the destination, absolute
	Dir  string // the staging folder beside it

	mu   sync.Mutex
	dirs map[string]bool // the folders made, as slash paths from the top ("/products/x")
}

// Begin checks the destination and creates a staging folder beside it,
// removing staging folders that a killed build left behind.
func Begin(dest string) (*Staging, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if err := checkDest(abs); err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", parent, err)
	}
	removeLeftovers(parent, filepath.Base(abs))
	dir, err := os.MkdirTemp(parent, stagingPrefix+filepath.Base(abs)+"-")
	if err != nil {
		return nil, fmt.Errorf("cannot create a staging folder beside %s: %w", abs, err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	s := &Staging{Dest: abs, Dir: dir, dirs: map[string]bool{"/": true}}
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte("This folder is written by klartext build and replaced on every build.\n"), 0o644); err != nil {
		return nil, err
	}
	return s, nil
}

func checkDest(abs string) error {
	if abs == "/" || abs == filepath.Dir(abs) {
		return fmt.Errorf("refusing to use %s as the destination", abs)
	}
	if home, err := os.UserHomeDir(); err == nil && filepath.Clean(home) == abs {
		return fmt.Errorf("refusing to use the home folder %s as the destination", abs)
	}
	fi, err := os.Lstat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("the destination %s exists and is not a folder", abs)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(abs, Marker)); err != nil {
		return fmt.Errorf("the destination %s is not empty and was not written by klartext (no %s in it); "+
			"choose another --dest or empty it — klartext replaces its destination as a whole", abs, Marker)
	}
	return nil
}

// CheckOverlap refuses a destination that holds the site's sources
// (replacing it would delete them) or lies inside the content folder (the
// next build would read the output as content and publish it again, one
// level deeper each time). source is the site root.
func CheckOverlap(dest, source, contentDir string) error {
	d, err := realAbs(dest)
	if err != nil {
		return err
	}
	src, err := realAbs(source)
	if err != nil {
		return err
	}
	c, err := realAbs(filepath.Join(source, contentDir))
	if err != nil {
		return err
	}
	if within(src, d) {
		return fmt.Errorf("refusing to use %s as the destination: it holds the site's own sources, which replacing it would delete; "+
			"choose a --dest outside the site, or the default <source>/public", d)
	}
	if within(d, c) {
		return fmt.Errorf("refusing to use %s as the destination: it is inside the content folder, so the next build "+
			"would publish the output as content; choose a --dest outside %s", d, contentDir+"/")
	}
	return nil
}

// within reports whether p is dir or below it.
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// realAbs is the absolute path with symbolic links resolved as far as the
// path exists.
func realAbs(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest), nil
		}
		if filepath.Dir(cur) == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

func removeLeftovers(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, stagingPrefix+base+"-") || strings.HasPrefix(n, ".klartext-old-"+base+"-") {
			_ = os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

// Path returns the file path in the staging folder for a site path such as
// "/products/x/index.html". The site path must be clean and relative to the
// site; anything that would leave the staging folder is refused.
func (s *Staging) Path(sitePath string) (string, error) {
	rel, err := sitePathIn(sitePath)
	if err != nil {
		return "", err
	}
	return s.Dir + filepath.FromSlash(rel), nil
}

// sitePathIn is sitePath as a clean slash path from the top of the
// output ("/products/x/index.html"): sitePath itself when it is one, as
// every path the build writes is, without an allocation.
func sitePathIn(sitePath string) (string, error) {
	sitePath = filepath.ToSlash(sitePath)
	if strings.HasPrefix(sitePath, "/") && path.Clean(sitePath) == sitePath {
		return sitePath, nil // a clean absolute path has no ".."
	}
	for _, seg := range strings.Split(sitePath, "/") {
		if seg == ".." {
			return "", fmt.Errorf("refusing to write %q: it leaves the output folder", sitePath)
		}
	}
	return path.Clean("/" + sitePath), nil
}

// WriteFile writes one file of the site. Safe for concurrent use.
func (s *Staging) WriteFile(sitePath string, data []byte) error {
	rel, err := sitePathIn(sitePath)
	if err != nil {
		return err
	}
	if err := s.mkdir(path.Dir(rel)); err != nil {
		return err
	}
	return fileio.WriteFile(s.Dir+filepath.FromSlash(rel), data)
}

// mkdir makes the folder dir (a slash path from the top of the output)
// once. The folders made are kept by that path, a part of the site path
// the caller keeps anyway, not by their path on disk: ten thousand pages
// are ten thousand folders.
func (s *Staging) mkdir(dir string) error {
	s.mu.Lock()
	done := s.dirs[dir]
	s.mu.Unlock()
	if done {
		return nil
	}
	// Most pages are a new folder in an existing one: one mkdir instead of
	// MkdirAll's stat first; MkdirAll handles the rest (missing parents, a
	// folder already there).
	full := s.Dir + filepath.FromSlash(dir)
	if err := os.Mkdir(full, 0o755); err != nil {
		if err := os.MkdirAll(full, 0o755); err != nil {
			return err
		}
	}
	s.mu.Lock()
	s.dirs[dir] = true
	s.mu.Unlock()
	return nil
}

// Commit swaps the staging folder in as the destination. On Linux the swap
// is one atomic renameat2(RENAME_EXCHANGE); elsewhere two renames.
func (s *Staging) Commit() error {
	if _, err := os.Lstat(s.Dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(s.Dir, s.Dest)
	}
	if err := exchange(s.Dir, s.Dest); err != nil {
		return fmt.Errorf("cannot swap the new site into %s: %w", s.Dest, err)
	}
	// s.Dir now holds the old site.
	return os.RemoveAll(s.Dir)
}

// Abort removes the staging folder; the destination is left as it was.
func (s *Staging) Abort() error { return os.RemoveAll(s.Dir) }

// Out is where one build writes: a staging folder that Finish swaps in, or
// nothing at all for a build that only validates.
type Out struct {
	Sink
	stage *Staging
}

// Open checks that dest does not overlap the site's content folder
// (source/contentDir) and begins a staging folder beside it; a dry run
// writes nowhere (Discard).
func Open(dest, source, contentDir string, dryRun bool) (*Out, error) {
	if dryRun {
		return &Out{Sink: Discard}, nil
	}
	if err := CheckOverlap(dest, source, contentDir); err != nil {
		return nil, err
	}
	stage, err := Begin(dest)
	if err != nil {
		return nil, err
	}
	return &Out{Sink: stage, stage: stage}, nil
}

// Finish swaps the staging folder in when the build succeeded (ok), and
// removes it otherwise: the previous output stays as it was.
func (o *Out) Finish(ok bool) error {
	switch {
	case o.stage == nil:
		return nil
	case !ok:
		if err := o.stage.Abort(); err != nil {
			return fmt.Errorf("cannot remove the staging folder: %w", err)
		}
		return nil
	}
	if err := o.stage.Commit(); err != nil {
		_ = o.stage.Abort()
		return err
	}
	return nil
}
