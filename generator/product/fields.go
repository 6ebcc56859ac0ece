package product

import "strconv"

// Field is one key of a product as it was read: its value (typed, written
// back in the content model's form) and where it was written.
type Field struct {
	Key   string
	Value string
	At    Position
}

// Fields are the keys that were written for p, in the content model's
// order, each with its value and place: what klartext check --products
// shows a compliance officer as "read from".
func (p Product) Fields() []Field {
	var out []Field
	for _, a := range p.keyPos {
		k := Key(a.key)
		v, ok := p.value(k)
		if !ok {
			continue // written but not usable: reported as an error
		}
		out = append(out, Field{Key: keyNames[k], Value: v, At: p.KeyPosition(keyNames[k])})
	}
	return out
}

// value is key k's typed value as text; ok is false when it is not set.
func (p Product) value(k Key) (string, bool) {
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	ptr := func(v *float64) (string, bool) {
		if v == nil {
			return "", false
		}
		return num(*v), true
	}
	str := func(s string) (string, bool) { return s, s != "" }
	switch k {
	case keyID:
		return str(p.ID)
	case keyName:
		return str(p.Name)
	case keyISIN:
		return str(p.ISIN)
	case keyType:
		return str(p.Type)
	case keyCurrency:
		return str(p.Currency)
	case keySRI:
		return strconv.Itoa(p.SRI), p.SRI != 0
	case keyMRM, keyCRM:
		c := p.MRM
		if k == keyCRM {
			c = p.CRM
		}
		if c == nil {
			return "", false
		}
		return strconv.Itoa(*c), true
	case keyRHP:
		return num(p.RHPYears), p.RHPYears != 0
	case keyEntry:
		return num(p.EntryPct), true
	case keyExit:
		return num(p.ExitPct), true
	case keyOngoing:
		return num(p.OngoingPct), true
	case keyTransaction:
		return num(p.TransactionPct), true
	case keyPerformanceFee:
		return num(p.PerformanceFeePct), true
	case keyStress, keyUnfavourable, keyModerate, keyFavourable:
		return ptr(p.scenarioPcts()[k-keyStress])
	case keyExit1Y:
		return ptr(p.Exit1YPct)
	case keyExitHalf:
		return ptr(p.ExitHalfPct)
	case keyStress1Y, keyUnfavourable1Y, keyModerate1Y, keyFavourable1Y:
		return ptr(p.Scenario1YPct[k-keyStress1Y])
	case keyKIDURL:
		return str(p.KIDURL)
	case keyKIDDate:
		return str(p.KIDDate)
	case keyKIDTotalCosts1Y:
		return ptr(p.KIDTotalCosts1Y)
	case keyKIDTotalCostsHalf:
		return ptr(p.KIDTotalCostsHalf)
	case keyKIDTotalCostsRHP:
		return ptr(p.KIDTotalCostsRHP)
	case keyKIDCostImpact1Y:
		return ptr(p.KIDCostImpact1YPct)
	case keyKIDCostImpactHalf:
		return ptr(p.KIDCostImpactHalfPct)
	case keyKIDCostImpactRHP:
		return ptr(p.KIDCostImpactRHPPct)
	case keyManufacturer:
		return str(p.Manufacturer)
	case keyMinimumReturn:
		return ptr(p.MinimumReturnPct)
	case keyKIDEntry, keyKIDExit, keyKIDOngoing, keyKIDTransaction, keyKIDIncidental:
		return ptr(p.KIDCompositionPct[k-keyKIDEntry])
	}
	return "", false
}
