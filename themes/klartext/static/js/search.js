// The site's search, in the reader's browser: no other server, no
// WebAssembly, nothing but this file and the index the build wrote
// (generator/search/index, its format in format.go). A query fetches the
// index's meta data, the buckets of its words, the postings of frequent
// words and the fragments of the results it shows — nothing more, and
// nothing twice.
//
// The words of a query are cut, folded and stemmed by the same rules as
// the build's (generator/search/token and stem; a test compares the two).
// Each word finds the terms equal to it, the terms it begins (German
// compounds: "Festgeld" finds "Festgeldkonto") and, when neither exists,
// the terms one edit away (a misspelling). Pages with all of the query's
// words come first, by their BM25 score.
(function () {
  'use strict';

  // ---- Words: the rules of generator/search/token -------------------

  var MAX_BYTES = 40;
  var FOLDS = [
    ['ae', 'äÄæÆ'], ['oe', 'öÖœŒøØ'], ['ue', 'üÜ'], ['ss', 'ßẞ'],
    ['a', 'àáâãåāăąÀÁÂÃÅĀĂĄ'], ['c', 'çćĉċčÇĆĈĊČ'], ['d', 'ďđðĎĐÐ'],
    ['e', 'èéêëēĕėęěÈÉÊËĒĔĖĘĚ'], ['g', 'ĝğġģĜĞĠĢ'], ['h', 'ĥħĤĦ'],
    ['i', 'ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ'], ['j', 'ĵĴ'], ['k', 'ķĶ'], ['l', 'ĺļľŀłĹĻĽĿŁ'],
    ['n', 'ñńņňÑŃŅŇ'], ['o', 'òóôõōŏőÒÓÔÕŌŎŐ'], ['r', 'ŕŗřŔŖŘ'],
    ['s', 'śŝşšșŚŜŞŠȘ'], ['t', 'ţťŧțŢŤŦȚ'], ['u', 'ùúûũūŭůűųÙÚÛŨŪŬŮŰŲ'],
    ['w', 'ŵŴ'], ['y', 'ýÿŷÝŸŶ'], ['z', 'źżžŹŻŽ'], ['th', 'þÞ']
  ];
  var foldMap = {};
  FOLDS.forEach(function (g) { Array.from(g[1]).forEach(function (c) { foldMap[c] = g[0]; }); });

  var LETTER = /[\p{L}\p{Nd}]/u;
  var MARK = /\p{Mn}/u;
  var DIGIT = /\p{Nd}/u;

  function foldChar(c) {
    if (c >= 'A' && c <= 'Z') { return c.toLowerCase(); }
    if (c < '\u0080') { return c; }
    return foldMap[c] || c.toLowerCase();
  }

  function fold(s) { return Array.from(s).map(foldChar).join(''); }

  function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) { n += 1; } else if (c < 0x800) { n += 2; } else if (c >= 0xd800 && c < 0xdc00) { n += 4; i++; } else { n += 3; }
    }
    return n;
  }

  function isAsciiDigit(c) { return c >= '0' && c <= '9'; }

  // tokens cuts text into tokens: {folded, start, end (in UTF-16 units),
  // digits}, as token.Scan does.
  function tokens(text) {
    var out = [];
    var chars = Array.from(text);
    var offsets = [];
    var pos = 0;
    chars.forEach(function (c) { offsets.push(pos); pos += c.length; });
    offsets.push(pos);
    var i = 0;
    while (i < chars.length) {
      if (!LETTER.test(chars[i])) { i++; continue; }
      var start = i, folded = '', runes = 0, digits = false, prevDigit = false;
      while (i < chars.length) {
        var c = chars[i];
        if (LETTER.test(c)) {
          folded += foldChar(c);
          runes++;
          prevDigit = DIGIT.test(c);
          digits = digits || prevDigit;
          i++;
          continue;
        }
        if ((c === '.' || c === ',') && prevDigit && i + 1 < chars.length && isAsciiDigit(chars[i + 1])) {
          folded += c;
          i++;
          continue;
        }
        if (MARK.test(c)) {
          var last = folded.charAt(folded.length - 1);
          if (c === '\u0308' && (last === 'a' || last === 'o' || last === 'u')) { folded += 'e'; }
          i++;
          continue;
        }
        break;
      }
      if (utf8Length(folded) <= MAX_BYTES && (runes > 1 || digits)) {
        out.push({ folded: folded, start: offsets[start], end: offsets[i], digits: digits });
      }
    }
    return out;
  }

  // ---- Stemmers: generator/search/stem ------------------------------

  function endsAt(r, end, s) {
    var n = s.length;
    if (n > end) { return false; }
    for (var k = 0; k < n; k++) { if (r[end - n + k] !== s.charAt(k)) { return false; } }
    return true;
  }

  function longest(r, end, list) {
    var best = '';
    var found = false;
    list.forEach(function (s) { if (endsAt(r, end, s) && (!found || s.length > best.length)) { best = s; found = true; } });
    return best;
  }

  function nextRegion(r, isVowel, i) {
    while (i < r.length && !isVowel(r[i])) { i++; }
    while (i < r.length && isVowel(r[i])) { i++; }
    return i >= r.length ? -1 : i + 1;
  }

  function regions(w, isVowel, p1) {
    w.p1 = w.p2 = w.r.length;
    if (p1 < 0) {
      p1 = nextRegion(w.r, isVowel, 0);
      if (p1 < 0) { return; }
    }
    w.p1 = p1;
    var p2 = nextRegion(w.r, isVowel, p1);
    if (p2 >= 0) { w.p2 = p2; }
  }

  function cut(w, n, s) { w.r.splice(w.r.length - n, n); if (s) { w.r.push.apply(w.r, Array.from(s)); } }
  function isIn(c, set) { return c !== undefined && set.indexOf(c) >= 0; }

  function germanVowel(c) { return isIn(c, 'aeiouyäöü'); }

  function german(s) {
    var r = Array.from(s);
    var i;
    for (i = 1; i + 1 < r.length; i++) {
      if (germanVowel(r[i - 1]) && germanVowel(r[i + 1])) {
        if (r[i] === 'u') { r[i] = 'U'; } else if (r[i] === 'y') { r[i] = 'Y'; }
      }
    }
    var out = [];
    for (i = 0; i < r.length; i++) {
      var c = r[i], next = r[i + 1];
      if (c === 'ß') { out.push('s', 's'); continue; }
      if (c === 'q' && next === 'u') { out.push('q', 'u'); i++; continue; }
      if (next === 'e' && (c === 'a' || c === 'o' || c === 'u')) { out.push({ a: 'ä', o: 'ö', u: 'ü' }[c]); i++; continue; }
      out.push(c);
    }
    var w = { r: out, p1: 0, p2: 0 };
    if (w.r.length >= 3) {
      regions(w, germanVowel, -1);
      if (w.p1 < 3) { w.p1 = 3; }
    } else {
      w.p1 = w.p2 = w.r.length;
    }
    var suf, n, start, len;
    // Step 1
    suf = longest(w.r, w.r.length, ['em', 'ern', 'er', 'erin', 'erinnen', 'e', 'en', 'es', 's', 'ln', 'lns']);
    n = suf.length;
    if (suf && w.r.length - n >= w.p1) {
      if (suf === 'em') {
        if (!endsAt(w.r, w.r.length - n, 'syst')) { cut(w, n); }
      } else if (suf === 'ern' || suf === 'er' || suf === 'erin' || suf === 'erinnen') {
        cut(w, n);
      } else if (suf === 'e' || suf === 'en' || suf === 'es') {
        cut(w, n);
        if (endsAt(w.r, w.r.length, 'niss')) { cut(w, 1); }
      } else if (suf === 's') {
        if (w.r.length >= 2 && isIn(w.r[w.r.length - 2], 'bdfghklmnrt')) { cut(w, 1); }
      } else {
        cut(w, n, 'l');
      }
    }
    // Step 2
    suf = longest(w.r, w.r.length, ['en', 'er', 'est', 'st', 'et']);
    n = suf.length;
    start = w.r.length - n;
    if (suf && start >= w.p1) {
      if (suf === 'st') {
        if (start >= 4 && isIn(w.r[start - 1], 'bdfghklmnt')) { cut(w, n); }
      } else if (suf === 'et') {
        if (start >= 1 && isIn(w.r[start - 1], 'dfgklmnrstUzä') && !longest(w.r, start, ['geordn', 'intern', 'plan', 'tick', 'tr'])) { cut(w, n); }
      } else {
        cut(w, n);
      }
    }
    // Step 3
    suf = longest(w.r, w.r.length, ['end', 'ung', 'ig', 'ik', 'isch', 'lich', 'heit', 'keit']);
    n = suf.length;
    start = w.r.length - n;
    if (suf && start >= w.p2) {
      var precededByE = start >= 1 && w.r[start - 1] === 'e';
      if (suf === 'end' || suf === 'ung') {
        cut(w, n);
        len = w.r.length;
        if (endsAt(w.r, len, 'ig') && len - 2 >= w.p2 && !(len >= 3 && w.r[len - 3] === 'e')) { cut(w, 2); }
      } else if (suf === 'ig' || suf === 'ik' || suf === 'isch') {
        if (!precededByE) { cut(w, n); }
      } else if (suf === 'lich' || suf === 'heit') {
        cut(w, n);
        len = w.r.length;
        if ((endsAt(w.r, len, 'er') || endsAt(w.r, len, 'en')) && len - 2 >= w.p1) { cut(w, 2); }
      } else {
        cut(w, n);
        var s2 = longest(w.r, w.r.length, ['lich', 'ig']);
        if (s2 && w.r.length - s2.length >= w.p2) { cut(w, s2.length); }
      }
    }
    // The apostrophe
    suf = longest(w.r, w.r.length, ["'s", "'sch", "'"]);
    if (suf && w.r.length - suf.length >= 2) { cut(w, suf.length); }
    return w.r.map(function (c) { return { Y: 'y', U: 'u', 'ü': 'u', 'ä': 'a', 'ö': 'o' }[c] || c; }).join('');
  }

  function englishVowel(c) { return isIn(c, 'aeiouy'); }

  var ENGLISH_EXCEPTIONS = {
    skis: 'ski', skies: 'sky', idly: 'idl', gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl',
    sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes'
  };

  function shortSyllable(r, end) {
    if (end >= 3 && !englishVowel(r[end - 1]) && !isIn(r[end - 1], 'wxY') && englishVowel(r[end - 2]) && !englishVowel(r[end - 3])) { return true; }
    if (end === 2 && !englishVowel(r[1]) && englishVowel(r[0])) { return true; }
    return endsAt(r, end, 'past');
  }

  function containsVowel(r, end) {
    for (var i = 0; i < end; i++) { if (englishVowel(r[i])) { return true; } }
    return false;
  }

  function rule(suffix, to, cond) { return { suffix: suffix, to: to, cond: cond }; }
  function precededBy(set) { return function (w, start) { return start >= 1 && isIn(w.r[start - 1], set); }; }
  var STEP2 = [
    rule('tional', 'tion'), rule('enci', 'ence'), rule('anci', 'ance'), rule('abli', 'able'), rule('entli', 'ent'),
    rule('izer', 'ize'), rule('ization', 'ize'), rule('ational', 'ate'), rule('ation', 'ate'), rule('ator', 'ate'),
    rule('alism', 'al'), rule('aliti', 'al'), rule('alli', 'al'), rule('fulness', 'ful'), rule('ousli', 'ous'),
    rule('ousness', 'ous'), rule('iveness', 'ive'), rule('iviti', 'ive'), rule('biliti', 'ble'), rule('bli', 'ble'),
    rule('ogist', 'og'), rule('ogi', 'og', precededBy('l')), rule('fulli', 'ful'), rule('lessli', 'less'),
    rule('li', '', precededBy('cdeghkmnrt'))
  ];
  var STEP3 = [
    rule('tional', 'tion'), rule('ational', 'ate'), rule('alize', 'al'), rule('icate', 'ic'), rule('iciti', 'ic'),
    rule('ical', 'ic'), rule('ful', ''), rule('ness', ''), rule('ative', '', function (w, start) { return start >= w.p2; })
  ];
  var STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize']
    .map(function (s) { return rule(s, ''); }).concat([rule('ion', '', precededBy('st'))]);

  function suffixStep(w, rules, region) {
    var best = null;
    rules.forEach(function (r) { if (endsAt(w.r, w.r.length, r.suffix) && (!best || r.suffix.length > best.suffix.length)) { best = r; } });
    if (!best) { return; }
    var start = w.r.length - best.suffix.length;
    if (start < region || (best.cond && !best.cond(w, start))) { return; }
    cut(w, best.suffix.length, best.to);
  }

  function english(s) {
    if (Object.prototype.hasOwnProperty.call(ENGLISH_EXCEPTIONS, s)) { return ENGLISH_EXCEPTIONS[s]; }
    if (Array.from(s).length < 3) { return s; }
    var w = { r: Array.from(s), p1: 0, p2: 0 };
    if (w.r[0] === "'") { w.r.shift(); }
    var yFound = false, i;
    for (i = 0; i < w.r.length; i++) {
      if (w.r[i] === 'y' && (i === 0 || englishVowel(w.r[i - 1]))) { w.r[i] = 'Y'; yFound = true; }
    }
    var p1 = -1;
    ['gener', 'commun', 'arsen', 'past', 'univers', 'later', 'emerg', 'organ', 'inter'].forEach(function (p) {
      if (w.r.slice(0, p.length).join('') === p && p.length > p1) { p1 = p.length; }
    });
    regions(w, englishVowel, p1);
    var suf, n, start;
    // Step 1a
    suf = longest(w.r, w.r.length, ["'", "'s", "'s'"]);
    if (suf) { cut(w, suf.length); }
    suf = longest(w.r, w.r.length, ['sses', 'ied', 'ies', 's', 'us', 'ss']);
    if (suf === 'sses') {
      cut(w, 4, 'ss');
    } else if (suf === 'ied' || suf === 'ies') {
      cut(w, 3, w.r.length - 3 >= 2 ? 'i' : 'ie');
    } else if (suf === 's') {
      if (w.r.length >= 2 && containsVowel(w.r, w.r.length - 2)) { cut(w, 1); }
    }
    // Step 1b
    suf = longest(w.r, w.r.length, ['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
    n = suf.length;
    start = w.r.length - n;
    var generic = !!suf;
    if (suf === 'eed' || suf === 'eedly') {
      generic = false;
      if (start >= w.p1) {
        var m = longest(w.r, start, ['proc', 'exc', 'succ']);
        if (!m || m.length !== start) { cut(w, n, 'ee'); }
      }
    } else if (suf === 'ing') {
      var k = longest(w.r, start, ['y', 'inn', 'out', 'cann', 'herr', 'earr', 'even']);
      if (k === 'y') {
        if (start === 2 && !englishVowel(w.r[0])) { cut(w, 4, 'ie'); generic = false; }
      } else if (k && k.length === start) {
        generic = false;
      }
    }
    if (generic && containsVowel(w.r, start)) {
      w.r.length = start;
      var end = longest(w.r, w.r.length, ['at', 'bl', 'iz', 'bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
      if (end === 'at' || end === 'bl' || end === 'iz') {
        w.r.push('e');
      } else if (!end) {
        if (w.r.length === w.p1 && shortSyllable(w.r, w.r.length)) { w.r.push('e'); }
      } else if (!(w.r.length === 3 && isIn(w.r[0], 'aeo'))) {
        w.r.length -= 1;
      }
    }
    // Step 1c
    n = w.r.length;
    if (n >= 3 && (w.r[n - 1] === 'y' || w.r[n - 1] === 'Y') && !englishVowel(w.r[n - 2])) { w.r[n - 1] = 'i'; }
    suffixStep(w, STEP2, w.p1);
    suffixStep(w, STEP3, w.p1);
    suffixStep(w, STEP4, w.p2);
    // Step 5
    n = w.r.length;
    if (n > 0) {
      start = n - 1;
      if (w.r[start] === 'e') {
        if (start >= w.p2 || (start >= w.p1 && !shortSyllable(w.r, start))) { w.r.length = start; }
      } else if (w.r[start] === 'l') {
        if (start >= w.p2 && start >= 1 && w.r[start - 1] === 'l') { w.r.length = start; }
      }
    }
    var out = w.r.join('');
    return yFound ? out.replace(/Y/g, 'y') : out;
  }

  var STEMMERS = { german: german, english: english };

  // ---- Matching -------------------------------------------------------

  // withinOneEdit reports whether a and b differ by at most one insertion,
  // deletion, substitution or swap of two neighbouring letters.
  function withinOneEdit(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > 1) { return false; }
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) { i++; }
    if (i === a.length && i === b.length) { return true; }
    var ra = a.slice(i + 1).join(''), rb = b.slice(i + 1).join('');
    if (a.length === b.length) {
      return ra === rb || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2).join('') === b.slice(i + 2).join(''));
    }
    return a.length > b.length ? ra === b.slice(i).join('') : a.slice(i).join('') === rb;
  }

  // ---- The index: generator/search/index/format.go ------------------

  var VERSION = 1;
  var MAX_IMPACT = 15;
  var MAX_PREFIX_TERMS = 8;
  var MAX_FUZZY_TERMS = 5;
  var MAX_FUZZY_BUCKETS = 4;

  function Index(base, fetchFile) {
    this.base = base;
    this.fetchFile = fetchFile; // (url, 'json'|'bytes') → Promise
    this.files = {};
    this.buckets = {};
  }

  Index.prototype.file = function (path, kind) {
    if (!this.files[path]) {
      var self = this;
      this.files[path] = this.fetchFile(this.base + path, kind).catch(function (err) { delete self.files[path]; throw err; });
    }
    return this.files[path];
  };

  Index.prototype.meta = function () {
    return this.file('meta.json', 'json').then(function (m) {
      if (m.version !== VERSION) { throw new Error('search index version ' + m.version); }
      return m;
    });
  };

  function readUvarint(view, pos) {
    var v = 0, shift = 0, b;
    do {
      b = view[pos.i++];
      v += (b & 0x7f) * Math.pow(2, shift);
      shift += 7;
    } while (b >= 0x80);
    return v;
  }

  // decodePostings reads a term's documents and impacts (format.go).
  function decodePostings(bytes, df) {
    var pos = { i: 1 }, ids = [], impacts = [], k;
    if (bytes[0] === 1) { // a bitmap
      var first = readUvarint(bytes, pos), len = readUvarint(bytes, pos);
      for (k = 0; k < len * 8; k++) {
        if (bytes[pos.i + (k >> 3)] & (1 << (k & 7))) { ids.push(first + k); }
      }
      pos.i += len;
    } else { // gaps
      var prev = -1;
      for (k = 0; k < df; k++) { prev += readUvarint(bytes, pos); ids.push(prev); }
    }
    for (k = 0; k < ids.length; k++) {
      var b = bytes[pos.i + (k >> 1)];
      impacts.push(k & 1 ? b & 15 : b >> 4);
    }
    return { ids: ids, impacts: impacts };
  }

  var utf8 = new TextDecoder();

  function decodeBucket(buf) {
    var bytes = new Uint8Array(buf);
    var pos = { i: 0 };
    var count = readUvarint(bytes, pos);
    var terms = [];
    var prev = new Uint8Array(0);
    for (var k = 0; k < count; k++) {
      var shared = readUvarint(bytes, pos);
      var restLen = readUvarint(bytes, pos);
      var termBytes = new Uint8Array(shared + restLen);
      termBytes.set(prev.subarray(0, shared));
      termBytes.set(bytes.subarray(pos.i, pos.i + restLen), shared);
      pos.i += restLen;
      prev = termBytes;
      var df = readUvarint(bytes, pos);
      var inline = readUvarint(bytes, pos);
      var t = { term: utf8.decode(termBytes), df: df };
      if (inline > 0) {
        t.postings = bytes.subarray(pos.i, pos.i + inline);
        pos.i += inline;
      } else {
        var nameLen = readUvarint(bytes, pos);
        t.file = utf8.decode(bytes.subarray(pos.i, pos.i + nameLen));
        pos.i += nameLen;
      }
      terms.push(t);
    }
    return terms;
  }

  function bucketIndex(keys, term) {
    var lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] <= term) { lo = mid + 1; } else { hi = mid; }
    }
    return lo - 1;
  }

  function fileKey(key) {
    var out = '';
    new TextEncoder().encode(key).forEach(function (b) {
      var c = String.fromCharCode(b);
      out += (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_' + (b < 16 ? '0' : '') + b.toString(16);
    });
    return out;
  }

  Index.prototype.bucket = function (dir, key) {
    var path = dir + '/' + fileKey(key) + '.bin';
    if (!this.buckets[path]) {
      this.buckets[path] = this.file(path, 'bytes').then(decodeBucket);
    }
    return this.buckets[path];
  };

  // terms returns the buckets' terms in [from, to): the bucket of from and
  // those after it that start before to, at most limit buckets.
  Index.prototype.terms = function (meta, numeric, from, to, limit) {
    var dir = numeric ? 'n' : 'w';
    var keys = numeric ? meta.numbers : meta.words;
    var first = Math.max(0, bucketIndex(keys, from));
    var wanted = [];
    for (var i = first; i < keys.length && wanted.length < limit && (i === first || keys[i] < to); i++) {
      wanted.push(this.bucket(dir, keys[i]));
    }
    return Promise.all(wanted).then(function (lists) {
      var out = [];
      lists.forEach(function (l) { l.forEach(function (t) { if (t.term >= from && t.term < to) { out.push(t); } }); });
      return out;
    });
  };

  Index.prototype.postings = function (t) {
    if (t.decoded) { return Promise.resolve(t.decoded); }
    var p = t.postings ? Promise.resolve(t.postings) : this.file(t.file, 'bytes').then(function (b) { return new Uint8Array(b); });
    return p.then(function (bytes) { t.decoded = decodePostings(bytes, t.df); return t.decoded; });
  };

  Index.prototype.facets = function () { return this.file('facets.json', 'json'); };
  Index.prototype.fragment = function (id) { return this.file('f/' + id + '.json', 'json'); };

  // words cuts a query into its words: {folded, term, numeric}.
  function words(meta, q) {
    var stop = {};
    meta.stop.forEach(function (w) { stop[w] = true; });
    var stem = STEMMERS[meta.stemmer];
    var out = [];
    tokens(q).forEach(function (t) {
      if (t.digits) { out.push({ folded: t.folded, term: t.folded, numeric: true }); return; }
      if (stop[t.folded]) { return; }
      out.push({ folded: t.folded, term: stem ? stem(t.folded) : t.folded, numeric: false });
    });
    return out;
  }

  // candidates finds the terms a query word matches, each with how well:
  // the term itself 1, a longer term it begins 0.5–0.9, a misspelling 0.4.
  function candidates(ix, meta, w) {
    var exactP = ix.terms(meta, w.numeric, w.term, w.term + '\u0000', 1);
    var minPrefix = w.numeric ? 3 : 2;
    var prefixP = Array.from(w.term).length >= minPrefix ? ix.terms(meta, w.numeric, w.term, w.term + '\uffff', 16) : Promise.resolve([]);
    return Promise.all([exactP, prefixP]).then(function (r) {
      var out = r[0].map(function (t) { return { t: t, factor: 1 }; });
      var longer = r[1].filter(function (t) { return t.term !== w.term; });
      longer.sort(function (a, b) { return a.term.length - b.term.length || b.df - a.df || (a.term < b.term ? -1 : 1); });
      longer.slice(0, MAX_PREFIX_TERMS).forEach(function (t) {
        out.push({ t: t, factor: 0.5 + 0.4 * w.term.length / t.term.length });
      });
      if (out.length > 0 || w.numeric || Array.from(w.term).length < 4) { return out; }
      // The terms that start with the word's first letter: all of them
      // while they are in a few buckets, else those with its first two.
      var runes = Array.from(w.term);
      var from = runes[0];
      var upTo = function (s) { return s.slice(0, -1) + String.fromCodePoint(s.codePointAt(s.length - 1) + 1); };
      var inRange = meta.words.filter(function (k) { return k >= from && k < upTo(from); }).length;
      if (inRange > MAX_FUZZY_BUCKETS) { from = runes[0] + runes[1]; }
      return ix.terms(meta, false, from, upTo(from), MAX_FUZZY_BUCKETS).then(function (all) {
        var near = all.filter(function (t) { return withinOneEdit(w.term, t.term) || (w.folded !== w.term && withinOneEdit(w.folded, t.term)); });
        near.sort(function (a, b) { return b.df - a.df || (a.term < b.term ? -1 : 1); });
        return near.slice(0, MAX_FUZZY_TERMS).map(function (t) { return { t: t, factor: 0.4 }; });
      });
    });
  }

  function idf(df, n) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  // filterer returns a test of document ids for the filters, or null.
  function filterer(facets, f) {
    var want = {};
    var kindIx = facets.kinds.indexOf(f.kind);
    var typeIx = facets.types.indexOf(f.type);
    var branchIx = facets.branches.indexOf(f.branch);
    var langIx = facets.languages.indexOf(f.lang);
    var products = {}, advisors = {};
    var id = -1, i = 0;
    while (i < facets.products.length) {
      id += facets.products[i];
      products[id] = { type: facets.products[i + 1], risk: facets.products[i + 2], cost: facets.products[i + 3] };
      i += 4;
    }
    id = -1;
    i = 0;
    while (i < facets.advisors.length) {
      id += facets.advisors[i];
      var n = facets.advisors[i + 2];
      advisors[id] = { branch: facets.advisors[i + 1], langs: facets.advisors.slice(i + 3, i + 3 + n) };
      i += 3 + n;
    }
    var product = f.type || f.risk || f.costs;
    var advisor = f.lang || f.branch;
    return function (doc) {
      if (f.kind && facets.kind.charAt(doc) !== kindIx.toString(36)) { return false; }
      if (product) {
        var p = products[doc];
        if (!p) { return false; }
        if (f.type && p.type !== typeIx) { return false; }
        if (f.risk && p.risk > Number(f.risk)) { return false; }
        if (f.costs && (p.cost < 0 || p.cost > Math.round(Number(f.costs) * 100))) { return false; }
      }
      if (advisor) {
        var a = advisors[doc];
        if (!a) { return false; }
        if (f.branch && a.branch !== branchIx) { return false; }
        if (f.lang && a.langs.indexOf(langIx) < 0) { return false; }
      }
      return true;
    };
  }

  // search runs a query with filters ({kind, type, risk, costs, lang,
  // branch}); it returns {hits: [{id, score, matched}], words, terms}.
  function search(ix, q, filters) {
    filters = filters || {};
    var filtered = Object.keys(filters).some(function (k) { return filters[k]; });
    return ix.meta().then(function (meta) {
      var ws = words(meta, q);
      var facetsP = filtered ? ix.facets() : Promise.resolve(null);
      var matchP = Promise.all(ws.map(function (w) {
        return candidates(ix, meta, w).then(function (cs) {
          return Promise.all(cs.map(function (c) { return ix.postings(c.t); })).then(function (lists) {
            return { cands: cs, lists: lists };
          });
        });
      }));
      return Promise.all([matchP, facetsP]).then(function (r) {
        var matched = r[0], facets = r[1];
        var keep = facets ? filterer(facets, filters) : null;
        var n = meta.docs;
        var scores = new Float64Array(n), counts = new Uint8Array(n), touched = [], terms = [];
        matched.forEach(function (m) {
          // A word counts once per page, with its best match there.
          var best = new Float64Array(n), seen = [];
          // A longer or misspelt term is rarer than the word, but no
          // better a match: it weighs at most what the word itself does.
          var cap = Infinity;
          m.cands.forEach(function (c) { if (c.factor === 1) { cap = idf(c.t.df, n); } });
          m.cands.forEach(function (c, k) {
            terms.push(c.t.term);
            var weight = Math.min(cap, idf(c.t.df, n)) * c.factor / MAX_IMPACT;
            var list = m.lists[k];
            for (var j = 0; j < list.ids.length; j++) {
              var s = list.impacts[j] * weight;
              var d = list.ids[j];
              if (best[d] === 0) { seen.push(d); }
              if (s > best[d]) { best[d] = s; }
            }
          });
          seen.forEach(function (d) {
            if (counts[d] === 0) { touched.push(d); }
            scores[d] += best[d];
            counts[d]++;
          });
        });
        var hits = [];
        if (ws.length === 0 && keep) {
          for (var d = 0; d < n; d++) { if (keep(d)) { hits.push({ id: d, score: 0, matched: 0 }); } }
        } else {
          touched.forEach(function (id) {
            if (!keep || keep(id)) { hits.push({ id: id, score: scores[id], matched: counts[id] }); }
          });
        }
        hits.sort(function (a, b) { return b.matched - a.matched || b.score - a.score || a.id - b.id; });
        if (ws.length > 1 && hits.length > 0 && hits[0].matched === ws.length) {
          hits = hits.filter(function (h) { return h.matched === ws.length; }); // all the words, when any page has them
        }
        return { hits: hits, words: ws, terms: terms };
      });
    });
  }

  // ---- Excerpts --------------------------------------------------------

  // marker returns a test of a text token for the query's words.
  function marker(meta, result) {
    var stem = STEMMERS[meta.stemmer];
    var terms = {};
    result.terms.forEach(function (t) { terms[t] = true; });
    return function (tok) {
      var term = tok.digits || !stem ? tok.folded : stem(tok.folded);
      if (terms[term]) { return true; }
      return result.words.some(function (w) { return w.term.length >= 3 && term.indexOf(w.term) === 0; });
    };
  }

  // pieces splits text into [text, marked] pieces around matching tokens.
  function pieces(text, isMatch, from, to) {
    var out = [], at = from;
    tokens(text.slice(from, to)).forEach(function (t) {
      if (!isMatch(t)) { return; }
      out.push([text.slice(at, from + t.start), false], [text.slice(from + t.start, from + t.end), true]);
      at = from + t.end;
    });
    out.push([text.slice(at, to), false]);
    return out;
  }

  var EXCERPT_TOKENS = 28;

  // excerpt finds the stretch of text with the most matching tokens.
  function excerpt(text, isMatch) {
    var toks = tokens(text);
    if (toks.length === 0) { return null; }
    var hits = toks.map(function (t) { return isMatch(t) ? 1 : 0; });
    var best = 0, bestAt = 0, sum = 0, i;
    for (i = 0; i < toks.length; i++) {
      sum += hits[i];
      if (i >= EXCERPT_TOKENS) { sum -= hits[i - EXCERPT_TOKENS]; }
      if (sum > best) { best = sum; bestAt = Math.max(0, i - EXCERPT_TOKENS + 1); }
    }
    if (best > 0) { bestAt = Math.max(0, bestAt - 4); }
    var last = Math.min(toks.length - 1, bestAt + EXCERPT_TOKENS - 1);
    var from = bestAt === 0 ? 0 : toks[bestAt].start;
    var to = last === toks.length - 1 ? text.length : toks[last].end;
    return { from: from, to: to, before: from > 0, after: to < text.length, hits: best };
  }

  // ---- The page ----------------------------------------------------------

  var PAGE_SIZE = 10;
  var FILTERS = ['kind', 'type', 'risk', 'costs', 'lang', 'branch'];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }

  function appendPieces(parent, list) {
    list.forEach(function (p) {
      if (!p[0]) { return; }
      if (p[1]) { parent.appendChild(el('mark', '', p[0])); } else { parent.appendChild(document.createTextNode(p[0])); }
    });
  }

  function format(s, values) {
    return s.replace(/%d|%s/g, function () { return values.shift(); });
  }

  function start() {
    var form = document.getElementById('search-form');
    if (!form || !window.fetch || !window.Promise) { return; }
    var input = document.getElementById('search-q');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var more = document.getElementById('search-more');
    var t = function (k) { return form.getAttribute('data-t-' + k) || ''; };
    var ix = new Index(form.getAttribute('data-index'), function (url, kind) {
      return fetch(url).then(function (res) {
        if (!res.ok) { throw new Error(url + ': ' + res.status); }
        return kind === 'json' ? res.json() : res.arrayBuffer();
      });
    });
    var nojs = document.getElementById('search-nojs');
    if (nojs) { nojs.hidden = true; }
    form.querySelectorAll('[data-needs-js]').forEach(function (e) { e.hidden = false; });

    var params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    FILTERS.forEach(function (f) { if (form.elements[f]) { form.elements[f].value = params.get(f) || ''; } });

    var seq = 0, shown = 0, current = null, meta = null;

    function filters() {
      var f = {};
      FILTERS.forEach(function (k) { f[k] = form.elements[k] ? form.elements[k].value : ''; });
      return f;
    }

    function syncURL(q, f) {
      var p = new URLSearchParams();
      if (q) { p.set('q', q); }
      FILTERS.forEach(function (k) { if (f[k]) { p.set(k, f[k]); } });
      var s = p.toString();
      history.replaceState(null, '', location.pathname + (s ? '?' + s : ''));
    }

    function render(frag, isMatch) {
      var li = el('li', 'search-result kind-' + frag.kind);
      var h = el('h2', 'search-result-title');
      var a = el('a');
      a.href = frag.url;
      appendPieces(a, pieces(frag.title, isMatch, 0, frag.title.length));
      h.appendChild(a);
      li.appendChild(h);
      var metaLine = el('p', 'search-result-meta');
      metaLine.appendChild(el('span', 'search-result-kind', t('kind-' + frag.kind) || frag.kind));
      var add = function (node) { metaLine.appendChild(document.createTextNode(' · ')); metaLine.appendChild(node); };
      if (frag.product) {
        add(document.createTextNode(frag.product.type));
        add(el('span', 'risk-badge risk-' + frag.product.risk, frag.product.riskLabel));
        if (frag.product.costs) { add(document.createTextNode(t('costs') + ': ' + frag.product.costs)); }
        if (frag.product.isin) { add(document.createTextNode(t('isin') + ' ' + frag.product.isin)); }
      }
      if (frag.advisor) {
        [frag.advisor.role, frag.advisor.branch, frag.advisor.languages.join(', ')].forEach(function (s) {
          if (s) { add(document.createTextNode(s)); }
        });
      }
      li.appendChild(metaLine);
      var text = frag.text || '';
      var ex = excerpt(text, isMatch);
      if (!ex || (ex.hits === 0 && frag.summary)) {
        text = frag.summary || '';
        ex = text ? { from: 0, to: text.length, before: false, after: false } : null;
      }
      if (ex) {
        var p = el('p', 'search-result-excerpt');
        if (ex.before) { p.appendChild(document.createTextNode('… ')); }
        appendPieces(p, pieces(text, isMatch, ex.from, ex.to));
        if (ex.after) { p.appendChild(document.createTextNode(' …')); }
        li.appendChild(p);
      }
      return li;
    }

    function showMore(mine) {
      var page = current.hits.slice(shown, shown + PAGE_SIZE);
      var isMatch = marker(meta, current);
      return Promise.all(page.map(function (hit) { return ix.fragment(hit.id); })).then(function (frags) {
        if (mine !== seq) { return; }
        frags.forEach(function (f) { list.appendChild(render(f, isMatch)); });
        shown += page.length;
        more.hidden = shown >= current.hits.length;
      });
    }

    function run() {
      var q = input.value.trim();
      var f = filters();
      syncURL(q, f);
      var mine = ++seq;
      var filtered = FILTERS.some(function (k) { return f[k]; });
      if (!q && !filtered) {
        list.textContent = '';
        list.hidden = true;
        more.hidden = true;
        status.textContent = '';
        return Promise.resolve();
      }
      form.setAttribute('aria-busy', 'true');
      return ix.meta().then(function (m) {
        meta = m;
        return search(ix, q, f);
      }).then(function (res) {
        if (mine !== seq) { return null; }
        current = res;
        shown = 0;
        list.textContent = '';
        list.hidden = res.hits.length === 0;
        var n = res.hits.length;
        var quoted = q || t('filtered');
        status.textContent = n === 0 ? format(t('none'), [quoted]) : n === 1 ? format(t('one'), [quoted]) : format(t('count'), [String(n), quoted]);
        return showMore(mine);
      }).catch(function () {
        if (mine === seq) { status.textContent = t('error'); }
      }).then(function () {
        if (mine === seq) { form.removeAttribute('aria-busy'); }
      });
    }

    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    form.addEventListener('change', function (ev) { if (ev.target !== input) { run(); } });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.addEventListener('click', function () {
      var first = shown;
      showMore(seq).then(function () {
        var next = list.children[first];
        var link = next && next.querySelector('a');
        if (link) { link.focus(); }
      });
    });
    ix.meta().catch(function () {}); // ready before the first word is typed
    if (input.value || FILTERS.some(function (k) { return params.get(k); })) { run(); }
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = {
      fold: fold, tokens: tokens, german: german, english: english, withinOneEdit: withinOneEdit, FOLDS: FOLDS,
      Index: Index, search: search, words: words, excerpt: excerpt, marker: marker, pieces: pieces
    };
  } else if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
