package advisor

import (
	"fmt"
	"testing"
)

func TestCheck(t *testing.T) {
	good := sampleCard()
	good.Phone = "0621 12345"
	good.BookingURL = "https://termine.bank.example/elif"
	if ps := Check(good, "49"); len(ps) != 0 {
		t.Errorf("good card: %v", ps)
	}
	bad := Card{
		Published:  true,
		Email:      "Elif <elif@example.de>",
		Phone:      "0621 12345",
		BookingURL: "http://termine.bank.example/",
		Languages:  []string{"de", "tk"},
		Photo:      "elif.jpg",
	}
	var got []string
	for _, p := range Check(bad, "") {
		got = append(got, fmt.Sprintf("%s/%v", p.Key, p.Warning))
	}
	// A missing advice model is a warning; a wrong one an error (below).
	want := "[name/false advice_model/true email/false phone/false booking_url/false languages/true photo_alt/true]"
	if fmt.Sprint(got) != want {
		t.Errorf("got %v, want %s", got, want)
	}
	bad.AdviceModel = "provision"
	if ps := Check(bad, ""); ps[1].Key != "advice_model" || ps[1].Warning {
		t.Errorf("a wrong advice model must be an error: %v", ps)
	}
	bad.Published = false
	if ps := Check(bad, ""); ps != nil {
		t.Errorf("unpublished card checked: %v", ps)
	}
}
