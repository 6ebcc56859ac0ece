// feedback.js — loads the feedback provider's embed on the reader's request.
//
// Loaded with <script defer src="/js/feedback.js">. For every
// <section class="feedback-embed"> built by partials/feedback.html it reads
// data-embed (JSON: container, script, scriptAttrs, configVar, config) and
// creates the provider's elements inside .feedback-mount:
//   - consent "click": only after a click on the button that names the host;
//   - consent "none", or the reader ticked "remember my choice" earlier: at once.
// Nothing is stored unless the reader ticks the checkbox; then only
// localStorage (no cookie), key "klartext-feedback-consent:<origin>".
// No inline script or style is created, so a strict CSP holds.
(function () {
  "use strict";

  var PREFIX = "klartext-feedback-consent:";

  function storageGet(key) {
    try {
      return window.localStorage ? window.localStorage.getItem(key) : null;
    } catch (e) {
      return null; // storage disabled: ask every time
    }
  }

  function storageSet(key, value) {
    try {
      if (window.localStorage) window.localStorage.setItem(key, value);
    } catch (e) {
      /* storage disabled or full: the choice is simply not kept */
    }
  }

  function setAttrs(el, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (name) {
      if (/^on/i.test(name) || name.toLowerCase() === "style") return;
      el.setAttribute(name, String(attrs[name]));
    });
  }

  function sameOrigin(src, origin) {
    try {
      return new URL(src, document.baseURI).origin === origin;
    } catch (e) {
      return false;
    }
  }

  function load(section, spec) {
    if (section.getAttribute("data-loaded") === "true") return;
    var mount = section.querySelector(".feedback-mount");
    var origin = section.getAttribute("data-origin");
    if (!mount || !spec || !spec.script || !sameOrigin(spec.script, origin)) return;
    section.setAttribute("data-loaded", "true");

    if (spec.configVar && spec.config) {
      // remark42 reads its configuration from a global; set from data, not an inline script.
      window[spec.configVar] = Object.assign({}, spec.config);
    }
    if (spec.container) {
      var c = document.createElement(spec.container.tag || "div");
      setAttrs(c, spec.container.attrs);
      mount.appendChild(c);
    }
    var s = document.createElement("script");
    setAttrs(s, spec.scriptAttrs);
    s.src = spec.script;
    s.async = true;
    mount.appendChild(s);

    var consent = section.querySelector(".feedback-consent");
    if (consent) consent.hidden = true;
  }

  function init(section) {
    var spec;
    try {
      spec = JSON.parse(section.getAttribute("data-embed") || "null");
    } catch (e) {
      return;
    }
    if (!spec) return;
    var origin = section.getAttribute("data-origin") || "";
    var key = PREFIX + origin;

    if (section.getAttribute("data-consent") === "none" || storageGet(key) === "yes") {
      load(section, spec);
      return;
    }
    var consent = section.querySelector(".feedback-consent");
    var button = section.querySelector(".feedback-load");
    if (!consent || !button) return;
    consent.hidden = false;
    button.addEventListener("click", function () {
      var remember = section.querySelector(".feedback-remember");
      if (remember && remember.checked) storageSet(key, "yes");
      load(section, spec);
    });
  }

  function start() {
    var sections = document.querySelectorAll("section.feedback-embed[data-embed]");
    for (var i = 0; i < sections.length; i++) init(sections[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
