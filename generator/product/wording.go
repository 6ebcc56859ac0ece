package product

import (
	"strings"

	"github.com/klartext/klartext/generator/i18n"
)

// TypeLabel is the reader's name for a product type in the catalog's
// language (the key product_type_<type>, dashes as underscores); a type
// the translation file has no words for is shown as written.
func TypeLabel(typ string, words *i18n.Catalog) string {
	key := "product_type_" + strings.ReplaceAll(typ, "-", "_")
	if !words.Has(key) {
		return typ
	}
	return words.T(key)
}

// KnownTypes are the product types the theme's translation files have
// words for (TypeLabel).
func KnownTypes() []string {
	return []string{"alternative-fund", "bond-fund", "commodity-fund", "deposit", "equity-etf", "equity-fund", "fund",
		"infrastructure-fund", "mixed-fund", "money-market-fund", "private-equity-fund", "real-estate-fund", "structured"}
}
