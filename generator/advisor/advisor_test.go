package advisor

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-vcard"

	"github.com/klartext/klartext/generator/i18n"
)

func TestPhoneE164(t *testing.T) {
	for _, tc := range []struct {
		raw, cc, want string
		errHas        string
	}{
		{"+49 30 1234 0001", "", "+493012340001", ""},
		{"+49 (0)621 123-45", "", "+4962112345", ""},
		{"+49(0)621/123 45", "", "+4962112345", ""},
		{"+49 ( 0 ) 621 12345", "", "+4962112345", ""},
		{"0049 621 12345", "", "+4962112345", ""},
		{"tel:+49-621-12345", "", "+4962112345", ""},
		{"+1 (555) 123-4567", "", "+15551234567", ""},
		{"+43 1 234 5678", "", "+4312345678", ""},
		{"030 1234", "49", "+49301234", ""},
		{"030 1234", "+49", "+49301234", ""},
		{"  +49\u00a0621\u202f12345 ", "", "+4962112345", ""},
		{"030 1234", "", "", "write it with +49"},
		{"621 12345", "49", "", "must start with +"},
		{"+49 0621 12345", "", "", "drop the 0 after +49"},
		{"+49 621 12345 67890 123", "", "", "at most 15"},
		{"+49 12", "", "", "too short"},
		{"+49 621 CALL-ME", "", "", "not a digit"},
		{"49+621", "", "", "only stand at the start"},
		{"", "", "", "empty"},
		{"+0 123 45678", "", "", "cannot start with 0"},
		{"030 1234", "0049x", "", "not 1 to 3 digits"},
	} {
		got, err := PhoneE164(tc.raw, tc.cc)
		if tc.errHas != "" {
			if err == nil || !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("PhoneE164(%q, %q) = %q, %v; want error containing %q", tc.raw, tc.cc, got, err, tc.errHas)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("PhoneE164(%q, %q) = %q, %v; want %q", tc.raw, tc.cc, got, err, tc.want)
		}
	}
}

