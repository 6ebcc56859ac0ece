//go:build unix

package pipeline

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// fifo returns a change that replaces file (below the site root) by a
// named pipe; opening one for reading blocks until someone writes.
func fifo(t *testing.T, file string) func(root string) {
	return func(root string) {
		p := filepath.Join(root, filepath.FromSlash(file))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.Remove(p)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
	}
}

func noHang(t *testing.T) func() bool {
	return time.AfterFunc(20*time.Second, func() { panic("the build hangs on a named pipe") }).Stop
}

func TestBadInputSiteSettingsNamedPipe(t *testing.T) {
	defer noHang(t)()
	refused(t, fifo(t, "content/site.yaml"),
		"content/site.yaml: this is not a regular file (a named pipe, socket or device) and cannot be published — remove it from content/")
}

func TestBadInputDataNamedPipe(t *testing.T) {
	defer noHang(t)()
	refused(t, fifo(t, "content/data/feedback.csv"),
		"content/data/feedback.csv: this is not a regular file (a named pipe, socket or device) and cannot be published — remove it from content/")
}

func TestBadInputThemeNamedPipe(t *testing.T) {
	defer noHang(t)()
	refused(t, fifo(t, "themes/klartext/layouts/partials/header.html"),
		"themes/klartext/layouts/partials/header.html: this is not a regular file (a named pipe, socket or device) and cannot be published — remove it from themes/klartext/")
}
