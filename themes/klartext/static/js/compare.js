/* klartext compare: two or three products side by side on the products
 * page — risk, holding period, costs over time, scenarios, the KID.
 *
 * The choice is in the page's address (?compare=id,id#vergleich), so it
 * can be shared; a product page links here with itself chosen. The
 * products are the comparison table's (figure.chart-comparison), and each
 * chosen product's figures are read from its own page, fetched from this
 * site (connect-src 'self'): the numbers are the ones that page shows,
 * from its one computation, not a second copy of them. Without JavaScript
 * the form stays hidden and the comparison table serves. */
(function () {
  'use strict';
  var sec = document.querySelector('section.compare[data-compare]');
  if (!sec || !window.fetch || !window.DOMParser || !window.history) return;
  var form = sec.querySelector('form.compare-form');
  var out = sec.querySelector('.compare-result');
  var selects = [].slice.call(form.querySelectorAll('select'));
  var L = function (k) { return sec.getAttribute('data-l-' + k) || ''; };

  // idOf is a product page's id: the last segment of its address.
  function idOf(href) {
    var parts = href.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/');
    try { return decodeURIComponent(parts[parts.length - 1]); } catch (e) { return parts[parts.length - 1]; }
  }

  var products = [], byID = {};
  [].forEach.call(document.querySelectorAll('figure.chart-comparison table a[href]'), function (a) {
    var p = { id: idOf(a.getAttribute('href')), name: a.textContent.trim(), href: a.getAttribute('href') };
    if (!byID[p.id]) { byID[p.id] = p; products.push(p); }
  });
  if (products.length < 2) return;
  products.sort(function (a, b) { return a.name.localeCompare(b.name, document.documentElement.lang || undefined); });
  selects.forEach(function (s) {
    products.forEach(function (p) {
      var o = document.createElement('option');
      o.value = p.id;
      o.textContent = p.name;
      s.appendChild(o);
    });
  });

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  function texts(nodes) { return [].map.call(nodes, function (n) { return n.textContent.trim(); }); }
  function one(doc, sel) { var e = doc.querySelector(sel); return e ? e.textContent.trim() : ''; }

  // read takes a product page apart into what the comparison shows.
  function read(doc, p) {
    var heads = texts(doc.querySelectorAll('table.costs-over-time thead th'));
    var rows = doc.querySelectorAll('table.costs-over-time tbody tr');
    var costs = rows[0] ? texts(rows[0].querySelectorAll('td')) : [];
    var impacts = rows[1] ? texts(rows[1].querySelectorAll('td')) : [];
    var scen = [];
    [].forEach.call(doc.querySelectorAll('figure.chart-scenarios table tbody tr'), function (tr) {
      var cells = texts(tr.querySelectorAll('td'));
      scen.push({ name: one(tr, 'th'), value: cells[cells.length - 2] || '', ret: cells[cells.length - 1] || '' });
    });
    var kid = doc.querySelector('.glance-basis a[rel=noopener]');
    return {
      p: p, title: one(doc, 'h1') || p.name, badge: one(doc, '.glance-class .visually-hidden'),
      sri: one(doc, '.glance .risk-scale li.on'), holding: one(doc, '.glance-figures div:nth-child(3) dd'),
      corner: heads[0] || '', heads: heads.slice(1), costs: costs, impacts: impacts, scenarios: scen,
      kid: kid ? { href: kid.getAttribute('href'), text: kid.textContent.trim() } : null
    };
  }

  function load(p) {
    return fetch(p.href, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error(p.href + ': ' + r.status);
      return r.text();
    }).then(function (html) { return read(new DOMParser().parseFromString(html, 'text/html'), p); });
  }

  // render writes the side-by-side table: a row per fact, a column per
  // product; each cell names its product (data-label) for a phone, where
  // the rows stack like the other tables of figures.
  function render(list) {
    var wrap = el('div', null, { 'class': 'table-scroll', tabindex: '0', role: 'group', 'aria-labelledby': 'compare-caption' });
    var table = el('table', null, { 'class': 'compare-table' });
    var names = list.map(function (x) { return x.title; });
    table.appendChild(el('caption', L('caption').replace('%s', names.join(', ')) + (list[0].corner ? ' (' + list[0].corner + ')' : ''), { id: 'compare-caption' }));
    var head = el('tr');
    head.appendChild(el('td'));
    list.forEach(function (x) {
      var th = el('th', null, { scope: 'col' });
      th.appendChild(el('a', x.title, { href: x.p.href }));
      head.appendChild(th);
    });
    var thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el('tbody');
    function row(label, cell) {
      var tr = el('tr');
      tr.appendChild(el('th', label, { scope: 'row' }));
      list.forEach(function (x) {
        var td = el('td', null, { 'data-label': x.title });
        var v = cell(x, td);
        if (typeof v === 'string') td.textContent = v || '\u2013';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
    row(L('risk'), function (x, td) {
      var scale = el('span', null, { 'class': 'compare-scale', 'aria-hidden': 'true' });
      for (var i = 1; i <= 7; i++) scale.appendChild(el('span', String(i), String(i) === x.sri ? { 'class': 'on' } : {}));
      td.appendChild(el('span', x.badge, { 'class': 'compare-badge' }));
      td.appendChild(scale);
    });
    row(L('holding'), function (x) { return x.holding; });
    row(L('first'), function (x) { return x.costs.length > 1 ? x.costs[0] : ''; });
    row(L('rhp'), function (x) {
      var n = x.costs.length;
      return n ? x.costs[n - 1] + ' (' + x.heads[n - 1] + ')' : '';
    });
    row(L('impact'), function (x) { return x.impacts.length ? x.impacts[x.impacts.length - 1] + ' ' + L('year') : ''; });
    var scenarios = [];
    list.forEach(function (x) {
      x.scenarios.forEach(function (s) { if (scenarios.indexOf(s.name) < 0) scenarios.push(s.name); });
    });
    scenarios.forEach(function (name) {
      row(name + ' ' + L('scenario'), function (x) {
        var s = x.scenarios.filter(function (y) { return y.name === name; })[0];
        return s ? s.value + ' (' + s.ret + ' ' + L('year') + ')' : '';
      });
    });
    row(L('kid'), function (x, td) {
      if (!x.kid) return '';
      td.appendChild(el('a', x.kid.text, { href: x.kid.href, rel: 'noopener' }));
    });
    table.appendChild(body);
    wrap.appendChild(table);
    out.textContent = '';
    out.appendChild(wrap);
  }

  function chosen() {
    var ids = [];
    selects.forEach(function (s) { if (s.value && ids.indexOf(s.value) < 0) ids.push(s.value); });
    return ids;
  }

  var asked = 0;
  function show(ids) {
    var mine = ++asked;
    out.textContent = L('loading');
    Promise.all(ids.map(function (id) { return load(byID[id]); })).then(function (list) {
      if (mine === asked) render(list);
    }, function () {
      if (mine === asked) out.textContent = L('failed');
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var ids = chosen();
    if (ids.length < 2) { out.textContent = L('pick'); return; }
    history.replaceState(null, '', '?compare=' + ids.map(encodeURIComponent).join(',') + '#' + sec.id);
    show(ids);
  });

  var m = /(?:^|[?&])compare=([^&#]*)/.exec(location.search);
  var wanted = [];
  if (m) {
    decodeURIComponent(m[1]).split(',').forEach(function (id) {
      if (byID[id] && wanted.indexOf(id) < 0 && wanted.length < selects.length) wanted.push(id);
    });
  }
  wanted.forEach(function (id, i) { selects[i].value = id; });
  sec.querySelector('.compare-nojs').hidden = true;
  form.hidden = false;
  if (wanted.length >= 2) show(wanted);
}());
