package grammar

import (
	"net/mail"
	"net/url"
	"strings"
	"testing"
)

func errMsg(err error) string {
	if err == nil {
		return ""
	}
	return err.(*Error).Msg.String()
}

func TestHost(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"comments.example-bank.de", ""},
		{"127.0.0.1", ""},
		{"localhost", ""},
		{"xn--bnk-sna.de", ""},
		{"", "has no host name"},
		{"*", "has a wildcard (*) in its host"},
		{"*.example", "has a wildcard (*) in its host"},
		{"a.example;sandbox", `has ';' in its host, which a host name cannot have`},
		{"a.example,b.example", `has ',' in its host, which a host name cannot have`},
		{"'self'", `has '\'' in its host, which a host name cannot have`},
		{"a..example", "has an empty part in its host name (two dots, or a dot at the start or end)"},
		{"a.example.", "has an empty part in its host name (two dots, or a dot at the start or end)"},
		{"-a.example", "has a part of its host name that starts or ends with a hyphen"},
		{"bänk.de", "has letters beyond ASCII in its host"},
		{"[::1]", "has an IPv6 address as its host, which a Content-Security-Policy cannot name"},
		{strings.Repeat("a", 64) + ".de", "has a part of its host name longer than 63 characters"},
		{strings.Repeat("a.", 127) + "de", "has a host name longer than 253 characters"},
	} {
		if got := errMsg(Host(tc.in)); got != tc.want {
			t.Errorf("Host(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLoopback(t *testing.T) {
	for in, want := range map[string]bool{"localhost": true, "LOCALHOST": true, "127.0.0.1": true, "127.1.2.3": true,
		"127.0.0.256": false, "128.0.0.1": false, "127.0.0": false, "localhost.example": false, "127.0.0.1.example": false} {
		if got := Loopback(in); got != want {
			t.Errorf("Loopback(%q) = %v", in, got)
		}
	}
}

func TestWebURL(t *testing.T) {
	const https, loop, any = HTTPS, HTTPSOrLoopback, HTTPOrHTTPS
	for _, tc := range []struct {
		in      string
		schemes Schemes
		want    string // "" means valid
	}{
		{"https://feedback.example-bank.de/submit?form=1", https, ""},
		{"https://comments.example-bank.de:8443/isso/", loop, ""},
		{"https://www.example-bank.de/über-uns/", https, ""},
		{"http://127.0.0.1:40123/submit", loop, ""},
		{"http://localhost/submit", loop, ""},
		{"http://www.example-bank.de/", any, ""},
		{"http://feedback.example-bank.de/submit", loop, "is http://: what readers send would travel unencrypted"},
		{"http://127.0.0.1/submit", https, "is http://, not https://"},
		{"ftp://x.example/", https, "is not a web address (https://)"},
		{"javascript://x.example/%0aalert(1)", any, "is not a web address (http:// or https://)"},
		{"javascript:alert(1)", https, "is not an absolute web address"},
		{"/submit", https, "is not an absolute web address"},
		{"https:comments.example", https, "is not an absolute web address"},
		{"", https, "is empty"},
		{"https://a.example/x y", https, "has a space or control character in it"},
		{"https://a.example/\nSet-Cookie: x", https, "has a space or control character in it"},
		{"https://a.example/\u202egpj", https, "has a space or control character in it"},
		{"https://user:pw@a.example/", https, "has a user name or password in it (before the @)"},
		{"https://*", loop, "has a wildcard (*) in its host"},
		{"https://*.example", loop, "has a wildcard (*) in its host"},
		{"https://c.example;sandbox", loop, `has ';' in its host, which a host name cannot have`},
		{"https://c.example:99999/", loop, `has the port "99999", which is not a number from 1 to 65535`},
		{"https://c.example:/", loop, "ends its host with a colon but gives no port"},
		{"https://[::1]:8080/", loop, "has an IPv6 address as its host, which a Content-Security-Policy cannot name"},
	} {
		_, err := WebURL(tc.in, tc.schemes)
		if got := errMsg(err); got != tc.want {
			t.Errorf("WebURL(%q, %d) = %q, want %q", tc.in, tc.schemes, got, tc.want)
		}
	}
}

func TestOriginIsACSPSource(t *testing.T) {
	for in, want := range map[string]string{
		"https://Comments.Example-Bank.de/isso/": "https://comments.example-bank.de",
		"https://c.example:8443/x?y#z":           "https://c.example:8443",
		"http://127.0.0.1:40123/submit":          "http://127.0.0.1:40123",
	} {
		u, err := WebURL(in, HTTPSOrLoopback)
		if err != nil {
			t.Fatal(err)
		}
		got := Origin(u)
		if got != want {
			t.Errorf("Origin(%q) = %q, want %q", in, got, want)
		}
		if err := CSPSource(got); err != nil {
			t.Errorf("the origin %q is no CSP source: %v", got, err)
		}
	}
}

func TestCSPSource(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"'self'", ""}, {"'none'", ""}, {"data:", ""},
		{"https://giscus.app", ""}, {"https://c.example:8443", ""}, {"http://127.0.0.1:1313", ""},
		{"'unsafe-inline'", "is not a source klartext writes ('self', 'none', data: or https://host)"},
		{"*", "is not a source klartext writes ('self', 'none', data: or https://host)"},
		{"https:", "is not a source klartext writes ('self', 'none', data: or https://host)"},
		{"https://*", "has a wildcard (*) in its host"},
		{"https://*.example", "has a wildcard (*) in its host"},
		{"https://c.example/path", "has a path; a policy source names scheme, host and port only"},
		{"https://c.example;", `has ';' in its host, which a host name cannot have`},
		{"https://c.example:*", `has the port "*", which is not a number from 1 to 65535`},
	} {
		if got := errMsg(CSPSource(tc.in)); got != tc.want {
			t.Errorf("CSPSource(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParsePolicy(t *testing.T) {
	p, err := ParsePolicy("default-src 'self'; img-src 'self' data:; script-src 'self' https://giscus.app; frame-src 'none';")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(p.Names, " ") != "default-src img-src script-src frame-src" || strings.Join(p.Sources["script-src"], " ") != "'self' https://giscus.app" {
		t.Errorf("parsed %+v", p)
	}
	for in, want := range map[string]string{
		"default-src 'self'; script-src https://c.example; sandbox":  "",
		"script-src 'self', script-src *":                            "has a comma, which starts a second policy",
		"script-src 'self'; script-src https://evil.example":         "names the directive script-src twice",
		"script-src https://*":                                       "script-src https://* has a wildcard (*) in its host",
		"script-src data:":                                           "script-src allows data:, which only images may use",
		"script-src 'self'\n; report-uri x":                          "has a character that is not printable ASCII",
		"script_src 'self'":                                          "has the directive name script_src, which is not letters, digits and hyphens",
		"frame-src https://www.youtube-nocookie.com 'unsafe-inline'": "frame-src 'unsafe-inline' is not a source klartext writes ('self', 'none', data: or https://host)",
	} {
		_, err := ParsePolicy(in)
		if got := errMsg(err); got != want {
			t.Errorf("ParsePolicy(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEmail(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"anna.berger@example-bank.de", ""},
		{"a+b_c-d'e@bank.example", ""},
		{"anna@bank.example?bcc=x@evil.example", "has more than one @"},
		{"anna?bcc=x@bank.example", `has '?' before the @, which would change what a mail program does with the link`},
		{"anna#x@bank.example", `has '#' before the @, which would change what a mail program does with the link`},
		{"anna%0a@bank.example", `has '%' before the @, which would change what a mail program does with the link`},
		{"Anna Berger <anna@bank.example>", "is not a plain e-mail address (a name, a comment or a second address is around it)"},
		{"anna@bank.example (Anna)", "is not a plain e-mail address (a name, a comment or a second address is around it)"},
		{"anna@bank.example,b@bank.example", "is not a plain e-mail address (a name, a comment or a second address is around it)"},
		{`"anna"@bank.example`, "is not a plain e-mail address (a name, a comment or a second address is around it)"},
		{"anna@[127.0.0.1]", "has a domain literal in brackets, which is no domain name"},
		{"a@[IPv6:2001:db8::1]", "is not a plain e-mail address (a name, a comment or a second address is around it)"},
		{"anna@127.0.0.1", "has an IP address after the @"},
		{"anna", "has no @"},
		{"@bank.example", "has nothing before the @"},
		{"anna@localhost", "has no domain with a dot after the @"},
		{".anna@bank.example", "has a dot at the start or end of the name, or two dots in a row"},
		{"an..na@bank.example", "has a dot at the start or end of the name, or two dots in a row"},
		{"jörg@bank.example", "has letters beyond ASCII before the @, which not every mail program can send to"},
		{"anna@bänk.example", "has a domain that has letters beyond ASCII in its host"},
		{"anna@bank.example\n", `has a domain that has '\n' in its host, which a host name cannot have`},
		{"an\nna@bank.example", `has '\n' before the @, which would change what a mail program does with the link`},
		{strings.Repeat("a", 65) + "@bank.example", "has more than 64 characters before the @"},
		{"", "is empty"},
		// The cases of the feedback receiver's former PlainEmail.
		{"a@example.test", ""},
		{"first.last+tag@sub.example.de", ""},
		{"a", "has no @"},
		{"a@", "has no domain with a dot after the @"},
		{"@example.test", "has nothing before the @"},
		{"a@example", "has no domain with a dot after the @"},
		{"a@.example.test", "has a domain that has an empty part in its host name (two dots, or a dot at the start or end)"},
		{"a@example.test.", "has a domain that has an empty part in its host name (two dots, or a dot at the start or end)"},
		{"A <a@example.test>", "is not a plain e-mail address (a name, a comment or a second address is around it)"},
		{"a@example.test?bcc=b@example.test", "has more than one @"},
		{"a b@example.test", "is not a plain e-mail address (a name, a comment or a second address is around it)"},
		{`"a"@example.test`, "is not a plain e-mail address (a name, a comment or a second address is around it)"},
		{"a@[127.0.0.1]", "has a domain literal in brackets, which is no domain name"},
		{"a@example.test\n", `has a domain that has '\n' in its host, which a host name cannot have`},
		// RFC 5321's 254 characters for the whole address (PlainEmail's
		// limit, and the form's maxlength): at the limit, and one over.
		{strings.Repeat("a", 64) + "@" + strings.Repeat("b", 63) + "." + strings.Repeat("b", 63) + "." + strings.Repeat("c", 61), ""},
		{strings.Repeat("a", 64) + "@" + strings.Repeat("b", 63) + "." + strings.Repeat("b", 63) + "." + strings.Repeat("c", 62), "is longer than 254 characters, more than a mail server takes"},
		// Where PlainEmail was laxer, the stricter rule holds.
		{"a&b@example.test", `has '&' before the @, which would change what a mail program does with the link`},
		{"a@127.0.0.1", "has an IP address after the @"},
	} {
		if got := errMsg(Email(tc.in)); got != tc.want {
			t.Errorf("Email(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestURI(t *testing.T) {
	for in, want := range map[string]string{
		"https://bank.de/über-uns/":         "https://bank.de/%C3%BCber-uns/",
		"https://bank.de/%C3%BCber-uns/":    "https://bank.de/%C3%BCber-uns/",
		"/große straße/":                    "/gro%C3%9Fe%20stra%C3%9Fe/",
		"https://a.example/?q=1&r=a+b#frag": "https://a.example/?q=1&r=a+b#frag",
		"/100%/":                            "/100%25/",
		"/a%zz":                             "/a%25zz",
		"/x\n<script>\"'`{|}^\\[]":          "/x%0A%3Cscript%3E%22'%60%7B%7C%7D%5E%5C%5B%5D",
		"/\u202egpj.exe":                    "/%E2%80%AEgpj.exe",
		"mailto:anna@bank.example":          "mailto:anna@bank.example",
		"https://a.example/(x)!$*,;=:@~._-": "https://a.example/(x)!$*,;=:@~._-",
	} {
		if got := URI(in); got != want {
			t.Errorf("URI(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzURI: URI's output has only URI characters, is a fixed point, parses
// as a URL reference, and decodes back to the input where the input had no
// % of its own.
func FuzzURI(f *testing.F) {
	for _, s := range []string{"https://bank.de/über-uns/", "/100%", "%zz%4", "\x00\xff", "a b?c=d#e", "[::1]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := URI(s)
		for i := 0; i < len(out); i++ {
			if !uriKeep(out, i) {
				t.Fatalf("URI(%q) = %q keeps byte %q at %d", s, out, out[i], i)
			}
		}
		if again := URI(out); again != out {
			t.Fatalf("URI is no fixed point: %q → %q → %q", s, out, again)
		}
		if !strings.Contains(s, "%") {
			if dec, err := url.PathUnescape(out); err != nil || dec != s {
				t.Fatalf("URI(%q) = %q decodes to %q, %v", s, out, dec, err)
			}
		}
	})
}

// FuzzEmail: an address Email accepts is one net/mail reads as the same
// plain address, and has nothing a mailto: link would read as more than
// the address.
func FuzzEmail(f *testing.F) {
	for _, s := range []string{"anna@bank.example", "anna@bank.example?bcc=x@evil", "a.b+c@x-y.example", "<a@b.c>", "a@b..c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Email(s) != nil {
			return
		}
		if strings.ContainsAny(s, "?#%&/<>\"\\ \t\r\n,;:()[]") {
			t.Fatalf("Email accepted %q", s)
		}
		if a, err := mail.ParseAddress(s); err != nil || a.Name != "" || a.Address != s || len(s) > EmailMaxLen {
			t.Fatalf("Email accepted %q, which net/mail reads as %+v, %v", s, a, err)
		}
		if URI("mailto:"+s) != "mailto:"+s {
			t.Fatalf("Email accepted %q, which needs percent-encoding in a mailto: link", s)
		}
		u, err := url.Parse("mailto:" + s)
		if err != nil || u.Opaque != s || u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("mailto:%s parses as %+v, %v", s, u, err)
		}
	})
}

// FuzzWebURL: an address WebURL accepts has an origin that is a valid CSP
// source, and no character that could end a header line or a policy
// directive.
func FuzzWebURL(f *testing.F) {
	for _, s := range []string{"https://c.example/x", "https://*.example", "https://c.example;sandbox", "http://127.0.0.1:8080/", "https://a.example:0/"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, rule uint8) {
		schemes := Schemes(rule % 3)
		u, err := WebURL(s, schemes)
		if err != nil {
			return
		}
		o := Origin(u)
		if err := CSPSource(o); err != nil {
			t.Fatalf("WebURL accepted %q but its origin %q is no CSP source: %v", s, o, err)
		}
		if _, err := ParsePolicy("script-src 'self' " + o); err != nil {
			t.Fatalf("the origin %q breaks a policy: %v", o, err)
		}
		if strings.ContainsAny(s, " \t\r\n\x00") {
			t.Fatalf("WebURL accepted %q", s)
		}
		if schemes != HTTPOrHTTPS && !strings.HasPrefix(o, "https://") && !Loopback(u.Hostname()) {
			t.Fatalf("WebURL accepted %q without https", s)
		}
	})
}

// FuzzParsePolicy: a policy ParsePolicy accepts has only sources CSPSource
// accepts, and serialising the parsed policy parses to the same.
func FuzzParsePolicy(f *testing.F) {
	for _, s := range []string{"default-src 'self'; img-src 'self' data:", "script-src https://*", "a b, c", "x;;y 'none'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePolicy(s)
		if err != nil {
			return
		}
		var parts []string
		for _, n := range p.Names {
			for _, src := range p.Sources[n] {
				if err := CSPSource(src); err != nil {
					t.Fatalf("accepted source %q: %v", src, err)
				}
			}
			parts = append(parts, strings.Join(append([]string{n}, p.Sources[n]...), " "))
		}
		q, err := ParsePolicy(strings.Join(parts, "; "))
		if err != nil || strings.Join(q.Names, ",") != strings.Join(p.Names, ",") {
			t.Fatalf("round trip of %q: %+v, %v", s, q, err)
		}
	})
}
