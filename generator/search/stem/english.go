package stem

// English stems a lower-case English word (snowballstem.org's English
// algorithm, "Porter2").
func English(s string) string {
	if out, ok := englishExceptions[s]; ok {
		return out
	}
	if runeLen(s) < 3 {
		return s
	}
	w := &word{r: []rune(s)}
	yFound := englishPrelude(w)
	p1 := -1
	for _, p := range englishRegionPrefixes {
		if hasPrefix(w.r, p) && runeLen(p) > p1 {
			p1 = runeLen(p)
		}
	}
	w.regions(englishVowel, p1)
	englishStep1a(w)
	englishStep1b(w)
	englishStep1c(w)
	englishSuffixStep(w, englishStep2Rules, w.p1)
	englishSuffixStep(w, englishStep3Rules, w.p1)
	englishStep4(w)
	englishStep5(w)
	if yFound {
		for i, c := range w.r {
			if c == 'Y' {
				w.r[i] = 'y'
			}
		}
	}
	return string(w.r)
}

// englishExceptions are whole words with a stem of their own.
var englishExceptions = map[string]string{
	"skis": "ski", "skies": "sky",
	"idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
	"sky": "sky", "news": "news", "howe": "howe",
	"atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
}

// englishRegionPrefixes end R1 where they end (generate, communism, ...).
var englishRegionPrefixes = []string{"gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"}

func englishVowel(c rune) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func hasPrefix(r []rune, p string) bool {
	i := 0
	for _, c := range p {
		if i >= len(r) || r[i] != c {
			return false
		}
		i++
	}
	return true
}

func containsVowel(r []rune) bool {
	for _, c := range r {
		if englishVowel(c) {
			return true
		}
	}
	return false
}

// englishPrelude drops a leading apostrophe and marks a y at the start or
// after a vowel as a consonant (Y); it reports whether it marked one.
func englishPrelude(w *word) bool {
	if len(w.r) > 0 && w.r[0] == '\'' {
		w.r = w.r[1:]
	}
	found := false
	for i, c := range w.r {
		if c == 'y' && (i == 0 || englishVowel(w.r[i-1])) {
			w.r[i] = 'Y'
			found = true
		}
	}
	return found
}

// shortSyllable reports whether r[:end] ends in a short syllable.
func shortSyllable(r []rune, end int) bool {
	if end >= 3 && !englishVowel(r[end-1]) && !isAny(r[end-1], "wxY") && englishVowel(r[end-2]) && !englishVowel(r[end-3]) {
		return true
	}
	if end == 2 && !englishVowel(r[1]) && englishVowel(r[0]) {
		return true
	}
	return endsWithAt(r, end, "past")
}

var (
	englishApostrophes = []string{"'", "'s", "'s'"}
	englishStep1aSufs  = []string{"sses", "ied", "ies", "s", "us", "ss"}
)

func englishStep1a(w *word) {
	if s := longest(w.r, len(w.r), englishApostrophes); s != "" {
		w.replace(runeLen(s), "")
	}
	switch longest(w.r, len(w.r), englishStep1aSufs) {
	case "sses":
		w.replace(4, "ss")
	case "ied", "ies":
		if len(w.r)-3 >= 2 {
			w.replace(3, "i")
		} else {
			w.replace(3, "ie")
		}
	case "s":
		if len(w.r) >= 2 && containsVowel(w.r[:len(w.r)-2]) {
			w.replace(1, "")
		}
	}
}

var (
	englishStep1bSufs = []string{"eed", "eedly", "ed", "edly", "ing", "ingly"}
	englishEedWords   = []string{"proc", "exc", "succ"}
	englishIngKeep    = []string{"y", "inn", "out", "cann", "herr", "earr", "even"}
	englishStep1bEnds = []string{"at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"}
)

