package output

import (
	"sync"
	"sync/atomic"

	"github.com/klartext/klartext/generator/diag"
)

// Writer writes a build's files into a sink: only the paths the Registry
// has an owner for, since a file nobody answers for is klartext's own
// mistake. It counts the files and keeps the problems it met as
// diagnostics. Safe for concurrent use.
type Writer struct {
	claims *claims
	sink   Sink
	files  atomic.Int64

	mu    sync.Mutex
	diags []diag.Diagnostic
}

// claims is the registry and its lock, shared by the writers of one
// build: the sizes of images are named by their content and claimed while
// pages render (ClaimLate).
type claims struct {
	mu  sync.RWMutex
	reg *Registry
}

// NewWriter writes the files reg has owners for into sink.
func NewWriter(reg *Registry, sink Sink) *Writer {
	return &Writer{claims: &claims{reg: reg}, sink: sink}
}

// To is a writer of the same registry into another sink, counting anew:
// an incremental build writes into the served folder.
func (w *Writer) To(sink Sink) *Writer {
	return &Writer{claims: w.claims, sink: sink}
}

// Write writes one file that has an owner.
func (w *Writer) Write(sitePath string, data []byte) {
	if _, ok := w.Owner(sitePath); !ok {
		w.report(diag.Errorf("", 0, "internal error: %s is written without being registered (output.Registry); please report this", sitePath))
		return
	}
	w.files.Add(1)
	if err := w.sink.WriteFile(sitePath, data); err != nil {
		w.report(diag.Errorf("", 0, "cannot write %s: %v", sitePath, err))
	}
}

// Remove removes a file the build no longer makes (a file of the search
// index after an incremental update).
func (w *Writer) Remove(sitePath string) {
	if err := w.sink.Remove(sitePath); err != nil {
		w.report(diag.Errorf("", 0, "cannot remove %s: %v", sitePath, err))
	}
}

// Owner is who claimed the path.
func (w *Writer) Owner(sitePath string) (Source, bool) {
	w.claims.mu.RLock()
	defer w.claims.mu.RUnlock()
	return w.claims.reg.Owner(sitePath)
}

// ClaimLate claims a file whose name is known only once it is made (a
// size of an image, named by its content) while other files are written;
// false, with the clash, when the path has another owner.
func (w *Writer) ClaimLate(sitePath string, src Source) (Clash, bool) {
	w.claims.mu.Lock()
	defer w.claims.mu.Unlock()
	return w.claims.reg.ClaimOne(sitePath, src)
}

// Files is how many files were written.
func (w *Writer) Files() int { return int(w.files.Load()) }

// Diagnostics are the problems writing met.
func (w *Writer) Diagnostics() []diag.Diagnostic {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]diag.Diagnostic(nil), w.diags...)
}

// Report adds problems with the build's files met elsewhere (a clash of
// a file claimed late) to the writer's.
func (w *Writer) Report(ds ...diag.Diagnostic) {
	w.mu.Lock()
	w.diags = append(w.diags, ds...)
	w.mu.Unlock()
}

func (w *Writer) report(d diag.Diagnostic) { w.Report(d) }
