package productsource

import (
	"math/big"
	"strings"

	"github.com/klartext/klartext/generator/diag"
	"github.com/klartext/klartext/generator/product"
	"github.com/klartext/klartext/generator/table"
)

// An EPT file is the FinDatEx European PRIIPs Template V2.1 as a product
// manufacturer sends it to distributors: a header row of field names
// ("00010_Portfolio_Manufacturer_Name", "01090_SRI", …) and one row per
// share class. Fields are known by their five-digit number, since
// producers spell the names differently ("07010_Total_cost_1_year");
// fields klartext does not need are not read.

// eptFields are the V2.1 names of the fields klartext reads, by number.
var eptFields = map[string]string{
	"00001": "00001_EPT_Version",
	"00010": "00010_Portfolio_Manufacturer_Name",
	"00030": "00030_Portfolio_Identifying_Data",
	"00040": "00040_Type_Of_Identification_Code_For_The_Fund_Share_Or_Portfolio",
	"00050": "00050_Portfolio_Name",
	"00060": "00060_Portfolio_Or_Share_Class_Currency",
	"00070": "00070_PRIIPs_KID_Publication_Date",
	"00075": "00075_PRIIPs_KID_Web_Address",
	"00090": "00090_Fund_CIC_Code",
	"01090": "01090_SRI",
	"01100": "01100_MRM",
	"01110": "01110_CRM",
	"01120": "01120_Recommended_Holding_Period",
	"02010": "02010_Portfolio_Return_Unfavourable_Scenario_1_Year",
	"02030": "02030_Portfolio_Return_Unfavourable_Scenario_RHP_Or_First_Call_Date",
	"02040": "02040_Portfolio_Return_Moderate_Scenario_1_Year",
	"02060": "02060_Portfolio_Return_Moderate_Scenario_RHP_Or_First_Call_Date",
	"02070": "02070_Portfolio_Return_Favourable_Scenario_1_Year",
	"02090": "02090_Portfolio_Return_Favourable_Scenario_RHP_Or_First_Call_Date",
	"02100": "02100_Portfolio_Return_Stress_Scenario_1_Year",
	"02120": "02120_Portfolio_Return_Stress_Scenario_RHP_Or_First_Call_Date",
	"02220": "02220_Reference_Invested_Amount",
	"03010": "03010_One_Off_Cost_Portfolio_Entry_Cost",
	"03015": "03015_One_Off_Cost_Portfolio_Entry_Cost_Acquired",
	"03020": "03020_One_Off_Costs_Portfolio_Exit_Cost_At_RHP",
	"03030": "03030_One_Off_Costs_Portfolio_Exit_Cost_At_1_Year",
	"03040": "03040_One_Off_Costs_Portfolio_Exit_Cost_At_Half_RHP",
	"03050": "03050_One_Off_Costs_Portfolio_Sliding_Exit_Cost_Indicator",
	"03060": "03060_Ongoing_Costs_Management_Fees_And_Other_Administrative_Or_Operating_Costs",
	"03080": "03080_Ongoing_Costs_Portfolio_Transaction_Costs",
	"03090": "03090_Existing_Incidental_Costs_Portfolio",
	"03095": "03095_Incidental_Costs",
	"07010": "07010_Total_Cost_1_Year_Or_First_Call",
	"07020": "07020_RIY_1_Year_Or_First_Call",
	"07030": "07030_Total_Cost_Half_RHP",
	"07040": "07040_RIY_Half_RHP",
	"07050": "07050_Total_Cost_RHP",
	"07060": "07060_RIY_RHP",
	"07070": "07070_One_Off_Costs_Portfolio_Entry_Cost",
	"07080": "07080_One_Off_Costs_Portfolio_Exit_Cost",
	"07090": "07090_Ongoing_Costs_Portfolio_Transaction_Costs",
	"07100": "07100_Ongoing_Costs_Management_Fees_And_Other_Administrative_Or_Operating_Costs",
	"07110": "07110_Incidental_Costs_Portfolio_Performance_Fees_Carried_Interest",
}

