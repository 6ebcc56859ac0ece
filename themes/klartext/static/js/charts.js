/* klartext charts: draws every <script type="application/json" data-chart="ID">
 * into the element with that id, with ECharts' SVG renderer. Load it deferred,
 * after /js/echarts.min.js. Without ECharts it does nothing: the tables stay.
 * Axes and tooltips may carry "klartextFormat" ({locale, style, currency,
 * digits, min, max}); it becomes an Intl.NumberFormat formatter, because
 * ECharts formats numbers the English way and JSON carries no functions. */
(function () {
  'use strict';
  var ec = window.echarts;
  if (!ec || !ec.init || !document.querySelectorAll || !window.JSON) return;

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

  // fit breaks the category labels of a horizontal bar chart (the cost
  // lines' names) within part of the chart's width: ECharts would otherwise
  // draw a long name past the chart's right edge on a phone.
  function fit(opt, width) {
    [].concat(opt.yAxis || []).forEach(function (a) {
      if (!a || a.type !== 'category') return;
      a.axisLabel = a.axisLabel || {};
      a.axisLabel.width = Math.max(72, Math.round(width * 0.45));
      a.axisLabel.overflow = 'break';
    });
    return opt;
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
  var nodes = document.querySelectorAll('script[type="application/json"][data-chart]');
  for (var i = 0; i < nodes.length; i++) {
    var el = document.getElementById(nodes[i].getAttribute('data-chart'));
    if (!el) continue;
    try {
      var opt = localize(JSON.parse(nodes[i].textContent));
      el.hidden = false; // shown first, so that it has a width
      fit(opt, el.clientWidth || 320);
      var chart = ec.init(el, null, { renderer: 'svg' });
      chart.setOption(opt);
      charts.push(chart);
    } catch (e) {
      el.hidden = true; // the table below still has the numbers
    }
  }

  if (charts.length) {
    var timer;
    window.addEventListener('resize', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        for (var j = 0; j < charts.length; j++) charts[j].resize();
      }, 100);
    });
  }
})();
