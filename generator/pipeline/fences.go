package pipeline

import (
	"errors"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/markdown"
	"github.com/klartext/klartext/generator/video"
)

// fences returns the fenced-block renderers for a page: ```video in
// video.go, ```chart in charts.go. v is the page being rendered (nil when
// there is none, as for a body rendered on its own).
func (r *renderer) fences(n *Node, v *PageView) map[string]markdown.FenceFunc {
	m := map[string]markdown.FenceFunc{
		"video": func(body []byte, line int) ([]byte, []diag.Diagnostic) { return r.videoFence(n, body, line) },
	}
	if f := r.chartFence(n, v); f != nil {
		m["chart"] = f
	}
	return m
}

// fenceDiagnostics turns a fence parser's errors (lines counted inside the
// fence) into diagnostics with the file's lines.
func fenceDiagnostics(source string, line int, err error) []diag.Diagnostic {
	var ves video.Errors
	if errors.As(err, &ves) {
		var out []diag.Diagnostic
		for _, e := range ves {
			d := diag.Errorf(source, line+max(e.Line, 1)-1, "%s", e.Message).WithKey(e.Key)
			if e.Hint != "" {
				d = d.WithHint("%s", e.Hint)
			}
			out = append(out, d)
		}
		return out
	}
	return []diag.Diagnostic{diag.Errorf(source, line, "%v", err)}
}