// eptValue says how a field's value becomes a key's.
type eptValue int

const (
	eptText     eptValue = iota // as written
	eptNumber                   // a number in its own unit (a class, years)
	eptFraction                 // a decimal fraction: 0.0125 is 1.25 %
	eptAmount                   // a total cost of the KID's costs-over-time table (see kidAmount)
)

// eptKeys are the keys read field by field. id, isin, type, entry_pct
// and performance_fee_pct come from more than one field (readEPTRow).
var eptKeys = []struct {
	k     product.Key
	field string
	value eptValue
}{
	{mustKey("manufacturer"), "00010", eptText}, {mustKey("name"), "00050", eptText}, {mustKey("currency"), "00060", eptText},
	{mustKey("kid_date"), "00070", eptText}, {mustKey("kid_url"), "00075", eptText},
	{mustKey("sri"), "01090", eptNumber}, {mustKey("mrm"), "01100", eptNumber}, {mustKey("crm"), "01110", eptNumber}, {mustKey("rhp_years"), "01120", eptNumber},
	{mustKey("scenario_unfavourable_1y_pct"), "02010", eptFraction}, {mustKey("scenario_unfavourable_pct"), "02030", eptFraction},
	{mustKey("scenario_moderate_1y_pct"), "02040", eptFraction}, {mustKey("scenario_moderate_pct"), "02060", eptFraction},
	{mustKey("scenario_favourable_1y_pct"), "02070", eptFraction}, {mustKey("scenario_favourable_pct"), "02090", eptFraction},
	{mustKey("scenario_stress_1y_pct"), "02100", eptFraction}, {mustKey("scenario_stress_pct"), "02120", eptFraction},
	{mustKey("exit_pct"), "03020", eptFraction}, {mustKey("exit_1y_pct"), "03030", eptFraction}, {mustKey("exit_half_pct"), "03040", eptFraction},
	{mustKey("ongoing_pct"), "03060", eptFraction}, {mustKey("transaction_pct"), "03080", eptFraction},
	{mustKey("kid_total_costs_1y"), "07010", eptAmount}, {mustKey("kid_cost_impact_1y_pct"), "07020", eptFraction},
	{mustKey("kid_total_costs_half"), "07030", eptAmount}, {mustKey("kid_cost_impact_half_pct"), "07040", eptFraction},
	{mustKey("kid_total_costs_rhp"), "07050", eptAmount}, {mustKey("kid_cost_impact_rhp_pct"), "07060", eptFraction},
	{mustKey("kid_entry_pct"), "07070", eptFraction}, {mustKey("kid_exit_pct"), "07080", eptFraction}, {mustKey("kid_transaction_pct"), "07090", eptFraction},
	{mustKey("kid_ongoing_pct"), "07100", eptFraction}, {mustKey("kid_incidental_pct"), "07110", eptFraction},
}

// eptNumber reports whether a header cell is an EPT field name: five
// digits, an underscore and a name. It returns the number.
func eptFieldNumber(h string) (string, bool) {
	if len(h) < 7 || h[5] != '_' {
		return "", false
	}
	for i := range 5 {
		if h[i] < '0' || h[i] > '9' {
			return "", false
		}
	}
	return h[:5], true
}

// IsEPTHeader reports whether a table's header row holds EPT field names.
func IsEPTHeader(header []string) bool {
	for _, h := range header {
		if _, ok := eptFieldNumber(h); ok {
			return true
		}
	}
	return false
}

// codeTypes are the codes of 00040 other than an ISIN, by the prefix the
// product id gets (EPT V2.1, 00040).
var codeTypes = map[string]string{
	"2": "cusip", "3": "sedol", "4": "wkn", "5": "bloomberg", "6": "bbgid", "7": "ric", "8": "figi",
	"9": "anna", "99": "code",
}

// typesByCIC are the product types of the CIC codes of funds (the EPT's
// 00090, Solvency II CIC table: XL4 and the fund's category).
var typesByCIC = map[byte]string{
	'1': "equity-fund", '2': "bond-fund", '3': "money-market-fund", '4': "mixed-fund",
	'5': "real-estate-fund", '6': "alternative-fund", '7': "private-equity-fund", '8': "infrastructure-fund", '9': "fund",
}

