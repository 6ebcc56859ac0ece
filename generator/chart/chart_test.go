package chart

import (
	"bytes"
	"encoding/json"
	"html/template"
	"math"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// decode parses a figure's options and fails the test if they are not JSON.
func decode(t *testing.T, f Figure) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(f.Options), &m); err != nil {
		t.Fatalf("%s: options are not JSON: %v\n%s", f.Kind, err, f.Options)
	}
	return m
}

func cellTexts(rows [][]Cell) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for _, c := range r {
			out[i] = append(out[i], c.Text)
		}
	}
	return out
}

func mustContain(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s lacks %q:\n%s", what, sub, s)
		}
	}
}

var idRE = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

func TestAllFiguresCommonRules(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		for _, f := range sampleFigures(t, langFor(lang)) {
			m := decode(t, f)
			if !idRE.MatchString(f.ID) {
				t.Errorf("id %q", f.ID)
			}
			if m["animation"] != false {
				t.Errorf("%s: animation = %v", f.Kind, m["animation"])
			}
			aria, _ := m["aria"].(map[string]any)
			lbl, _ := aria["label"].(map[string]any)
			if aria["enabled"] != true || lbl["description"] != f.AriaLabel || f.AriaLabel == "" {
				t.Errorf("%s: aria = %v, want description %q", f.Kind, aria, f.AriaLabel)
			}
			if f.Caption == "" || (len(f.Table.Header) == 0 && f.Kind != KindRisk) || len(f.Table.Rows) == 0 {
				t.Errorf("%s: caption %q, table %+v", f.Kind, f.Caption, f.Table)
			}
			for _, r := range f.Table.Rows {
				if len(r) != len(f.Table.Header) && len(f.Table.Header) > 0 {
					t.Errorf("%s: row %v has %d cells for %d headers", f.Kind, r, len(r), len(f.Table.Header))
				}
			}
			if _, ok := m["toolbox"]; ok {
				t.Errorf("%s: empty toolbox in options", f.Kind)
			}
			for _, bad := range []string{"900px", "canvas", "go-echarts"} {
				if strings.Contains(string(f.Options), bad) {
					t.Errorf("%s: options contain %q", f.Kind, bad)
				}
			}
			h, err := f.HTML()
			if err != nil {
				t.Fatal(err)
			}
			mustContain(t, "html", string(h),
				`<div class="chart-canvas" id="`+f.ID+`" role="img"`,
				`<script type="application/json" data-chart="`+f.ID+`">`+string(f.Options)+`</script>`)
		}
	}
}

func TestRisk(t *testing.T) {
	f, err := Risk("r", langFor("de"), RiskInput{SRI: 4, RHPYears: 5, ProductName: "ETF Welt"})
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, f)
	data := m["series"].([]any)[0].(map[string]any)["data"].([]any)
	if len(data) != 7 {
		t.Fatalf("%d bars", len(data))
	}
	for i, d := range data {
		d := d.(map[string]any)
		color := d["itemStyle"].(map[string]any)["color"]
		if (i == 3) != (color == colorHighlight) {
			t.Errorf("bar %d colour %v", i+1, color)
		}
		if (i == 3) != (d["label"] != nil) {
			t.Errorf("bar %d label %v", i+1, d["label"])
		}
	}
	mustContain(t, "options", string(f.Options), "Empfohlene Haltedauer: 5 Jahre", "dieses Produkt")
	mustContain(t, "aria", f.AriaLabel, "Risikoklasse 4 von 7", "ETF Welt", "5 Jahre")
	// The table is the scale in one row: its name, then 1 to 7, 4 marked.
	if len(f.Table.Rows) != 1 || len(f.Table.Header) != 0 || len(f.Table.Rows[0]) != 8 || f.Table.Rows[0][0].Text != "Risikoklasse" {
		t.Fatalf("risk table %+v, want one row of the classes", f.Table)
	}
	for i, c := range f.Table.Rows[0][1:] {
		if c.Highlight != (i == 3) || c.Text != string(rune('1'+i)) || !c.Numeric {
			t.Errorf("class %d: %+v", i+1, c)
		}
	}
	mustContain(t, "table caption", f.Table.Caption, "Risikoklasse 4 auf der Skala", "5 Jahre")

	f, _ = Risk("r", langFor("en"), RiskInput{SRI: 1, RHPYears: 2.5})
	if f.AriaLabel != "Risk class 1 of 7 (1 = lowest, 7 = highest risk); recommended holding period 2.5 years." {
		t.Errorf("aria %q", f.AriaLabel)
	}
	f, _ = Risk("r", langFor("en"), RiskInput{SRI: 7})
	if f.AriaLabel != "Risk class 7 of 7 (1 = lowest, 7 = highest risk)." || strings.Contains(string(f.Options), "holding") {
		t.Errorf("without holding period: %q", f.AriaLabel)
	}
	for _, bad := range []int{0, 8, -1} {
		if _, err := Risk("r", langFor("de"), RiskInput{SRI: bad}); err == nil {
			t.Errorf("SRI %d accepted", bad)
		}
	}
}

