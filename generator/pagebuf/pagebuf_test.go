package pagebuf

import (
	"strings"
	"testing"
)

// TestPiecesSurviveGrowth: a piece read with Since keeps its bytes while
// later pieces make the buffer grow.
func TestPiecesSurviveGrowth(t *testing.T) {
	var p Buffer
	m := p.Mark()
	p.WriteString("<p>first</p>")
	first := p.Since(m)
	m = p.Mark()
	big := strings.Repeat("x", 1<<16)
	p.WriteString(big)
	p.WriteByte('!')
	p.Write([]byte("?"))
	if first != "<p>first</p>" {
		t.Errorf("first piece = %q after growth", first)
	}
	if got := p.Since(m); got != big+"!?" {
		t.Errorf("second piece has %d bytes, want %d", len(got), len(big)+2)
	}
	if b := p.Bytes(m); len(b) != len(big)+2 || cap(b) != len(b) {
		t.Errorf("Bytes: len %d cap %d, want both %d (an append must copy)", len(b), cap(b), len(big)+2)
	}
	if p.Since(p.Mark()) != "" {
		t.Error("nothing written after the mark must be the empty string")
	}
}

// TestResetReusesTheMemory: after Reset the next page's pieces of the same
// size allocate nothing, which is what the buffer is for.
func TestResetReusesTheMemory(t *testing.T) {
	var p Buffer
	page := func() {
		p.Reset()
		m := p.Mark()
		p.Grow(4096)
		for range 64 {
			p.WriteString("<td>1,23 %</td>")
		}
		_ = p.Since(m)
	}
	page()
	if n := testing.AllocsPerRun(100, page); n != 0 {
		t.Errorf("a reset buffer allocated %v times per page, want 0", n)
	}
}
