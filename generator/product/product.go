// Package product is the product model: the content model's keys, a
// product's facts as written (Record, which package productsource fills
// from the data files) checked against the content model (FromRecord),
// and the figures a product page shows: costs over time, the composition
// of costs, the year-by-year cost path, the performance scenarios and the
// PRIIPs risk wording.
//
// It is pure domain code: no HTML, no templates. Every problem is reported
// as a diag.Diagnostic naming the file and line an editor has to open.
package product

import "slices"

// Position is a place in the site's sources.
type Position struct {
	File   string // relative to the site root, forward slashes
	Line   int    // 1-based; 0 when the whole file is meant
	Column int    // 1-based; 0 when unknown
}

// Product is one product's facts as typed in, after defaults are applied.
//
// Percentages are in percent (1.20 means 1.20 %). Cost percentages that are
// not given are 0: an absent cost is no cost. Numbers where "not given" means
// something different from 0 (risk classes, scenarios) are pointers.
type Product struct {
	ID       string
	Name     string
	ISIN     string // "" when not given
	Type     string // deposit, bond-fund, ... (see TypeLabel); other values are allowed
	Currency string // ISO 4217; the site's default when not given

	SRI      int     // PRIIPs summary risk indicator, 1 to 7
	MRM      *int    // market risk class 1 to 7, nil when not given
	CRM      *int    // credit risk class 1 to 6, nil when not given
	RHPYears float64 // recommended holding period in years
	EntryPct float64 // one-off, of the amount paid in
	ExitPct  float64 // one-off, of the amount paid out
	// Recurring costs, per year.
	OngoingPct        float64
	TransactionPct    float64
	PerformanceFeePct float64

	// Average return each year at the holding period, after costs; nil when
	// not given.
	ScenarioStressPct       *float64
	ScenarioUnfavourablePct *float64
	ScenarioModeratePct     *float64
	ScenarioFavourablePct   *float64

	// The content model's further keys (sliding exit costs, the scenarios
	// after 1 year, the KID's own figures, the manufacturer), as written;
	// nil or "" when not given. The figures do not use them yet.
	Exit1YPct, ExitHalfPct                   *float64
	Scenario1YPct                            [4]*float64 // stress, unfavourable, moderate, favourable
	KIDURL, KIDDate, Manufacturer            string
	KIDTotalCosts1Y, KIDTotalCostsHalf       *float64
	KIDTotalCostsRHP                         *float64
	KIDCostImpact1YPct, KIDCostImpactHalfPct *float64
	KIDCostImpactRHPPct                      *float64
	// MinimumReturnPct is the minimum the KID promises at the holding
	// period, as an average return each year (0: the capital is protected);
	// nil: the product has no minimum (the KID says "There is no minimum
	// guaranteed return").
	MinimumReturnPct *float64
	// The composition of costs as the KID states it after 1 year (EPT
	// 07070 to 07110), in percent: entry, exit, ongoing (management and
	// other administrative or operating costs), transaction, incidental
	// costs. nil when not given; typed in kidComposition.
	KIDCompositionPct [5]*float64

	// Sources are the places the facts come from: the CSV row first when the
	// product is in the CSV, then its YAML file when it has one.
	Sources []Position

	keyPos  []keyAt       // the keys that were written, in key order
	columns *ColumnOrigin // the columns of its tabular file (KeyColumn); nil for other sources
}

// keyAt is where a key's value was written: its file as an index into
// Sources, from 1, and the line and column there. A product keeps one
// per key written, for the whole build: a Position each, with the file
// name repeated, would take nearly three times the memory, and a slot
// for each of the content model's keys, most never written, twice.
type keyAt struct {
	key          uint16
	source       uint16
	line, column int32
}

// at is where key k was written; ok is false when it was not.
func (p *Product) at(k Key) (a keyAt, ok bool) {
	for _, a := range p.keyPos {
		if a.key == uint16(k) {
			return a, true
		}
	}
	return keyAt{}, false
}

// locate returns where key k's value at pos is, as a keyAt into sources;
// ok is false when it was not written.
func locate(k Key, pos Position, sources []Position) (keyAt, bool) {
	for i, s := range sources {
		if s.File == pos.File && pos.File != "" {
			return keyAt{key: uint16(k), source: uint16(i + 1), line: int32(pos.Line), column: int32(pos.Column)}, true
		}
	}
	return keyAt{}, false
}

// Source is where the product is defined first: its CSV row, or its YAML
// file when it is only there.
func (p Product) Source() Position {
	if len(p.Sources) == 0 {
		return Position{}
	}
	return p.Sources[0]
}

// KeyPosition is where the value of key was written (the CSV row and column,
// or the YAML key's line), so later stages can point at it. For a key that
// was not written it is the product's Source.
func (p Product) KeyPosition(key string) Position {
	if k, ok := keyByName[key]; ok {
		if a, ok := p.at(k); ok {
			return Position{File: p.Sources[a.source-1].File, Line: int(a.line), Column: int(a.column)}
		}
	}
	return p.Source()
}

