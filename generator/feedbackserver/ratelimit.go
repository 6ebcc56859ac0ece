package feedbackserver

import (
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Rate is how many requests an address may make in a period.
type Rate struct {
	N   int
	Per time.Duration
}

// ParseRate reads "10/h", "30/10m", "0" (no limit): N per period, the
// period a Go duration or one of s, m, h, d alone.
func ParseRate(s string) (Rate, error) {
	if s == "0" {
		return Rate{}, nil
	}
	n, per, ok := strings.Cut(s, "/")
	if !ok {
		return Rate{}, fmt.Errorf("rate %q: write N/PERIOD, e.g. 10/h or 30/10m", s)
	}
	count, err := strconv.Atoi(n)
	if err != nil || count < 1 {
		return Rate{}, fmt.Errorf("rate %q: %q is not a positive whole number", s, n)
	}
	switch per {
	case "s", "m", "h":
		per = "1" + per
	case "d":
		per = "24h"
	}
	d, err := time.ParseDuration(per)
	if err != nil || d <= 0 {
		return Rate{}, fmt.Errorf("rate %q: %q is not a period (s, m, h, d or e.g. 10m)", s, per)
	}
	return Rate{N: count, Per: d}, nil
}

func (r Rate) String() string {
	if r.N == 0 {
		return "0"
	}
	return strconv.Itoa(r.N) + "/" + r.Per.String()
}

// limiter is a token bucket per address. Addresses are never kept: the key
// is an HMAC of the address (an IPv6 address by its /64, what one
// subscriber gets) under a salt drawn when the process starts and held in
// memory only, so the keys cannot be turned back into addresses or linked
// across restarts. Buckets that refilled are dropped.
type limiter struct {
	rate Rate
	salt []byte

	mu      sync.Mutex
	buckets map[[16]byte]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

// maxBuckets bounds the limiter's memory (about 100 bytes a bucket); past
// it the full buckets are dropped at once.
const maxBuckets = 200_000

func newLimiter(r Rate, salt []byte) *limiter {
	return &limiter{rate: r, salt: salt, buckets: map[[16]byte]*bucket{}}
}

// key is the address's salted hash.
func (l *limiter) key(addr netip.Addr) [16]byte {
	addr = addr.Unmap()
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		addr = p.Addr()
	}
	m := hmac.New(sha256.New, l.salt)
	b, _ := addr.MarshalBinary()
	m.Write(b)
	var k [16]byte
	copy(k[:], m.Sum(nil))
	return k
}

// allow takes one request from addr's bucket at now; when it is empty it
// says how long until the next one is allowed.
func (l *limiter) allow(addr netip.Addr, now time.Time) (bool, time.Duration) {
	if l.rate.N == 0 {
		return true, 0
	}
	k := l.key(addr)
	perToken := l.rate.Per / time.Duration(l.rate.N)
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > l.rate.Per || len(l.buckets) > maxBuckets {
		l.sweep(now)
	}
	b := l.buckets[k]
	if b == nil {
		b = &bucket{tokens: float64(l.rate.N), at: now}
		l.buckets[k] = b
	}
	b.refill(l.rate, now)
	if b.tokens < 1 {
		return false, time.Duration((1 - b.tokens) * float64(perToken))
	}
	b.tokens--
	return true, 0
}

func (b *bucket) refill(r Rate, now time.Time) {
	if el := now.Sub(b.at); el > 0 {
		b.tokens = min(float64(r.N), b.tokens+float64(r.N)*el.Seconds()/r.Per.Seconds())
		b.at = now
	}
}

// sweep drops the buckets that are full again: they hold nothing a new
// bucket would not.
func (l *limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		b.refill(l.rate, now)
		if b.tokens >= float64(l.rate.N) {
			delete(l.buckets, k)
		}
	}
	l.swept = now
}

// size is the number of buckets held (for tests).
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
