package build

import "github.com/klartext/klartext/generator/markdown"

// chartFence returns the ```chart renderer for a page (nil until charts
// are wired in).
func (r *renderer) chartFence(n *Node) markdown.FenceFunc { return nil }
