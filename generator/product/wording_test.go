package product

import "testing"

func TestRiskSummary(t *testing.T) {
	for _, tc := range []struct {
		sri        int
		lang, want string
	}{
		{4, "de", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 4 eingestuft; das ist eine mittlere Risikoklasse."},
		{1, "de-DE", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 1 eingestuft; das ist die niedrigste Risikoklasse."},
		{2, "de", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 2 eingestuft; das ist eine niedrige Risikoklasse."},
		{3, "de", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 3 eingestuft; das ist eine mittelniedrige Risikoklasse."},
		{5, "de", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 5 eingestuft; das ist eine mittelhohe Risikoklasse."},
		{6, "de", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 6 eingestuft; das ist die zweithöchste Risikoklasse."},
		{7, "de", "Wir haben dieses Produkt auf einer Skala von 1 bis 7 in die Risikoklasse 7 eingestuft; das ist die höchste Risikoklasse."},
		{4, "en", "We have classified this product as 4 out of 7, which is a medium risk class."},
		{1, "en-GB", "We have classified this product as 1 out of 7, which is the lowest risk class."},
		{2, "en", "We have classified this product as 2 out of 7, which is a low risk class."},
		{3, "en", "We have classified this product as 3 out of 7, which is a medium-low risk class."},
		{5, "en", "We have classified this product as 5 out of 7, which is a medium-high risk class."},
		{6, "fr", "We have classified this product as 6 out of 7, which is the second-highest risk class."},
		{7, "", "We have classified this product as 7 out of 7, which is the highest risk class."},
		{0, "de", ""},
		{8, "en", ""},
	} {
		if got := RiskSummary(tc.sri, tc.lang); got != tc.want {
			t.Errorf("RiskSummary(%d, %q) = %q, want %q", tc.sri, tc.lang, got, tc.want)
		}
	}
}

func TestRiskLabel(t *testing.T) {
	for _, tc := range []struct {
		sri        int
		lang, want string
	}{
		{4, "de", "Risikoklasse 4 von 7"},
		{4, "en", "Risk class 4 of 7"},
		{7, "de-AT", "Risikoklasse 7 von 7"},
		{0, "de", ""},
	} {
		if got := RiskLabel(tc.sri, tc.lang); got != tc.want {
			t.Errorf("RiskLabel(%d, %q) = %q, want %q", tc.sri, tc.lang, got, tc.want)
		}
	}
}

func TestTypeLabel(t *testing.T) {
	for _, tc := range []struct{ typ, lang, want string }{
		{"deposit", "de", "Einlage"},
		{"deposit", "en", "Deposit"},
		{"bond-fund", "de", "Rentenfonds"},
		{"equity-fund", "de", "Aktienfonds"},
		{"equity-etf", "de", "Aktien-ETF"},
		{"mixed-fund", "de", "Mischfonds"},
		{"structured", "de", "Strukturiertes Produkt (Zertifikat)"},
		{"commodity-fund", "de", "Rohstofffonds"},
		{"commodity-fund", "en", "Commodity fund"},
		{"real-estate-fund", "de", "Immobilienfonds"},
		{"money-market-fund", "en", "Money market fund"},
		{"hedge-fund", "de", "hedge-fund"},
	} {
		if got := TypeLabel(tc.typ, tc.lang); got != tc.want {
			t.Errorf("TypeLabel(%q, %q) = %q, want %q", tc.typ, tc.lang, got, tc.want)
		}
	}
	for _, typ := range KnownTypes() {
		if TypeLabel(typ, "de") == typ || TypeLabel(typ, "en") == typ {
			t.Errorf("%s has no label", typ)
		}
	}
}

func TestFigureLabels(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{CostLabel("entry", "de-DE"), "Einstiegskosten"},
		{CostLabel("performance_fee", "en"), "Performance fees"},
		{CostLabel("ongoing", "fr"), "Management fees and other administrative or operating costs"},
		{CostLabel("unknown", "de"), "unknown"},
		{ScenarioLabel("unfavourable", "de"), "Pessimistisches Szenario"},
		{ScenarioLabel("minimum", "en"), "Minimum"},
		{RateLabel(CostLine{Key: "entry"}, "1,00 %", "de"), "1,00 % des Betrags, den Sie beim Einstieg zahlen"},
		{RateLabel(CostLine{Key: "exit"}, "0.50 %", "en"), "0.50 % of your investment before it is paid out to you"},
		{RateLabel(CostLine{Key: "transaction"}, "0,10 %", "de"), "0,10 % des Werts Ihrer Anlage pro Jahr"},
		{RateLabel(CostLine{Key: "ongoing"}, "0.20 %", "en"), "0.20 % of the value of your investment per year"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
