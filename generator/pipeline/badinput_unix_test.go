//go:build unix

package pipeline

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestBadInputNamedPipe: opening a FIFO blocks until someone writes to it,
// so a build that tried to read one would hang.
func TestBadInputNamedPipe(t *testing.T) {
	watchdog := time.AfterFunc(20*time.Second, func() { panic("the build hangs on a named pipe") })
	defer watchdog.Stop()
	refused(t, func(root string) {
		if err := syscall.Mkfifo(filepath.Join(root, "content", "rohr.md"), 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
	}, "content/rohr.md: this is not a regular file (a named pipe, socket or device) and cannot be published — remove it from content/")
}
