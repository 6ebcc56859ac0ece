// feedback-form.js — gives the plain feedback form its token.
//
// Loaded with <script defer src="/js/feedback-form.js"> on pages with the
// form of provider form (partials/feedback.html). The receiver (klartext
// feedback serve) only stores a message sent some seconds after the reader
// began: it signs the time the reader began into a token. This script asks
// for one — a GET of the form's action with Accept: application/json, no
// cookies, no credentials — when the reader first focuses the form, never
// on page load, and puts it into the hidden field marked data-feedback-token.
// Without JavaScript, or when the request fails, the field stays empty and
// the receiver asks the reader to confirm the message instead.
(function () {
  "use strict";

  if (!window.fetch) return;
  var forms = document.querySelectorAll("section.feedback-form form");
  Array.prototype.forEach.call(forms, function (form) {
    var field = form.querySelector("input[data-feedback-token]");
    if (!field) return;
    var asked = false;
    function ask() {
      if (asked) return;
      asked = true;
      window
        .fetch(form.action, {
          method: "GET",
          mode: "cors",
          credentials: "omit",
          cache: "no-store",
          headers: { Accept: "application/json" },
        })
        .then(function (r) {
          return r.ok ? r.json() : null;
        })
        .then(function (body) {
          if (body && typeof body.token === "string" && field.value === "") field.value = body.token;
        })
        .catch(function () {
          /* no token: the receiver asks the reader to confirm */
        });
    }
    form.addEventListener("focusin", ask);
    form.addEventListener("input", ask);
  });
})();
