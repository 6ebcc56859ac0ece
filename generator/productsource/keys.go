package productsource

import (
	"slices"

	"github.com/klartext/klartext/generator/product"
)

// mustKey is the content model's key of that name. The names here are
// fixed, so a misspelt one fails at start-up, in every test of the package.
func mustKey(name string) product.Key {
	k, ok := product.KeyNamed(name)
	if !ok {
		panic("productsource: " + name + " is not a product key")
	}
	return k
}

// The keys the readers fill in from more than one field or treat apart.
var (
	keyID             = mustKey("id")
	keyISIN           = mustKey("isin")
	keyType           = mustKey("type")
	keyEntry          = mustKey("entry_pct")
	keyPerformanceFee = mustKey("performance_fee_pct")
)

// sortedKeyNames is the candidate list for did-you-mean hints, sorted so the
// suggestion is the same from run to run.
var sortedKeyNames = func() []string {
	s := product.Keys()
	slices.Sort(s)
	return s
}()
