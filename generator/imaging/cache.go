package imaging

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/klartext/klartext/generator/fileio"
)

// CacheDir is the cache's folder below the site root; build and serve
// share it, and it is safe to delete at any time.
const CacheDir = ".klartext-cache"

// maxCachedBytes bounds a file read back from the cache.
const maxCachedBytes = 256 << 20

// Cache keeps encoded files and the analysis of sources by content hash,
// so a build with unchanged images decodes and encodes nothing. Entries
// are written to a temporary name and renamed, so a killed build never
// leaves half a file under a key; two builds writing the same key write
// the same bytes.
type Cache struct {
	dir string
}

// OpenCache opens (and creates) the image cache below dir.
func OpenCache(dir string) (*Cache, error) {
	d := filepath.Join(dir, "images")
	if err := os.MkdirAll(d, 0o755); err != nil {
		return nil, err
	}
	// The CACHEDIR.TAG convention tells backup tools to skip the folder.
	tag := filepath.Join(dir, "CACHEDIR.TAG")
	if _, err := os.Stat(tag); errors.Is(err, fs.ErrNotExist) {
		_ = os.WriteFile(tag, []byte("Signature: 8a477f597d28d172789f06886806bc55\n# klartext's image cache; delete it at any time.\n"), 0o644)
	}
	return &Cache{dir: d}, nil
}

func (c *Cache) path(key, ext string) string {
	return filepath.Join(c.dir, key[:2], key+ext)
}

func (c *Cache) get(key, ext string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	data, err := fileio.ReadOwnFile(c.path(key, ext), maxCachedBytes)
	return data, err == nil
}

func (c *Cache) put(key, ext string, data []byte) error {
	if c == nil {
		return nil
	}
	p := c.path(key, ext)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	tmp.Close()
	if err := fileio.WriteFile(name, data); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, p); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

func (c *Cache) info(hash string) (Info, bool) {
	data, ok := c.get(hash, ".json")
	if !ok {
		return Info{}, false
	}
	var i Info
	if json.Unmarshal(data, &i) != nil || !i.Format.Raster() {
		return Info{}, false
	}
	return i, true
}

func (c *Cache) putInfo(hash string, i Info) error {
	data, err := json.Marshal(i)
	if err != nil {
		return err
	}
	return c.put(hash, ".json", data)
}

// hashOf is the hex SHA-256 of the parts, each followed by a zero byte.
func hashOf(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
