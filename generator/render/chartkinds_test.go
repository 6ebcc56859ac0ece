package render

import (
	"reflect"
	"slices"
	"testing"

	"github.com/klartext/klartext/generator/chart"
)

// The ```chart block takes product: for the kinds about one product (and
// needs one, the page's or the block's) and for the comparison, which
// marks it; the feedback charts are about no product.
func TestChartKindsNeedProduct(t *testing.T) {
	for typ, want := range map[string]ProductUse{"risk": OfProduct, "costs": OfProduct, "costs-over-time": OfProduct,
		"scenarios": OfProduct, "comparison": MarksProduct, "feedback": NoProduct, "feedback-balance": NoProduct} {
		if k := chartKinds.kind(typ); k == nil || k.Product != want {
			t.Errorf("%s: %+v, want Product %v", typ, k, want)
		}
	}
}

// The types a ```chart block may name, and those that take product:, are
// the registry's: a registered kind is a fence type at once, and only then.
func TestChartTypesAreTheRegistry(t *testing.T) {
	remove := RegisterChart(&ChartKind{Name: "dummy", Product: OfProduct})
	types := chartKinds.specTypes()
	var names []string
	product := map[string]bool{}
	for _, k := range ChartKinds() {
		names = append(names, k.Name)
		if k.Product != NoProduct {
			product[k.Name] = true
		}
	}
	slices.Sort(names)
	if !reflect.DeepEqual(types.Names, names) || !reflect.DeepEqual(types.Product, product) || !slices.Contains(names, "dummy") {
		t.Errorf("types %+v, registry %v %v", types, names, product)
	}
	if _, err := chart.ParseSpec([]byte("type: dummy\nproduct: x\n"), types); err != nil {
		t.Errorf("a registered kind is a fence type: %v", err)
	}
	remove()
	if _, err := chart.ParseSpec([]byte("type: dummy\n"), chartKinds.specTypes()); err == nil {
		t.Error("a removed kind is no fence type")
	}
}

// Every kind draws: a registered kind without its Draw, or with a name that
// is not unique, is a mistake of the registry.
func TestChartKindsComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range ChartKinds() {
		if k.Name == "" || seen[k.Name] || k.Draw == nil || k.Noun.Empty() {
			t.Errorf("kind %+v: a unique name, a noun and Draw are required", k)
		}
		seen[k.Name] = true
	}
}
