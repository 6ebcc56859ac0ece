// Package imaging is klartext's image domain: it recognises formats by
// their bytes, reads and removes metadata, decodes within limits, applies
// the EXIF orientation, crops by a focal point, resizes, encodes WebP, JPEG
// and PNG, and keeps the results in a content-addressed cache.
//
// The parts, each pure where it can be:
//
//   - sniff.go: the format from the first bytes (HEIC and AVIF included,
//     which browsers and this package cannot show or convert).
//   - jpeg.go, png.go, webp.go, gif.go: the containers, walked segment by
//     segment; Strip rewrites a file without its metadata and without
//     touching the pixels.
//   - exif.go, icc.go: the little of EXIF (orientation, GPS) and ICC (the
//     profile's name) that the build needs.
//   - metadata.go: Metadata lists what a file carries, for tests and
//     checks.
//   - decode.go: decoding with a pixel limit set before the pixels are
//     read, panics of the decoders turned into errors.
//   - geometry.go: orientation, crop by focus, resizing.
//   - plan.go: which widths a use of an image needs (pure).
//   - encode.go: the encoders, counted.
//   - cache.go, publish.go: the cache under <site>/.klartext-cache/ and
//     the Publisher that the build asks for an image's files.
//
// What leaves the build carries no metadata at all: EXIF (with GPS), XMP,
// IPTC, comments, PNG text chunks, and ICC colour profiles. A profile
// carries no personal data, but the pixels are published as sRGB without
// one, consistently for every variant; Info.Profile names a profile that
// is not sRGB, so the build can warn that its colours will look paler.
package imaging
