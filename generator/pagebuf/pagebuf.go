// Package pagebuf is the memory one page's HTML pieces are written into
// while it renders: its Markdown, its charts, its feedback form (and the
// Markdown file is read into, Buffer.File). The pieces are
// written one after the other into one buffer and read as strings without
// a copy (the layout copies each into the page once); the render worker
// resets the buffer for its next page, so a build allocates these pieces
// once per worker, not once per page.
//
// A string from Since is valid until Reset: nothing that outlives the
// page (a cache, the search index, a diagnostic) may keep one. Without
// the shortcut PageBuffers every page gets a new Buffer that is never
// reset, and the reference build compares the bytes.
package pagebuf

import "unsafe"

// Buffer is the pieces of one page. The zero value is empty and ready.
type Buffer struct {
	b []byte
	// File is memory for the page's Markdown file as read
	// (content.Page.ReadBodyInto), kept for the next page's.
	File []byte
}

// Reset forgets every piece: the strings Since made of them are no
// longer valid.
func (p *Buffer) Reset() { p.b = p.b[:0] }

// Mark is where the next piece begins.
func (p *Buffer) Mark() int { return len(p.b) }

// Since is what was written after mark, as a string that shares the
// buffer's bytes. Writing on does not change it: a write appends, and a
// buffer that grows leaves the old bytes where they are.
func (p *Buffer) Since(mark int) string {
	if mark >= len(p.b) {
		return ""
	}
	s := p.b[mark:]
	return unsafe.String(&s[0], len(s))
}

// Bytes is what was written after mark, sharing the buffer's bytes like
// Since; an append to it copies.
func (p *Buffer) Bytes(mark int) []byte { return p.b[mark:len(p.b):len(p.b)] }

// Grow makes room for n more bytes.
func (p *Buffer) Grow(n int) {
	if cap(p.b)-len(p.b) < n {
		nb := make([]byte, len(p.b), 2*cap(p.b)+n)
		copy(nb, p.b)
		p.b = nb
	}
}

func (p *Buffer) Write(b []byte) (int, error) {
	p.b = append(p.b, b...)
	return len(b), nil
}

func (p *Buffer) WriteString(s string) (int, error) {
	p.b = append(p.b, s...)
	return len(s), nil
}

func (p *Buffer) WriteByte(c byte) error {
	p.b = append(p.b, c)
	return nil
}
