package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// rawBlock is a block of trusted HTML made by a FenceFunc (a chart figure,
// a video placeholder). It replaces the fenced code block in the AST; raw
// HTML written by editors is still omitted.
type rawBlock struct {
	ast.BaseBlock
	html []byte
}

var kindRawBlock = ast.NewNodeKind("KlartextRawBlock")

func (b *rawBlock) Kind() ast.NodeKind { return kindRawBlock }

func (b *rawBlock) Dump(source []byte, level int) { ast.DumpHelper(b, source, level, nil, nil) }

type rawBlockRenderer struct{}

func (rawBlockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindRawBlock, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*rawBlock).html)
		}
		return ast.WalkSkipChildren, nil
	})
}
