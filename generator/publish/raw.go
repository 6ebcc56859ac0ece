package publish

import (
	"strings"

	"github.com/klartext/klartext/generator/active"
	"github.com/klartext/klartext/generator/config"
	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
)

// maxSVGBytes bounds an SVG read for its check; a picture has kilobytes.
const maxSVGBytes = 8 << 20

// Publishable returns the content assets that may be copied as they are:
// active content (package active) only where site.yaml's allow_raw names
// it, with a warning on every build, so a reviewer sees each such file
// every time. Every other active file is an error and left out; an
// allow_raw entry that names no file is an error too (it would allow a
// file added later unseen).
func Publishable(cfg config.Site, files *fileio.Files, assets []content.Asset, ds *diag.List) []content.Asset {
	allowed := make(map[string]bool, len(cfg.AllowRaw))
	for _, a := range cfg.AllowRaw {
		allowed[a.Path] = true
	}
	used := map[string]bool{}
	out := make([]content.Asset, 0, len(assets))
	for _, a := range assets {
		inner := strings.TrimPrefix(a.Source, content.Dir+"/")
		kind, why := kindOf(files, a.Source, inner)
		if kind == active.None {
			if allowed[inner] {
				used[inner] = true
				ds.Add(diag.Warnf(config.File, allowLine(cfg, inner), "allow_raw names %s, which is published anyway: it is not active content", inner).
					WithHint("remove it from allow_raw").WithKey("allow_raw"))
			}
			out = append(out, a)
			continue
		}
		if allowed[inner] {
			used[inner] = true
			ds.Add(diag.Warnf(a.Source, 0, "published as it is because site.yaml allows it (allow_raw): it is %s%s, %s", kind, why, consequence(kind)).
				WithHint("review every change to this file"))
			out = append(out, a)
			continue
		}
		ds.Add(diag.Errorf(a.Source, 0, "this file is not published: it is %s%s, %s", kind, why, consequence(kind)).
			WithHint("%s", refusedHint(kind, inner, cfg.Theme)))
	}
	for _, a := range cfg.AllowRaw {
		if !used[a.Path] {
			ds.Add(diag.Errorf(config.File, a.Line, "allow_raw names %s, but there is no file content/%s", a.Path, a.Path).
				WithHint("remove the entry, or correct the path (below content/, with the file's exact name)").WithKey("allow_raw"))
		}
	}
	return out
}

// kindOf is the active kind of one asset; an SVG is read and is active
// only with script (why says what the check found).
func kindOf(files *fileio.Files, source, inner string) (active.Kind, string) {
	kind := active.Of(inner)
	if kind != active.SVG {
		return kind, ""
	}
	data, err := files.ReadFile(source, maxSVGBytes)
	if err != nil {
		return svgWithScript, " that cannot be checked (" + err.Error() + ")"
	}
	if err := active.CheckSVG(data); err != nil {
		return svgWithScript, " (" + err.Error() + ")"
	}
	return active.None, ""
}

const svgWithScript active.Kind = "an SVG with script"

// consequence says what an active file would do once published.
func consequence(kind active.Kind) string {
	switch kind {
	case active.Server:
		return "which a web server that runs such scripts would execute"
	case active.HostConfig:
		return "which would change the web host's headers or redirects (the Content-Security-Policy, where addresses lead)"
	case active.WellKnown:
		return "which other services read as proof of control of the bank's domain (certificates, app links, sign-in)"
	}
	return "which would run as the bank's own site, outside the theme and the Content-Security-Policy"
}

func allowLine(cfg config.Site, inner string) int {
	for _, a := range cfg.AllowRaw {
		if a.Path == inner {
			return a.Line
		}
	}
	return 0
}

func refusedHint(kind active.Kind, inner, themeName string) string {
	allow := "if it must be published as it is, name it in site.yaml: allow_raw: [" + inner + "]"
	switch kind {
	case active.HTML:
		return "write the page in Markdown, or " + allow
	case active.Script, active.Wasm:
		return "scripts come from the theme (themes/" + themeName + "/static/); " + allow
	case active.HostConfig:
		return "klartext writes the host's _headers itself (site.yaml's headers: adds to it); " + allow
	case active.WellKnown:
		return "publish files below .well-known/ one by one: " + allow
	}
	return "remove it, or " + allow
}
