package feedback

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/klartext/klartext/generator/i18n"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []int
		want float64
		ok   bool
	}{
		{nil, 0, false},
		{[]int{4}, 4, true},
		{[]int{9, 1}, 5, true},
		{[]int{3, 1, 2}, 2, true},
		{[]int{0, 10, 1, 2}, 1.5, true},
		{[]int{7, 7, 7, 30}, 7, true},
	}
	for _, tt := range tests {
		got, ok := Median(append([]int(nil), tt.in...))
		if got != tt.want || ok != tt.ok {
			t.Errorf("Median(%v) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDaysBetween(t *testing.T) {
	for _, tt := range []struct {
		from, to string
		want     int
	}{{"2026-03-05", "2026-03-05", 0}, {"2026-03-05", "2026-03-09", 4}, {"2026-02-27", "2026-03-02", 3}, {"2025-12-31", "2026-01-01", 1}, {"2026-03-28", "2026-03-30", 2}} {
		if got := DaysBetween(day(tt.from), day(tt.to)); got != tt.want {
			t.Errorf("DaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

// answeredEntries, worked out by hand:
//
//	#  kind       date        answered    public comment/answer   days
//	1  criticism  2026-01-01  2026-01-03  yes / yes               2
//	2  criticism  2026-01-02  -           yes / -                 -
//	3  criticism  2026-01-03  2026-01-13  no  / (not public)      10
//	4  question   2026-01-04  2026-01-05  yes / yes               1
//	5  praise     2026-01-05  -           yes / -                 -
//	6  comment    2026-01-06  2026-01-10  yes / yes               4
var answeredEntries = []Entry{
	{ID: "1", Page: "/a/", Date: day("2026-01-01"), Kind: Criticism, Comment: "teuer", Public: true, Answer: "gesenkt", Answered: day("2026-01-03")},
	{ID: "2", Page: "/a/", Date: day("2026-01-02"), Kind: Criticism, Comment: "unklar", Public: true},
	{ID: "3", Page: "/b/", Date: day("2026-01-03"), Kind: Criticism, Comment: "intern", Answered: day("2026-01-13")},
	{ID: "4", Page: "/b/", Date: day("2026-01-04"), Kind: Question, Comment: "wann?", Public: true, Answer: "morgen", Answered: day("2026-01-05")},
	{ID: "5", Page: "/a/", Date: day("2026-01-05"), Kind: Praise, Comment: "gut", Public: true},
	{ID: "6", Page: "/c/", Date: day("2026-01-06"), Kind: Comment, Comment: "aus isso", Public: true, Answer: "danke", Answered: day("2026-01-10")},
}

func TestBalanceAnswers(t *testing.T) {
	b := Balance(answeredEntries, nil)
	// criticism 3, of them answered 2 (1 and 3); answered 4 in all; days 2, 10, 1, 4 → median (2+4)/2 = 3
	want := AnswerStats{Criticism: 3, CriticismAnswered: 2, Answered: 4, MedianDays: 3, HasMedian: true}
	if b.Answers != want {
		t.Errorf("answers %+v, want %+v", b.Answers, want)
	}
	if share, ok := b.Answers.CriticismShare(); !ok || share != 2.0/3 {
		t.Errorf("share %v %v", share, ok)
	}
	// "Sie sagten – wir haben": public comment and public answer, the latest answer first: 6 (01-10), 4 (01-05), 1 (01-03).
	var ids []string
	for _, d := range b.YouSaid {
		ids = append(ids, d.ID)
	}
	if fmt.Sprint(ids) != "[6 4 1]" {
		t.Errorf("you said %v", ids)
	}
	if b.Total.Comments != 1 || b.Total.Total() != 6 {
		t.Errorf("total %+v", b.Total)
	}
	if _, ok := (AnswerStats{}).CriticismShare(); ok {
		t.Error("a share without criticism")
	}
}

func TestYouSaidLimit(t *testing.T) {
	var es []Entry
	for i := range YouSaidLimit + 3 {
		d := day("2026-01-01").AddDate(0, 0, i)
		es = append(es, Entry{ID: fmt.Sprint(i), Page: "/a/", Date: d, Kind: Criticism, Comment: "c", Public: true, Answer: "a", Answered: d})
	}
	b := Balance(es, nil)
	if len(b.YouSaid) != YouSaidLimit || b.YouSaid[0].ID != fmt.Sprint(YouSaidLimit+2) {
		t.Errorf("got %d, first %s", len(b.YouSaid), b.YouSaid[0].ID)
	}
}

func TestSummarizePublic(t *testing.T) {
	s := Summarize(answeredEntries)
	// /a/: public 5 (01-05), 2 (01-02), 1 (01-01), newest first; /b/: 3 is not public.
	got := map[string][]string{}
	for page, p := range s {
		for _, d := range p.Public {
			got[page] = append(got[page], d.ID+":"+d.Answer)
		}
	}
	want := map[string][]string{"/a/": {"5:", "2:", "1:gesenkt"}, "/b/": {"4:morgen"}, "/c/": {"6:danke"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("public %v, want %v", got, want)
	}
	v := s["/a/"].View(i18n.MustBuiltin("de"))
	if len(v.Public) != 3 || v.Public[2].Kind != "Kritik" || v.Public[2].Answered != "3. Januar 2026" || v.Public[2].AnsweredISO != "2026-01-03" || v.Public[0].Answered != "" {
		t.Errorf("view %+v", v.Public)
	}
	if v := s["/c/"].View(i18n.MustBuiltin("en")); v.Counts != "1\u00a0×\u00a0comment" || v.Public[0].Kind != "Comment" {
		t.Errorf("en view %q %+v", v.Counts, v.Public)
	}
}