// CSVFile is the bank's product export the content model names: where a
// message about products that have no file of their own points.
const CSVFile = "content/data/products.csv"

// Key is one of the content model's product keys.
type Key int

const (
	keyID Key = iota
	keyName
	keyISIN
	keyType
	keyCurrency
	keySRI
	keyMRM
	keyCRM
	keyRHP
	keyEntry
	keyExit
	keyOngoing
	keyTransaction
	keyPerformanceFee
	keyStress
	keyUnfavourable
	keyModerate
	keyFavourable
	keyExit1Y
	keyExitHalf
	keyStress1Y
	keyUnfavourable1Y
	keyModerate1Y
	keyFavourable1Y
	keyKIDURL
	keyKIDDate
	keyKIDTotalCosts1Y
	keyKIDTotalCostsHalf
	keyKIDTotalCostsRHP
	keyKIDCostImpact1Y
	keyKIDCostImpactHalf
	keyKIDCostImpactRHP
	keyManufacturer
	keyMinimumReturn
	keyKIDEntry
	keyKIDExit
	keyKIDOngoing
	keyKIDTransaction
	keyKIDIncidental
	NumKeys
)

// keyNames are the column names and YAML keys, in the content model's order.
var keyNames = [NumKeys]string{
	keyID:                "id",
	keyName:              "name",
	keyISIN:              "isin",
	keyType:              "type",
	keyCurrency:          "currency",
	keySRI:               "sri",
	keyMRM:               "mrm",
	keyCRM:               "crm",
	keyRHP:               "rhp_years",
	keyEntry:             "entry_pct",
	keyExit:              "exit_pct",
	keyOngoing:           "ongoing_pct",
	keyTransaction:       "transaction_pct",
	keyPerformanceFee:    "performance_fee_pct",
	keyStress:            "scenario_stress_pct",
	keyUnfavourable:      "scenario_unfavourable_pct",
	keyModerate:          "scenario_moderate_pct",
	keyFavourable:        "scenario_favourable_pct",
	keyExit1Y:            "exit_1y_pct",
	keyExitHalf:          "exit_half_pct",
	keyStress1Y:          "scenario_stress_1y_pct",
	keyUnfavourable1Y:    "scenario_unfavourable_1y_pct",
	keyModerate1Y:        "scenario_moderate_1y_pct",
	keyFavourable1Y:      "scenario_favourable_1y_pct",
	keyKIDURL:            "kid_url",
	keyKIDDate:           "kid_date",
	keyKIDTotalCosts1Y:   "kid_total_costs_1y",
	keyKIDTotalCostsHalf: "kid_total_costs_half",
	keyKIDTotalCostsRHP:  "kid_total_costs_rhp",
	keyKIDCostImpact1Y:   "kid_cost_impact_1y_pct",
	keyKIDCostImpactHalf: "kid_cost_impact_half_pct",
	keyKIDCostImpactRHP:  "kid_cost_impact_rhp_pct",
	keyManufacturer:      "manufacturer",
	keyMinimumReturn:     "minimum_return_pct",
	keyKIDEntry:          "kid_entry_pct",
	keyKIDExit:           "kid_exit_pct",
	keyKIDOngoing:        "kid_ongoing_pct",
	keyKIDTransaction:    "kid_transaction_pct",
	keyKIDIncidental:     "kid_incidental_pct",
}

// requiredKeys must be given for every product (after CSV and YAML are merged).
var requiredKeys = []Key{keyID, keyName, keyType, keySRI, keyRHP}

var keyByName = func() map[string]Key {
	m := make(map[string]Key, NumKeys)
	for k, n := range keyNames {
		m[n] = Key(k)
	}
	return m
}()

// RequiredKeys are the keys every product must have, in the content
// model's order: what the header of a new site's empty products.csv holds
// (klartext new site). An empty cell of one is an error, never a 0.
func RequiredKeys() []string {
	var out []string
	for _, k := range []Key{keyID, keyName, keyType, keySRI, keyRHP, keyEntry, keyExit, keyOngoing, keyTransaction,
		keyStress, keyUnfavourable, keyModerate, keyFavourable} {
		out = append(out, keyNames[k])
	}
	return out
}

// Keys returns the product keys of the content model, in its order.
func Keys() []string { return append([]string(nil), keyNames[:]...) }

// KeyNamed is the key of a column name or YAML key; ok is false for a
// name that is not one of the content model's.
func KeyNamed(name string) (k Key, ok bool) {
	k, ok = keyByName[name]
	return k, ok
}

// Name is the key's column name and YAML key.
func (k Key) Name() string { return keyNames[k] }

// Required reports whether every product must give the key (an absent
// column is an error).
func (k Key) Required() bool { return slices.Contains(requiredKeys, k) }
