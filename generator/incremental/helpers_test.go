package incremental

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/pipeline"
	"github.com/klartext/klartext/generator/sitetest"
)

// testNow is the tests' today, so the demo's dates do not age out (the
// same as pipeline's tests).
var testNow = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

func copyDemo(t *testing.T) string { return sitetest.CopyDemo(t, filepath.Join("..", "..")) }

// germanDemo is the demo as a site of one language (sitetest.GermanDemo):
// a site of several languages is always built whole, so the incremental
// paths are tested on it.
func germanDemo(t *testing.T) string { return sitetest.GermanDemo(t, filepath.Join("..", "..")) }

func edit(t *testing.T, root, file, old, new string) { sitetest.Edit(t, root, file, old, new) }

func tree(t testing.TB, dir string) string { return sitetest.Checksums(t, dir) }

func joinDiags(r *pipeline.Result) string { return sitetest.Diagnostics(r.Diagnostics) }

func read(t *testing.T, p string) string { return sitetest.Read(t, p) }