func TestInitials(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Anna Schmidt", "AS"},
		{"Elif Yılmaz-Öztürk", "EY"},
		{"Özlem Çelik", "ÖÇ"},
		{"ılgın Şahin", "IŞ"},
		{"Dr. Jürgen von Özdemir", "JÖ"},
		{"Anna Maria Schmidt", "AS"},
		{"  anna   schmidt ", "AS"},
		{"Madonna", "M"},
		{"\"Jo\" Müller", "JM"},
		{"O\u0308zlem Weber", "O\u0308W"}, // decomposed Ö keeps its mark
		{"Σοφία Παπαδοπούλου", "ΣΠ"},
		{"", ""},
		{"— –", ""},
	} {
		if got := Initials(tc.name); got != tc.want {
			t.Errorf("Initials(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestAdviceModel(t *testing.T) {
	for _, s := range []string{"fee-based", " commission-based "} {
		if _, err := ParseAdviceModel(s); err != nil {
			t.Errorf("ParseAdviceModel(%q): %v", s, err)
		}
	}
	for _, s := range []string{"", "fee", "Fee-Based", "provision"} {
		if m, err := ParseAdviceModel(s); err == nil {
			t.Errorf("ParseAdviceModel(%q) = %q, want error", s, m)
		}
	}
	for _, tc := range []struct {
		m          AdviceModel
		lang, want string
	}{
		{FeeBased, "de", "Honorarberatung: Sie zahlen die Beratung direkt; wer Sie berät, erhält keine Provision von Produktanbietern."},
		{CommissionBased, "de-DE", "Provisionsberatung: Die Bank erhält von Produktanbietern Provisionen; die Beratung selbst ist für Sie kostenlos. Die Höhe der Provision nennen wir Ihnen vor dem Abschluss."},
		{FeeBased, "en", "Fee-based advice: You pay for the advice directly; the adviser receives no commission from product providers."},
		{AdviceModel("bogus"), "de", ""},
	} {
		if got := tc.m.Notice(i18n.MustBuiltin(tc.lang)); got != tc.want {
			t.Errorf("%q.Notice(%q) = %q, want %q", tc.m, tc.lang, got, tc.want)
		}
	}
	if got := FeeBased.Notice(nil); got != "" {
		t.Errorf("Notice without words = %q", got)
	}
	if got := CommissionBased.Label(i18n.MustBuiltin("en")); got != "Commission-based advice" {
		t.Errorf("Label = %q", got)
	}
}

func sampleCard() Card {
	return Card{
		Slug:        "elif-yilmaz",
		Name:        "Elif Yılmaz-Öztürk",
		Role:        "Anlageberaterin; Altersvorsorge, Fonds",
		Branch:      "Filiale Mannheim, Quadrate",
		Languages:   []string{"de", "tr", "en"},
		Specialties: []string{"Altersvorsorge", "ETF-Sparpläne, Fonds"},
		Email:       "elif.yilmaz@example.de",
		Phone:       "+4962112345",
		Photo:       "elif.jpg",
		PhotoAlt:    "Elif Yılmaz-Öztürk am Schreibtisch",
		AdviceModel: FeeBased,
		Published:   true,
		Org:         `Klartext Bank\eG`,
		Words:       i18n.MustBuiltin("de"),
	}
}

func TestVCardFormat(t *testing.T) {
	c := sampleCard()
	out := VCard(c, "https://bank.example/advisors/elif-yilmaz/", "https://bank.example/advisors/elif-yilmaz/elif.jpg")
	s := string(out)
	if !strings.HasPrefix(s, "BEGIN:VCARD\r\nVERSION:4.0\r\n") || !strings.HasSuffix(s, "END:VCARD\r\n") {
		t.Fatalf("bad envelope:\n%s", s)
	}
	if strings.Count(s, "\n") != strings.Count(s, "\r\n") {
		t.Errorf("line endings are not all CRLF")
	}
	for _, want := range []string{
		"\r\nFN:Elif Yılmaz-Öztürk\r\n",
		"\r\nN:Yılmaz-Öztürk;Elif;;;\r\n",
		"\r\nTITLE:Anlageberaterin\\; Altersvorsorge\\, Fonds\r\n",
		"\r\nORG:Klartext Bank\\\\eG;Filiale Mannheim\\, Quadrate\r\n",
		"\r\nTEL;VALUE=uri;TYPE=work,voice:tel:+4962112345\r\n",
		"\r\nEMAIL;TYPE=work:elif.yilmaz@example.de\r\n",
		"\r\nLANG;PREF=1:de\r\nLANG;PREF=2:tr\r\nLANG;PREF=3:en\r\n",
		"\r\nCATEGORIES:Altersvorsorge,ETF-Sparpläne\\, Fonds\r\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
	if strings.Contains(s, "REV:") {
		t.Errorf("REV written without Updated")
	}
	if !bytes.Equal(out, VCard(c, "https://bank.example/advisors/elif-yilmaz/", "https://bank.example/advisors/elif-yilmaz/elif.jpg")) {
		t.Errorf("not deterministic")
	}
	c.Updated = time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	if s := string(VCard(c, "", "")); !strings.Contains(s, "\r\nREV:20261126T093000Z\r\n") || strings.Contains(s, "URL:") || strings.Contains(s, "PHOTO:") {
		t.Errorf("REV/URL/PHOTO handling wrong:\n%s", s)
	}
}

func TestVCardEscapesNewlinesAndControls(t *testing.T) {
	c := Card{Name: "Anna\nSchmidt\r\nBEGIN:VCARD", Role: "a\rb\x00c", Phone: "not a number", AdviceModel: "x"}
	s := string(VCard(c, "https://x.example/\r\nEVIL:1", ""))
	if n := strings.Count(s, "\r\nBEGIN:") + strings.Count(s, "\r\nEVIL"); n > 0 || strings.Count(s, "\r\n") != strings.Count(s, "\n") {
		t.Errorf("a newline in a value started a new line:\n%s", s)
	}
	for _, want := range []string{`FN:Anna\nSchmidt\nBEGIN:VCARD`, `TITLE:a\nbc`, "URL:https://x.example/EVIL:1\r\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
	for _, bad := range []string{"TEL", "NOTE", "\r\nEVIL"} {
		if strings.Contains(s, bad) {
			t.Errorf("unexpected %q in\n%s", bad, s)
		}
	}
}

func TestFold(t *testing.T) {
	for _, line := range []string{
		"NOTE:" + strings.Repeat("a", 200),
		"NOTE:" + strings.Repeat("ö", 100),      // 2-octet runes
		"NOTE:x" + strings.Repeat("€", 60),      // 3-octet runes at odd offsets
		"NOTE:" + strings.Repeat("😀", 40),       // 4-octet runes
		"NOTE:" + strings.Repeat("a", 70),       // exactly 75: no fold
		"NOTE:" + strings.Repeat("a", 71) + "ü", // 77 octets
	} {
		folded := fold(line)
		if !strings.HasSuffix(folded, "\r\n") {
			t.Fatalf("no CRLF at end")
		}
		parts := strings.Split(strings.TrimSuffix(folded, "\r\n"), "\r\n")
		var unfolded strings.Builder
		for i, p := range parts {
			if len(p) > maxLineOctets {
				t.Errorf("line %d has %d octets: %q", i, len(p), p)
			}
			if !utf8.ValidString(p) {
				t.Errorf("line %d splits a UTF-8 sequence: %q", i, p)
			}
			if i > 0 {
				if !strings.HasPrefix(p, " ") {
					t.Errorf("continuation %d does not start with a space", i)
				}
				p = p[1:]
			}
			unfolded.WriteString(p)
		}
		if unfolded.String() != line {
			t.Errorf("unfolding does not give the line back")
		}
		if len(line) <= maxLineOctets && len(parts) != 1 {
			t.Errorf("short line folded")
		}
	}
}

// TestVCardParses decodes the card with a real vCard parser.
func TestVCardParses(t *testing.T) {
	c := sampleCard()
	c.Specialties = append(c.Specialties, strings.Repeat("Nachhaltige Geldanlage für Familien mit Kindern ", 4))
	raw := VCard(c, "https://bank.example/advisors/elif-yilmaz/", "https://bank.example/p/elif.jpg")
	card, err := vcard.NewDecoder(bytes.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, raw)
	}
	check := func(key, want string) {
		t.Helper()
		if got := card.Value(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	check(vcard.FieldVersion, "4.0")
	check(vcard.FieldFormattedName, "Elif Yılmaz-Öztürk")
	check(vcard.FieldEmail, "elif.yilmaz@example.de")
	check(vcard.FieldTelephone, "tel:+4962112345")
	check(vcard.FieldURL, "https://bank.example/advisors/elif-yilmaz/")
	check(vcard.FieldPhoto, "https://bank.example/p/elif.jpg")
	if n := card.Name(); n == nil || n.FamilyName != "Yılmaz-Öztürk" || n.GivenName != "Elif" {
		t.Errorf("N = %+v", n)
	}
	if tel := card.Get(vcard.FieldTelephone); tel.Params.Get("VALUE") != "uri" {
		t.Errorf("TEL params = %v", tel.Params)
	}
	if got := card.Values(vcard.FieldLanguage); strings.Join(got, " ") != "de tr en" {
		t.Errorf("LANG = %v", got)
	}
	if note := card.Value(vcard.FieldNote); !strings.HasPrefix(note, "Honorarberatung: ") {
		t.Errorf("NOTE = %q", note)
	}
	cats := card.Value(vcard.FieldCategories)
	if !strings.Contains(cats, "Nachhaltige Geldanlage für Familien mit Kindern Nachhaltige") {
		t.Errorf("folded CATEGORIES not unfolded: %q", cats)
	}
}

func TestPersonJSONLD(t *testing.T) {
	c := sampleCard()
	c.Name = `Anna "</script><script>alert(1)</script>" Schmidt & Co`
	out := PersonJSONLD(c, "https://bank.example/advisors/anna/", "Klartext Bank", "https://bank.example/")
	for _, bad := range []string{"</script", "<script", "<!--", "&"} {
		if strings.Contains(strings.ToLower(string(out)), bad) {
			t.Errorf("JSON-LD contains %q: %s", bad, out)
		}
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("does not parse: %v\n%s", err, out)
	}
	want := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "Person",
		"name":          c.Name,
		"jobTitle":      c.Role,
		"email":         "mailto:elif.yilmaz@example.de",
		"telephone":     "+4962112345",
		"image":         "https://bank.example/advisors/anna/elif.jpg",
		"url":           "https://bank.example/advisors/anna/",
		"knowsLanguage": []any{"de", "tr", "en"},
		"knowsAbout":    []any{"Altersvorsorge", "ETF-Sparpläne, Fonds"},
		"worksFor":      map[string]any{"@type": "Organization", "name": "Klartext Bank", "url": "https://bank.example/"},
		"workLocation":  map[string]any{"@type": "Place", "name": "Filiale Mannheim, Quadrate"},
	}
	wantJSON, _ := json.Marshal(want)
	gotJSON, _ := json.Marshal(got)
	if !bytes.Equal(wantJSON, gotJSON) {
		t.Errorf("got  %s\nwant %s", gotJSON, wantJSON)
	}
	// Empty fields are left out rather than written empty.
	min := PersonJSONLD(Card{Name: "A B"}, "", "", "")
	if string(min) != `{"@context":"https://schema.org","@type":"Person","name":"A B"}` {
		t.Errorf("minimal = %s", min)
	}
}

func TestPhoneForReading(t *testing.T) {
	for in, want := range map[string]string{
		"+49 621 1234-567": "+49\u00a0621\u00a01234\u2011567",
		"0621/123456":      "0621/123456",
		"":                 "",
	} {
		if got := PhoneForReading(in); got != want {
			t.Errorf("PhoneForReading(%q) = %q, want %q", in, got, want)
		}
	}
}
