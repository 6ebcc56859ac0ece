package product

import "strings"

// currencyCodes is ISO 4217 list one, the active alphabetic codes (funds
// codes and precious metals included, as they appear in the list), as of
// 2026. Left out on purpose: XTS (reserved for testing) and XXX ("no
// currency"), which no product is denominated in; and codes withdrawn by
// then: ANG (replaced by XCG in 2025), BGN (Bulgaria adopted the euro on
// 1 January 2026), HRK, SLL, ZWL. Sorted, for the did-you-mean hint.
var currencyCodes = strings.Fields(`
AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL
BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE
CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD
HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW
KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG
QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP
SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED
VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU
XUA YER ZAR ZMW ZWG`)

var currencySet = func() map[string]bool {
	m := make(map[string]bool, len(currencyCodes))
	for _, c := range currencyCodes {
		m[c] = true
	}
	return m
}()

// isCurrency reports whether code is an active ISO 4217 code (in capitals).
func isCurrency(code string) bool { return currencySet[code] }
