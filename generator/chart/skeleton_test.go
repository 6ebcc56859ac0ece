package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/klartext/klartext/generator/locale"
)

// hostileLabels go into category labels: HTML, JSON and template
// specials, line and paragraph separators, invalid UTF-8, empty text.
var hostileLabels = []string{
	"Einstiegskosten", "Laufende Kosten", "Mittel", "Über­gänge ÄÖÜ äöü ß", "Stress 😱", "日本",
	`<script>alert("x")</script>`, "a & b", `Fonds "A"`, `back\slash`, "{{.Secret}}", "{{", "{ {", "}}",
	"line\u2028sep", "para\u2029sep", "tab\tnew\nline\r", "\x00nul", "\x00k0\x00", "\x7f\x1f",
	"bad \xff utf8", "\xe2\x80", "", " ", "\\u0000", `\"`, "%s %d", "€ $ £ ¥",
}

// edgeNumbers are values at the edges of encoding/json's float format
// and of the chart's rounding.
var edgeNumbers = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 0.005, 0.00005, 0.000049, 1e-7, -1e-7, 1e-6, 9.99999e-7,
	1e20, 1e21, -1e21, 1e22, 123456789012345678901234.5, math.MaxFloat64, -math.MaxFloat64,
	math.SmallestNonzeroFloat64, 1.005, 2.675, 0.1 + 0.2, 1.23456789, -25.3, 12880, 17150.125,
	math.NaN(), math.Inf(1), math.Inf(-1),
}

func randNumber(r *rand.Rand) float64 {
	switch r.IntN(6) {
	case 0:
		return edgeNumbers[r.IntN(len(edgeNumbers))]
	case 1:
		return math.Float64frombits(r.Uint64()) // anything, NaNs included
	case 2:
		return (r.Float64() - 0.3) * math.Pow(10, float64(r.IntN(30)-10))
	case 3:
		return float64(r.IntN(200000)-50000) / 100
	default:
		return (r.Float64() - 0.2) * 5
	}
}

// randNiceNumber is a number that takes the fast path (not NaN or ±Inf).
func randNiceNumber(r *rand.Rand) float64 {
	for {
		if v := randNumber(r); !math.IsNaN(v) && !math.IsInf(v, 0) {
			return v
		}
	}
}

// randLabel is a hostile label or arbitrary bytes; never empty unless
// empty is set.
func randLabel(r *rand.Rand, empty bool) string {
	for {
		var l string
		switch r.IntN(4) {
		case 0:
			b := make([]byte, r.IntN(12))
			for i := range b {
				b[i] = byte(r.IntN(256))
			}
			l = string(b)
		case 1:
			l = hostileLabels[r.IntN(6)] + " " + fmt.Sprint(r.IntN(100))
		default:
			l = hostileLabels[r.IntN(len(hostileLabels))]
		}
		if l != "" || empty {
			return l
		}
	}
}

var (
	testLocales    = []Lang{langFor("de"), langFor("en")}
	testCurrencies = []string{"EUR", "USD", "CHF", "GBP", "JPY", "SEK", "eur", "", "X", "<&>"}
)

// randomCosts, randomCostsOverTime and randomScenarios make inputs of the
// three product charts; with rare set they include values that take the
// direct path (NaN, infinities, empty labels) and arbitrary bytes.
func randomCosts(r *rand.Rand, rare bool) CostsInput {
	num := randNiceNumber
	if rare {
		num = randNumber
	}
	in := CostsInput{Currency: testCurrencies[r.IntN(len(testCurrencies))], Years: []float64{1, 0.5, 7.5}[r.IntN(3)], Total: num(r)}
	for range 1 + r.IntN(6) {
		in.Lines = append(in.Lines, CostLine{Label: randLabel(r, rare), Amount: num(r)})
	}
	if r.IntN(2) == 0 {
		for range in.Lines {
			in.Rates = append(in.Rates, randLabel(r, rare))
		}
	}
	return in
}

func randomCostsOverTime(r *rand.Rand, rare bool) CostsOverTimeInput {
	num := randNiceNumber
	if rare {
		num = randNumber
	}
	in := CostsOverTimeInput{Currency: testCurrencies[r.IntN(len(testCurrencies))]}
	for range 1 + r.IntN(12) {
		in.Years = append(in.Years, []float64{float64(r.IntN(60) - 5), 7.5, 0.5, 1.0 / 12}[r.IntN(4)])
		in.CumulativeCosts = append(in.CumulativeCosts, num(r))
		in.ValueWithCosts = append(in.ValueWithCosts, num(r))
		in.ValueWithoutCosts = append(in.ValueWithoutCosts, num(r))
	}
	return in
}

