package productsource

import (
	"slices"
	"strings"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/product"
)

// fromRecords types and checks records (product.FromRecord), drops the
// ones without a usable id and the second of a duplicated id or ISIN —
// one product, one source —, and sorts by id. With a Reading, a record
// equal to its last reading's is not typed again, and the reading is
// this one's afterwards.
func fromRecords(records []*product.Record, defaultCurrency string, last *Reading) ([]product.Product, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	products := make([]product.Product, 0, len(records))
	first := make(map[string]product.Position, len(records))
	isins := make(map[string]int, len(records)) // ISIN → index in products
	// Sorting the records (pointers) rather than the products (large
	// structs) yields the products in id order; the sort is stable, so of
	// a duplicated id the first in the sources is kept.
	records = slices.Clone(records)
	slices.SortStableFunc(records, func(a, b *product.Record) int { return strings.Compare(a.ID(), b.ID()) })
	var next []typedRecord
	if last != nil {
		next = last.start(len(records), defaultCurrency)
		defer func() { last.typed = next }()
	}
	for _, rec := range records {
		p, ds, idOK := last.fromRecord(rec, defaultCurrency, &next)
		diags = append(diags, ds...)
		if !idOK {
			continue
		}
		if prev, dup := first[p.ID]; dup {
			at := p.KeyPosition("id")
			diags = append(diags, diag.Errorf(at.File, at.Line, "duplicate product id %q: it is already used at %s", p.ID, prev.String()).
				WithColumn(at.Column).WithKey("id").WithHint("every product needs its own id; rename one of them or remove the duplicate"))
			continue
		}
		if j, dup := isins[p.ISIN]; dup && p.ISIN != "" {
			at, prev := p.KeyPosition("isin"), products[j].KeyPosition("isin")
			diags = append(diags, diag.Errorf(at.File, at.Line, "the ISIN %s is also the product %q's, at %s: one product, one source", p.ISIN, products[j].ID, prev.String()).
				WithColumn(at.Column).WithKey("isin").WithHint("remove one of the two rows; to add to a product's facts, write them in content/data/products/<id>.yaml"))
			continue
		}
		first[p.ID] = p.KeyPosition("id")
		if p.ISIN != "" {
			isins[p.ISIN] = len(products)
		}
		products = append(products, p)
	}
	return products, diags
}

// typeRecord types and checks one record (product.FromRecord) and names
// in its diagnostics the EPT field or bank column, as in every message
// about the row.
func typeRecord(rec *product.Record, defaultCurrency string) (product.Product, []diag.Diagnostic, bool) {
	p, ds, idOK := product.FromRecord(rec, defaultCurrency)
	annotate(ds, rec)
	return p, ds, idOK
}
