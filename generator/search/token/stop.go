package token

import (
	"strings"

	"github.com/klartext/klartext/generator/locale"
)

// stopWords are, per language, the words so common that they tell pages
// apart hardly at all; they are left out of the index and of queries.
// Folded spellings ("fuer", "ueber").
var stopWords = map[string]string{
	"de": `aber alle allem allen aller alles als also am an andere auch auf aus bei beim bin bis bist da damit dann
das dass dein deine dem den der des dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine
einem einen einer eines er es etwas euch euer eure fuer hat hatte hatten hier ich ihm ihn ihnen ihr ihre ihrem
ihren ihrer im in ins ist ja jede jedem jeden jeder jedes jetzt kann kein keine keinem keinen keiner man mein
meine mich mir mit muss nach nicht noch nun nur ob oder ohne sehr sein seine seinem seinen seiner sich sie sind
so soll sollte sondern um und uns unser unsere unter vom von vor war waren was weil welche welchem welchen
welcher wenn wer werden wie wir wird wo wurde zu zum zur ueber`,
	"en": `a about after all also am an and any are as at be because been before being both but by can could did
do does doing down during each few for from further had has have having he her here hers herself him himself his
how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our
ours ourselves out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while who whom why
will with would you your yours yourself yourselves`,
}

// StopWords returns the stop words of a site language ("de-CH" uses
// German's), sorted; none for a language without a list.
func StopWords(lang string) []string {
	return strings.Fields(stopWords[locale.For(lang).Lang])
}
