// Package watch reports changed source files of a site in debounced batches.
//
// fsnotify watches single directories, so the Watcher adds every directory
// below its roots, walks directories as they appear (a `mkdir -p a/b && touch
// a/b/x.md` produces a single CREATE for a), ignores editor scratch files and
// coalesces a burst of events into one Batch. Whether a path changed,
// appeared or disappeared is decided from os.Lstat when the batch is flushed,
// not from the event kinds, which differ from editor to editor.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is the quiet time used when New is given a debounce <= 0.
const DefaultDebounce = 80 * time.Millisecond

// Batch is one coalesced set of changes.
type Batch struct {
	// Paths are the absolute, cleaned paths of the files that changed,
	// appeared or disappeared, sorted and unique. Directories are never
	// listed: the files found in a new directory are.
	Paths []string
	// Full is set when the watcher cannot say precisely what changed (event
	// queue overflow, a watched directory removed or renamed away, a new
	// directory that could not be read): rebuild everything.
	Full bool
}

// Option adjusts a Watcher.
type Option func(*Watcher)

// Exclude keeps the given paths (and everything below them) out of the watch,
// typically the output directory when it lies inside a watched root.
func Exclude(paths ...string) Option {
	return func(w *Watcher) {
		for _, p := range paths {
			if abs, err := filepath.Abs(p); err == nil {
				w.exclude = append(w.exclude, abs)
			}
		}
	}
}

// MaxWait bounds how long a continuous stream of events can delay a batch.
// The default is 20 times the debounce, at least one second.
func MaxWait(d time.Duration) Option {
	return func(w *Watcher) { w.maxWait = d }
}

// Watcher watches directory trees. Create it with New, read Batches, Close it.
type Watcher struct {
	fw       *fsnotify.Watcher
	roots    []string
	exclude  []string
	debounce time.Duration
	maxWait  time.Duration

	batches chan Batch
	errs    chan error
	done    chan struct{}
	stopped chan struct{}
	once    sync.Once

	// owned by the loop goroutine
	dirs    map[string]bool // watched directories
	pending map[string]bool // path -> first event in this batch was a create
	full    bool
}

// New watches each root (a directory) recursively. Paths in batches are
// absolute. A debounce <= 0 means DefaultDebounce.
func New(roots []string, debounce time.Duration, opts ...Option) (*Watcher, error) {
	if len(roots) == 0 {
		return nil, errors.New("watch: no directory to watch")
	}
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	w := &Watcher{
		debounce: debounce,
		batches:  make(chan Batch),
		errs:     make(chan error, 16),
		done:     make(chan struct{}),
		stopped:  make(chan struct{}),
		dirs:     map[string]bool{},
		pending:  map[string]bool{},
	}
	for _, o := range opts {
		o(w)
	}
	if w.maxWait <= 0 {
		w.maxWait = max(20*debounce, time.Second)
	}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			return nil, fmt.Errorf("watch: %w", err)
		}
		fi, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("watch: %w", err)
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("watch: %s is not a directory", r)
		}
		w.roots = append(w.roots, abs)
	}
	fw, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w.fw = fw
	for _, r := range w.roots {
		if err := w.addTree(r, nil); err != nil {
			fw.Close()
			return nil, fmt.Errorf("watch: %w", err)
		}
	}
	go w.loop()
	return w, nil
}

// Batches delivers coalesced changes. While the receiver is busy (building),
// further changes are merged into the next batch, never dropped. The channel
// is closed by Close.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers watch errors other than overflow (which becomes a Full
// batch). Errors are dropped when nobody reads them; the channel is never
// closed.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching and closes the Batches channel.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		<-w.stopped
		err = w.fw.Close()
	})
	return err
}

// Ignored reports whether a file name (base name) is an editor's or the
// system's scratch file that must not trigger a build.
func Ignored(name string) bool {
	switch {
	case name == "4913", // vim's probe whether the directory is writable
		name == ".DS_Store",
		strings.HasSuffix(name, "~"), // backups of vim, emacs, gedit
		strings.HasPrefix(name, ".") && (strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".swo")),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") && len(name) > 1, // emacs auto-save
		strings.HasPrefix(name, ".#"),     // emacs lock
		strings.HasSuffix(name, ".tmp"),   // many editors' atomic save
		strings.HasPrefix(name, ".~lock"): // LibreOffice lock
		return true
	}
	return false
}