func TestCosts(t *testing.T) {
	in := sampleCosts()
	f, err := Costs("c", langFor("de"), in)
	if err != nil {
		t.Fatal(err)
	}
	decode(t, f)
	got := cellTexts(f.Table.Rows)
	want := [][]string{{"Einstiegskosten", "3,00\u00a0%", "300,00\u00a0€"}, {"Laufende Kosten", "1,20\u00a0% pro Jahr", "116,40\u00a0€"},
		{"Transaktionskosten", "0,10\u00a0% pro Jahr", "9,70\u00a0€"}, {"Gesamt", "", "426,10\u00a0€"}}
	if !equal2(got, want) {
		t.Errorf("table %q, want %q", got, want)
	}
	if h := f.Table.Header[2]; h != "Betrag bei Ausstieg nach 1 Jahr" || f.Caption != "Zusammensetzung der Kosten, wenn Sie nach 1 Jahr aussteigen" {
		t.Errorf("header %q, caption %q", h, f.Caption)
	}
	if !f.Table.Rows[3][2].Highlight || !f.Table.Rows[3][2].Numeric || f.Table.Rows[3][2].Sort != "426.1" {
		t.Errorf("total cell %+v", f.Table.Rows[3][2])
	}
	mustContain(t, "options", string(f.Options), "\"Gesamt: 426,10\u00a0€\"", "\"formatter\":\"300,00\u00a0€\"", `"value":116.4`, `"Laufende Kosten"`)
	mustContain(t, "aria", f.AriaLabel, "nach 1 Jahr", "426,10\u00a0€", "Einstiegskosten 300,00\u00a0€")

	in.Rates = nil
	f, _ = Costs("c", langFor("en"), in)
	if got := f.Table.Rows[3][1].Text; got != "€426.10" || len(f.Table.Header) != 2 {
		t.Errorf("en total %q, header %q", got, f.Table.Header)
	}
	if _, err := Costs("c", langFor("de"), CostsInput{}); err == nil {
		t.Error("no lines accepted")
	}
}

