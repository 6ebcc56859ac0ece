package productsource

import (
	"bytes"
	"os"
	"testing"

	"github.com/klartext/klartext/generator/table"
)

// FuzzEPT reads arbitrary rows under the header of the real EPT file: no
// panic, every problem named with its file and row, and what is returned
// holds what checkParsed demands of any product source.
func FuzzEPT(f *testing.F) {
	raw, err := readFixtureFile()
	if err != nil {
		f.Fatal(err)
	}
	header, rows, _ := bytes.Cut(raw, []byte("\n"))
	f.Add(rows[:bytes.IndexByte(rows, '\n')+1])
	f.Add([]byte("V21,,,,,,,,x,,,,IE00BJGT6Q17,4,Name,EUR,,,,,,,,,,,,,9,,,,1e400,\n"))
	f.Add([]byte("\"1,5 %\",0.0.1,-,+,,\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		data := append(append(append([]byte(nil), header...), '\n'), body...)
		r, ds := table.OpenCSV("content/data/ept.csv", data, table.Options{})
		if r == nil {
			return
		}
		recs, rds := readEPT(r)
		ps, bds := fromRecords(recs, "EUR", nil)
		all := append(append(ds, rds...), bds...)
		for _, d := range all {
			if d.Line < 1 {
				t.Errorf("diagnostic without a row: %+v", d)
			}
		}
		checkParsed(t, "content/data/ept.csv", ps, all)
	})
}

func readFixtureFile() ([]byte, error) {
	return os.ReadFile(pimcoFixture)
}
