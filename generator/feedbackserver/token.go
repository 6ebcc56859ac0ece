package feedbackserver

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"time"
)

// A form token is the receiver's signature on the moment a reader began: a
// version byte, the time of issue in milliseconds and 16 random bytes (the
// nonce), followed by 16 bytes of HMAC-SHA256 over them, in base64url. No
// cookie, nothing stored when it is issued: the receiver checks the
// signature and the age when the form comes back, and stores the nonce with
// the message, so a token delivers one message only.
const (
	tokenVersion = 1
	nonceLen     = 16
	macLen       = 16
	payloadLen   = 1 + 8 + nonceLen
)

// The ways a token is refused.
var (
	ErrTokenInvalid = errors.New("the form token is not one of this receiver's")
	ErrTokenExpired = errors.New("the form token has expired")
)

// TooYoung is the error for a form sent sooner than the minimum fill time
// after its token was issued.
type TooYoung struct{ Wait time.Duration }

func (e *TooYoung) Error() string {
	return fmt.Sprintf("the form came back too soon; send it again in %s", e.Wait.Round(time.Second))
}

// Tokens issues and checks form tokens with one key.
type Tokens struct {
	Key    []byte
	MinAge time.Duration // the minimum fill time
	MaxAge time.Duration // how long a reader may take
}

// Issue returns a new token issued at now.
func (t Tokens) Issue(now time.Time) (string, error) {
	p := make([]byte, payloadLen, payloadLen+macLen)
	p[0] = tokenVersion
	binary.BigEndian.PutUint64(p[1:9], uint64(now.UnixMilli()))
	if _, err := rand.Read(p[9:]); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(append(p, t.mac(p)...)), nil
}

func (t Tokens) mac(payload []byte) []byte {
	m := hmac.New(sha256.New, t.Key)
	m.Write(payload)
	return m.Sum(nil)[:macLen]
}

// Check verifies a token at now and returns its nonce and when it was
// issued. A token from the future (beyond a second of clock skew) is
// invalid.
func (t Tokens) Check(tok string, now time.Time) (nonce []byte, issued time.Time, err error) {
	raw, err := base64.RawURLEncoding.Strict().DecodeString(tok) // Strict: one spelling per token, so no changed character is accepted
	if err != nil || len(raw) != payloadLen+macLen || raw[0] != tokenVersion {
		return nil, time.Time{}, ErrTokenInvalid
	}
	p, sig := raw[:payloadLen], raw[payloadLen:]
	if !hmac.Equal(sig, t.mac(p)) {
		return nil, time.Time{}, ErrTokenInvalid
	}
	issued = time.UnixMilli(int64(binary.BigEndian.Uint64(p[1:9])))
	age := now.Sub(issued)
	switch {
	case age < -time.Second:
		return nil, issued, ErrTokenInvalid
	case age > t.MaxAge:
		return nil, issued, ErrTokenExpired
	case age < t.MinAge:
		return nil, issued, &TooYoung{Wait: t.MinAge - age}
	}
	return append([]byte(nil), p[9:]...), issued, nil
}