func TestCostsOverTime(t *testing.T) {
	f, err := CostsOverTime("c", langFor("de"), sampleCostsOverTime())
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, f)
	series := m["series"].([]any)
	if len(series) != 3 || series[0].(map[string]any)["type"] != "bar" || series[1].(map[string]any)["type"] != "line" || series[2].(map[string]any)["type"] != "line" {
		t.Fatalf("series %v", series)
	}
	mustContain(t, "options", string(f.Options), `"1 Jahr"`, `"10 Jahre"`, `426.1`, `17201.25`, `"currency":"EUR"`, `"style":"currency"`)
	want := []string{"1 Jahr", "426,10\u00a0€", "9.573,90\u00a0€", "10.000,00\u00a0€"}
	if got := cellTexts(f.Table.Rows)[0]; !equal2([][]string{got}, [][]string{want}) {
		t.Errorf("first row %q, want %q", got, want)
	}
	mustContain(t, "aria", f.AriaLabel, "Nach 10 Jahren", "2.200,75\u00a0€", "15.000,50\u00a0€", "17.201,25\u00a0€")

	f, _ = CostsOverTime("c", langFor("en"), sampleCostsOverTime())
	if got := f.Table.Rows[2][3].Text; got != "€17,201.25" {
		t.Errorf("en money %q", got)
	}
	bad := sampleCostsOverTime()
	bad.ValueWithCosts = bad.ValueWithCosts[:2]
	if _, err := CostsOverTime("c", langFor("de"), bad); err == nil {
		t.Error("mismatched lengths accepted")
	}
}

// The scenarios after 1 year are columns of the table, the minimum a row;
// neither changes the chart's options (the bars are the holding period's).
func TestScenariosAfterOneYearAndMinimum(t *testing.T) {
	in := ScenariosInput{Currency: "EUR", RHPYears: 7.5, Scenarios: []Scenario{{"Stress", -25.3, 1130}, {"Mittel", 5.2, 14620}},
		OneYear: []ScenarioValue{{4520, -54.8}, {10460, 4.6}}, Minimum: &ScenarioValue{10000, 0}, MinimumLabel: "Minimum"}
	f, err := Scenarios("s", langFor("de"), in)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Stress", "4.520,00\u00a0€", "−54,8\u00a0%", "1.130,00\u00a0€", "−25,3\u00a0%"},
		{"Mittel", "10.460,00\u00a0€", "4,6\u00a0%", "14.620,00\u00a0€", "5,2\u00a0%"},
		{"Minimum", "", "", "10.000,00\u00a0€", "0,0\u00a0%"}}
	if got := cellTexts(f.Table.Rows); !equal2(got, want) {
		t.Errorf("table %q", got)
	}
	if h := f.Table.Header; len(h) != 5 || h[1] != "Wert nach 1 Jahr" || h[2] != "Rendite nach 1 Jahr" || h[3] != "Wert nach 7,5 Jahren" {
		t.Errorf("header %q", h)
	}
	plain, _ := Scenarios("s", langFor("de"), ScenariosInput{Currency: "EUR", RHPYears: 7.5, Scenarios: in.Scenarios})
	if plain.Options != f.Options {
		t.Error("the 1-year values changed the chart's options")
	}
	in.OneYear = in.OneYear[:1]
	if _, err := Scenarios("s", langFor("de"), in); err == nil {
		t.Error("1-year values for some scenarios only accepted")
	}
}

func TestScenarios(t *testing.T) {
	in := ScenariosInput{Currency: "EUR", RHPYears: 5, Scenarios: []Scenario{
		{"Stress", -25.3, 2340}, {"Pessimistisch", -3.1, 8540}, {"Mittel", 5.2, 12880}, {"Optimistisch", 11.4, 17150}}}
	f, err := Scenarios("s", langFor("de"), in)
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, f)
	if n := len(m["series"].([]any)[0].(map[string]any)["data"].([]any)); n != 4 {
		t.Errorf("%d bars", n)
	}
	mustContain(t, "options", string(f.Options), `"Stress"`, `"Optimistisch"`, `"value":17150`, "\"formatter\":\"2.340,00\u00a0€\\n−25,3\u00a0% pro Jahr\"")
	want := [][]string{{"Stress", "2.340,00\u00a0€", "−25,3\u00a0%"}, {"Pessimistisch", "8.540,00\u00a0€", "−3,1\u00a0%"},
		{"Mittel", "12.880,00\u00a0€", "5,2\u00a0%"}, {"Optimistisch", "17.150,00\u00a0€", "11,4\u00a0%"}}
	if got := cellTexts(f.Table.Rows); !equal2(got, want) {
		t.Errorf("table %q", got)
	}
	if f.Table.Header[1] != "Wert nach 5 Jahren" {
		t.Errorf("header %q", f.Table.Header[1])
	}
	mustContain(t, "caption", f.Caption, "nach 5 Jahren")
	mustContain(t, "aria", f.AriaLabel, "Wert nach 5 Jahren: Stress 2.340,00\u00a0€ (−25,3\u00a0% pro Jahr); ")
	f, _ = Scenarios("s", langFor("de"), ScenariosInput{Currency: "EUR", RHPYears: 1, Scenarios: in.Scenarios})
	mustContain(t, "caption", f.Caption, "nach 1 Jahr ")
	if _, err := Scenarios("s", langFor("de"), ScenariosInput{RHPYears: 5}); err == nil {
		t.Error("no scenarios accepted")
	}
}

