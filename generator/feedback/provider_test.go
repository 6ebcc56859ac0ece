package feedback

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The provider names site.yaml accepts, the keys each takes and requires,
// the error messages about them and the CSP are the registry's: a
// registered provider is known at once, with all of it.
func TestProvidersAreTheRegistry(t *testing.T) {
	var names []string
	for _, name := range Providers() {
		def := Def(Provider(name))
		if def == nil || def.Check == nil || def.Base == nil || def.Origins == nil {
			t.Errorf("%s: a registered provider checks its values and names its base and origins: %+v", name, def)
			continue
		}
		for _, k := range def.Required {
			if !slices.Contains(def.Keys, k) {
				t.Errorf("%s requires %s, which it does not take", name, k)
			}
		}
		if (def.Name != None) != (def.Script != "") {
			t.Errorf("%s: every provider but none loads a script: %q", name, def.Script)
		}
		names = append(names, name)
	}
	if want := []string{"cusdis", "form", "giscus", "isso", "none", "remark42", "utterances"}; !reflect.DeepEqual(names, want) {
		t.Errorf("providers %v, want %v", names, want)
	}

	remove := Register(&ProviderDef{Name: "echo", Keys: []string{"host"}, Required: []string{"host"},
		Check:   func(s *Settings, v *Values) { s.Host = v.Host("host") },
		Base:    func(s Settings) string { return s.Host },
		Origins: func(s Settings) Origins { return Origins{Frame: []string{Origin(s.Host)}} },
		Embed:   func(s Settings, p PageRef, _ string) Embed { return Embed{Script: s.Host + "/embed.js"} },
		Script:  "/js/feedback.js"})
	_, ds := parseYAML(t, "feedback:\n  provider: echo\n")
	if len(ds) != 1 || !strings.Contains(ds[0].Error(), "feedback.host is required for provider echo") {
		t.Errorf("a registered provider's required key: %v", ds)
	}
	s, ds := parseYAML(t, "feedback:\n  provider: echo\n  host: https://echo.bank.test/\n")
	if len(ds) != 0 || !strings.Contains(CSP(s), "frame-src https://echo.bank.test;") {
		t.Errorf("settings %+v %v, CSP %s", s, ds, CSP(s))
	}
	remove()
	if _, ds := parseYAML(t, "feedback:\n  provider: echo\n"); len(ds) != 1 || !strings.Contains(ds[0].Error(), "is not known") {
		t.Errorf("a removed provider is unknown: %v", ds)
	}
}
