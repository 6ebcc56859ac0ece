// Package check adds the editors' and compliance reports to a build's
// diagnostics (klartext check), and prints diagnostics for people, for tools
// (JSON) and for GitHub Actions (annotations).
package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/site"
)

// ExpiryWarning is how long before valid_until or expires: a page is
// reported.
const ExpiryWarning = 30 * 24 * time.Hour

// soon reports whether the day d is today or within ExpiryWarning of now.
func soon(d, now time.Time) bool {
	return !d.IsZero() && !d.Before(now) && d.Sub(now) <= ExpiryWarning
}

// StaleStory is the age after which a story without lastmod is reported.
const StaleStory = 365 * 24 * time.Hour

// Reports returns the editorial reports for a resolved site: placeholders
// not filled in, pages whose valid_until or expires: passes soon, products
// without an explainer, advisors without stories, and old stories never
// revised. All are warnings.
func Reports(site *site.Site, now time.Time) []diag.Diagnostic {
	out := Placeholders(site)
	for _, n := range site.Nodes {
		m := n.Meta
		if e := m.Expires(); n.Source != "" && soon(e, now) {
			out = append(out, diag.Warnf(n.Source, m.Line("expires", 1),
				"expires %s is within 30 days; from that day the page is no longer published", e.Format("2006-01-02")).
				WithHint("move expires on if the page is to stay"))
		}
		switch n.Kind {
		case content.KindProduct:
			if n.Source == "" {
				out = append(out, diag.Warnf("content/products/"+n.Slug+".md", 0,
					"the product %q has no explainer; its page shows the figures only", n.Slug).
					WithHint("klartext new product %s writes one to fill in", n.Slug))
			}
			if v := m.ValidUntil; soon(v, now) {
				out = append(out, diag.Warnf(n.Source, m.Line("valid_until", 1),
					"valid_until %s is within 30 days; after it the build fails", v.Format("2006-01-02")).
					WithHint("have the page reviewed and move reviewed and valid_until on"))
			}
		case content.KindAdvisor:
			if n.Advisor != nil && len(n.Advisor.Stories) == 0 {
				out = append(out, diag.Warnf(n.Source, 0, "the advisor %q has no stories yet", n.Title).
					WithHint("readers trust people they know something about; klartext new story writes one"))
			}
		case content.KindStory:
			if m.Lastmod.IsZero() && !m.Date.IsZero() && now.Sub(m.Date) > StaleStory {
				out = append(out, diag.Warnf(n.Source, m.Line("date", 1),
					"the story is more than a year old (%s) and was never revised", m.Date.Format("2006-01-02")).
					WithHint("read it again; set lastmod: when it is still true, or archive it"))
			}
		}
	}
	return out
}

// Format is an output format of klartext check.
type Format string

const (
	Text   Format = "text"
	JSON   Format = "json"
	GitHub Format = "github"
)

// Write prints diagnostics in a format.
func Write(w io.Writer, f Format, ds []diag.Diagnostic) error {
	switch f {
	case JSON:
		items := make([]diag.JSON, 0, len(ds))
		for _, d := range ds {
			items = append(items, d.JSON())
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"diagnostics": items})
	case GitHub:
		for _, d := range ds {
			// EscapeText first: a control character in a file name or
			// value is shown, not passed to the runner; then GitHub's own
			// escaping of the command's parts.
			msg := diag.EscapeText(d.Message)
			if d.Hint != "" {
				msg += " — " + diag.EscapeText(d.Hint)
			}
			var props []string
			if d.File != "" {
				props = append(props, "file="+ghProperty(diag.EscapeText(d.File)))
				if d.Line > 0 {
					props = append(props, fmt.Sprintf("line=%d", d.Line))
				}
				if d.Column > 0 {
					props = append(props, fmt.Sprintf("col=%d", d.Column))
				}
			}
			level := "error"
			if d.Severity == diag.Warning {
				level = "warning"
			}
			sep := " "
			if len(props) == 0 {
				sep = ""
			}
			if _, err := fmt.Fprintf(w, "::%s%s%s::%s\n", level, sep, strings.Join(props, ","), ghData(msg)); err != nil {
				return err
			}
		}
		return nil
	default:
		for _, d := range ds {
			if _, err := fmt.Fprintln(w, d.Error()); err != nil {
				return err
			}
		}
		return nil
	}
}

// ghData escapes a workflow command's message as GitHub's runner expects.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
