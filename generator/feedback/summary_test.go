package feedback

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/klartext/klartext/generator/i18n"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// handEntries: the numbers in the tests below are worked out by hand from these rows.
//
//	#  page            date        kind       costs transp cond service inter
//	1  /products/a/    2025-01-05  praise     5     4      -    3       -
//	2  /products/a/    2025-01-20  criticism  2     -      -    1       -
//	3  /products/a/    2025-02-03  question   -     -      -    -       -
//	4  /products/b/    2025-02-10  criticism  1     2      3    4       5
//	5  /products/b/    2024-12-31  criticism  -     -      -    -       -
//	6  /advisors/anna/ 2025-01-07  praise     -     -      -    5       5
//	7  /products/c/    2025-02-11  criticism  3     -      -    -       -
var handEntries = []Entry{
	{Page: "/products/a/", Date: day("2025-01-05"), Kind: Praise, Ratings: [5]int{5, 4, 0, 3, 0}},
	{Page: "/products/a/", Date: day("2025-01-20"), Kind: Criticism, Ratings: [5]int{2, 0, 0, 1, 0}},
	{Page: "/products/a/", Date: day("2025-02-03"), Kind: Question},
	{Page: "/products/b/", Date: day("2025-02-10"), Kind: Criticism, Ratings: [5]int{1, 2, 3, 4, 5}},
	{Page: "/products/b/", Date: day("2024-12-31"), Kind: Criticism},
	{Page: "/advisors/anna/", Date: day("2025-01-07"), Kind: Praise, Ratings: [5]int{0, 0, 0, 5, 5}},
	{Page: "/products/c/", Date: day("2025-02-11"), Kind: Criticism, Ratings: [5]int{3, 0, 0, 0, 0}},
}

