package diag

// Once keeps a diagnostic that the sites of several languages report
// alike (a product's data, a file every language reads) from being
// reported once per language: the default language's are all kept, the
// others' only where none alike was kept before. The zero value (a site
// of one language) keeps everything.
type Once struct{ seen map[string]bool }

// NewOnce is a Once that drops repeats when several languages report.
func NewOnce(severalLanguages bool) Once {
	if !severalLanguages {
		return Once{}
	}
	return Once{seen: map[string]bool{}}
}

// Add returns the diagnostics of ds to report: all of them for the
// default language (first), else those not reported alike before.
func (o Once) Add(ds []Diagnostic, first bool) []Diagnostic {
	if o.seen == nil {
		return ds
	}
	out := ds[:0:0]
	for _, d := range ds {
		k := d.Severity.String() + "\x00" + d.Error()
		if first || !o.seen[k] {
			o.seen[k] = true
			out = append(out, d)
		}
	}
	return out
}