// DefaultEPTType is the product type of a share class whose EPT row has
// no fund CIC code (00090): the EPT has no retail product type, and which
// kind of fund it is cannot be told from the other fields.
const DefaultEPTType = "fund"

// typeFromCIC is the product type of a CIC code: a fund (XL4x) by its
// category, a structured note or collateralised security (XL5x, XL6x)
// structured; "" for any other code.
func typeFromCIC(cic string) string {
	c := strings.ToUpper(cic)
	if len(c) != 4 {
		return ""
	}
	switch c[2] {
	case '4':
		return typesByCIC[c[3]]
	case '5', '6':
		return "structured"
	}
	return ""
}

// eptColumns is an EPT file's header: the column of each field number.
type eptColumns struct {
	col    map[string]int
	header []string
}

func (e *eptColumns) name(field string) string {
	if i, ok := e.col[field]; ok {
		return e.header[i]
	}
	return eptFields[field]
}

// readEPT reads the share classes of an EPT file.
func readEPT(r *table.Reader) ([]*product.Record, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	file := r.File
	cols := &eptColumns{col: map[string]int{}, header: r.Header}
	for i, h := range r.Header {
		pos := r.HeaderPos(i)
		num, ok := eptFieldNumber(h)
		switch {
		case h == "":
		case !ok:
			diags = append(diags, diag.Errorf(file, 1, "column %q is not an EPT field (five digits, an underscore and a name)", h).WithColumn(pos.Column).WithKey(h).
				WithHint("an EPT file holds only the fields of the template; remove the column and give the bank's own facts in content/data/products/<id>.yaml"))
		default:
			if j, dup := cols.col[num]; dup {
				diags = append(diags, diag.Errorf(file, 1, "the EPT field %s appears twice in the header (columns %d and %d)", num, j+1, i+1).WithColumn(pos.Column).WithKey(h).
					WithHint("remove one of them"))
				continue
			}
			cols.col[num] = i
		}
	}
	if _, ok := cols.col["00030"]; !ok {
		return nil, append(diags, diag.Errorf(file, 1, "the EPT file has no column 00030_Portfolio_Identifying_Data, which identifies each share class").WithKey(eptFields["00030"]).
			WithHint("export the file again with all mandatory fields of the EPT"))
	}

	origin := newOrigin(file, r.Format == table.XLSX, true)
	for _, m := range eptKeys {
		origin.Name[m.k] = cols.name(m.field)
		if i, ok := cols.col[m.field]; ok {
			origin.Col[m.k] = i
		}
	}
	for _, k := range []product.Key{keyID, keyISIN} {
		origin.Name[k], origin.Col[k] = cols.name("00030"), cols.col["00030"]
	}
	if i, ok := cols.col["00090"]; ok {
		origin.Name[keyType], origin.Col[keyType] = cols.name("00090"), i
	}
	origin.Name[keyEntry] = cols.name("03010")
	if i, ok := cols.col["03010"]; ok {
		origin.Col[keyEntry] = i
	}
	if _, ok := cols.col["03015"]; ok {
		origin.Name[keyEntry] += " + " + cols.name("03015")
	}
	origin.Name[keyPerformanceFee] = cols.name("03095")
	if i, ok := cols.col["03095"]; ok {
		origin.Col[keyPerformanceFee] = i
	} else if i, ok := cols.col["03090"]; ok {
		origin.Name[keyPerformanceFee], origin.Col[keyPerformanceFee] = cols.name("03090"), i
	}

	versionChecked := false
	var records []*product.Record
	for r.Next() {
		if len(r.Cells()) != len(r.Header) {
			diags = append(diags, diag.Errorf(file, r.Line(), "row has %d fields, the header has %d", len(r.Cells()), len(r.Header)).
				WithHint("every row needs one value per column; check for a missing or extra separator or an unquoted separator inside a value"))
			continue
		}
		row := eptRow{r: r, cols: cols, origin: origin}
		if !versionChecked {
			versionChecked = true
			if v, pos, ok := row.cell("00001"); ok && v != "V21" && v != "V21UK" {
				diags = append(diags, diag.Warnf(file, pos.Line, "the file says EPT version %q; klartext reads the fields as V2.1 defines them (%s)", v, pos.Place()).
					WithColumn(pos.Column).WithKey(cols.name("00001")).
					WithHint("check the figures of its products against their KIDs, or ask the manufacturer for a V2.1 file"))
			}
		}
		rec, ds := row.record()
		diags = append(diags, ds...)
		if rec != nil {
			records = append(records, rec)
		}
	}
	return records, append(diags, r.Diagnostics()...)
}