func TestSummarize(t *testing.T) {
	got := Summarize(handEntries)
	want := map[string]PageSummary{
		// costs (5+2)/2 = 3.5, transparency 4/1, service (3+1)/2 = 2
		"/products/a/": {Counts: Counts{Praise: 1, Criticism: 1, Questions: 1},
			Factors: [5]Average{{7, 2}, {4, 1}, {}, {4, 2}, {}}},
		"/products/b/":    {Counts: Counts{Criticism: 2}, Factors: [5]Average{{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 1}}},
		"/advisors/anna/": {Counts: Counts{Praise: 1}, Factors: [5]Average{{}, {}, {}, {5, 1}, {5, 1}}},
		"/products/c/":    {Counts: Counts{Criticism: 1}, Factors: [5]Average{{3, 1}, {}, {}, {}, {}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	a := got["/products/a/"]
	means := []float64{a.Factors[0].Mean(), a.Factors[1].Mean(), a.Factors[2].Mean(), a.Factors[3].Mean()}
	if !reflect.DeepEqual(means, []float64{3.5, 4, 0, 2}) {
		t.Errorf("means %v", means)
	}
	if a.Factors[2].Count != 0 || !a.Rated() {
		t.Error("conditions on /products/a/ must be not given")
	}
}

func TestBalance(t *testing.T) {
	b := Balance(handEntries, func(p string) string { return strings.Split(p, "/")[1] })
	if b.Total != (Counts{Praise: 2, Criticism: 4, Questions: 1}) {
		t.Errorf("total %+v", b.Total)
	}
	wantMonths := []MonthCounts{
		{"2024-12", Counts{Criticism: 1}},
		{"2025-01", Counts{Praise: 2, Criticism: 1}},
		{"2025-02", Counts{Criticism: 2, Questions: 1}},
	}
	if !reflect.DeepEqual(b.Months, wantMonths) {
		t.Errorf("months %+v", b.Months)
	}
	// costs 5+2+1+3 = 11/4 = 2.75; transparency 4+2 = 6/2 = 3; conditions 3/1;
	// service 3+1+4+5 = 13/4 = 3.25; interaction 5+5 = 10/2 = 5
	wantFactors := [5]Average{{11, 4}, {6, 2}, {3, 1}, {13, 4}, {10, 2}}
	if b.Factors != wantFactors {
		t.Errorf("factors %+v", b.Factors)
	}
	var means []float64
	for _, f := range b.Factors {
		means = append(means, f.Mean())
	}
	if !reflect.DeepEqual(means, []float64{2.75, 3, 3, 3.25, 5}) {
		t.Errorf("means %v", means)
	}
	wantSections := []SectionBalance{
		{"advisors", PageSummary{Counts: Counts{Praise: 1}, Factors: [5]Average{{}, {}, {}, {5, 1}, {5, 1}}}},
		// service 3+1+4 = 8/3
		{"products", PageSummary{Counts: Counts{Praise: 1, Criticism: 4, Questions: 1}, Factors: [5]Average{{11, 4}, {6, 2}, {3, 1}, {8, 3}, {5, 1}}}},
	}
	if !reflect.DeepEqual(b.Sections, wantSections) {
		t.Errorf("sections %+v", b.Sections)
	}
	// b: 2 criticisms, ratings 1+2+3+4+5 = 15/5 = 3; a and c 1 each, by path:
	// a ratings 5+4+3+2+1 = 15/5 = 3; c 3/1.
	wantCrit := []CriticisedPage{
		{"/products/b/", 2, Average{15, 5}},
		{"/products/a/", 1, Average{15, 5}},
		{"/products/c/", 1, Average{3, 1}},
	}
	if !reflect.DeepEqual(b.MostCriticised, wantCrit) {
		t.Errorf("most criticised %+v", b.MostCriticised)
	}
}

func TestBalanceTopTen(t *testing.T) {
	var es []Entry
	for i := range 12 {
		for range i%3 + 1 {
			es = append(es, Entry{Page: fmt.Sprintf("/p/%02d/", i), Date: day("2025-01-01"), Kind: Criticism})
		}
	}
	es = append(es, Entry{Page: "/praised/", Date: day("2025-01-01"), Kind: Praise})
	b := Balance(es, nil)
	var got []string
	for _, c := range b.MostCriticised {
		got = append(got, fmt.Sprintf("%s=%d", c.Path, c.Criticism))
	}
	want := "/p/02/=3 /p/05/=3 /p/08/=3 /p/11/=3 /p/01/=2 /p/04/=2 /p/07/=2 /p/10/=2 /p/00/=1 /p/03/=1"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	if len(b.Sections) != 2 || b.Sections[0].Section != "p" || b.Sections[1].Section != "praised" {
		t.Errorf("default sections %+v", b.Sections)
	}
}

func TestBalanceLinear(t *testing.T) {
	es := make([]Entry, 20000)
	kinds := []Kind{Praise, Criticism, Question}
	for i := range es {
		es[i] = Entry{Page: fmt.Sprintf("/products/p-%04d/", i%3000), Date: day("2025-01-01").AddDate(0, 0, i%365),
			Kind: kinds[i%3], Ratings: [5]int{i%5 + 1, 0, (i+2)%5 + 1, 0, 3}}
	}
	calls := 0
	start := time.Now()
	b := Balance(es, func(p string) string { calls++; return "products" })
	s := Summarize(es)
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("20,000 entries took %v", d)
	}
	if calls != 3000 {
		t.Errorf("sectionOf called %d times, want once per page (3000)", calls)
	}
	if b.Total.Total() != 20000 || len(s) != 3000 || len(b.MostCriticised) != 10 || len(b.Months) != 12 {
		t.Errorf("total %d pages %d crit %d months %d", b.Total.Total(), len(s), len(b.MostCriticised), len(b.Months))
	}
}

func BenchmarkBalance20k(b *testing.B) {
	es := make([]Entry, 20000)
	for i := range es {
		es[i] = Entry{Page: fmt.Sprintf("/products/p-%04d/", i%3000), Date: day("2025-01-01").AddDate(0, 0, i%365),
			Kind: Criticism, Ratings: [5]int{i%5 + 1, 0, 0, 0, 3}}
	}
	for b.Loop() {
		Balance(es, nil)
	}
}

func TestSummaryView(t *testing.T) {
	a := Summarize(handEntries)["/products/a/"]
	de := a.View(i18n.MustBuiltin("de"))
	if de.Counts != "1\u00a0×\u00a0Lob, 1\u00a0×\u00a0Kritik, 1\u00a0×\u00a0Frage" {
		t.Errorf("de counts %q", de.Counts)
	}
	wantRows := []SummaryRow{{"Kosten", "3,5", "2"}, {"Transparenz", "4,0", "1"}, {"Servicequalität", "2,0", "2"}}
	if !reflect.DeepEqual(de.Rows, wantRows) || de.Caption != "Durchschnitt je Faktor" {
		t.Errorf("de rows %+v", de.Rows)
	}
	en := a.View(i18n.MustBuiltin("en"))
	if en.Counts != "1\u00a0×\u00a0praise, 1\u00a0×\u00a0criticism, 1\u00a0×\u00a0question" || en.Rows[0] != (SummaryRow{"Costs", "3.5", "2"}) {
		t.Errorf("en %+v", en)
	}
	many := PageSummary{Counts: Counts{Praise: 3, Criticism: 1, Questions: 2}, Factors: [5]Average{{Sum: 4000, Count: 1200}}}
	v := many.View(i18n.MustBuiltin("de"))
	if v.Counts != "3\u00a0×\u00a0Lob, 1\u00a0×\u00a0Kritik, 2\u00a0×\u00a0Fragen" || v.Rows[0] != (SummaryRow{"Kosten", "3,3", "1.200"}) {
		t.Errorf("many %+v", v)
	}
	if (PageSummary{}).View(i18n.MustBuiltin("de")) != nil {
		t.Error("empty summary must give nil")
	}
}

func TestSummaryPartial(t *testing.T) {
	tpl := loadPartial(t, "feedback-summary.html")
	var b strings.Builder
	if err := tpl.Execute(&b, Summarize(handEntries)["/products/a/"].View(i18n.MustBuiltin("de"))); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"<h2 id=\"fb-summary-heading\">Rückmeldungen zu dieser Seite</h2>",
		"1\u00a0×\u00a0Lob, 1\u00a0×\u00a0Kritik, 1\u00a0×\u00a0Frage",
		"<caption>Durchschnitt je Faktor (1 = schlecht, 5 = sehr gut)</caption>",
		// each value with its column's header, for the stacked rows of a phone
		`<tr><th scope="row">Kosten</th><td data-label="Durchschnitt">3,5</td><td data-label="Bewertungen">2</td></tr>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "Konditionen") {
		t.Error("a factor without ratings is shown")
	}
	b.Reset()
	// Counts only: no table.
	if err := tpl.Execute(&b, (PageSummary{Counts: Counts{Questions: 2}}).View(i18n.MustBuiltin("en"))); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<table") || !strings.Contains(b.String(), "2\u00a0×\u00a0questions") {
		t.Errorf("counts only:\n%s", b.String())
	}
	b.Reset()
	if err := tpl.Execute(&b, (*SummaryView)(nil)); err != nil || strings.TrimSpace(b.String()) != "" {
		t.Errorf("nil view rendered %q (%v)", b.String(), err)
	}
}