func randomScenarios(r *rand.Rand, rare bool) ScenariosInput {
	num := randNiceNumber
	if rare {
		num = randNumber
	}
	rhp := []float64{1, 2.5, 5, 10, 0.5, 7.25, 1e-9}[r.IntN(7)]
	in := ScenariosInput{Currency: testCurrencies[r.IntN(len(testCurrencies))], RHPYears: rhp}
	for range 1 + r.IntN(6) {
		in.Scenarios = append(in.Scenarios, Scenario{Label: randLabel(r, rare), AnnualReturnPct: num(r), ValueAtRHP: num(r)})
	}
	if r.IntN(2) == 0 {
		for range in.Scenarios {
			in.OneYear = append(in.OneYear, ScenarioValue{Value: num(r), ReturnPct: num(r)})
		}
		in.Minimum, in.MinimumLabel = &ScenarioValue{Value: num(r), ReturnPct: num(r)}, randLabel(r, rare)
	}
	return in
}

// TestSkeletonsMatchDirect builds many random product charts directly
// and through one Skeletons and demands the same figures, byte for byte.
func TestSkeletonsMatchDirect(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	s := &Skeletons{}
	n := 3000
	if testing.Short() {
		n = 300
	}
	compare := func(what string, direct, fast Figure, errD, errF error) {
		t.Helper()
		if fmt.Sprint(errD) != fmt.Sprint(errF) {
			t.Fatalf("%s: error %v, direct %v", what, errF, errD)
		}
		if !reflect.DeepEqual(direct, fast) {
			t.Fatalf("%s differs:\nfast   %s\ndirect %s", what, fast.Options, direct.Options)
		}
	}
	for i := range n {
		loc := testLocales[r.IntN(len(testLocales))]
		id := ID(fmt.Sprintf("products/p-%d", i), "x", 1)
		rare := i%5 == 0
		c := randomCosts(r, rare)
		fd, errD := Costs(id, loc, c)
		ff, errF := s.Costs(id, loc, c)
		compare(fmt.Sprintf("costs %d %s %+v", i, loc.Lang, c), fd, ff, errD, errF)

		cot := randomCostsOverTime(r, rare)
		fd, errD = CostsOverTime(id, loc, cot)
		ff, errF = s.CostsOverTime(id, loc, cot)
		compare(fmt.Sprintf("costs over time %d %s %+v", i, loc.Lang, cot), fd, ff, errD, errF)

		sc := randomScenarios(r, rare)
		fd, errD = Scenarios(id, loc, sc)
		ff, errF = s.Scenarios(id, loc, sc)
		compare(fmt.Sprintf("scenarios %d %s %+v", i, loc.Lang, sc), fd, ff, errD, errF)
	}
	// the fast path must really have been taken: all charts without rare
	// values (4 in 5) and some with them
	if got, want := s.filled.Load(), uint64(3*n*4/5); got < want {
		t.Errorf("%d charts filled into skeletons, want at least %d", got, want)
	}
	for k, sk := range s.m {
		if sk == nil {
			t.Errorf("shape %+v has no skeleton", k)
		}
	}
}

// Edge cases that must fall back to the direct path, or not.
func TestSkeletonsEdgeCases(t *testing.T) {
	s := &Skeletons{}
	de := langFor("de")
	check := func(name string, fd, ff Figure, errD, errF error) {
		t.Helper()
		if fmt.Sprint(errD) != fmt.Sprint(errF) || !reflect.DeepEqual(fd, ff) {
			t.Errorf("%s: fast %s %v\ndirect %s %v", name, ff.Options, errF, fd.Options, errD)
		}
	}
	cases := []struct {
		name string
		in   CostsInput
		fast bool
	}{
		{"plain", sampleCosts(), true},
		{"nan", CostsInput{Lines: []CostLine{{"a", math.NaN()}}, Total: 1}, false},
		{"empty label", CostsInput{Lines: []CostLine{{"", 1}}, Total: 1}, false},
		{"template", CostsInput{Lines: []CostLine{{"{{x}}", 1}, {"{", 2}, {"{{{", 3}}, Total: 1}, true},
		{"html", CostsInput{Lines: []CostLine{{"</script><b>&amp;", 1}}, Total: 1}, true},
		{"sentinel-like", CostsInput{Lines: []CostLine{{"\x00k0\x00", 1}}, Total: 1}, true},
		{"none", CostsInput{}, false},
	}
	for _, c := range cases {
		before := s.filled.Load()
		fd, errD := Costs("c", de, c.in)
		ff, errF := s.Costs("c", de, c.in)
		check(c.name, fd, ff, errD, errF)
		if took := s.filled.Load() > before; took != c.fast {
			t.Errorf("%s: fast path %v, want %v", c.name, took, c.fast)
		}
	}
	// a nil *Skeletons is the direct path
	var none *Skeletons
	fd, errD := Scenarios("s", de, sampleScenarios())
	ff, errF := none.Scenarios("s", de, sampleScenarios())
	check("nil skeletons", fd, ff, errD, errF)
}

