package output

import (
	"errors"
	"io"
	"os"

	"github.com/klartext/klartext/generator/fileio"
)

// streamFrom is the size from which a copied file is not read into memory
// but cloned (a reflink, on file systems that share blocks between files:
// Btrfs, XFS) or copied by the kernel (copy_file_range): a site's videos
// are copied once per build without passing through the build's heap.
//
// A hard link would be cheaper still, but it would make the published
// file the source file: an editor writing a video in place would change
// the live site outside a build, and the output would take the source's
// permissions. So the output is always a file of its own.
const streamFrom = 1 << 20

// copyFile copies src to dst (created with mode 0644, or truncated).
func copyFile(dst, src string) error {
	data, err := fileio.ReadFile(src, streamFrom)
	if err == nil {
		return fileio.WriteFile(dst, data)
	}
	var tooLarge *fileio.TooLargeError
	if !errors.As(err, &tooLarge) {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if clone(out, in) != nil {
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
	}
	return out.Close()
}
