// Package assethash names the theme's stylesheets and scripts by their
// content and computes their subresource integrity, so that a CDN may
// cache them for a year: a changed file is a new address, and a browser
// refuses a file whose bytes are not the ones the page names.
//
// Pure functions; the build (not yet) writes each CSS and JS file under
// Name, references it with integrity="SRI(data)", and gives the hashed
// names a long immutable cache in _headers (see Immutable).
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
