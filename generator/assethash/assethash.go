// Package assethash names the theme's stylesheets and scripts by their
// content and computes their subresource integrity, so that a CDN may
// cache them for a year: a changed file is a new address, and a browser
// refuses a file whose bytes are not the ones the page names.
//
// The load stage hashes the theme's CSS and JS files once into a Set; the
// template functions asset and integrity reference them by Name and SRI,
// publish writes them under Name and gives the hashed names a long
// immutable cache in _headers (see Immutable).
package assethash

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"path"
	"strings"
)

// HexLen is how many hex digits of the SHA-256 a name carries: 40 bits,
// enough that two versions of one file do not meet by chance.
const HexLen = 10

// Name is the address of a file by its content: the SHA-256's first
// HexLen hex digits before the extension, "/css/site.css" becomes
// "/css/site.3f2a1b9c0d.css". A name without an extension gets the hash
// at its end ("/js/x.3f2a1b9c0d").
func Name(p string, data []byte) string {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])[:HexLen]
	dir, file := path.Split(p)
	ext := path.Ext(file)
	if ext == "" || ext == file { // no extension, or a dot file
		return dir + file + "." + h
	}
	return dir + strings.TrimSuffix(file, ext) + "." + h + ext
}

// SRI is the integrity attribute's value for data: SHA-384 (the algorithm
// the SRI specification recommends), base64, "sha384-…".
func SRI(data []byte) string {
	sum := sha512.Sum384(data)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// Hashed reports whether p is a name Name made (its stem ends in a dot and
// HexLen lower-case hex digits), for the rule of _headers that caches such
// files for a year.
func Hashed(p string) bool {
	file := path.Base(p)
	if ext := path.Ext(file); ext != "" && ext != file && len(file)-len(ext) > HexLen+1 {
		if stem := strings.TrimSuffix(file, ext); isHashTail(stem) {
			return true
		}
	}
	return isHashTail(file)
}

func isHashTail(s string) bool {
	if len(s) < HexLen+2 || s[len(s)-HexLen-1] != '.' {
		return false
	}
	for _, c := range s[len(s)-HexLen:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Immutable is the Cache-Control of a hashed file: a year, never
// revalidated (its address changes with its bytes). Short is the one of
// everything else, pages first: a CDN asks again after ten minutes.
const (
	Immutable = "public, max-age=31536000, immutable"
	Short     = "public, max-age=600"
)

// Hashes reports whether the theme's static file p is one a build names
// by its content: a stylesheet or a script, what a page references by
// name and a CDN caches.
func Hashes(p string) bool {
	switch path.Ext(p) {
	case ".css", ".js":
		return true
	}
	return false
}

// Asset is a file under its content's name: the site path pages
// reference it by (Name), its integrity (SRI) and its bytes, read once.
type Asset struct {
	Name string
	SRI  string
	Data []byte
}

// Set is a build's hashed files by their own site path ("/css/site.css").
// A nil Set has none: every file keeps its name.
type Set struct {
	byPath map[string]*Asset
	paths  []string
}

// Add hashes data, the file at site path p, once.
func (s *Set) Add(p string, data []byte) {
	if s.byPath == nil {
		s.byPath = map[string]*Asset{}
	}
	if _, dup := s.byPath[p]; !dup {
		s.paths = append(s.paths, p)
	}
	s.byPath[p] = &Asset{Name: Name(p, data), SRI: SRI(data), Data: data}
}

// Get is the file at site path p under its hashed name; nil when it has
// none.
func (s *Set) Get(p string) *Asset {
	if s == nil {
		return nil
	}
	return s.byPath[p]
}

// Names are the hashed names of the set's files, in the order added.
func (s *Set) Names() []string {
	if s == nil {
		return nil
	}
	out := make([]string, len(s.paths))
	for i, p := range s.paths {
		out[i] = s.byPath[p].Name
	}
	return out
}
