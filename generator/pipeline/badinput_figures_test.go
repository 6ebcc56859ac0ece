package pipeline

// The product figures' part of the bad-input catalogue (badinput_test.go):
// nothing the page needs may be missing, bounds no real product has are
// errors, and the compliance dates are what an editor wrote. Each case
// builds a good site with products first, breaks it, and checks the exact
// error (file, row or line, column), that the build failed, and that the
// previous output is untouched.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const figuresCSVHeader = "id,name,isin,type,sri,rhp_years,entry_pct,exit_pct,ongoing_pct,transaction_pct," +
	"scenario_stress_pct,scenario_unfavourable_pct,scenario_moderate_pct,scenario_favourable_pct,kid_date\n"

// figuresGoodSite is minimalSite with two products and an explainer.
func figuresGoodSite() map[string]string {
	files := minimalSite()
	files["content/data/products.csv"] = figuresCSVHeader +
		"fonds-a,Fonds A,DE0005140008,mixed-fund,3,5,3.00,0.00,1.20,0.10,-20,-3,3,8,2026-01-15\n" +
		"fonds-b,Fonds B,IE00B4L5Y983,equity-etf,4,10,0.00,0.00,0.20,0.03,-12,1,6,11,\n"
	files["content/products/fonds-a.md"] = "---\ntitle: Fonds A\nproduct: fonds-a\nreviewed: 2026-10-01\nreviewed_by: Compliance, K. Brandt\nvalid_until: 2027-10-01\n---\nText.\n"
	return files
}

// refusedFigures is refused (badinput_test.go): the good build is
// minimalSite's, then the products of figuresGoodSite are added and broken
// by change, and that build must fail and leave the first one's output.
func refusedFigures(t *testing.T, change func(root string), want string) *Result {
	t.Helper()
	return refused(t, func(root string) {
		for file, text := range figuresGoodSite() {
			put(t, file, text)(root)
		}
		change(root)
	}, want)
}

