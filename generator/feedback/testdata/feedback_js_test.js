// Smoke test of themes/klartext/static/js/feedback.js with a minimal fake DOM.
// Run by TestFeedbackJS (skipped without node): node feedback_js_test.js <script> <json cases>
"use strict";
const fs = require("fs");
const vm = require("vm");
const assert = require("assert");

const [scriptPath, casesPath] = process.argv.slice(2);
const code = fs.readFileSync(scriptPath, "utf8");
const cases = JSON.parse(fs.readFileSync(casesPath, "utf8"));

function el(tag, attrs, cls) {
  const e = {
    tagName: tag.toUpperCase(), attrs: Object.assign({}, attrs || {}), children: [], className: cls || "",
    hidden: false, listeners: {}, checked: false,
    setAttribute(n, v) { this.attrs[n] = String(v); },
    getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; },
    appendChild(c) { this.children.push(c); return c; },
    addEventListener(t, f) { (this.listeners[t] = this.listeners[t] || []).push(f); },
    click() { (this.listeners.click || []).forEach((f) => f()); },
    querySelector(sel) {
      const cls = sel.replace(/^\./, "");
      const walk = (n) => { for (const c of n.children) { if (c.className === cls) return c; const r = walk(c); if (r) return r; } return null; };
      return walk(this);
    },
  };
  return e;
}

function run(c) {
  const store = {};
  const section = el("section", { "data-provider": c.provider, "data-consent": c.consent, "data-origin": c.origin, "data-embed": c.embed });
  const consent = section.appendChild(el("div", {}, "feedback-consent"));
  consent.hidden = true;
  const button = consent.appendChild(el("button", {}, "feedback-load"));
  const remember = consent.appendChild(el("input", {}, "feedback-remember"));
  const mount = section.appendChild(el("div", {}, "feedback-mount"));
  const errors = [];
  const window = {
    localStorage: { getItem: (k) => (k in store ? store[k] : null), setItem: (k, v) => { store[k] = v; } },
  };
  const document = {
    readyState: "complete", baseURI: "https://www.example-bank.test/products/etf-welt/",
    querySelectorAll: () => [section],
    createElement: (t) => el(t),
    addEventListener: () => {},
  };
  window.document = document;
  const ctx = vm.createContext({ window, document, URL, JSON, Object, console: { error: (m) => errors.push(m), log: () => {} } });
  vm.runInContext(code, ctx);

  if (c.consent === "click") {
    assert.strictEqual(mount.children.length, 0, c.provider + ": nothing may load before the click");
    assert.strictEqual(consent.hidden, false, c.provider + ": the consent button is shown");
    remember.checked = !!c.remember;
    button.click();
    assert.strictEqual(Object.keys(store).length, c.remember ? 1 : 0, c.provider + ": storage only when asked");
  }
  const scripts = mount.children.filter((n) => n.tagName === "SCRIPT");
  assert.strictEqual(scripts.length, 1, c.provider + ": one script");
  assert.strictEqual(scripts[0].src, c.wantScript);
  for (const [k, v] of Object.entries(c.wantScriptAttrs || {})) assert.strictEqual(scripts[0].attrs[k], v, c.provider + " " + k);
  if (c.wantContainer) {
    assert.strictEqual(mount.children[0].tagName, c.wantContainer.tag.toUpperCase());
    for (const [k, v] of Object.entries(c.wantContainer.attrs)) assert.strictEqual(mount.children[0].attrs[k], v, c.provider + " container " + k);
  }
  if (c.wantConfigVar) assert.deepStrictEqual(Object.assign({}, window[c.wantConfigVar]), c.wantConfig);
  // A second click does not load twice.
  button.click();
  assert.strictEqual(mount.children.filter((n) => n.tagName === "SCRIPT").length, 1);
  assert.deepStrictEqual(errors, []);
}

for (const c of cases) run(c);
console.log("ok", cases.length);
