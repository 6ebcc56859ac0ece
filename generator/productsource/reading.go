package productsource

import (
	"slices"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/fileio"
	"github.com/klartext/klartext/generator/product"
)

// Reading keeps what the last reading of the product sources typed, so
// that reading them again after an edit (klartext serve) types and checks
// only the records that changed: product.FromRecord is a pure function of
// the record and the default currency, so a record equal to the last
// one's gives its product and diagnostics again. The zero Reading has read
// nothing yet.
type Reading struct {
	typed    []typedRecord // in fromRecords' order: by id, as the sources have them
	currency string        // the default currency they were typed with
	retyped  map[string]bool
	at       int // while fromRecords reads: the first of typed not below the record's id
}

// typedRecord is one record and what FromRecord (and annotate) made of it.
type typedRecord struct {
	id   string // rec.ID(): the walk compares ids without reading the records
	rec  *product.Record
	p    *product.Product
	ds   []diag.Diagnostic
	idOK bool
}

// Load is LoadFiles, typing again only the records that are not the last
// reading's.
func (r *Reading) Load(files *fileio.Files, dataFiles []string, defaultCurrency string) ([]product.Product, []string, []diag.Diagnostic) {
	return loadFiles(files, dataFiles, defaultCurrency, r)
}

// Retyped reports whether the last Load typed the product with id again:
// its record is new or differs from the reading before. A product not
// retyped is the one the reading before returned, fact for fact.
func (r *Reading) Retyped(id string) bool { return r.retyped[id] }

// start begins a reading of records with the default currency.
func (r *Reading) start(records int, defaultCurrency string) (next []typedRecord) {
	if r.currency != defaultCurrency {
		r.typed, r.currency = nil, defaultCurrency // a product without currency has the default's
	}
	r.retyped, r.at = map[string]bool{}, 0
	return make([]typedRecord, 0, records)
}

// fromRecord is typeRecord, or what the last reading made of an equal
// record; records come in id order, and each is appended to next with
// what was made of it. A nil Reading keeps nothing.
func (r *Reading) fromRecord(rec *product.Record, defaultCurrency string, next *[]typedRecord) (product.Product, []diag.Diagnostic, bool) {
	if r == nil {
		return typeRecord(rec, defaultCurrency)
	}
	id := rec.ID()
	for r.at < len(r.typed) && r.typed[r.at].id < id {
		r.at++
	}
	if r.at < len(r.typed) && sameRecord(r.typed[r.at].rec, rec) {
		t := r.typed[r.at]
		*next = append(*next, t)
		return *t.p, t.ds, t.idOK
	}
	p, ds, idOK := typeRecord(rec, defaultCurrency)
	r.retyped[id] = true
	*next = append(*next, typedRecord{id: id, rec: rec, p: &p, ds: ds, idOK: idOK})
	return p, ds, idOK
}

// sameRecord reports whether two records are written alike, in the same
// places: the values, their positions, the sources and the columns read.
func sameRecord(a, b *product.Record) bool {
	if a == nil || b == nil || a.Vals != b.Vals || !slices.Equal(a.Sources, b.Sources) {
		return false
	}
	if a.Row == nil || b.Row == nil {
		return a.Row == b.Row
	}
	return a.Row.Written == b.Row.Written && *a.Row.Origin == *b.Row.Origin
}
