package fileio

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"

	"github.com/klartext/klartext/generator/diag"
)

// Files is what Scan found below one folder of the site (content/, or a
// theme's folder): the regular files, and the symbolic links to regular
// files inside that folder. It is the only way the build reads the site's
// files, so nothing that Scan refused — a link out of the site, a named
// pipe, a device — is ever opened.
type Files struct {
	root   string   // the site root, as given
	dir    string   // the scanned folder, slash path from the site root
	list   []string // slash paths from the site root, in the walk's order
	sorted []string // the same, sorted, for lookups
	// exists is whether the folder was there to scan.
	exists bool
	// links are the listed files that are symbolic links, checked to lead
	// inside dir; every other file is opened without following links, so
	// one replaced by a link since the scan is refused.
	links map[string]bool
	// refused are the paths of the Problems: reading one is ErrRefused,
	// so a reader does not call a refused file missing.
	refused map[string]bool
}

// ErrRefused is the error of reading a file that Scan refused; the
// Problem that says why is reported already.
var ErrRefused = errors.New("refused (see the error about this file)")

// Problem is a file Scan refused, with what to do about it.
type Problem struct {
	Path string    // slash path from the site root
	Msg  diag.Text // what is wrong, in words the build translates
	Hint diag.Text
}

// Hidden reports whether a file or folder name is not the site's: hidden
// (.git, .DS_Store) or an editor's backup ("seite.md~").
func Hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")
}

// Diagnostic is the problem as the build reports it: an error at the file.
func (p Problem) Diagnostic() diag.Diagnostic {
	d := diag.Errorf(p.Path, 0, "%s", p.Msg)
	if !p.Hint.Empty() {
		d = d.WithHint("%s", p.Hint)
	}
	return d
}

// Scan walks root/dir and lists its files. skip says which names are not
// the site's (hidden files, editor backups); a skipped folder is not
// walked. Symbolic links are followed only to a regular file inside dir;
// a link to a folder, out of dir, broken or looping, and any file that is
// not a regular one (a named pipe would block the build, a device could be
// endless) is a Problem. A missing dir gives no files and no problems.
//
// The walk costs what filepath.WalkDir costs: the type of each entry comes
// with the folder listing; only symbolic links are resolved.
func Scan(root, dir string, skip func(rel string, d fs.DirEntry) bool) (*Files, []Problem, error) {
	f := &Files{root: root, dir: dir}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return f, nil, err
	}
	realTop, err := filepath.EvalSymlinks(filepath.Join(absRoot, filepath.FromSlash(dir)))
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil, nil
	}
	if err != nil {
		return f, nil, err
	}
	if realRoot, err := filepath.EvalSymlinks(absRoot); err == nil && !within(realTop, realRoot) {
		return f, nil, diag.Err("the folder is a symbolic link to %s, outside the site folder; move the folder into the site", realTop)
	}
	f.exists = true
	var problems []Problem
	// The walk starts at the folder's real path, so a content/ that is
	// itself a link (to a checkout elsewhere) is walked.
	err = filepath.WalkDir(realTop, func(p string, d fs.DirEntry, err error) error {
		rel := dir
		if p != realTop {
			rel = dir + "/" + filepath.ToSlash(p[len(realTop)+1:])
		}
		if err != nil {
			problems = append(problems, Problem{Path: rel, Msg: diag.T("cannot read: %v", err)})
			return nil
		}
		if p == realTop {
			return nil
		}
		if skip != nil && skip(rel, d) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			if pr := checkLink(p, rel, dir, realTop); pr != nil {
				problems = append(problems, *pr)
				return nil
			}
			if f.links == nil {
				f.links = map[string]bool{}
			}
			f.links[rel] = true
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			problems = append(problems, notRegular(rel, dir))
			return nil
		}
		f.list = append(f.list, rel)
		return nil
	})
	for _, pr := range problems {
		if f.refused == nil {
			f.refused = map[string]bool{}
		}
		f.refused[pr.Path] = true
	}
	// WalkDir visits each folder in lexical order, which is not the order
	// of the whole paths ("a/x" before "a b/x"): lookups need a sorted copy.
	f.sorted = slices.Clone(f.list)
	sort.Strings(f.sorted)
	return f, problems, err
}