func TestComparison(t *testing.T) {
	in := sampleComparison(10)
	in.Points[0].Name = `Fonds "A" & <B>`
	f, err := Comparison("k", langFor("de"), in)
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, f)
	series := m["series"].([]any)
	if len(series) != 2 {
		t.Fatalf("%d series, want all products and the current one", len(series))
	}
	all := series[0].(map[string]any)["data"].([]any)
	if len(all) != 9 {
		t.Errorf("%d points, want 9 (the current one is drawn apart)", len(all))
	}
	p0 := all[0].([]any)
	if p0[2] != `Fonds "A" & <B>` || math.Abs(p0[0].(float64)-1) > 0.3 || p0[1] != 0.0 {
		t.Errorf("first point %v", p0)
	}
	cur := series[1].(map[string]any)["data"].([]any)[0].([]any)
	if cur[2] != "Produkt 3" || math.Abs(cur[0].(float64)-4) > 0.3 || cur[1] != 0.03 {
		t.Errorf("current point %v", cur)
	}
	if series[0].(map[string]any)["large"] != true {
		t.Error("large mode off")
	}
	if len(f.Table.Rows) != 10 || !f.Table.Sortable {
		t.Fatalf("table: %d rows, sortable %v", len(f.Table.Rows), f.Table.Sortable)
	}
	r := f.Table.Rows[3]
	if r[0].Text != "Produkt 3" || r[0].URL != "/products/p-3/" || !r[0].Highlight || r[1].Text != "4" || r[2].Text != "0,03\u00a0%" || r[2].Sort != "0.03" {
		t.Errorf("row 3 %+v", r)
	}
	if f.Table.Rows[4][0].Highlight {
		t.Error("row 4 highlighted")
	}
	mustContain(t, "aria", f.AriaLabel, "10 Produkte", "1 bis 7", "0,00\u00a0%", "0,09\u00a0%")

	big, err := Comparison("k", langFor("de"), sampleComparison(NamedPointsMax+1))
	if err != nil {
		t.Fatal(err)
	}
	bm := decode(t, big)
	if p := bm["series"].([]any)[0].(map[string]any)["data"].([]any)[0].([]any); len(p) != 2 {
		t.Errorf("large comparison carries names: %v", p)
	}
	if _, err := Comparison("k", langFor("de"), ComparisonInput{Points: []ComparisonPoint{{ID: "x", SRI: 9}}}); err == nil {
		t.Error("SRI 9 accepted")
	}
}

func TestComparisonSize(t *testing.T) {
	f, err := Comparison("k", langFor("de"), sampleComparison(20000))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.Options); n > 400_000 {
		t.Errorf("options for 20,000 products are %d bytes", n)
	}
	t.Logf("20,000 products: %d bytes of options", len(f.Options))
}

