package content

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/suggest"
)

// Meta is a page's front matter, decoded and type-checked. Which keys a page
// may use depends on its kind (see allowedKeys).
type Meta struct {
	Title       string
	Description string
	Date        time.Time
	Lastmod     time.Time
	Draft       bool
	Topics      []string
	Weight      int
	Feedback    *bool // nil: inherit from the section (cascade), else explicit
	// Reach is where else the page is reached and for how long: menu:,
	// aliases:, expires:; nil when it has none of them (most pages: a
	// pointer keeps every other page's Meta as small as before).
	Reach *Reach

	// Product explainer.
	Product    string
	Advisors   []string
	Reviewed   time.Time
	ReviewedBy string
	ValidUntil time.Time

	// Advisor.
	Name        string
	Role        string
	Branch      string
	Languages   []string
	Specialties []string
	Email       string
	Phone       string
	BookingURL  string
	Photo       string
	PhotoAlt    string
	PhotoFocus  string // what the round crop keeps in view: "50% 30%", "top"; checked by the build (imaging.ParseFocus)
	AdviceModel string
	Published   *bool

	// Story.
	Advisor  string
	Products []string

	// Lines are where the values are, in the order of the front matter,
	// each list's items after its key; Line looks them up.
	Lines []KeyLine
}

// Reach are the keys few pages have that say where else a page is
// reached and until when.
type Reach struct {
	// Menu is menu: as written (a menu's name, a list, or names with
	// weight: and name:), read by the menu package when the site is
	// resolved; nil when absent.
	Menu any
	// Aliases are the page's old addresses (aliases: [/alte-seite/]),
	// each answered with a redirect to it (package redirect).
	Aliases []string
	// Expires is the day from which the page is no longer published
	// (expires:); zero when it never expires.
	Expires time.Time
}

// reach is m.Reach, made when a key of it is given.
func (m *Meta) reach() *Reach {
	if m.Reach == nil {
		m.Reach = &Reach{}
	}
	return m.Reach
}

// Expires is the page's expires: day; zero when it never expires.
func (m *Meta) Expires() time.Time {
	if m.Reach == nil {
		return time.Time{}
	}
	return m.Reach.Expires
}

// KeyLine is the file line of a key's value, or of the Item-th entry of a
// list (Item is -1 for the key's value). A page keeps a few of these, where
// a map from "topics.2" to a line would cost several times the memory.
type KeyLine struct {
	Key  string
	Item int32
	Line int32
}

// Line returns the file line of a key's value ("topics") or of a list item
// ("topics.2"), or fallback when it is absent.
func (m *Meta) Line(key string, fallback int) int {
	base, item := key, -1
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		if n, err := strconv.Atoi(key[i+1:]); err == nil && n >= 0 {
			base, item = key[:i], n
		}
	}
	for _, l := range m.Lines {
		if (l.Key == base && int(l.Item) == item) || (l.Item == -1 && l.Key == key) {
			return int(l.Line)
		}
	}
	return fallback
}

var commonKeys = []string{"title", "description", "date", "lastmod", "draft", "topics", "weight", "feedback", "menu", "aliases", "expires"}

// KeysFor lists the front matter keys a page of kind k accepts: the common
// keys, then the kind's own (its entry in Kinds).
func KeysFor(k Kind) []string { return keysFor(k) }

func keysFor(k Kind) []string {
	out := append([]string(nil), commonKeys...)
	if d := k.Def(); d != nil {
		out = append(out, d.Keys...)
	}
	return out
}

