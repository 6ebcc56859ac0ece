package assethash

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

func TestName(t *testing.T) {
	data := []byte("body{color:#123}")
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])[:HexLen]
	for _, tc := range []struct{ in, want string }{
		{"/css/site.css", "/css/site." + h + ".css"},
		{"/js/echarts.min.js", "/js/echarts.min." + h + ".js"},
		{"js/search.js", "js/search." + h + ".js"},
		{"/LICENSE", "/LICENSE." + h},
		{"/.hidden", "/.hidden." + h},
	} {
		if got := Name(tc.in, data); got != tc.want {
			t.Errorf("Name(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if !Hashed(Name(tc.in, data)) {
			t.Errorf("Hashed(%q) = false", Name(tc.in, data))
		}
	}
	if Name("/css/site.css", []byte("body{color:#124}")) == Name("/css/site.css", data) {
		t.Error("a changed file keeps its name")
	}
	for _, p := range []string{"/css/site.css", "/js/echarts.min.js", "/css/site.3F2A1B9C0D.css", "/css/site.3f2a1b9c.css", "/img/a-704x469-bf8c25db61x.webp", "/a.", "/"} {
		if Hashed(p) {
			t.Errorf("Hashed(%q) = true", p)
		}
	}
}

// TestSRI: the vectors are sha384 of "" and "alert('Hello, world.');" (the
// example of the SRI specification, section 3.1).
func TestSRI(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb",
		"alert('Hello, world.');": "sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO",
	} {
		if got := SRI([]byte(in)); got != want {
			t.Errorf("SRI(%q) = %s, want %s", in, got, want)
		}
	}
}
