package check

import (
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/site"
)

// TestExpiresWarning: with check's clock fixed, a page whose expires: is
// within 30 days (today and the 30th day included) is a warning at the
// line of expires: naming the day; one further away, or a page without
// it, is none. valid_until keeps its own warning, with the same window.
func TestExpiresWarning(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	page := func(kind content.Kind, src string, expires, validUntil time.Time) *site.Node {
		m := content.Meta{Lines: []content.KeyLine{{Key: "title", Item: -1, Line: 2}, {Key: "valid_until", Item: -1, Line: 3}, {Key: "expires", Item: -1, Line: 4}}}
		m.ValidUntil = validUntil
		if !expires.IsZero() {
			m.Reach = &content.Reach{Expires: expires}
		}
		return &site.Node{Page: &content.Page{Source: src, Kind: kind, Meta: m}, Title: src}
	}
	day := func(d int) time.Time { return now.AddDate(0, 0, d) }
	s := &site.Site{Nodes: []*site.Node{
		page(content.KindPage, "content/aktion.md", day(10), time.Time{}),
		page(content.KindPage, "content/heute.md", day(0), time.Time{}),
		page(content.KindPage, "content/grenze.md", day(30), time.Time{}),
		page(content.KindPage, "content/spaeter.md", day(31), time.Time{}),
		page(content.KindPage, "content/immer.md", time.Time{}, time.Time{}),
		page(content.KindProduct, "content/products/fonds.md", time.Time{}, day(5)),
	}}
	var got []string
	for _, d := range Reports(s, now) {
		if strings.Contains(d.Message, "within 30 days") {
			got = append(got, d.Error())
		}
	}
	want := []string{
		"content/aktion.md:4: warning: expires 2026-03-11 is within 30 days; from that day the page is no longer published — move expires on if the page is to stay",
		"content/heute.md:4: warning: expires 2026-03-01 is within 30 days; from that day the page is no longer published — move expires on if the page is to stay",
		"content/grenze.md:4: warning: expires 2026-03-31 is within 30 days; from that day the page is no longer published — move expires on if the page is to stay",
		"content/products/fonds.md:3: warning: valid_until 2026-03-06 is within 30 days; after it the build fails — have the page reviewed and move reviewed and valid_until on",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
