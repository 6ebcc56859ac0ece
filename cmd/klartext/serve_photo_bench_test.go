package main

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/imaging/imagetest"
)

// BenchmarkPhotoToReload measures the time from saving a changed photo to
// the reload event of the page that shows it, on a site given by
// KLARTEXT_BENCH_PHOTO_SITE, made by
//
//	go run ./scripts/portraits -photos 200 -site /dev/shm/site200
//	KLARTEXT_BENCH_PHOTO_SITE=/dev/shm/site200 go test -run '^$' -bench PhotoToReload ./cmd/klartext
//
// A changed photo is a full build with every other image from the cache,
// and the changed one made again. content/fotos/000.jpg is restored
// afterwards.
func BenchmarkPhotoToReload(b *testing.B) {
	site := os.Getenv("KLARTEXT_BENCH_PHOTO_SITE")
	if site == "" {
		b.Skip("set KLARTEXT_BENCH_PHOTO_SITE to a site made by scripts/portraits -photos")
	}
	file := filepath.Join(site, "content", "fotos", "000.jpg")
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)
	const page = "/fotos/seite-01/"

	events := benchServer(b, site, page, `<picture>`)

	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		photo := imagetest.Picture(1200, 1600)
		tint(photo, i)
		data := imagetest.JPEG(photo, imagetest.JPEGOptions{GPS: true})
		b.StartTimer()
		tmp := file + ".tmp~"
		os.WriteFile(tmp, data, 0o644)
		os.Rename(tmp, file)
		for e := range events {
			if strings.HasPrefix(e, "reload") && strings.Contains(e, page) {
				break
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/save")
}

// tint makes each saved photo differ.
func tint(img *image.RGBA, i int) {
	for y := 0; y < 40; y++ {
		for x := 0; x < 40; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(i * 37), uint8(i * 91), 200, 255})
		}
	}
}
