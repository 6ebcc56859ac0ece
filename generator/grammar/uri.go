package grammar

// URI percent-encodes s as RFC 3986 requires of a URI (section 2): every
// byte that is not unreserved (letters, digits, - . _ ~), not reserved
// (: / ? # @ ! $ & ' ( ) * + , ; =) and not the % of an escape already
// there becomes %XX — letters beyond ASCII as their UTF-8 bytes, spaces,
// controls, " < > \ ^ ` { | }, [ and ], and a % without two hex digits
// after it. An address that is already a URI comes back as it is, so URI
// may be applied twice: "https://bank.de/über-uns/" is
// "https://bank.de/%C3%BCber-uns/", which browsers show with its Umlaut.
func URI(s string) string {
	i := 0
	for i < len(s) && uriKeep(s, i) {
		i++
	}
	if i == len(s) {
		return s
	}
	const hexDigits = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+16)
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		if uriKeep(s, i) {
			b = append(b, s[i])
			continue
		}
		c := s[i]
		b = append(b, '%', hexDigits[c>>4], hexDigits[c&0xf])
	}
	return string(b)
}

// uriKeep reports whether the byte at i stays as it is.
func uriKeep(s string, i int) bool {
	c := s[i]
	if c == '%' {
		return i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
	}
	return c < 0x80 && uriChars[c]
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// uriChars are the unreserved and reserved characters but [ and ], which
// RFC 3986 allows only around an IPv6 address (Host refuses those).
var uriChars = func() (t [128]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "-._~:/?#@!$&'()*+,;=" {
		t[c] = true
	}
	return t
}()
