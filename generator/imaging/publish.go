package imaging

import (
	"fmt"
	"image"
	"runtime"
	"sync"
	"sync/atomic"
)

// Publisher makes the files a site publishes of its images, from the
// cache when it can. It is safe for concurrent use; the build calls it
// from as many goroutines as it renders with.
type Publisher struct {
	cache   *Cache // nil: nothing is kept between builds
	version string
	gate    pixelGate

	decodes, encodes atomic.Int64
}

// NewPublisher returns a publisher that keeps its work in cache (nil for
// none).
func NewPublisher(cache *Cache) *Publisher {
	p := &Publisher{cache: cache, version: codecVersion()}
	p.gate.free = 2 * MaxPixels
	p.gate.cond = sync.NewCond(&p.gate.mu)
	return p
}

// Decodes is how many pictures were decoded; Encodes how many files were
// encoded. Both are 0 for a build whose images are all in the cache.
func (p *Publisher) Decodes() int64 { return p.decodes.Load() }
func (p *Publisher) Encodes() int64 { return p.encodes.Load() }

// Source is an analysed image file.
type Source struct {
	Hash string // SHA-256 of the file
	Info Info
}

// Analyze identifies the file and checks that its picture decodes (once
// per content: the result is cached by hash).
func (p *Publisher) Analyze(data []byte) (Source, error) {
	s := Source{Hash: hashOf(data)}
	if info, ok := p.cache.info(s.Hash); ok {
		s.Info = info
		return s, nil
	}
	info, err := Inspect(data)
	if err != nil {
		return s, err
	}
	if !info.Animated {
		img, err := p.decode(data, info)
		if err != nil {
			return s, err
		}
		info.Alpha = !img.Opaque()
	}
	s.Info = info
	_ = p.cache.putInfo(s.Hash, info) // a cache that cannot be written only costs time
	return s, nil
}

func (p *Publisher) decode(data []byte, info Info) (*image.RGBA, error) {
	n := int64(info.Width) * int64(info.Height)
	p.gate.acquire(n)
	defer p.gate.release(n)
	p.decodes.Add(1)
	return Decode(data, info)
}

// Original is what is published at the original file's own address: the
// file without its metadata, the compressed picture untouched — or, when
// its EXIF orientation turns it, the picture turned and encoded again
// (Upright), since no browser would turn it without the tag.
func (p *Publisher) Original(s Source, data []byte) ([]byte, error) {
	if s.Info.Orientation == 1 || s.Info.Animated {
		out, err := Strip(data)
		if err != nil {
			return nil, corrupt("%v", err)
		}
		return out, nil
	}
	files, err := p.files(s, []Variant{Upright(s.Info)}, func() ([]byte, error) { return data, nil }, true)
	if err != nil {
		return nil, err
	}
	return files[0].Data, nil
}

// File is one published file of a use of an image.
type File struct {
	Variant
	Key  string // content address: the cache key, and a part of the file's name
	Data []byte // nil when not produced
}

// Files returns the files a use publishes (Plan). read gives the source's
// bytes; it is called only when something is not in the cache. With
// produce false nothing is decoded or encoded and Data stays nil (klartext
// check names the files without making them).
func (p *Publisher) Files(s Source, u Use, read func() ([]byte, error), produce bool) ([]File, error) {
	return p.files(s, Plan(s.Info, u), read, produce)
}

func (p *Publisher) files(s Source, vs []Variant, read func() ([]byte, error), produce bool) ([]File, error) {
	out := make([]File, len(vs))
	var missing []int
	for i, v := range vs {
		out[i] = File{Variant: v, Key: hashOf([]byte(s.Hash), []byte(v.String()), []byte(p.version))}
		if !produce {
			continue
		}
		if data, ok := p.cache.get(out[i].Key, "."+v.Enc.Ext()); ok {
			out[i].Data = data
		} else {
			missing = append(missing, i)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	data, err := read()
	if err != nil {
		return nil, err
	}
	if hashOf(data) != s.Hash {
		return nil, fmt.Errorf("the file changed while the site was being built; build again")
	}
	img, err := p.decode(data, s.Info)
	if err != nil {
		return nil, err
	}
	// Variants of one size share the resized picture (WebP and fallback);
	// the encoders run in parallel, so one changed photo (klartext serve)
	// uses every core, not one.
	resized := map[Variant]*image.RGBA{}
	errs := make([]error, len(out))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for _, i := range missing {
		v := out[i].Variant
		size := Variant{Width: v.Width, Height: v.Height, Crop: v.Crop}
		src := resized[size]
		if src == nil {
			src = img
			if v.Crop != img.Rect || v.Width != img.Rect.Dx() || v.Height != img.Rect.Dy() {
				src = Resize(img, v.Crop, v.Width, v.Height)
			}
			resized[size] = src
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			p.encodes.Add(1)
			enc, err := Encode(src, v.Enc, v.Quality)
			if err != nil {
				errs[i] = err
				return
			}
			out[i].Data = enc
			_ = p.cache.put(out[i].Key, "."+v.Enc.Ext(), enc)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// pixelGate bounds the pixels decoded at the same time, so several large
// photos decoding in parallel cannot take the machine's memory; a picture
// larger than the whole budget waits until it has the gate alone.
type pixelGate struct {
	mu   sync.Mutex
	cond *sync.Cond
	free int64
	used int64
}

func (g *pixelGate) acquire(n int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for g.used > 0 && g.used+n > g.free {
		g.cond.Wait()
	}
	g.used += n
}

func (g *pixelGate) release(n int64) {
	g.mu.Lock()
	g.used -= n
	g.mu.Unlock()
	g.cond.Broadcast()
}
