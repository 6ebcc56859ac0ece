package stem

// German stems a lower-case German word (snowballstem.org's German
// algorithm): "ae", "oe" and "ue" count as the umlauts they stand for, so
// "Häuser" and "Haeuser" both become "haus".
func German(s string) string {
	w := &word{r: []rune(s)}
	germanPrelude(w)
	if len(w.r) >= 3 {
		w.regions(germanVowel, -1)
		if w.p1 < 3 {
			w.p1 = 3
		}
	} else {
		w.p1, w.p2 = len(w.r), len(w.r)
	}
	germanStep1(w)
	germanStep2(w)
	germanStep3(w)
	germanApostrophe(w)
	for i, c := range w.r {
		switch c {
		case 'Y':
			w.r[i] = 'y'
		case 'U', 'ü':
			w.r[i] = 'u'
		case 'ä':
			w.r[i] = 'a'
		case 'ö':
			w.r[i] = 'o'
		}
	}
	return string(w.r)
}

func germanVowel(c rune) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'ä', 'ö', 'ü':
		return true
	}
	return false
}

// germanPrelude marks u and y between vowels as consonants (U, Y), then
// replaces ß by ss and ae, oe, ue (not after q) by ä, ö, ü.
func germanPrelude(w *word) {
	r := w.r
	for i := 1; i+1 < len(r); i++ {
		if germanVowel(r[i-1]) && germanVowel(r[i+1]) {
			switch r[i] {
			case 'u':
				r[i] = 'U'
			case 'y':
				r[i] = 'Y'
			}
		}
	}
	out := r[:0:0]
	for i := 0; i < len(r); i++ {
		c := r[i]
		if c == 'ß' {
			out = append(out, 's', 's')
			continue
		}
		if i+1 < len(r) {
			next := r[i+1]
			switch {
			case c == 'q' && next == 'u':
				out = append(out, 'q', 'u')
				i++
				continue
			case next == 'e' && (c == 'a' || c == 'o' || c == 'u'):
				out = append(out, umlaut(c))
				i++
				continue
			}
		}
		out = append(out, c)
	}
	w.r = out
}

var germanStep1Suffixes = []string{"em", "ern", "er", "erin", "erinnen", "e", "en", "es", "s", "ln", "lns"}

func germanStep1(w *word) {
	suf, n, _ := w.suffixIn(germanStep1Suffixes, w.p1)
	switch suf {
	case "em":
		if !endsWithAt(w.r, len(w.r)-n, "syst") {
			w.replace(n, "")
		}
	case "ern", "er", "erin", "erinnen":
		w.replace(n, "")
	case "e", "en", "es":
		w.replace(n, "")
		if w.endsWith("niss") {
			w.replace(1, "")
		}
	case "s":
		if len(w.r) >= 2 && isAny(w.r[len(w.r)-2], "bdfghklmnrt") {
			w.replace(1, "")
		}
	case "ln", "lns":
		w.replace(n, "l")
	}
}

var (
	germanStep2Suffixes = []string{"en", "er", "est", "st", "et"}
	germanEtExceptions  = []string{"geordn", "intern", "plan", "tick", "tr"}
)

func germanStep2(w *word) {
	suf, n, start := w.suffixIn(germanStep2Suffixes, w.p1)
	switch suf {
	case "en", "er", "est":
		w.replace(n, "")
	case "st":
		// preceded by an st-ending, itself preceded by at least 3 letters
		if start >= 4 && isAny(w.r[start-1], "bdfghklmnt") {
			w.replace(n, "")
		}
	case "et":
		if start >= 1 && isAny(w.r[start-1], "dfgklmnrstUzä") && longest(w.r, start, germanEtExceptions) == "" {
			w.replace(n, "")
		}
	}
}

var (
	germanStep3Suffixes = []string{"end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"}
	germanKeitSuffixes  = []string{"lich", "ig"}
)

func germanStep3(w *word) {
	suf, n, start := w.suffixIn(germanStep3Suffixes, w.p2)
	if suf == "" {
		return
	}
	precededByE := start >= 1 && w.r[start-1] == 'e'
	switch suf {
	case "end", "ung":
		w.replace(n, "")
		if w.endsWith("ig") && len(w.r)-2 >= w.p2 && !(len(w.r) >= 3 && w.r[len(w.r)-3] == 'e') {
			w.replace(2, "")
		}
	case "ig", "ik", "isch":
		if !precededByE {
			w.replace(n, "")
		}
	case "lich", "heit":
		w.replace(n, "")
		if (w.endsWith("er") || w.endsWith("en")) && len(w.r)-2 >= w.p1 {
			w.replace(2, "")
		}
	case "keit":
		w.replace(n, "")
		if s := longest(w.r, len(w.r), germanKeitSuffixes); s != "" && len(w.r)-runeLen(s) >= w.p2 {
			w.replace(runeLen(s), "")
		}
	}
}

var germanApostropheSuffixes = []string{"'s", "'sch", "'"}

// germanApostrophe removes a final "'s", "'sch" or "'" after at least two
// letters ("Andrea's", "Grimm'sch").
func germanApostrophe(w *word) {
	suf := longest(w.r, len(w.r), germanApostropheSuffixes)
	if n := runeLen(suf); suf != "" && len(w.r)-n >= 2 {
		w.replace(n, "")
	}
}

func umlaut(c rune) rune {
	switch c {
	case 'a':
		return 'ä'
	case 'o':
		return 'ö'
	}
	return 'ü'
}

func isAny(c rune, set string) bool {
	for _, s := range set {
		if c == s {
			return true
		}
	}
	return false
}