func TestFeedback(t *testing.T) {
	de := langFor("de")
	f, err := FeedbackBalance("b", de, FeedbackBalanceInput{Months: []string{"2026-01", "2026-03"}, Praise: []int{10, 1500}, Criticism: []int{3, 2}, Questions: []int{5, 0}})
	if err != nil {
		t.Fatal(err)
	}
	decode(t, f)
	if got := cellTexts(f.Table.Rows); !equal2(got, [][]string{{"Januar 2026", "10", "3", "5"}, {"März 2026", "1.500", "2", "0"}}) {
		t.Errorf("balance table %q", got)
	}
	mustContain(t, "aria", f.AriaLabel, "Januar 2026 bis März 2026", "1.510 Lob", "5 Kritik", "5 Fragen")

	f, err = FeedbackFactors("f", de, FeedbackFactorsInput{Labels: []string{"Kosten", "Service"}, Averages: []float64{3.25, math.NaN()}, Counts: []int{12, 0}})
	if err != nil {
		t.Fatal(err)
	}
	m := decode(t, f)
	mustContain(t, "options", string(f.Options), `"formatter":"3,3 (n = 12)"`, `"value":3.25`)
	if d := m["series"].([]any)[0].(map[string]any)["data"].([]any)[1].(map[string]any); d["value"] != nil {
		t.Errorf("factor without ratings has a bar: %v", d)
	}
	if got := cellTexts(f.Table.Rows); !equal2(got, [][]string{{"Kosten", "3,3", "12"}, {"Service", "–", "0"}}) {
		t.Errorf("factors table %q", got)
	}

	f, err = FeedbackSections("s", langFor("en"), FeedbackSectionsInput{Sections: []string{"Products"}, Praise: []int{1200}, Criticism: []int{1}, Questions: []int{2}})
	if err != nil {
		t.Fatal(err)
	}
	m = decode(t, f)
	if s := m["series"].([]any); len(s) != 3 || s[0].(map[string]any)["stack"] != "total" {
		t.Errorf("sections series %v", s)
	}
	if got := cellTexts(f.Table.Rows); !equal2(got, [][]string{{"Products", "1,200", "1", "2"}}) {
		t.Errorf("sections table %q", got)
	}
	if _, err := FeedbackBalance("b", de, FeedbackBalanceInput{Months: []string{"x"}}); err == nil {
		t.Error("mismatched lengths accepted")
	}
}

func TestDeterministic(t *testing.T) {
	a, b := sampleFigures(t, langFor("de")), sampleFigures(t, langFor("de"))
	for i := range a {
		if a[i].Options != b[i].Options || a[i].AriaLabel != b[i].AriaLabel {
			t.Errorf("%s differs between two builds", a[i].Kind)
		}
	}
	x, _ := Comparison("k", langFor("de"), sampleComparison(3000))
	y, _ := Comparison("k", langFor("de"), sampleComparison(3000))
	if x.Options != y.Options {
		t.Error("comparison differs between two builds")
	}
}

