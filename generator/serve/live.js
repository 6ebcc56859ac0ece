// klartext live reload. Inserted by `klartext serve` only; built files never
// contain it. Listens on /_klartext/events:
//   reload {urls, css, all}  reload the page, or swap stylesheets when only CSS changed
//   error  {diagnostics}     show the build's errors over the last good page
//   ok     {}                the build is good again: remove the overlay
// The overlay's styles are /_klartext/live.css (the site's CSP blocks
// inline styles); its own words are in the site's language (data-lang,
// else the page's lang), German or English. The diagnostics come in the
// language the server wrote them in (the event's lang).
(function () {
  "use strict";
  if (!window.EventSource || window.__klartextLive) {
    return;
  }
  window.__klartextLive = true;

  var script = document.currentScript;
  var build = (script && script.getAttribute("data-build")) || "";
  var status = (script && script.getAttribute("data-status")) || "200";
  var lang = (script && script.getAttribute("data-lang")) || document.documentElement.getAttribute("lang") || "";
  var OVERLAY_ID = "klartext-build-errors";
  var CSS_ID = "klartext-build-errors-css";

  var TEXTS = {
    en: {
      failed: function (n) {
        return "Build failed (" + n + (n === 1 ? " error" : " errors") + "). This is the last good version of the page.";
      },
      hint: "Correct the file named below and save it: the page then reloads by itself.",
      warning: "warning: ",
      hide: "Hide",
      hideLabel: "Hide build errors"
    },
    de: {
      failed: function (n) {
        return "Die Website konnte nicht gebaut werden (" + n + " Fehler). Sie sehen die letzte fehlerfreie Fassung dieser Seite.";
      },
      hint: "Korrigieren Sie die genannte Datei und speichern Sie sie: Die Seite lädt dann von selbst neu.",
      warning: "Warnung: ",
      hide: "Ausblenden",
      hideLabel: "Build-Fehler ausblenden"
    }
  };
  var T = /^de(-|$)/i.test(lang) ? TEXTS.de : TEXTS.en;

  // The overlay's stylesheet, loaded with the page so that an error shows
  // styled at once.
  (function () {
    var link = document.createElement("link");
    link.id = CSS_ID;
    link.setAttribute("rel", "stylesheet");
    link.setAttribute("href", "/_klartext/live.css");
    (document.head || document.documentElement).appendChild(link);
  })();

  // A path as the server names changed pages: decoded ("/über-uns/"),
  // where location.pathname is percent-encoded.
  function normalize(p) {
    p = p.split("#")[0].split("?")[0];
    try {
      p = decodeURI(p);
    } catch (err) {
      // not encoded after all
    }
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
      if (link.id === CSS_ID) {
        continue;
      }
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

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.setAttribute("class", cls);
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

  function showErrors(diagnostics, msgLang) {
    hideErrors();
    var box = el("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
    box.setAttribute("lang", T === TEXTS.de ? "de" : "en");

    var errors = 0;
    for (var i = 0; i < diagnostics.length; i++) {
      if (diagnostics[i].severity !== "warning") {
        errors++;
      }
    }
    var title = el("h2", "", T.failed(errors));
    title.id = OVERLAY_ID + "-title";
    box.appendChild(title);
    box.appendChild(el("p", "", T.hint));

    var list = el("ul");
    for (var j = 0; j < diagnostics.length; j++) {
      var d = diagnostics[j];
      var item = el("li");
      var where = d.file || "";
      if (where && d.line) {
        where += ":" + d.line + (d.column ? ":" + d.column : "");
      }
      if (where) {
        item.appendChild(el("code", "", where));
        item.appendChild(document.createTextNode(" "));
      }
      if (d.severity === "warning") {
        item.appendChild(el("strong", "", T.warning));
      }
      // The build's own words, in the language the server wrote them in.
      var msg = el("span", "", d.message || "");
      msg.setAttribute("lang", msgLang || "en");
      item.appendChild(msg);
      if (d.hint) {
        var hint = el("span", "klartext-hint", d.hint);
        hint.setAttribute("lang", msgLang || "en");
        item.appendChild(hint);
      }
      list.appendChild(item);
    }
    box.appendChild(list);

    var close = el("button", "", T.hide);
    close.type = "button";
    close.setAttribute("aria-label", T.hideLabel);
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
      showErrors(d.diagnostics, d.lang);
    }
  });

  source.addEventListener("ok", hideErrors);
})();
