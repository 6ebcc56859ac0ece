package pipeline

import (
	"bytes"
	"html/template"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/output"
	"github.com/klartext/klartext/generator/site"
	"github.com/klartext/klartext/generator/video"
)

// videoFence renders a ```video block of a page from what resolveVideos
// found. A block it did not see (inside a quote or a list item, where the
// renderer finds fences the plain scan does not) is resolved now; it can
// have no page of its own.
func (r *renderer) videoFence(n *site.Node, body []byte, line int) ([]byte, []diag.Diagnostic) {
	if pv := r.site.Video.Pages[n]; pv != nil {
		for _, b := range pv.Blocks {
			if b.Line == line {
				return b.HTML, nil
			}
		}
	}
	return site.ResolveLateVideo(r.site, n, body, line)
}

// transcriptBody renders a transcript page's text into v.Content.
func (r *renderer) transcriptBody(n *site.Node, v *PageView, pd *diag.List) {
	t := r.site.Video.Transcripts[n]
	if t == nil {
		return
	}
	var buf bytes.Buffer
	if err := video.RenderTranscript(&buf, *t, r.site.Config.Language); err != nil {
		pd.Add(diag.Errorf("", 0, "cannot render the transcript %s: %v", n.URL, err))
		return
	}
	v.Content = template.HTML(buf.String())
}

// videoFiles are the files the build makes for the site's videos (drawn
// or extracted posters), each owned by the page whose block made it.
func (r *renderer) videoFiles() []siteFile {
	var out []siteFile
	for _, n := range r.site.Nodes {
		pv := r.site.Video.Pages[n]
		if pv == nil {
			continue
		}
		for _, b := range pv.Blocks {
			if p := b.Poster; p != nil {
				out = append(out, siteFile{p.URL, output.Source{Origin: output.Derived, File: n.Source, Line: b.Line, What: "the video's poster"},
					func() ([]byte, bool) { return p.Data, true }})
			}
		}
	}
	return out
}