// eptRow is the current row of an EPT file while it is read.
type eptRow struct {
	r      *table.Reader
	cols   *eptColumns
	origin *product.ColumnOrigin
	rec    *product.Record
	diags  []diag.Diagnostic
}

// cell is the field's value in this row; ok is false when the file has no
// such column or the cell is empty.
func (e *eptRow) cell(field string) (string, table.Pos, bool) {
	i, ok := e.cols.col[field]
	if !ok {
		return "", table.Pos{}, false
	}
	v := e.r.Cells()[i]
	return v, e.r.Pos(i), v != ""
}

// errorf reports the field at pos, with the cell in the message; the
// hint is a diag.Text, translated with it.
func (e *eptRow) errorf(pos table.Pos, field string, hint diag.Text, format string, a ...any) {
	d := diag.Errorf(e.r.File, pos.Line, format, a...).WithColumn(pos.Column).WithKey(e.cols.name(field)).WithPlace(pos.Place())
	if !hint.Empty() {
		d = d.WithHint("%s", hint)
	}
	e.diags = append(e.diags, d)
}

func (e *eptRow) warnf(pos table.Pos, field string, hint diag.Text, format string, a ...any) {
	e.errorf(pos, field, hint, format, a...)
	e.diags[len(e.diags)-1].Severity = diag.Warning
}

// set gives key k the text, read from pos; written is the cell's text when
// the value was converted.
func (e *eptRow) set(k product.Key, text string, pos table.Pos, decimalComma bool, written string) {
	e.rec.Vals[k] = product.Value{Text: text, Given: true, DecimalComma: decimalComma,
		Pos: product.Position{File: pos.File, Line: pos.Line, Column: pos.Column}}
	if written != text {
		e.rec.Row.Written[k] = written
	}
}

// unusable marks key k as given but already reported.
func (e *eptRow) unusable(k product.Key, pos table.Pos) {
	e.rec.Vals[k] = product.Value{Given: true, Unusable: true, Pos: product.Position{File: pos.File, Line: pos.Line, Column: pos.Column}}
}

// fraction reads a field of decimal fractions as a *big.Rat.
func (e *eptRow) fraction(field string, k product.Key) (*big.Rat, table.Pos, bool) {
	v, pos, ok := e.cell(field)
	if !ok {
		return nil, pos, false
	}
	x, ok := parseDecimal(v, e.r.DecimalComma)
	if ok {
		return x, pos, true
	}
	name := e.cols.name(field)
	if num, pct := percentSign(v); pct {
		n, _ := parseDecimal(num, true)
		e.errorf(pos, field, diag.T("write %s (for %s %%)", numberLike(n.Quo(n, hundred), num, e.r.DecimalComma), num),
			"%s %q has a percent sign, but EPT values are decimal fractions", name, v)
	} else {
		e.errorf(pos, field, diag.T("EPT values are decimal fractions with a point, such as 0.0125 for 1.25 %%"),
			"%s %q is not a number", name, v)
	}
	e.unusable(k, pos)
	return nil, pos, false
}

