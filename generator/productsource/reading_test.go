package productsource

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/klartext/klartext/generator/sitetest"
)

// TestReadingEqualsLoadFiles edits the demo's product sources step by
// step: after each, a Reading that read every step before gives what
// LoadFiles gives (products, sources and diagnostics, in order), and has
// typed again exactly the records that changed.
func TestReadingEqualsLoadFiles(t *testing.T) {
	root := sitetest.CopyDemo(t, filepath.Join("..", ".."))
	const (
		csv  = "content/data/products.csv"
		yaml = "content/data/products/etf-sparplan-welt.yaml"
		ept  = "content/data/ept/rheintal-invest-ept-v21.csv"
	)
	var r Reading
	steps := []struct {
		name, file, old, new string
		retyped              []string // nil: every product
	}{
		{"first reading", "", "", "", nil},
		{"nothing changed", "", "", "", []string{}},
		{"a scenario of a row", csv, "1.75,1.75,1.75,1.75,,,,,1.75", "1.80,1.75,1.75,1.75,,,,,1.75", []string{"tagesgeld-plus"}},
		{"a risk class out of range", csv, "tagesgeld-plus,Tagesgeld Plus,,deposit,EUR,1,", "tagesgeld-plus,Tagesgeld Plus,,deposit,EUR,9,", []string{"tagesgeld-plus"}},
		// The row's error again, from the last reading.
		{"another row, the error kept", csv, "festgeld-2-jahre,Festgeld 2 Jahre", "festgeld-2-jahre,Festgeld 2 Jahre (neu)", []string{"festgeld-2-jahre"}},
		{"the error fixed", csv, "deposit,EUR,9,", "deposit,EUR,1,", []string{"tagesgeld-plus"}},
		{"a key of a YAML file over a row", yaml, "ongoing_pct: 0.20", "ongoing_pct: 0.25", []string{"etf-sparplan-welt"}},
		{"an id renamed", csv, "\ntagesgeld-plus,", "\ntagesgeld-extra,", []string{"tagesgeld-extra"}},
		{"a duplicated id", csv, "\ntagesgeld-extra,", "\nfestgeld-2-jahre,", []string{"festgeld-2-jahre"}},
		{"the duplicate renamed", csv, "\nfestgeld-2-jahre,Tagesgeld", "\ntagesgeld-plus,Tagesgeld", []string{"festgeld-2-jahre", "tagesgeld-plus"}},
	}
	// A cell of the EPT file's first product: its currency.
	first := strings.SplitN(sitetest.Read(t, filepath.Join(root, ept)), "\n", 3)[1]
	steps = append(steps, struct {
		name, file, old, new string
		retyped              []string
	}{"a cell of an EPT file", ept, first, strings.Replace(first, ",EUR,", ",USD,", 1), []string{"de000a3e5rg7"}})
	for _, st := range steps {
		if st.file != "" {
			sitetest.Edit(t, root, st.file, st.old, st.new)
		}
		files := sitetest.ContentFiles(t, root)
		var data []string
		for _, f := range files.List() {
			if strings.HasPrefix(f, dataDir+"/") {
				data = append(data, f)
			}
		}
		slices.Sort(data)
		want, wantSources, wantDiags := LoadFiles(files, data, "EUR")
		got, sources, ds := r.Load(files, data, "EUR")
		if !reflect.DeepEqual(got, want) || !slices.Equal(sources, wantSources) {
			t.Errorf("%s: the products or their sources differ from LoadFiles'", st.name)
		}
		if a, b := diagLines(ds), diagLines(wantDiags); a != b {
			t.Errorf("%s: diagnostics\n%s\nwant\n%s", st.name, a, b)
		}
		var retyped []string
		for _, p := range got {
			if r.Retyped(p.ID) {
				retyped = append(retyped, p.ID)
			}
		}
		if st.retyped == nil {
			if len(retyped) == 0 {
				t.Errorf("%s: typed nothing again", st.name)
			}
			continue
		}
		if strings.Join(retyped, " ") != strings.Join(st.retyped, " ") {
			t.Errorf("%s: typed again %v, want %v", st.name, retyped, st.retyped)
		}
	}
	// Another default currency types every record again.
	files := sitetest.ContentFiles(t, root)
	data := []string{csv, ept, yaml, "content/data/products/de000a3e5rh5.yaml"}
	slices.Sort(data)
	want, _, _ := LoadFiles(files, data, "USD")
	if got, _, _ := r.Load(files, data, "USD"); !reflect.DeepEqual(got, want) || !r.Retyped("tagesgeld-plus") {
		t.Error("another default currency: the products are not LoadFiles' or were not typed again")
	}
}
