package placeholder

import (
	"reflect"
	"testing"
)

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []Found
	}{
		{"", nil},
		{"Nichts offen. [TODO] [[todo: klein]] [[TODO: offen", nil},
		{Mark("Anschrift der Bank"), []Found{{1, 1, "Anschrift der Bank"}}},
		{"title: \"[[TODO: Name der Bank]]\"\n", []Found{{1, 9, "Name der Bank"}}},
		{"Zeile eins\nÄrger: [[TODO]] und [[TODO:  Register  ]]\n\n[[TODO: Vorstand]]",
			[]Found{{2, 8, ""}, {2, 21, "Register"}, {4, 1, "Vorstand"}}},
		// A marker does not run across lines.
		{"[[TODO: eins\nzwei]]", nil},
	} {
		if got := Find([]byte(tc.text)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Find(%q) = %+v, want %+v", tc.text, got, tc.want)
		}
	}
}

func TestMarkIsFound(t *testing.T) {
	for _, what := range []string{"Anschrift", "Name, Anschrift und E-Mail des Datenschutzbeauftragten", "Ü (ß)"} {
		got := Find([]byte("x " + Mark(what) + " y"))
		if len(got) != 1 || got[0].What != what {
			t.Errorf("Mark(%q): found %+v", what, got)
		}
	}
}