// decodeMeta checks every key of the mapping against the page kind and
// decodes its value, collecting all problems rather than the first.
func decodeMeta(file string, kind Kind, node *yaml.Node) (Meta, []diag.Diagnostic) {
	var m Meta
	var ds []diag.Diagnostic
	allowed := keysFor(kind)
	isAllowed := map[string]bool{}
	for _, k := range allowed {
		isAllowed[k] = true
	}
	n := 0
	for i := 1; i < len(node.Content); i += 2 {
		n += 1 + len(node.Content[i].Content)
	}
	m.Lines = make([]KeyLine, 0, n)
	at := func(key string, item, line int) {
		m.Lines = append(m.Lines, KeyLine{Key: key, Item: int32(item), Line: int32(line)})
	}
	errf := func(line int, key, format string, a ...any) {
		ds = append(ds, diag.Errorf(file, line, format, a...).WithKey(key))
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		kn, v := node.Content[i], node.Content[i+1]
		key := kn.Value
		if first, dup := seen[key]; dup {
			errf(kn.Line, key, "the key %q is given twice (first on line %d)", key, first)
			continue
		}
		seen[key] = kn.Line
		if !isAllowed[key] {
			at(key, -1, v.Line)
			d := diag.Errorf(file, kn.Line, "unknown front matter key %q for %s", key, phrase(kind)).WithKey(key)
			if h := suggest.Hint(key, allowed); !h.Empty() {
				d = d.WithHint("%s", h)
			} else {
				sorted := append([]string(nil), allowed...)
				sort.Strings(sorted)
				d = d.WithHint("allowed keys here: %s", strings.Join(sorted, ", "))
			}
			ds = append(ds, d)
			continue
		}
		key = allowed[slices.Index(allowed, key)] // the table's string, not one per page
		at(key, -1, v.Line)
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue // "key:" with no value means not given
		}
		str := func(dst *string) {
			if v.Kind != yaml.ScalarNode {
				errf(v.Line, key, "%s must be text, not a list or a group of keys", key)
				return
			}
			*dst = strings.TrimSpace(v.Value)
		}
		list := func(dst *[]string) {
			switch v.Kind {
			case yaml.SequenceNode:
				for j, item := range v.Content {
					if item.Kind != yaml.ScalarNode {
						errf(item.Line, key, "every entry of %s must be text", key)
						continue
					}
					*dst = append(*dst, strings.TrimSpace(item.Value))
					at(key, j, item.Line)
				}
			case yaml.ScalarNode:
				// A single value where a list is expected is taken as a list of one.
				*dst = []string{strings.TrimSpace(v.Value)}
				at(key, 0, v.Line)
			default:
				errf(v.Line, key, "%s must be a list like [a, b]", key)
			}
		}
		date := func(dst *time.Time) {
			if v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || strings.TrimSpace(v.Value) == "") {
				return // left empty to fill in (klartext new writes reviewed: and valid_until: so)
			}
			t, err := ParseDate(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil {
				errf(v.Line, key, "%s must be a date like 2026-03-01, got %q", key, v.Value)
				return
			}
			*dst = t
		}
		boolean := func() (bool, bool) {
			var b bool
			if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
				errf(v.Line, key, "%s must be true or false, got %q", key, v.Value)
				return false, false
			}
			return b, true
		}
		switch key {
		case "title":
			str(&m.Title)
		case "description":
			str(&m.Description)
		case "date":
			date(&m.Date)
		case "lastmod":
			date(&m.Lastmod)
		case "draft":
			m.Draft, _ = boolean()
		case "topics":
			list(&m.Topics)
		case "weight":
			if v.Kind != yaml.ScalarNode || v.Decode(&m.Weight) != nil {
				errf(v.Line, key, "weight must be a whole number, got %q", v.Value)
			}
		case "feedback":
			if b, ok := boolean(); ok {
				m.Feedback = &b
			}
		case "aliases":
			list(&m.reach().Aliases)
		case "expires":
			date(&m.reach().Expires)
		case "menu":
			if err := v.Decode(&m.reach().Menu); err != nil {
				errf(v.Line, key, "menu: names a menu (main), a list of them, or menus with weight: and name:")
			}
		case "product":
			str(&m.Product)
		case "advisors":
			list(&m.Advisors)
		case "reviewed":
			date(&m.Reviewed)
		case "reviewed_by":
			str(&m.ReviewedBy)
		case "valid_until":
			date(&m.ValidUntil)
		case "name":
			str(&m.Name)
		case "role":
			str(&m.Role)
		case "branch":
			str(&m.Branch)
		case "languages":
			list(&m.Languages)
		case "specialties":
			list(&m.Specialties)
		case "email":
			str(&m.Email)
		case "phone":
			str(&m.Phone)
		case "booking_url":
			str(&m.BookingURL)
		case "photo":
			str(&m.Photo)
		case "photo_alt":
			str(&m.PhotoAlt)
		case "photo_focus":
			str(&m.PhotoFocus)
		case "advice_model":
			str(&m.AdviceModel)
		case "published":
			if b, ok := boolean(); ok {
				m.Published = &b
			}
		case "advisor":
			str(&m.Advisor)
		case "products":
			list(&m.Products)
		default:
			panic(fmt.Sprintf("content: key %q is allowed but not decoded", key))
		}
	}
	return m, ds
}

// ParseDate accepts the date forms editors write: 2026-03-01, and date-times
// in RFC 3339 or "2026-03-01 14:30".
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date: %q", s)
}
