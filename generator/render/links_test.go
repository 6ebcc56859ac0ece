package render

import (
	"net/url"
	"testing"
)

func TestAllowsImage(t *testing.T) {
	for _, tc := range []struct {
		sources []string
		addr    string
		want    bool
	}{
		{[]string{"'self'", "data:"}, "https://cdn.example/a.png", false},
		{[]string{"'self'", "https://cdn.example"}, "https://cdn.example/a.png", true},
		{[]string{"'self'", "https://cdn.example"}, "http://cdn.example/a.png", false},
		{[]string{"cdn.example"}, "https://CDN.example/a.png", true},
		{[]string{"*.example"}, "https://img.cdn.example/a.png", true},
		{[]string{"*.example"}, "https://example/a.png", false},
		{[]string{"https:"}, "https://any.example/a.png", true},
		{[]string{"*"}, "http://any.example/a.png", true},
		{[]string{"https://cdn.example:8443"}, "https://cdn.example/a.png", false},
		{[]string{"https://cdn.example:8443"}, "https://cdn.example:8443/a.png", true},
		{nil, "https://cdn.example/a.png", false},
	} {
		u, _ := url.Parse(tc.addr)
		if got := allowsImage(tc.sources, u); got != tc.want {
			t.Errorf("allowsImage(%v, %s) = %v, want %v", tc.sources, tc.addr, got, tc.want)
		}
	}
}
