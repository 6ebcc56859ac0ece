// Filters the advisor grid in place. Without JavaScript the filter links
// lead to generated pages with the same result.
(function () {
  'use strict';
  var nav = document.querySelector('.advisor-filters');
  var cards = document.querySelectorAll('.advisor-grid > li');
  if (!nav || !cards.length) { return; }
  nav.addEventListener('click', function (ev) {
    var link = ev.target.closest('a[data-token]');
    if (!link) { return; }
    var group = link.closest('[data-filter]');
    var key = group.getAttribute('data-filter');
    var token = link.getAttribute('data-token');
    var active = link.getAttribute('aria-current') === 'true';
    ev.preventDefault();
    nav.querySelectorAll('a[data-token]').forEach(function (a) { a.removeAttribute('aria-current'); });
    cards.forEach(function (li) {
      var card = li.querySelector('.advisor-card');
      var values = (card && card.getAttribute('data-' + key) || '').split(' ');
      li.hidden = !active && values.indexOf(token) < 0;
    });
    if (!active) { link.setAttribute('aria-current', 'true'); }
  });
}());
