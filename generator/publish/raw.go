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
			ds.Add(diag.Warnf(a.Source, 0, "published as it is because site.yaml allows it (allow_raw): it is %s%s, %s", kind.Noun(), why, consequence(kind)).
				WithHint("review every change to this file"))
			out = append(out, a)
			continue
		}
		ds.Add(diag.Errorf(a.Source, 0, "this file is not published: it is %s%s, %s", kind.Noun(), why, consequence(kind)).
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
func kindOf(files *fileio.Files, source, inner string) (active.Kind, diag.Text) {
	kind := active.Of(inner)
	if kind != active.SVG {
		return kind, diag.Text{}
	}
	data, err := files.ReadFile(source, maxSVGBytes)
	if err != nil {
		return active.SVGWithScript, diag.T(" that cannot be checked (%v)", err)
	}
	if err := active.CheckSVG(data); err != nil {
		return active.SVGWithScript, diag.T(" (%v)", err)
	}
	return active.None, diag.Text{}
}

// consequence says what an active file would do once published.
func consequence(kind active.Kind) diag.Text {
	switch kind {
	case active.Server:
		return diag.T("which a web server that runs such scripts would execute")
	case active.HostConfig:
		return diag.T("which would change the web host's headers or redirects (the Content-Security-Policy, where addresses lead)")
	case active.WellKnown:
		return diag.T("which other services read as proof of control of the bank's domain (certificates, app links, sign-in)")
	}
	return diag.T("which would run as the bank's own site, outside the theme and the Content-Security-Policy")
}

func allowLine(cfg config.Site, inner string) int {
	for _, a := range cfg.AllowRaw {
		if a.Path == inner {
			return a.Line
		}
	}
	return 0
}

func refusedHint(kind active.Kind, inner, themeName string) diag.Text {
	allow := diag.T("if it must be published as it is, name it in site.yaml: allow_raw: [%s]", inner)
	switch kind {
	case active.HTML:
		return diag.T("write the page in Markdown, or %s", allow)
	case active.Script, active.Wasm:
		return diag.T("scripts come from the theme (themes/%s/static/); %s", themeName, allow)
	case active.HostConfig:
		return diag.T("klartext writes the host's _headers itself (site.yaml's headers: adds to it); %s", allow)
	case active.WellKnown:
		return diag.T("publish files below .well-known/ one by one: %s", allow)
	}
	return diag.T("remove it, or %s", allow)
}
