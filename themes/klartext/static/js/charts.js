/* klartext charts: draws every <script type="application/json" data-chart="ID">
 * into the element with that id, with ECharts' SVG renderer. Load it deferred.
 * ECharts (echarts.min.js beside this script, the theme's own bundle of the
 * parts the charts use: scripts/vendor-echarts.sh) is loaded when the first
 * chart comes within a quarter screen of the viewport, so a page whose charts lie
 * below the fold does not load it on its first view; a page that loaded it
 * already (a theme of its own) is drawn at once. Without ECharts nothing is
 * drawn: the tables stay.
 * Axes and tooltips may carry "klartextFormat" ({locale, style, currency,
 * digits, min, max}); it becomes an Intl.NumberFormat formatter, because
 * ECharts formats numbers the English way and JSON carries no functions. */
(function () {
  'use strict';
  if (!document.querySelectorAll || !window.JSON) return;
  var nodes = document.querySelectorAll('script[type="application/json"][data-chart]');
  if (!nodes.length) return;
  var me = document.currentScript;
  var library = me && me.src ? me.src.replace(/charts\.js(?:[?#].*)?$/, 'echarts.min.js') : '/js/echarts.min.js';

  function formatter(f) {
    var nf;
    try {
      nf = new Intl.NumberFormat(f.locale, {
        style: f.style === 'percent' ? 'percent' : (f.style === 'currency' && f.currency ? 'currency' : 'decimal'),
        currency: f.currency || undefined,
        minimumFractionDigits: f.digits || 0,
        maximumFractionDigits: f.digits || 0
      });
    } catch (e) {
      return null;
    }
    return function (v) {
      if (typeof v !== 'number') return v;
      if ((f.min != null && v < f.min) || (f.max != null && v > f.max)) return '';
      return nf.format(f.style === 'percent' ? v / 100 : v);
    };
  }

  // fit keeps a chart's text from overlapping at the element's width
  // (360 px phones to desktops): ECharts places labels by the data, not by
  // their size. Category labels break within their slot (a horizontal bar
  // chart's names within part of the width: ECharts would draw a long name
  // past the edge), axis labels that would still touch are hidden, bar
  // labels of several lines get room above the bars, a legend of two lines
  // gets room above the grid.
  function fit(opt, width) {
    var narrow = width < 560;
    if (narrow) sideways(opt, width);
    var xs = [].concat(opt.xAxis || []), ys = [].concat(opt.yAxis || []);
    var grid = opt.grid || {};
    var slots = 0;
    xs.concat(ys).forEach(function (a) {
      if (!a) return;
      a.axisLabel = a.axisLabel || {};
      a.axisLabel.hideOverlap = true;
      if (a.type === 'value' && narrow) a.splitNumber = 3;
    });
    ys.forEach(function (a) {
      if (!a || a.type !== 'category') return;
      a.axisLabel.width = Math.max(72, Math.round(width * 0.45));
      a.axisLabel.overflow = 'break';
      a.axisLabel.lineHeight = 14;
    });
    xs.forEach(function (a) {
      if (!a || a.type !== 'category' || !a.data || !a.data.length) return;
      slots = a.data.length;
      a.axisLabel.width = Math.max(36, Math.floor((width - 72) / slots) - 8);
      a.axisLabel.overflow = 'break';
      a.axisLabel.lineHeight = 14;
      a.axisLabel.alignMinLabel = 'left';
      a.axisLabel.alignMaxLabel = 'right';
    });
    var lines = 1;
    (opt.series || []).forEach(function (s) {
      (s.data || []).forEach(function (d) {
        var l = d && d.label;
        if (!l || typeof l.formatter !== 'string') return;
        l.lineHeight = 15;
        if (slots && xs.length && xs[0].type === 'category') {
          l.width = Math.max(48, Math.floor((width - 72) / slots) - 4);
          l.overflow = 'break';
          if (narrow) l.fontSize = 11;
        }
        lines = Math.max(lines, l.formatter.split('\n').length + (narrow ? 1 : 0));
      });
    });
    if (slots && lines > 1 && grid.top != null) grid.top = Math.max(grid.top, 16 + 15 * lines);
    var legend = opt.legend;
    if (narrow && legend && legend.show && grid.top != null) grid.top = Math.max(grid.top, 64);
    return opt;
  }

  // sideways turns a bar chart whose category names do not fit under their
  // bars (the scenarios' names on a phone) into horizontal bars, the names
  // beside them; a chart with lines keeps its time axis.
  function sideways(opt, width) {
    var x = [].concat(opt.xAxis || [])[0];
    if (!x || x.type !== 'category' || !x.data || [].concat(opt.yAxis || []).length !== 1) return;
    if ((opt.series || []).some(function (s) { return s.type !== 'bar'; })) return;
    var slot = (width - 72) / x.data.length, longest = 0;
    x.data.forEach(function (c) { longest = Math.max(longest, String(c).length); });
    if (longest * 6.5 <= slot) return; // about 6.5 px a character at 12 px
    var y = [].concat(opt.yAxis)[0];
    delete x.axisTick;
    x.inverse = true;
    delete y.nameLocation;
    opt.xAxis = [y];
    opt.yAxis = [x];
    var labels = false;
    (opt.series || []).forEach(function (s) {
      (s.data || []).forEach(function (d) {
        if (d && d.label && d.label.position === 'top') { d.label.position = 'right'; labels = true; }
      });
    });
    if (opt.grid) {
      opt.grid.top = 8;
      if (labels) opt.grid.right = Math.max(opt.grid.right || 0, 104);
    }
  }

  function localize(opt) {
    ['xAxis', 'yAxis'].forEach(function (k) {
      [].concat(opt[k] || []).forEach(function (a) {
        var fn = a && a.klartextFormat && formatter(a.klartextFormat);
        if (fn) {
          a.axisLabel = a.axisLabel || {};
          a.axisLabel.formatter = fn;
        }
      });
    });
    var t = opt.tooltip, fn = t && t.klartextFormat && formatter(t.klartextFormat);
    if (fn) t.valueFormatter = fn;
    return opt;
  }

  var charts = [];
  function draw(node) {
    var ec = window.echarts;
    var el = document.getElementById(node.getAttribute('data-chart'));
    if (!el || !ec || !ec.init) return;
    try {
      var opt = localize(JSON.parse(node.textContent));
      el.hidden = false; // shown first, so that it has a width
      fit(opt, el.clientWidth || 320);
      var chart = ec.init(el, null, { renderer: 'svg' });
      chart.setOption(opt);
      charts.push(chart);
    } catch (e) {
      el.hidden = true; // the table below still has the numbers
    }
  }

  // ready runs then once ECharts is there, loading it the first time.
  var waiting = null;
  function ready(then) {
    if (window.echarts && window.echarts.init) { then(); return; }
    if (!waiting) {
      waiting = [];
      var s = document.createElement('script');
      s.src = library;
      s.onload = function () { var w = waiting; waiting = []; w.forEach(function (f) { f(); }); };
      s.onerror = function () { waiting = []; canvases.forEach(function (el) { if (!el.firstChild) el.hidden = true; }); };
      document.head.appendChild(s);
    }
    waiting.push(then);
  }

  // Every chart's place is kept from the start, so that a chart drawn
  // later moves nothing on the screen.
  var canvases = [];
  [].forEach.call(nodes, function (node) {
    var el = document.getElementById(node.getAttribute('data-chart'));
    if (el) { el.hidden = false; canvases.push(el); }
  });
  [].forEach.call(nodes, function (node) {
    var figure = node.parentNode;
    if (!('IntersectionObserver' in window) || (window.echarts && window.echarts.init)) {
      ready(function () { draw(node); });
      return;
    }
    var seen = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      seen.disconnect();
      ready(function () { draw(node); });
    }, { rootMargin: '25% 0px' });
    seen.observe(figure);
  });

  var timer;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      for (var j = 0; j < charts.length; j++) charts[j].resize();
    }, 100);
  });
})();
