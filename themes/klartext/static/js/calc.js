/* klartext calculator: a product page's figures for the reader's own amount.
 *
 * Every amount on a product page is for an investment of 10,000 in the
 * product's currency (data-base on the article). The costs are rates of
 * what is invested and the scenarios P·(1 + r)^T, so every amount is
 * linear in P (product.ComputeFor in Go): this script multiplies each
 * amount's exact value (data-amount, or data-sort for a chart table's
 * cell) by amount / 10,000 and formats it as the Go side does (package
 * locale: decimal rounding of the shortest decimal string, half away
 * from zero); the composition of costs is split into cents again by the
 * largest remainder (product.SplitCents). Percentages stay as they are.
 * The browser suite compares every figure with ComputeFor.
 *
 * Without JavaScript the page shows the 10,000 figures and says so
 * (.calc-nojs); this script hides that note and shows the form. */
(function () {
  'use strict';

  // plain writes v's shortest decimal digits without an exponent, as Go's
  // strconv.FormatFloat(v, 'f', -1, 64) does (String(v) is the same
  // shortest round-trip digits, in exponent form below 1e-6 and from 1e21).
  function plain(v) {
    var s = String(v);
    var m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
    if (!m) return s;
    var frac = m[3] || '', all = m[2] + frac, point = 1 + parseInt(m[4], 10);
    var out;
    if (point <= 0) out = '0.' + new Array(1 - point).join('0') + all;
    else if (point >= all.length) out = all + new Array(point - all.length + 1).join('0');
    else out = all.slice(0, point) + '.' + all.slice(point);
    return m[1] + out;
  }

  // roundString rounds the plain decimal string s to n decimals, half away
  // from zero on the digits (locale.roundDecimalString).
  function roundString(s, n) {
    var neg = s.charAt(0) === '-';
    if (neg) s = s.slice(1);
    var dot = s.indexOf('.');
    var ip = dot < 0 ? s : s.slice(0, dot), frac = dot < 0 ? '' : s.slice(dot + 1);
    while (frac.length < n + 1) frac += '0';
    var digits = (ip + frac.slice(0, n)).split('');
    if (frac.charAt(n) >= '5') {
      var i = digits.length - 1;
      for (; i >= 0; i--) {
        if (digits[i] === '9') { digits[i] = '0'; continue; }
        digits[i] = String.fromCharCode(digits[i].charCodeAt(0) + 1);
        break;
      }
      if (i < 0) digits.unshift('1');
    }
    var d = digits.join('');
    var out = d.slice(0, d.length - n);
    if (n > 0) out += '.' + d.slice(d.length - n);
    if (neg && out.replace(/[0.]/g, '') !== '') out = '-' + out;
    return out;
  }

  // round is locale.Round.
  function round(v, n) { return parseFloat(roundString(plain(v), n)); }

  // number is locale.Locale.Number: grouping and decimal mark of lang,
  // U+2212 for a minus.
  function number(v, n, lang) {
    if (!isFinite(v)) return '\u2013';
    var de = lang === 'de';
    var s = roundString(plain(v), n);
    var neg = s.charAt(0) === '-';
    if (neg) s = s.slice(1);
    var dot = s.indexOf('.');
    var ip = dot < 0 ? s : s.slice(0, dot);
    var out = '';
    for (var i = 0; i < ip.length; i++) {
      if (i > 0 && (ip.length - i) % 3 === 0) out += de ? '.' : ',';
      out += ip.charAt(i);
    }
    if (dot >= 0) out += (de ? ',' : '.') + s.slice(dot + 1);
    return (neg ? '\u2212' : '') + out;
  }

  var SYMBOLS = { EUR: '\u20ac', USD: '$', GBP: '\u00a3', JPY: '\u00a5', CHF: 'CHF' };

  // money is locale.Locale.Money: "1.234,56 €" (de), "€1,234.56" or
  // "SEK 10.00" (en).
  function money(v, currency, lang) {
    var code = String(currency || '').toUpperCase();
    var sym = SYMBOLS[code] || code;
    var n = number(v, 2, lang);
    if (lang === 'de') return n + '\u00a0' + sym;
    if (/^[A-Z]{3}$/.test(sym)) return sym + '\u00a0' + n;
    if (n.charAt(0) === '\u2212') return '\u2212' + sym + n.slice(1);
    return sym + n;
  }

  // splitCents is product.SplitCents: parts rounded to cents adding up to
  // total by the largest remainder, the first of equal ones first.
  function splitCents(parts, total) {
    var cents = [], order = [], have = 0, i;
    for (i = 0; i < parts.length; i++) {
      cents[i] = Math.floor(Math.max(parts[i], 0) * 100 + 1e-7);
      have += cents[i];
      order[i] = i;
    }
    var rem = function (j) { return Math.max(parts[j], 0) * 100 - cents[j]; };
    var rems = order.map(rem);
    order.sort(function (a, b) { return rems[b] - rems[a] || a - b; });
    var left = Math.round(total * 100) - have;
    for (var k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length) {
      cents[order[k]]++;
      left--;
    }
    for (k = order.length - 1; left < 0 && k >= 0; k--) {
      if (cents[order[k]] > 0) { cents[order[k]]--; left++; }
    }
    return cents.map(function (c) { return c / 100; });
  }

  // parseAmount reads what a reader types: "5000", "5.000", "2500,50",
  // "5.000,25 €" (de), "5,000.25" (en). NaN for anything else.
  function parseAmount(text, lang) {
    var s = String(text).replace(/[\s\u00a0\u202f\u20ac$\u00a3\u00a5]/g, '').replace(/^[A-Za-z]{3}|[A-Za-z]{3}$/g, '');
    var group = lang === 'de' ? '.' : ',', mark = lang === 'de' ? ',' : '.';
    if (!/^\d[\d.,]*$/.test(s)) return NaN;
    var grouped = new RegExp('^\\d{1,3}(\\' + group + '\\d{3})+(\\' + mark + '\\d*)?$');
    if (grouped.test(s)) s = s.split(group).join('');
    else if (s.indexOf(group) >= 0 && s.indexOf(mark) < 0 && new RegExp('^\\d+\\' + group + '\\d{1,2}$').test(s)) s = s.replace(group, mark); // "2500.5" typed on a German page
    if (s.indexOf(group) >= 0) return NaN;
    s = s.replace(mark, '.');
    if (!/^\d+(\.\d*)?$/.test(s)) return NaN;
    return parseFloat(s);
  }

  // scale is an amount of the page (for base) for the amount invested.
  function scale(v, amount, base) { return v * (amount / base); }

  // composition is the composition of costs for the amount invested: the
  // page's shares (product.CostLine.Share) and the first column's exact
  // total, scaled, the total rounded to cents and split again.
  function composition(shares, total, amount, base) {
    var t = round(scale(total, amount, base), 2);
    return { lines: splitCents(shares.map(function (x) { return scale(x, amount, base); }), t), total: t };
  }

  // MAX is the largest amount taken: beyond it cents stop being exact.
  var MAX = 1e12;

  // valid is the amount to compute with, rounded to cents, or NaN.
  function valid(v) {
    if (!(v > 0) || v > MAX) return NaN;
    v = round(v, 2);
    return v > 0 ? v : NaN;
  }

  var core = { plain: plain, roundString: roundString, round: round, number: number, money: money,
    splitCents: splitCents, parseAmount: parseAmount, valid: valid, scale: scale, composition: composition };
  if (typeof module === 'object' && module.exports) {
    module.exports = core;
    return;
  }

  function start() {
    var article = document.querySelector('article.product[data-base]');
    var calc = article && article.querySelector('section.calc');
    var form = calc && calc.querySelector('form.calc-form');
    if (!form) return;
    var lang = article.getAttribute('data-lang') === 'de' ? 'de' : 'en';
    var currency = article.getAttribute('data-currency');
    var base = parseFloat(article.getAttribute('data-base'));
    var input = form.querySelector('#calc-amount');
    var period = form.querySelector('#calc-period');
    var formula = form.querySelector('.calc-formula');
    var fmt = function (v) { return money(v, currency, lang); };

    // The composition of costs: its cells, split again from the shares.
    var comp = article.querySelector('.calc-scope figure.chart-costs');
    var compCells = comp ? [].slice.call(comp.querySelectorAll('td[data-amount]')) : [];
    var shares = (calc.getAttribute('data-shares') || '').split(' ').filter(Boolean).map(parseFloat);
    var compTotal = parseFloat(calc.getAttribute('data-composition'));
    if (compCells.length !== shares.length + 1) compCells = []; // not the page's own composition: leave it

    var amounts = [];
    [].forEach.call(article.querySelectorAll('.glance [data-amount], .calc-scope [data-amount]'), function (el) {
      if (compCells.indexOf(el) >= 0) return;
      amounts.push({ el: el, text: el.textContent });
    });
    var texts = [];
    [].forEach.call(article.querySelectorAll('.glance [data-in-text], .calc-scope [data-in-text]'), function (el) {
      texts.push({ el: el, shown: fmt(parseFloat(el.getAttribute('data-in-text'))) });
    });
    var glanceCosts = article.querySelector('[data-calc-costs]');
    var glanceImpact = article.querySelector('[data-calc-impact]');
    var glanceLabel = article.querySelector('[data-calc-label]');

    // replaceIn swaps the text from for to in el's text nodes, keeping its
    // links and other elements.
    function replaceIn(el, from, to) {
      var walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, null);
      for (var n = walk.nextNode(); n; n = walk.nextNode()) {
        if (n.nodeValue.indexOf(from) >= 0) n.nodeValue = n.nodeValue.split(from).join(to);
      }
    }

    function show(amount) {
      if (period && glanceCosts) {
        var o = period.options[period.selectedIndex];
        glanceCosts.setAttribute('data-amount', o.getAttribute('data-amount'));
        glanceImpact.textContent = o.getAttribute('data-impact');
        glanceLabel.textContent = o.textContent;
      }
      amounts.forEach(function (a) {
        var v = parseFloat(a.el.getAttribute('data-amount') || a.el.getAttribute('data-sort'));
        a.el.textContent = fmt(scale(v, amount, base));
      });
      if (compCells.length) {
        var c = composition(shares, compTotal, amount, base);
        c.lines.forEach(function (v, i) { compCells[i].textContent = fmt(v); });
        compCells[c.lines.length].textContent = fmt(c.total);
      }
      texts.forEach(function (t) {
        var now = fmt(scale(parseFloat(t.el.getAttribute('data-in-text')), amount, base));
        if (now !== t.shown) { replaceIn(t.el, t.shown, now); t.shown = now; }
      });
      var factor = number(round(amount / base, 4), 4, lang).replace(lang === 'de' ? /,?0+$/ : /\.?0+$/, '');
      formula.classList.remove('invalid');
      input.removeAttribute('aria-invalid');
      formula.textContent = calc.getAttribute('data-formula').split('{base}').join(fmt(base))
        .split('{amount}').join(fmt(amount)).split('{factor}').join(factor);
    }

    function update(complain) {
      var amount = valid(parseAmount(input.value, lang));
      if (isNaN(amount)) {
        if (complain) {
          formula.textContent = calc.getAttribute('data-invalid');
          formula.classList.add('invalid');
          input.setAttribute('aria-invalid', 'true');
        }
        return;
      }
      show(amount);
    }

    var asked = /(?:^|[?&])amount=([^&#]*)/.exec(location.search);
    input.value = asked ? decodeURIComponent(asked[1].replace(/\+/g, ' ')) : number(base, 0, lang);
    input.addEventListener('input', function () { update(false); });
    if (period) period.addEventListener('change', function () { update(false); });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      update(true);
    });
    calc.querySelector('.calc-nojs').hidden = true;
    form.hidden = false;
    update(true);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