func TestEscaping(t *testing.T) {
	evil := `Evil </script><script>alert(1)</script> "quoted" {{.Secret}} & more`
	var figs []Figure
	f, err := Risk("r", langFor("en"), RiskInput{SRI: 3, RHPYears: 1, ProductName: evil})
	figs = append(figs, f)
	if err != nil {
		t.Fatal(err)
	}
	f, _ = Costs("c", langFor("en"), CostsInput{Currency: "EUR", Years: 1, Lines: []CostLine{{evil, 1}}, Total: 1})
	figs = append(figs, f)
	f, _ = Comparison("k", langFor("en"), ComparisonInput{Points: []ComparisonPoint{{ID: "e", Name: evil, URL: "/e/", SRI: 3, AnnualCostImpactPct: 1}}})
	figs = append(figs, f)
	f, _ = Scenarios("s", langFor("en"), ScenariosInput{Currency: "EUR", RHPYears: 3, Scenarios: []Scenario{{evil, 1, 2}}})
	figs = append(figs, f)
	for _, f := range figs {
		opt := string(f.Options)
		for _, raw := range []string{"<", ">", "&", "{{", `"quoted"`} {
			if strings.Contains(opt, raw) {
				t.Errorf("%s: options contain raw %q:\n%s", f.Kind, raw, opt)
			}
		}
		mustContain(t, f.Kind+" options", opt, `\u003c/script\u003e`, `\"quoted\"`, `{\u007b.Secret}}`, `\u0026 more`)
		var m map[string]any
		if err := json.Unmarshal([]byte(opt), &m); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(opt, "Evil") {
			t.Errorf("%s: name missing", f.Kind)
		}
		h, _ := f.HTML()
		if strings.Count(string(h), "</script>") != 1 || strings.Contains(string(h), "<script>alert") {
			t.Errorf("%s: html breaks out:\n%s", f.Kind, h)
		}
	}
	// The escaped JSON still decodes to the original text.
	var m map[string]any
	_ = json.Unmarshal([]byte(figs[2].Options), &m)
	if got := m["series"].([]any)[0].(map[string]any)["data"].([]any); len(got) != 0 {
		// the only product is not the current one: it is in series 0
		if got[0].([]any)[2] != evil {
			t.Errorf("round trip %q", got[0].([]any)[2])
		}
	}
}