// replaceIn returns a change that replaces old by new in a file (failing
// when old is not there, so a changed fixture cannot pass vacuously).
func replaceIn(t *testing.T, file, old, new string) func(root string) {
	return func(root string) {
		p := filepath.Join(root, filepath.FromSlash(file))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s does not contain %q", file, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const figuresCSV = "content/data/products.csv"

func TestBadFiguresEmptyCostCell(t *testing.T) {
	// Published as "laufende Kosten 0,00 % pro Jahr" before; the cell is row 2, column 55.
	refusedFigures(t, replaceIn(t, figuresCSV, "3.00,0.00,1.20,0.10,", "3.00,0.00,,0.10,"),
		"content/data/products.csv:2:55: ongoing_pct is missing: the page needs the ongoing costs, and an empty value is never taken as 0 — write 0 if the product has none (a deposit writes 0 on purpose)")
}

func TestBadFiguresMissingCostColumn(t *testing.T) {
	change := func(root string) {
		p := filepath.Join(root, figuresCSV)
		b, _ := os.ReadFile(p)
		var out []string
		for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			cells := strings.Split(line, ",")
			out = append(out, strings.Join(append(cells[:9:9], cells[10:]...), ",")) // without transaction_pct
		}
		os.WriteFile(p, []byte(strings.Join(out, "\n")+"\n"), 0o644)
	}
	refusedFigures(t, change,
		"content/data/products.csv:3: transaction_pct is missing: the page needs the transaction costs, and an empty value is never taken as 0 — write 0 if the product has none (a deposit writes 0 on purpose)")
}

func TestBadFiguresEmptyScenarioCell(t *testing.T) {
	// Made the scenario vanish before.
	refusedFigures(t, replaceIn(t, figuresCSV, "-20,-3,3,8,", "-20,-3,,8,"),
		"content/data/products.csv:2:72: scenario_moderate_pct is missing: the page needs the performance scenario at the holding period (average return each year, after all costs), and an empty value is never taken as 0 — copy it from the product's key information document (Basisinformationsblatt)")
}

func TestBadFiguresYAMLWithoutExitCost(t *testing.T) {
	refusedFigures(t, put(t, "content/data/products/fonds-c.yaml",
		"name: Fonds C\ntype: bond-fund\nsri: 2\nrhp_years: 3\nentry_pct: 2\nongoing_pct: 0.6\ntransaction_pct: 0.05\n"+
			"scenario_stress_pct: -8\nscenario_unfavourable_pct: -1\nscenario_moderate_pct: 2\nscenario_favourable_pct: 4\n"),
		"content/data/products/fonds-c.yaml:1: exit_pct is missing: the page needs the one-off exit costs at the holding period, and an empty value is never taken as 0 — write 0 if the product has none (a deposit writes 0 on purpose)")
}

func TestBadFiguresHoldingPeriodUnderAMonth(t *testing.T) {
	// Was published as "Haltedauer 0,0 Jahre" with a cost impact of 106 %.
	refusedFigures(t, replaceIn(t, figuresCSV, "mixed-fund,3,5,", "mixed-fund,3,0.0001,"),
		"content/data/products.csv:2:43: rhp_years must be at least one month (0.0834) and at most 100 years, got 0.0001 — write the recommended holding period in years, such as 5 or 0.5 for six months")
}

func TestBadFiguresHoldingPeriodOverACentury(t *testing.T) {
	refusedFigures(t, replaceIn(t, figuresCSV, "mixed-fund,3,5,", "mixed-fund,3,150,"),
		"content/data/products.csv:2:43: rhp_years must be at least one month (0.0834) and at most 100 years, got 150 — write the recommended holding period in years, such as 5 or 0.5 for six months")
}

func TestBadFiguresScenarioOf1200PercentAYear(t *testing.T) {
	// Was published as 3.7 billion € without a word.
	refusedFigures(t, replaceIn(t, figuresCSV, "-20,-3,3,8,", "-20,-3,3,1200,"),
		"content/data/products.csv:2:74: scenario_favourable_pct is 1200 % a year, more than 200 % a year over the holding period, which no product's history yields (for 10,000 it would publish 3,712,930,000) — returns are in percent per year (12.5 means 12.5 %); check the key information document")
}

func TestBadFiguresCostsOver100Percent(t *testing.T) {
	refusedFigures(t, replaceIn(t, figuresCSV, "3.00,0.00,1.20,0.10,", "45.00,30.00,20.00,6.00,"),
		"content/data/products.csv:2:57: entry, exit and recurring costs add up to 101 % or more, which leaves nothing of the investment — check the costs: they are in percent (1.20 means 1.20 %), the recurring ones per year")
}

func TestBadFiguresDuplicateISIN(t *testing.T) {
	refusedFigures(t, replaceIn(t, figuresCSV, "fonds-b,Fonds B,IE00B4L5Y983,", "fonds-b,Fonds B,DE0005140008,"),
		`content/data/products.csv:3:17: the ISIN DE0005140008 is also the product "fonds-a"'s, at content/data/products.csv:2: one product, one source — remove one of the two rows; to add to a product's facts, write them in content/data/products/<id>.yaml`)
}

func TestBadFiguresReviewInTheFuture(t *testing.T) {
	// Was published as "Zuletzt geprüft am 1. Januar 2099".
	refusedFigures(t, replaceIn(t, "content/products/fonds-a.md", "reviewed: 2026-10-01", "reviewed: 2099-01-01"),
		"content/products/fonds-a.md:4: reviewed 2099-01-01 is in the future: a review date is the day compliance read the page — write the date of the review, today at the latest")
}

func TestBadFiguresKIDDatedInTheFuture(t *testing.T) {
	refusedFigures(t, replaceIn(t, figuresCSV, ",2026-01-15\n", ",2027-01-15\n"),
		"content/data/products.csv:2:76: kid_date 2027-01-15 is in the future: a key information document cannot be dated after today — copy the date printed on the KID")
}

func TestBadFiguresPublishedWithoutReview(t *testing.T) {
	refusedFigures(t, replaceIn(t, "content/products/fonds-a.md", "reviewed: 2026-10-01\nreviewed_by: Compliance, K. Brandt\nvalid_until: 2027-10-01\n", ""),
		"content/products/fonds-a.md:1: the product page is published (not a draft) but has no reviewed — have it reviewed and fill in reviewed, reviewed_by and valid_until, or set draft: true")
}

// A page reviewed before reviewed_by existed (the shared corpus's) builds,
// with a warning (klartext check --strict fails on it), and names nobody.
func TestFiguresReviewedByMissingIsAWarning(t *testing.T) {
	files := figuresGoodSite()
	files["content/products/fonds-a.md"] = "---\ntitle: Fonds A\nproduct: fonds-a\nreviewed: 2026-10-01\nvalid_until: 2027-10-01\n---\nText.\n"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	res := build(t, root, dest)
	if res.Diagnostics.HasErrors() {
		t.Fatal(joinDiags(res))
	}
	ws := res.Diagnostics.Warnings()
	if len(ws) != 1 || ws[0].Error() != "content/products/fonds-a.md:4: warning: reviewed is given but not reviewed_by; the page names no reviewer — add reviewed_by: with the name or role of whoever reviewed the page" {
		t.Errorf("warnings %v", ws)
	}
	page := read(t, filepath.Join(dest, "products", "fonds-a", "index.html"))
	if !strings.Contains(page, "<p>Zuletzt geprüft am 1. Oktober 2026. Gültig bis 1. Oktober 2027.</p>") || strings.Contains(page, "geprüft am 1. Oktober 2026 von") {
		t.Error("the review line must show exactly what the editor wrote")
	}
}

// klartext new product's file is a draft that builds with --drafts, says
// nothing about a review, and fails once published without one.
func TestFiguresNewProductIsADraft(t *testing.T) {
	files := figuresGoodSite()
	files["content/products/fonds-b.md"] = "---\ntitle: \"\"\ndescription: \"\"\nproduct: fonds-b\nadvisors: []\ntopics: []\ndraft: true\nreviewed:\nreviewed_by: \"\"\nvalid_until:\n---\n\n## Was ist das Produkt?\n"
	root := writeSite(t, files)
	dest := filepath.Join(root, "public")
	res, err := Build(Options{Source: root, Dest: dest, Now: testNow, Drafts: true})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("%v %s", err, joinDiags(res))
	}
	if page := read(t, filepath.Join(dest, "products", "fonds-b", "index.html")); strings.Contains(page, "Zuletzt geprüft") {
		t.Error("a page nobody reviewed says it was reviewed")
	}
}
