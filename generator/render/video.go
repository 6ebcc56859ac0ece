package render

import (
	"bytes"
	"html/template"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/video"
)

// videoFence renders a ```video block of a page from what resolveVideos
// found. A block it did not see (inside a quote or a list item, where the
// renderer finds fences the plain scan does not) is resolved now; it can
// have no page of its own.
func (r *Renderer) videoFence(n *site.Node, body []byte, line int) ([]byte, []diag.Diagnostic) {
	if pv := r.site.Video.Pages[n]; pv != nil {
		for _, b := range pv.Blocks {
			if b.Line == line {
				return r.videoHTML(n, b)
			}
		}
	}
	b, ds := site.ResolveLateVideo(r.site, n, body, line)
	html, hds := r.videoHTML(n, b)
	return html, append(ds, hds...)
}

// videoHTML is a resolved block's player or placeholder; nothing for a
// block that failed.
func (r *Renderer) videoHTML(n *site.Node, b *site.VideoBlock) ([]byte, []diag.Diagnostic) {
	var buf bytes.Buffer
	var err error
	switch {
	case b.Player != nil:
		err = video.RenderPlayer(&buf, *b.Player, r.words)
	case b.Embed != nil:
		err = video.RenderHTML(&buf, *b.Embed, r.words)
	default:
		return nil, nil
	}
	if err != nil {
		return nil, []diag.Diagnostic{diag.Errorf(n.Source, b.Line, "cannot render the video: %v", err)}
	}
	return buf.Bytes(), nil
}

// transcriptBody renders a transcript page's text into v.Content.
func (r *Renderer) transcriptBody(n *site.Node, v *PageView, pd *diag.List) {
	t := r.site.Video.Transcripts[n]
	if t == nil {
		return
	}
	var buf bytes.Buffer
	if err := video.RenderTranscript(&buf, *t, r.words); err != nil {
		pd.Add(diag.Errorf("", 0, "cannot render the transcript %s: %v", n.URL, err))
		return
	}
	v.Content = template.HTML(buf.String())
}
