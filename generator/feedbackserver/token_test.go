package feedbackserver

import (
	"bytes"
	"errors"
	"net/netip"
	"testing"
	"time"
)

func TestTokens(t *testing.T) {
	tk := Tokens{Key: []byte("key-0123456789abcdef"), MinAge: 3 * time.Second, MaxAge: time.Hour}
	t0 := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	tok, err := tk.Issue(t0)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := tk.Issue(t0)
	if tok == other {
		t.Error("two tokens are equal")
	}
	tests := []struct {
		name string
		tok  string
		at   time.Time
		want error
	}{
		{"at once", tok, t0, &TooYoung{}},
		{"after 2.9 s", tok, t0.Add(2900 * time.Millisecond), &TooYoung{}},
		{"after 3 s", tok, t0.Add(3 * time.Second), nil},
		{"after an hour", tok, t0.Add(time.Hour), nil},
		{"after an hour and a second", tok, t0.Add(time.Hour + time.Second), ErrTokenExpired},
		{"from the future", tok, t0.Add(-2 * time.Second), ErrTokenInvalid},
		{"another key", tok, t0.Add(5 * time.Second), ErrTokenInvalid},
		{"garbage", "not-a-token", t0, ErrTokenInvalid},
		{"empty", "", t0, ErrTokenInvalid},
		{"truncated", tok[:len(tok)-2], t0.Add(5 * time.Second), ErrTokenInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := tk
			if tt.name == "another key" {
				k.Key = []byte("another key")
			}
			nonce, issued, err := k.Check(tt.tok, tt.at)
			switch want := tt.want.(type) {
			case nil:
				if err != nil || len(nonce) != nonceLen || !issued.Equal(t0) {
					t.Errorf("got %x %v %v", nonce, issued, err)
				}
			case *TooYoung:
				var y *TooYoung
				if !errors.As(err, &y) || y.Wait <= 0 || y.Wait > 3*time.Second {
					t.Errorf("got %v", err)
				}
			default:
				if !errors.Is(err, want) {
					t.Errorf("got %v, want %v", err, want)
				}
			}
		})
	}
	// Every bit of the token is covered by the signature.
	raw := []byte(tok)
	for i := range raw {
		flipped := bytes.Clone(raw)
		flipped[i] ^= 0x01
		if _, _, err := tk.Check(string(flipped), t0.Add(5*time.Second)); err == nil {
			t.Errorf("a token changed at byte %d was accepted", i)
		}
	}
}

func TestParseRate(t *testing.T) {
	for in, want := range map[string]Rate{
		"0": {}, "10/h": {10, time.Hour}, "30/10m": {30, 10 * time.Minute}, "5/d": {5, 24 * time.Hour}, "1/s": {1, time.Second}, "3/90s": {3, 90 * time.Second},
	} {
		got, err := ParseRate(in)
		if err != nil || got != want {
			t.Errorf("ParseRate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "10", "x/h", "0/h", "-1/h", "10/", "10/week", "10/-1h"} {
		if _, err := ParseRate(in); err == nil {
			t.Errorf("ParseRate(%q) accepted", in)
		}
	}
}

func TestLimiter(t *testing.T) {
	l := newLimiter(Rate{N: 3, Per: time.Hour}, []byte("salt"))
	a := netip.MustParseAddr("203.0.113.9")
	t0 := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	var got []bool
	for range 4 {
		ok, _ := l.allow(a, t0)
		got = append(got, ok)
	}
	if got[0] != true || got[2] != true || got[3] != false {
		t.Errorf("%v", got)
	}
	if ok, wait := l.allow(a, t0); ok || wait != 20*time.Minute {
		t.Errorf("wait %v, want 20m", wait)
	}
	if ok, _ := l.allow(a, t0.Add(20*time.Minute)); !ok {
		t.Error("no request after 20 minutes")
	}
	// The same address as IPv4-mapped IPv6 is the same.
	if ok, _ := l.allow(netip.MustParseAddr("::ffff:203.0.113.9"), t0.Add(20*time.Minute)); ok {
		t.Error("an IPv4-mapped address has a bucket of its own")
	}
	// Buckets that refilled are dropped; a different salt gives different keys.
	l.allow(netip.MustParseAddr("203.0.113.10"), t0)
	l.allow(netip.MustParseAddr("203.0.113.10"), t0.Add(3*time.Hour))
	if n := l.size(); n != 1 {
		t.Errorf("%d buckets after the sweep, want 1", n)
	}
	if newLimiter(Rate{N: 1, Per: time.Hour}, []byte("other")).key(a) == l.key(a) {
		t.Error("the key does not depend on the salt")
	}
	if ok, _ := newLimiter(Rate{}, nil).allow(a, t0); !ok {
		t.Error("rate 0 is not unlimited")
	}
}

func TestRedactedLog(t *testing.T) {
	var b bytes.Buffer
	r := redacted{&b}
	r.Write([]byte("http: panic serving 203.0.113.9:51234: boom; from [2001:db8::1]:443 and ::ffff:10.0.0.1, at 15:04:05\n"))
	if got := b.String(); got != "http: panic serving [address]: boom; from [address] and [address], at 15:04:05\n" {
		t.Errorf("%q", got)
	}
}