func (e *eptRow) record() (*product.Record, []diag.Diagnostic) {
	r := e.r
	code, codePos, ok := e.cell("00030")
	if !ok {
		pos := table.Pos{File: r.File, Line: r.Line()}
		if i, has := e.cols.col["00030"]; has {
			pos = r.Pos(i)
		}
		e.errorf(pos, "00030", diag.T("every row of an EPT file is one share class, identified by its ISIN"),
			"the row has no %s", e.cols.name("00030"))
		return nil, e.diags
	}
	e.rec = &product.Record{Sources: []product.Position{{File: r.File, Line: r.Line()}}, Row: &product.TableRow{Origin: e.origin}}

	// The code is an ISIN unless 00040 says otherwise; another code gives
	// an id with the code's kind in front ("wkn-a0rpwh") and no ISIN.
	id := idFromCode(code)
	if id == "" {
		e.errorf(codePos, "00030", diag.Text{}, "%s %q has no letters or digits", e.cols.name("00030"), code)
		return nil, e.diags
	}
	switch t, tpos, _ := e.cell("00040"); t {
	case "", "1":
		e.set(keyISIN, code, codePos, false, code)
	default:
		prefix, known := codeTypes[t]
		if !known {
			e.errorf(tpos, "00040", diag.T("1 is an ISIN; 2 to 9 and 99 are the other codes the EPT lists"),
				"%s %q is not a type of identification code", e.cols.name("00040"), t)
			return nil, e.diags
		}
		id = prefix + "-" + id
	}
	e.set(keyID, id, codePos, false, id)

	if cic, pos, ok := e.cell("00090"); ok {
		typ := typeFromCIC(cic)
		if typ == "" {
			typ = DefaultEPTType
			e.warnf(pos, "00090", diag.T("give the product's type in content/data/products/%s.yaml", id),
				"the CIC code %q is not a fund's (XL4…) or a structured product's; the type is %s", cic, DefaultEPTType)
		}
		e.set(keyType, typ, pos, false, typ)
	} else {
		e.rec.Vals[keyType] = product.Value{Text: DefaultEPTType, Given: true}
	}

	for _, m := range eptKeys {
		v, pos, ok := e.cell(m.field)
		if !ok {
			continue
		}
		switch m.value {
		case eptText:
			e.set(m.k, v, pos, false, v)
		case eptNumber:
			e.set(m.k, v, pos, r.DecimalComma, v)
		case eptFraction:
			if x, _, ok := e.fraction(m.field, m.k); ok {
				e.set(m.k, decimalText(x.Mul(x, hundred)), pos, false, v)
			}
		case eptAmount:
			if x, _, ok := e.fraction(m.field, m.k); ok {
				if amount, ok := e.kidAmount(x, pos, m.field, m.k); ok {
					e.set(m.k, decimalText(amount), pos, false, v)
				}
			}
		}
	}
	e.entry()
	e.incidental()
	e.slidingExit()
	return e.rec, e.diags
}

// entry is entry_pct: the entry costs not acquired to the fund (03010) and
// those acquired to it (03015). Both are paid by the investor on entry and
// are one-off entry costs of the KID's cost table (Delegated Regulation
// 2017/653, Annex VI, points 1 to 3); 03015 differs only in who keeps the
// money. An empty 03015 adds nothing.
func (e *eptRow) entry() {
	x, pos, ok := e.fraction("03010", keyEntry)
	if !ok {
		return
	}
	written := e.r.Cells()[e.cols.col["03010"]]
	if y, _, ok := e.fraction("03015", keyEntry); ok {
		x.Add(x, y)
		written += " + " + e.r.Cells()[e.cols.col["03015"]]
	} else if e.rec.Vals[keyEntry].Unusable {
		return
	}
	e.set(keyEntry, decimalText(x.Mul(x, hundred)), pos, false, written)
}

