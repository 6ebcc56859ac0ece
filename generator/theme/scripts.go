package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/escape"
)

// ScriptsFile is the theme's list of the files its scripts load
// themselves, after the page (charts.js loads ECharts when the first
// chart comes near the screen):
//
//	/js/charts.js:
//	  echarts: /js/echarts.min.js
//
// The page cannot name such a file in a <script> of its own, so the
// script's element carries its address and integrity for it:
// data-echarts="/js/echarts.min.2ea92ba1f3.js" and
// data-echarts-integrity="sha384-…" (the template function assetAttrs).
const ScriptsFile = "scripts.yaml"

// ScriptsError is a problem of the theme's ScriptsFile at a line (0: the
// whole file), for a diagnostic naming that file.
type ScriptsError struct {
	Line int
	Err  error
}

func (e *ScriptsError) Error() string { return fmt.Sprintf("%s:%d: %v", ScriptsFile, e.Line, e.Err) }
func (e *ScriptsError) Unwrap() error { return e.Err }

func scriptsError(line int, format string, a ...any) error {
	return &ScriptsError{Line: line, Err: diag.Err(format, a...)}
}

// ScriptLoad is a file a script loads itself: the name of its data attributes
// and the file's site path.
type ScriptLoad struct {
	Name, Path string
}

// readScripts reads ScriptsFile of fsys, if it has one: each script's
// loads in the file's order, each name a data attribute's (lower-case
// letters and digits) and each file one of the theme's static files.
func readScripts(fsys fs.FS) (map[string][]ScriptLoad, error) {
	data, err := fs.ReadFile(fsys, ScriptsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, scriptsError(0, "cannot read: %v", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, scriptsError(0, "broken YAML: %v", err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	bad := func(n *yaml.Node, err error) error { return scriptsError(n.Line, "%v", err) }
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, bad(root, diag.Err("write each script's path with the files it loads below it (/js/charts.js: then echarts: /js/echarts.min.js)"))
	}
	out := map[string][]ScriptLoad{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		script, loads := root.Content[i], root.Content[i+1]
		if err := staticFile(fsys, script.Value); err != nil {
			return nil, bad(script, err)
		}
		if loads.Kind != yaml.MappingNode {
			return nil, bad(loads, diag.Err("below %s write each file it loads as name: path (echarts: /js/echarts.min.js)", script.Value))
		}
		for k := 0; k+1 < len(loads.Content); k += 2 {
			name, file := loads.Content[k], loads.Content[k+1]
			if !attrName(name.Value) {
				return nil, bad(name, diag.Err("%q cannot name a data attribute: use lower-case letters and digits, starting with a letter", name.Value))
			}
			if err := staticFile(fsys, file.Value); err != nil {
				return nil, bad(file, err)
			}
			out[script.Value] = append(out[script.Value], ScriptLoad{Name: name.Value, Path: file.Value})
		}
	}
	return out, nil
}

// staticFile says why p is no site path of a static file of the theme.
func staticFile(fsys fs.FS, p string) error {
	if !strings.HasPrefix(p, "/") || path.Clean(p) != p {
		return diag.Err("%q is no site path of a theme file (like /js/charts.js)", p)
	}
	if _, err := fs.Stat(fsys, "static"+p); err != nil {
		return diag.Err("the theme has no file static%s", p)
	}
	return nil
}

// attrName reports whether s can follow data- in a name html/template
// accepts from a template: lower-case letters and digits.
func attrName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// assetAttrs is the template function of that name: the data attributes
// of the files the script at site path script loads (ScriptsFile), each
// file's address by the template function asset and, where it has one,
// its integrity — escaped as html/template escapes an attribute's value,
// so the element reads as if the layout had written them.
func (t *Theme) assetAttrs(script string) template.HTMLAttr {
	loads := t.scripts[script]
	if len(loads) == 0 {
		return ""
	}
	asset, _ := t.funcs["asset"].(func(string) string)
	integrity, _ := t.funcs["integrity"].(func(string) string)
	var b strings.Builder
	for _, l := range loads {
		u := l.Path
		if asset != nil {
			u = asset(l.Path)
		}
		b.WriteString(" data-" + l.Name + `="` + escape.HTML(u) + `"`)
		if integrity != nil {
			if sri := integrity(l.Path); sri != "" {
				b.WriteString(" data-" + l.Name + `-integrity="` + escape.HTML(sri) + `"`)
			}
		}
	}
	return template.HTMLAttr(b.String())
}
