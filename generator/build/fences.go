package build

import (
	"bytes"
	"errors"
	"path"
	"strings"

	"github.com/klartext/klartext/generator/content"
	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/markdown"
	"github.com/klartext/klartext/generator/video"
)

// fences returns the fenced-block renderers for a page: ```video here,
// ```chart in charts.go. v is the page being rendered (nil when there is
// none, as for a body rendered on its own).
func (r *renderer) fences(n *Node, v *PageView) map[string]markdown.FenceFunc {
	m := map[string]markdown.FenceFunc{
		"video": func(body []byte, line int) ([]byte, []diag.Diagnostic) { return r.videoFence(n, body, line) },
	}
	if f := r.chartFence(n, v); f != nil {
		m["chart"] = f
	}
	return m
}

func (r *renderer) videoFence(n *Node, body []byte, line int) ([]byte, []diag.Diagnostic) {
	spec, err := video.ParseSpec(body)
	if err != nil {
		return nil, fenceDiagnostics(n.Source, line, err)
	}
	d := video.Embed(spec)
	if file, anchor, _ := strings.Cut(d.Transcript, "#"); strings.HasSuffix(file, ".md") {
		t := r.site.BySource[path.Join(path.Dir(n.Source), file)]
		if t == nil {
			return nil, []diag.Diagnostic{diag.Errorf(n.Source, line, "the transcript %q does not exist", d.Transcript).
				WithHint("links are relative to this file's folder")}
		}
		d.Transcript = relURL(r.site.Config.BasePath(), t.URL)
		if anchor != "" {
			d.Transcript += "#" + anchor
		}
	}
	var buf bytes.Buffer
	if err := video.RenderHTML(&buf, d, r.site.Config.Language); err != nil {
		return nil, []diag.Diagnostic{diag.Errorf(n.Source, line, "cannot render the video: %v", err)}
	}
	return buf.Bytes(), nil
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

// videoOrigins finds the video hosts the site embeds, for the CSP's
// frame-src; only pages with a video block are read for it.
func videoOrigins(s *Site) []string {
	var embeds []video.EmbedData
	for _, n := range s.Nodes {
		if !n.HasVideo() {
			continue
		}
		body, err := n.ReadBody(s.Root)
		if err != nil {
			continue // reported when the page renders
		}
		for _, block := range content.FencedBlocks(body, "video") {
			if spec, err := video.ParseSpec(block); err == nil {
				embeds = append(embeds, video.Embed(spec))
			}
		}
	}
	return video.FrameOrigins(embeds)
}
