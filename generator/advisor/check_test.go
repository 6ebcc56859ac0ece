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

// TestCheckEmailAndBookingGrammar: the address and the booking link are
// checked by their grammars (grammar.Email, grammar.WebURL with https).
func TestCheckEmailAndBookingGrammar(t *testing.T) {
	for _, tc := range []struct{ email, booking, want string }{
		{"anna@bank.example", "https://termine.bank.example/anna", ""},
		{"anna@bank.example?bcc=x@evil.example", "", `email "anna@bank.example?bcc=x@evil.example" has more than one @`},
		{"anna?bcc=x@bank.example", "", `email "anna?bcc=x@bank.example" has '?' before the @, which would change what a mail program does with the link`},
		{"", "javascript:alert(1)", `booking_url "javascript:alert(1)" must be an https:// address; it is not an absolute web address`},
		{"", "https://user:pw@termine.bank.example/", `booking_url "https://user:pw@termine.bank.example/" must be an https:// address; it has a user name or password in it (before the @)`},
		{"", "https://termine.bank.example/a b", `booking_url "https://termine.bank.example/a b" must be an https:// address; it has a space or control character in it`},
	} {
		c := sampleCard()
		c.Email, c.BookingURL = tc.email, tc.booking
		var got string
		for _, p := range Check(c, "49") {
			if !p.Warning {
				got = p.Message.String()
			}
		}
		if got != tc.want {
			t.Errorf("%q, %q: got %q, want %q", tc.email, tc.booking, got, tc.want)
		}
	}
}