// checkLink refuses links that leave dir, loop, break or name a folder or
// a special file; nil means the link leads to a regular file inside dir.
func checkLink(p, rel, dir, realTop string) *Problem {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		pr := &Problem{Path: rel, Hint: diag.T("replace the link by the file itself")}
		_, serr := os.Stat(p)
		link, _ := os.Readlink(p)
		switch {
		case errors.Is(serr, syscall.ELOOP) || (serr == nil && strings.Contains(err.Error(), "too many links")):
			pr.Msg = diag.T("the symbolic link loops (following it leads back to a link already followed)")
		case errors.Is(serr, fs.ErrNotExist):
			pr.Msg = diag.T("the symbolic link is broken: %s does not exist", link)
		default:
			pr.Msg = diag.T("cannot follow the symbolic link: %v", err)
		}
		return pr
	}
	if !within(target, realTop) {
		return &Problem{Path: rel, Msg: diag.T("symbolic link points outside the %s folder (to %s)", dir, target),
			Hint: diag.T("copy the file into %s/; links out of the site are refused so that nothing private is published", dir)}
	}
	fi, err := os.Stat(target)
	switch {
	case err != nil:
		return &Problem{Path: rel, Msg: diag.T("cannot follow the symbolic link: %v", err)}
	case fi.IsDir():
		return &Problem{Path: rel, Msg: diag.T("a symbolic link to a folder is not followed"),
			Hint: diag.T("move the folder into %s/ instead of linking it", dir)}
	case !fi.Mode().IsRegular():
		p := notRegular(rel, dir)
		return &p
	}
	return nil
}

// notRegular is the Problem of a named pipe, socket or device, or a link
// to one.
func notRegular(rel, dir string) Problem {
	return Problem{Path: rel, Msg: diag.T("this is not a regular file (a named pipe, socket or device) and cannot be published"),
		Hint: diag.T("remove it from %s/", dir)}
}

// within reports whether the real path p is dir or below it.
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// Exists reports whether the scanned folder exists.
func (f *Files) Exists() bool { return f.exists }

// Dir is the scanned folder, a slash path from the site root.
func (f *Files) Dir() string { return f.dir }

// List is every file found, slash paths from the site root, in the order
// of a walk (each folder's entries sorted by name, a folder before the
// names that follow it).
func (f *Files) List() []string { return f.list }

// Has reports whether rel (a slash path from the site root) was found.
func (f *Files) Has(rel string) bool {
	i := sort.SearchStrings(f.sorted, rel)
	return i < len(f.sorted) && f.sorted[i] == rel
}

// In lists the files directly in the folder dir (a slash path from the
// site root), sorted.
func (f *Files) In(dir string) []string {
	prefix := strings.TrimSuffix(dir, "/") + "/"
	var out []string
	for i := sort.SearchStrings(f.sorted, prefix); i < len(f.sorted) && strings.HasPrefix(f.sorted[i], prefix); i++ {
		if !strings.Contains(f.sorted[i][len(prefix):], "/") {
			out = append(out, f.sorted[i])
		}
	}
	return out
}

// ReadFile reads a file that Scan found (rel is a slash path from the site
// root); a file it did not find is fs.ErrNotExist, one it refused
// ErrRefused. More than
// limit bytes is a *TooLargeError.
func (f *Files) ReadFile(rel string, limit int64) ([]byte, error) {
	return f.ReadFileInto(nil, rel, limit)
}

// ReadFileInto is ReadFile reading into buf where the file fits its
// capacity (buf's bytes are overwritten), for a caller that reads many
// files one after the other and is done with each before the next.
func (f *Files) ReadFileInto(buf []byte, rel string, limit int64) ([]byte, error) {
	if f == nil || !f.Has(rel) {
		if f != nil && f.refused[rel] {
			return nil, &fs.PathError{Op: "open", Path: rel, Err: ErrRefused}
		}
		return nil, &fs.PathError{Op: "open", Path: rel, Err: fs.ErrNotExist}
	}
	data, err := readFile(buf, filepath.Join(f.root, filepath.FromSlash(rel)), limit, f.links[rel])
	// Errors name the file as the editor knows it, not by the path the
	// build happened to open.
	var tl *TooLargeError
	var nr *NotRegularError
	var pe *fs.PathError
	switch {
	case errors.As(err, &tl):
		tl.Path = rel
	case errors.As(err, &nr):
		nr.Path = rel
	case errors.As(err, &pe):
		pe.Path = rel
	}
	return data, err
}

// Sub is the files below dir (a slash path from the site root, inside the
// scanned folder) as a read-only fs.FS with paths relative to dir, each
// file bounded by limit: how the theme package reads a site's theme.
func (f *Files) Sub(dir string, limit int64) fs.FS {
	prefix := strings.TrimSuffix(dir, "/") + "/"
	lo := sort.SearchStrings(f.sorted, prefix)
	hi := lo
	for hi < len(f.sorted) && strings.HasPrefix(f.sorted[hi], prefix) {
		hi++
	}
	return &filesFS{files: f, prefix: prefix, list: f.sorted[lo:hi], limit: limit}
}

// NotRegularError is returned for a path that is not a regular file.
type NotRegularError struct{ Path string }

func (e *NotRegularError) Error() string {
	return e.Path + ": not a regular file (a named pipe, socket, device or folder)"
}