// One Skeletons serves many goroutines (run with -race).
func TestSkeletonsConcurrent(t *testing.T) {
	s := &Skeletons{}
	want := map[int]Figure{}
	r := rand.New(rand.NewPCG(3, 4))
	var ins []ScenariosInput
	for i := range 40 {
		in := randomScenarios(r, false)
		ins = append(ins, in)
		want[i], _ = Scenarios("s", langFor("en"), in)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, in := range ins {
				got, _ := s.Scenarios("s", langFor("en"), in)
				if got.Options != want[i].Options {
					t.Errorf("scenarios %d differ when filled concurrently", i)
				}
			}
		})
	}
	wg.Wait()
}

// The hand-written encoders write what encoding/json writes.
func TestMarshalEncoders(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	strs := append([]string{}, hostileLabels...)
	for range 20000 {
		b := make([]byte, r.IntN(10))
		for i := range b {
			switch r.IntN(3) {
			case 0:
				b[i] = byte(r.IntN(0x80))
			case 1:
				b[i] = byte(r.IntN(256))
			default:
				const specials = "<>&\"\\\x00\x1f\x7f\xe2\x80\xa8\xa9{\b\f\n\r\t"
				b[i] = specials[r.IntN(len(specials))]
			}
		}
		strs = append(strs, string(b))
	}
	for _, s := range strs {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendMarshalString(nil, s); string(got) != string(want) {
			t.Fatalf("string %q: got %s, want %s", s, got, want)
		}
	}
	nums := append([]float64{}, edgeNumbers...)
	for range 200000 {
		switch r.IntN(3) {
		case 0:
			nums = append(nums, math.Float64frombits(r.Uint64()))
		case 1:
			nums = append(nums, locale.Round((r.Float64()-0.5)*math.Pow(10, float64(r.IntN(50)-25)), r.IntN(5)))
		default:
			nums = append(nums, (r.Float64()-0.5)*math.Pow(10, float64(r.IntN(50)-25)))
		}
	}
	for _, f := range nums {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendMarshalFloat(nil, f); string(got) != string(want) {
			t.Fatalf("float %v: got %s, want %s", f, got, want)
		}
	}
}

// A skeleton holds the shape's constant text and no sentinel.
func TestSkeletonShape(t *testing.T) {
	s := &Skeletons{}
	if _, err := s.Costs("c", langFor("de"), sampleCosts()); err != nil {
		t.Fatal(err)
	}
	sk := s.m[shape{kind: KindCosts, loc: langFor("de").Locale, currency: "EUR", n: 3}]
	if sk == nil {
		t.Fatal("no skeleton for the costs shape")
	}
	// aria, title, and (label, value, formatter) per line
	if len(sk.holes) != 2+3*3 {
		t.Errorf("%d holes", len(sk.holes))
	}
	all := strings.Join(sk.segs, "")
	if strings.Contains(all, `\u0000`) || !strings.Contains(all, `"klartextFormat":{"locale":"de-DE","style":"currency","currency":"EUR","digits":0}`) {
		t.Errorf("segments %q", sk.segs)
	}
}

func BenchmarkCostsSkeleton(b *testing.B) {
	loc, in, s := langFor("de"), sampleCosts(), &Skeletons{}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Costs("chart_p_costs_1", loc, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCostsOverTimeSkeleton(b *testing.B) {
	loc, in, s := langFor("de"), sampleCostsOverTime(), &Skeletons{}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.CostsOverTime("chart_p_costs_over_time_1", loc, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScenariosSkeleton(b *testing.B) {
	loc, in, s := langFor("de"), sampleScenarios(), &Skeletons{}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Scenarios("chart_p_scenarios_1", loc, in); err != nil {
			b.Fatal(err)
		}
	}
}

// Beyond maxShapes a new shape is built directly, without a skeleton.
func TestSkeletonsFull(t *testing.T) {
	s := &Skeletons{m: map[shape]*skeleton{}}
	for i := range maxShapes {
		s.m[shape{kind: "filler", n: i}] = nil
	}
	want, _ := Costs("c", langFor("de"), sampleCosts())
	got, err := s.Costs("c", langFor("de"), sampleCosts())
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("full cache: %v %s", err, got.Options)
	}
	if s.filled.Load() != 0 || len(s.m) != maxShapes {
		t.Errorf("full cache took a skeleton: filled %d, %d shapes", s.filled.Load(), len(s.m))
	}
}
