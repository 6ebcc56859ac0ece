// klartext live reload. Inserted by `klartext serve` only; built files never
// contain it. Listens on /_klartext/events:
//   reload {urls, css, all}  reload the page, or swap stylesheets when only CSS changed
//   error  {diagnostics}     show the build's errors over the last good page
//   ok     {}                the build is good again: remove the overlay
(function () {
  "use strict";
  if (!window.EventSource || window.__klartextLive) {
    return;
  }
  window.__klartextLive = true;

  var script = document.currentScript;
  var build = (script && script.getAttribute("data-build")) || "";
  var status = (script && script.getAttribute("data-status")) || "200";
  var OVERLAY_ID = "klartext-build-errors";

  function normalize(p) {
    p = p.split("#")[0].split("?")[0];
    if (/\/index\.html?$/i.test(p)) {
      p = p.replace(/index\.html?$/i, "");
    }
    return p;
  }

  function isPage(p) {
    return /\/$/.test(p) || /\.html?$/i.test(p);
  }

  // Reload when the page itself changed, when anything that is not a page
  // changed (an image, a script, data any page may use), when the page is
  // the 404 page (it may exist now), or when the server says so.
  function needsReload(d) {
    if (d.all || status !== "200") {
      return true;
    }
    var here = normalize(location.pathname);
    for (var i = 0; i < d.urls.length; i++) {
      var p = normalize(d.urls[i]);
      if (p === here || !isPage(p)) {
        return true;
      }
    }
    return false;
  }

  // Swap every same-origin stylesheet for a fresh copy; the old one goes
  // when the new one has loaded, so the page does not flash unstyled.
  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    var stamp = String(Date.now());
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var url = new URL(link.getAttribute("href"), location.href);
      if (url.origin !== location.origin) {
        continue;
      }
      url.searchParams.set("klartext-reload", stamp);
      var next = link.cloneNode(false);
      next.href = url.pathname + url.search;
      next.onload = next.onerror = (function (old) {
        return function () {
          if (old.parentNode) {
            old.parentNode.removeChild(old);
          }
        };
      })(link);
      link.parentNode.insertBefore(next, link.nextSibling);
    }
  }

  function el(tag, style, text) {
    var e = document.createElement(tag);
    if (style) {
      e.setAttribute("style", style);
    }
    if (text) {
      e.textContent = text; // never innerHTML: messages quote user content
    }
    return e;
  }

  function hideErrors() {
    var box = document.getElementById(OVERLAY_ID);
    if (box && box.parentNode) {
      box.parentNode.removeChild(box);
    }
  }

  function showErrors(diagnostics) {
    hideErrors();
    var box = el("div",
      "all:initial;position:fixed;left:0;right:0;bottom:0;z-index:2147483647;" +
      "max-height:60vh;overflow:auto;box-sizing:border-box;padding:16px 20px;" +
      "background:#fff4f4;color:#1b1b1b;border-top:4px solid #b3261e;" +
      "font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;" +
      "box-shadow:0 -4px 16px rgba(0,0,0,.2)");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");

    var errors = 0;
    for (var i = 0; i < diagnostics.length; i++) {
      if (diagnostics[i].severity !== "warning") {
        errors++;
      }
    }
    var title = el("h2", "all:initial;display:block;font:bold 17px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;color:#b3261e;margin:0 0 8px",
      "Build failed (" + errors + (errors === 1 ? " error" : " errors") +
      "). This is the last good version of the page.");
    title.id = OVERLAY_ID + "-title";
    box.appendChild(title);

    var list = el("ul", "all:initial;display:block;margin:0;padding:0 0 0 20px;list-style:disc;font:inherit;color:inherit");
    for (var j = 0; j < diagnostics.length; j++) {
      var d = diagnostics[j];
      var item = el("li", "all:initial;display:list-item;margin:4px 0;font:inherit;color:inherit");
      var where = d.file || "";
      if (where && d.line) {
        where += ":" + d.line + (d.column ? ":" + d.column : "");
      }
      if (where) {
        item.appendChild(el("code", "all:initial;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;font-weight:bold;color:inherit", where));
        item.appendChild(document.createTextNode(" "));
      }
      if (d.severity === "warning") {
        item.appendChild(el("strong", "all:initial;font:inherit;font-weight:bold;color:#7a5a00", "warning: "));
      }
      item.appendChild(document.createTextNode(d.message || ""));
      if (d.hint) {
        item.appendChild(el("div", "all:initial;display:block;font:inherit;color:#444", d.hint));
      }
      list.appendChild(item);
    }
    box.appendChild(list);

    var close = el("button",
      "all:initial;position:absolute;top:8px;right:12px;cursor:pointer;padding:2px 8px;" +
      "font:14px/1.5 system-ui,sans-serif;color:#1b1b1b;border:1px solid #888;border-radius:4px;background:#fff",
      "Hide");
    close.type = "button";
    close.setAttribute("aria-label", "Hide build errors");
    close.onclick = hideErrors;
    box.appendChild(close);

    (document.body || document.documentElement).appendChild(box);
  }

  function parse(e) {
    try {
      return JSON.parse(e.data);
    } catch (err) {
      return null;
    }
  }

  var source = new EventSource("/_klartext/events" + (build ? "?build=" + encodeURIComponent(build) : ""));

  source.addEventListener("reload", function (e) {
    var d = parse(e);
    if (!d) {
      return;
    }
    hideErrors();
    if (d.css && status === "200") {
      swapStylesheets();
    } else if (needsReload(d)) {
      source.close();
      location.reload();
    }
  });

  // EventSource fires its own "error" (a plain Event without data) when
  // the connection drops; it reconnects by itself. Only ours carries data.
  source.addEventListener("error", function (e) {
    if (typeof e.data !== "string") {
      return;
    }
    var d = parse(e);
    if (d && d.diagnostics) {
      showErrors(d.diagnostics);
    }
  });

  source.addEventListener("ok", hideErrors);
})();
