//go:build !linux

package output

import (
	"os"
	"path/filepath"
)

// exchange swaps two folders with two renames. Between them the destination
// is briefly missing; systems without an atomic exchange cannot do better.
func exchange(a, b string) error {
	old := filepath.Join(filepath.Dir(b), ".klartext-old-"+filepath.Base(b)+"-swap")
	if err := os.Rename(b, old); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		_ = os.Rename(old, b)
		return err
	}
	return os.Rename(old, a)
}
