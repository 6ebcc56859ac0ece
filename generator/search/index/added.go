package index

import "encoding/binary"

// addedPostings are one term's postings as the pages came, until the
// index is finished: each the uvarint of the zigzag difference of its
// document id from the previous one, shifted left by four bits, with the
// impact (1–15) in those bits. The render workers add pages in nearly
// the order of their ids, so most postings take one or two bytes instead
// of a uint32's four, and a slice of bytes grows with less to copy.
type addedPostings struct {
	data  []byte
	last  int32 // the previous posting's document id
	count int32
}

func (a *addedPostings) add(id int, impact uint8) {
	d := int64(id) - int64(a.last)
	zigzag := uint64(d<<1) ^ uint64(d>>63)
	a.data = binary.AppendUvarint(a.data, zigzag<<4|uint64(impact&0xf))
	a.last = int32(id)
	a.count++
}

// appendTo appends the postings as document id << 8 | impact, in the
// order they were added.
func (a *addedPostings) appendTo(out []uint32) []uint32 {
	id := int64(0)
	for b := a.data; len(b) > 0; {
		x, n := binary.Uvarint(b)
		b = b[n:]
		z := x >> 4
		id += int64(z>>1) ^ -int64(z&1)
		out = append(out, uint32(id)<<8|uint32(x&0xf))
	}
	return out
}