// skipDir names directories that are never content.
func skipDir(name string) bool {
	return name == ".git" || name == ".hg" || name == ".svn"
}

func (w *Watcher) excluded(p string) bool {
	for _, e := range w.exclude {
		if p == e || strings.HasPrefix(p, e+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// addTree watches dir and every directory below it. When found is not nil,
// it is called with every file inside (a directory that just appeared).
func (w *Watcher) addTree(dir string, found func(string)) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // vanished meanwhile or unreadable: not ours to report
		}
		if w.excluded(p) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != dir && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			if err := w.fw.Add(p); err != nil {
				if p == dir {
					return err
				}
				return nil
			}
			w.dirs[p] = true
			return nil
		}
		if found != nil && !Ignored(d.Name()) {
			found(p)
		}
		return nil
	})
}

// forgetTree drops dir and the directories below it from the watch list.
func (w *Watcher) forgetTree(dir string) {
	prefix := dir + string(filepath.Separator)
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, prefix) {
			delete(w.dirs, d)
			_ = w.fw.Remove(d) // may already be gone with the directory
		}
	}
}

func (w *Watcher) note(p string, created bool) {
	if _, seen := w.pending[p]; !seen {
		w.pending[p] = created
	}
}

func (w *Watcher) handle(ev fsnotify.Event) bool {
	p := filepath.Clean(ev.Name)
	name := filepath.Base(p)
	if Ignored(name) || w.excluded(p) {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
			if skipDir(name) {
				return false
			}
			// Walk at once: files created before the watch was added
			// produce no events of their own.
			if err := w.addTree(p, func(f string) { w.note(f, true) }); err != nil {
				w.full = true
			}
			return true
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		if w.dirs[p] {
			// A directory went away: which files it held is unknown here.
			w.forgetTree(p)
			w.full = true
			return true
		}
	}
	w.note(p, ev.Has(fsnotify.Create))
	return true
}

// flush turns the pending paths into a batch, deciding from the file system
// as it is now. A path created and removed within one batch (an editor's
// temporary file) is dropped.
func (w *Watcher) flush() (Batch, bool) {
	var b Batch
	for p, created := range w.pending {
		fi, err := os.Lstat(p)
		switch {
		case err == nil && fi.IsDir():
			// Directories are not reported; their files are.
		case err == nil:
			b.Paths = append(b.Paths, p)
		case errors.Is(err, fs.ErrNotExist):
			if !created {
				b.Paths = append(b.Paths, p)
			}
		default:
			b.Paths = append(b.Paths, p) // unreadable: let the build say why
		}
	}
	clear(w.pending)
	b.Full = w.full
	w.full = false
	slices.Sort(b.Paths)
	return b, b.Full || len(b.Paths) > 0
}

func merge(a, b Batch) Batch {
	paths := append(a.Paths, b.Paths...)
	slices.Sort(paths)
	return Batch{Paths: slices.Compact(paths), Full: a.Full || b.Full}
}

func (w *Watcher) loop() {
	defer close(w.stopped)
	defer close(w.batches)

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var (
		armed bool
		first time.Time // first event of the batch being collected
		ready *Batch    // flushed, waiting for the receiver
	)
	arm := func() {
		now := time.Now()
		if !armed {
			armed, first = true, now
		}
		d := min(w.debounce, first.Add(w.maxWait).Sub(now))
		timer.Reset(max(d, 0))
	}
	for {
		var out chan Batch
		var next Batch
		if ready != nil {
			out, next = w.batches, *ready
		}
		select {
		case <-w.done:
			timer.Stop()
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if w.handle(ev) {
				arm()
			}
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.full = true
				arm()
				continue
			}
			select {
			case w.errs <- err:
			default:
			}
		case <-timer.C:
			armed = false
			if b, ok := w.flush(); ok {
				if ready != nil {
					b = merge(*ready, b)
				}
				ready = &b
			}
		case out <- next:
			ready = nil
		}
	}
}
