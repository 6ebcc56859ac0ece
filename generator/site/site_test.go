package site

import (
	"testing"
	"time"

	"github.com/klartext/klartext/generator/content"
)

func TestExcluded(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return time.Date(2026, 5, d, 0, 0, 0, 0, time.UTC) }
	no := false
	page := func(kind content.Kind, m content.Meta) *content.Page { return &content.Page{Kind: kind, Meta: m} }
	for _, c := range []struct {
		name string
		page *content.Page
		opts Options
		want string
	}{
		{"published", page(content.KindPage, content.Meta{Date: day(1)}), Options{Now: now}, ""},
		{"draft", page(content.KindPage, content.Meta{Draft: true}), Options{Now: now}, "draft"},
		{"draft with --drafts", page(content.KindPage, content.Meta{Draft: true}), Options{Now: now, Drafts: true}, ""},
		{"dated tomorrow", page(content.KindStory, content.Meta{Date: day(2)}), Options{Now: now}, "future"},
		{"dated tomorrow with --future", page(content.KindStory, content.Meta{Date: day(2)}), Options{Now: now, Future: true}, ""},
		{"expires today", page(content.KindPage, content.Meta{Reach: &content.Reach{Expires: day(1)}}), Options{Now: now}, "expired"},
		{"expires tomorrow", page(content.KindPage, content.Meta{Reach: &content.Reach{Expires: day(2)}}), Options{Now: now}, ""},
		{"expired with --future", page(content.KindPage, content.Meta{Reach: &content.Reach{Expires: day(1)}}), Options{Now: now, Future: true}, "expired"},
		{"advisor withdrawn", page(content.KindAdvisor, content.Meta{Published: &no}), Options{Now: now}, "withdrawn"},
		{"a page with published: false is no advisor", page(content.KindPage, content.Meta{Published: &no}), Options{Now: now}, ""},
		{"a draft dated tomorrow is a draft", page(content.KindStory, content.Meta{Draft: true, Date: day(2)}), Options{Now: now}, "draft"},
	} {
		if got := Excluded(c.page, c.opts); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestSortPages(t *testing.T) {
	node := func(url, title string, weight int, date time.Time) *Node {
		return &Node{Page: &content.Page{URL: url, Meta: content.Meta{Weight: weight}}, Title: title, Date: date}
	}
	old, recent := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		pages []*Node
		want  []string // URLs in order
	}{
		{"weight first", []*Node{node("/b/", "B", 2, recent), node("/a/", "A", 1, old)}, []string{"/a/", "/b/"}},
		{"then newest first", []*Node{node("/a/", "A", 0, old), node("/b/", "B", 0, recent)}, []string{"/b/", "/a/"}},
		{"then title", []*Node{node("/a/", "Zins", 0, old), node("/b/", "Anlage", 0, old)}, []string{"/b/", "/a/"}},
		{"then URL", []*Node{node("/b/", "Gleich", 0, old), node("/a/", "Gleich", 0, old)}, []string{"/a/", "/b/"}},
		{"undated after dated", []*Node{node("/a/", "A", 0, time.Time{}), node("/b/", "B", 0, old)}, []string{"/b/", "/a/"}},
	} {
		SortPages(c.pages)
		for i, n := range c.pages {
			if n.URL != c.want[i] {
				t.Errorf("%s: %s at %d, want %v", c.name, n.URL, i, c.want)
				break
			}
		}
	}
}

func TestSearchable(t *testing.T) {
	for _, c := range []struct {
		kind content.Kind
		want bool
	}{
		{content.KindStory, true},
		{content.KindProduct, true},
		{content.KindTopic, true},
		{content.KindTopics, false},
		{content.KindAdvisorFilter, false},
		{KindSearch, false},
		{content.Kind404, false},
		{content.Kind("unknown"), false},
	} {
		if got := Searchable(&Node{Page: &content.Page{Kind: c.kind}}); got != c.want {
			t.Errorf("%s: %v, want %v", c.kind, got, c.want)
		}
	}
	s := &Site{}
	if d := s.SearchIndexDir(); d != "" {
		t.Errorf("a site without a search page has an index at %q", d)
	}
	s.Search = &Node{Page: &content.Page{URL: "/suche/"}}
	if d := s.SearchIndexDir(); d != "/suche/index/" {
		t.Errorf("the index is at %q, want /suche/index/", d)
	}
}
