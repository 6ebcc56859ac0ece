package diag

// german is the German catalog: each message's and hint's English format
// as its call site passes it, and its German. A Go map rather than a YAML
// file: a key given twice does not compile, nothing is parsed at run time,
// and the English key is the very string go vet checks at the call site.
// TestEveryMessageHasItsGerman fails for a format without its entry, for
// an entry no call site uses, and for an entry whose verbs differ from the
// English (where German needs another order, %[2]s names the argument).
//
// The German is for a bank's editors: plain, polite (Sie), the bank's
// words. Keys, file names, values and code stay as they are. Glossary:
//
//	page              Seite
//	front matter      Kopfbereich (Front Matter), then Kopfbereich
//	key               Schlüssel
//	setting           Einstellung
//	site              Website
//	build (noun)      Erstellung; to build: erstellen
//	file, folder      Datei, Ordner
//	link, address     Link, Adresse
//	image, photo      Bild, Foto
//	alt text          Alternativtext
//	error, warning    Fehler, Warnung
//	product explainer Produkterklärung
//	advisor           Berater/in
//	story             Geschichte
//	chart             Diagramm
//	row, column       Zeile, Spalte (header row: Kopfzeile)
//	menu entry        Menüeintrag
//	placeholder       Platzhalter
//	feedback          Rückmeldung (the export: Rückmelde-Export)
//	workbook, sheet   Arbeitsmappe, Tabellenblatt
//	review            Prüfung (reviewed: geprüft)
var german = map[string]string{}
