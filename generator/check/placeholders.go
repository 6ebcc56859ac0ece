package check

import (
	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/placeholder"
	"github.com/klartext/klartext/generator/site"
)

// Placeholders reports every [[TODO: …]] left in site.yaml and in the
// published pages' files (front matter and text) — what klartext new site
// writes where only the bank knows what belongs, the Impressum's address
// for one. A file that cannot be read is the build's to report.
func Placeholders(site *site.Site) []diag.Diagnostic {
	var out []diag.Diagnostic
	scan := func(file string, limit int64) {
		data, err := site.Files.ReadFile(file, limit)
		if err != nil {
			return
		}
		for _, f := range placeholder.Find(data) {
			mark := placeholder.Mark(f.What)
			if f.What == "" {
				mark = "[[TODO]]"
			}
			d := diag.Warnf(file, f.Line, "the placeholder %s is not filled in", mark).
				WithHint("write what it asks for in its place")
			d.Column = f.Column
			out = append(out, d)
		}
	}
	scan(config.File, config.MaxFileBytes)
	seen := map[string]bool{}
	for _, n := range site.Nodes {
		if n.Source != "" && !seen[n.Source] {
			seen[n.Source] = true
			scan(n.Source, content.MaxMarkdownBytes)
		}
	}
	return out
}