// incidental is performance_fee_pct: 03095 where 03090 says there are
// performance fees or carried interest (Y), 0 where it says there are
// none (N).
func (e *eptRow) incidental() {
	flag, fpos, hasFlag := e.cell("03090")
	amount, apos, hasAmount := e.cell("03095")
	switch strings.ToUpper(flag) {
	case "N", "FALSE":
		if hasAmount {
			if x, _, ok := e.fraction("03095", keyPerformanceFee); ok && x.Sign() != 0 {
				e.errorf(apos, "03095", diag.T("correct %s or %s", e.cols.name("03090"), e.cols.name("03095")),
					"%s is %s, but %s says there are no incidental costs (N)", e.cols.name("03095"), amount, e.cols.name("03090"))
				e.unusable(keyPerformanceFee, apos)
				return
			}
		}
		e.set(keyPerformanceFee, "0", fpos, false, flag)
	case "Y", "TRUE":
		if !hasAmount {
			e.errorf(fpos, "03090", diag.T("fill in %s, as a decimal fraction", e.cols.name("03095")),
				"%s says there are incidental costs (Y), but %s is empty", e.cols.name("03090"), e.cols.name("03095"))
			e.unusable(keyPerformanceFee, fpos)
			return
		}
		if x, _, ok := e.fraction("03095", keyPerformanceFee); ok {
			e.set(keyPerformanceFee, decimalText(x.Mul(x, hundred)), apos, false, amount)
		}
	case "":
		if hasAmount {
			if x, _, ok := e.fraction("03095", keyPerformanceFee); ok {
				e.set(keyPerformanceFee, decimalText(x.Mul(x, hundred)), apos, false, amount)
			}
		}
	default:
		if hasFlag {
			e.errorf(fpos, "03090", diag.T("write Y or N"), "%s %q is neither Y nor N", e.cols.name("03090"), flag)
			e.unusable(keyPerformanceFee, fpos)
		}
	}
}

// slidingExit warns where 03050 says there is no sliding exit cost but
// the exit cost after 1 year (03030) differs from the one at the holding
// period (03020); the figures use each as written.
func (e *eptRow) slidingExit() {
	flag, fpos, _ := e.cell("03050")
	if !strings.EqualFold(flag, "N") {
		return
	}
	rhp, _, ok1 := e.cell("03020")
	y1, _, ok2 := e.cell("03030")
	a, okA := parseDecimal(rhp, e.r.DecimalComma)
	b, okB := parseDecimal(y1, e.r.DecimalComma)
	if ok1 && ok2 && okA && okB && a.Cmp(b) != 0 {
		e.warnf(fpos, "03050", diag.T("check the exit costs against the KID"),
			"%s says there is no sliding exit cost (N), but the exit cost after 1 year (%s) differs from the one at the holding period (%s)",
			e.cols.name("03050"), y1, rhp)
	}
}

// kidAmount reads a total cost of the KID's costs-over-time table (07010,
// 07030, 07050) as the amount for product.ExampleInvestment (10,000) in the
// share class's currency. V2.1 defines 07010 as the total cost "in
// currency terms … rebased to 1" and 07030 and 07050 "in currency terms";
// producers write either the cost of an investment of 1 (0.0426) or the
// amount for the reference investment of 02220 (426.10 for 10,000).
// A value below 1 is taken as the former: as an amount it would be costs
// below a hundredth of a percent. A value of 1 or more is the amount for
// 02220 and scaled to 10,000. A misreading cannot stay silent: the model
// cross-checks the KID's figures and warns when they deviate.
func (e *eptRow) kidAmount(x *big.Rat, pos table.Pos, field string, k product.Key) (*big.Rat, bool) {
	if x.Cmp(big.NewRat(1, 1)) < 0 {
		return x.Mul(x, big.NewRat(int64(product.ExampleInvestment), 1)), true
	}
	ref, rpos, ok := e.cell("02220")
	refAmount, okRef := parseDecimal(ref, e.r.DecimalComma)
	if !ok || !okRef || refAmount.Sign() <= 0 {
		if !ok {
			rpos = pos
		}
		e.errorf(rpos, "02220", diag.T("fill in %s, the amount the KID's figures are for (such as 10000)", e.cols.name("02220")),
			"%s %s is an amount, but %s does not say for which investment", e.cols.name(field), e.r.Cells()[e.cols.col[field]], e.cols.name("02220"))
		e.unusable(k, pos)
		return nil, false
	}
	x.Mul(x, big.NewRat(int64(product.ExampleInvestment), 1))
	return x.Quo(x, refAmount), true
}