func englishStep1b(w *word) {
	suf := longest(w.r, len(w.r), englishStep1bSufs)
	n := runeLen(suf)
	start := len(w.r) - n
	switch suf {
	case "":
		return
	case "eed", "eedly":
		if start >= w.p1 {
			if m := longest(w.r, start, englishEedWords); m == "" || runeLen(m) != start {
				w.replace(n, "ee")
			}
		}
		return
	case "ing":
		switch m := longest(w.r, start, englishIngKeep); m {
		case "":
		case "y":
			// dying, lying, tying, vying
			if start == 2 && !englishVowel(w.r[0]) {
				w.replace(4, "ie")
				return
			}
		default:
			// inning, outing, canning, herring, earring, evening
			if runeLen(m) == start {
				return
			}
		}
	}
	if !containsVowel(w.r[:start]) {
		return
	}
	w.r = w.r[:start]
	switch end := longest(w.r, len(w.r), englishStep1bEnds); end {
	case "at", "bl", "iz":
		w.r = append(w.r, 'e')
	case "":
		if len(w.r) == w.p1 && shortSyllable(w.r, len(w.r)) {
			w.r = append(w.r, 'e')
		}
	default: // a double consonant, but in "add", "egg", "off"
		if !(len(w.r) == 3 && isAny(w.r[0], "aeo")) {
			w.r = w.r[:len(w.r)-1]
		}
	}
}

func englishStep1c(w *word) {
	n := len(w.r)
	if n >= 3 && (w.r[n-1] == 'y' || w.r[n-1] == 'Y') && !englishVowel(w.r[n-2]) {
		w.r[n-1] = 'i'
	}
}

// suffixRule replaces a suffix by with when cond (the letters before the
// suffix, given its start) holds; cond nil always holds.
type suffixRule struct {
	suffix, with string
	cond         func(w *word, start int) bool
}

var (
	englishStep2Rules = []suffixRule{
		{"tional", "tion", nil}, {"enci", "ence", nil}, {"anci", "ance", nil}, {"abli", "able", nil},
		{"entli", "ent", nil}, {"izer", "ize", nil}, {"ization", "ize", nil},
		{"ational", "ate", nil}, {"ation", "ate", nil}, {"ator", "ate", nil},
		{"alism", "al", nil}, {"aliti", "al", nil}, {"alli", "al", nil},
		{"fulness", "ful", nil}, {"ousli", "ous", nil}, {"ousness", "ous", nil},
		{"iveness", "ive", nil}, {"iviti", "ive", nil}, {"biliti", "ble", nil}, {"bli", "ble", nil},
		{"ogist", "og", nil}, {"ogi", "og", precededBy("l")}, {"fulli", "ful", nil}, {"lessli", "less", nil},
		{"li", "", precededBy("cdeghkmnrt")},
	}
	englishStep3Rules = []suffixRule{
		{"tional", "tion", nil}, {"ational", "ate", nil}, {"alize", "al", nil},
		{"icate", "ic", nil}, {"iciti", "ic", nil}, {"ical", "ic", nil},
		{"ful", "", nil}, {"ness", "", nil},
		{"ative", "", func(w *word, start int) bool { return start >= w.p2 }},
	}
	englishStep4Rules = []suffixRule{
		{"al", "", nil}, {"ance", "", nil}, {"ence", "", nil}, {"er", "", nil}, {"ic", "", nil},
		{"able", "", nil}, {"ible", "", nil}, {"ant", "", nil}, {"ement", "", nil}, {"ment", "", nil},
		{"ent", "", nil}, {"ism", "", nil}, {"ate", "", nil}, {"iti", "", nil}, {"ous", "", nil},
		{"ive", "", nil}, {"ize", "", nil}, {"ion", "", precededBy("st")},
	}
)

func precededBy(set string) func(w *word, start int) bool {
	return func(w *word, start int) bool { return start >= 1 && isAny(w.r[start-1], set) }
}

// englishSuffixStep applies the rule of the longest suffix among rules
// when that suffix starts in the region from region.
func englishSuffixStep(w *word, rules []suffixRule, region int) {
	best := -1
	for i, r := range rules {
		if endsWithAt(w.r, len(w.r), r.suffix) && (best < 0 || runeLen(r.suffix) > runeLen(rules[best].suffix)) {
			best = i
		}
	}
	if best < 0 {
		return
	}
	r := rules[best]
	start := len(w.r) - runeLen(r.suffix)
	if start < region || (r.cond != nil && !r.cond(w, start)) {
		return
	}
	w.replace(runeLen(r.suffix), r.with)
}

func englishStep4(w *word) {
	englishSuffixStep(w, englishStep4Rules, w.p2)
}

func englishStep5(w *word) {
	n := len(w.r)
	if n == 0 {
		return
	}
	start := n - 1
	switch w.r[start] {
	case 'e':
		if start >= w.p2 || (start >= w.p1 && !shortSyllable(w.r, start)) {
			w.r = w.r[:start]
		}
	case 'l':
		if start >= w.p2 && start >= 1 && w.r[start-1] == 'l' {
			w.r = w.r[:start]
		}
	}
}