// The theme may write {{.Options}} in its own html/template: it must come
// out unchanged inside <script type="application/json">.
func TestOptionsInThemeTemplate(t *testing.T) {
	f, _ := Costs("c", langFor("de"), CostsInput{Currency: "EUR", Years: 1, Lines: []CostLine{{"<b>&", 1}}, Total: 1})
	tpl := template.Must(template.New("t").Parse(`<script type="application/json" data-chart="{{.ID}}">{{.Options}}</script>`))
	var b bytes.Buffer
	if err := tpl.Execute(&b, f); err != nil {
		t.Fatal(err)
	}
	if want := `<script type="application/json" data-chart="c">` + string(f.Options) + `</script>`; b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestID(t *testing.T) {
	cases := []struct {
		page, kind string
		n          int
		want       string
	}{
		{"products/etf-welt", "costs", 1, "chart_products_etf_welt_costs_1"},
		{"products/etf-welt", "costs-over-time", 2, "chart_products_etf_welt_costs_over_time_2"},
		{"/über-uns/", "risk", 1, "chart_ueber_uns_risk_1"},
		{"Straße", "feedback-balance", 3, "chart_Strasse_feedback_balance_3"},
		{"", "comparison", 1, "chart_comparison_1"},
		{"a//b--c", "x", 10, "chart_a_b_c_x_10"},
		{`"><script>`, "risk", 1, "chart_script_risk_1"},
		{"日本", "risk", 1, "chart_risk_1"},
	}
	for _, c := range cases {
		got := ID(c.page, c.kind, c.n)
		if got != c.want {
			t.Errorf("ID(%q, %q, %d) = %q, want %q", c.page, c.kind, c.n, got, c.want)
		}
		if !idRE.MatchString(got) || got != ID(c.page, c.kind, c.n) {
			t.Errorf("ID %q not safe or not deterministic", got)
		}
	}
	if ID("p", "costs", 1) == ID("p", "costs", 2) {
		t.Error("n does not make ids unique")
	}
}

func equal2(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

func BenchmarkCostsOverTime(b *testing.B) {
	loc, in := langFor("de"), sampleCostsOverTime()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CostsOverTime("chart_p_costs_over_time_1", loc, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCosts(b *testing.B) {
	loc, in := langFor("de"), sampleCosts()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Costs("chart_p_costs_1", loc, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScenarios(b *testing.B) {
	loc, in := langFor("de"), sampleScenarios()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Scenarios("chart_p_scenarios_1", loc, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRisk(b *testing.B) {
	loc := langFor("de")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Risk("chart_p_risk_1", loc, RiskInput{SRI: 4, RHPYears: 5, ProductName: "ETF Welt"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkComparison(b *testing.B) {
	loc, in := langFor("de"), sampleComparison(5000)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		f, err := Comparison("chart_products_comparison_1", loc, in)
		if err != nil {
			b.Fatal(err)
		}
		size = len(f.Options)
	}
	b.ReportMetric(float64(size), "options-bytes")
}

// Builders may run on many goroutines at once (one chart object each).
func TestConcurrentBuilds(t *testing.T) {
	want := sampleFigures(t, langFor("de"))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got := sampleFigures(t, langFor("de"))
			for i := range got {
				if got[i].Options != want[i].Options {
					t.Errorf("%s differs when built concurrently", got[i].Kind)
				}
			}
		})
	}
	wg.Wait()
}

// The markup in the package documentation is the template Figure.HTML runs.
func TestDocShowsTemplate(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(src), "\n") {
		if rest, ok := strings.CutPrefix(l, "//\t"); ok {
			lines = append(lines, rest)
		}
	}
	doc := strings.Join(lines, "\n")
	if !strings.Contains(doc, figureHTML) {
		t.Errorf("doc.go does not show figureHTML; doc has:\n%s\nwant:\n%s", doc, figureHTML)
	}
}

// hostileText is text with everything html/template escapes in the
// contexts of a figure, and URLs its filter and normalizer change.
var hostileText = []string{
	`</script><script>alert("x")</script> & 'q' {{.}}`,
	"Fonds 1 + Co & Partner", "a\x00b", "ümlaut ß € 😀", "\xff invalid \xc3",
}

var hostileURLs = []string{
	"/products/x/", "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "https://example.test/?a=1&b=2",
	"HTTP://example.test/a b", "mailto:anna@bank.test?subject=Frage & Antwort", "/produkte/über-uns/", "/a+b/?q=1+2",
	"/x\x00y", "%zz%41", "/a:b", "tel:+4930", "",
}

// TestHTMLMatchesTemplate checks the hand-written HTML writer against the
// documented template, with hostile text in every field and hostile URLs
// in the links.
func TestHTMLMatchesTemplate(t *testing.T) {
	var figs []Figure
	for _, h := range hostileText {
		var rows [][]Cell
		for _, u := range hostileURLs {
			rows = append(rows, []Cell{{Text: h, URL: u}, {Text: "1,00 %", Numeric: true, Highlight: true, Sort: h}})
		}
		rows = append(rows, []Cell{{Text: "plain"}, {Text: ""}})
		figs = append(figs, Figure{ID: "chart_x_1", Kind: "costs", Caption: h, AriaLabel: h, Options: `{"a":"\u003c/script\u003e"}`,
			Table: Table{Caption: h, Header: []string{h, "b"}, Sortable: true, Rows: rows}})
	}
	figs = append(figs, Figure{ID: "c", Kind: "risk"})
	for _, f := range figs {
		matchesTemplate(t, f)
	}
}

func matchesTemplate(t *testing.T, f Figure) {
	t.Helper()
	got, err := f.HTML()
	if err != nil {
		t.Fatal(err)
	}
	want, err := f.TemplateHTML()
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("HTML differs from the template:\ngot  %s\nwant %s", got, want)
	}
}

// FuzzHTMLMatchesTemplate puts arbitrary text into every field of a figure
// and an arbitrary URL into its table's link.
func FuzzHTMLMatchesTemplate(f *testing.F) {
	for i, h := range hostileText {
		for _, u := range hostileURLs {
			f.Add(h, u, i%2 == 0)
		}
	}
	f.Fuzz(func(t *testing.T, text, url string, sortable bool) {
		matchesTemplate(t, Figure{ID: text, Kind: text, Caption: text, AriaLabel: text, Options: `{"a":1}`,
			Table: Table{Caption: text, Header: []string{text}, Sortable: sortable, Rows: [][]Cell{
				{{Text: text, URL: url, Sort: text, Numeric: sortable}, {Text: url, URL: text}},
			}}})
	})
}

// TestHTMLSizeEstimate keeps htmlSize close above what HTML writes, so the
// builder is grown once and not by much more than it needs.
func TestHTMLSizeEstimate(t *testing.T) {
	for _, loc := range []Lang{langFor("de"), langFor("en")} {
		for _, f := range sampleFigures(t, loc) {
			h, err := f.HTML()
			if err != nil {
				t.Fatal(err)
			}
			est := f.htmlSize()
			if est < len(h) || est > len(h)*3/2 {
				t.Errorf("%s %s: estimated %d bytes, wrote %d", loc.Lang, f.Kind, est, len(h))
			}
		}
	}
}

// TestFeedbackComments: imported comments no editor classified are a fourth
// series only when there are some, named in the text alternative.
func TestFeedbackComments(t *testing.T) {
	de := langFor("de")
	without, err := FeedbackBalance("b", de, FeedbackBalanceInput{Months: []string{"2026-01"}, Praise: []int{1}, Criticism: []int{2}, Questions: []int{3}, Comments: []int{0}})
	if err != nil {
		t.Fatal(err)
	}
	if len(without.Table.Header) != 4 || strings.Contains(without.AriaLabel, "Kommentare") {
		t.Errorf("zero comments shown: %q %q", without.Table.Header, without.AriaLabel)
	}
	with, err := FeedbackBalance("b", de, FeedbackBalanceInput{Months: []string{"2026-01"}, Praise: []int{1}, Criticism: []int{2}, Questions: []int{3}, Comments: []int{4}})
	if err != nil {
		t.Fatal(err)
	}
	if got := cellTexts(with.Table.Rows); !equal2(got, [][]string{{"Januar 2026", "1", "2", "3", "4"}}) || with.Table.Header[4] != "Kommentare" {
		t.Errorf("balance table %q %q", with.Table.Header, got)
	}
	mustContain(t, "aria", with.AriaLabel, "Dazu 4 Kommentare ohne Einordnung.")
	mustContain(t, "options", string(with.Options), `"name":"Kommentare"`)
	sec, err := FeedbackSections("s", de, FeedbackSectionsInput{Sections: []string{"Produkte"}, Praise: []int{1}, Criticism: []int{0}, Questions: []int{0}, Comments: []int{5}})
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "aria", sec.AriaLabel, "Produkte: 1 Lob, 0 Kritik, 0 Fragen, 5 Kommentare")
	if _, err := FeedbackBalance("b", de, FeedbackBalanceInput{Months: []string{"a", "b"}, Praise: []int{1, 1}, Criticism: []int{0, 0}, Questions: []int{0, 0}, Comments: []int{1}}); err == nil {
		t.Error("mismatched comment counts accepted")
	}
}

// The money cells of the product charts' tables carry data-amount, and
// only they: the product page's calculator scales exactly these.
func TestAmountCells(t *testing.T) {
	for _, f := range sampleFigures(t, langFor("de")) {
		product := f.Kind == KindCosts || f.Kind == KindCostsOverTime || f.Kind == KindScenarios
		n := 0
		for _, r := range f.Table.Rows {
			for _, c := range r {
				if !c.Amount {
					continue
				}
				n++
				if !product || !strings.Contains(c.Text, "€") || c.Sort == "" {
					t.Errorf("%s: amount cell %+v", f.Kind, c)
				}
			}
			for _, c := range r {
				if product && strings.Contains(c.Text, "€") && !c.Amount {
					t.Errorf("%s: money cell %+v without Amount", f.Kind, c)
				}
			}
		}
		if product && n == 0 {
			t.Errorf("%s: no amount cells", f.Kind)
		}
		h, _ := f.HTML()
		if got := strings.Count(string(h), " data-amount"); got != n {
			t.Errorf("%s: %d data-amount attributes for %d amount cells", f.Kind, got, n)
		}
	}
}
