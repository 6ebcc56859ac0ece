package render

import (
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/markdown"
	"github.com/klartext/klartext/generator/site"
)

// fences returns the fenced-block renderers for a page: ```video in
// video.go, ```chart in charts.go. v is the page being rendered (nil when
// there is none, as for a body rendered on its own).
func (r *Renderer) fences(n *site.Node, v *PageView) map[string]markdown.FenceFunc {
	m := map[string]markdown.FenceFunc{
		"video": func(body []byte, line int) ([]byte, []diag.Diagnostic) { return r.videoFence(n, body, line) },
	}
	if f := r.chartFence(n, v); f != nil {
		m["chart"] = f
	}
	return m
}
