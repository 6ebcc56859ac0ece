package site

import (
	"sort"
	"strconv"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/redirect"
)

// resolveAliases checks the pages' aliases: (their old addresses) and
// returns the redirects, sorted by old address. An alias that is the
// address of a page, or that two pages claim, is an error at the alias's
// line naming the other; what else the site publishes there (a file of
// content/, a site file) the output plan finds, as for any two owners.
func resolveAliases(s *Site, ds *diag.List) []redirect.Redirect {
	var rs []redirect.Redirect
	for _, n := range s.Nodes {
		if n.Page == nil || n.Meta.Reach == nil {
			continue
		}
		for i, a := range n.Meta.Reach.Aliases {
			line := n.Meta.Line("aliases."+strconv.Itoa(i), 1)
			from, err := redirect.CheckAlias(a)
			if err != nil {
				ds.Add(diag.Errorf(n.Source, line, "%v", err).WithKey("aliases"))
				continue
			}
			rs = append(rs, redirect.Redirect{From: from, To: n.URL, File: n.Source, Line: line})
		}
	}
	if rs == nil {
		return nil
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].From < rs[j].From })
	kept, cds := redirect.Check(rs, func(p string) string {
		n := s.ByURL[p]
		switch {
		case n == nil:
			return ""
		case n.Source != "":
			return n.Source
		}
		return "the generated page " + p
	})
	ds.Add(cds...)
	return kept
}
